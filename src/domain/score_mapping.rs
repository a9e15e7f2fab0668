//! Which columns of a score sheet hold what: the applicant (by registration
//! number or by NIK), the mark, and whether they attended. The written
//! test's results come from the CAT system's export or a marking sheet,
//! the interview's from the panel's recap, each with its own headers ("NO
//! PESERTA", "NIK KTP", "NILAI AKHIR", "Keterangan"), so a mapping is
//! proposed from the headers and from what the cells hold, and staff
//! correct it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::ranking::{self, Mark};
use crate::domain::sheet_field::{field_of_header, header_key, SheetField};
use crate::domain::sheet_mapping::column_letter;
use crate::domain::staff_values::{number_text, CellValue};
use crate::domain::text::shown;

/// How the identifier column names an applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum IdKind {
    /// The registration number the app gave (`PPK-3514-0001`).
    #[default]
    Nomor,
    Nik,
}

impl IdKind {
    pub fn label(self) -> &'static str {
        match self {
            IdKind::Nomor => "Nomor pendaftaran",
            IdKind::Nik => "NIK",
        }
    }
}

/// How one score sheet is read. Columns are 0-based; the header row is
/// counted from 1 as the spreadsheet shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScoreMapping {
    pub header_row: u32,
    pub id_column: Option<u32>,
    pub id_kind: IdKind,
    pub mark_column: Option<u32>,
    /// Optional: a column saying whether the applicant attended.
    pub attendance_column: Option<u32>,
}

impl ScoreMapping {
    /// What the mapping lacks, as the screen names it; empty when complete.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.id_column.is_none() {
            out.push("Nomor pendaftaran atau NIK");
        }
        if self.mark_column.is_none() {
            out.push("Nilai");
        }
        out
    }

    /// A column chosen for two things, as a sentence.
    pub fn conflict(&self) -> Option<String> {
        let chosen = [
            (self.id_column, self.id_kind.label()),
            (self.mark_column, "Nilai"),
            (self.attendance_column, "Kehadiran"),
        ];
        for (i, (a, what_a)) in chosen.iter().enumerate() {
            for (b, what_b) in &chosen[i + 1..] {
                if let (Some(a), Some(b)) = (a, b) {
                    if a == b {
                        return Some(format!(
                            "Kolom {} dipilih untuk {what_a} dan {what_b}; satu kolom untuk satu isian.",
                            column_letter(*a)
                        ));
                    }
                }
            }
        }
        None
    }

    /// Whether the rows can be read through it.
    pub fn is_ready(&self) -> bool {
        self.missing().is_empty() && self.conflict().is_none()
    }
}

/// What a header of a score sheet names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoreHeader {
    Id(IdKind),
    /// A mark, with a preference: a total (3) over a plain "Nilai" (2) over
    /// any other "Nilai …" such as one part of the CAT test (1).
    Mark(u8),
    Attendance,
    /// "Keterangan": attendance only when its cells say so.
    Remark,
}

const NUMBER_HEADERS: &[&str] = &[
    "nomorpendaftaran",
    "nopendaftaran",
    "nomorpendaftar",
    "nopendaftar",
    "nomorregistrasi",
    "noregistrasi",
    "noreg",
    "nomorpeserta",
    "nopeserta",
    "nopes",
    "nomorujian",
    "noujian",
    "nomortes",
    "notes",
];

const TOTAL_HEADERS: &[&str] = &[
    "nilaiakhir",
    "nilaitotal",
    "totalnilai",
    "total",
    "jumlah",
    "jumlahnilai",
    "skorakhir",
    "skortotal",
    "totalskor",
    "nilaicat",
    "nilaiwawancara",
    "nilaitertulis",
    "nilaites",
    "nilaiujian",
];

const ATTENDANCE_HEADERS: &[&str] = &[
    "hadir",
    "kehadiran",
    "statuskehadiran",
    "presensi",
    "absensi",
    "hadirtidak",
    "hadirtidakhadir",
];

