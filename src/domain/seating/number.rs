//! Participant numbers (nomor peserta) of the written test.
//!
//! The format is a setting of the round, a template such as
//! `{BODY}-{KAB4}-T{NNNN}` → `PPS-3514-T0001`. It must not look like a
//! registration number (`PPS-3514-0001`): both are printed on the same
//! lists and read out at the same desk, and a participant number that
//! could be someone else's registration number would seat the wrong
//! person. Numbers are given in the order of the unit code, then the name,
//! then the id, so a room's list reads by kecamatan and alphabetically.
//! A number once given is never given to anyone else: new participants get
//! the next free ones.

use crate::domain::round::Body;

/// The format a round starts with.
pub const DEFAULT_NUMBER_FORMAT: &str = "{BODY}-{KAB4}-T{NNNN}";

/// The longest template.
const MAX_CHARS: usize = 40;

/// A participant number template, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberFormat {
    template: String,
}

/// One piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Body,
    Kab4,
    /// The sequence, zero-padded to this many digits.
    Seq(usize),
}

fn pieces(template: &str) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    let mut rest = template;
    while !rest.is_empty() {
        match rest.find('{') {
            Some(0) => {
                let Some(end) = rest.find('}') else {
                    return Err("Format nomor peserta memiliki \"{\" tanpa \"}\" penutup.".into());
                };
                let name = &rest[1..end];
                out.push(match name {
                    "BODY" => Piece::Body,
                    "KAB4" => Piece::Kab4,
                    n if !n.is_empty() && n.bytes().all(|b| b == b'N') => {
                        if !(3..=6).contains(&n.len()) {
                            return Err(
                                "Urutan nomor ditulis dengan 3 sampai 6 huruf N, mis. {NNNN}."
                                    .into(),
                            );
                        }
                        Piece::Seq(n.len())
                    }
                    _ => {
                        return Err(format!(
                            "Bagian {{{}}} tidak dikenal; gunakan {{BODY}}, {{KAB4}} dan {{NNNN}}.",
                            crate::domain::text::shown(name)
                        ))
                    }
                });
                rest = &rest[end + 1..];
            }
            found => {
                let end = found.unwrap_or(rest.len());
                let text = &rest[..end];
                if let Some(c) = text
                    .chars()
                    .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '.' | '_')))
                {
                    return Err(format!(
                        "Format nomor peserta hanya boleh berisi huruf, angka, dan tanda - / . _ \
                         (tanda \"{c}\" tidak dapat dipakai)."
                    ));
                }
                out.push(Piece::Text(text.to_string()));
                rest = &rest[end..];
            }
        }
    }
    Ok(out)
}

/// Whether `s` has the shape of a registration number of `body`: the
/// body, a dash, digits, a dash, digits (`PPS-3514-0001`).
fn looks_like_registration(s: &str, body: Body) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 3
        && parts[0].eq_ignore_ascii_case(body.as_str())
        && [parts[1], parts[2]]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

impl NumberFormat {
    /// Reads a template as staff type it. Exactly one sequence placeholder
    /// (`{NNN}` to `{NNNNNN}`); `{BODY}` and `{KAB4}` are optional; the
    /// numbers it makes must not look like registration numbers.
    pub fn parse(template: &str) -> Result<NumberFormat, String> {
        let template = template.trim();
        if template.is_empty() {
            return Err(format!(
                "Format nomor peserta belum diisi; contoh: {DEFAULT_NUMBER_FORMAT}."
            ));
        }
        if template.chars().count() > MAX_CHARS {
            return Err(format!(
                "Format nomor peserta paling panjang {MAX_CHARS} karakter."
            ));
        }
        let p = pieces(template)?;
        let seqs = p.iter().filter(|x| matches!(x, Piece::Seq(_))).count();
        if seqs != 1 {
            return Err(
                "Format nomor peserta harus memuat tepat satu urutan nomor, mis. {NNNN}.".into(),
            );
        }
        let f = NumberFormat {
            template: template.to_string(),
        };
        for body in [Body::Ppk, Body::Pps] {
            if looks_like_registration(&f.render(body, "3514", 1), body) {
                return Err(format!(
                    "Nomor dengan format \"{template}\" mirip nomor pendaftaran (mis. {}-3514-0001) \
                     sehingga mudah tertukar; tambahkan penanda, mis. {DEFAULT_NUMBER_FORMAT}.",
                    body.as_str()
                ));
            }
        }
        Ok(f)
    }

    /// The template as stored.
    pub fn as_str(&self) -> &str {
        &self.template
    }

    /// The number of the `seq`-th participant (from 1). A sequence longer
    /// than the padding keeps all its digits, so numbers stay unique.
    pub fn render(&self, body: Body, kab4: &str, seq: u32) -> String {
        let mut out = String::new();
        // Parsed when made: a stored template is always readable.
        for piece in pieces(&self.template).unwrap_or_default() {
            match piece {
                Piece::Text(t) => out.push_str(&t),
                Piece::Body => out.push_str(body.as_str()),
                Piece::Kab4 => out.push_str(kab4),
                Piece::Seq(width) => out.push_str(&format!("{seq:0width$}")),
            }
        }
        out
    }
}

impl Default for NumberFormat {
    fn default() -> Self {
        NumberFormat {
            template: DEFAULT_NUMBER_FORMAT.to_string(),
        }
    }
}

/// An MS applicant waiting for a participant number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbered {
    pub id: i64,
    /// Digits of the unit (kecamatan for PPK, desa for PPS).
    pub unit_code: String,
    /// The name as it sorts (see `store::applicants::name_key`).
    pub name_key: String,
}

/// The sequences to give `fresh` applicants when the highest one given so
/// far in the round is `last` (0 when none): `last + 1`, `last + 2`, … in
/// the order of the unit code, then the name, then the id.
pub fn numbering_order(last: u32, mut fresh: Vec<Numbered>) -> Vec<(i64, u32)> {
    fresh.sort_by(|a, b| (&a.unit_code, &a.name_key, a.id).cmp(&(&b.unit_code, &b.name_key, b.id)));
    fresh
        .into_iter()
        .zip(last + 1..)
        .map(|(a, seq)| (a.id, seq))
        .collect()
}
