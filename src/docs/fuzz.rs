//! The parsers of untrusted input, each with any bytes: what the fuzz
//! targets (`fuzz/`) and the property tests of `make test` run. They may
//! refuse the input; they must never panic.

use chrono::NaiveDate;

use crate::docs::{applicants_csv, scores_csv};
use crate::domain::applicant::Sex;
use crate::domain::nik::Nik;
use crate::domain::region::RegionCode;
use crate::domain::round::Body;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default()
}

/// A NIK typed at the help desk: parsed, and if valid taken apart.
pub fn nik(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(n) = Nik::parse(text) {
        let _ = n.kecamatan();
        let _ = n.birth_date(today());
        for sex in [Sex::L, Sex::P] {
            let _ = n.warnings(
                sex,
                NaiveDate::from_ymd_opt(1990, 2, 28).unwrap_or_default(),
                today(),
            );
        }
    }
}

/// An applicant CSV for a PPK and a PPS round of Kabupaten Pasuruan.
pub fn applicants_csv(data: &[u8]) {
    let Ok(kabupaten) = RegionCode::parse("3514") else {
        return;
    };
    for body in [Body::Ppk, Body::Pps] {
        if let Ok(file) = applicants_csv::read(data, body, &kabupaten, today()) {
            let _ = file.problems.finish();
        }
    }
}

/// A score CSV.
pub fn scores_csv(data: &[u8]) {
    if let Ok(file) = scores_csv::read(data) {
        for line in file.lines() {
            let _ = line;
        }
    }
}
