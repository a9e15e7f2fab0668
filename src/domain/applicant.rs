//! Applicant attributes shared by registration, import and the demo.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// Sex as recorded on the KTP: L (laki-laki) or P (perempuan).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum Sex {
    L,
    P,
}

impl Sex {
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::L => "L",
            Sex::P => "P",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        match s.trim().to_ascii_uppercase().as_str() {
            "L" | "LAKI-LAKI" => Ok(Sex::L),
            "P" | "PEREMPUAN" => Ok(Sex::P),
            _ => Err(Error::validation(
                "jenis_kelamin",
                "Jenis kelamin harus L atau P.",
            )),
        }
    }
}

/// Where an application stands: registered (active) or withdrawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ApplicationStatus {
    /// Active: counted, checked, ranked.
    Terdaftar,
    /// Withdrawn by the applicant: kept, numbered, never counted.
    Mundur,
}

impl ApplicationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationStatus::Terdaftar => "terdaftar",
            ApplicationStatus::Mundur => "mundur",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "terdaftar" => Ok(ApplicationStatus::Terdaftar),
            "mundur" => Ok(ApplicationStatus::Mundur),
            _ => Err(Error::validation(
                "status",
                format!(
                    "Status \"{}\" tidak dikenal; tulis terdaftar atau mundur.",
                    crate::domain::text::shown(s)
                ),
            )),
        }
    }
}

/// Highest completed education. The requirement is at least SMA or equivalent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum Education {
    SD,
    SMP,
    SMA,
    D3,
    S1,
    S2,
    S3,
}

impl Education {
    pub const ALL: [Education; 7] = [
        Education::SD,
        Education::SMP,
        Education::SMA,
        Education::D3,
        Education::S1,
        Education::S2,
        Education::S3,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Education::SD => "SD",
            Education::SMP => "SMP",
            Education::SMA => "SMA",
            Education::D3 => "D3",
            Education::S1 => "S1",
            Education::S2 => "S2",
            Education::S3 => "S3",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        let up = s.trim().to_ascii_uppercase();
        let normalised = match up.as_str() {
            "SMK" | "MA" | "SLTA" | "SEDERAJAT" => "SMA",
            "SLTP" | "MTS" => "SMP",
            "MI" => "SD",
            "D1" | "D2" | "D4" => {
                if up == "D4" {
                    "S1"
                } else {
                    "D3"
                }
            }
            other => other,
        };
        Education::ALL
            .into_iter()
            .find(|e| e.as_str() == normalised)
            .ok_or_else(|| {
                Error::validation(
                    "pendidikan",
                    format!(
                        "Pendidikan \"{}\" tidak dikenal.",
                        crate::domain::text::shown(s)
                    ),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_spellings() {
        assert_eq!(Sex::parse("p").unwrap(), Sex::P);
        assert_eq!(Sex::parse("Laki-laki").unwrap(), Sex::L);
        assert!(Sex::parse("X").is_err());
        assert_eq!(Education::parse("smk").unwrap(), Education::SMA);
        assert_eq!(Education::parse("D4").unwrap(), Education::S1);
        assert!(Education::SMA > Education::SMP);
        assert!(Education::parse("TK").is_err());
    }
}

/// The registration number of the `seq`-th applicant of a round, e.g.
/// `PPK-3514-0001`: body, kabupaten/kota code, sequence (at least 4 digits).
/// Sequences are never reused, so neither are numbers.
pub fn registration_number(
    body: crate::domain::round::Body,
    kabupaten_digits: &str,
    seq: i64,
) -> String {
    format!("{}-{}-{:04}", body.as_str(), kabupaten_digits, seq)
}

#[cfg(test)]
mod registration_tests {
    use super::*;
    use crate::domain::round::Body;

    #[test]
    fn registration_numbers() {
        assert_eq!(registration_number(Body::Ppk, "3514", 1), "PPK-3514-0001");
        assert_eq!(
            registration_number(Body::Pps, "3514", 12345),
            "PPS-3514-12345"
        );
    }
}

/// Stored and imported text becomes the type at the edge (the store reads
/// columns through these, `#[sqlx(try_from = "String")]`).
macro_rules! parsed_from_text {
    ($($t:ty),*) => {$(
        impl TryFrom<String> for $t {
            type Error = Error;
            fn try_from(s: String) -> Result<Self> {
                <$t>::parse(&s)
            }
        }
    )*};
}
parsed_from_text!(Sex, Education, ApplicationStatus);
