//! The lists the app hands out (applicants, results, the quota recap, the
//! audit trail, party-list hits) as one typed table each: columns with a
//! header, a kind and a width, and rows of typed cells. A list is built
//! once and written either as CSV ([`super::csv_out`], the bytes the CLI
//! has always printed) or as an Excel workbook ([`xlsx`]): numbers as
//! numbers, dates as dates, identifiers as text.

mod xlsx;

use std::io::Write;

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::docs::csv_out::CsvOut;
use crate::error::{Error, Result};

pub use xlsx::{xlsx_bytes, MAX_CELL_CHARS};

/// The rows below the header a worksheet holds: Excel's 1,048,576 rows,
/// less the header.
pub const MAX_XLSX_ROWS: usize = 1_048_575;

/// The file a list is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ExportFormat {
    /// Comma separated, formula-looking cells neutralised.
    #[default]
    Csv,
    /// An Excel workbook of one worksheet.
    Xlsx,
}

impl ExportFormat {
    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
        }
    }

    /// The name a save dialog shows for the file type.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Csv => "CSV",
            ExportFormat::Xlsx => "Excel",
        }
    }
}

/// How a column's cells are kept in a spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Words: names, statuses, reasons.
    Text,
    /// Digits that name something rather than count it: NIK, registration
    /// numbers, telephone numbers, region codes. Always text, so that a
    /// leading zero and all 16 digits of a NIK survive (Excel keeps 15
    /// significant digits of a number).
    Code,
    /// Whole numbers: counts, ranks.
    Integer,
    /// Scores, with the places each cell carries.
    Decimal,
    /// A calendar date, shown dd-mm-yyyy.
    Date,
    /// A moment, shown in local time dd-mm-yyyy hh:mm:ss.
    Timestamp,
}

/// One column: its header (the same in CSV and in a workbook, so that an
/// exported file reads back with the same names), its kind, and its width
/// in characters in a workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub header: &'static str,
    pub kind: Kind,
    pub width: u8,
}

impl Column {
    pub const fn new(header: &'static str, kind: Kind, width: u8) -> Self {
        Column {
            header,
            kind,
            width,
        }
    }
}

/// One cell. A cell's type may differ from its column's kind where a list
/// mixes them (a score column holds `absen` for who did not attend).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Integer(i64),
    /// `units` / 10^`places`: `Decimal { units: 7850, places: 2 }` is 78,50.
    Decimal {
        units: i64,
        places: u8,
    },
    Date(NaiveDate),
    /// A stored RFC 3339 time: CSV keeps its text, a workbook shows it in
    /// local time (as the app's screens do). `local` is `None` when the
    /// text is not a time, and a workbook then shows the text.
    Timestamp {
        text: String,
        local: Option<NaiveDateTime>,
    },
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Self {
        Cell::Text(s.into())
    }

    /// Text, or an empty cell for `None` or `""`.
    pub fn optional(s: Option<impl Into<String>>) -> Self {
        match s.map(Into::into) {
            Some(s) if !s.is_empty() => Cell::Text(s),
            _ => Cell::Empty,
        }
    }

    pub fn integer(n: impl Into<i64>) -> Self {
        Cell::Integer(n.into())
    }

    /// A number as the app writes it for people (`78,50`, `-2,5`, `90`) as
    /// a decimal cell; anything else (`absen`) as text, and `""` as empty.
    pub fn decimal_text(s: &str) -> Self {
        if s.is_empty() {
            return Cell::Empty;
        }
        let (negative, digits) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (whole, frac) = match digits.split_once(',') {
            Some((whole, frac)) if !frac.is_empty() => (whole, frac),
            Some(_) => return Cell::text(s),
            None => (digits, ""),
        };
        let canonical = !whole.is_empty()
            && whole.bytes().all(|b| b.is_ascii_digit())
            && (whole == "0" || !whole.starts_with('0'))
            && frac.bytes().all(|b| b.is_ascii_digit())
            && frac.len() <= 6
            && whole.len() <= 12;
        let units = format!("{whole}{frac}").parse::<i64>();
        match units {
            Ok(units) if canonical && !(negative && units == 0) => Cell::Decimal {
                units: if negative { -units } else { units },
                places: frac.len() as u8,
            },
            _ => Cell::text(s),
        }
    }

    /// A stored time (RFC 3339).
    pub fn timestamp(text: impl Into<String>) -> Self {
        let text = text.into();
        let local = DateTime::parse_from_rfc3339(&text)
            .ok()
            .map(|t| t.with_timezone(&Local).naive_local());
        Cell::Timestamp { text, local }
    }

    /// The cell as CSV writes it.
    pub fn csv_text(&self) -> std::borrow::Cow<'_, str> {
        use std::borrow::Cow;
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(s) | Cell::Timestamp { text: s, .. } => Cow::Borrowed(s),
            Cell::Integer(n) => Cow::Owned(n.to_string()),
            Cell::Decimal { units, places } => Cow::Owned(decimal_text(*units, *places)),
            Cell::Date(d) => Cow::Owned(d.format("%Y-%m-%d").to_string()),
        }
    }
}

