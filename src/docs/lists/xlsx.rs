//! A [`Table`] as an Excel workbook of one worksheet: a bold header row
//! that stays in view (frozen) with a filter on every column, the widths
//! the table asks for, numbers as numbers, dates and times as Excel dates,
//! identifiers as text.
//!
//! Every text is written as a string cell, never as a formula: a name
//! typed as `=HYPERLINK(…)` stays that text in the workbook, where no
//! spreadsheet runs it. (CSV needs a quote in front for that; a workbook
//! says what each cell is.)

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rust_xlsxwriter::{
    Color, ExcelDateTime, Format as CellFormat, FormatBorder, IgnoreError, Workbook, Worksheet,
    XlsxError,
};

use super::{Cell, Kind, Table};
use crate::error::{Error, Result};

/// The longest text a cell holds (Excel counts UTF-16 units).
pub const MAX_CELL_CHARS: usize = 32_767;

/// What takes the place of the end of a longer text.
const CUT_NOTE: &str =
    " … [teks dipotong karena melebihi batas sel Excel; teks lengkap ada di ekspor CSV]";

/// The workbook's bytes.
pub fn xlsx_bytes(table: &Table) -> Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    fill(sheet, table).map_err(xlsx_error)?;
    workbook.save_to_buffer().map_err(xlsx_error)
}

fn xlsx_error(e: XlsxError) -> Error {
    Error::Internal(format!("Berkas Excel tidak dapat dibuat: {e}"))
}

/// The cell formats of a sheet, made once.
struct Formats {
    header: CellFormat,
    text: CellFormat,
    integer: CellFormat,
    date: CellFormat,
    timestamp: CellFormat,
    /// By decimal places.
    decimals: HashMap<u8, CellFormat>,
}

impl Formats {
    fn new() -> Self {
        Formats {
            header: CellFormat::new()
                .set_bold()
                .set_background_color(Color::RGB(0xD9_E1_F2))
                .set_border_bottom(FormatBorder::Thin)
                .set_num_format("@"),
            // "@": what is typed over it later stays text too.
            text: CellFormat::new().set_num_format("@"),
            integer: CellFormat::new().set_num_format("0"),
            date: CellFormat::new().set_num_format("dd-mm-yyyy"),
            timestamp: CellFormat::new().set_num_format("dd-mm-yyyy hh:mm:ss"),
            decimals: HashMap::new(),
        }
    }

    fn decimal(&mut self, places: u8) -> &CellFormat {
        self.decimals.entry(places).or_insert_with(|| {
            let pattern = if places == 0 {
                "0".to_string()
            } else {
                format!("0.{}", "0".repeat(usize::from(places)))
            };
            CellFormat::new().set_num_format(pattern)
        })
    }

    /// The format of an empty column's cells (what is typed in later).
    fn of_kind(&mut self, kind: Kind) -> CellFormat {
        match kind {
            Kind::Text | Kind::Code => self.text.clone(),
            Kind::Integer => self.integer.clone(),
            Kind::Decimal => self.decimal(2).clone(),
            Kind::Date => self.date.clone(),
            Kind::Timestamp => self.timestamp.clone(),
        }
    }
}

fn fill(sheet: &mut Worksheet, table: &Table) -> std::result::Result<(), XlsxError> {
    sheet.set_name(table.title())?;
    let mut formats = Formats::new();
    let last_col = (table.columns().len().max(1) - 1) as u16;
    for (c, column) in table.columns().iter().enumerate() {
        let c = c as u16;
        sheet.set_column_width(c, f64::from(column.width))?;
        let format = formats.of_kind(column.kind);
        sheet.set_column_format(c, &format)?;
        sheet.write_string_with_format(0, c, column.header, &formats.header)?;
    }
    for (r, row) in table.rows().iter().enumerate() {
        let r = (r + 1) as u32;
        for (c, cell) in row.iter().enumerate() {
            write_cell(sheet, &mut formats, r, c as u16, cell)?;
        }
    }
    let last_row = table.len() as u32;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last_row, last_col)?;
    if last_row > 0 {
        // NIKs and numbers kept as text are meant to be text: no green
        // corner on every one of them.
        sheet.ignore_error_range(1, 0, last_row, last_col, IgnoreError::NumberStoredAsText)?;
    }
    Ok(())
}

