//! Reading CSV files staff bring: UTF-8 with or without a BOM, comma or
//! semicolon separated (spreadsheets in the Indonesian locale write
//! semicolons), header names matched case-insensitively. Problems are
//! collected per row with the line number and column, so a whole file can be
//! reported at once.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::size_limit::SizeLimit;
use crate::error::{Error, Result};

/// Largest CSV file read. The largest file staff bring, a kabupaten's
/// party-membership list, is a few MB; anything near this is not the file
/// meant, and is refused before it fills the memory.
pub const LIMIT: SizeLimit = SizeLimit {
    bytes: 64 * 1024 * 1024,
    field: "berkas",
    what: "Berkas CSV",
    hint: "Periksa bahwa berkas yang dipilih benar.",
};

/// Reads a CSV file staff picked or named, refusing more than [`LIMIT`]
/// however large the file says it is.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>> {
    crate::bounded_read::read_file(path, &LIMIT)
}

/// One problem in an input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RowProblem {
    /// Line in the file, counting the header as line 1.
    pub line: u64,
    /// Column name, or empty for the whole row.
    pub column: String,
    pub reason: String,
}

/// Writes problems as CSV (`baris,kolom,alasan`), the report staff fix a
/// file from.
pub fn write_problems<W: std::io::Write>(problems: &[RowProblem], out: W) -> crate::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["baris", "kolom", "alasan"])?;
    for p in problems {
        w.write_record([p.line.to_string().as_str(), &p.column, &p.reason])?;
    }
    w.flush()?;
    Ok(())
}

/// A CSV file with its header resolved to the columns a reader asked for.
#[derive(Debug)]
pub struct CsvInput {
    rows: Vec<(u64, csv::StringRecord)>,
    columns: Vec<Option<usize>>,
    /// Fields in the header: every data row must have as many.
    width: usize,
    delimiter: u8,
}

/// Line numbers of records from their byte offsets. The csv crate's own
/// line count can point at the line before a record, so the line is derived
/// from where the record starts (just after any line breaks at `at`).
/// Records come in order, so only the bytes since the previous record are
/// counted: linear in the file's size.
struct LineCounter<'a> {
    bytes: &'a [u8],
    counted_to: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            bytes: text.as_bytes(),
            counted_to: 0,
            line: 1,
        }
    }

    /// The 1-based line of the record at byte `at` (offsets never decrease).
    fn line_of(&mut self, at: usize) -> u64 {
        let bytes = self.bytes;
        let mut start = at.min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        let from = self.counted_to.min(start);
        self.line += bytes[from..start].iter().filter(|b| **b == b'\n').count() as u64;
        self.counted_to = self.counted_to.max(start);
        self.line
    }
}

/// Which separator a file uses: the one that splits the header line into more fields.
fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    }
}

impl CsvInput {
    /// Reads `bytes` and finds the `wanted` columns in its header; those in
    /// `required` must be present. Fails only when the file as a whole
    /// cannot be used (not UTF-8, no header, a required column missing).
    pub fn parse(bytes: &[u8], wanted: &[&str], required: &[&str]) -> Result<CsvInput> {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            Error::validation(
                "file",
                format!(
                    "Berkas bukan teks UTF-8 (bita ke-{}). Simpan ulang dari spreadsheet sebagai \"CSV UTF-8\".",
                    e.valid_up_to() + 1
                ),
            )
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let delimiter = detect_delimiter(text);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let header: Vec<String> = match records.next() {
            Some(h) => h
                .map_err(|e| {
                    Error::validation("file", format!("Baris judul kolom tidak terbaca: {e}"))
                })?
                .iter()
                .map(|h| h.trim().to_lowercase())
                .collect(),
            None => Vec::new(),
        };
        if header.iter().all(String::is_empty) {
            return Err(Error::validation(
                "file",
                "Berkas kosong atau tanpa baris judul kolom.",
            ));
        }
        let columns: Vec<Option<usize>> = wanted
            .iter()
            .map(|w| header.iter().position(|h| h == w))
            .collect();
        let missing: Vec<&str> = required
            .iter()
            .filter(|r| {
                columns[wanted
                    .iter()
                    .position(|w| w == *r)
                    .expect("required ⊆ wanted")]
                .is_none()
            })
            .copied()
            .collect();
        if !missing.is_empty() {
            return Err(Error::validation(
                "file",
                format!(
                    "Kolom {} tidak ada di baris judul. Kolom yang ada: {}.",
                    missing.join(", "),
                    header.join(", ")
                ),
            ));
        }
        let mut rows = Vec::new();
        let mut lines = LineCounter::new(text);
        for record in records {
            let record =
                record.map_err(|e| Error::validation("file", format!("Berkas CSV rusak: {e}")))?;
            let line = lines.line_of(record.position().map_or(0, |p| p.byte() as usize));
            if record.iter().all(str::is_empty) {
                continue;
            }
            rows.push((line, record));
        }
        Ok(CsvInput {
            rows,
            columns,
            width: header.len(),
            delimiter,
        })
    }