/// `units` / 10^`places` with a decimal comma, every place written.
fn decimal_text(units: i64, places: u8) -> String {
    let sign = if units < 0 { "-" } else { "" };
    let digits = units.unsigned_abs().to_string();
    let places = usize::from(places);
    if places == 0 {
        return format!("{sign}{digits}");
    }
    let digits = format!("{digits:0>width$}", width = places + 1);
    let (whole, frac) = digits.split_at(digits.len() - places);
    format!("{sign}{whole},{frac}")
}

/// A list: a title (the worksheet's name), its columns and its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    title: String,
    columns: Vec<Column>,
    rows: Vec<Vec<Cell>>,
}

impl Table {
    /// An empty list. `title` names the worksheet: at most 31 characters,
    /// none of `[]:*?/\`.
    pub fn new(title: impl Into<String>, columns: &[Column]) -> Self {
        Table {
            title: title.into(),
            columns: columns.to_vec(),
            rows: Vec::new(),
        }
    }

    /// Adds a row: one cell per column.
    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(
            row.len(),
            self.columns.len(),
            "a row of {} has one cell per column",
            self.title
        );
        self.rows.push(row);
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    pub fn rows(&self) -> &[Vec<Cell>] {
        &self.rows
    }

    /// Rows below the header.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Refuses, before anything is written, a list too long for `format`
    /// (a worksheet's rows).
    pub fn check_fits(&self, format: ExportFormat) -> Result<()> {
        if format == ExportFormat::Xlsx && self.rows.len() > MAX_XLSX_ROWS {
            return Err(Error::validation(
                "format",
                format!(
                    "Daftar ini berisi {} baris, lebih dari yang muat di satu lembar Excel \
                     ({} baris). Ekspor sebagai CSV, atau persempit daftarnya (mis. per \
                     wilayah atau rentang tanggal).",
                    crate::domain::text::number(self.rows.len() as u64),
                    crate::domain::text::number(MAX_XLSX_ROWS as u64)
                ),
            ));
        }
        Ok(())
    }

    /// Writes the header and the rows as CSV records (the caller flushes).
    pub fn write_csv<W: Write>(&self, w: &mut CsvOut<W>) -> Result<()> {
        w.write_record(self.columns.iter().map(|c| c.header))?;
        for row in &self.rows {
            w.write_record(row.iter().map(Cell::csv_text))?;
        }
        Ok(())
    }

    /// Writes the whole list as `format` to `out`.
    pub fn write<W: Write>(&self, format: ExportFormat, mut out: W) -> Result<()> {
        self.check_fits(format)?;
        match format {
            ExportFormat::Csv => {
                let mut w = CsvOut::new(out);
                self.write_csv(&mut w)?;
                w.flush()
            }
            ExportFormat::Xlsx => {
                out.write_all(&xlsx_bytes(self)?)?;
                out.flush()?;
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_written_as_the_app_writes_scores() {
        for (units, places, text) in [
            (7850, 2, "78,50"),
            (785_530, 4, "78,5530"),
            (5, 2, "0,05"),
            (-25, 1, "-2,5"),
            (90, 0, "90"),
            (0, 2, "0,00"),
        ] {
            assert_eq!(decimal_text(units, places), text);
            assert_eq!(
                Cell::decimal_text(text),
                Cell::Decimal { units, places },
                "{text}"
            );
        }
    }

    #[test]
    fn what_is_not_a_plain_number_stays_text() {
        for s in [
            "absen", "78.50", "078,50", "7,", ",5", "1e3", "--1", "+5", " 5", "-0",
        ] {
            assert_eq!(Cell::decimal_text(s), Cell::text(s), "{s}");
        }
        assert_eq!(Cell::decimal_text(""), Cell::Empty);
    }

    #[test]
    fn csv_cells_keep_the_text_of_today_s_exports() {
        let d = NaiveDate::from_ymd_opt(1990, 8, 12).unwrap();
        assert_eq!(Cell::Date(d).csv_text(), "1990-08-12");
        assert_eq!(Cell::integer(7).csv_text(), "7");
        let at = "2026-11-23T08:00:00.000Z";
        assert_eq!(Cell::timestamp(at).csv_text(), at);
        assert_eq!(Cell::timestamp("kemarin").csv_text(), "kemarin");
        assert!(matches!(
            Cell::timestamp("kemarin"),
            Cell::Timestamp { local: None, .. }
        ));
        assert_eq!(Cell::optional(None::<String>), Cell::Empty);
        assert_eq!(Cell::optional(Some("")), Cell::Empty);
    }

    #[test]
    fn a_list_longer_than_a_worksheet_is_refused_for_excel_only() {
        let mut t = Table::new("Uji", &[Column::new("n", Kind::Integer, 6)]);
        t.rows = vec![vec![Cell::Empty]; MAX_XLSX_ROWS + 1];
        let e = t.check_fits(ExportFormat::Xlsx).unwrap_err();
        assert_eq!(e.field(), Some("format"));
        let message = e.to_string();
        assert!(
            message.contains("1.048.576 baris") && message.contains("(1.048.575 baris)"),
            "{message}"
        );
        assert!(t.check_fits(ExportFormat::Csv).is_ok());
        t.rows.pop();
        assert!(t.check_fits(ExportFormat::Xlsx).is_ok());
    }
}
