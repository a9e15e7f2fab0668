//! Party membership checked without an imported list.
//!
//! The party-list rule normally compares the NIK with the SIPOL export. An
//! office may have checked membership another way (in SIPOL online, by a
//! letter from KPU RI) or have no list for an election at all; the
//! Administrator records which for a round, and applicants then pass the
//! rule with that note. An imported list, even an empty one, takes
//! precedence: it names the people it lists.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// How membership was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PartyCheckMethod {
    /// Each applicant looked up in SIPOL online.
    SipolDaring,
    /// A letter (or list) from KPU RI.
    SuratKpuRi,
    /// No party-membership list exists for this election.
    TanpaDaftar,
}

impl PartyCheckMethod {
    pub const ALL: [PartyCheckMethod; 3] = [
        PartyCheckMethod::SipolDaring,
        PartyCheckMethod::SuratKpuRi,
        PartyCheckMethod::TanpaDaftar,
    ];

    /// Database and CLI spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            PartyCheckMethod::SipolDaring => "sipol_daring",
            PartyCheckMethod::SuratKpuRi => "surat_kpu_ri",
            PartyCheckMethod::TanpaDaftar => "tanpa_daftar",
        }
    }

    /// In words.
    pub fn label(self) -> &'static str {
        match self {
            PartyCheckMethod::SipolDaring => "diperiksa langsung di SIPOL (daring)",
            PartyCheckMethod::SuratKpuRi => "diperiksa berdasarkan surat KPU RI",
            PartyCheckMethod::TanpaDaftar => "tidak ada daftar anggota partai untuk pemilihan ini",
        }
    }

    /// Parses the stored or typed spelling (`-` and `_` alike, any case).
    pub fn parse(s: &str) -> Result<Self> {
        let wanted = s.trim().to_ascii_lowercase().replace('-', "_");
        PartyCheckMethod::ALL
            .into_iter()
            .find(|m| m.as_str() == wanted)
            .ok_or_else(|| {
                Error::validation(
                    "cara",
                    format!("Cara pemeriksaan \"{s}\" tidak dikenal; pilih sipol_daring, surat_kpu_ri atau tanpa_daftar."),
                )
            })
    }
}

/// The recorded check of a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PartyCheck {
    pub method: PartyCheckMethod,
    /// What staff wrote (may be empty).
    pub note: String,
    /// When, RFC 3339.
    pub at: String,
    pub username: String,
}

impl PartyCheck {
    /// The reason the party-list rule gives for an applicant.
    pub fn reason(&self) -> String {
        let day = chrono::DateTime::parse_from_rfc3339(&self.at)
            .map(|t| t.format("%d-%m-%Y").to_string())
            .unwrap_or_else(|_| self.at.clone());
        let note = if self.note.is_empty() {
            String::new()
        } else {
            format!(" ({})", self.note)
        };
        format!(
            "Keanggotaan partai politik {}{note}; dicatat oleh {} pada {day}.",
            self.method.label(),
            self.username
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_parse_back_and_say_who_and_when() {
        for m in PartyCheckMethod::ALL {
            assert_eq!(PartyCheckMethod::parse(m.as_str()).unwrap(), m);
            assert_eq!(serde_json::to_value(m).unwrap(), m.as_str());
        }
        assert_eq!(
            PartyCheckMethod::parse("SIPOL-daring").unwrap(),
            PartyCheckMethod::SipolDaring
        );
        assert_eq!(
            PartyCheckMethod::parse("lain").unwrap_err().field(),
            Some("cara")
        );
        let c = PartyCheck {
            method: PartyCheckMethod::SipolDaring,
            note: "Semua NIK dicek 12 Mei".into(),
            at: "2026-05-12T03:00:00+00:00".into(),
            username: "admin".into(),
        };
        let r = c.reason();
        assert!(r.contains("SIPOL (daring) (Semua NIK dicek 12 Mei)"), "{r}");
        assert!(r.contains("admin pada 12-05-2026"), "{r}");
    }
}
