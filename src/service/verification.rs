//! Penelitian administrasi: recording document verdicts one at a time
//! (from a CSV: `document_import`) and deriving each applicant's
//! administrative verdict.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::domain::documents::Applies;
use crate::domain::permission::{Operation, Session};
use crate::domain::region::RegionCode;
use crate::domain::round::Stage;
use crate::domain::round_rules::contents_of;
use crate::domain::text::{self, shown, Lines};
use crate::domain::verification::{
    derive, AdminVerdict, Derived, DocVerdict, Requirement, COMMON_REASONS,
};
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::service::evaluation::admin_circumstances as circumstances;
pub use crate::service::evaluation::AdminResultRow;
use crate::service::evaluation::{self, ApplicantDetail};
use crate::service::registration;

use crate::store::verification::{self as store, NewCheck};
use crate::store::{applicants, rounds, Db};

/// The longest reason a verdict takes: a sentence or two on the document.
pub(crate) const MAX_REASON_CHARS: usize = 500;

/// Checks one verdict against the round's requirements (the code at fault
/// and why when it does not hold).
pub(crate) fn checked(
    requirements: &[Requirement],
    code: &str,
    verdict: DocVerdict,
    reason: &str,
) -> std::result::Result<NewCheck, (String, String)> {
    let code = code.trim();
    if !requirements.iter().any(|r| r.code == code) {
        return Err((
            "kode_dokumen".into(),
            format!(
                "Kode berkas \"{}\" tidak diminta pada seleksi ini (yang diminta: {}).",
                shown(code),
                requirements
                    .iter()
                    .map(|r| r.code.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    text::check("Alasan", reason, MAX_REASON_CHARS, Lines::Many)
        .map_err(|message| ("alasan".to_string(), message))?;
    let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
    if verdict == DocVerdict::TidakSesuai && reason.is_empty() {
        return Err((
            "alasan".into(),
            "Berkas yang tidak sesuai wajib diberi alasan (mis. tidak ditandatangani).".into(),
        ));
    }
    Ok(NewCheck {
        applicant_id: 0,
        code: code.to_string(),
        verdict,
        reason: Some(reason).filter(|r| !r.is_empty()),
    })
}

/// Records the verdict on one document of one applicant. Verifikator only.
pub async fn record(
    db: &Db,
    session: &Session,
    applicant_id: i64,
    code: &str,
    verdict: DocVerdict,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    session.require(Operation::VerifyDocuments)?;
    let mut tx = db.begin_write().await?;
    let round_id = applicants::round_of(&mut tx, applicant_id).await?;
    rounds::get(&mut tx, round_id)
        .await?
        .ensure_unfrozen(Stage::Administrasi)?;
    let requirements = store::requirements(&mut tx, round_id).await?;
    let mut check = checked(&requirements, code, verdict, reason)
        .map_err(|(field, message)| Error::validation(field, message))?;
    check.applicant_id = applicant_id;
    store::upsert_checks(&mut tx, std::slice::from_ref(&check), session.user_id, now).await?;
    let change = Change::new("document.check", "applicant", applicant_id).after(json!({
        "code": check.code,
        "verdict": check.verdict.as_str(),
        "reason": check.reason,
    }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(())
}

/// The administrative results of every active applicant of a round, in
/// registration order. Any logged-in role.
pub async fn results(
    db: &Db,
    session: &Session,
    round_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<AdminResultRow>> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    evaluation::admin_in(&mut conn, round_id, now).await
}

/// One required document of an applicant and its verdict.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DocumentRow {
    pub code: String,
    pub name: String,
    pub mandatory: bool,
    /// Asked of this applicant (conditional documents only when they apply).
    pub applies: bool,
    /// Handed over at the help desk.
    pub received: bool,
    pub verdict: Option<DocVerdict>,
    pub reason: Option<String>,
    /// What it must state, item by item (the round's surat pernyataan
    /// items; empty for other documents).
    pub contents: Vec<String>,
}

/// Everything the verification screen shows of one applicant.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct VerificationView {
    pub applicant: ApplicantDetail,
    pub documents: Vec<DocumentRow>,
    pub derived: Derived,
    pub override_verdict: Option<AdminVerdict>,
    pub override_reason: Option<String>,
    /// The override if any, else the derived verdict.
    pub final_verdict: Option<AdminVerdict>,
    pub needs_fix: bool,
    pub fix_note: Option<String>,
    /// Reasons offered for "tidak sesuai".
    pub common_reasons: Vec<String>,
}

/// One applicant's file as the Verifikator sees it. Any logged-in role.
pub async fn view(
    db: &Db,
    session: &Session,
    applicant_id: i64,
    now: DateTime<Utc>,
) -> Result<VerificationView> {
    let d = registration::detail(db, session, applicant_id, now).await?;
    let mut conn = db.pool().acquire().await?;
    let requirements = store::requirements(&mut conn, d.round_id).await?;
    let settings = crate::store::rounds::get(&mut conn, d.round_id)
        .await?
        .settings;
    let checks = store::checks_of(&mut conn, applicant_id).await?;
    let decision = store::decision_of(&mut conn, applicant_id)
        .await?
        .unwrap_or_default();
    let (former, listed) = circumstances(&d);
    let derived = derive(&requirements, former, listed, &checks, &d.check.rules);
    let documents = requirements
        .iter()
        .map(|r| {
            let c = checks.iter().find(|c| c.code == r.code);
            DocumentRow {
                code: r.code.clone(),
                name: r.name.clone(),
                mandatory: r.mandatory,
                applies: r.applies_to(former, listed),
                received: d.draft.documents.contains(&r.code),
                verdict: c.map(|c| c.verdict),
                reason: c.and_then(|c| c.reason.clone()),
                contents: contents_of(&r.code, &settings),
            }
        })
        .collect();
    let override_verdict = decision.override_verdict;
    Ok(VerificationView {
        final_verdict: override_verdict.or(derived.verdict),
        applicant: d,
        documents,
        derived,
        override_verdict,
        override_reason: decision.override_reason,
        needs_fix: decision.needs_fix,
        fix_note: decision.fix_note,
        common_reasons: COMMON_REASONS.iter().map(|r| r.to_string()).collect(),
    })
}

fn written(text: &str, field: &str, what: &str) -> Result<String> {
    super::written_text(
        text,
        field,
        5,
        &format!("Tuliskan {what} (paling sedikit 5 karakter)."),
    )
}

/// Overrides the derived verdict with a written reason, or (`None`) returns
/// to the derived one. Verifikator only; audited.
pub async fn set_override(
    db: &Db,
    session: &Session,
    applicant_id: i64,
    verdict: Option<AdminVerdict>,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    session.require(Operation::VerifyDocuments)?;
    let reason = match verdict {
        Some(_) => Some(written(reason, "alasan", "alasan keputusan")?),
        None => None,
    };
    change_decision(
        db,
        session,
        applicant_id,
        now,
        "admin_verdict.override",
        |d| {
            d.override_verdict = verdict;
            d.override_reason = reason;
        },
        |d| json!({ "override": d.override_verdict, "reason": d.override_reason }),
    )
    .await
}

/// Marks a file "perlu perbaikan" (with what is to be completed) or clears
/// the mark. Verifikator only; audited.
pub async fn set_needs_fix(
    db: &Db,
    session: &Session,
    applicant_id: i64,
    needs_fix: bool,
    note: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    session.require(Operation::VerifyDocuments)?;
    let note = if needs_fix {
        Some(written(note, "catatan", "apa yang perlu dilengkapi")?)
    } else {
        None
    };
    change_decision(
        db,
        session,
        applicant_id,
        now,
        "admin_verdict.needs_fix",
        |d| {
            d.needs_fix = needs_fix;
            d.fix_note = note;
        },
        |d| json!({ "needs_fix": d.needs_fix, "note": d.fix_note }),
    )
    .await
}

/// Changes a Verifikator's decisions on one applicant while the
/// administrative stage is open; the fields `audited` picks are recorded in
/// the audit trail before and after.
async fn change_decision(
    db: &Db,
    session: &Session,
    applicant_id: i64,
    now: DateTime<Utc>,
    action: &'static str,
    edit: impl FnOnce(&mut store::Decision),
    audited: fn(&store::Decision) -> serde_json::Value,
) -> Result<()> {
    let mut tx = db.begin_write().await?;
    let round_id = applicants::round_of(&mut tx, applicant_id).await?;
    rounds::get(&mut tx, round_id)
        .await?
        .ensure_unfrozen(Stage::Administrasi)?;
    let before = store::decision_of(&mut tx, applicant_id)
        .await?
        .unwrap_or_default();
    let mut after = store::Decision {
        applicant_id,
        ..before.clone()
    };
    edit(&mut after);
    store::save_decision(&mut tx, &after, session.user_id, now).await?;
    let change = Change::new(action, "applicant", applicant_id)
        .before(audited(&before))
        .after(audited(&after));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(())
}

/// Progress of the penelitian administrasi in one unit.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct UnitProgress {
    /// Dotted unit code.
    pub unit_code: String,
    pub unit_label: String,
    pub applicants: u32,
    pub ms: u32,
    pub tms: u32,
    /// Not decided yet (documents unchecked or a rule to decide).
    pub open: u32,
}

/// Per-unit counts of MS, TMS and open files, in unit order.
pub async fn progress(
    db: &Db,
    session: &Session,
    round_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<UnitProgress>> {
    let rows = results(db, session, round_id, now).await?;
    let mut by_unit: std::collections::BTreeMap<String, UnitProgress> = Default::default();
    for r in rows {
        let p = by_unit
            .entry(r.unit_code.clone())
            .or_insert_with(|| UnitProgress {
                unit_label: RegionCode::parse(&r.unit_code)
                    .map(|c| crate::domain::region::atlas().unit_label(&c))
                    .unwrap_or_else(|_| r.unit_code.clone()),
                unit_code: r.unit_code.clone(),
                applicants: 0,
                ms: 0,
                tms: 0,
                open: 0,
            });
        p.applicants += 1;
        match r.result {
            Some(AdminVerdict::MS) => p.ms += 1,
            Some(AdminVerdict::TMS) => p.tms += 1,
            None => p.open += 1,
        }
    }
    Ok(by_unit.into_values().collect())
}

/// The work queue: the next active applicant of the round (after `after`,
/// in registration order, wrapping round) whose file still has an
/// unchecked document. `None` when every file is checked.
pub async fn next_unchecked(
    db: &Db,
    session: &Session,
    round_id: i64,
    after: Option<i64>,
) -> Result<Option<i64>> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    store::next_unchecked(&mut conn, round_id, after.unwrap_or(0)).await
}

/// A document requirement as administrators see it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RequirementView {
    pub code: String,
    pub name: String,
    pub mandatory: bool,
    pub applies: Applies,
    pub retired: bool,
}

/// The requirements of a round, retired ones included, and whether they can
/// still be changed (not once a document has a verdict).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RequirementList {
    pub requirements: Vec<RequirementView>,
    pub editable: bool,
}

/// Lists a round's document requirements. Any logged-in role.
pub async fn requirement_list(
    db: &Db,
    session: &Session,
    round_id: i64,
) -> Result<RequirementList> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    rounds::get(&mut conn, round_id).await?;
    let editable = !store::verification_started(&mut conn, round_id).await?;
    let requirements = store::all_requirements(&mut conn, round_id)
        .await?
        .into_iter()
        .map(|r| RequirementView {
            applies: Applies::from_db(&r.applies),
            code: r.code,
            name: r.name,
            mandatory: r.mandatory,
            retired: r.retired,
        })
        .collect();
    Ok(RequirementList {
        requirements,
        editable,
    })
}

/// A requirement to add, or the new state of one (found by its code).
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct RequirementInput {
    pub code: String,
    pub name: String,
    pub mandatory: bool,
    pub retired: bool,
}

/// Adds a requirement (asked of every applicant) or changes one: its name,
/// whether it is mandatory, whether it is retired. Administrators only, and
/// only before the first document of the round has a verdict. Audited.
pub async fn save_requirement(
    db: &Db,
    session: &Session,
    round_id: i64,
    input: &RequirementInput,
    now: DateTime<Utc>,
) -> Result<RequirementList> {
    session.require(Operation::ManageRounds)?;
    let code = input.code.trim().to_lowercase();
    text::check("Nama berkas", &input.name, 150, Lines::One)
        .map_err(|m| Error::validation("nama", m))?;
    let name = input.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(Error::validation(
            "nama",
            "Nama berkas wajib diisi (paling panjang 150 karakter).",
        ));
    }
    let mut tx = db.begin_write().await?;
    rounds::get(&mut tx, round_id).await?;
    if store::verification_started(&mut tx, round_id).await? {
        return Err(Error::validation(
            "kode",
            "Penelitian berkas seleksi ini sudah dimulai; daftar berkas tidak dapat diubah lagi.",
        ));
    }
    let existing = store::all_requirements(&mut tx, round_id)
        .await?
        .into_iter()
        .find(|r| r.code == code);
    let (action, before) = match &existing {
        Some(old) => {
            let record = store::RequirementRecord {
                code: code.clone(),
                name: name.clone(),
                mandatory: input.mandatory,
                applies: old.applies.clone(),
                retired: input.retired,
            };
            store::update_requirement(&mut tx, round_id, &record).await?;
            (
                "requirement.update",
                Some(
                    json!({ "name": old.name, "mandatory": old.mandatory, "retired": old.retired }),
                ),
            )
        }
        None => {
            let valid = (2..=40).contains(&code.len())
                && code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if !valid {
                return Err(Error::validation(
                    "kode",
                    "Kode berkas 2–40 karakter: huruf kecil, angka, atau garis bawah (mis. skck).",
                ));
            }
            let record = store::RequirementRecord {
                code: code.clone(),
                name: name.clone(),
                mandatory: input.mandatory,
                applies: Applies::Always.as_str().to_string(),
                retired: false,
            };
            store::add_requirement(&mut tx, round_id, &record).await?;
            ("requirement.add", None)
        }
    };
    let mut change = Change::new(action, "round", round_id).after(json!({
        "code": code,
        "name": name,
        "mandatory": input.mandatory,
        "retired": input.retired && existing.is_some(),
    }));
    if let Some(b) = before {
        change = change.before(b);
    }
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    requirement_list(db, session, round_id).await
}
