//! The administrative results of a round: each application's verdict
//! derived from its document checks and eligibility
//! ([`crate::domain::verification::derive`]), or the Verifikator's
//! override, with the reasons to print.

use std::collections::HashMap;

use serde::{Serialize, Serializer};
use ts_rs::TS;

use super::ApplicantDetail;
use crate::domain::region::RegionCode;
use crate::domain::verification::{derive, AdminVerdict, Derived, DocCheck, Requirement};
use crate::store::verification::Decision;

/// One applicant's line in the administrative results.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AdminResultRow {
    #[serde(skip)]
    #[ts(skip)]
    pub id: i64,
    pub reg_number: String,
    /// `L` or `P` (for announcements; not in the frozen snapshot).
    #[serde(skip)]
    #[ts(skip)]
    pub sex: String,
    pub full_name: String,
    /// Dotted unit code.
    pub unit_code: String,
    /// `MS`, `TMS`, or empty while open.
    #[serde(serialize_with = "verdict_text")]
    #[ts(type = "string")]
    pub result: Option<AdminVerdict>,
    /// The TMS reasons, or what is still open, separated by "; ".
    pub reasons: String,
    /// The reasons as the Berita Acara prints them: a failed party rule in
    /// neutral words, no party named
    /// ([`crate::domain::eligibility::Rule::printed_failure`]).
    #[serde(skip)]
    #[ts(skip)]
    pub printed_reasons: String,
}

impl AdminResultRow {
    /// `MS`, `TMS`, or empty while open, as lists print it.
    pub fn result_text(&self) -> &'static str {
        self.result.map(AdminVerdict::as_str).unwrap_or_default()
    }
}

/// Written as before the verdict was typed (the frozen snapshots and the
/// screens read `"MS"`, `"TMS"` or `""`).
fn verdict_text<S: Serializer>(v: &Option<AdminVerdict>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(v.map(AdminVerdict::as_str).unwrap_or_default())
}

/// Whether the applicant owes the conditional documents: a former party
/// member, and someone the party list names.
pub(crate) fn circumstances(d: &ApplicantDetail) -> (bool, bool) {
    let former = d.draft.former_member();
    let listed = d
        .check
        .documents
        .iter()
        .any(|x| x.code == "pernyataan_dicatut" && x.required);
    (former, listed)
}

/// The verdict that counts: a Verifikator's override, else the derived one;
/// with the reasons as shown and as printed (the override's reason is
/// always named, in the Verifikator's own words).
fn final_verdict(derived: &Derived, decision: &Decision) -> (Option<AdminVerdict>, String, String) {
    match decision.override_verdict {
        Some(v) => {
            let why = format!(
                "Diputuskan verifikator: {}",
                decision.override_reason.as_deref().unwrap_or_default()
            );
            (Some(v), why.clone(), why)
        }
        None => match derived.verdict {
            Some(v) => (
                Some(v),
                derived.reasons.join("; "),
                derived.printed_reasons.join("; "),
            ),
            None => {
                let open = derived.pending.join("; ");
                (None, open.clone(), open)
            }
        },
    }
}

/// Every application's result, in the order of `details`.
pub(super) fn results(
    requirements: &[Requirement],
    mut checks: HashMap<i64, Vec<DocCheck>>,
    mut decisions: HashMap<i64, Decision>,
    details: Vec<ApplicantDetail>,
) -> Vec<AdminResultRow> {
    details
        .into_iter()
        .map(|d| {
            let (former, listed) = circumstances(&d);
            let mine = checks.remove(&d.id).unwrap_or_default();
            let derived = derive(requirements, former, listed, &mine, &d.check.rules);
            let decision = decisions.remove(&d.id).unwrap_or_default();
            let (result, reasons, printed_reasons) = final_verdict(&derived, &decision);
            AdminResultRow {
                id: d.id,
                reg_number: d.reg_number,
                sex: d.draft.fields.jenis_kelamin.clone(),
                full_name: d.draft.fields.nama,
                unit_code: RegionCode::parse(&d.draft.fields.kode_wilayah_tugas)
                    .map(|c| c.dotted())
                    .unwrap_or(d.draft.fields.kode_wilayah_tugas),
                result,
                reasons,
                printed_reasons,
            }
        })
        .collect()
}
