//! The interview panel's recap sheet: one row per candidate and
//! interviewer, keyed by registration number, with the interviewer's name
//! and one column per aspect of the round's form (headed by the aspect's
//! name). Any format [`Workbook`] opens. Problems carry the row as the
//! spreadsheet numbers it and the column as the file names it.

use std::ops::ControlFlow;

use super::head::{self, column_label, header_width, width_problem};
use super::{SheetRow, Workbook};
use crate::docs::problems::RowProblem;
use crate::domain::score_mapping::mark_text_of;
use crate::error::{Error, Result};

/// Headers naming the registration number column.
const NUMBER_HEADERS: [&str; 4] = [
    "nomor_pendaftaran",
    "nomor pendaftaran",
    "no pendaftaran",
    "nomor",
];
/// Headers naming the interviewer column.
const INTERVIEWER_HEADERS: [&str; 2] = ["pewawancara", "nama pewawancara"];

fn key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether a header names the aspect `name`: the same words, ignoring
/// case, optionally followed by its weight in brackets ("Komunikasi (20)").
fn names_aspect(header: &str, name: &str) -> bool {
    let h = key(header);
    let n = key(name);
    h == n
        || h.strip_prefix(&n)
            .is_some_and(|rest| rest.trim_start().starts_with('('))
}

/// One row of the sheet as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelLine {
    pub line: u64,
    /// Upper case, as registration numbers are.
    pub number: String,
    pub interviewer: String,
    /// One per aspect, in the form's order: the cell's text (possibly empty).
    pub scores: Vec<String>,
}

/// The lines of a recap sheet and the labels of its columns.
pub struct PanelSheet {
    pub lines: Vec<std::result::Result<PanelLine, Vec<RowProblem>>>,
    pub number_column: String,
    pub interviewer_column: String,
    /// One per aspect.
    pub aspect_columns: Vec<String>,
}

/// Reads the first sheet (or `sheet`): finds the header row among the
/// first rows, the number and interviewer columns and a column for every
/// aspect of `aspects`; refuses the file when one is missing.
pub fn read(
    book: &mut Workbook<'_>,
    sheet: Option<&str>,
    aspects: &[String],
) -> Result<PanelSheet> {
    let sheet = book.sheet_name(sheet)?;
    let rows = head::head(book, &sheet)?;
    let header_row = head::header_row_by(&rows, |c| {
        NUMBER_HEADERS.contains(&key(c).as_str()) || INTERVIEWER_HEADERS.contains(&key(c).as_str())
    })
    .unwrap_or(1);
    let headers = head::headers(&rows, header_row);
    let find = |pred: &dyn Fn(&str) -> bool| headers.iter().position(|h| pred(h)).map(|i| i as u32);
    let number = find(&|h| NUMBER_HEADERS.contains(&key(h).as_str()));
    let interviewer = find(&|h| INTERVIEWER_HEADERS.contains(&key(h).as_str()));
    let aspect_cols: Vec<Option<u32>> = aspects
        .iter()
        .map(|a| find(&|h| names_aspect(h, a)))
        .collect();
    let mut missing: Vec<String> = Vec::new();
    if number.is_none() {
        missing.push("nomor_pendaftaran".into());
    }
    if interviewer.is_none() {
        missing.push("pewawancara".into());
    }
    for (a, c) in aspects.iter().zip(&aspect_cols) {
        if c.is_none() {
            missing.push(format!("\"{a}\""));
        }
    }
    let (Some(number), Some(interviewer)) = (number, interviewer) else {
        return Err(missing_columns(&missing));
    };
    if !missing.is_empty() {
        return Err(missing_columns(&missing));
    }
    let aspect_cols: Vec<u32> = aspect_cols.into_iter().flatten().collect();
    let format = book.format();
    let label = |c: u32| column_label(&headers, format, c);
    let width = header_width(&rows, header_row);
    let number_column = label(number);
    let interviewer_column = label(interviewer);
    let aspect_columns: Vec<String> = aspect_cols.iter().map(|c| label(*c)).collect();
    let mut lines = Vec::new();
    book.rows(&sheet, &mut |row: SheetRow| {
        if row.number <= header_row
            || (row.get(number).is_empty() && row.get(interviewer).is_empty())
        {
            return ControlFlow::Continue(());
        }
        if let Some(p) = width_problem(width, &row) {
            lines.push(Err(vec![p]));
            return ControlFlow::Continue(());
        }
        let line = u64::from(row.number);
        let mut problems = Vec::new();
        let mut scores = Vec::with_capacity(aspect_cols.len());
        for (c, column) in aspect_cols.iter().zip(&aspect_columns) {
            match mark_text_of(row.get(*c)) {
                Ok(t) => scores.push(t),
                Err(reason) => problems.push(RowProblem {
                    line,
                    column: column.clone(),
                    reason,
                }),
            }
        }
        if problems.is_empty() {
            lines.push(Ok(PanelLine {
                line,
                number: row.get(number).as_text().to_ascii_uppercase(),
                interviewer: row.get(interviewer).as_text(),
                scores,
            }));
        } else {
            lines.push(Err(problems));
        }
        ControlFlow::Continue(())
    })?;
    Ok(PanelSheet {
        lines,
        number_column,
        interviewer_column,
        aspect_columns,
    })
}

fn missing_columns(missing: &[String]) -> Error {
    Error::validation(
        "file",
        format!(
            "Kolom berikut tidak ditemukan di baris judul: {}. Rekap nilai panel memerlukan kolom nomor_pendaftaran, pewawancara, dan satu kolom untuk setiap aspek (judulnya nama aspek).",
            missing.join(", ")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recap_is_read_by_its_headers() {
        let csv = "Nomor Pendaftaran;Pewawancara;Komunikasi (20);Integritas\nppk-1;Budi;80,5;90\n;;;\nPPK-2;Sari;x;\n";
        let mut book = Workbook::open(csv.as_bytes()).unwrap();
        let aspects = vec!["Integritas".to_string(), "komunikasi".to_string()];
        let s = read(&mut book, None, &aspects).unwrap();
        assert_eq!(s.lines.len(), 2);
        let first = s.lines[0].as_ref().unwrap();
        assert_eq!(first.number, "PPK-1");
        assert_eq!(first.scores, vec!["90".to_string(), "80,5".to_string()]);
        assert_eq!(
            s.lines[1].as_ref().unwrap().scores,
            vec![String::new(), "x".into()]
        );
        let e = read(
            &mut Workbook::open(b"nomor,pewawancara\n").unwrap(),
            None,
            &aspects,
        )
        .err()
        .unwrap();
        assert!(e.to_string().contains("\"Integritas\""), "{e}");
    }
}
