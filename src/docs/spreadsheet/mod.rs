//! Spreadsheets staff bring (xlsx, xls, ods, and CSV with any header),
//! read through calamine into rows of [`CellValue`]s, one row at a time.
//! What the rows mean is decided elsewhere (`applicants` here maps them to
//! applicant fields); writing spreadsheets may live beside this later.
//!
//! Every file is hostile: at most [`MAX_FILE_BYTES`]; a zip (xlsx, ods)
//! unpacking to at most [`MAX_UNZIPPED_BYTES`], its text table to at most
//! [`MAX_SHARED_STRINGS_BYTES`]; the formats calamine holds
//! whole (ods, xls) at most [`MAX_CELLS`] cells, measured before it opens
//! them (`guard`); of a sheet at most [`MAX_ROWS`] rows and the first
//! [`MAX_COLUMNS`] columns are taken, and of a cell at most
//! [`MAX_CELL_BYTES`]. An xlsx sheet is streamed, never held whole.

pub mod answers;
pub mod applicants;
mod csv_grid;
mod guard;
pub mod head;
pub mod panel_scores;
pub mod scores;

use std::io::Cursor;
use std::ops::ControlFlow;

use calamine::{Data, DataRef, Reader};
use serde::Serialize;
use ts_rs::TS;

pub use crate::docs::csv_in::MAX_FILE_BYTES;
use crate::domain::staff_values::CellValue;
use crate::domain::text::{number, shown};
use crate::error::{Error, Result};

/// Unpacked size of an xlsx or ods, as its zip declares it: 512 MiB. An
/// xlsx of 100,000 applicants unpacks to about 60 MB, an ods to about 200.
pub const MAX_UNZIPPED_BYTES: u64 = 512 << 20;
/// The text table of an xlsx (`sharedStrings.xml`), unpacked: 128 MiB.
/// calamine holds it whole, a string for each entry; 100,000 applicants
/// with every text unique take about 25 MB.
pub const MAX_SHARED_STRINGS_BYTES: u64 = 128 << 20;
/// Parts of a zip: a workbook has a few dozen.
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// Cells an ods or xls may make calamine hold: 100,000 applicants in 40
/// columns.
pub const MAX_CELLS: u64 = 4_000_000;
/// Rows of a sheet read: twice the largest kabupaten's intake.
pub const MAX_ROWS: u32 = 200_000;
/// Columns of a sheet taken, from the left (as for CSV).
pub const MAX_COLUMNS: u32 = crate::docs::csv_in::MAX_COLUMNS as u32;
/// Bytes of a cell kept: every applicant field fits in far less (at most
/// 254 characters, four bytes each).
pub const MAX_CELL_BYTES: usize = 4_096;

/// The first bytes of a compound file (an xls).
const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The kind of a file, from its first bytes (never from its name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SheetFormat {
    Xlsx,
    Xls,
    Ods,
    Csv,
}

impl SheetFormat {
    /// The kind `bytes` look like from their first bytes: a zip is taken
    /// for an xlsx (an ods is told apart only by its contents), a compound
    /// file for an xls, anything else for CSV text.
    pub fn of(bytes: &[u8]) -> SheetFormat {
        if bytes.starts_with(b"PK\x03\x04") {
            SheetFormat::Xlsx
        } else if bytes.starts_with(&CFB_MAGIC) {
            SheetFormat::Xls
        } else {
            SheetFormat::Csv
        }
    }

    /// Spreadsheets show column letters; a CSV file only its header.
    pub fn has_letters(self) -> bool {
        self != SheetFormat::Csv
    }
}

/// One row of a sheet with something in it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SheetRow {
    /// The row as the spreadsheet numbers it (the line, for CSV), from 1.
    pub number: u32,
    /// The cells with content, by 0-based column, in column order; only
    /// columns below [`MAX_COLUMNS`].
    pub cells: Vec<(u32, CellValue)>,
    /// For CSV, the fields the line has (a row whose count differs from
    /// the header's cannot be read safely).
    pub fields: Option<usize>,
}

impl SheetRow {
    /// The cell of column `column`, or an empty one.
    pub fn get(&self, column: u32) -> &CellValue {
        const EMPTY: CellValue = CellValue::Empty;
        self.cells
            .binary_search_by_key(&column, |(c, _)| *c)
            .map_or(&EMPTY, |i| &self.cells[i].1)
    }

    /// The cells as text, from column A to the last one with content.
    pub fn texts(&self) -> Vec<String> {
        let width = self.cells.last().map_or(0, |(c, _)| *c as usize + 1);
        let mut out = vec![String::new(); width];
        for (c, v) in &self.cells {
            out[*c as usize] = v.as_text();
        }
        out
    }
}

/// An opened file, its sheets listed.
pub struct Workbook<'a> {
    format: SheetFormat,
    inner: Inner<'a>,
}

