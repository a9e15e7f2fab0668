//! Ready-made rounds: the national timetables of past recruitments, with
//! the default rules, for staff to adjust before registration opens.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::round::{Body, RoundDraft, RoundSettings, Stage, StageDates};
use crate::domain::round_rules;
use crate::error::{Error, Result};

/// Ready-made rounds with the schedules of past national rounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum Preset {
    /// Pemilu 14 Februari 2024 (recruitment Nov 2022 – Jan 2023).
    #[serde(rename = "pemilu-2024")]
    Pemilu2024,
    /// Pilkada serentak 27 November 2024 (recruitment Apr – May 2024).
    #[serde(rename = "pilkada-2024")]
    Pilkada2024,
}

impl Preset {
    pub const ALL: [Preset; 2] = [Preset::Pemilu2024, Preset::Pilkada2024];

    pub fn as_str(self) -> &'static str {
        match self {
            Preset::Pemilu2024 => "pemilu-2024",
            Preset::Pilkada2024 => "pilkada-2024",
        }
    }

    pub fn election(self) -> &'static str {
        match self {
            Preset::Pemilu2024 => "Pemilu 2024",
            Preset::Pilkada2024 => "Pilkada 2024",
        }
    }

    /// The items of the surat pernyataan: the 2024 Pilkada adds "no
    /// comorbidity" to the health statement.
    pub fn statement_items(self) -> Vec<String> {
        round_rules::statement_items_2024(self == Preset::Pilkada2024)
    }

    /// The legal basis the documents cite, one instrument a line.
    pub fn legal_basis(self) -> &'static str {
        match self {
            Preset::Pemilu2024 => round_rules::LEGAL_BASIS_PEMILU_2024,
            Preset::Pilkada2024 => round_rules::LEGAL_BASIS_PILKADA_2024,
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Preset::ALL
            .into_iter()
            .find(|p| p.as_str() == s.trim().to_ascii_lowercase())
            .ok_or_else(|| {
                Error::validation(
                    "preset",
                    format!("Preset \"{s}\" tidak dikenal; pilih pemilu-2024 atau pilkada-2024."),
                )
            })
    }

    /// A draft round for `body` with this preset's schedule and the default
    /// rules. The dates follow the national timetable of that round; staff
    /// adjust them to their own Keputusan before registration opens.
    pub fn draft(self, body: Body) -> RoundDraft {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("preset dates are valid");
        // (stage start, stage end) for the seven stages, in order.
        let dates: [(NaiveDate, NaiveDate); 7] = match (self, body) {
            (Preset::Pemilu2024, Body::Ppk) => [
                (d(2022, 11, 20), d(2022, 11, 29)),
                (d(2022, 11, 20), d(2022, 12, 2)),
                (d(2022, 12, 10), d(2022, 12, 13)),
                (d(2022, 12, 18), d(2022, 12, 20)),
                (d(2022, 12, 27), d(2022, 12, 29)),
                (d(2023, 1, 2), d(2023, 1, 4)),
                (d(2023, 1, 4), d(2024, 3, 4)),
            ],
            (Preset::Pemilu2024, Body::Pps) => [
                (d(2022, 12, 18), d(2022, 12, 27)),
                (d(2022, 12, 18), d(2023, 1, 2)),
                (d(2023, 1, 8), d(2023, 1, 11)),
                (d(2023, 1, 13), d(2023, 1, 15)),
                (d(2023, 1, 18), d(2023, 1, 20)),
                (d(2023, 1, 23), d(2023, 1, 24)),
                (d(2023, 1, 24), d(2024, 3, 24)),
            ],
            (Preset::Pilkada2024, Body::Ppk) => [
                (d(2024, 4, 23), d(2024, 4, 29)),
                (d(2024, 4, 23), d(2024, 5, 1)),
                (d(2024, 5, 4), d(2024, 5, 5)),
                (d(2024, 5, 7), d(2024, 5, 9)),
                (d(2024, 5, 10), d(2024, 5, 12)),
                (d(2024, 5, 15), d(2024, 5, 16)),
                (d(2024, 5, 16), d(2025, 1, 27)),
            ],
            (Preset::Pilkada2024, Body::Pps) => [
                (d(2024, 5, 1), d(2024, 5, 7)),
                (d(2024, 5, 1), d(2024, 5, 10)),
                (d(2024, 5, 13), d(2024, 5, 14)),
                (d(2024, 5, 16), d(2024, 5, 18)),
                (d(2024, 5, 20), d(2024, 5, 22)),
                (d(2024, 5, 24), d(2024, 5, 24)),
                (d(2024, 5, 24), d(2025, 1, 27)),
            ],
        };
        let schedule = Stage::ALL
            .iter()
            .zip(dates)
            .map(|(&stage, (starts_on, ends_on))| StageDates {
                stage,
                starts_on,
                ends_on,
            })
            .collect();
        // Age is measured on the first day of registration.
        let settings = RoundSettings {
            statement_items: self.statement_items(),
            legal_basis: self.legal_basis().to_string(),
            ..RoundSettings::defaults(body, dates[0].0)
        };
        RoundDraft {
            name: format!("{} – {}", self.election(), body),
            election: self.election().to_string(),
            body,
            settings,
            schedule,
        }
    }
}
