//! The commission's official documents of a round (publications): the
//! announcement (pengumuman) of a stage's results, the minutes (Berita
//! Acara) of the plenary that closed a stage, and the lampiran of the
//! decision (SK) that appoints the members. Which kinds exist, their
//! editable texts with placeholders, and their numbering templates.
//!
//! Pure: no I/O. The texts are templates with `{placeholder}`s filled in
//! when a document is made; unknown placeholders are refused when a
//! template is saved, so a document never prints a stray `{...}`.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::round::Stage;
use crate::error::{Error, Result};

/// A kind of document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "stage", rename_all = "snake_case")]
#[ts(export)]
pub enum PublicationKind {
    /// Pengumuman of the administrative check, the written test or the
    /// final result.
    Pengumuman(Stage),
    /// Berita Acara of the plenary that closed a stage.
    BeritaAcara(Stage),
    /// The list of members appended to the SK penetapan.
    LampiranSk,
}

/// Which numbering sequence a kind draws from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Series {
    Pengumuman,
    BeritaAcara,
    Keputusan,
}

impl Series {
    pub const ALL: [Series; 3] = [Series::Pengumuman, Series::BeritaAcara, Series::Keputusan];

    pub fn as_str(self) -> &'static str {
        match self {
            Series::Pengumuman => "pengumuman",
            Series::BeritaAcara => "berita_acara",
            Series::Keputusan => "keputusan",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Series::Pengumuman => "Pengumuman",
            Series::BeritaAcara => "Berita Acara",
            Series::Keputusan => "Keputusan (SK)",
        }
    }

    pub fn parse(s: &str) -> Result<Series> {
        Series::ALL
            .into_iter()
            .find(|x| x.as_str() == s.trim())
            .ok_or_else(|| Error::validation("seri", format!("Seri nomor \"{s}\" tidak dikenal.")))
    }

    /// The default numbering template (DOMAIN.md's examples).
    pub fn default_template(self) -> &'static str {
        match self {
            Series::Pengumuman => "{urut}/PP.04.1-Pu/{kode}/{tahun}",
            Series::BeritaAcara => "{urut}/PK.01-BA/{kode}/{tahun}",
            Series::Keputusan => "{urut}/PP.04.1-Kpt/{kode}/{tahun}",
        }
    }
}

/// The stages whose results are announced.
pub const ANNOUNCED: [Stage; 3] = [Stage::Administrasi, Stage::Tertulis, Stage::Akhir];
/// The stages whose closing plenary has minutes.
pub const MINUTED: [Stage; 6] = [
    Stage::Pendaftaran,
    Stage::Administrasi,
    Stage::Tertulis,
    Stage::Wawancara,
    Stage::Akhir,
    Stage::Penetapan,
];

impl PublicationKind {
    /// Every kind, in the order of the stages.
    pub fn all() -> Vec<PublicationKind> {
        let mut out = Vec::new();
        for s in MINUTED {
            out.push(PublicationKind::BeritaAcara(s));
            if ANNOUNCED.contains(&s) {
                out.push(PublicationKind::Pengumuman(s));
            }
            if s == Stage::Akhir {
                out.push(PublicationKind::LampiranSk);
            }
        }
        out
    }

    /// Database and CLI spelling: `pengumuman_akhir`, `berita_acara_tertulis`,
    /// `lampiran_sk`.
    pub fn key(self) -> String {
        match self {
            PublicationKind::Pengumuman(s) => format!("pengumuman_{}", s.as_str()),
            PublicationKind::BeritaAcara(s) => format!("berita_acara_{}", s.as_str()),
            PublicationKind::LampiranSk => "lampiran_sk".into(),
        }
    }

    /// Parses [`PublicationKind::key`]; also accepts hyphens.
    pub fn parse(s: &str) -> Result<PublicationKind> {
        let wanted = s.trim().to_ascii_lowercase().replace('-', "_");
        PublicationKind::all()
            .into_iter()
            .find(|k| k.key() == wanted)
            .ok_or_else(|| {
                let known: Vec<String> = PublicationKind::all().iter().map(|k| k.key()).collect();
                Error::validation(
                    "jenis",
                    format!(
                        "Jenis dokumen \"{s}\" tidak dikenal. Pilihan: {}.",
                        known.join(", ")
                    ),
                )
            })
    }

    /// Name shown to staff, e.g. "Pengumuman hasil tes tertulis".
    pub fn label(self) -> String {
        match self {
            PublicationKind::Pengumuman(s) => format!("Pengumuman {}", result_of(s)),
            PublicationKind::BeritaAcara(s) => format!("Berita Acara {}", result_of(s)),
            PublicationKind::LampiranSk => "Lampiran SK penetapan anggota".into(),
        }
    }

