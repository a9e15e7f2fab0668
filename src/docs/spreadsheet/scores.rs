//! Marks from a sheet: the CAT system's export, a marking sheet or the
//! interview recap, in any of the formats [`Workbook`] opens. Each data row
//! below the header is read through a [`ScoreMapping`] into the same
//! [`ScoreLine`] a score CSV gives, so the service checks both alike.
//! Problems carry the row as the spreadsheet numbers it and the column as
//! the file names it.

use std::ops::ControlFlow;

use super::head::{self, column_label, header_width, width_problem, SourceColumn};
use super::{SheetRow, Workbook};
use crate::docs::problems::RowProblem;
use crate::docs::scores_csv::{ScoreKey, ScoreLine};
use crate::domain::score_mapping::{
    is_score_sheet_header, mark_of, mark_text_of, propose, ColumnSample, IdKind, ScoreMapping,
};
use crate::domain::staff_values::nik_text;
use crate::error::{Error, Result};

/// The head of a score sheet: its columns, their header texts, and the
/// mapping proposed for them.
pub struct ScoreHead {
    pub columns: Vec<SourceColumn>,
    pub headers: Vec<String>,
    pub proposed: ScoreMapping,
}

/// Reads the first rows of `sheet`, finds the header row (unless
/// `header_row` is given) and proposes a mapping from the headers and
/// what the first data rows hold.
pub fn describe(
    book: &mut Workbook<'_>,
    sheet: &str,
    header_row: Option<u32>,
) -> Result<ScoreHead> {
    let rows = head::head(book, sheet)?;
    let header_row = header_row
        .filter(|r| *r > 0)
        .or_else(|| head::header_row_by(&rows, is_score_sheet_header))
        .unwrap_or(1);
    let headers = head::headers(&rows, header_row);
    let columns = head::columns(&rows, header_row, book.format());
    let samples: Vec<Vec<String>> = columns
        .iter()
        .map(|c| {
            rows.iter()
                .filter(|r| r.number > header_row)
                .map(|r| r.get(c.index).as_text())
                .collect()
        })
        .collect();
    let sampled: Vec<ColumnSample<'_>> = columns
        .iter()
        .zip(&samples)
        .map(|(c, s)| ColumnSample {
            header: &c.header,
            samples: s,
        })
        .collect();
    let proposed = propose(header_row, &sampled);
    Ok(ScoreHead {
        columns,
        headers,
        proposed,
    })
}

/// The lines of a sheet as read, and the column a problem of the
/// identifier is shown under.
pub struct SheetLines {
    pub lines: Vec<std::result::Result<ScoreLine, Vec<RowProblem>>>,
    pub key_column: String,
}

/// Reads every data row of `sheet` through `mapping`. A row with neither
/// an identifier nor a mark (a signature line below the table) is not a
/// line. Refuses a mapping that lacks a column or uses one twice.
pub fn read(book: &mut Workbook<'_>, sheet: &str, mapping: &ScoreMapping) -> Result<SheetLines> {
    let (Some(id), Some(mark)) = (mapping.id_column, mapping.mark_column) else {
        return Err(Error::validation(
            "mapping",
            format!("Pilih kolom untuk: {}.", mapping.missing().join(", ")),
        ));
    };
    if let Some(conflict) = mapping.conflict() {
        return Err(Error::validation("mapping", conflict));
    }
    let rows = head::head(book, sheet)?;
    let headers = head::headers(&rows, mapping.header_row);
    let width = header_width(&rows, mapping.header_row);
    let format = book.format();
    let label = |c: u32| column_label(&headers, format, c);
    let key_column = label(id);
    let mark_column = label(mark);
    let attendance_column = mapping.attendance_column.map(label).unwrap_or_default();
    let mut lines = Vec::new();
    book.rows(sheet, &mut |row: SheetRow| {
        if row.number <= mapping.header_row || (row.get(id).is_empty() && row.get(mark).is_empty())
        {
            return ControlFlow::Continue(());
        }
        if let Some(p) = width_problem(width, &row) {
            lines.push(Err(vec![p]));
            return ControlFlow::Continue(());
        }
        let line = u64::from(row.number);
        let problem = |column: &str, reason: String| RowProblem {
            line,
            column: column.to_string(),
            reason,
        };
        let cell = row.get(id);
        let key = match mapping.id_kind {
            _ if cell.is_empty() => Err(problem(
                &key_column,
                format!("{} kosong.", mapping.id_kind.label()),
            )),
            IdKind::Nomor => Ok(ScoreKey::Number(cell.as_text().to_ascii_uppercase())),
            IdKind::Nik => nik_text(cell)
                .map(ScoreKey::Nik)
                .map_err(|reason| problem(&key_column, reason)),
        };
        let hadir = mapping
            .attendance_column
            .map(|c| row.get(c).as_text())
            .unwrap_or_default();
        let mark = mark_text_of(row.get(mark))
            .map_err(|reason| problem(&mark_column, reason))
            .and_then(|nilai| {
                mark_of(&nilai, &hadir).map_err(|(column, reason)| {
                    let at = if column == "hadir" {
                        &attendance_column
                    } else {
                        &mark_column
                    };
                    problem(at, reason)
                })
            });
        lines.push(Ok(ScoreLine { line, key, mark }));
        ControlFlow::Continue(())
    })?;
    Ok(SheetLines { lines, key_column })
}
