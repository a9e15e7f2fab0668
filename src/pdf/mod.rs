//! PDF documents the application prints: data in, bytes out. No database
//! access here; services gather the data and call these functions.
//!
//! - [`layout`]: paper sizes, embedded fonts, wrapping, a page builder.
//! - [`receipt`]: the applicant's registration receipt (tanda terima
//!   pendaftaran).
//! - [`announcement`]: the announcement of a stage's results.

pub mod announcement;
pub mod layout;
pub mod receipt;

pub use layout::Paper;
pub use receipt::{receipt, ReceiptData, ReceiptDocument};

use chrono::{Datelike, NaiveDate};

/// Indonesian month names, January first.
const BULAN: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// A date the way Indonesian letters write it: "23 November 2026".
pub fn tanggal(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), BULAN[d.month0() as usize], d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn tanggal_uses_indonesian_month_names_without_leading_zero() {
        assert_eq!(tanggal(date(2026, 11, 23)), "23 November 2026");
        assert_eq!(tanggal(date(2024, 1, 5)), "5 Januari 2024");
        assert_eq!(tanggal(date(2024, 2, 29)), "29 Februari 2024");
        assert_eq!(tanggal(date(2025, 8, 17)), "17 Agustus 2025");
        assert_eq!(tanggal(date(2025, 12, 31)), "31 Desember 2025");
        let months: Vec<String> = (1..=12).map(|m| tanggal(date(2026, m, 1))).collect();
        assert_eq!(months[2], "1 Maret 2026");
        assert_eq!(months[4], "1 Mei 2026");
        assert_eq!(months[5], "1 Juni 2026");
        assert_eq!(months[6], "1 Juli 2026");
        assert_eq!(months[9], "1 Oktober 2026");
    }
}