/// What `header` names in a score sheet, if anything.
pub fn score_header(header: &str) -> Option<ScoreHeader> {
    let key = header_key(header);
    if key.is_empty() {
        return None;
    }
    if NUMBER_HEADERS.contains(&key.as_str()) {
        return Some(ScoreHeader::Id(IdKind::Nomor));
    }
    if field_of_header(header) == Some(SheetField::Nik) {
        return Some(ScoreHeader::Id(IdKind::Nik));
    }
    if TOTAL_HEADERS.contains(&key.as_str()) {
        return Some(ScoreHeader::Mark(3));
    }
    if key == "nilai" || key == "skor" || key == "score" {
        return Some(ScoreHeader::Mark(2));
    }
    if key.starts_with("nilai") || key.starts_with("skor") {
        return Some(ScoreHeader::Mark(1));
    }
    if ATTENDANCE_HEADERS.contains(&key.as_str()) {
        return Some(ScoreHeader::Attendance);
    }
    if key == "keterangan" || key == "ket" {
        return Some(ScoreHeader::Remark);
    }
    None
}

/// Whether a header cell looks like one of a score sheet's header row (it
/// names a score column, or an applicant field such as the name).
pub fn is_score_sheet_header(header: &str) -> bool {
    score_header(header).is_some() || field_of_header(header).is_some()
}