fn write_cell(
    sheet: &mut Worksheet,
    formats: &mut Formats,
    r: u32,
    c: u16,
    cell: &Cell,
) -> std::result::Result<(), XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Text(s) => {
            sheet.write_string_with_format(r, c, fitted(s), &formats.text)?;
        }
        Cell::Integer(n) => {
            sheet.write_number_with_format(r, c, *n as f64, &formats.integer)?;
        }
        Cell::Decimal { units, places } => {
            let value = *units as f64 / 10f64.powi(i32::from(*places));
            let format = formats.decimal(*places).clone();
            sheet.write_number_with_format(r, c, value, &format)?;
        }
        Cell::Date(d) => match excel_date(*d) {
            Some(x) => {
                sheet.write_datetime_with_format(r, c, x, &formats.date)?;
            }
            None => {
                sheet.write_string_with_format(r, c, d.to_string(), &formats.text)?;
            }
        },
        Cell::Timestamp { text, local } => match local.and_then(excel_time) {
            Some(x) => {
                sheet.write_datetime_with_format(r, c, x, &formats.timestamp)?;
            }
            None => {
                sheet.write_string_with_format(r, c, fitted(text), &formats.text)?;
            }
        },
    }
    Ok(())
}

/// A date Excel shows as it is, else `None` (written as text): from
/// March 1900 on (Excel counts a 29 February 1900 that never was, so its
/// earlier days are off by one).
fn excel_date(d: NaiveDate) -> Option<ExcelDateTime> {
    if d < NaiveDate::from_ymd_opt(1900, 3, 1)? {
        return None;
    }
    let year = u16::try_from(d.year()).ok()?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
}

fn excel_time(t: NaiveDateTime) -> Option<ExcelDateTime> {
    let seconds = f64::from(t.second()) + f64::from(t.nanosecond() / 1_000_000) / 1000.0;
    excel_date(t.date())?
        .and_hms(t.hour() as u16, t.minute() as u8, seconds)
        .ok()
}

/// `s`, cut to what a cell holds with a note saying so.
fn fitted(s: &str) -> std::borrow::Cow<'_, str> {
    if s.len() <= MAX_CELL_CHARS || s.encode_utf16().count() <= MAX_CELL_CHARS {
        return std::borrow::Cow::Borrowed(s);
    }
    let room = MAX_CELL_CHARS - CUT_NOTE.encode_utf16().count();
    let mut used = 0;
    let end = s
        .char_indices()
        .find(|(_, ch)| {
            used += ch.len_utf16();
            used > room
        })
        .map_or(s.len(), |(i, _)| i);
    std::borrow::Cow::Owned(format!("{}{CUT_NOTE}", &s[..end]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_longer_than_a_cell_is_cut_with_a_note() {
        let short = "a".repeat(MAX_CELL_CHARS);
        assert_eq!(fitted(&short), short.as_str());
        // Characters outside the BMP count twice in Excel's limit.
        let long = "😀".repeat(MAX_CELL_CHARS);
        let cut = fitted(&long);
        assert!(cut.encode_utf16().count() <= MAX_CELL_CHARS);
        assert!(cut.encode_utf16().count() >= MAX_CELL_CHARS - 1);
        assert!(cut.starts_with("😀😀") && cut.ends_with("ekspor CSV]"));
    }

    #[test]
    fn dates_excel_would_misread_stay_as_text() {
        for (y, m, d) in [(1899, 12, 31), (1900, 2, 28), (1, 1, 1)] {
            assert!(excel_date(NaiveDate::from_ymd_opt(y, m, d).unwrap()).is_none());
        }
        assert!(excel_date(NaiveDate::from_ymd_opt(1900, 3, 1).unwrap()).is_some());
        assert!(excel_date(NaiveDate::from_ymd_opt(1990, 8, 12).unwrap()).is_some());
    }
}
