//! Reading an exported workbook back as a spreadsheet would: calamine for
//! the cells and their types, the zip archive for the sheet's settings.

use std::io::{Cursor, Read};

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};

/// The one worksheet of a workbook: its name and every row, the header first.
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Data>>,
}

impl Sheet {
    pub fn read(bytes: &[u8]) -> Sheet {
        let mut book: Xlsx<_> =
            open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("calamine opens the export");
        let names = book.sheet_names();
        assert_eq!(names.len(), 1, "one worksheet: {names:?}");
        let range = book.worksheet_range(&names[0]).unwrap();
        assert_eq!(range.start(), Some((0, 0)), "the list starts at A1");
        Sheet {
            name: names[0].clone(),
            rows: range.rows().map(<[Data]>::to_vec).collect(),
        }
    }

    pub fn header(&self) -> Vec<String> {
        self.rows[0].iter().map(ToString::to_string).collect()
    }

    /// Rows below the header.
    pub fn len(&self) -> usize {
        self.rows.len() - 1
    }

    /// The cell under `header` in data row `row` (0 is the first below the header).
    pub fn cell(&self, row: usize, header: &str) -> &Data {
        let col = self
            .header()
            .iter()
            .position(|h| h == header)
            .unwrap_or_else(|| panic!("no column {header}: {:?}", self.header()));
        &self.rows[row + 1][col]
    }

    /// The text of a string cell; panics on any other type.
    pub fn text(&self, row: usize, header: &str) -> &str {
        match self.cell(row, header) {
            Data::String(s) => s,
            other => panic!("{header} of row {row} is {other:?}, not text"),
        }
    }

    /// The value of a number cell; panics on any other type.
    pub fn number(&self, row: usize, header: &str) -> f64 {
        match self.cell(row, header) {
            Data::Float(f) => *f,
            Data::Int(i) => *i as f64,
            other => panic!("{header} of row {row} is {other:?}, not a number"),
        }
    }

    /// The value of a date cell; panics on any other type.
    pub fn datetime(&self, row: usize, header: &str) -> chrono::NaiveDateTime {
        match self.cell(row, header) {
            Data::DateTime(d) => d.as_datetime().unwrap(),
            other => panic!("{header} of row {row} is {other:?}, not a date"),
        }
    }
}

/// The XML of the worksheet inside a workbook.
pub fn sheet_xml(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}
