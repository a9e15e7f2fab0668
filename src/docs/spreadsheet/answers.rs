//! Answer sheets of a paper test as read by a scanner or typed by staff,
//! in any format [`Workbook`] opens: one row per participant with the
//! identifier, the test version, and the answers either as one string
//! (`JAWABAN`: `ABCDA-BC…`) or one column per question (`1`, `2`, … or
//! `S1`, `SOAL 1`, …). Columns are found by their headers. Read without
//! the database: the service matches identifiers to applicants and
//! answers to the version's key. Problems carry the row as the
//! spreadsheet numbers it and the column as the file names it.

use std::ops::ControlFlow;

use super::head::{self, column_label, header_width, width_problem};
use super::{SheetRow, Workbook};
use crate::docs::problems::RowProblem;
use crate::domain::answer_key::{parse_answer_cell, parse_answers, Answer, MAX_QUESTIONS};
use crate::domain::sheet_field::header_key;
use crate::error::{Error, Result};

/// Headers of the identifier column.
const ID_HEADERS: [&str; 8] = [
    "nomorpendaftaran",
    "nopendaftaran",
    "nomorpeserta",
    "nopeserta",
    "nomor",
    "no",
    "noreg",
    "nomorregistrasi",
];
/// Headers of the version column.
const VERSION_HEADERS: [&str; 6] = [
    "versi",
    "versisoal",
    "paket",
    "paketsoal",
    "kodesoal",
    "tipesoal",
];
/// Header of the answers written as one string.
const ANSWERS_HEADERS: [&str; 2] = ["jawaban", "lembarjawaban"];

/// The question (from 1) a header names: `1`, `S1`, `Soal 1`, `No. 1`.
fn question_of(header: &str) -> Option<usize> {
    let key = header_key(header);
    let digits = key
        .strip_prefix("soal")
        .or_else(|| key.strip_prefix('s'))
        .or_else(|| key.strip_prefix("no"))
        .unwrap_or(&key);
    let n: usize = digits
        .parse()
        .ok()
        .filter(|_| digits.bytes().all(|b| b.is_ascii_digit()))?;
    (1..=MAX_QUESTIONS).contains(&n).then_some(n)
}

fn names_column(cell: &str) -> bool {
    let key = header_key(cell);
    ID_HEADERS.contains(&key.as_str())
        || VERSION_HEADERS.contains(&key.as_str())
        || ANSWERS_HEADERS.contains(&key.as_str())
}

/// Where the answers are.
enum Layout {
    Joined(u32),
    /// The column of each question, question 1 first.
    Columns(Vec<u32>),
}

/// One participant's row: who (as written), which version, which answers
/// (or what is wrong with them).
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerLine {
    pub line: u64,
    /// The identifier as written, trimmed, in capitals.
    pub identifier: String,
    pub version: String,
    pub answers: std::result::Result<Vec<Answer>, RowProblem>,
}

/// The rows of an answer file and the columns its problems name.
pub struct AnswerLines {
    pub lines: Vec<std::result::Result<AnswerLine, Vec<RowProblem>>>,
    pub id_column: String,
    pub version_column: String,
    pub answers_column: String,
}

