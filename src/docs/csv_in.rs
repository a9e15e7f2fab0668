//! Reading CSV files staff bring: UTF-8 with or without a BOM, comma or
//! semicolon separated (spreadsheets in the Indonesian locale write
//! semicolons), header names matched case-insensitively. Problems are
//! reported per row with the line number and column, so a whole file can be
//! reported at once.
//!
//! Every file from outside is treated as hostile: it is at most
//! [`MAX_FILE_BYTES`], its header at most [`MAX_COLUMNS`] wide, and rows are
//! read one at a time, keeping of each cell no more than its column takes
//! (a longer cell is a problem of its row, counted but not kept). Memory
//! stays bounded by the file's size and the time linear in it, whatever
//! the file holds.

use std::path::Path;

use crate::docs::csv_out::restored;
use crate::docs::csv_records::{Cell, LineCounter, Record, Records};
use crate::docs::problems::RowProblem;
use crate::domain::text::{self, shown};
use crate::error::{Error, Result};

/// The largest file read: 64 MiB. An applicant file of 100,000 rows (the
/// largest kabupaten's intake, with room to spare) is about 15 MB with the
/// usual columns, and under 40 MB with every optional column filled in;
/// 64 MiB leaves room for extra columns a spreadsheet keeps, while reading
/// stays well within the 200 MB an import may use.
pub const MAX_FILE_BYTES: usize = 64 << 20;

/// The most columns a header may have: the applicant file has 14, and a
/// spreadsheet with its own extra columns far fewer than this.
pub const MAX_COLUMNS: usize = 200;

/// A column a reader wants: its header name and the most characters a cell
/// of it may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub max_chars: usize,
}

impl Column {
    pub const fn new(name: &'static str, max_chars: usize) -> Self {
        Column { name, max_chars }
    }
}

/// Reads a whole input file, refusing it unread when it is larger than
/// [`MAX_FILE_BYTES`] and saying which file when it cannot be read.
pub fn read_file(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| Error::io_at("membaca", path, e))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > MAX_FILE_BYTES as u64 {
        return Err(too_big(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // A file that grows while read (or a device) still stops at the bound.
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io_at("membaca", path, e))?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_big(bytes: u64) -> Error {
    Error::validation(
        "file",
        format!(
            "Berkas terlalu besar untuk diimpor ({} MB; paling besar {} MB). Berkas 100.000 pendaftar biasanya sekitar 15 MB: periksa apakah berkas yang dipilih benar, atau bagi menjadi beberapa berkas.",
            text::number(bytes.div_ceil(1 << 20)),
            MAX_FILE_BYTES >> 20
        ),
    )
}

/// A CSV file with its header resolved to the columns a reader asked for.
/// Rows are read when iterated, never all held.
#[derive(Debug)]
pub struct CsvInput<'a> {
    /// The file, without its BOM.
    text: &'a str,
    /// Where the data rows start.
    body: usize,
    /// The wanted columns.
    wanted: Vec<Column>,
    /// For each header field, the wanted column it is, if any.
    wanted_at: Vec<Option<usize>>,
    /// Fields in the header: every data row must have as many.
    width: usize,
    delimiter: u8,
    /// Data rows (blank ones not counted).
    rows: usize,
}

/// Which separator a file uses: the one that splits the header line into more fields.
pub(crate) fn detect_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    }
}

/// Bytes kept of a cell whose column takes `max_chars` characters: four
/// bytes a character (UTF-8 at most), and room for spaces around it.
fn kept_bytes(max_chars: usize) -> usize {
    max_chars * 4 + 64
}

/// Bytes kept of a header name: far more than any column name we know.
const HEADER_NAME_BYTES: usize = 256;