    /// The stage that must be closed before the document can be made.
    pub fn stage(self) -> Stage {
        match self {
            PublicationKind::Pengumuman(s) | PublicationKind::BeritaAcara(s) => s,
            PublicationKind::LampiranSk => Stage::Akhir,
        }
    }

    /// Whether the kind exists (an announcement of a stage that has none
    /// does not).
    pub fn is_valid(self) -> bool {
        match self {
            PublicationKind::Pengumuman(s) => ANNOUNCED.contains(&s),
            PublicationKind::BeritaAcara(s) => MINUTED.contains(&s),
            PublicationKind::LampiranSk => true,
        }
    }

    pub fn series(self) -> Series {
        match self {
            PublicationKind::Pengumuman(_) => Series::Pengumuman,
            PublicationKind::BeritaAcara(_) => Series::BeritaAcara,
            PublicationKind::LampiranSk => Series::Keputusan,
        }
    }

    /// The document's title line.
    pub fn title(self) -> &'static str {
        match self {
            PublicationKind::Pengumuman(_) => "PENGUMUMAN",
            PublicationKind::BeritaAcara(_) => "BERITA ACARA",
            PublicationKind::LampiranSk => "LAMPIRAN KEPUTUSAN",
        }
    }

    /// The default texts of this kind.
    pub fn default_texts(self) -> Texts {
        let (about, opening, closing) = match self {
            PublicationKind::Pengumuman(s) => (
                format!("{} CALON ANGGOTA {{BADAN}} {{PEMILIHAN}} DI {{KABUPATEN}}", upper(result_of(s))),
                format!("Berdasarkan Berita Acara rapat pleno {{komisi}} tentang {} calon anggota {{badan}} {{pemilihan}}, dengan ini diumumkan nama-nama sebagai berikut:", result_of(s)),
                format!(
                    "{}\nMasyarakat dapat memberikan tanggapan atas calon yang namanya tercantum dalam pengumuman ini, secara tertulis dengan identitas yang jelas, kepada {{komisi}}{{alamat_kantor}}.\nDemikian pengumuman ini disampaikan untuk diketahui.",
                    next_step(s)
                ),
            ),
            PublicationKind::BeritaAcara(s) => (
                format!("{} CALON ANGGOTA {{BADAN}} {{PEMILIHAN}} DI {{KABUPATEN}}", upper(&format!("rapat pleno {}", result_of(s)))),
                format!("Pada hari ini {{hari}}, tanggal {{tanggal_huruf}}, {{komisi}} melaksanakan rapat pleno untuk menetapkan {} calon anggota {{badan}} {{pemilihan}}. Tahap {{tahap}} ditutup pada {{tanggal_tutup}}. Rapat pleno menetapkan hal-hal sebagai berikut:", result_of(s)),
                "Demikian Berita Acara ini dibuat dengan sebenar-benarnya untuk dipergunakan sebagaimana mestinya.".to_string(),
            ),
            PublicationKind::LampiranSk => (
                "PENETAPAN ANGGOTA {BADAN} {PEMILIHAN} DI {KABUPATEN}".to_string(),
                "Daftar nama anggota {badan} {pemilihan} yang ditetapkan:".to_string(),
                String::new(),
            ),
        };
        Texts {
            about,
            opening,
            closing,
        }
    }
}

impl fmt::Display for PublicationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

fn upper(s: &str) -> String {
    s.to_uppercase()
}

/// "hasil tes tertulis", the object of a stage's documents.
fn result_of(s: Stage) -> &'static str {
    match s {
        Stage::Pendaftaran => "hasil pendaftaran",
        Stage::Administrasi => "hasil penelitian administrasi",
        Stage::Tertulis => "hasil tes tertulis",
        Stage::Wawancara => "hasil tes wawancara",
        Stage::Akhir => "hasil akhir",
        Stage::Penetapan => "penetapan anggota",
        Stage::MasaKerja => "masa kerja",
    }
}

/// What the announcement tells those who go on.
fn next_step(s: Stage) -> &'static str {
    match s {
        Stage::Administrasi => "Calon yang dinyatakan Memenuhi Syarat (MS) mengikuti tes tertulis pada jadwal dan tempat yang akan diumumkan, dengan membawa KTP-el dan tanda terima pendaftaran.",
        Stage::Tertulis => "Calon yang dinyatakan Lulus mengikuti tes wawancara pada jadwal dan tempat yang akan diumumkan, dengan membawa KTP-el dan tanda terima pendaftaran.",
        _ => "Calon yang dinyatakan Terpilih akan ditetapkan dan dilantik sesuai jadwal. Calon Cadangan menjadi pengganti antarwaktu menurut urutannya.",
    }
}

