//! Selection rounds: which body is recruited, the schedule of stages and the
//! rule settings. Every number of DOMAIN.md is a setting here, with the 2024
//! rules as defaults; [`RoundSettings::validate`] is the one place that says
//! which settings are acceptable.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// The ad hoc body a round recruits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum Body {
    /// Panitia Pemilihan Kecamatan: one panel per kecamatan.
    #[serde(rename = "PPK")]
    Ppk,
    /// Panitia Pemungutan Suara: one panel per desa/kelurahan.
    #[serde(rename = "PPS")]
    Pps,
}

impl Body {
    pub fn as_str(self) -> &'static str {
        match self {
            Body::Ppk => "PPK",
            Body::Pps => "PPS",
        }
    }

    /// The body's name as the official documents write it.
    pub fn full_name(self) -> &'static str {
        match self {
            Body::Ppk => "Panitia Pemilihan Kecamatan (PPK)",
            Body::Pps => "Panitia Pemungutan Suara (PPS)",
        }
    }

    /// Parses `PPK`/`PPS` in any case.
    pub fn parse(s: &str) -> Result<Self> {
        match s.trim().to_ascii_uppercase().as_str() {
            "PPK" => Ok(Body::Ppk),
            "PPS" => Ok(Body::Pps),
            _ => Err(Error::validation(
                "badan",
                format!("Badan \"{s}\" tidak dikenal; pilih PPK atau PPS."),
            )),
        }
    }

    /// Members per unit under the 2024 rules: 5 per kecamatan, 3 per desa.
    pub fn default_quota(self) -> u32 {
        match self {
            Body::Ppk => 5,
            Body::Pps => 3,
        }
    }

    /// The unit a panel serves, as staff call it.
    pub fn unit_name(self) -> &'static str {
        match self {
            Body::Ppk => "kecamatan",
            Body::Pps => "desa/kelurahan",
        }
    }
}

impl fmt::Display for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The stages of a round, in order (DOMAIN.md; announcements happen at the
/// close of a stage and are not stages of their own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Stage {
    Pendaftaran,
    Administrasi,
    Tertulis,
    Wawancara,
    Akhir,
    Penetapan,
    MasaKerja,
}

impl Stage {
    /// Every stage, in order.
    pub const ALL: [Stage; 7] = [
        Stage::Pendaftaran,
        Stage::Administrasi,
        Stage::Tertulis,
        Stage::Wawancara,
        Stage::Akhir,
        Stage::Penetapan,
        Stage::MasaKerja,
    ];

    /// Database and CLI spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Pendaftaran => "pendaftaran",
            Stage::Administrasi => "administrasi",
            Stage::Tertulis => "tertulis",
            Stage::Wawancara => "wawancara",
            Stage::Akhir => "akhir",
            Stage::Penetapan => "penetapan",
            Stage::MasaKerja => "masa_kerja",
        }
    }

    /// Name shown to staff.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Pendaftaran => "Pendaftaran",
            Stage::Administrasi => "Penelitian administrasi",
            Stage::Tertulis => "Tes tertulis",
            Stage::Wawancara => "Tes wawancara",
            Stage::Akhir => "Hasil akhir",
            Stage::Penetapan => "Penetapan dan pelantikan",
            Stage::MasaKerja => "Masa kerja",
        }
    }

    /// The stage after this one (none after the term of office).
    pub fn next(self) -> Option<Stage> {
        Stage::ALL
            .iter()
            .position(|s| *s == self)
            .and_then(|i| Stage::ALL.get(i + 1).copied())
    }

    pub fn parse(s: &str) -> Result<Self> {
        Stage::ALL
            .into_iter()
            .find(|st| st.as_str() == s.trim())
            .ok_or_else(|| Error::stage(format!("Tahapan \"{s}\" tidak dikenal.")))
    }
}

/// How the final score combines the written test and the interview.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "mode", rename_all = "snake_case")]
#[ts(export)]
pub enum ScoreCombination {
    /// The interview score alone.
    Wawancara,
    /// Written score plus interview score.
    Jumlah,
    /// Weighted: percentages that add up to 100.
    Bobot { tertulis: u32, wawancara: u32 },
}

