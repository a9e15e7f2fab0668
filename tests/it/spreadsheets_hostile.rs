//! Spreadsheets made to hurt: each is refused (or its cell reported)
//! quickly, before calamine is asked to hold what they declare.

use std::io::Write;
use std::time::{Duration, Instant};

use adhoc::docs::spreadsheet::Workbook;

use crate::spreadsheets::{ods, ods_row, xlsx, C};

fn refusal(bytes: &[u8]) -> String {
    let started = Instant::now();
    let e = match Workbook::open(bytes) {
        Err(e) => e,
        Ok(mut book) => {
            let sheet = book.sheet_name(None).unwrap();
            book.rows(&sheet, &mut |_| std::ops::ControlFlow::Continue(()))
                .expect_err("the file was read")
        }
    };
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    e.to_string()
}

#[test]
fn an_ods_cell_repeated_across_a_million_cells_is_refused_before_it_is_expanded() {
    let bomb = format!(
        "{}<table:table-row table:number-rows-repeated=\"100000\"><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"float\" office:value=\"1\"/></table:table-row>",
        ods_row(&["NIK", "Nama"])
    );
    let e = refusal(&ods(&bomb));
    assert!(e.contains("sel (paling banyak 4.000.000)"), "{e}");
    // Many rows, each written once but wide.
    let wide = "<table:table-row><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row>".repeat(300);
    let e = refusal(&ods(&wide));
    assert!(e.contains("sel (paling banyak 4.000.000)"), "{e}");
}

#[test]
fn a_zip_that_declares_gigabytes_is_refused_unopened() {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("xl/workbook.xml", stored).unwrap();
    zip.write_all(b"<workbook/>").unwrap();
    zip.start_file("xl/sharedStrings.xml", stored).unwrap();
    zip.write_all(b"<sst/>").unwrap();
    zip.finish().unwrap();
    let mut bytes = out.into_inner();
    // The central directory says the strings unpack to 4 GB.
    let cd = bytes
        .windows(4)
        .rposition(|w| w == [0x50, 0x4b, 0x01, 0x02])
        .unwrap();
    let mut huge = bytes.clone();
    huge[cd + 24..cd + 28].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    let e = refusal(&huge);
    assert!(
        e.contains("4.096 MB setelah dibuka (paling besar 512 MB)"),
        "{e}"
    );
    // Within the total, but a text table calamine would hold whole.
    bytes[cd + 24..cd + 28].copy_from_slice(&(200u32 << 20).to_le_bytes());
    let e = refusal(&bytes);
    assert!(e.contains("Tabel teks berkas xlsx ini 200 MB"), "{e}");
}

/// An xls: a compound file whose workbook stream holds `records`.
fn xls(records: &[(u16, Vec<u8>)]) -> Vec<u8> {
    let mut cfb = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    {
        let mut s = cfb.create_stream("/Workbook").unwrap();
        for (typ, data) in records {
            s.write_all(&typ.to_le_bytes()).unwrap();
            s.write_all(&(data.len() as u16).to_le_bytes()).unwrap();
            s.write_all(data).unwrap();
        }
    }
    cfb.flush().unwrap();
    cfb.into_inner().into_inner()
}

fn number_cell(row: u16, col: u16) -> (u16, Vec<u8>) {
    let mut d = Vec::new();
    d.extend(row.to_le_bytes());
    d.extend(col.to_le_bytes());
    d.extend(0u16.to_le_bytes());
    d.extend(1.0f64.to_le_bytes());
    (0x0203, d)
}

#[test]
fn an_xls_that_declares_or_spans_millions_of_cells_is_refused_before_calamine() {
    let bof = (0x0809u16, vec![0u8; 16]);
    let mut dims = Vec::new();
    dims.extend(0u32.to_le_bytes());
    dims.extend(u32::MAX.to_le_bytes());
    dims.extend(0u16.to_le_bytes());
    dims.extend(255u16.to_le_bytes());
    dims.extend(0u16.to_le_bytes());
    let e = refusal(&xls(&[bof.clone(), (0x0200, dims)]));
    assert!(e.contains("sel (paling banyak 4.000.000)"), "{e}");
    // Two cells at opposite corners of a sheet.
    let e = refusal(&xls(&[bof, number_cell(0, 0), number_cell(65_535, 255)]));
    assert!(e.contains("16.777.216 sel"), "{e}");
}

#[test]
fn a_row_past_the_bound_refuses_the_sheet_and_a_huge_cell_is_kept_as_its_size() {
    use C::*;
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "NIK").unwrap();
    ws.write_string(300_000, 0, "3514011208900001").unwrap();
    let e = refusal(&book.save_to_buffer().unwrap());
    assert!(e.contains("lebih dari 200.000 baris"), "{e}");

    // The longest text Excel takes (32,767 characters) where a name goes:
    // kept as its size only.
    let big: &'static str = Box::leak("A".repeat(32_000).into_boxed_str());
    let bytes = xlsx(
        "Sheet1",
        &[
            vec![S("NIK"), S("Nama")],
            vec![S("3514011208900001"), S(big)],
        ],
    );
    let mut book = Workbook::open(&bytes).unwrap();
    let mut cells = Vec::new();
    book.rows("Sheet1", &mut |row| {
        cells.push(row.get(1).clone());
        std::ops::ControlFlow::Continue(())
    })
    .unwrap();
    assert_eq!(
        cells[1],
        adhoc::domain::staff_values::CellValue::Long { bytes: 32_000 }
    );
}
