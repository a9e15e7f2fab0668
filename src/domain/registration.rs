//! What the help desk enters beyond the CSV columns: previous service as an
//! election official, the party statements, disability and the documents
//! handed over. Checked here; the CSV fields are checked in
//! [`crate::domain::applicant_input`].

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::applicant_input::{ApplicantFields, FieldProblem};
use crate::domain::documents;
use crate::domain::eligibility::PartyStatement;
use crate::domain::round::Body;
use crate::domain::text::{self, Lines};

/// Election bodies someone may have served in.
pub const SERVICE_BODIES: [&str; 6] = ["PPK", "PPS", "KPPS", "PPD", "PPLN", "KPPSLN"];

/// One earlier period as an election official.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PreviousService {
    /// One of [`SERVICE_BODIES`].
    pub body: String,
    /// e.g. "Pemilu 2019".
    pub election: String,
    pub year: i32,
}

/// The applicant's statement about party membership. It has no default:
/// the applicant answers it, the form does not assume an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PartyStatus {
    /// Never a member.
    Bukan,
    /// A former member.
    Mantan,
}

impl PartyStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PartyStatus::Bukan => "bukan",
            PartyStatus::Mantan => "mantan",
        }
    }

    pub fn parse(s: &str) -> crate::error::Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "bukan" => Ok(PartyStatus::Bukan),
            "mantan" => Ok(PartyStatus::Mantan),
            _ => Err(crate::error::Error::validation(
                "status_partai",
                format!(
                    "Status keanggotaan partai \"{}\" tidak dikenal; tulis bukan atau mantan.",
                    s.trim()
                ),
            )),
        }
    }
}

impl TryFrom<String> for PartyStatus {
    type Error = crate::error::Error;
    fn try_from(s: String) -> crate::error::Result<Self> {
        PartyStatus::parse(&s)
    }
}

/// Everything the registration form sends.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RegistrationDraft {
    pub fields: ApplicantFields,
    pub previous_service: Vec<PreviousService>,
    /// The applicant's answer; `None` until it is given (a registration
    /// without one is refused on the field `status_partai`).
    pub party_status: Option<PartyStatus>,
    /// Year a former member left the party.
    pub party_left_year: Option<i32>,
    /// A stamped statement that a party used the NIK without consent.
    pub misuse_statement: bool,
    /// Optional: what the test venue must provide.
    pub disability: String,
    /// Codes of the documents handed over (see [`documents::DOCUMENTS`]).
    pub documents: Vec<String>,
    /// The operator has read the NIK warnings shown and confirms the entry.
    pub acknowledge_nik_warnings: bool,
}

impl RegistrationDraft {
    /// The party statement as the eligibility rules see it.
    pub fn party_statement(&self) -> PartyStatement {
        match self.party_status {
            None => PartyStatement::NotStated,
            Some(PartyStatus::Bukan) => PartyStatement::NeverMember,
            Some(PartyStatus::Mantan) => PartyStatement::FormerMember {
                left_year: self.party_left_year,
            },
        }
    }

    /// Whether the applicant states they were a party member.
    pub fn former_member(&self) -> bool {
        self.party_status == Some(PartyStatus::Mantan)
    }

    /// Periods already served in `body` (one per distinct election).
    pub fn periods_served(&self, body: Body) -> u32 {
        let mut elections: Vec<String> = self
            .previous_service
            .iter()
            .filter(|s| s.body.trim().eq_ignore_ascii_case(body.as_str()))
            .map(|s| s.election.trim().to_lowercase())
            .collect();
        elections.sort();
        elections.dedup();
        elections.len() as u32
    }

    /// The disability note, trimmed, if any.
    pub fn disability(&self) -> Option<String> {
        Some(
            self.disability
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        )
        .filter(|s| !s.is_empty())
    }