impl ScoreCombination {
    /// Database spelling of the mode.
    pub fn mode_str(self) -> &'static str {
        match self {
            ScoreCombination::Wawancara => "wawancara",
            ScoreCombination::Jumlah => "jumlah",
            ScoreCombination::Bobot { .. } => "bobot",
        }
    }

    /// Rebuilds the value from its stored mode and weights.
    pub fn from_parts(mode: &str, tertulis: u32, wawancara: u32) -> Result<Self> {
        match mode {
            "wawancara" => Ok(ScoreCombination::Wawancara),
            "jumlah" => Ok(ScoreCombination::Jumlah),
            "bobot" => Ok(ScoreCombination::Bobot { tertulis, wawancara }),
            _ => Err(Error::validation(
                "gabungan_nilai",
                format!("Cara menggabungkan nilai \"{mode}\" tidak dikenal; pilih wawancara, jumlah atau bobot."),
            )),
        }
    }
}

/// The rule settings of a round. Defaults are the 2024 rules of DOMAIN.md.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RoundSettings {
    /// Members per unit (5 for PPK, 3 for PPS), unless a unit overrides it.
    pub quota_per_unit: u32,
    /// How many times the quota pass the written test to the interview (3).
    pub written_pass_multiple: u32,
    /// How many times the quota are ranked in the final result (2).
    pub final_rank_multiple: u32,
    /// Units with fewer applicants than this times the quota get an extension (2).
    pub extension_threshold: u32,
    /// Length of one extension in days (3).
    pub extension_days: u32,
    /// Extensions a unit may get in all (2): the first below threshold ×
    /// quota, each further one while still below the quota; a unit short
    /// after the last is filled by appointment (penunjukan).
    pub extensions_allowed: u32,
    /// Minimum age on the reference date (17).
    pub min_age: u32,
    /// Cap on periods served in the same body; `None` means no cap (default).
    pub max_periods: Option<u32>,
    /// Date on which age is measured.
    #[ts(type = "string")]
    pub reference_date: NaiveDate,
    pub score_combination: ScoreCombination,
}

impl RoundSettings {
    /// The 2024 defaults for `body`, measuring age on `reference_date`.
    pub fn defaults(body: Body, reference_date: NaiveDate) -> Self {
        RoundSettings {
            quota_per_unit: body.default_quota(),
            written_pass_multiple: 3,
            final_rank_multiple: 2,
            extension_threshold: 2,
            extension_days: 3,
            extensions_allowed: 2,
            min_age: 17,
            max_periods: None,
            reference_date,
            score_combination: ScoreCombination::Wawancara,
        }
    }

