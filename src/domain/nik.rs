//! NIK (Nomor Induk Kependudukan): 16 digits, `PP KK CC DDMMYY SSSS`:
//! province, kabupaten/kota and kecamatan of first issue, birth date (day + 40
//! for women), serial. There is no checksum.
//!
//! [`Nik::parse`] rejects what cannot be a NIK (wrong length, unknown
//! province or kabupaten/kota, impossible date, serial 0000) and says which
//! part is wrong. Real NIKs have anomalies, so what it derives (sex, birth
//! date) is compared with what was entered by [`Nik::warnings`], which only
//! warns: staff acknowledge a warning, they are not blocked by it.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::domain::applicant::Sex;
use crate::domain::region::{atlas, RegionCode};

/// A NIK that passed every offline check.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Nik(String);

/// Why a string is not a NIK; each says which part is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NikError {
    #[error("NIK harus 16 angka (sekarang {0} karakter).")]
    Length(usize),
    #[error("NIK hanya boleh berisi angka; ditemukan \"{0}\".")]
    NotDigits(String),
    #[error("Kode provinsi {0} pada NIK (angka ke-1–2) tidak dikenal.")]
    UnknownProvince(String),
    #[error("Kode kabupaten/kota {0} pada NIK (angka ke-1–4) tidak dikenal.")]
    UnknownKabupaten(String),
    #[error("Tanggal lahir pada NIK (angka ke-7–12: {0}) tidak mungkin: hari harus 01–31, atau 41–71 untuk perempuan, dan bulan 01–12.")]
    InvalidDate(String),
    #[error("Nomor urut pada NIK (angka ke-13–16) tidak boleh 0000.")]
    ZeroSerial,
}

/// Something about a valid NIK that staff must look at and acknowledge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum NikWarning {
    /// The sex derived from the day differs from the one entered.
    SexMismatch { from_nik: Sex, entered: Sex },
    /// The birth date derived from the NIK differs from the one entered.
    BirthDateMismatch {
        #[ts(type = "string")]
        from_nik: NaiveDate,
        #[ts(type = "string")]
        entered: NaiveDate,
    },
    /// The kecamatan of first issue is not in today's list (e.g. the
    /// kecamatan was split or renamed since).
    UnknownKecamatan { code: String },
}

impl NikWarning {
    /// The form field the warning is about (the name the form's problems
    /// use), so the form can mark it: the sex or the birth date entered, or
    /// the NIK itself.
    pub fn field(&self) -> &'static str {
        match self {
            NikWarning::SexMismatch { .. } => "jenis_kelamin",
            NikWarning::BirthDateMismatch { .. } => "tanggal_lahir",
            NikWarning::UnknownKecamatan { .. } => "nik",
        }
    }

    /// The message staff read, in Bahasa Indonesia.
    pub fn message(&self) -> String {
        match self {
            NikWarning::SexMismatch { from_nik, entered } => format!(
                "Menurut NIK jenis kelaminnya {}, tetapi yang diisi {}. Periksa KTP-el.",
                from_nik.as_str(),
                entered.as_str()
            ),
            NikWarning::BirthDateMismatch { from_nik, entered } => format!(
                "Menurut NIK tanggal lahirnya {}, tetapi yang diisi {}. Periksa KTP-el.",
                from_nik.format("%d-%m-%Y"),
                entered.format("%d-%m-%Y")
            ),
            NikWarning::UnknownKecamatan { code } => format!(
                "Kode kecamatan {code} pada NIK tidak ada dalam daftar wilayah sekarang (mungkin kecamatan itu sudah dimekarkan)."
            ),
        }
    }
}

impl Nik {
    /// Parses and checks a NIK. Spaces and dots people type between groups
    /// are ignored.
    pub fn parse(input: &str) -> Result<Nik, NikError> {
        let digits: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '.')
            .collect();
        if let Some(bad) = digits.chars().find(|c| !c.is_ascii_digit()) {
            return Err(NikError::NotDigits(crate::domain::text::shown(
                bad.encode_utf8(&mut [0; 4]),
            )));
        }
        if digits.len() != 16 {
            return Err(NikError::Length(digits.chars().count()));
        }
        let province = RegionCode::parse(&digits[..2])
            .map_err(|_| NikError::UnknownProvince(digits[..2].into()))?;
        if atlas().get(&province).is_none() {
            return Err(NikError::UnknownProvince(digits[..2].into()));
        }
        let kabupaten = RegionCode::parse(&digits[..4])
            .map_err(|_| NikError::UnknownKabupaten(digits[..4].into()))?;
        if atlas().get(&kabupaten).is_none() {
            return Err(NikError::UnknownKabupaten(kabupaten.dotted()));
        }
        let nik = Nik(digits);
        let (day, month, _) = nik.date_parts();
        let plain_day = if day > 40 { day - 40 } else { day };
        // The century is not known yet, so allow 29 February (any leap year).
        if !(1..=12).contains(&month)
            || !(1..=31).contains(&plain_day)
            || NaiveDate::from_ymd_opt(2000, month, plain_day).is_none()
        {
            return Err(NikError::InvalidDate(nik.0[6..12].to_string()));
        }
        if &nik.0[12..] == "0000" {
            return Err(NikError::ZeroSerial);
        }
        Ok(nik)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn date_parts(&self) -> (u32, u32, u32) {
        let n = |r: std::ops::Range<usize>| self.0[r].parse::<u32>().expect("checked digits");
        (n(6..8), n(8..10), n(10..12))
    }

