//! The score file of the written test or the interview:
//! `nomor_pendaftaran,nilai[,hadir]`, read without the database (the
//! numbers are matched to applicants by the service).

use crate::docs::csv_in::{CsvInput, RowProblem};
use crate::domain::ranking::{self, Mark};
use crate::error::Result;

/// The columns, the first one required.
pub const COLUMNS: [&str; 3] = ["nomor_pendaftaran", "nilai", "hadir"];

/// One line of a score file.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreLine {
    pub line: u64,
    /// The registration number, trimmed and in capitals.
    pub number: String,
    /// The mark, or what is wrong with it (as a problem of that line).
    pub mark: std::result::Result<Mark, RowProblem>,
}

/// Reads every line; a file that is not CSV with the required column is an
/// error of the whole file.
pub fn read(bytes: &[u8]) -> Result<Vec<ScoreLine>> {
    let input = CsvInput::parse(bytes, &COLUMNS, &COLUMNS[..1])?;
    Ok(input
        .rows()
        .map(|row| {
            let hadir = row.get(2).trim().to_lowercase();
            let mark = match hadir.as_str() {
                "tidak" | "t" | "tidak hadir" | "absen" | "0" | "n" => Ok(Mark::Absent),
                "" | "ya" | "y" | "hadir" | "1" => ranking::parse_mark(row.get(1)),
                other => Err(format!(
                    "Kolom hadir berisi \"{other}\"; tulis ya atau tidak (atau kosongkan)."
                )),
            }
            .map_err(|e| row.problem(if hadir.is_empty() { "nilai" } else { "hadir" }, e));
            ScoreLine {
                line: row.line,
                number: row.get(0).trim().to_ascii_uppercase(),
                mark,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_absence_and_problems_per_line() {
        let lines = read(b"nomor_pendaftaran,nilai,hadir\nppk-3514-0001,80,\nPPK-3514-0002,,tidak\nPPK-3514-0003,x,\nPPK-3514-0004,70,mungkin\n").unwrap();
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0].number, "PPK-3514-0001");
        assert!(matches!(lines[0].mark, Ok(Mark::Score(_))));
        assert_eq!(lines[1].mark, Ok(Mark::Absent));
        assert_eq!(lines[2].mark.as_ref().unwrap_err().column, "nilai");
        assert_eq!(lines[3].mark.as_ref().unwrap_err().column, "hadir");
        assert_eq!(lines[3].line, 5);
        assert!(read(b"nama,umur\nx,1\n").is_err());
    }
}
