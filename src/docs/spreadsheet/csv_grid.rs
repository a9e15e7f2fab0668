//! A CSV file read as a sheet of text cells, for files whose header is not
//! ours (an export of SIAKBA, a list saved from a spreadsheet). The bounds
//! of `csv_in` hold: UTF-8 only, records read one at a time, of each cell
//! at most [`MAX_CELL_BYTES`] kept and only the first [`MAX_COLUMNS`]
//! columns.

use std::ops::ControlFlow;

use super::{too_many_rows, SheetRow, MAX_CELL_BYTES, MAX_COLUMNS, MAX_ROWS};
use crate::docs::csv_in::detect_delimiter;
use crate::docs::csv_out::restored;
use crate::docs::csv_records::{Cell, LineCounter, Records};
use crate::domain::staff_values::CellValue;
use crate::error::{Error, Result};

/// The text of a CSV file, without its BOM; refused when not UTF-8.
pub(super) fn text(bytes: &[u8]) -> Result<&str> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Error::validation(
            "file",
            format!(
                "Berkas bukan spreadsheet (xlsx, xls, ods) dan bukan teks CSV UTF-8 (bita ke-{}). Simpan ulang dari spreadsheet sebagai .xlsx atau \"CSV UTF-8\".",
                e.valid_up_to() + 1
            ),
        )
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Every record with content, as a row numbered by its line.
pub(super) fn rows(text: &str, visit: &mut dyn FnMut(SheetRow) -> ControlFlow<()>) -> Result<()> {
    let mut records = Records::new(text, 0, detect_delimiter(text));
    let mut lines = LineCounter::new(text);
    let keep = |i: usize| (i < MAX_COLUMNS as usize).then_some(MAX_CELL_BYTES);
    let mut count: u32 = 0;
    while let Some(record) = records.next_record(&keep) {
        if record.blank {
            continue;
        }
        count += 1;
        if count > MAX_ROWS {
            return Err(too_many_rows());
        }
        let line = lines.line_of(record.start);
        let number = u32::try_from(line).unwrap_or(u32::MAX);
        let cells = record
            .cells
            .into_iter()
            .map(|(i, cell)| {
                let value = match cell {
                    Cell::Text(t) => CellValue::Text(restored(t.trim()).to_string()),
                    Cell::Long { chars } => CellValue::Long {
                        bytes: chars as usize,
                    },
                };
                (i as u32, value)
            })
            .filter(|(_, v)| !v.is_empty())
            .collect();
        let row = SheetRow {
            number,
            cells,
            fields: Some(record.fields),
        };
        if visit(row).is_break() {
            break;
        }
    }
    Ok(())
}
