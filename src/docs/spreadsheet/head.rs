//! The head of a sheet, whatever it lists: its first rows, the header row
//! among them, and its columns as a mapping screen shows them (letter,
//! header, a few samples). Applicant lists and score sheets read it alike.

use std::ops::ControlFlow;

use serde::Serialize;
use ts_rs::TS;

use super::{SheetFormat, SheetRow, Workbook};
use crate::docs::problems::RowProblem;
use crate::domain::sheet_mapping::{column_letter, field_of_header, find_header_row_by};
use crate::domain::text::number;
use crate::error::Result;

/// Rows read to find the header and show the columns.
pub const HEAD_ROWS: usize = 30;

/// A column of the file as the mapping screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SourceColumn {
    /// 0-based.
    pub index: u32,
    /// "C"; empty for a CSV file.
    pub letter: String,
    /// The header text (may be empty).
    pub header: String,
    /// What the first data rows hold in it, as text.
    pub samples: Vec<String>,
}

/// The first rows of a sheet (at most [`HEAD_ROWS`] with content).
pub fn head(book: &mut Workbook<'_>, sheet: &str) -> Result<Vec<SheetRow>> {
    let mut rows = Vec::new();
    book.rows(sheet, &mut |row| {
        rows.push(row);
        if rows.len() >= HEAD_ROWS {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    })?;
    Ok(rows)
}

/// The row most like a header among `head`, counted from 1.
pub fn header_row_of(head: &[SheetRow]) -> Option<u32> {
    header_row_by(head, |c| field_of_header(c).is_some())
}

/// The row most like a header among `head`, with `names` saying which
/// cells name a column.
pub fn header_row_by(head: &[SheetRow], names: impl Fn(&str) -> bool) -> Option<u32> {
    let rows: Vec<(u32, Vec<String>)> = head.iter().map(|r| (r.number, r.texts())).collect();
    find_header_row_by(&rows, names)
}

/// The header texts of row `header_row` (empty when the row is blank).
pub fn headers(head: &[SheetRow], header_row: u32) -> Vec<String> {
    head.iter()
        .find(|r| r.number == header_row)
        .map(SheetRow::texts)
        .unwrap_or_default()
}

/// The columns of the file: every column of the header row and of the
/// first data rows, with up to three samples each.
pub fn columns(head: &[SheetRow], header_row: u32, format: SheetFormat) -> Vec<SourceColumn> {
    let headers = headers(head, header_row);
    let data: Vec<&SheetRow> = head.iter().filter(|r| r.number > header_row).collect();
    let width = data
        .iter()
        .filter_map(|r| r.cells.last().map(|(c, _)| *c as usize + 1))
        .chain([headers.len()])
        .max()
        .unwrap_or(0);
    (0..width as u32)
        .map(|i| SourceColumn {
            index: i,
            letter: if format.has_letters() {
                column_letter(i)
            } else {
                String::new()
            },
            header: headers.get(i as usize).cloned().unwrap_or_default(),
            samples: data
                .iter()
                .map(|r| crate::domain::text::shown(&r.get(i).as_text()))
                .filter(|s| !s.is_empty())
                .take(3)
                .collect(),
        })
        .collect()
}

/// A column as a problem names it: `NILAI (kolom C)`, `kolom C`; a CSV
/// file by its header alone (`nilai`) or its place (`kolom 3`).
pub fn column_label(headers: &[String], format: SheetFormat, c: u32) -> String {
    let header = headers.get(c as usize).map_or("", |h| h.trim());
    match (format.has_letters(), header.is_empty()) {
        (true, true) => format!("kolom {}", column_letter(c)),
        (true, false) => format!("{header} (kolom {})", column_letter(c)),
        (false, true) => format!("kolom {}", c + 1),
        (false, false) => header.to_string(),
    }
}

/// For CSV, the fields of the header row (rows of another width cannot be
/// read safely).
pub fn header_width(head: &[SheetRow], header_row: u32) -> Option<usize> {
    head.iter()
        .find(|r| r.number == header_row)
        .and_then(|r| r.fields)
}

/// The problem of a CSV row whose fields are not as many as the header's.
pub fn width_problem(header_width: Option<usize>, row: &SheetRow) -> Option<RowProblem> {
    let (width, fields) = (header_width?, row.fields?);
    (width != fields).then(|| RowProblem {
        line: u64::from(row.number),
        column: String::new(),
        reason: format!(
            "Baris ini berisi {} kolom, padahal baris judul berisi {}. Apit teks yang memuat pemisah (koma atau titik koma) dengan tanda kutip, atau simpan berkas sebagai .xlsx.",
            number(fields as u64),
            number(width as u64)
        ),
    })
}
