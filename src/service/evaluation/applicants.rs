//! The applications of a round judged in bulk: each stored application as
//! the form edits it, with the help desk's check as of a date.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Context;
use crate::domain::applicant::{ApplicationStatus, Sex};
use crate::domain::applicant_input::ApplicantFields;
use crate::domain::nik::NikWarning;
use crate::domain::region::{atlas, RegionCode};
use crate::domain::registration::{PreviousService, RegistrationDraft};
use crate::domain::registration_check::{self, ExistingApplication, NikRecords, RegistrationCheck};
use crate::domain::round::Body;
use crate::domain::standing::Standing;
use crate::store::applicants::StoredApplicant;
use crate::store::round_facts::{Applications, Holder};

/// One application in full, with its eligibility as of now.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ApplicantDetail {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub round_id: i64,
    pub round_name: String,
    pub body: Body,
    pub reg_number: String,
    pub status: ApplicationStatus,
    /// e.g. "Desa Gerbo, Kecamatan Purwodadi".
    pub unit_label: String,
    pub draft: RegistrationDraft,
    pub check: RegistrationCheck,
    /// NIK warnings stored with the application (e.g. from an import).
    pub stored_nik_warnings: Vec<String>,
    pub nik_warnings_acknowledged: bool,
    pub registered_at: String,
    pub registered_by: Option<String>,
    pub updated_at: Option<String>,
    pub withdrawn_at: Option<String>,
    pub withdrawn_reason: Option<String>,
    /// Registered online (on an imported SIAKBA list).
    pub online: bool,
    /// When the paper file was received (RFC 3339); `None` while an online
    /// registration's file is awaited.
    pub files_received_at: Option<String>,
    /// Where the application stands and its results, in one application's
    /// detail (not filled when a whole round is judged).
    pub standing: Option<StandingDetail>,
    /// The written test's participant number, once given (in one
    /// application's detail only).
    pub participant_number: Option<String>,
}

/// One application's standing and the results behind it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct StandingDetail {
    pub standing: Standing,
    pub label: String,
    /// Each closed stage's result, and the marks entered: ("Penelitian
    /// administrasi", "MS"), ("Tes tertulis", "78,50 – Lulus"), …
    pub lines: Vec<(String, String)>,
}

/// The stored application as the form edits it, from its row, its earlier
/// service (body, election, year) and the codes of the documents handed over.
pub(crate) fn draft_from(
    a: &StoredApplicant,
    service: Vec<(String, String, i32)>,
    documents: Vec<String>,
) -> RegistrationDraft {
    let dotted = |d: &str| RegionCode::from_trusted(d.to_string()).dotted();
    RegistrationDraft {
        fields: ApplicantFields {
            nik: a.nik.clone(),
            nama: a.full_name.clone(),
            jenis_kelamin: a.sex.as_str().to_string(),
            tempat_lahir: a.birth_place.clone(),
            tanggal_lahir: a.birth_date.format("%d-%m-%Y").to_string(),
            alamat: a.address.clone(),
            kode_desa: dotted(&a.address_desa_code),
            pendidikan: a.education.as_str().to_string(),
            telepon: a.phone.clone().unwrap_or_default(),
            email: a.email.clone().unwrap_or_default(),
            pekerjaan: a.occupation.clone().unwrap_or_default(),
            kode_wilayah_tugas: dotted(&a.unit_code),
            kode_desa_domisili: a
                .domicile_desa_code
                .as_deref()
                .map(dotted)
                .unwrap_or_default(),
            alasan_domisili: a.domicile_reason.clone().unwrap_or_default(),
        },
        previous_service: service
            .into_iter()
            .map(|(body, election, year)| PreviousService {
                body,
                election,
                year,
            })
            .collect(),
        party_status: Some(a.party_status),
        party_left_year: a.party_left_year,
        misuse_statement: a.misuse_statement,
        disability: a.disability.clone().unwrap_or_default(),
        documents,
        acknowledge_nik_warnings: a.nik_warnings_ack,
    }
}

