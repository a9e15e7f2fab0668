//! Selection rounds: which body is recruited, the schedule of stages and the
//! rule settings. Every number of DOMAIN.md is a setting here, with the 2024
//! rules as defaults; [`RoundSettings::validate`] is the one place that says
//! which settings are acceptable.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::round_rules;
pub use crate::domain::round_rules::ResponseWindow;
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
    /// Until when public responses are taken (before the interviews by default).
    pub responses_until: ResponseWindow,
    /// What the surat pernyataan states, one item each, in order: the
    /// requirement checklist shows them under the statement.
    pub statement_items: Vec<String>,
    /// The legal basis the official documents cite, one instrument a line
    /// (may be empty: no "Dasar" part is printed).
    pub legal_basis: String,
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
            responses_until: ResponseWindow::Wawancara,
            statement_items: round_rules::statement_items_2024(false),
            legal_basis: round_rules::LEGAL_BASIS_PEMILU_2024.to_string(),
        }
    }

    /// The free texts as they are kept: spaces folded, blank items and
    /// lines dropped. Applied before [`RoundSettings::validate`] when stored.
    pub fn tidied(mut self) -> Self {
        self.statement_items = round_rules::tidy_items(&self.statement_items);
        self.legal_basis = round_rules::tidy_legal_basis(&self.legal_basis);
        self
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
        round_rules::check_statement_items(&self.statement_items)?;
        round_rules::check_legal_basis(&self.legal_basis)
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
#[path = "round_tests.rs"]
mod tests;