impl<'a> CsvInput<'a> {
    /// Reads `bytes` and finds the `wanted` columns in its header; those
    /// named in `required` must be present. Fails only when the file as a
    /// whole cannot be used (too large, not UTF-8, no header, a required
    /// column missing).
    pub fn parse(bytes: &'a [u8], wanted: &[Column], required: &[&str]) -> Result<CsvInput<'a>> {
        if bytes.len() > MAX_FILE_BYTES {
            return Err(too_big(bytes.len() as u64));
        }
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
        let mut records = Records::new(text, 0, delimiter);
        let header_keep = |i: usize| (i < MAX_COLUMNS).then_some(HEADER_NAME_BYTES);
        let header = records.next_record(&header_keep);
        let body = records.pos;
        let (width, header): (usize, Vec<String>) = match header {
            Some(h) => (
                h.fields,
                h.cells
                    .into_iter()
                    .map(|(_, c)| match c {
                        Cell::Text(t) => t.trim().to_lowercase(),
                        Cell::Long { .. } => String::new(),
                    })
                    .collect(),
            ),
            None => (0, Vec::new()),
        };
        if header.iter().all(String::is_empty) {
            return Err(Error::validation(
                "file",
                "Berkas kosong atau tanpa baris judul kolom.",
            ));
        }
        if width > MAX_COLUMNS {
            return Err(Error::validation(
                "file",
                format!(
                    "Baris judul berisi {} kolom; paling banyak {MAX_COLUMNS}. Periksa bahwa baris pertama berkas adalah baris judul kolom.",
                    text::number(width as u64)
                ),
            ));
        }
        let columns: Vec<Option<usize>> = wanted
            .iter()
            .map(|w| header.iter().position(|h| h == w.name))
            .collect();
        let missing: Vec<&str> = required
            .iter()
            .filter(|r| {
                wanted
                    .iter()
                    .zip(&columns)
                    .any(|(w, at)| w.name == **r && at.is_none())
            })
            .copied()
            .collect();
        if !missing.is_empty() {
            let present: Vec<String> = header.iter().take(30).map(|h| shown(h)).collect();
            return Err(Error::validation(
                "file",
                format!(
                    "Kolom {} tidak ada di baris judul. Kolom yang ada: {}{}.",
                    missing.join(", "),
                    present.join(", "),
                    if header.len() > present.len() {
                        ", …"
                    } else {
                        ""
                    }
                ),
            ));
        }
        let mut wanted_at = vec![None; width];
        for (i, at) in columns.iter().enumerate() {
            if let Some(at) = at {
                wanted_at[*at] = Some(i);
            }
        }
        let mut input = CsvInput {
            text,
            body,
            wanted: wanted.to_vec(),
            wanted_at,
            width,
            delimiter,
            rows: 0,
        };
        let mut counting = Records::new(text, body, delimiter);
        while let Some(r) = counting.next_record(&|_| None) {
            input.rows += usize::from(!r.blank);
        }
        Ok(input)
    }

    /// The data rows, read one at a time: the line number and a getter by
    /// wanted-column index, or the problems of the row. A row with more or
    /// fewer fields than the header is a problem of that row, never read:
    /// its values would land in the wrong columns (a comma decimal such as
    /// `77,5` in a comma-separated file splits one value in two). A cell
    /// longer than its column takes is a problem of its own.
    pub fn rows(&self) -> impl Iterator<Item = std::result::Result<Row, Vec<RowProblem>>> + '_ {
        let mut records = Records::new(self.text, self.body, self.delimiter);
        let mut lines = LineCounter::new(self.text);
        let keep = |i: usize| {
            self.wanted_at
                .get(i)
                .copied()
                .flatten()
                .map(|w| kept_bytes(self.wanted[w].max_chars))
        };
        std::iter::from_fn(move || loop {
            let record = records.next_record(&keep)?;
            if record.blank {
                continue;
            }
            let line = lines.line_of(record.start);
            return Some(self.row(line, record));
        })
    }

    fn row(&self, line: u64, record: Record) -> std::result::Result<Row, Vec<RowProblem>> {
        if record.fields != self.width {
            return Err(vec![RowProblem {
                line,
                column: String::new(),
                reason: self.shape_reason(record.fields),
            }]);
        }
        let mut values = vec![String::new(); self.wanted.len()];
        let mut problems = Vec::new();
        for (at, cell) in record.cells {
            let Some(w) = self.wanted_at[at] else {
                continue;
            };
            let column = self.wanted[w];
            let (chars, spans_lines) = match cell {
                Cell::Text(t) => {
                    let value = restored(t.trim()).trim();
                    if value.len() <= column.max_chars || value.chars().count() <= column.max_chars
                    {
                        values[w] = if value.len() == t.len() {
                            t
                        } else {
                            value.to_string()
                        };
                        continue;
                    }
                    (value.chars().count() as u64, value.contains('\n'))
                }
                Cell::Long { chars } => (chars, true),
            };
            let mut reason = text::too_long(
                &format!("Isi kolom {}", column.name),
                chars,
                column.max_chars,
            );
            if spans_lines {
                reason.push_str(" Bila isinya memuat baris-baris berikutnya, ada tanda kutip (\") yang tidak ditutup di baris ini.");
            }
            problems.push(RowProblem {
                line,
                column: column.name.to_string(),
                reason,
            });
        }
        if problems.is_empty() {
            Ok(Row { line, values })
        } else {
            Err(problems)
        }
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
            format!(
                "Baris ini berisi {} kolom, padahal baris judul berisi {header}. {cause}",
                text::number(fields as u64)
            )
        } else {
            format!(
                "Baris ini hanya berisi {fields} kolom, padahal baris judul berisi {header}. Lengkapi kolom yang kurang (kolom kosong tetap ditulis dengan pemisahnya)."
            )
        }
    }

    /// Data rows in the file (blank ones not counted).
    pub fn len(&self) -> usize {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }
}