    /// Checks every setting; the error names the field and how to fix it.
    pub fn validate(&self) -> Result<()> {
        let range = |field: &str, label: &str, v: u32, lo: u32, hi: u32| -> Result<()> {
            if v < lo || v > hi {
                return Err(Error::validation(
                    field,
                    format!("{label} harus antara {lo} dan {hi} (sekarang {v})."),
                ));
            }
            Ok(())
        };
        range(
            "quota_per_unit",
            "Kuota per wilayah",
            self.quota_per_unit,
            1,
            50,
        )?;
        range(
            "written_pass_multiple",
            "Kelipatan lulus tes tertulis",
            self.written_pass_multiple,
            1,
            10,
        )?;
        range(
            "final_rank_multiple",
            "Kelipatan peringkat akhir",
            self.final_rank_multiple,
            1,
            10,
        )?;
        range(
            "extension_threshold",
            "Ambang perpanjangan",
            self.extension_threshold,
            1,
            10,
        )?;
        range(
            "extension_days",
            "Lama perpanjangan (hari)",
            self.extension_days,
            1,
            30,
        )?;
        range(
            "extensions_allowed",
            "Jumlah perpanjangan",
            self.extensions_allowed,
            1,
            5,
        )?;
        range("min_age", "Usia minimal", self.min_age, 17, 99)?;
        if let Some(cap) = self.max_periods {
            range("max_periods", "Batas periode menjabat", cap, 1, 10)?;
        }
        if let ScoreCombination::Bobot {
            tertulis,
            wawancara,
        } = self.score_combination
        {
            if tertulis + wawancara != 100 {
                return Err(Error::validation(
                    "score_combination",
                    format!(
                        "Bobot tes tertulis dan wawancara harus berjumlah 100% (sekarang {tertulis}% + {wawancara}%)."
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// Planned dates of one stage, both inclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StageDates {
    pub stage: Stage,
    #[ts(type = "string")]
    pub starts_on: NaiveDate,
    #[ts(type = "string")]
    pub ends_on: NaiveDate,
}

/// Everything needed to create a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RoundDraft {
    /// e.g. "Pemilu 2024 – PPK".
    pub name: String,
    /// e.g. "Pemilu 2024"; one person may hold one active application per election.
    pub election: String,
    pub body: Body,
    pub settings: RoundSettings,
    /// One entry per stage, in stage order.
    pub schedule: Vec<StageDates>,
}

impl RoundDraft {
    /// Checks names, settings and schedule.
    pub fn validate(&self) -> Result<()> {
        use crate::domain::text::{check, Lines};
        check("Nama seleksi", &self.name, 150, Lines::One)
            .map_err(|m| Error::validation("name", m))?;
        check("Nama pemilihan", &self.election, 100, Lines::One)
            .map_err(|m| Error::validation("election", m))?;
        if self.name.trim().is_empty() {
            return Err(Error::validation("name", "Nama seleksi wajib diisi."));
        }
        if self.election.trim().is_empty() {
            return Err(Error::validation(
                "election",
                "Nama pemilihan wajib diisi (contoh: Pemilu 2024).",
            ));
        }
        self.settings.validate()?;
        validate_schedule(&self.schedule)
    }
}

/// A schedule lists every stage once, in order, each ending on or after it
/// starts, and no stage starting before the previous one starts. A wrong
/// date is named as `schedule.<i>.starts_on` or `schedule.<i>.ends_on`
/// (`i` from 0), so the form can mark it.
pub fn validate_schedule(schedule: &[StageDates]) -> Result<()> {
    let stages: Vec<Stage> = schedule.iter().map(|s| s.stage).collect();
    if stages != Stage::ALL {
        return Err(Error::validation(
            "schedule",
            "Jadwal harus memuat setiap tahapan tepat satu kali, berurutan dari pendaftaran sampai masa kerja.",
        ));
    }
    for (i, s) in schedule.iter().enumerate() {
        if s.ends_on < s.starts_on {
            return Err(Error::validation(
                format!("schedule.{i}.ends_on"),
                format!(
                    "Tanggal selesai tahapan {} lebih awal dari tanggal mulainya.",
                    s.stage.label()
                ),
            ));
        }
    }
    for (i, pair) in schedule.windows(2).enumerate() {
        if pair[1].starts_on < pair[0].starts_on {
            return Err(Error::validation(
                format!("schedule.{}.starts_on", i + 1),
                format!(
                    "Tahapan {} dimulai sebelum tahapan {}.",
                    pair[1].stage.label(),
                    pair[0].stage.label()
                ),
            ));
        }
    }
    Ok(())
}

/// A stored round as the rules see it: what it recruits, its settings and
/// schedule, and where it stands. The stage gates are its methods, so every
/// service asks the same question the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub id: i64,
    pub name: String,
    pub election: String,
    pub body: Body,
    pub settings: RoundSettings,
    pub schedule: Vec<StageDates>,
    /// The stage in progress: every stage before it is closed.
    pub current_stage: Stage,
    /// Whether the current stage has been opened (closing a stage makes the
    /// next one current but not yet open).
    pub stage_open: bool,
}

impl Round {
    /// Refuses when `stage` is closed: its results are frozen until an
    /// Administrator reopens it.
    pub fn ensure_unfrozen(&self, stage: Stage) -> Result<()> {
        if self.current_stage > stage {
            return Err(Error::stage(format!(
                    "Tahap {} pada {} sudah ditutup; hasilnya dibekukan. Administrator dapat membukanya kembali dengan alasan.",
                    stage.label().to_lowercase(),
                    self.name
                ),
            ));
        }
        Ok(())
    }

    /// Whether the round takes an applicant for a unit whose latest
    /// extension ends on `extension_ends`, on `today` (see
    /// [`crate::domain::gates::registration`]).
    pub fn registration_gate(
        &self,
        extension_ends: Option<NaiveDate>,
        today: NaiveDate,
    ) -> std::result::Result<(), crate::domain::gates::RegistrationRefusal> {
        crate::domain::gates::registration(
            self.current_stage,
            self.stage_open,
            extension_ends,
            today,
        )
    }
}

pub use crate::domain::preset::Preset;

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn defaults_follow_the_2024_rules() {
        let ppk = RoundSettings::defaults(Body::Ppk, date(2022, 11, 20));
        assert_eq!(ppk.quota_per_unit, 5);
        assert_eq!(
            RoundSettings::defaults(Body::Pps, date(2022, 11, 20)).quota_per_unit,
            3
        );
        assert_eq!(ppk.written_pass_multiple, 3);
        assert_eq!(ppk.final_rank_multiple, 2);
        assert_eq!(ppk.extension_threshold, 2);
        assert_eq!(ppk.extension_days, 3);
        assert_eq!(ppk.min_age, 17);
        assert_eq!(ppk.max_periods, None);
        ppk.validate().unwrap();
    }

    #[test]
    fn every_preset_is_a_valid_round() {
        for preset in Preset::ALL {
            for body in [Body::Ppk, Body::Pps] {
                let draft = preset.draft(body);
                draft.validate().unwrap();
                assert_eq!(draft.body, body);
                assert_eq!(draft.settings.reference_date, draft.schedule[0].starts_on);
                assert!(draft.name.contains(preset.election()));
            }
        }
    }

    #[test]
    fn settings_out_of_range_name_their_field() {
        let base = RoundSettings::defaults(Body::Ppk, date(2024, 1, 1));
        let cases: Vec<(&str, RoundSettings)> = vec![
            (
                "quota_per_unit",
                RoundSettings {
                    quota_per_unit: 0,
                    ..base.clone()
                },
            ),
            (
                "min_age",
                RoundSettings {
                    min_age: 16,
                    ..base.clone()
                },
            ),
            (
                "max_periods",
                RoundSettings {
                    max_periods: Some(0),
                    ..base.clone()
                },
            ),
            (
                "written_pass_multiple",
                RoundSettings {
                    written_pass_multiple: 0,
                    ..base.clone()
                },
            ),
            (
                "score_combination",
                RoundSettings {
                    score_combination: ScoreCombination::Bobot {
                        tertulis: 40,
                        wawancara: 50,
                    },
                    ..base.clone()
                },
            ),
        ];
        for (field, settings) in cases {
            let err = settings.validate().unwrap_err();
            assert_eq!(err.field(), Some(field), "{err}");
        }
        let weighted = RoundSettings {
            score_combination: ScoreCombination::Bobot {
                tertulis: 40,
                wawancara: 60,
            },
            max_periods: Some(2),
            ..base
        };
        weighted.validate().unwrap();
    }

    #[test]
    fn schedule_must_be_complete_and_ordered() {
        let mut draft = Preset::Pemilu2024.draft(Body::Ppk);
        draft.schedule.swap(1, 2);
        assert!(draft.validate().is_err());

        let mut draft = Preset::Pemilu2024.draft(Body::Ppk);
        draft.schedule.pop();
        assert!(draft.validate().is_err());

        let mut draft = Preset::Pemilu2024.draft(Body::Ppk);
        draft.schedule[3].ends_on = draft.schedule[3].starts_on.pred_opt().unwrap();
        assert_eq!(
            draft.validate().unwrap_err().field(),
            Some("schedule.3.ends_on")
        );

        // The wrong date is named: the written test starting before the check.
        let mut draft = Preset::Pemilu2024.draft(Body::Ppk);
        draft.schedule[2].starts_on = draft.schedule[1].starts_on.pred_opt().unwrap();
        assert_eq!(
            draft.validate().unwrap_err().field(),
            Some("schedule.2.starts_on")
        );

        let mut draft = Preset::Pemilu2024.draft(Body::Ppk);
        draft.name = "  ".into();
        assert_eq!(draft.validate().unwrap_err().field(), Some("name"));
    }

    #[test]
    fn names_parse_back() {
        for stage in Stage::ALL {
            assert_eq!(Stage::parse(stage.as_str()).unwrap(), stage);
        }
        assert_eq!(Body::parse("pps").unwrap(), Body::Pps);
        assert!(Body::parse("kpps").is_err());
        assert_eq!(Preset::parse("Pilkada-2024").unwrap(), Preset::Pilkada2024);
        for p in Preset::ALL {
            // The UI (serde) and the CLI (as_str) spell a preset the same way.
            assert_eq!(serde_json::to_value(p).unwrap(), p.as_str());
        }
        for c in [
            ScoreCombination::Wawancara,
            ScoreCombination::Jumlah,
            ScoreCombination::Bobot {
                tertulis: 30,
                wawancara: 70,
            },
        ] {
            let (t, w) = match c {
                ScoreCombination::Bobot {
                    tertulis,
                    wawancara,
                } => (tertulis, wawancara),
                _ => (0, 0),
            };
            assert_eq!(ScoreCombination::from_parts(c.mode_str(), t, w).unwrap(), c);
        }
    }
}