/// Whether the text of a cell looks like a registration number
/// (`PPK-3514-0001`).
fn looks_like_number(t: &str) -> bool {
    let parts: Vec<&str> = t.trim().split('-').collect();
    matches!(parts[..], [body, kab, seq]
        if body.len() == 3 && body.chars().all(|c| c.is_ascii_alphabetic())
            && kab.len() == 4 && kab.bytes().all(|b| b.is_ascii_digit())
            && !seq.is_empty() && seq.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether the text of a cell looks like a NIK (16 digits, spaces and an
/// apostrophe aside).
fn looks_like_nik(t: &str) -> bool {
    let digits: String = t
        .trim()
        .trim_start_matches('\'')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    digits.len() == 16 && digits.bytes().all(|b| b.is_ascii_digit())
}

/// The kind of identifier every non-empty sample holds, if they agree.
fn content_kind(samples: &[String]) -> Option<IdKind> {
    let filled: Vec<&String> = samples.iter().filter(|s| !s.trim().is_empty()).collect();
    if filled.is_empty() {
        None
    } else if filled.iter().all(|s| looks_like_number(s)) {
        Some(IdKind::Nomor)
    } else if filled.iter().all(|s| looks_like_nik(s)) {
        Some(IdKind::Nik)
    } else {
        None
    }
}

/// One column as the proposal reads it: its header and the text of its
/// first data cells.
pub struct ColumnSample<'a> {
    pub header: &'a str,
    pub samples: &'a [String],
}

/// Proposes a mapping from the header row and the first data rows: the
/// identifier is a column whose header names a registration number or a
/// NIK, or whose cells all hold one (what the cells hold decides the kind:
/// 16 digits under "No Peserta" are NIKs); a registration number is
/// preferred to a NIK. The mark is the column named most like the final
/// mark; attendance a column named so ("Keterangan" only when its cells
/// say hadir or tidak).
pub fn propose(header_row: u32, columns: &[ColumnSample<'_>]) -> ScoreMapping {
    let mut by_header: Vec<(u32, IdKind)> = Vec::new();
    let mut by_content: Vec<(u32, IdKind)> = Vec::new();
    let mut mark: Option<(u8, u32)> = None;
    let mut attendance = None;
    for (i, c) in columns.iter().enumerate() {
        let i = i as u32;
        let content = content_kind(c.samples);
        match score_header(c.header) {
            Some(ScoreHeader::Id(kind)) => by_header.push((i, content.unwrap_or(kind))),
            Some(ScoreHeader::Mark(rank)) => {
                if mark.is_none_or(|(r, _)| rank > r) {
                    mark = Some((rank, i));
                }
            }
            Some(ScoreHeader::Attendance) if attendance.is_none() => attendance = Some(i),
            Some(ScoreHeader::Remark)
                if attendance.is_none()
                    && c.samples.iter().any(|s| !s.trim().is_empty())
                    && c.samples
                        .iter()
                        .all(|s| s.trim().is_empty() || attendance_of(s).is_some()) =>
            {
                attendance = Some(i)
            }
            _ => {
                if let Some(kind) = content {
                    by_content.push((i, kind));
                }
            }
        }
    }
    let pick = |list: &[(u32, IdKind)]| {
        list.iter()
            .find(|(_, k)| *k == IdKind::Nomor)
            .or_else(|| list.first())
            .copied()
    };
    let id = pick(&by_header).or_else(|| pick(&by_content));
    ScoreMapping {
        header_row,
        id_column: id.map(|(c, _)| c),
        id_kind: id.map_or(IdKind::Nomor, |(_, k)| k),
        mark_column: mark.map(|(_, c)| c),
        attendance_column: attendance,
    }
}

/// Whether an attendance cell says present (`Some(true)`), absent
/// (`Some(false)`), or neither. An empty cell is present: only an absence
/// is written down.
pub fn attendance_of(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "tidak" | "t" | "tidak hadir" | "tidak_hadir" | "tdk hadir" | "tdk" | "th" | "absen"
        | "0" | "n" => Some(false),
        "" | "ya" | "y" | "hadir" | "h" | "1" => Some(true),
        _ => None,
    }
}

/// The mark of a row from the text of its mark and attendance cells, or
/// which of the two is at fault (`"nilai"` or `"hadir"`) and why. A score
/// beside an absence (or "absen" beside a presence) contradicts itself and
/// is refused rather than guessed.
pub fn mark_of(nilai: &str, hadir: &str) -> Result<Mark, (&'static str, String)> {
    let hadir = hadir.trim().to_lowercase();
    let Some(present) = attendance_of(&hadir) else {
        return Err((
            "hadir",
            format!(
                "Kolom hadir berisi \"{}\"; tulis ya atau tidak (atau kosongkan).",
                shown(&hadir)
            ),
        ));
    };
    let nilai = nilai.trim();
    if !present {
        if nilai.is_empty() || ranking::parse_mark(nilai) == Ok(Mark::Absent) {
            return Ok(Mark::Absent);
        }
        return Err((
            "nilai",
            format!(
                "Nilai \"{}\" diisi padahal kolom hadir berisi \"{}\". Kosongkan nilainya bila peserta tidak hadir, atau ubah hadir menjadi ya bila nilainya benar.",
                shown(nilai),
                shown(&hadir)
            ),
        ));
    }
    match ranking::parse_mark(nilai) {
        Ok(Mark::Absent) if !hadir.is_empty() => Err((
            "nilai",
            format!(
                "Nilai \"{}\" berarti tidak hadir, padahal kolom hadir berisi \"{}\". Perbaiki salah satunya.",
                shown(nilai),
                shown(&hadir)
            ),
        )),
        other => other.map_err(|e| ("nilai", e)),
    }
}

/// The text of a mark cell for [`mark_of`], or why it holds no mark. A
/// number is written as its shortest exact form (`78.1`, never
/// `78.09999…`), so that more than two decimals are refused as typed ones
/// are, not rounded.
pub fn mark_text_of(cell: &CellValue) -> Result<String, String> {
    match cell {
        CellValue::Number(n) => {
            let text = if n.is_finite() && n.fract() == 0.0 {
                number_text(*n)
            } else {
                format!("{n}")
            };
            let decimals = text.split_once('.').map_or(0, |(_, f)| f.len());
            if n.is_finite() && (0.0..=100.0).contains(n) && decimals > 2 {
                return Err(format!(
                    "Nilai {} memiliki lebih dari dua angka desimal. Bulatkan di spreadsheet (mis. dengan ROUND(…;2)) lalu simpan ulang; nilai tidak dibulatkan diam-diam.",
                    text.replace('.', ",")
                ));
            }
            Ok(text)
        }
        CellValue::Text(t) => Ok(t.trim().to_string()),
        CellValue::Empty => Ok(String::new()),
        CellValue::Long { .. } => {
            Err("Sel nilai berisi teks yang sangat panjang, bukan nilai.".into())
        }
        CellValue::Date(_) | CellValue::Bool(_) | CellValue::Error(_) => Err(format!(
            "Sel nilai berisi \"{}\", bukan nilai; tulis angka 0–100 atau \"absen\".",
            shown(&cell.as_text())
        )),
    }
}

#[cfg(test)]
mod tests;