/// The editable texts of a document kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Texts {
    /// After "TENTANG".
    pub about: String,
    /// The paragraph before the table.
    pub opening: String,
    /// The paragraphs after the table (one per line).
    pub closing: String,
}

/// The placeholders a text may use, with what they stand for. An
/// all-capitals spelling (`{KABUPATEN}`) gives the value in capitals.
pub const PLACEHOLDERS: [(&str, &str); 11] = [
    (
        "badan",
        "nama badan, mis. Panitia Pemilihan Kecamatan (PPK)",
    ),
    (
        "pemilihan",
        "nama pemilihan dari pengaturan tahapan, mis. Pemilihan Umum Tahun 2024",
    ),
    ("kabupaten", "nama kabupaten/kota, mis. Kabupaten Pasuruan"),
    ("komisi", "Komisi Pemilihan Umum dan nama kabupaten/kota"),
    ("tahap", "nama tahap, mis. Tes tertulis"),
    ("tanggal", "tanggal dokumen, mis. 12 Desember 2022"),
    ("hari", "hari dokumen, mis. Senin"),
    ("tanggal_huruf", "tanggal dokumen dengan huruf"),
    ("tanggal_tutup", "tanggal tahap ditutup"),
    ("jumlah", "jumlah nama dalam daftar"),
    ("alamat_kantor", "\", alamat kantor\" bila diisi di kop"),
];

/// Values of the placeholders for one document.
pub type Values<'a> = [(&'static str, &'a str)];

