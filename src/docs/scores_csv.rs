//! The score file of the written test or the interview:
//! `nomor_pendaftaran,nilai[,hadir]`, read without the database (the
//! numbers are matched to applicants by the service).

use crate::docs::csv_in::{Column, CsvInput};
use crate::docs::problems::RowProblem;
use crate::domain::ranking::Mark;
use crate::domain::score_mapping::mark_of;
use crate::error::Result;

/// The columns, the first one required. A registration number is 13
/// characters (`PPK-3514-0001`), a mark at most 6 (`100,00`) or a word for
/// an absence; the bounds leave room for how staff write them.
pub const COLUMNS: [Column; 3] = [
    Column::new("nomor_pendaftaran", 40),
    Column::new("nilai", 20),
    Column::new("hadir", 20),
];

/// Who a line of a score file (or sheet) is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScoreKey {
    /// A registration number, trimmed and in capitals.
    Number(String),
    /// A NIK as written (checked when it is matched).
    Nik(String),
}

/// One line of a score file, or one data row of a score sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreLine {
    pub line: u64,
    /// Who it is about, or why the cell names no one (a NIK kept as a
    /// number).
    pub key: std::result::Result<ScoreKey, RowProblem>,
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
                key: Ok(ScoreKey::Number(row.get(0).trim().to_ascii_uppercase())),
                mark: mark_of(row.get(1), row.get(2)).map_err(|(column, e)| row.problem(column, e)),
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
        assert_eq!(lines[0].key, Ok(ScoreKey::Number("PPK-3514-0001".into())));
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
}
