//! Records of a CSV text read one at a time with bounded memory: the csv
//! parser is driven field by field, and of each field only as much is kept
//! as the reader asks for (a longer field is kept as its length). A file of
//! one 60-million-field row, or of a 50 MB cell, costs no more than the
//! file itself.

use csv_core::ReadFieldResult;

/// Line numbers of records from their byte offsets. The csv parser's own
/// line count can point at the line before a record, so the line is derived
/// from where the record starts (just after any line breaks at `at`).
/// Records come in order, so only the bytes since the previous record are
/// counted: linear in the file's size.
pub(crate) struct LineCounter<'a> {
    bytes: &'a [u8],
    counted_to: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        LineCounter {
            bytes: text.as_bytes(),
            counted_to: 0,
            line: 1,
        }
    }

    /// The 1-based line of the record at byte `at` (offsets never decrease).
    pub(crate) fn line_of(&mut self, at: usize) -> u64 {
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

/// A cell as read: its text, or only its length when it was longer than
/// the reader keeps.
#[derive(Debug)]
pub(crate) enum Cell {
    Text(String),
    Long { chars: u64 },
}

/// One record as read.
#[derive(Debug)]
pub(crate) struct Record {
    /// Byte offset where it starts.
    pub(crate) start: usize,
    /// Fields in it, kept or not.
    pub(crate) fields: usize,
    /// Every field empty or spaces.
    pub(crate) blank: bool,
    /// The kept fields: (field index, cell).
    pub(crate) cells: Vec<(usize, Cell)>,
}

/// Records one at a time, over the whole text, through the csv parser
/// field by field: what is kept of each field is bounded by the caller.
pub(crate) struct Records<'a> {
    bytes: &'a [u8],
    pub(crate) pos: usize,
    parser: csv_core::Reader,
    /// What the parser hands over of a field at a time.
    buf: Vec<u8>,
}

impl<'a> Records<'a> {
    pub(crate) fn new(text: &'a str, from: usize, delimiter: u8) -> Self {
        Records {
            bytes: text.as_bytes(),
            pos: from,
            parser: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            buf: vec![0; 8 * 1024],
        }
    }

    /// The next record, keeping of field `i` at most `keep(i)` bytes (none
    /// when `None`); `None` at the end of the file.
    pub(crate) fn next_record(&mut self, keep: &dyn Fn(usize) -> Option<usize>) -> Option<Record> {
        let mut record = Record {
            start: self.pos,
            fields: 0,
            blank: true,
            cells: Vec::new(),
        };
        let mut field = Vec::new();
        let (mut chars, mut long, mut filled) = (0u64, false, false);
        loop {
            let (res, nin, nout) = self
                .parser
                .read_field(&self.bytes[self.pos..], &mut self.buf);
            self.pos += nin;
            let chunk = &self.buf[..nout];
            if !filled {
                filled = chunk.iter().any(|b| !b.is_ascii_whitespace());
            }
            if let Some(max) = keep(record.fields) {
                if long {
                    chars += utf8_chars(chunk);
                } else if field.len() + chunk.len() <= max {
                    field.extend_from_slice(chunk);
                } else {
                    // Only its length is kept from here on.
                    long = true;
                    chars = utf8_chars(&field) + utf8_chars(chunk);
                    field = Vec::new();
                }
            }
            match res {
                ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => {}
                ReadFieldResult::End => return None,
                ReadFieldResult::Field { record_end } => {
                    if keep(record.fields).is_some() {
                        let cell = if long {
                            Cell::Long { chars }
                        } else {
                            let bytes = std::mem::take(&mut field);
                            // Fields split at ASCII bytes of valid UTF-8 text.
                            Cell::Text(String::from_utf8(bytes).unwrap_or_else(|e| {
                                String::from_utf8_lossy(e.as_bytes()).into_owned()
                            }))
                        };
                        record.cells.push((record.fields, cell));
                    }
                    record.fields += 1;
                    record.blank &= !filled;
                    field.clear();
                    (chars, long, filled) = (0, false, false);
                    if record_end {
                        return Some(record);
                    }
                }
            }
        }
    }
}

/// Characters in UTF-8 bytes (any cut through a character counts it once).
fn utf8_chars(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|b| (**b & 0xc0) != 0x80).count() as u64
}
