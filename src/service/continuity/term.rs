//! During the term: the monthly reports of each member (laporan bulanan,
//! recorded by the help desk) and the end-of-term evaluation (evaluasi
//! akhir masa kerja, decided by the commission). A later round keeping the
//! member starts from this evaluation ([`super::takeover`]).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use super::{member_of, EvaluationView, Member};
use crate::domain::continuity::{self, Evaluation, MemberRef};
use crate::domain::permission::{Operation, Session};
use crate::error::Result;
use crate::service::audit::{self, Change};
use crate::store::continuity as store;
use crate::store::Db;

/// A monthly report as staff type it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportInput {
    pub member: MemberRef,
    /// `YYYY-MM`.
    pub month: String,
    /// What the member did and how it went.
    pub summary: String,
    /// Optional short assessment, e.g. "Baik".
    pub assessment: Option<String>,
}

/// A recorded monthly report.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Report {
    pub month: String,
    pub summary: String,
    pub assessment: Option<String>,
    pub recorded_at: String,
    pub recorded_by: Option<String>,
}

/// A member's term: the member, the monthly reports by month and the
/// end-of-term evaluation.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct MemberTerm {
    pub member: Member,
    pub reports: Vec<Report>,
    pub evaluation: Option<EvaluationView>,
}

async fn term_in(
    conn: &mut sqlx::SqliteConnection,
    round_id: i64,
    who: MemberRef,
) -> Result<MemberTerm> {
    let (member, _) = member_of(conn, round_id, who).await?;
    let reports = store::reports_of(conn, who.applicant_id, who.holder_id)
        .await?
        .into_iter()
        .map(|r| Report {
            month: r.month,
            summary: r.summary,
            assessment: r.assessment,
            recorded_at: crate::service::local_time(&r.recorded_at),
            recorded_by: r.recorded_by_name,
        })
        .collect();
    Ok(MemberTerm {
        evaluation: member.evaluation.clone(),
        member,
        reports,
    })
}

/// A member's reports and evaluation. Any logged-in role.
pub async fn member_term(
    db: &Db,
    session: &Session,
    round_id: i64,
    who: MemberRef,
) -> Result<MemberTerm> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    term_in(&mut conn, round_id, who).await
}

/// Records a member's monthly report (replacing the month's report if one
/// was recorded). The help desk (Operator); only during the term.
pub async fn record_report(
    db: &Db,
    session: &Session,
    round_id: i64,
    input: &ReportInput,
    now: DateTime<Utc>,
) -> Result<MemberTerm> {
    session.require(Operation::RecordDocuments)?;
    let month = continuity::parse_month(&input.month)?;
    let summary = crate::service::written_text(
        &input.summary,
        "ringkasan",
        10,
        "Tuliskan ringkasan laporan bulanan (kegiatan dan penilaiannya), paling sedikit 10 karakter.",
    )?;
    let assessment = input
        .assessment
        .as_deref()
        .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|a| !a.is_empty());
    if assessment
        .as_deref()
        .is_some_and(|a| a.chars().count() > 30)
    {
        return Err(crate::error::Error::validation(
            "penilaian",
            "Penilaian singkat paling panjang 30 karakter, mis. \"Baik\".",
        ));
    }
    let mut tx = db.begin_write().await?;
    let round = crate::store::rounds::get(&mut tx, round_id).await?;
    continuity::ensure_report_window(&round)?;
    let who = input.member;
    member_of(&mut tx, round_id, who).await?;
    let before = store::put_report(
        &mut tx,
        round_id,
        who.applicant_id,
        who.holder_id,
        &month,
        &summary,
        assessment.as_deref(),
        &now.to_rfc3339(),
        session.user_id,
    )
    .await?;
    let mut change = Change::new("member.report", "member", who.key()).after(json!({
        "round": round_id,
        "month": month,
        "summary": summary,
        "assessment": assessment,
    }));
    if let Some(b) = before {
        change = change.before(json!({ "summary": b.summary, "assessment": b.assessment }));
    }
    audit::record(&mut tx, session, now, change).await?;
    let term = term_in(&mut tx, round_id, who).await?;
    tx.commit().await?;
    Ok(term)
}

/// Records a member's end-of-term evaluation (replacing an earlier one).
/// Pimpinan (the commission's decision); during the term or after it.
pub async fn evaluate_end(
    db: &Db,
    session: &Session,
    round_id: i64,
    who: MemberRef,
    evaluation: &Evaluation,
    now: DateTime<Utc>,
) -> Result<MemberTerm> {
    session.require(Operation::PlenaryDecisions)?;
    let e = evaluation.validated()?;
    let mut tx = db.begin_write().await?;
    let round = crate::store::rounds::get(&mut tx, round_id).await?;
    continuity::ensure_evaluation_window(&round)?;
    member_of(&mut tx, round_id, who).await?;
    let before = store::put_evaluation(
        &mut tx,
        round_id,
        who.applicant_id,
        who.holder_id,
        e.score,
        e.grade.as_deref(),
        &e.notes,
        &now.to_rfc3339(),
        session.user_id,
    )
    .await?;
    let mut change = Change::new("member.evaluation", "member", who.key()).after(json!({
        "round": round_id,
        "score": e.score,
        "grade": e.grade,
        "notes": e.notes,
    }));
    if let Some(b) = before {
        change = change.before(json!({ "score": b.score, "grade": b.grade, "notes": b.notes }));
    }
    audit::record(&mut tx, session, now, change).await?;
    let term = term_in(&mut tx, round_id, who).await?;
    tx.commit().await?;
    Ok(term)
}
