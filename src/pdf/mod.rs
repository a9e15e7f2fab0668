//! PDF documents the application prints: data in, bytes out. No database
//! access here; services gather the data and call these functions.
//!
//! - [`layout`]: paper sizes, embedded fonts, wrapping, a page builder.
//! - [`receipt`]: the applicant's registration receipt (tanda terima
//!   pendaftaran).
//! - [`official`]: the commission's official documents (announcements,
//!   Berita Acara, lampiran of the SK) with their kop and tables.
//! - [`logo`]: the commission's logo, checked and ready to embed.
//! - [`attendance_list`]: the daftar hadir of the written test per room
//!   and session.
//! - [`participant_card`]: the written test's participant cards, with
//!   [`photo`] making their photos of scans.

pub mod attendance_list;
pub mod interview_form;
pub mod layout;
pub mod logo;
pub mod official;
pub mod participant_card;
pub mod photo;
pub mod receipt;
pub mod writer;

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

/// The day of the week in Indonesian: "Senin".
pub fn hari(d: NaiveDate) -> &'static str {
    const HARI: [&str; 7] = [
        "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
    ];
    HARI[d.weekday().num_days_from_monday() as usize]
}

/// A date in words, as minutes write it: "dua belas bulan Desember tahun
/// dua ribu dua puluh dua".
pub fn tanggal_huruf(d: NaiveDate) -> String {
    format!(
        "{} bulan {} tahun {}",
        terbilang(u64::from(d.day())),
        BULAN[d.month0() as usize],
        terbilang(u64::try_from(d.year()).unwrap_or_default())
    )
}

/// A whole number in Indonesian words (terbilang): 2022 → "dua ribu dua
/// puluh dua", 115 → "seratus lima belas".
pub fn terbilang(n: u64) -> String {
    const SATUAN: [&str; 12] = [
        "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
        "sepuluh", "sebelas",
    ];
    fn words(n: u64) -> String {
        match n {
            0..=11 => SATUAN[n as usize].to_string(),
            12..=19 => format!("{} belas", SATUAN[(n - 10) as usize]),
            20..=99 => join(format!("{} puluh", SATUAN[(n / 10) as usize]), n % 10),
            100..=199 => join("seratus".into(), n - 100),
            200..=999 => join(format!("{} ratus", SATUAN[(n / 100) as usize]), n % 100),
            1_000..=1_999 => join("seribu".into(), n - 1_000),
            2_000..=999_999 => join(format!("{} ribu", words(n / 1_000)), n % 1_000),
            1_000_000..=999_999_999 => {
                join(format!("{} juta", words(n / 1_000_000)), n % 1_000_000)
            }
            _ => join(
                format!("{} miliar", words(n / 1_000_000_000)),
                n % 1_000_000_000,
            ),
        }
    }
    fn join(head: String, rest: u64) -> String {
        if rest == 0 {
            head
        } else {
            format!("{head} {}", words(rest))
        }
    }
    words(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terbilang_reads_numbers_as_indonesian_words() {
        let cases = [
            (0, "nol"),
            (1, "satu"),
            (10, "sepuluh"),
            (11, "sebelas"),
            (12, "dua belas"),
            (19, "sembilan belas"),
            (20, "dua puluh"),
            (31, "tiga puluh satu"),
            (100, "seratus"),
            (115, "seratus lima belas"),
            (999, "sembilan ratus sembilan puluh sembilan"),
            (1000, "seribu"),
            (1001, "seribu satu"),
            (2022, "dua ribu dua puluh dua"),
            (11000, "sebelas ribu"),
            (100_000, "seratus ribu"),
            (1_250_000, "satu juta dua ratus lima puluh ribu"),
        ];
        for (n, words) in cases {
            assert_eq!(terbilang(n), words, "{n}");
        }
    }

    #[test]
    fn minutes_write_the_day_and_the_date_in_words() {
        assert_eq!(hari(date(2022, 12, 12)), "Senin");
        assert_eq!(hari(date(2026, 11, 29)), "Minggu");
        assert_eq!(
            tanggal_huruf(date(2022, 12, 12)),
            "dua belas bulan Desember tahun dua ribu dua puluh dua"
        );
    }

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
