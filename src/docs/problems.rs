//! The problems of an input file: what an import reports when it refuses a
//! file. However many a file has (a megabyte of junk rows has millions),
//! at most [`MAX_LISTED`] are listed, those of the first lines, and the
//! rest are counted: enough to start fixing the file, small enough to send
//! to the window and to save.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::docs::csv_out::CsvOut;
use crate::domain::text::number;

/// Problems listed at most; the rest are only counted.
pub const MAX_LISTED: usize = 1_000;

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

/// The problems of a file: the first ones by line, and how many more.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Problems {
    /// At most [`MAX_LISTED`], in line order.
    pub listed: Vec<RowProblem>,
    /// Problems found after those listed, not listed.
    pub more: u32,
}

impl Problems {
    /// No problem at all.
    pub fn is_empty(&self) -> bool {
        self.listed.is_empty() && self.more == 0
    }

    /// Problems found, listed or not.
    pub fn total(&self) -> u64 {
        self.listed.len() as u64 + u64::from(self.more)
    }

    /// "dan 4.499.000 masalah lainnya tidak dicantumkan…", when some are
    /// not listed.
    pub fn more_text(&self) -> Option<String> {
        (self.more > 0).then(|| {
            format!(
                "… dan {} masalah lainnya tidak dicantumkan. Perbaiki masalah di atas, lalu impor lagi untuk melihat sisanya.",
                number(u64::from(self.more))
            )
        })
    }
}

/// Gathers problems in any order and keeps the [`MAX_LISTED`] of the
/// lowest lines (in the order found within a line): memory stays bounded
/// however many are pushed, and the time is linear in their number (a
/// sort of at most 2 × [`MAX_LISTED`] every [`MAX_LISTED`] pushes).
#[derive(Debug, Default)]
pub struct ProblemCollector {
    kept: Vec<RowProblem>,
    dropped: u64,
}

impl ProblemCollector {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, problem: RowProblem) {
        self.kept.push(problem);
        if self.kept.len() >= 2 * MAX_LISTED {
            self.trim();
        }
    }

    /// The row, when it could be read; else `None`, its problems kept.
    pub fn row<T, P: IntoIterator<Item = RowProblem>>(&mut self, row: Result<T, P>) -> Option<T> {
        match row {
            Ok(row) => Some(row),
            Err(p) => {
                self.extend(p);
                None
            }
        }
    }

    /// Whether none was pushed.
    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// The problems of the first lines, and the count of the rest.
    pub fn finish(mut self) -> Problems {
        self.trim();
        Problems {
            listed: self.kept,
            more: u32::try_from(self.dropped).unwrap_or(u32::MAX),
        }
    }

    fn trim(&mut self) {
        // Stable: problems of one line keep the order they were found in.
        self.kept.sort_by_key(|p| p.line);
        if self.kept.len() > MAX_LISTED {
            self.dropped += (self.kept.len() - MAX_LISTED) as u64;
            self.kept.truncate(MAX_LISTED);
        }
    }
}

impl Extend<RowProblem> for ProblemCollector {
    fn extend<I: IntoIterator<Item = RowProblem>>(&mut self, iter: I) {
        for p in iter {
            self.push(p);
        }
    }
}

/// Writes problems as CSV (`baris,kolom,alasan`), the report staff fix a
/// file from; when some were not listed, a last row says how many.
pub fn write_problems<W: std::io::Write>(problems: &Problems, out: W) -> crate::Result<()> {
    let mut w = CsvOut::new(out);
    w.write_record(["baris", "kolom", "alasan"])?;
    for p in &problems.listed {
        w.write_record([p.line.to_string().as_str(), &p.column, &p.reason])?;
    }
    if let Some(more) = problems.more_text() {
        w.write_record(["", "", more.as_str()])?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(line: u64, column: &str) -> RowProblem {
        RowProblem {
            line,
            column: column.into(),
            reason: format!("masalah baris {line}"),
        }
    }

    #[test]
    fn a_thousand_are_listed_and_the_rest_counted() {
        let mut c = ProblemCollector::new();
        for line in 2..4_500_002 {
            c.push(problem(line, "nik"));
        }
        let p = c.finish();
        assert_eq!(p.listed.len(), MAX_LISTED);
        assert_eq!(p.more, 4_499_000);
        assert_eq!(p.total(), 4_500_000);
        assert_eq!((p.listed[0].line, p.listed[999].line), (2, 1_001));
        assert_eq!(
            p.more_text().unwrap(),
            "… dan 4.499.000 masalah lainnya tidak dicantumkan. Perbaiki masalah di atas, lalu impor lagi untuk melihat sisanya."
        );
    }

    #[test]
    fn the_first_lines_are_kept_whatever_order_they_come_in() {
        let mut c = ProblemCollector::new();
        for line in (2..3_000).rev() {
            c.push(problem(line, "nik"));
        }
        // A later check finds another problem on an early line.
        c.push(problem(5, "kode_wilayah_tugas"));
        let p = c.finish();
        assert_eq!(p.more, 1_999);
        let first: Vec<(u64, &str)> = p.listed[..5]
            .iter()
            .map(|p| (p.line, p.column.as_str()))
            .collect();
        assert_eq!(
            first,
            [
                (2, "nik"),
                (3, "nik"),
                (4, "nik"),
                (5, "nik"),
                (5, "kode_wilayah_tugas")
            ]
        );
        assert!(ProblemCollector::new().finish().is_empty());
    }

    #[test]
    fn the_report_says_how_many_were_left_out() {
        let mut c = ProblemCollector::new();
        c.extend((2..1_005).map(|l| problem(l, "")));
        let mut out = Vec::new();
        write_problems(&c.finish(), &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(out.lines().count(), 1 + 1_000 + 1);
        assert!(
            out.ends_with("\n1001,,masalah baris 1001\n,,\"… dan 3 masalah lainnya tidak dicantumkan. Perbaiki masalah di atas, lalu impor lagi untuk melihat sisanya.\"\n"),
            "{out}"
        );
    }
}
