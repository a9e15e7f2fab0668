//! Continuity between elections ([`crate::domain::continuity`]): a round's
//! members as stored, their monthly reports and end-of-term evaluations,
//! and the service a NIK has recorded in this database.

use std::collections::{HashMap, HashSet};

use sqlx::SqliteConnection;

use crate::domain::continuity::{source_label, RecordedService};
use crate::domain::region::{atlas, RegionCode};
use crate::domain::round::Body;
use crate::error::Result;

/// A member of a round as stored: an applicant the selection chose (or a
/// PAW replacement) or a seat holder, with what a takeover copies.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MemberRow {
    pub applicant_id: Option<i64>,
    pub holder_id: Option<i64>,
    /// `seleksi`, `paw`, `penunjukan` or `dilanjutkan`.
    pub source: String,
    pub nik: String,
    pub full_name: String,
    pub sex: String,
    /// Digits.
    pub unit_code: String,
    pub birth_date: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub education: Option<String>,
    /// Place in the final ranking (chosen applicants).
    pub position: Option<i64>,
}

/// The members of a round now: applicants frozen Terpilih when the final
/// results closed, and reserves confirmed as PAW replacements, and seat
/// holders not cancelled; less everyone recorded as having left by PAW.
/// By unit, then chosen before replacements before holders.
pub async fn members(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<MemberRow>> {
    Ok(sqlx::query_as(
        "SELECT a.id AS applicant_id, NULL AS holder_id,
                CASE WHEN a.final_result = 'terpilih' THEN 'seleksi' ELSE 'paw' END AS source,
                a.nik, a.full_name, a.sex, a.unit_code, a.birth_date, a.address, a.phone,
                a.education, a.final_position AS position, 0 AS kind
         FROM applicants a
         WHERE a.round_id = ?1 AND a.status <> 'mundur'
           AND (a.final_result = 'terpilih'
                OR a.id IN (SELECT replacement_id FROM paw_events
                            WHERE round_id = ?1 AND replacement_id IS NOT NULL))
           AND a.id NOT IN (SELECT member_id FROM paw_events
                            WHERE round_id = ?1 AND member_id IS NOT NULL)
         UNION ALL
         SELECT NULL, h.id, h.source, h.nik, h.full_name, h.sex, h.unit_code, h.birth_date,
                h.address, h.phone, h.education, NULL, 1
         FROM seat_holders h
         WHERE h.round_id = ?1 AND h.cancelled_at IS NULL
           AND h.id NOT IN (SELECT member_holder_id FROM paw_events
                            WHERE round_id = ?1 AND member_holder_id IS NOT NULL)
         ORDER BY 7, 13, 12, 1, 2",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Whether a NIK holds an active application in a round.
pub async fn applies_in(conn: &mut SqliteConnection, round_id: i64, nik: &str) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM applicants WHERE round_id = ? AND nik = ? AND status <> 'mundur'",
    )
    .bind(round_id)
    .bind(nik)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

/// The NIKs with an active application in `round_id` that also appear in
/// `from_round_id` (as applicant or seat holder): one query for a takeover
/// screen.
pub async fn applying_from(
    conn: &mut SqliteConnection,
    round_id: i64,
    from_round_id: i64,
) -> Result<HashSet<String>> {
    let niks: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT nik FROM applicants WHERE round_id = ?1 AND status <> 'mundur'
           AND (nik IN (SELECT nik FROM applicants WHERE round_id = ?2)
                OR nik IN (SELECT nik FROM seat_holders WHERE round_id = ?2))",
    )
    .bind(round_id)
    .bind(from_round_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(niks.into_iter().collect())
}

/// A monthly report or end-of-term evaluation belongs to one member.
fn member_column(applicant_id: Option<i64>) -> &'static str {
    if applicant_id.is_some() {
        "applicant_id"
    } else {
        "holder_id"
    }
}

/// A monthly report as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ReportRow {
    pub id: i64,
    pub applicant_id: Option<i64>,
    pub holder_id: Option<i64>,
    pub month: String,
    pub summary: String,
    pub assessment: Option<String>,
    pub recorded_at: String,
    pub recorded_by_name: Option<String>,
}

const REPORT_SELECT: &str = "SELECT m.id, m.applicant_id, m.holder_id, m.month, m.summary,
        m.assessment, m.recorded_at, u.username AS recorded_by_name
    FROM member_reports m LEFT JOIN users u ON u.id = m.recorded_by";

/// The reports of one member, by month.
pub async fn reports_of(
    conn: &mut SqliteConnection,
    applicant_id: Option<i64>,
    holder_id: Option<i64>,
) -> Result<Vec<ReportRow>> {
    let col = member_column(applicant_id);
    let sql = format!("{REPORT_SELECT} WHERE m.{col} = ? ORDER BY m.month");
    Ok(sqlx::query_as(&sql)
        .bind(applicant_id.or(holder_id))
        .fetch_all(&mut *conn)
        .await?)
}

/// Records a member's report of a month, replacing the one already there;
/// returns the report it replaced.
#[allow(clippy::too_many_arguments)]
pub async fn put_report(
    conn: &mut SqliteConnection,
    round_id: i64,
    applicant_id: Option<i64>,
    holder_id: Option<i64>,
    month: &str,
    summary: &str,
    assessment: Option<&str>,
    at: &str,
    user_id: Option<i64>,
) -> Result<Option<ReportRow>> {
    let col = member_column(applicant_id);
    let sql = format!("{REPORT_SELECT} WHERE m.{col} = ? AND m.month = ?");
    let before: Option<ReportRow> = sqlx::query_as(&sql)
        .bind(applicant_id.or(holder_id))
        .bind(month)
        .fetch_optional(&mut *conn)
        .await?;
    if let Some(b) = &before {
        sqlx::query("DELETE FROM member_reports WHERE id = ?")
            .bind(b.id)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query(
        "INSERT INTO member_reports (round_id, applicant_id, holder_id, month, summary,
             assessment, recorded_at, recorded_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(round_id)
    .bind(applicant_id)
    .bind(holder_id)
    .bind(month)
    .bind(summary)
    .bind(assessment)
    .bind(at)
    .bind(user_id)
    .execute(&mut *conn)
    .await?;
    Ok(before)
}

/// An end-of-term evaluation as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct EvaluationRow {
    pub applicant_id: Option<i64>,
    pub holder_id: Option<i64>,
    pub score: Option<i64>,
    pub grade: Option<String>,
    pub notes: String,
    pub decided_at: String,
    pub decided_by_name: Option<String>,
}

const EVALUATION_SELECT: &str = "SELECT e.applicant_id, e.holder_id, e.score, e.grade, e.notes,
        e.decided_at, u.username AS decided_by_name
    FROM member_evaluations e LEFT JOIN users u ON u.id = e.decided_by";

/// Every end-of-term evaluation of a round.
pub async fn evaluations_of_round(
    conn: &mut SqliteConnection,
    round_id: i64,
) -> Result<Vec<EvaluationRow>> {
    let sql = format!("{EVALUATION_SELECT} WHERE e.round_id = ?");
    Ok(sqlx::query_as(&sql)
        .bind(round_id)
        .fetch_all(&mut *conn)
        .await?)
}

/// Monthly reports per member of a round: (applicant id, holder id, count).
pub async fn report_counts(
    conn: &mut SqliteConnection,
    round_id: i64,
) -> Result<Vec<(Option<i64>, Option<i64>, i64)>> {
    Ok(sqlx::query_as(
        "SELECT applicant_id, holder_id, COUNT(*) FROM member_reports
         WHERE round_id = ? GROUP BY applicant_id, holder_id",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Records a member's end-of-term evaluation, replacing the one already
/// there; returns the one it replaced.
#[allow(clippy::too_many_arguments)]
pub async fn put_evaluation(
    conn: &mut SqliteConnection,
    round_id: i64,
    applicant_id: Option<i64>,
    holder_id: Option<i64>,
    score: Option<u32>,
    grade: Option<&str>,
    notes: &str,
    at: &str,
    user_id: Option<i64>,
) -> Result<Option<EvaluationRow>> {
    let col = member_column(applicant_id);
    let sql = format!("{EVALUATION_SELECT} WHERE e.{col} = ?");
    let before: Option<EvaluationRow> = sqlx::query_as(&sql)
        .bind(applicant_id.or(holder_id))
        .fetch_optional(&mut *conn)
        .await?;
    sqlx::query(&format!("DELETE FROM member_evaluations WHERE {col} = ?"))
        .bind(applicant_id.or(holder_id))
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO member_evaluations (round_id, applicant_id, holder_id, score, grade, notes,
             decided_at, decided_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(round_id)
    .bind(applicant_id)
    .bind(holder_id)
    .bind(score)
    .bind(grade)
    .bind(notes)
    .bind(at)
    .bind(user_id)
    .execute(&mut *conn)
    .await?;
    Ok(before)
}

/// One round in which a NIK held a seat, as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ServiceRow {
    pub nik: String,
    pub round_id: i64,
    pub round_name: String,
    pub election: String,
    pub body: String,
    pub unit_code: String,
    /// `seleksi`, `paw`, `penunjukan` or `dilanjutkan`.
    pub how: String,
}

impl ServiceRow {
    /// The row as the periods-served rule and the form read it (`None`
    /// for a body this program does not know).
    pub fn recorded(self) -> Option<RecordedService> {
        Some(RecordedService {
            round_id: self.round_id,
            body: Body::parse(&self.body).ok()?,
            unit_label: atlas().unit_label(&RegionCode::from_trusted(self.unit_code)),
            how: source_label(&self.how).to_string(),
            round_name: self.round_name,
            election: self.election,
        })
    }
}

const SERVICE_SQL: &str = "
    SELECT a.nik, r.id AS round_id, r.name AS round_name, r.election, r.body, a.unit_code,
           CASE WHEN a.final_result = 'terpilih' THEN 'seleksi' ELSE 'paw' END AS how
    FROM applicants a JOIN rounds r ON r.id = a.round_id
    WHERE a.nik IN (NIKS) AND a.round_id < ?1 AND r.body = (SELECT body FROM rounds WHERE id = ?1) AND a.status <> 'mundur'
      AND (a.final_result = 'terpilih'
           OR a.id IN (SELECT replacement_id FROM paw_events WHERE replacement_id IS NOT NULL))
    UNION ALL
    SELECT h.nik, r.id, r.name, r.election, r.body, h.unit_code, h.source
    FROM seat_holders h JOIN rounds r ON r.id = h.round_id
    WHERE h.nik IN (NIKS) AND h.round_id < ?1 AND r.body = (SELECT body FROM rounds WHERE id = ?1) AND h.cancelled_at IS NULL
    ORDER BY 2";

/// The service recorded in earlier rounds of the same body for every NIK
/// applying in `round_id`: one query for the whole round.
pub async fn service_of_round(
    conn: &mut SqliteConnection,
    round_id: i64,
) -> Result<HashMap<String, Vec<RecordedService>>> {
    let sql = SERVICE_SQL.replace(
        "NIKS",
        "SELECT nik FROM applicants WHERE round_id = ?1 AND status <> 'mundur'",
    );
    let rows: Vec<ServiceRow> = sqlx::query_as(&sql)
        .bind(round_id)
        .fetch_all(&mut *conn)
        .await?;
    let mut out: HashMap<String, Vec<RecordedService>> = HashMap::new();
    for r in rows {
        let nik = r.nik.clone();
        if let Some(s) = r.recorded() {
            out.entry(nik).or_default().push(s);
        }
    }
    Ok(out)
}

/// The service recorded for one NIK in earlier rounds of the same body as
/// `round_id`.
pub async fn service_of_nik(
    conn: &mut SqliteConnection,
    round_id: i64,
    nik: &str,
) -> Result<Vec<RecordedService>> {
    let sql = SERVICE_SQL.replace("NIKS", "?2");
    let rows: Vec<ServiceRow> = sqlx::query_as(&sql)
        .bind(round_id)
        .bind(nik)
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().filter_map(ServiceRow::recorded).collect())
}

/// An application of a NIK in any round, with its frozen results.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ApplicationRow {
    pub id: i64,
    pub round_id: i64,
    pub round_name: String,
    pub election: String,
    pub body: String,
    pub current_stage: String,
    pub unit_code: String,
    pub full_name: String,
    pub reg_number: String,
    pub status: String,
    pub admin_result: Option<String>,
    pub written_result: Option<String>,
    pub final_result: Option<String>,
    pub final_position: Option<i64>,
}

/// Every application of a NIK, oldest first.
pub async fn applications_of_nik(
    conn: &mut SqliteConnection,
    nik: &str,
) -> Result<Vec<ApplicationRow>> {
    Ok(sqlx::query_as(
        "SELECT a.id, a.round_id, r.name AS round_name, r.election, r.body, r.current_stage,
                a.unit_code, a.full_name, a.reg_number, a.status, a.admin_result,
                a.written_result, a.final_result, a.final_position
         FROM applicants a JOIN rounds r ON r.id = a.round_id
         WHERE a.nik = ? ORDER BY a.id",
    )
    .bind(nik)
    .fetch_all(&mut *conn)
    .await?)
}

/// A PAW event touching one of a NIK's memberships.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PawTouch {
    pub member_id: Option<i64>,
    pub member_holder_id: Option<i64>,
    pub replacement_id: Option<i64>,
    pub cause: String,
    pub left_on: String,
}

/// The PAW events in which the NIK left (as applicant or holder) or
/// replaced someone.
pub async fn paw_of_nik(conn: &mut SqliteConnection, nik: &str) -> Result<Vec<PawTouch>> {
    Ok(sqlx::query_as(
        "SELECT p.member_id, p.member_holder_id, p.replacement_id, p.cause, p.left_on
         FROM paw_events p
         WHERE p.member_id IN (SELECT id FROM applicants WHERE nik = ?1)
            OR p.replacement_id IN (SELECT id FROM applicants WHERE nik = ?1)
            OR p.member_holder_id IN (SELECT id FROM seat_holders WHERE nik = ?1)
         ORDER BY p.id",
    )
    .bind(nik)
    .fetch_all(&mut *conn)
    .await?)
}

/// The monthly-report counts and end-of-term evaluations of a NIK's
/// memberships: reports by (applicant id, holder id), evaluations likewise.
pub async fn evaluation_of_nik(
    conn: &mut SqliteConnection,
    nik: &str,
) -> Result<(HashMap<(Option<i64>, Option<i64>), i64>, Vec<EvaluationRow>)> {
    let counts: Vec<(Option<i64>, Option<i64>, i64)> = sqlx::query_as(
        "SELECT applicant_id, holder_id, COUNT(*) FROM member_reports
         WHERE applicant_id IN (SELECT id FROM applicants WHERE nik = ?1)
            OR holder_id IN (SELECT id FROM seat_holders WHERE nik = ?1)
         GROUP BY applicant_id, holder_id",
    )
    .bind(nik)
    .fetch_all(&mut *conn)
    .await?;
    let sql = format!(
        "{EVALUATION_SELECT} WHERE e.applicant_id IN (SELECT id FROM applicants WHERE nik = ?1)
            OR e.holder_id IN (SELECT id FROM seat_holders WHERE nik = ?1)"
    );
    let evaluations = sqlx::query_as(&sql).bind(nik).fetch_all(&mut *conn).await?;
    Ok((
        counts.into_iter().map(|(a, h, n)| ((a, h), n)).collect(),
        evaluations,
    ))
}
