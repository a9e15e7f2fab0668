//! Checks made on a spreadsheet file before calamine opens it. calamine
//! reads into memory, and a small hostile file can ask it for far more
//! than it holds: an xlsx or ods is a zip, whose 64 MB may unpack to
//! gigabytes; an ods cell may say it repeats 16,384 times across a
//! million rows; an xls may declare a sheet of four billion rows, for
//! which memory is reserved up front. Each of these is measured here from
//! what the file declares, without unpacking it (zip) or by one streaming
//! pass that keeps nothing (ods, xls), and refused past the bounds.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use super::{MAX_CELLS, MAX_SHARED_STRINGS_BYTES, MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES};
use crate::domain::text::number;
use crate::error::{Error, Result};

fn refused(reason: String) -> Error {
    Error::validation("file", reason)
}

fn unreadable(what: &str) -> Error {
    refused(format!(
        "Berkas {what} tidak dapat dibaca: mungkin rusak, terkunci kata sandi, atau bukan berkas {what}. Buka di spreadsheet lalu simpan ulang sebagai .xlsx."
    ))
}

/// An xlsx or ods: at most [`MAX_ZIP_ENTRIES`] entries, together at most
/// [`MAX_UNZIPPED_BYTES`] unpacked as the archive declares them (the zip
/// reader stops any entry that unpacks to more than it declared).
pub(super) fn zip_sizes(bytes: &[u8], what: &str) -> Result<()> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| unreadable(what))?;
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(refused(format!(
            "Berkas {what} ini berisi {} bagian; spreadsheet biasa berisi puluhan. Buka di spreadsheet lalu simpan ulang.",
            number(zip.len() as u64)
        )));
    }
    let mut total: u64 = 0;
    let mut strings: u64 = 0;
    for i in 0..zip.len() {
        let (name, size) = zip
            .by_index_raw(i)
            .map(|f| {
                let name = f.name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
                (name, f.size())
            })
            .map_err(|_| unreadable(what))?;
        total = total.saturating_add(size);
        if name.ends_with("sharedstrings.xml") {
            strings = strings.saturating_add(size);
        }
    }
    if total > MAX_UNZIPPED_BYTES {
        return Err(refused(format!(
            "Isi berkas {what} ini {} MB setelah dibuka (paling besar {} MB). Bagi daftarnya menjadi beberapa berkas, atau hapus lembar dan kolom yang tidak perlu.",
            number(total.div_ceil(1 << 20)),
            MAX_UNZIPPED_BYTES >> 20
        )));
    }
    // calamine holds the text table of an xlsx whole, a string each.
    if strings > MAX_SHARED_STRINGS_BYTES {
        return Err(refused(format!(
            "Tabel teks berkas {what} ini {} MB setelah dibuka (paling besar {} MB). Bagi daftarnya menjadi beberapa berkas, atau hapus lembar dan kolom yang tidak perlu.",
            number(strings.div_ceil(1 << 20)),
            MAX_SHARED_STRINGS_BYTES >> 20
        )));
    }
    Ok(())
}

fn too_many_cells(cells: u64) -> Error {
    refused(format!(
        "Lembar kerja di berkas ini mencakup {} sel (paling banyak {}). Hapus baris dan kolom kosong yang berformat di bawah atau di kanan data, atau bagi daftarnya menjadi beberapa berkas.",
        number(cells),
        number(MAX_CELLS)
    ))
}

/// The columns calamine keeps of one ods row at most.
const ODS_MAX_COLUMNS: u64 = 16_384;