enum Inner<'a> {
    Xlsx(Box<calamine::Xlsx<Cursor<&'a [u8]>>>),
    Xls(Box<calamine::Xls<Cursor<&'a [u8]>>>),
    Ods(Box<calamine::Ods<Cursor<&'a [u8]>>>),
    Csv(&'a str),
}

fn refused(message: String) -> Error {
    Error::validation("file", message)
}

/// What `format` cannot open, and what to do about it.
fn unreadable(format: &str, e: impl std::fmt::Display) -> Error {
    refused(format!(
        "Berkas {format} tidak dapat dibaca ({}). Buka di spreadsheet lalu simpan ulang sebagai .xlsx.",
        shown(&e.to_string())
    ))
}

impl<'a> Workbook<'a> {
    /// Opens `bytes`, whatever spreadsheet they are, after the checks of
    /// the module's bounds.
    pub fn open(bytes: &'a [u8]) -> Result<Workbook<'a>> {
        if bytes.len() > MAX_FILE_BYTES {
            return Err(refused(format!(
                "Berkas terlalu besar untuk diimpor ({} MB; paling besar {} MB).",
                number((bytes.len() as u64).div_ceil(1 << 20)),
                MAX_FILE_BYTES >> 20
            )));
        }
        if bytes.starts_with(b"PK\x03\x04") {
            let names = zip::ZipArchive::new(Cursor::new(bytes))
                .map(|z| {
                    (
                        z.index_for_name("xl/workbook.xml").is_some(),
                        z.index_for_name("content.xml").is_some(),
                        z.index_for_name("xl/workbook.bin").is_some(),
                    )
                })
                .map_err(|e| unreadable("zip", e))?;
            return match names {
                (true, _, _) => {
                    guard::zip_sizes(bytes, "xlsx")?;
                    let book = calamine::Xlsx::new(Cursor::new(bytes))
                        .map_err(|e| unreadable("xlsx", e))?;
                    Ok(Workbook {
                        format: SheetFormat::Xlsx,
                        inner: Inner::Xlsx(Box::new(book)),
                    })
                }
                (_, true, _) => {
                    guard::zip_sizes(bytes, "ods")?;
                    guard::ods_cells(bytes)?;
                    let book = calamine::Ods::new(Cursor::new(bytes))
                        .map_err(|e| unreadable("ods", e))?;
                    Ok(Workbook {
                        format: SheetFormat::Ods,
                        inner: Inner::Ods(Box::new(book)),
                    })
                }
                (_, _, true) => Err(refused(
                    "Berkas ini berformat Excel Binary (.xlsb). Simpan ulang sebagai .xlsx (Buku Kerja Excel) lalu impor lagi.".into(),
                )),
                _ => Err(refused(
                    "Berkas zip ini bukan spreadsheet (xlsx atau ods).".into(),
                )),
            };
        }
        if bytes.starts_with(&CFB_MAGIC) {
            guard::xls_cells(bytes)?;
            let book = calamine::Xls::new(Cursor::new(bytes)).map_err(|e| unreadable("xls", e))?;
            return Ok(Workbook {
                format: SheetFormat::Xls,
                inner: Inner::Xls(Box::new(book)),
            });
        }
        let text = csv_grid::text(bytes)?;
        Ok(Workbook {
            format: SheetFormat::Csv,
            inner: Inner::Csv(text),
        })
    }

    pub fn format(&self) -> SheetFormat {
        self.format
    }

    /// The sheets, in workbook order (a CSV file has one, named "CSV").
    pub fn sheet_names(&self) -> Vec<String> {
        match &self.inner {
            Inner::Xlsx(b) => b.sheet_names(),
            Inner::Xls(b) => b.sheet_names(),
            Inner::Ods(b) => b.sheet_names(),
            Inner::Csv(_) => vec!["CSV".to_string()],
        }
    }

    /// The sheet called `name`, or the first when `None`; refused with the
    /// sheets there are when it does not exist.
    pub fn sheet_name(&self, name: Option<&str>) -> Result<String> {
        let names = self.sheet_names();
        match name {
            None => names
                .into_iter()
                .next()
                .ok_or_else(|| refused("Berkas tidak berisi lembar kerja.".into())),
            Some(n) => {
                if let Some(found) = names.iter().find(|s| s.trim() == n.trim()) {
                    return Ok(found.clone());
                }
                let listed: Vec<String> = names.iter().take(20).map(|s| shown(s)).collect();
                Err(Error::validation(
                    "sheet",
                    format!(
                        "Lembar \"{}\" tidak ada di berkas. Lembar yang ada: {}.",
                        shown(n),
                        listed.join(", ")
                    ),
                ))
            }
        }
    }

    /// Calls `visit` with each row of `sheet` that has content, in order,
    /// until it breaks. Refuses a sheet longer than [`MAX_ROWS`] rows.
    pub fn rows(
        &mut self,
        sheet: &str,
        visit: &mut dyn FnMut(SheetRow) -> ControlFlow<()>,
    ) -> Result<()> {
        match &mut self.inner {
            Inner::Xlsx(b) => xlsx_rows(b, sheet, visit),
            Inner::Xls(b) => {
                let range = b.worksheet_range(sheet).map_err(|e| unreadable("xls", e))?;
                range_rows(&range, visit)
            }
            Inner::Ods(b) => {
                let range = b.worksheet_range(sheet).map_err(|e| unreadable("ods", e))?;
                range_rows(&range, visit)
            }
            Inner::Csv(text) => csv_grid::rows(text, visit),
        }
    }
}

fn too_many_rows() -> Error {
    refused(format!(
        "Lembar ini berisi lebih dari {} baris. Bagi daftarnya menjadi beberapa berkas, atau hapus baris kosong yang berformat di bawah data.",
        number(u64::from(MAX_ROWS))
    ))
}

/// Text of a cell, at most [`MAX_CELL_BYTES`] of it.
fn text_cell(s: &str) -> CellValue {
    if s.len() > MAX_CELL_BYTES {
        CellValue::Long { bytes: s.len() }
    } else {
        CellValue::Text(s.to_string())
    }
}

fn from_ref(d: &DataRef<'_>) -> CellValue {
    match d {
        DataRef::Int(i) => CellValue::Number(*i as f64),
        DataRef::Float(f) => CellValue::Number(*f),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => text_cell(s),
        DataRef::SharedString(s) => text_cell(s),
        DataRef::Bool(b) => CellValue::Bool(*b),
        DataRef::DateTime(d) => CellValue::Date(d.as_datetime().map(|t| t.date())),
        DataRef::Error(e) => CellValue::Error(e.to_string()),
        DataRef::Empty => CellValue::Empty,
    }
}

fn from_data(d: &Data) -> CellValue {
    match d {
        Data::Int(i) => CellValue::Number(*i as f64),
        Data::Float(f) => CellValue::Number(*f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => text_cell(s),
        Data::Bool(b) => CellValue::Bool(*b),
        Data::DateTime(d) => CellValue::Date(d.as_datetime().map(|t| t.date())),
        Data::Error(e) => CellValue::Error(e.to_string()),
        Data::Empty => CellValue::Empty,
    }
}

/// An xlsx sheet streamed cell by cell: rows are grouped as they come
/// (Excel and every writer known write them in order; a file that goes
/// back to an earlier row is refused rather than held whole).
fn xlsx_rows(
    book: &mut calamine::Xlsx<Cursor<&[u8]>>,
    sheet: &str,
    visit: &mut dyn FnMut(SheetRow) -> ControlFlow<()>,
) -> Result<()> {
    let mut reader = book
        .worksheet_cells_reader(sheet)
        .map_err(|e| unreadable("xlsx", e))?;
    let mut row = SheetRow {
        number: 0,
        cells: Vec::new(),
        fields: None,
    };
    let mut last_col: Option<u32> = None;
    loop {
        let cell = reader.next_cell().map_err(|e| unreadable("xlsx", e))?;
        let Some(cell) = cell else { break };
        let (r, c) = cell.get_position();
        let number = r.saturating_add(1);
        if number != row.number {
            if number < row.number {
                return Err(refused(format!(
                    "Baris {} lembar ini tersimpan setelah baris {}: urutan baris di berkas tidak wajar. Buka di spreadsheet lalu simpan ulang.",
                    number, row.number
                )));
            }
            if !row.cells.is_empty() && visit(std::mem::take(&mut row)).is_break() {
                return Ok(());
            }
            row.number = number;
            last_col = None;
        }
        if c >= MAX_COLUMNS || last_col.is_some_and(|l| c <= l) {
            continue;
        }
        let value = from_ref(cell.get_value());
        if value.is_empty() {
            continue;
        }
        if number > MAX_ROWS {
            return Err(too_many_rows());
        }
        last_col = Some(c);
        row.cells.push((c, value));
    }
    if !row.cells.is_empty() {
        let _ = visit(row);
    }
    Ok(())
}

/// A sheet calamine holds whole (xls, ods), row by row.
fn range_rows(
    range: &calamine::Range<Data>,
    visit: &mut dyn FnMut(SheetRow) -> ControlFlow<()>,
) -> Result<()> {
    let Some((top, left)) = range.start() else {
        return Ok(());
    };
    for (i, cells) in range.rows().enumerate() {
        let number = top.saturating_add(i as u32).saturating_add(1);
        let cells: Vec<(u32, CellValue)> = cells
            .iter()
            .enumerate()
            .map(|(j, d)| (left.saturating_add(j as u32), d))
            .take_while(|(c, _)| *c < MAX_COLUMNS)
            .map(|(c, d)| (c, from_data(d)))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        if cells.is_empty() {
            continue;
        }
        if number > MAX_ROWS {
            return Err(too_many_rows());
        }
        let row = SheetRow {
            number,
            cells,
            fields: None,
        };
        if visit(row).is_break() {
            break;
        }
    }
    Ok(())
}