    /// The kecamatan of first issue.
    pub fn kecamatan(&self) -> RegionCode {
        RegionCode::from_trusted(self.0[..6].to_string())
    }

    /// Sex from the day: 41–71 means a woman.
    pub fn sex(&self) -> Sex {
        if self.date_parts().0 > 40 {
            Sex::P
        } else {
            Sex::L
        }
    }

    /// Birth date, with the century inferred: the latest date not after
    /// `today`. `None` for a 29 February that exists in neither century.
    pub fn birth_date(&self, today: NaiveDate) -> Option<NaiveDate> {
        let (day, month, yy) = self.date_parts();
        let day = if day > 40 { day - 40 } else { day };
        let century = today.year() / 100 * 100;
        [century, century - 100, century - 200]
            .into_iter()
            .filter_map(|c| NaiveDate::from_ymd_opt(c + yy as i32, month, day))
            .find(|d| *d <= today)
    }

    /// What staff must check: derived sex and birth date against what was
    /// entered, and a kecamatan code no longer in the list.
    pub fn warnings(
        &self,
        entered_sex: Sex,
        entered_birth: NaiveDate,
        today: NaiveDate,
    ) -> Vec<NikWarning> {
        let mut out = Vec::new();
        if self.sex() != entered_sex {
            out.push(NikWarning::SexMismatch {
                from_nik: self.sex(),
                entered: entered_sex,
            });
        }
        // Compare day and month, and the year in the NIK's two digits, so
        // that an entered 1925 matches "25" even when 2025 would be inferred.
        let (day, month, yy) = self.date_parts();
        let day = if day > 40 { day - 40 } else { day };
        let same = entered_birth.day() == day
            && entered_birth.month() == month
            && entered_birth.year().rem_euclid(100) as u32 == yy;
        if !same {
            if let Some(from_nik) = self.birth_date(today) {
                out.push(NikWarning::BirthDateMismatch {
                    from_nik,
                    entered: entered_birth,
                });
            }
        }
        if atlas().get(&self.kecamatan()).is_none() {
            out.push(NikWarning::UnknownKecamatan {
                code: self.kecamatan().dotted(),
            });
        }
        out
    }
}

