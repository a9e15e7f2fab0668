//! Where an application stands: the furthest result it has reached.
//!
//! Staff look an applicant up to answer "is she through?": the list, its
//! filter and the detail all show one standing, read from what is final —
//! the results frozen when each stage closed, the PAW decisions, a
//! withdrawal — never from a live ranking that may still move. While a
//! stage is open its provisional results are on the stage's own screens;
//! the standing moves on when the stage closes.
//!
//! The latest fact wins: a withdrawal or a departure during the term over
//! everything; a confirmed PAW replacement over her Cadangan place; the
//! final list over the written test; the written test over the
//! administrative check.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::ranking::Status;
use crate::error::{Error, Result};

/// One application's standing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Standing {
    /// Registered; no stage closed on it yet.
    Terdaftar,
    /// Memenuhi syarat in the administrative check.
    Ms,
    /// Tidak memenuhi syarat.
    Tms,
    /// Passed the written test: goes on to the interview.
    LulusTertulis,
    TidakLulusTertulis,
    /// Absent from a test: out, as the rules say.
    TidakHadir,
    /// Dropped after a founded public response.
    Gugur,
    Terpilih,
    Cadangan,
    TidakTerpilih,
    /// A Cadangan confirmed as replacement during the term (PAW).
    Pengganti,
    /// A member who left during the term (replaced by PAW).
    Berhenti,
    /// Withdrew the application.
    Mundur,
}

/// Every standing, in the order of the selection (for filters).
pub const ALL: [Standing; 13] = [
    Standing::Terdaftar,
    Standing::Ms,
    Standing::Tms,
    Standing::LulusTertulis,
    Standing::TidakLulusTertulis,
    Standing::TidakHadir,
    Standing::Gugur,
    Standing::Terpilih,
    Standing::Cadangan,
    Standing::TidakTerpilih,
    Standing::Pengganti,
    Standing::Berhenti,
    Standing::Mundur,
];

/// A standing as a filter offers it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct StandingOption {
    pub key: Standing,
    pub label: String,
}

/// Every standing with its label, in the order of the selection.
pub fn options() -> Vec<StandingOption> {
    ALL.iter()
        .map(|s| StandingOption {
            key: *s,
            label: s.label().to_string(),
        })
        .collect()
}

/// What a standing is read from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Facts {
    pub withdrawn: bool,
    /// The frozen administrative result: `Some(true)` for MS.
    pub admin_ms: Option<bool>,
    /// The frozen written-test result.
    pub written: Option<Status>,
    /// The frozen final result.
    pub final_: Option<Status>,
    /// Left during the term (a PAW event names her as the member).
    pub left_term: bool,
    /// Confirmed as the replacement of a member who left.
    pub replaced_in: bool,
}

impl Standing {
    /// The standing the facts give; see the module documentation.
    pub fn of(f: &Facts) -> Standing {
        if f.withdrawn {
            return Standing::Mundur;
        }
        if f.left_term {
            return Standing::Berhenti;
        }
        if f.replaced_in {
            return Standing::Pengganti;
        }
        let final_ = match f.final_ {
            Some(Status::Terpilih) => Some(Standing::Terpilih),
            Some(Status::Cadangan) => Some(Standing::Cadangan),
            Some(Status::TidakTerpilih) => Some(Standing::TidakTerpilih),
            Some(Status::TidakHadir) => Some(Standing::TidakHadir),
            Some(Status::Gugur) => Some(Standing::Gugur),
            // Not in the final list (TMS or out after the written test):
            // the earlier result says why.
            _ => None,
        };
        let written = match f.written {
            Some(Status::Lulus) => Some(Standing::LulusTertulis),
            Some(Status::TidakLulus) => Some(Standing::TidakLulusTertulis),
            Some(Status::TidakHadir) => Some(Standing::TidakHadir),
            Some(Status::Gugur) => Some(Standing::Gugur),
            _ => None,
        };
        let admin = match f.admin_ms {
            Some(true) => Standing::Ms,
            Some(false) => Standing::Tms,
            None => Standing::Terdaftar,
        };
        final_.or(written).unwrap_or(admin)
    }

