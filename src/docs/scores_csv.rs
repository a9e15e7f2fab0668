//! The score file of the written test or the interview:
//! `nomor_pendaftaran,nilai[,hadir]`, read without the database (the
//! numbers are matched to applicants by the service).

use crate::docs::csv_in::{Column, CsvInput};
use crate::docs::problems::RowProblem;
use crate::domain::ranking::{self, Mark};
use crate::domain::text::shown;
use crate::error::Result;

/// The columns, the first one required. A registration number is 13
/// characters (`PPK-3514-0001`), a mark at most 6 (`100,00`) or a word for
/// an absence; the bounds leave room for how staff write them.
pub const COLUMNS: [Column; 3] = [
    Column::new("nomor_pendaftaran", 40),
    Column::new("nilai", 20),
    Column::new("hadir", 20),
];

/// One line of a score file.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreLine {
    pub line: u64,
    /// The registration number, trimmed and in capitals.
    pub number: String,
    /// The mark, or what is wrong with it (as a problem of that line).
    pub mark: std::result::Result<Mark, RowProblem>,
}

/// A score file whose header was read; its lines are read when iterated.
pub struct ScoreFile<'a> {
    input: CsvInput<'a>,
}

/// Reads the header; a file that is not CSV with the required column is an
/// error of the whole file.
pub fn read(bytes: &[u8]) -> Result<ScoreFile<'_>> {
    Ok(ScoreFile {
        input: CsvInput::parse(bytes, &COLUMNS, &[COLUMNS[0].name])?,
    })
}

impl ScoreFile<'_> {
    /// Every line, one at a time. A line that cannot be read as a whole
    /// (more or fewer fields than the header, a cell too long) has only
    /// problems.
    pub fn lines(
        &self,
    ) -> impl Iterator<Item = std::result::Result<ScoreLine, Vec<RowProblem>>> + '_ {
        self.input.rows().map(|row| {
            let row = row?;
            Ok(ScoreLine {
                line: row.line,
                number: row.get(0).trim().to_ascii_uppercase(),
                mark: mark(row.get(1), row.get(2)).map_err(|(column, e)| row.problem(column, e)),
            })
        })
    }

    /// Lines with data.
    pub fn len(&self) -> usize {
        self.input.len()
    }

    pub fn is_empty(&self) -> bool {
        self.input.is_empty()
    }
}

/// The mark of a line from its `nilai` and `hadir`, or the column at fault
/// and why. A score beside an absence (or "absen" beside a presence)
/// contradicts itself and is refused rather than guessed.
fn mark(nilai: &str, hadir: &str) -> std::result::Result<Mark, (&'static str, String)> {
    let hadir = hadir.trim().to_lowercase();
    let present = match hadir.as_str() {
        "tidak" | "t" | "tidak hadir" | "absen" | "0" | "n" => false,
        "" | "ya" | "y" | "hadir" | "1" => true,
        other => {
            return Err((
                "hadir",
                format!(
                    "Kolom hadir berisi \"{}\"; tulis ya atau tidak (atau kosongkan).",
                    shown(other)
                ),
            ))
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_absence_and_problems_per_line() {
        let lines: Vec<ScoreLine> = read(b"nomor_pendaftaran,nilai,hadir\nppk-3514-0001,80,\nPPK-3514-0002,,tidak\nPPK-3514-0003,x,\nPPK-3514-0004,70,mungkin\n")
            .unwrap()
            .lines()
            .map(Result::unwrap)
            .collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0].number, "PPK-3514-0001");
        assert!(matches!(lines[0].mark, Ok(Mark::Score(_))));
        assert_eq!(lines[1].mark, Ok(Mark::Absent));
        assert_eq!(lines[2].mark.as_ref().unwrap_err().column, "nilai");
        assert_eq!(lines[3].mark.as_ref().unwrap_err().column, "hadir");
        assert_eq!(lines[3].line, 5);
        assert!(read(b"nama,umur\nx,1\n").is_err());
    }

    #[test]
    fn a_comma_decimal_in_a_comma_file_is_refused_not_cut() {
        let file =
            read(b"nomor_pendaftaran,nilai\nPPK-3514-0003,77,5\nPPK-3514-0004,\"77,5\"\n").unwrap();
        let lines: Vec<_> = file.lines().collect();
        let p = &lines[0].as_ref().unwrap_err()[0];
        assert_eq!(p.line, 2);
        assert!(p.reason.contains("desimal dengan koma"), "{}", p.reason);
        let ok = lines[1].as_ref().unwrap();
        assert_eq!(ok.mark, Ok(Mark::Score(7750)));
    }

    #[test]
    fn a_score_beside_an_absence_is_refused() {
        for (nilai, hadir, ok) in [
            ("80", "tidak", None),
            ("absen", "ya", None),
            ("absen", "tidak", Some(Mark::Absent)),
            ("", "tidak", Some(Mark::Absent)),
            ("absen", "", Some(Mark::Absent)),
            ("80", "ya", Some(Mark::Score(8000))),
            ("", "ya", None),
        ] {
            let got = mark(nilai, hadir);
            match ok {
                Some(m) => assert_eq!(got, Ok(m), "{nilai}/{hadir}"),
                None => assert_eq!(got.unwrap_err().0, "nilai", "{nilai}/{hadir}"),
            }
        }
        let e = mark("80", "tidak").unwrap_err().1;
        assert!(e.contains("Kosongkan nilainya"), "{e}");
    }
}