/// One data row: the values of the wanted columns, trimmed, each within its
/// column's bound.
#[derive(Debug)]
pub struct Row {
    pub line: u64,
    values: Vec<String>,
}

impl Row {
    /// The value of the `i`-th wanted column (empty when absent).
    pub fn get(&self, i: usize) -> &str {
        self.values.get(i).map_or("", String::as_str)
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

    /// Columns of up to 100 characters.
    fn cols(names: &[&'static str]) -> Vec<Column> {
        names.iter().map(|n| Column::new(n, 100)).collect()
    }

    #[test]
    fn comma_semicolon_bom_and_header_case_read_alike() {
        let files: [&[u8]; 3] = [
            b"nik,partai\n3514011208900001,Partai A\n",
            b"NIK;Partai\r\n3514011208900001;Partai A\r\n",
            "\u{feff}nik;partai\n3514011208900001;Partai A\n".as_bytes(),
        ];
        for f in files {
            let input = CsvInput::parse(f, &cols(&["nik", "partai"]), &["nik", "partai"]).unwrap();
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
        let input = CsvInput::parse(f, &cols(&["nama", "alamat"]), &["nama"]).unwrap();
        let row = input.rows().next().unwrap().unwrap();
        assert_eq!(row.get(0), "Ma'ruf; S.Pd");
        assert_eq!(row.get(1), "Jl. Contoh, No. 1");
    }

    #[test]
    fn blank_lines_are_skipped_and_line_numbers_stay_true() {
        let f = b"nik,partai\n\n3514011208900001,A\n,\n3514011208900002,B\n";
        let input = CsvInput::parse(f, &cols(&["nik", "partai"]), &["nik"]).unwrap();
        let lines: Vec<u64> = input.rows().map(|r| r.unwrap().line).collect();
        assert_eq!(lines, vec![3, 5]);
    }

    #[test]
    fn a_row_of_another_width_is_a_problem_never_read() {
        // A comma decimal left unquoted in a comma-separated file: three
        // fields under a header of two must not be read as "77".
        let f = b"nomor_pendaftaran,nilai\nPPK-3514-0001,80\nPPK-3514-0003,77,5\nPPK-3514-0004\n";
        let input = CsvInput::parse(f, &cols(&["nomor_pendaftaran", "nilai"]), &["nilai"]).unwrap();
        let rows: Vec<_> = input.rows().collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].as_ref().unwrap().get(1), "80");
        let wide = &rows[1].as_ref().err().unwrap()[0];
        assert_eq!((wide.line, wide.column.as_str()), (3, ""));
        assert!(wide.reason.contains("3 kolom"), "{}", wide.reason);
        assert!(
            wide.reason.contains("desimal dengan koma"),
            "{}",
            wide.reason
        );
        let narrow = &rows[2].as_ref().err().unwrap()[0];
        assert_eq!(narrow.line, 4);
        assert!(
            narrow.reason.contains("hanya berisi 1 kolom"),
            "{}",
            narrow.reason
        );
        // Quoted, the same value is one field.
        let f = b"nomor_pendaftaran,nilai\nPPK-3514-0003,\"77,5\"\n";
        let input = CsvInput::parse(f, &cols(&["nomor_pendaftaran", "nilai"]), &["nilai"]).unwrap();
        assert_eq!(input.rows().next().unwrap().unwrap().get(1), "77,5");
        // Semicolon files name their own cause.
        let f = b"a;b\n1;2;3\n";
        let input = CsvInput::parse(f, &cols(&["a", "b"]), &["a"]).unwrap();
        let p = &input.rows().next().unwrap().err().unwrap()[0];
        assert!(p.reason.contains("titik koma"), "{}", p.reason);
    }

    #[test]
    fn a_file_over_the_size_bound_is_refused_unread() {
        let mut big = b"nik,partai\n".to_vec();
        big.resize(64 * 1024 * 1024 + 1, b'1');
        let Err(e) = CsvInput::parse(&big, &cols(&["nik", "partai"]), &["nik"]) else {
            panic!("a file over the bound was read");
        };
        assert!(e.to_string().contains("terlalu besar"), "{e}");
    }

    #[test]
    fn a_cell_longer_than_its_column_takes_is_a_problem_of_its_row() {
        let wanted = [Column::new("nik", 32), Column::new("partai", 10)];
        let f = format!(
            "nik,partai,catatan\n3514011208900001,{},{}\n3514011208900002,\"Partai A\n{}\",\n3514011208900003,Partai B,\n",
            "P".repeat(11),
            "x".repeat(1 << 20),
            "y".repeat(1 << 20)
        );
        let input = CsvInput::parse(f.as_bytes(), &wanted, &["nik"]).unwrap();
        let rows: Vec<_> = input.rows().collect();
        assert_eq!(rows.len(), 3);
        let p = &rows[0].as_ref().unwrap_err()[0];
        assert_eq!((p.line, p.column.as_str()), (2, "partai"));
        assert_eq!(
            p.reason,
            "Isi kolom partai terlalu panjang: 11 karakter, paling banyak 10 karakter."
        );
        // An unclosed quote swallows what follows: its length is told, not kept.
        let p = &rows[1].as_ref().unwrap_err()[0];
        assert_eq!((p.line, p.column.as_str()), (3, "partai"));
        assert!(p.reason.contains("1.048.585 karakter"), "{}", p.reason);
        assert!(p.reason.contains("tanda kutip"), "{}", p.reason);
        // An unwanted column may be as long as it likes.
        assert_eq!(rows[2].as_ref().unwrap().get(1), "Partai B");
    }

    #[test]
    fn a_row_of_millions_of_fields_is_one_problem() {
        let f = format!("nik,partai\n1{}\n2,B\n", ",".repeat(3_000_000));
        let input = CsvInput::parse(f.as_bytes(), &cols(&["nik", "partai"]), &["nik"]).unwrap();
        let rows: Vec<_> = input.rows().collect();
        let p = rows[0].as_ref().unwrap_err();
        assert_eq!(p.len(), 1);
        assert!(p[0].reason.contains("3.000.001 kolom"), "{}", p[0].reason);
        assert_eq!(rows[1].as_ref().unwrap().get(1), "B");
        let e = CsvInput::parse(",".repeat(500).as_bytes(), &cols(&["nik"]), &["nik"]).unwrap_err();
        assert!(e.to_string().contains("Berkas kosong"), "{e}");
        let e = CsvInput::parse(
            format!("nik{}", ",a".repeat(500)).as_bytes(),
            &cols(&["nik"]),
            &["nik"],
        )
        .unwrap_err();
        assert!(e.to_string().contains("501 kolom"), "{e}");
    }

    #[test]
    fn cells_neutralised_by_our_exports_read_back_as_they_were() {
        let f = "nama,alamat\n'=1+1,'-\n'@Budi,'kutip\n";
        let input = CsvInput::parse(f.as_bytes(), &cols(&["nama", "alamat"]), &["nama"]).unwrap();
        let rows: Vec<(String, String)> = input
            .rows()
            .map(|r| {
                let r = r.unwrap();
                (r.get(0).to_string(), r.get(1).to_string())
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("=1+1".to_string(), "'-".to_string()),
                ("@Budi".to_string(), "'kutip".to_string())
            ]
        );
    }

    #[test]
    fn a_file_read_from_disk_is_bounded_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("besar.csv");
        let file = std::fs::File::create(&path).unwrap();
        // Sparse: no disk is used for the 10 GB.
        file.set_len(10 << 30).unwrap();
        let e = read_file(&path).unwrap_err();
        assert!(e.to_string().contains("10.240 MB"), "{e}");
        std::fs::write(&path, b"nik,partai\n").unwrap();
        assert_eq!(read_file(&path).unwrap(), b"nik,partai\n");
    }

    #[test]
    fn unusable_files_are_refused_with_the_reason() {
        let e = CsvInput::parse(
            b"nik,nama\n1,a\n",
            &cols(&["nik", "partai"]),
            &["nik", "partai"],
        )
        .unwrap_err();
        assert!(e.to_string().contains("Kolom partai tidak ada"), "{e}");
        let e =
            CsvInput::parse(b"nik,partai\n\xff\xfe,x\n", &cols(&["nik"]), &["nik"]).unwrap_err();
        assert!(e.to_string().contains("UTF-8"), "{e}");
        assert!(CsvInput::parse(b"", &cols(&["nik"]), &["nik"]).is_err());
    }
}