    /// Checks the fields outside the CSV columns; each problem names its
    /// field as the form knows it.
    pub fn check_extras(&self, today: NaiveDate) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        let mut bad = |field: &str, reason: String| {
            problems.push(FieldProblem {
                field: field.to_string(),
                reason,
            })
        };
        for (i, s) in self.previous_service.iter().enumerate() {
            let n = i + 1;
            if !SERVICE_BODIES
                .iter()
                .any(|b| b.eq_ignore_ascii_case(s.body.trim()))
            {
                bad(
                    &format!("riwayat.{i}.badan"),
                    format!(
                        "Riwayat ke-{n}: badan \"{}\" tidak dikenal; pilih salah satu dari {}.",
                        text::shown(&s.body),
                        SERVICE_BODIES.join(", ")
                    ),
                );
            }
            if let Err(reason) = text::check(
                &format!("Riwayat ke-{n}: nama pemilihan"),
                &s.election,
                100,
                Lines::One,
            ) {
                bad(&format!("riwayat.{i}.pemilihan"), reason);
            } else if s.election.trim().is_empty() {
                bad(
                    &format!("riwayat.{i}.pemilihan"),
                    format!("Riwayat ke-{n}: nama pemilihan wajib diisi (contoh: Pemilu 2019)."),
                );
            }
            if !(1955..=today.year()).contains(&s.year) {
                bad(
                    &format!("riwayat.{i}.tahun"),
                    format!(
                        "Riwayat ke-{n}: tahun {} tidak mungkin (1955–{}).",
                        s.year,
                        today.year()
                    ),
                );
            }
        }
        match (self.party_status, self.party_left_year) {
            (None, _) => bad(
                "status_partai",
                "Pernyataan keanggotaan partai politik wajib dipilih: tidak pernah menjadi anggota, atau mantan anggota.".into(),
            ),
            (Some(PartyStatus::Bukan), Some(_)) => bad(
                "tahun_keluar_partai",
                "Tahun keluar dari partai hanya diisi untuk mantan anggota.".into(),
            ),
            (Some(PartyStatus::Mantan), Some(y)) if !(1955..=today.year()).contains(&y) => bad(
                "tahun_keluar_partai",
                format!(
                    "Tahun keluar dari partai {y} tidak mungkin (1955–{}).",
                    today.year()
                ),
            ),
            _ => {}
        }
        if let Err(reason) =
            text::check("Keterangan disabilitas", &self.disability, 300, Lines::Many)
        {
            bad("disabilitas", reason);
        }
        for code in &self.documents {
            if documents::by_code(code).is_none() {
                bad(
                    "berkas",
                    format!("Kode berkas \"{}\" tidak dikenal.", text::shown(code)),
                );
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn service(body: &str, election: &str, year: i32) -> PreviousService {
        PreviousService {
            body: body.into(),
            election: election.into(),
            year,
        }
    }

    #[test]
    fn periods_count_distinct_elections_in_the_same_body() {
        let d = RegistrationDraft {
            previous_service: vec![
                service("PPK", "Pemilu 2019", 2018),
                service("ppk", " pemilu 2019", 2019),
                service("PPK", "Pilkada 2020", 2020),
                service("PPS", "Pemilu 2014", 2013),
            ],
            ..Default::default()
        };
        assert_eq!(d.periods_served(Body::Ppk), 2);
        assert_eq!(d.periods_served(Body::Pps), 1);
    }

    #[test]
    fn extras_are_checked_field_by_field() {
        let d = RegistrationDraft {
            previous_service: vec![service("Panwas", "", 1900)],
            party_status: Some(PartyStatus::Bukan),
            party_left_year: Some(2015),
            documents: vec!["ktp".into(), "paspor".into()],
            ..Default::default()
        };
        let fields: Vec<String> = d
            .check_extras(today())
            .into_iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(
            fields,
            [
                "riwayat.0.badan",
                "riwayat.0.pemilihan",
                "riwayat.0.tahun",
                "tahun_keluar_partai",
                "berkas"
            ]
        );
        let ok = RegistrationDraft {
            previous_service: vec![service("KPPS", "Pemilu 2024", 2024)],
            party_status: Some(PartyStatus::Mantan),
            party_left_year: Some(2015),
            documents: vec!["ktp".into(), "surat_partai".into()],
            ..Default::default()
        };
        assert!(ok.check_extras(today()).is_empty());
        assert!(ok.former_member());
        assert_eq!(
            ok.party_statement(),
            PartyStatement::FormerMember {
                left_year: Some(2015)
            }
        );
    }

    #[test]
    fn the_party_statement_has_no_default_and_is_asked_for() {
        let unanswered = RegistrationDraft::default();
        assert_eq!(unanswered.party_status, None);
        assert_eq!(unanswered.party_statement(), PartyStatement::NotStated);
        let problems = unanswered.check_extras(today());
        let party: Vec<&FieldProblem> = problems
            .iter()
            .filter(|p| p.field == "status_partai")
            .collect();
        assert_eq!(party.len(), 1, "{problems:?}");
        assert!(party[0].reason.contains("wajib dipilih"));
        let answered = RegistrationDraft {
            party_status: Some(PartyStatus::Bukan),
            ..Default::default()
        };
        assert!(answered.check_extras(today()).is_empty());
        assert_eq!(answered.party_statement(), PartyStatement::NeverMember);
        // The form sends null until it is answered.
        let json = serde_json::to_value(&unanswered).unwrap();
        assert_eq!(json["party_status"], serde_json::Value::Null);
        let sent: RegistrationDraft = serde_json::from_value(json).unwrap();
        assert_eq!(sent.party_status, None);
    }
}