    /// The data rows: line number and a getter by wanted-column index. A
    /// row with more or fewer fields than the header is a problem of that
    /// row, never read: its values would land in the wrong columns (a comma
    /// decimal such as `77,5` in a comma-separated file splits one value in
    /// two).
    pub fn rows(&self) -> impl Iterator<Item = std::result::Result<Row<'_>, RowProblem>> {
        self.rows.iter().map(|(line, record)| {
            if record.len() != self.width {
                return Err(RowProblem {
                    line: *line,
                    column: String::new(),
                    reason: self.shape_reason(record.len()),
                });
            }
            Ok(Row {
                line: *line,
                record,
                columns: &self.columns,
            })
        })
    }

    /// Why a row of `fields` fields cannot be read, and how to fix the file.
    fn shape_reason(&self, fields: usize) -> String {
        let header = self.width;
        if fields > header {
            let cause = if self.delimiter == b',' {
                "Biasanya karena angka desimal dengan koma (mis. 77,5) atau teks berisi koma yang tidak diapit tanda kutip, di berkas yang dipisah koma. Tulis desimal dengan titik (77.5), apit nilainya dengan tanda kutip (\"77,5\"), atau simpan berkas dengan pemisah titik koma."
            } else {
                "Biasanya karena teks berisi titik koma yang tidak diapit tanda kutip. Apit nilainya dengan tanda kutip, atau hapus titik komanya."
            };
            format!("Baris ini berisi {fields} kolom, padahal baris judul berisi {header}. {cause}")
        } else {
            format!(
                "Baris ini hanya berisi {fields} kolom, padahal baris judul berisi {header}. Lengkapi kolom yang kurang (kolom kosong tetap ditulis dengan pemisahnya)."
            )
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// One data row.
pub struct Row<'a> {
    pub line: u64,
    record: &'a csv::StringRecord,
    columns: &'a [Option<usize>],
}

impl Row<'_> {
    /// The value of the `i`-th wanted column (empty when absent).
    pub fn get(&self, i: usize) -> &str {
        self.columns[i]
            .and_then(|c| self.record.get(c))
            .unwrap_or("")
    }

    /// A problem in column `column` of this row.
    pub fn problem(&self, column: &str, reason: impl Into<String>) -> RowProblem {
        RowProblem {
            line: self.line,
            column: column.to_string(),
            reason: reason.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comma_semicolon_bom_and_header_case_read_alike() {
        let files: [&[u8]; 3] = [
            b"nik,partai\n3514011208900001,Partai A\n",
            b"NIK;Partai\r\n3514011208900001;Partai A\r\n",
            "\u{feff}nik;partai\n3514011208900001;Partai A\n".as_bytes(),
        ];
        for f in files {
            let input = CsvInput::parse(f, &["nik", "partai"], &["nik", "partai"]).unwrap();
            let rows: Vec<(u64, String, String)> = input
                .rows()
                .map(Result::unwrap)
                .map(|r| (r.line, r.get(0).to_string(), r.get(1).to_string()))
                .collect();
            assert_eq!(
                rows,
                vec![(2, "3514011208900001".into(), "Partai A".into())]
            );
        }
    }

    #[test]
    fn quoted_fields_keep_their_separators() {
        let f = b"nama;alamat\n\"Ma'ruf; S.Pd\";\"Jl. Contoh, No. 1\"\n";
        let input = CsvInput::parse(f, &["nama", "alamat"], &["nama"]).unwrap();
        let row = input.rows().next().unwrap().unwrap();
        assert_eq!(row.get(0), "Ma'ruf; S.Pd");
        assert_eq!(row.get(1), "Jl. Contoh, No. 1");
    }

    #[test]
    fn blank_lines_are_skipped_and_line_numbers_stay_true() {
        let f = b"nik,partai\n\n3514011208900001,A\n,\n3514011208900002,B\n";
        let input = CsvInput::parse(f, &["nik", "partai"], &["nik"]).unwrap();
        let lines: Vec<u64> = input.rows().map(|r| r.unwrap().line).collect();
        assert_eq!(lines, vec![3, 5]);
    }

    #[test]
    fn a_row_of_another_width_is_a_problem_never_read() {
        // A comma decimal left unquoted in a comma-separated file: three
        // fields under a header of two must not be read as "77".
        let f = b"nomor_pendaftaran,nilai\nPPK-3514-0001,80\nPPK-3514-0003,77,5\nPPK-3514-0004\n";
        let input = CsvInput::parse(f, &["nomor_pendaftaran", "nilai"], &["nilai"]).unwrap();
        let rows: Vec<_> = input.rows().collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].as_ref().unwrap().get(1), "80");
        let wide = rows[1].as_ref().err().unwrap();
        assert_eq!((wide.line, wide.column.as_str()), (3, ""));
        assert!(wide.reason.contains("3 kolom"), "{}", wide.reason);
        assert!(
            wide.reason.contains("desimal dengan koma"),
            "{}",
            wide.reason
        );
        let narrow = rows[2].as_ref().err().unwrap();
        assert_eq!(narrow.line, 4);
        assert!(
            narrow.reason.contains("hanya berisi 1 kolom"),
            "{}",
            narrow.reason
        );
        // Quoted, the same value is one field.
        let f = b"nomor_pendaftaran,nilai\nPPK-3514-0003,\"77,5\"\n";
        let input = CsvInput::parse(f, &["nomor_pendaftaran", "nilai"], &["nilai"]).unwrap();
        assert_eq!(input.rows().next().unwrap().unwrap().get(1), "77,5");
        // Semicolon files name their own cause.
        let f = b"a;b\n1;2;3\n";
        let input = CsvInput::parse(f, &["a", "b"], &["a"]).unwrap();
        let p = input.rows().next().unwrap().err().unwrap();
        assert!(p.reason.contains("titik koma"), "{}", p.reason);
    }

    #[test]
    fn unusable_files_are_refused_with_the_reason() {
        let e = CsvInput::parse(b"nik,nama\n1,a\n", &["nik", "partai"], &["nik", "partai"])
            .unwrap_err();
        assert!(e.to_string().contains("Kolom partai tidak ada"), "{e}");
        let e = CsvInput::parse(b"nik,partai\n\xff\xfe,x\n", &["nik"], &["nik"]).unwrap_err();
        assert!(e.to_string().contains("UTF-8"), "{e}");
        assert!(CsvInput::parse(b"", &["nik"], &["nik"]).is_err());
    }
}