    /// As staff say it.
    pub fn label(self) -> &'static str {
        match self {
            Standing::Terdaftar => "Terdaftar",
            Standing::Ms => "MS",
            Standing::Tms => "TMS",
            Standing::LulusTertulis => "Lulus tes tertulis",
            Standing::TidakLulusTertulis => "Tidak lulus tes tertulis",
            Standing::TidakHadir => "Tidak hadir tes",
            Standing::Gugur => "Gugur (tanggapan masyarakat)",
            Standing::Terpilih => "Terpilih",
            Standing::Cadangan => "Cadangan",
            Standing::TidakTerpilih => "Tidak terpilih",
            Standing::Pengganti => "Pengganti antarwaktu",
            Standing::Berhenti => "Berhenti (diganti PAW)",
            Standing::Mundur => "Mundur",
        }
    }

    /// The key a filter is given as.
    pub fn key(self) -> &'static str {
        match self {
            Standing::Terdaftar => "terdaftar",
            Standing::Ms => "ms",
            Standing::Tms => "tms",
            Standing::LulusTertulis => "lulus_tertulis",
            Standing::TidakLulusTertulis => "tidak_lulus_tertulis",
            Standing::TidakHadir => "tidak_hadir",
            Standing::Gugur => "gugur",
            Standing::Terpilih => "terpilih",
            Standing::Cadangan => "cadangan",
            Standing::TidakTerpilih => "tidak_terpilih",
            Standing::Pengganti => "pengganti",
            Standing::Berhenti => "berhenti",
            Standing::Mundur => "mundur",
        }
    }

    pub fn parse(key: &str) -> Result<Standing> {
        let key = key.trim().to_ascii_lowercase();
        ALL.into_iter().find(|s| s.key() == key).ok_or_else(|| {
            Error::validation(
                "status",
                format!(
                    "Status \"{}\" tidak dikenal; pilih salah satu dari: {}.",
                    crate::domain::text::shown(&key),
                    ALL.map(Standing::key).join(", ")
                ),
            )
        })
    }

    /// Still in the running or serving (for a colour in the list).
    pub fn is_through(self) -> bool {
        matches!(
            self,
            Standing::Ms
                | Standing::LulusTertulis
                | Standing::Terpilih
                | Standing::Cadangan
                | Standing::Pengganti
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Facts {
        Facts::default()
    }

    #[test]
    fn each_closed_stage_moves_the_standing_on() {
        let mut f = facts();
        assert_eq!(Standing::of(&f), Standing::Terdaftar);
        f.admin_ms = Some(true);
        assert_eq!(Standing::of(&f), Standing::Ms);
        f.written = Some(Status::Lulus);
        assert_eq!(Standing::of(&f), Standing::LulusTertulis);
        f.final_ = Some(Status::Cadangan);
        assert_eq!(Standing::of(&f), Standing::Cadangan);
        f.replaced_in = true;
        assert_eq!(Standing::of(&f), Standing::Pengganti);
        f.withdrawn = true;
        assert_eq!(Standing::of(&f), Standing::Mundur);
    }

    #[test]
    fn an_applicant_out_early_keeps_the_reason_she_went_out() {
        // TMS: the later stages freeze "tms" / "tidak_lanjut" on her.
        let f = Facts {
            admin_ms: Some(false),
            written: Some(Status::Tms),
            final_: Some(Status::TidakLanjut),
            ..facts()
        };
        assert_eq!(Standing::of(&f), Standing::Tms);
        let f = Facts {
            admin_ms: Some(true),
            written: Some(Status::TidakLulus),
            final_: Some(Status::TidakLanjut),
            ..facts()
        };
        assert_eq!(Standing::of(&f), Standing::TidakLulusTertulis);
        let f = Facts {
            admin_ms: Some(true),
            written: Some(Status::TidakHadir),
            ..facts()
        };
        assert_eq!(Standing::of(&f), Standing::TidakHadir);
    }

    #[test]
    fn a_member_who_left_is_no_longer_terpilih() {
        let f = Facts {
            admin_ms: Some(true),
            written: Some(Status::Lulus),
            final_: Some(Status::Terpilih),
            left_term: true,
            ..facts()
        };
        assert_eq!(Standing::of(&f), Standing::Berhenti);
    }

    #[test]
    fn keys_parse_back_and_unknown_ones_are_refused() {
        for s in ALL {
            assert_eq!(Standing::parse(s.key()).unwrap(), s);
        }
        assert_eq!(Standing::parse(" MS ").unwrap(), Standing::Ms);
        assert!(Standing::parse("lolos").is_err());
    }
}
