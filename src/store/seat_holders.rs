//! Seat holders: members appointed or kept from an earlier round
//! ([`crate::domain::seat_holder`]).

use sqlx::SqliteConnection;

use crate::error::Result;

/// One seat holder as stored. `source` and `proposer_kind` are the
/// database spellings of [`crate::domain::seat_holder`]'s enums.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct HolderRow {
    pub id: i64,
    pub round_id: i64,
    /// Digits.
    pub unit_code: String,
    pub source: String,
    pub nik: String,
    pub full_name: String,
    pub sex: String,
    pub birth_date: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub education: Option<String>,
    pub proposer_kind: Option<String>,
    pub proposer_name: Option<String>,
    pub from_round_id: Option<i64>,
    pub from_applicant_id: Option<i64>,
    pub from_holder_id: Option<i64>,
    pub evaluation_grade: Option<String>,
    pub evaluation_score: Option<i64>,
    pub evaluation_notes: Option<String>,
    pub decision: String,
    pub reason: String,
    pub decided_at: String,
    /// Who decided (username), when known.
    pub decided_by_name: Option<String>,
    pub cancelled_at: Option<String>,
    pub cancelled_reason: Option<String>,
}

const SELECT: &str = "SELECT h.id, h.round_id, h.unit_code, h.source, h.nik, h.full_name, h.sex,
        h.birth_date, h.address, h.phone, h.education, h.proposer_kind, h.proposer_name,
        h.from_round_id, h.from_applicant_id, h.from_holder_id, h.evaluation_grade,
        h.evaluation_score, h.evaluation_notes, h.decision, h.reason, h.decided_at,
        u.username AS decided_by_name, h.cancelled_at, h.cancelled_reason
    FROM seat_holders h LEFT JOIN users u ON u.id = h.decided_by";

/// A seat holder to record (`id`, `decided_by_name` and the cancellation
/// of the row are ignored).
pub async fn insert(
    conn: &mut SqliteConnection,
    h: &HolderRow,
    user_id: Option<i64>,
) -> Result<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO seat_holders (round_id, unit_code, source, nik, full_name, sex, birth_date,
             address, phone, education, proposer_kind, proposer_name, from_round_id,
             from_applicant_id, from_holder_id, evaluation_grade, evaluation_score,
             evaluation_notes, decision, reason, decided_at, decided_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         RETURNING id",
    )
    .bind(h.round_id)
    .bind(&h.unit_code)
    .bind(&h.source)
    .bind(&h.nik)
    .bind(&h.full_name)
    .bind(&h.sex)
    .bind(&h.birth_date)
    .bind(&h.address)
    .bind(&h.phone)
    .bind(&h.education)
    .bind(&h.proposer_kind)
    .bind(&h.proposer_name)
    .bind(h.from_round_id)
    .bind(h.from_applicant_id)
    .bind(h.from_holder_id)
    .bind(&h.evaluation_grade)
    .bind(h.evaluation_score)
    .bind(&h.evaluation_notes)
    .bind(&h.decision)
    .bind(&h.reason)
    .bind(&h.decided_at)
    .bind(user_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

/// The seat holders of a round that are not cancelled, by unit then id.
pub async fn of_round(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<HolderRow>> {
    let sql = format!(
        "{SELECT} WHERE h.round_id = ? AND h.cancelled_at IS NULL ORDER BY h.unit_code, h.id"
    );
    Ok(sqlx::query_as(&sql)
        .bind(round_id)
        .fetch_all(&mut *conn)
        .await?)
}

/// One seat holder, cancelled or not.
pub async fn get(conn: &mut SqliteConnection, id: i64) -> Result<Option<HolderRow>> {
    let sql = format!("{SELECT} WHERE h.id = ?");
    Ok(sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?)
}

/// Every seat holder with this NIK in any round, cancelled ones excluded,
/// oldest first (a person's history).
pub async fn by_nik(conn: &mut SqliteConnection, nik: &str) -> Result<Vec<HolderRow>> {
    let sql = format!("{SELECT} WHERE h.nik = ? AND h.cancelled_at IS NULL ORDER BY h.id");
    Ok(sqlx::query_as(&sql).bind(nik).fetch_all(&mut *conn).await?)
}

/// Seats held per unit (digits) in a round, cancelled entries excluded.
pub async fn held_per_unit(
    conn: &mut SqliteConnection,
    round_id: i64,
) -> Result<Vec<(String, u32)>> {
    Ok(sqlx::query_as(
        "SELECT unit_code, COUNT(*) FROM seat_holders
         WHERE round_id = ? AND cancelled_at IS NULL GROUP BY unit_code",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Cancels a wrong entry with a reason; false when it was already cancelled.
pub async fn cancel(
    conn: &mut SqliteConnection,
    id: i64,
    reason: &str,
    at: &str,
    user_id: Option<i64>,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE seat_holders SET cancelled_at = ?, cancelled_reason = ?, cancelled_by = ?
         WHERE id = ? AND cancelled_at IS NULL",
    )
    .bind(at)
    .bind(reason)
    .bind(user_id)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
