//! Penelitian administrasi: recording document verdicts (one at a time or
//! from a CSV) and deriving each applicant's administrative verdict.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use crate::docs::csv_in::{CsvInput, RowProblem};
use crate::domain::permission::Operation;
use crate::domain::region::RegionCode;
use crate::domain::registration::PartyStatus;
use crate::domain::verification::{derive, Derived, DocCheck, DocVerdict, Requirement};
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::service::auth::Session;
use crate::service::registration::{self, ApplicantDetail};
use crate::store::verification::{self as store, NewCheck};
use crate::store::{rounds, Db};

/// Checks one verdict against the round's requirements.
fn checked(
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
                "Kode berkas \"{code}\" tidak diminta pada seleksi ini (yang diminta: {}).",
                requirements
                    .iter()
                    .map(|r| r.code.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
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
    let detail = registration::detail(db, session, applicant_id, now).await?;
    let mut tx = db.pool().begin().await?;
    let requirements = store::requirements(&mut tx, detail.round_id).await?;
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

/// The outcome of a document-verdict import.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DocumentImport {
    pub stored: u32,
    pub problems: Vec<RowProblem>,
}

/// Imports verdicts from CSV (`nomor_pendaftaran,kode_dokumen,status,alasan`)
/// into a round: every row is checked first; one bad row and nothing is
/// stored. A later verdict on the same document replaces the earlier one.
pub async fn import(
    db: &Db,
    session: &Session,
    round_id: i64,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<DocumentImport> {
    session.require(Operation::VerifyDocuments)?;
    const COLUMNS: [&str; 4] = ["nomor_pendaftaran", "kode_dokumen", "status", "alasan"];
    let input = CsvInput::parse(bytes, &COLUMNS, &COLUMNS[..3])?;
    let mut tx = db.pool().begin().await?;
    rounds::get(&mut tx, round_id).await?;
    let requirements = store::requirements(&mut tx, round_id).await?;
    let ids: HashMap<String, i64> = store::ids_by_number(&mut tx, round_id)
        .await?
        .into_iter()
        .collect();
    let mut rows = Vec::with_capacity(input.len());
    let mut problems = Vec::new();
    for row in input.rows() {
        let number = row.get(0).trim().to_ascii_uppercase();
        let id = ids.get(&number).copied();
        if id.is_none() {
            problems.push(row.problem(
                "nomor_pendaftaran",
                format!("Nomor pendaftaran \"{number}\" tidak ada (atau sudah mundur) pada seleksi ini."),
            ));
        }
        let verdict = match DocVerdict::parse(row.get(2)) {
            Ok(v) => Some(v),
            Err(e) => {
                problems.push(row.problem("status", e.to_string()));
                None
            }
        };
        if let (Some(id), Some(verdict)) = (id, verdict) {
            match checked(&requirements, row.get(1), verdict, row.get(3)) {
                Ok(mut c) => {
                    c.applicant_id = id;
                    rows.push(c);
                }
                Err((column, reason)) => problems.push(row.problem(&column, reason)),
            }
        }
    }
    if input.is_empty() {
        problems.push(RowProblem {
            line: 1,
            column: String::new(),
            reason: "Berkas tidak berisi hasil pemeriksaan berkas.".into(),
        });
    }
    if !problems.is_empty() {
        return Ok(DocumentImport {
            stored: 0,
            problems,
        });
    }
    store::upsert_checks(&mut tx, &rows, session.user_id, now).await?;
    let change =
        Change::new("document.import", "round", round_id).after(json!({ "verdicts": rows.len() }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(DocumentImport {
        stored: rows.len() as u32,
        problems: Vec::new(),
    })
}

/// Whether the applicant owes the conditional documents.
fn circumstances(d: &ApplicantDetail) -> (bool, bool) {
    let former = d.draft.party_status == PartyStatus::Mantan;
    let listed = d
        .check
        .documents
        .iter()
        .any(|x| x.code == "pernyataan_dicatut" && x.required);
    (former, listed)
}

/// The administrative verdict of one applicant as the file stands.
pub async fn admin_verdict(
    db: &Db,
    session: &Session,
    applicant_id: i64,
    now: DateTime<Utc>,
) -> Result<Derived> {
    let d = registration::detail(db, session, applicant_id, now).await?;
    let mut conn = db.pool().acquire().await?;
    let requirements = store::requirements(&mut conn, d.round_id).await?;
    let checks = store::checks_of(&mut conn, applicant_id).await?;
    let (former, listed) = circumstances(&d);
    Ok(derive(
        &requirements,
        former,
        listed,
        &checks,
        &d.check.rules,
    ))
}

/// One applicant's line in the administrative results.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AdminResultRow {
    pub reg_number: String,
    pub full_name: String,
    /// Dotted unit code.
    pub unit_code: String,
    /// `MS`, `TMS`, or empty while open.
    pub result: String,
    /// The TMS reasons, or what is still open, separated by "; ".
    pub reasons: String,
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
    let (requirements, mut checks, ids) = {
        let mut conn = db.pool().acquire().await?;
        rounds::get(&mut conn, round_id).await?;
        let requirements = store::requirements(&mut conn, round_id).await?;
        let mut checks: HashMap<i64, Vec<DocCheck>> = HashMap::new();
        for (id, c) in store::checks_of_round(&mut conn, round_id).await? {
            checks.entry(id).or_default().push(c);
        }
        let mut ids: Vec<i64> = store::ids_by_number(&mut conn, round_id)
            .await?
            .into_iter()
            .map(|(_, id)| id)
            .collect();
        ids.sort_unstable();
        (requirements, checks, ids)
    };
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let d = registration::detail(db, session, id, now).await?;
        let (former, listed) = circumstances(&d);
        let mine = checks.remove(&id).unwrap_or_default();
        let derived = derive(&requirements, former, listed, &mine, &d.check.rules);
        let (result, reasons) = match derived.verdict {
            Some(v) => (v.as_str().to_string(), derived.reasons.join("; ")),
            None => (String::new(), derived.pending.join("; ")),
        };
        out.push(AdminResultRow {
            reg_number: d.reg_number,
            full_name: d.draft.fields.nama,
            unit_code: RegionCode::parse(&d.draft.fields.kode_wilayah_tugas)
                .map(|c| c.dotted())
                .unwrap_or(d.draft.fields.kode_wilayah_tugas),
            result,
            reasons,
        });
    }
    Ok(out)
}