impl fmt::Display for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const TODAY: (i32, u32, u32) = (2026, 11, 23);
    fn today() -> NaiveDate {
        d(TODAY.0, TODAY.1, TODAY.2)
    }

    #[test]
    fn a_mans_nik() {
        let nik = Nik::parse("3514011208900001").unwrap();
        assert_eq!(nik.kecamatan().dotted(), "35.14.01");
        assert_eq!(nik.sex(), Sex::L);
        assert_eq!(nik.birth_date(today()), Some(d(1990, 8, 12)));
        assert!(nik.warnings(Sex::L, d(1990, 8, 12), today()).is_empty());
    }

    #[test]
    fn a_womans_day_has_40_added() {
        let nik = Nik::parse("3514015208900002").unwrap();
        assert_eq!(nik.sex(), Sex::P);
        assert_eq!(nik.birth_date(today()), Some(d(1990, 8, 12)));
        assert_eq!(
            Nik::parse("3514017101990003").unwrap().birth_date(today()),
            Some(d(1999, 1, 31))
        );
        assert_eq!(
            Nik::parse("3514014101000004").unwrap().birth_date(today()),
            Some(d(2000, 1, 1))
        );
    }

    #[test]
    fn the_century_is_the_latest_not_in_the_future() {
        let born = |nik: &str| Nik::parse(nik).unwrap().birth_date(today());
        assert_eq!(
            born("3514012311260001"),
            Some(d(2026, 11, 23)),
            "today itself"
        );
        assert_eq!(
            born("3514012411260001"),
            Some(d(1926, 11, 24)),
            "tomorrow is last century"
        );
        assert_eq!(born("3514010101080001"), Some(d(2008, 1, 1)));
        assert_eq!(
            born("3514012512850001"),
            Some(d(1985, 12, 25)),
            "a man born on the 25th"
        );
        assert_eq!(born("3514010101500001"), Some(d(1950, 1, 1)));
        // 29 February exists in 2000 but not in 1900; 2100 is in the future.
        assert_eq!(born("3514012902000001"), Some(d(2000, 2, 29)));
        assert_eq!(
            Nik::parse("3514012902000001")
                .unwrap()
                .birth_date(d(1999, 1, 1)),
            None,
            "no 29-02-1900, 2000 not yet born"
        );
    }

    #[test]
    fn each_kind_of_malformed_nik_says_which_part_is_wrong() {
        let cases: &[(&str, NikError)] = &[
            ("351401120890000", NikError::Length(15)),
            ("35140112089000011", NikError::Length(17)),
            ("", NikError::Length(0)),
            ("3514O11208900001", NikError::NotDigits("O".into())),
            ("3514-11208900001", NikError::NotDigits("-".into())),
            ("0014011208900001", NikError::UnknownProvince("00".into())),
            ("9914011208900001", NikError::UnknownProvince("99".into())),
            (
                "3599011208900001",
                NikError::UnknownKabupaten("35.99".into()),
            ),
            ("3514010008900001", NikError::InvalidDate("000890".into())),
            ("3514013208900001", NikError::InvalidDate("320890".into())),
            ("3514014008900001", NikError::InvalidDate("400890".into())),
            ("3514017208900001", NikError::InvalidDate("720890".into())),
            ("3514011200900001", NikError::InvalidDate("120090".into())),
            ("3514011213900001", NikError::InvalidDate("121390".into())),
            ("3514013102900001", NikError::InvalidDate("310290".into())),
            ("3514017002900001", NikError::InvalidDate("700290".into())),
            ("3514011208900000", NikError::ZeroSerial),
        ];
        for (input, expected) in cases {
            assert_eq!(Nik::parse(input).as_ref(), Err(expected), "{input}");
        }
        assert!(NikError::ZeroSerial.to_string().contains("13–16"));
        assert!(NikError::InvalidDate("x".into())
            .to_string()
            .contains("7–12"));
    }

    #[test]
    fn spaces_and_dots_between_groups_are_ignored() {
        assert_eq!(
            Nik::parse("35.14.01 120890 0001").unwrap().as_str(),
            "3514011208900001"
        );
    }

    #[test]
    fn mismatches_are_warnings_not_rejections() {
        let nik = Nik::parse("3514015208900002").unwrap();
        let w = nik.warnings(Sex::L, d(1990, 8, 13), today());
        assert_eq!(
            w,
            vec![
                NikWarning::SexMismatch {
                    from_nik: Sex::P,
                    entered: Sex::L
                },
                NikWarning::BirthDateMismatch {
                    from_nik: d(1990, 8, 12),
                    entered: d(1990, 8, 13)
                },
            ]
        );
        assert!(w[0].message().contains("Periksa KTP-el"));
        // An entered 1925 agrees with "25" though 2025 would be inferred.
        let old = Nik::parse("3514010101250001").unwrap();
        assert!(old.warnings(Sex::L, d(1925, 1, 1), today()).is_empty());
    }

    #[test]
    fn a_kecamatan_that_no_longer_exists_is_a_warning() {
        // Kabupaten Pasuruan has 24 kecamatan; 35.14.99 is not one of them.
        let nik = Nik::parse("3514991208900001").unwrap();
        assert_eq!(
            nik.warnings(Sex::L, d(1990, 8, 12), today()),
            vec![NikWarning::UnknownKecamatan {
                code: "35.14.99".into()
            }]
        );
    }

    proptest! {
        #[test]
        fn parsing_never_panics(s in "\\PC{0,40}") {
            let _ = Nik::parse(&s);
        }

        #[test]
        fn every_well_formed_nik_parses_and_derives_what_it_encodes(
            kec in 1u32..=24, woman: bool, y in 1930i32..=2008, m in 1u32..=12, day in 1u32..=28, serial in 1u32..=9999,
        ) {
            let dd = day + if woman { 40 } else { 0 };
            let s = format!("3514{kec:02}{dd:02}{m:02}{:02}{serial:04}", y % 100);
            let nik = Nik::parse(&s).unwrap();
            prop_assert_eq!(nik.sex(), if woman { Sex::P } else { Sex::L });
            prop_assert_eq!(nik.birth_date(today()), Some(d(y, m, day)));
            prop_assert!(nik.warnings(nik.sex(), d(y, m, day), today()).is_empty());
        }

        #[test]
        fn a_zero_serial_or_a_day_between_32_and_40_is_always_rejected(
            kec in 1u32..=24, day in 32u32..=40, m in 1u32..=12, yy in 0u32..=99,
        ) {
            let s = format!("3514{kec:02}{day:02}{m:02}{yy:02}0001");
            prop_assert!(matches!(Nik::parse(&s), Err(NikError::InvalidDate(_))));
            let z = format!("3514{kec:02}10{m:02}{yy:02}0000");
            prop_assert_eq!(Nik::parse(&z), Err(NikError::ZeroSerial));
        }
    }
}