/// Reads every row of the first sheet below its header row. A row with
/// neither identifier nor version (a signature line below the table) is
/// not a line. Refuses a file whose header names no identifier, version
/// or answers column.
pub fn read(bytes: &[u8]) -> Result<AnswerLines> {
    let mut book = Workbook::open(bytes)?;
    let sheet = book.sheet_name(None)?;
    let rows = head::head(&mut book, &sheet)?;
    let header_row = head::header_row_by(&rows, names_column).unwrap_or(1);
    let headers = head::headers(&rows, header_row);
    let width = header_width(&rows, header_row);
    let find = |names: &[&str]| {
        headers
            .iter()
            .position(|h| names.contains(&header_key(h).as_str()))
            .map(|i| i as u32)
    };
    let mut questions: Vec<(usize, u32)> = headers
        .iter()
        .enumerate()
        .filter_map(|(i, h)| question_of(h).map(|q| (q, i as u32)))
        .collect();
    questions.sort();
    let (id, version) = (find(&ID_HEADERS), find(&VERSION_HEADERS));
    let layout = match find(&ANSWERS_HEADERS) {
        Some(c) => Some(Layout::Joined(c)),
        None if !questions.is_empty()
            && questions.iter().enumerate().all(|(i, (q, _))| *q == i + 1) =>
        {
            Some(Layout::Columns(questions.iter().map(|(_, c)| *c).collect()))
        }
        None => None,
    };
    let (Some(id), Some(version), Some(layout)) = (id, version, layout) else {
        return Err(Error::validation(
            "file",
            format!(
                "Baris judul (baris {header_row}) harus memuat kolom nomor_pendaftaran, versi, dan jawaban (satu teks, mis. ABCDA-BC) atau satu kolom per soal berjudul 1, 2, 3, … berurutan."
            ),
        ));
    };
    let format = book.format();
    let label = |c: u32| column_label(&headers, format, c);
    let id_column = label(id);
    let version_column = label(version);
    let answers_column = match &layout {
        Layout::Joined(c) => label(*c),
        Layout::Columns(cs) => format!("{} … {}", label(cs[0]), label(cs[cs.len() - 1])),
    };
    let mut lines = Vec::new();
    book.rows(&sheet, &mut |row: SheetRow| {
        if row.number <= header_row || (row.get(id).is_empty() && row.get(version).is_empty()) {
            return ControlFlow::Continue(());
        }
        if let Some(p) = width_problem(width, &row) {
            lines.push(Err(vec![p]));
            return ControlFlow::Continue(());
        }
        let line = u64::from(row.number);
        let problem = |column: String, reason: String| RowProblem {
            line,
            column,
            reason,
        };
        let identifier = row.get(id).as_text().to_ascii_uppercase();
        let version_text = row.get(version).as_text();
        let mut problems = Vec::new();
        if identifier.is_empty() {
            problems.push(problem(
                id_column.clone(),
                "Nomor pendaftaran kosong.".into(),
            ));
        }
        if version_text.is_empty() {
            problems.push(problem(version_column.clone(), "Versi soal kosong.".into()));
        }
        if !problems.is_empty() {
            lines.push(Err(problems));
            return ControlFlow::Continue(());
        }
        let answers = match &layout {
            Layout::Joined(c) => parse_answers(&row.get(*c).as_text())
                .map_err(|e| problem(answers_column.clone(), e.reason)),
            Layout::Columns(cs) => cs
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    parse_answer_cell(i + 1, &row.get(*c).as_text())
                        .map_err(|e| problem(label(*c), e.reason))
                })
                .collect(),
        };
        lines.push(Ok(AnswerLine {
            line,
            identifier,
            version: version_text,
            answers,
        }));
        ControlFlow::Continue(())
    })?;
    Ok(AnswerLines {
        lines,
        id_column,
        version_column,
        answers_column,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_are_named_as_sheets_name_them() {
        assert_eq!(question_of("1"), Some(1));
        assert_eq!(question_of("S12"), Some(12));
        assert_eq!(question_of("Soal 3"), Some(3));
        assert_eq!(question_of("No. 4"), Some(4));
        assert_eq!(question_of("Nama"), None);
        assert_eq!(question_of("0"), None);
        assert_eq!(question_of("201"), None);
    }

    #[test]
    fn a_csv_with_joined_answers_and_one_with_a_column_per_question() {
        let joined =
            "Nomor Pendaftaran;Versi;Jawaban\nppk-3514-0001;A;AB-D\n;;\nPPK-3514-0002;b;ABX\n";
        let got = read(joined.as_bytes()).unwrap();
        assert_eq!(got.lines.len(), 2);
        let first = got.lines[0].as_ref().unwrap();
        assert_eq!(first.identifier, "PPK-3514-0001");
        assert_eq!(
            first.answers,
            Ok(vec![
                Answer::Chose(0),
                Answer::Chose(1),
                Answer::Blank,
                Answer::Chose(3)
            ])
        );
        let bad = got.lines[1].as_ref().unwrap().answers.as_ref().unwrap_err();
        assert_eq!((bad.line, bad.column.as_str()), (4, "Jawaban"));

        let columns = "no_peserta,versi,1,2,3\nPPK-3514-0001,A,a,,c\nPPK-3514-0002,A,a,BB,c\n";
        let got = read(columns.as_bytes()).unwrap();
        let first = got.lines[0].as_ref().unwrap();
        assert_eq!(first.answers.as_ref().unwrap()[1], Answer::Blank);
        let bad = got.lines[1].as_ref().unwrap().answers.as_ref().unwrap_err();
        assert_eq!(bad.column, "2");
        assert!(bad.reason.contains("soal 2"));

        let no_version = "nomor_pendaftaran,jawaban\nPPK-3514-0001,AB\n";
        assert!(read_err(no_version).contains("versi"));
    }

    fn read_err(text: &str) -> String {
        match read(text.as_bytes()) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("read"),
        }
    }
}
