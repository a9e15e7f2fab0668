//! Members who hold a seat without coming through the round's selection.
//!
//! Why: the 2024 rules fill some seats otherwise. A unit still short after
//! the extensions the round allows is filled by **appointment**
//! (penunjukan: the commission asks a school, a university or the village
//! government for names), and for the 2024 Pilkada members of the 2024
//! Pemilu could be **kept** after a performance evaluation (dilanjutkan,
//! Keputusan KPU 475/2024). Either way the person holds one of the unit's
//! seats: the selection ranks only the seats left ([`seats_left`]), the
//! quota dashboard counts them, and they appear in the members list, the SK
//! lampiran and PAW like selected members, marked by their [`HolderSource`].

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// How a seat holder came to hold the seat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum HolderSource {
    /// Appointed after the extensions were used up.
    Penunjukan,
    /// Kept from an earlier round after a performance evaluation.
    Dilanjutkan,
}

impl HolderSource {
    /// Database and CLI spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            HolderSource::Penunjukan => "penunjukan",
            HolderSource::Dilanjutkan => "dilanjutkan",
        }
    }

    /// As lists and documents mark the member.
    pub fn label(self) -> &'static str {
        match self {
            HolderSource::Penunjukan => "Penunjukan",
            HolderSource::Dilanjutkan => "Dilanjutkan (evaluasi kinerja)",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        match s.trim() {
            "penunjukan" => Ok(HolderSource::Penunjukan),
            "dilanjutkan" => Ok(HolderSource::Dilanjutkan),
            other => Err(Error::validation(
                "asal",
                format!(
                    "Asal anggota \"{other}\" tidak dikenal; pilih penunjukan atau dilanjutkan."
                ),
            )),
        }
    }
}

/// Who proposed an appointed member (DOMAIN.md: schools, universities or
/// the village government).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ProposerKind {
    Sekolah,
    PerguruanTinggi,
    PemerintahDesa,
    Lainnya,
}

impl ProposerKind {
    pub const ALL: [ProposerKind; 4] = [
        ProposerKind::Sekolah,
        ProposerKind::PerguruanTinggi,
        ProposerKind::PemerintahDesa,
        ProposerKind::Lainnya,
    ];

    /// Database and CLI spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ProposerKind::Sekolah => "sekolah",
            ProposerKind::PerguruanTinggi => "perguruan_tinggi",
            ProposerKind::PemerintahDesa => "pemerintah_desa",
            ProposerKind::Lainnya => "lainnya",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ProposerKind::Sekolah => "Sekolah",
            ProposerKind::PerguruanTinggi => "Perguruan tinggi",
            ProposerKind::PemerintahDesa => "Pemerintah desa/kelurahan",
            ProposerKind::Lainnya => "Lainnya",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        ProposerKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim())
            .ok_or_else(|| {
                Error::validation(
                    "pengusul",
                    format!(
                        "Pengusul \"{s}\" tidak dikenal; pilih sekolah, perguruan_tinggi, pemerintah_desa atau lainnya."
                    ),
                )
            })
    }
}

/// The seats of a unit its selection still fills: the quota less the seats
/// already held by appointed or kept members (never below zero).
pub fn seats_left(quota: u32, held: u32) -> u32 {
    quota.saturating_sub(held)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_round_trip() {
        for s in [HolderSource::Penunjukan, HolderSource::Dilanjutkan] {
            assert_eq!(HolderSource::parse(s.as_str()).unwrap(), s);
        }
        for k in ProposerKind::ALL {
            assert_eq!(ProposerKind::parse(k.as_str()).unwrap(), k);
        }
        assert!(HolderSource::parse("seleksi").is_err());
        assert!(ProposerKind::parse("partai").is_err());
    }

    #[test]
    fn held_seats_leave_the_rest_to_the_selection() {
        assert_eq!(seats_left(5, 0), 5);
        assert_eq!(seats_left(5, 3), 2);
        assert_eq!(seats_left(5, 5), 0);
        // More holders than seats (a quota lowered afterwards): none left.
        assert_eq!(seats_left(3, 4), 0);
    }
}