/// An ods: the cells calamine would hold for its tables, counting what
/// the repeat attributes expand to, at most [`MAX_CELLS`]. Counts, per
/// table, the widest row up to its last cell with content times the rows
/// from the first such row to the last, repeats included; and the cells
/// of every row as written.
pub(super) fn ods_cells(bytes: &[u8]) -> Result<()> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| unreadable("ods"))?;
    let content = zip.by_name("content.xml").map_err(|_| unreadable("ods"))?;
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let mut buf = Vec::new();
    let attr = |e: &BytesStart, name: &str| -> u64 {
        e.try_get_attribute(name)
            .ok()
            .flatten()
            .and_then(|a| a.value.trim().parse().ok())
            .unwrap_or(1)
    };
    let is_cell = |name: &str| name == "table:table-cell" || name == "table:covered-table-cell";
    // Per table: rows counted so far, where the first row with content
    // starts and the last one ends, the widest such row.
    let (mut rows, mut first, mut last_end, mut widest) = (0u64, None::<u64>, 0u64, 0u64);
    // Per row: its repeats, its width so far, its width up to content.
    let (mut row_repeats, mut width, mut filled_width) = (1u64, 0u64, 0u64);
    let (mut written, mut total) = (0u64, 0u64);
    let end_table = |total: &mut u64, first: Option<u64>, last_end: u64, widest: u64| {
        if let Some(first) = first {
            *total = total.saturating_add((last_end - first).saturating_mul(widest));
        }
    };
    loop {
        buf.clear();
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|_| unreadable("ods"))?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "table:table" => {
                end_table(&mut total, first, last_end, widest);
                (rows, first, last_end, widest) = (0, None, 0, 0);
            }
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                (row_repeats, width, filled_width) = (attr(&e, "table:number-rows-repeated"), 0, 0);
            }
            Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                rows = rows.saturating_add(attr(&e, "table:number-rows-repeated"));
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                written = written.saturating_add(filled_width);
                if filled_width > 0 {
                    first.get_or_insert(rows);
                    last_end = rows.saturating_add(row_repeats);
                    widest = widest.max(filled_width);
                }
                rows = rows.saturating_add(row_repeats);
            }
            Event::Start(e) if is_cell(e.name().as_ref()) => {
                // A cell with content (a value or text inside it).
                width = (width + attr(&e, "table:number-columns-repeated")).min(ODS_MAX_COLUMNS);
                filled_width = width;
            }
            Event::Empty(e) if is_cell(e.name().as_ref()) => {
                width = (width + attr(&e, "table:number-columns-repeated")).min(ODS_MAX_COLUMNS);
                if e.try_get_attribute("office:value-type")
                    .ok()
                    .flatten()
                    .is_some()
                {
                    filled_width = width;
                }
            }
            Event::Eof => break,
            _ => {}
        }
        if written.max(total) > MAX_CELLS {
            return Err(too_many_cells(written.max(total)));
        }
    }
    end_table(&mut total, first, last_end, widest);
    if written.max(total) > MAX_CELLS {
        return Err(too_many_cells(written.max(total)));
    }
    Ok(())
}

/// An xls: for every sheet, the area its dimensions record declares and
/// the area its cells span, at most [`MAX_CELLS`] together.
pub(super) fn xls_cells(bytes: &[u8]) -> Result<()> {
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|_| unreadable("xls"))?;
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| cfb.is_stream(n))
        .ok_or_else(|| unreadable("xls"))?;
    let mut stream = Vec::new();
    cfb.open_stream(name)
        .and_then(|s| s.take(bytes.len() as u64 + 1).read_to_end(&mut stream))
        .map_err(|_| unreadable("xls"))?;
    let u16_at = |d: &[u8], at: usize| {
        d.get(at..at + 2)
            .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]))
    };
    let u32_at = |d: &[u8], at: usize| {
        d.get(at..at + 4)
            .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let mut total: u64 = 0;
    // The span of the current sheet's cells: rows and columns, min and max.
    let mut span: Option<(u32, u32, u32, u32)> = None;
    let close = |span: &mut Option<(u32, u32, u32, u32)>, total: &mut u64| {
        if let Some((r0, r1, c0, c1)) = span.take() {
            let area = u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1);
            *total = total.saturating_add(area);
        }
    };
    let mut at = 0;
    while at + 4 <= stream.len() {
        let typ = u16_at(&stream, at);
        let len = usize::from(u16_at(&stream, at + 2));
        let data = stream.get(at + 4..at + 4 + len).unwrap_or(&[]);
        at += 4 + len;
        let cell = |row: u32, c0: u32, c1: u32, span: &mut Option<(u32, u32, u32, u32)>| {
            *span = Some(match *span {
                None => (row, row, c0, c1),
                Some((r0, r1, a, b)) => (r0.min(row), r1.max(row), a.min(c0), b.max(c1)),
            });
        };
        match typ {
            // BOF and EOF: a sheet (or the workbook globals) begins or ends.
            0x0809 | 0x000A => close(&mut span, &mut total),
            // Dimensions: calamine reserves room for the area declared.
            0x0200 => {
                let (r0, r1, c0, c1) = if len >= 14 {
                    (
                        u32_at(data, 0),
                        u32_at(data, 4),
                        u16_at(data, 8),
                        u16_at(data, 10),
                    )
                } else {
                    (
                        u32::from(u16_at(data, 0)),
                        u32::from(u16_at(data, 2)),
                        u16_at(data, 4),
                        u16_at(data, 6),
                    )
                };
                let c0 = if c0 > 0xFF || c1 < c0 { 0 } else { c0 };
                let area = u64::from(r1.saturating_sub(r0)) * u64::from(c1.saturating_sub(c0));
                if area > MAX_CELLS {
                    return Err(too_many_cells(area));
                }
            }
            // Cells that start with their row and column.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                let col = u32::from(u16_at(data, 2));
                cell(u32::from(u16_at(data, 0)), col, col, &mut span);
            }
            // Several numbers in one row: the last column is at the end.
            0x00BD if len >= 6 => {
                let last = u32::from(u16_at(data, len - 2));
                let first = u32::from(u16_at(data, 2));
                cell(
                    u32::from(u16_at(data, 0)),
                    first,
                    last.max(first),
                    &mut span,
                );
            }
            _ => {}
        }
        let open = span.map_or(0, |(r0, r1, c0, c1)| {
            u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1)
        });
        if total.saturating_add(open) > MAX_CELLS {
            return Err(too_many_cells(total.saturating_add(open)));
        }
    }
    Ok(())
}
