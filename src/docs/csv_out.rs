//! Writing the CSV files the app hands out, in time linear in their size.

use std::io::Write;

use crate::error::Result;

/// A CSV writer: comma separated, `\n` line ends, a cell quoted only when
/// it holds a comma, a quote or a line break.
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
            let cell = cell.as_ref();
            write_cell(&mut self.out, cell)?;
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
    fn cells_are_quoted_as_the_csv_crate_reads_them() {
        let out = written(&[
            &["nama", "alamat", "catatan"],
            &["Budi", "Jl. Contoh, No. 1", "kata \"sah\"\nbaris dua"],
            &["1+1", "", "-"],
        ]);
        assert_eq!(
            out,
            "nama,alamat,catatan\nBudi,\"Jl. Contoh, No. 1\",\"kata \"\"sah\"\"\nbaris dua\"\n1+1,,-\n"
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
