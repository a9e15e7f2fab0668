//! Writing every CSV the app hands out (exports, problem reports, the
//! CLI's output): one writer, so that every such file is safe to open in a
//! spreadsheet and is written in time linear in its size.
//!
//! A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is
//! read by Excel, LibreOffice and Google Sheets as a formula, which can
//! open links or run programs (`=HYPERLINK(…)`, `=cmd|…`): "CSV
//! injection". Such a cell is written with a single quote in front (the
//! OWASP advice), which spreadsheets show as text. Numbers (`-5`, `+62812…`,
//! `-2,5`) and a lone `-` cannot run anything and stay as they are, so
//! that they remain readable. The app's own readers ([`super::csv_in`])
//! take the quote off again, so an export imports back unchanged.

use std::borrow::Cow;
use std::io::Write;

use crate::error::Result;

/// A CSV writer: comma separated, `\n` line ends, a cell quoted only when
/// it holds a comma, a quote or a line break, formula-looking cells
/// neutralised.
pub struct CsvOut<W: Write> {
    out: std::io::BufWriter<W>,
}

impl<W: Write> CsvOut<W> {
    pub fn new(out: W) -> Self {
        CsvOut {
            out: std::io::BufWriter::new(out),
        }
    }

    /// Writes one record.
    pub fn write_record<I, T>(&mut self, record: I) -> Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        let (mut cells, mut bytes) = (0, 0);
        for cell in record {
            if cells > 0 {
                self.out.write_all(b",")?;
            }
            let cell = neutralised(cell.as_ref());
            write_cell(&mut self.out, &cell)?;
            cells += 1;
            bytes += cell.len();
        }
        if cells == 1 && bytes == 0 {
            // One empty cell: quoted, else the record is a blank line that
            // readers skip.
            self.out.write_all(b"\"\"")?;
        }
        self.out.write_all(b"\n")?;
        Ok(())
    }

    /// Writes out what is buffered. Call it at the end: a buffer dropped
    /// unflushed loses its error.
    pub fn flush(&mut self) -> Result<()> {
        self.out.flush()?;
        Ok(())
    }
}

/// One cell, quoted when it must be: a single pass over the cell (the csv
/// crate's writer searches a long quoted cell again for every 8 KiB it
/// writes, quadratic in the cell's length).
fn write_cell<W: Write>(out: &mut W, cell: &str) -> std::io::Result<()> {
    let bytes = cell.as_bytes();
    if !bytes
        .iter()
        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
    {
        return out.write_all(bytes);
    }
    out.write_all(b"\"")?;
    let mut parts = bytes.split(|b| *b == b'"');
    if let Some(first) = parts.next() {
        out.write_all(first)?;
    }
    for part in parts {
        out.write_all(b"\"\"")?;
        out.write_all(part)?;
    }
    out.write_all(b"\"")
}

/// `cell` as it is written: with a `'` in front when a spreadsheet would
/// read it as a formula.
pub fn neutralised(cell: &str) -> Cow<'_, str> {
    if looks_like_formula(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A cell as it was before [`neutralised`]: the `'` that writer put in
/// front of a formula-looking value taken off.
pub fn restored(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if looks_like_formula(rest) => rest,
        _ => cell,
    }
}

/// Whether a spreadsheet would take `cell` for a formula.
fn looks_like_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell != "-" && !is_number(cell)
}

/// A signed decimal number (`-5`, `+6281234567890`, `-2,5`, `77.25`).
fn is_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let (whole, frac) = match digits.split_once(['.', ',']) {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(records: &[&[&str]]) -> String {
        let mut out = Vec::new();
        let mut w = CsvOut::new(&mut out);
        for r in records {
            w.write_record(r.iter()).unwrap();
        }
        w.flush().unwrap();
        drop(w);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn formula_looking_cells_get_a_quote_in_front() {
        for (cell, out) in [
            (
                "=HYPERLINK(\"http://x\";\"klik\")",
                "'=HYPERLINK(\"http://x\";\"klik\")",
            ),
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("@SUM(1+1)", "'@SUM(1+1)"),
            ("+1+1", "'+1+1"),
            ("-2+3", "'-2+3"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("-", "-"),
            ("--", "'--"),
        ] {
            assert_eq!(neutralised(cell), out, "{cell:?}");
            assert_eq!(restored(&neutralised(cell)), cell, "{cell:?}");
        }
    }

    #[test]
    fn numbers_dates_and_ordinary_text_stay_as_they_are() {
        for cell in [
            "-5",
            "-2,5",
            "+6281234567890",
            "77.25",
            "2026-11-23",
            "12-08-1990",
            "PPK-3514-0001",
            "Siti Nur'aini",
            "'kutip di depan",
            "",
        ] {
            assert_eq!(neutralised(cell), cell);
            assert_eq!(restored(cell), cell);
        }
    }

    #[test]
    fn cells_are_quoted_as_the_csv_crate_reads_them() {
        let out = written(&[
            &["nama", "alamat", "catatan"],
            &["Budi", "Jl. Contoh, No. 1", "kata \"sah\"\nbaris dua"],
            &["=1+1", "", "-"],
        ]);
        assert_eq!(
            out,
            "nama,alamat,catatan\nBudi,\"Jl. Contoh, No. 1\",\"kata \"\"sah\"\"\nbaris dua\"\n'=1+1,,-\n"
        );
        let read: Vec<Vec<String>> = csv::Reader::from_reader(out.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        assert_eq!(
            read[0],
            ["Budi", "Jl. Contoh, No. 1", "kata \"sah\"\nbaris dua"]
        );
    }

    #[test]
    fn a_cell_of_megabytes_with_quotes_is_written_whole() {
        // A message repeating a long value between quotes: the csv crate's
        // writer took minutes over 50 MB of it.
        let cell = format!("Nilai \"{}\" tidak sah", "1".repeat(8 << 20));
        let out = written(&[&[&cell]]);
        assert_eq!(out.len(), cell.len() + 2 + 2 + 1);
        assert!(out.starts_with("\"Nilai \"\"111"));
        assert!(out.ends_with("\"\" tidak sah\"\n"));
    }
}