/// One stored application in full, with its check.
pub(crate) fn detail_from(
    ctx: &Context,
    a: StoredApplicant,
    draft: RegistrationDraft,
    check: RegistrationCheck,
) -> ApplicantDetail {
    let stored_warnings: Vec<NikWarning> = a
        .nik_warnings
        .as_deref()
        .map(nik_warnings_from_json)
        .unwrap_or_default();
    ApplicantDetail {
        id: a.id,
        round_id: a.round_id,
        round_name: ctx.round.name.clone(),
        body: ctx.round.body,
        reg_number: a.reg_number.clone(),
        status: a.status,
        unit_label: atlas().unit_label(&RegionCode::from_trusted(a.unit_code.clone())),
        draft,
        check,
        stored_nik_warnings: stored_warnings.iter().map(NikWarning::message).collect(),
        nik_warnings_acknowledged: a.nik_warnings_ack,
        registered_at: a.created_at,
        registered_by: a.created_by_name,
        updated_at: a.updated_at,
        withdrawn_at: a.withdrawn_at,
        withdrawn_reason: a.withdrawn_reason,
        online: a.online,
        files_received_at: a.files_received_at,
        standing: None,
        participant_number: None,
    }
}

/// Every application of the facts judged on `today`, in their order.
pub(super) fn judge_round(
    ctx: &Context,
    mut facts: Applications,
    today: NaiveDate,
) -> Vec<ApplicantDetail> {
    let desk = ctx.desk();
    let other = |holders: &HashMap<String, Vec<Holder>>, a: &StoredApplicant| {
        holders
            .get(&a.nik)?
            .iter()
            .find(|h| h.id != a.id)
            .map(|h| ExistingApplication {
                id: h.id,
                reg_number: h.reg_number.clone(),
                full_name: h.full_name.clone(),
                round_name: h.round_name.clone(),
                awaiting_files: h.awaiting_files,
            })
    };
    let applicants = std::mem::take(&mut facts.applicants);
    let mut out = Vec::with_capacity(applicants.len());
    for a in applicants {
        let draft = draft_from(
            &a,
            facts.service.remove(&a.id).unwrap_or_default(),
            facts.documents.remove(&a.id).unwrap_or_default(),
        );
        let known = NikRecords {
            duplicate: other(&facts.holders, &a),
            parties: if ctx.party_list_imported {
                facts.parties.get(&a.nik).cloned().unwrap_or_default()
            } else {
                Vec::new()
            },
            recorded_service: facts
                .recorded_service
                .get(&a.nik)
                .cloned()
                .unwrap_or_default(),
        };
        let check = registration_check::judge(&desk, &draft, known, today).check;
        out.push(detail_from(ctx, a, draft, check));
    }
    out
}

/// Reads the stored warnings back (written by `json!(Vec<NikWarning>)`).
fn nik_warnings_from_json(text: &str) -> Vec<NikWarning> {
    #[derive(Deserialize)]
    #[serde(tag = "kind", rename_all = "snake_case")]
    enum Stored {
        SexMismatch {
            from_nik: Sex,
            entered: Sex,
        },
        BirthDateMismatch {
            from_nik: chrono::NaiveDate,
            entered: chrono::NaiveDate,
        },
        UnknownKecamatan {
            code: String,
        },
    }
    serde_json::from_str::<Vec<Stored>>(text)
        .unwrap_or_default()
        .into_iter()
        .map(|s| match s {
            Stored::SexMismatch { from_nik, entered } => {
                NikWarning::SexMismatch { from_nik, entered }
            }
            Stored::BirthDateMismatch { from_nik, entered } => {
                NikWarning::BirthDateMismatch { from_nik, entered }
            }
            Stored::UnknownKecamatan { code } => NikWarning::UnknownKecamatan { code },
        })
        .collect()
}
