//! Public responses (tanggapan masyarakat) and interim replacements (PAW).

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqliteConnection;

use crate::error::Result;

/// A response to record.
pub struct NewResponse<'a> {
    pub round_id: i64,
    pub applicant_id: i64,
    pub received_on: NaiveDate,
    pub sender: &'a str,
    pub contact: Option<&'a str>,
    pub content: &'a str,
    /// (sha256, file name, media type)
    pub attachment: Option<(String, String, String)>,
}

pub async fn insert_response(
    conn: &mut SqliteConnection,
    r: &NewResponse<'_>,
    user_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64> {
    let (sha, name, kind) = r
        .attachment
        .clone()
        .map_or((None, None, None), |(a, b, c)| (Some(a), Some(b), Some(c)));
    let id = sqlx::query(
        "INSERT INTO public_responses (round_id, applicant_id, received_on, sender, contact, content,
           attachment_sha256, attachment_name, attachment_type, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(r.round_id)
    .bind(r.applicant_id)
    .bind(r.received_on)
    .bind(r.sender)
    .bind(r.contact)
    .bind(r.content)
    .bind(sha)
    .bind(name)
    .bind(kind)
    .bind(now.to_rfc3339())
    .bind(user_id)
    .execute(&mut *conn)
    .await?
    .last_insert_rowid();
    Ok(id)
}

/// A stored response.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ResponseRow {
    pub id: i64,
    pub round_id: i64,
    pub applicant_id: i64,
    pub reg_number: String,
    pub full_name: String,
    pub unit_code: String,
    pub received_on: NaiveDate,
    pub sender: String,
    pub contact: Option<String>,
    pub content: String,
    pub attachment_sha256: Option<String>,
    pub attachment_name: Option<String>,
    pub clarification: Option<String>,
    pub outcome: String,
    pub outcome_reason: Option<String>,
    pub decided_at: Option<String>,
    pub created_at: String,
}

const RESPONSE_SQL: &str =
    "SELECT r.id, r.round_id, r.applicant_id, a.reg_number, a.full_name, a.unit_code,
    r.received_on, r.sender, r.contact, r.content, r.attachment_sha256, r.attachment_name,
    r.clarification, r.outcome, r.outcome_reason, r.decided_at, r.created_at
    FROM public_responses r JOIN applicants a ON a.id = r.applicant_id";

pub async fn responses(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<ResponseRow>> {
    Ok(sqlx::query_as(&format!(
        "{RESPONSE_SQL} WHERE r.round_id = ? ORDER BY r.id"
    ))
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn response(conn: &mut SqliteConnection, id: i64) -> Result<Option<ResponseRow>> {
    Ok(sqlx::query_as(&format!("{RESPONSE_SQL} WHERE r.id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?)
}

pub async fn set_clarification(conn: &mut SqliteConnection, id: i64, text: &str) -> Result<()> {
    sqlx::query("UPDATE public_responses SET clarification = ? WHERE id = ?")
        .bind(text)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn set_outcome(
    conn: &mut SqliteConnection,
    id: i64,
    outcome: &str,
    reason: &str,
    user_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "UPDATE public_responses SET outcome = ?, outcome_reason = ?, decided_at = ?, decided_by = ?
         WHERE id = ?",
    )
    .bind(outcome)
    .bind(reason)
    .bind(now.to_rfc3339())
    .bind(user_id)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Applicants of a round dropped after a founded response.
pub async fn dropped(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT DISTINCT applicant_id FROM public_responses WHERE round_id = ? AND outcome = 'terbukti'",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// A recorded departure and its replacement.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PawRow {
    pub id: i64,
    pub unit_code: String,
    /// The member who left, when chosen by the selection (an applicant)...
    pub member_id: Option<i64>,
    /// ... or when holding the seat otherwise (a seat holder).
    pub member_holder_id: Option<i64>,
    pub cause: String,
    pub left_on: NaiveDate,
    pub reason: String,
    pub recorded_at: String,
    pub replacement_id: Option<i64>,
    pub decision_note: Option<String>,
    pub confirmed_at: Option<String>,
}

pub async fn paw_events(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<PawRow>> {
    Ok(sqlx::query_as(
        "SELECT id, unit_code, member_id, member_holder_id, cause, left_on, reason, recorded_at, replacement_id,
                decision_note, confirmed_at
         FROM paw_events WHERE round_id = ? ORDER BY id",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// A departure to record.
pub struct NewLeave<'a> {
    pub round_id: i64,
    pub unit_code: &'a str,
    /// Exactly one of the two: an applicant or a seat holder.
    pub member_id: Option<i64>,
    pub member_holder_id: Option<i64>,
    pub cause: &'a str,
    pub left_on: NaiveDate,
    pub reason: &'a str,
}

pub async fn insert_leave(
    conn: &mut SqliteConnection,
    l: &NewLeave<'_>,
    user_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64> {
    Ok(sqlx::query(
        "INSERT INTO paw_events (round_id, unit_code, member_id, member_holder_id, cause, left_on, reason,
                                 recorded_at, recorded_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(l.round_id)
    .bind(l.unit_code)
    .bind(l.member_id)
    .bind(l.member_holder_id)
    .bind(l.cause)
    .bind(l.left_on)
    .bind(l.reason)
    .bind(now.to_rfc3339())
    .bind(user_id)
    .execute(&mut *conn)
    .await?
    .last_insert_rowid())
}

pub async fn confirm_replacement(
    conn: &mut SqliteConnection,
    paw_id: i64,
    replacement_id: i64,
    note: &str,
    user_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "UPDATE paw_events SET replacement_id = ?, decision_note = ?, confirmed_at = ?, confirmed_by = ?
         WHERE id = ? AND replacement_id IS NULL",
    )
    .bind(replacement_id)
    .bind(note)
    .bind(now.to_rfc3339())
    .bind(user_id)
    .bind(paw_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Settles the oldest departure of a unit still waiting for a replacement
/// when no reserve could fill it and the seat was filled by appointment:
/// the departure keeps no replacement, the note names the decision.
/// Returns the departure settled, if any.
pub async fn settle_by_appointment(
    conn: &mut SqliteConnection,
    round_id: i64,
    unit_code: &str,
    note: &str,
    user_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "UPDATE paw_events SET decision_note = ?, confirmed_at = ?, confirmed_by = ?
         WHERE id = (SELECT id FROM paw_events
                     WHERE round_id = ? AND unit_code = ? AND replacement_id IS NULL
                       AND confirmed_at IS NULL
                     ORDER BY id LIMIT 1)
         RETURNING id",
    )
    .bind(note)
    .bind(now.to_rfc3339())
    .bind(user_id)
    .bind(round_id)
    .bind(unit_code)
    .fetch_optional(&mut *conn)
    .await?)
}