/// Checks that `text` uses only known placeholders and balanced braces.
pub fn check_template(field: &str, text: &str) -> Result<()> {
    for name in placeholders_in(field, text)? {
        if !PLACEHOLDERS.iter().any(|(p, _)| {
            *p == name.to_lowercase()
                && (name == name.to_lowercase() || name == name.to_uppercase())
        }) {
            let known: Vec<String> = PLACEHOLDERS
                .iter()
                .map(|(p, _)| format!("{{{p}}}"))
                .collect();
            return Err(Error::validation(
                field,
                format!(
                    "Penanda {{{name}}} tidak dikenal. Yang dapat dipakai: {}.",
                    known.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

fn placeholders_in(field: &str, text: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(unbalanced(field));
        }
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| unbalanced(field))?;
        let name = &after[..close];
        if name.contains('{') || name.trim().is_empty() {
            return Err(unbalanced(field));
        }
        out.push(name.trim().to_string());
        rest = &after[close + 1..];
    }
    Ok(out)
}

fn unbalanced(field: &str) -> Error {
    Error::validation(
        field,
        "Kurung kurawal tidak berpasangan: tulis penanda seperti {kabupaten}, dengan kurung buka dan tutup.",
    )
}

/// Fills in the placeholders of a checked template.
pub fn fill(text: &str, values: &Values<'_>) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = after[..close].trim();
        let lower = name.to_lowercase();
        match values.iter().find(|(k, _)| *k == lower) {
            Some((_, v)) if name == name.to_uppercase() && name != lower => {
                out.push_str(&v.to_uppercase())
            }
            Some((_, v)) => out.push_str(v),
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Checks a numbering template: it must contain `{urut}` and may use
/// `{kode}` (the kabupaten's code, digits), `{tahun}`, `{bulan}` (Roman
/// numeral, as letters often write the month).
pub fn check_numbering(text: &str) -> Result<()> {
    let field = "templat_nomor";
    if text.trim().is_empty() {
        return Err(Error::validation(
            field,
            "Templat nomor tidak boleh kosong.",
        ));
    }
    let names = placeholders_in(field, text)?;
    if let Some(bad) = names
        .iter()
        .find(|n| !["urut", "kode", "tahun", "bulan"].contains(&n.as_str()))
    {
        return Err(Error::validation(
            field,
            format!("Penanda {{{bad}}} tidak dikenal di templat nomor. Yang dapat dipakai: {{urut}}, {{kode}}, {{tahun}}, {{bulan}}."),
        ));
    }
    if !names.iter().any(|n| n == "urut") {
        return Err(Error::validation(
            field,
            "Templat nomor harus memuat {urut}, nomor urut yang bertambah setiap dokumen dalam satu tahun.",
        ));
    }
    Ok(())
}

/// What a numbering template gives while it is typed: the first number of
/// the year it would issue, and what is wrong with it (saving refuses it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct NumberingPreview {
    /// Empty for an empty template.
    pub example: String,
    pub problem: Option<String>,
}

/// The preview of `template` for the kabupaten `kode` (digits) on `date`.
pub fn preview_numbering(template: &str, kode: &str, date: NaiveDate) -> NumberingPreview {
    let template = template.trim();
    NumberingPreview {
        example: if template.is_empty() {
            String::new()
        } else {
            number(template, 1, kode, date.year(), date.month())
        },
        problem: check_numbering(template).err().map(|e| e.to_string()),
    }
}

/// Printed in place of the number of a draft (konsep): a document made by
/// someone who may not give it its official number.
pub const DRAFT_NUMBER: &str = "(konsep, belum bernomor)";

/// Printed at the top of every page of a draft.
pub const DRAFT_MARK: &str = "KONSEP – belum bernomor dan belum disahkan; bukan dokumen resmi";

/// Roman numerals of the months, as in "05/PP.04.1-Pu/3514/XII/2022".
const ROMAN: [&str; 12] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];

/// The number of the `seq`-th document of `year` from a checked template;
/// `{urut}` has at least two digits.
pub fn number(template: &str, seq: u32, kode: &str, year: i32, month: u32) -> String {
    let urut = format!("{seq:02}");
    let tahun = year.to_string();
    let bulan = ROMAN[(month.clamp(1, 12) - 1) as usize];
    fill(
        template,
        &[
            ("urut", &urut),
            ("kode", kode),
            ("tahun", &tahun),
            ("bulan", bulan),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_and_has_texts_without_unknown_placeholders() {
        let all = PublicationKind::all();
        assert_eq!(all.len(), 10);
        for k in all {
            assert!(k.is_valid());
            assert_eq!(PublicationKind::parse(&k.key()).unwrap(), k);
            let t = k.default_texts();
            check_template("tentang", &t.about).unwrap();
            check_template("pembuka", &t.opening).unwrap();
            check_template("penutup", &t.closing).unwrap();
        }
        assert_eq!(
            PublicationKind::parse("berita-acara-tertulis").unwrap(),
            PublicationKind::BeritaAcara(Stage::Tertulis)
        );
        assert!(PublicationKind::parse("pengumuman_wawancara").is_err());
        assert!(!PublicationKind::Pengumuman(Stage::Wawancara).is_valid());
    }

    #[test]
    fn placeholders_are_checked_and_filled_in_either_case() {
        check_template("t", "Di {kabupaten} dan {KABUPATEN}").unwrap();
        let e = check_template("t", "Di {kabupatn}").unwrap_err();
        assert!(e.to_string().contains("{kabupatn}"), "{e}");
        assert!(e.to_string().contains("{kabupaten}"), "{e}");
        assert!(check_template("t", "Di {Kabupaten}").is_err());
        for bad in ["Di {kabupaten", "Di kabupaten}", "{}", "{{badan}}"] {
            assert!(check_template("t", bad).is_err(), "{bad}");
        }
        let values = [("kabupaten", "Kabupaten Pasuruan"), ("jumlah", "12")];
        assert_eq!(
            fill("{KABUPATEN}: {jumlah} orang di {kabupaten}.", &values),
            "KABUPATEN PASURUAN: 12 orang di Kabupaten Pasuruan."
        );
        // What has no value stays as written.
        assert_eq!(fill("{hari} {x", &values), "{hari} {x");
    }

    #[test]
    fn a_template_is_previewed_as_it_would_number_and_its_problem_named() {
        let dec = NaiveDate::from_ymd_opt(2022, 12, 5).unwrap();
        let p = preview_numbering(" {urut}/BA/{kode}/{bulan}/{tahun} ", "3514", dec);
        assert_eq!(p.example, "01/BA/3514/XII/2022");
        assert_eq!(p.problem, None);
        let p = preview_numbering("PP.04/{kode}/{tahun}", "3514", dec);
        assert_eq!(p.example, "PP.04/3514/2022");
        assert!(p.problem.unwrap().contains("harus memuat {urut}"));
        let p = preview_numbering("{urut}/{nomor}", "3514", dec);
        assert_eq!(p.example, "01/{nomor}");
        assert!(p.problem.unwrap().contains("{nomor} tidak dikenal"));
        assert_eq!(preview_numbering("  ", "3514", dec).example, "");
    }

    #[test]
    fn numbering_needs_a_sequence_and_pads_it() {
        for k in Series::ALL {
            check_numbering(k.default_template()).unwrap();
        }
        assert_eq!(
            number(Series::Pengumuman.default_template(), 1, "3514", 2022, 12),
            "01/PP.04.1-Pu/3514/2022"
        );
        assert_eq!(
            number("{urut}/BA/{kode}/{bulan}/{tahun}", 123, "3514", 2026, 11),
            "123/BA/3514/XI/2026"
        );
        assert!(check_numbering("PP.04/{kode}/{tahun}").is_err());
        assert!(check_numbering("{urut}/{nomor}").is_err());
        assert!(check_numbering("  ").is_err());
    }
}
