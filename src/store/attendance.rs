//! Attendance at the written test (`test_attendance`): one record per
//! participant, present or absent, and the written marks closing reads.

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use crate::domain::ranking::Mark;
use crate::error::Result;
use crate::store::BULK_CHUNK;

/// How a record was made.
pub const BY_NUMBER: &str = "nomor";
pub const BY_HAND: &str = "tandai";
pub const BY_CLOSING: &str = "tutup";

/// One participant's attendance.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Record {
    pub applicant_id: i64,
    pub present: bool,
    /// [`BY_NUMBER`], [`BY_HAND`] or [`BY_CLOSING`].
    pub source: String,
    pub reason: String,
    /// RFC 3339.
    pub recorded_at: String,
    pub recorded_by: Option<String>,
}

const COLUMNS: &str = "SELECT t.applicant_id, t.present, t.source, t.reason, t.recorded_at,
        u.username AS recorded_by
     FROM test_attendance t LEFT JOIN users u ON u.id = t.recorded_by";

/// Every record of a round.
pub async fn records(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<Record>> {
    Ok(sqlx::query_as(&format!("{COLUMNS} WHERE t.round_id = ?"))
        .bind(round_id)
        .fetch_all(&mut *conn)
        .await?)
}

/// One participant's record, if any.
pub async fn record_of(conn: &mut SqliteConnection, applicant_id: i64) -> Result<Option<Record>> {
    Ok(
        sqlx::query_as(&format!("{COLUMNS} WHERE t.applicant_id = ?"))
            .bind(applicant_id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// What is recorded for each of a set of participants.
#[derive(Debug, Clone, Copy)]
pub struct NewRecord<'a> {
    pub present: bool,
    pub source: &'a str,
    pub reason: &'a str,
    pub user_id: Option<i64>,
    /// RFC 3339.
    pub at: &'a str,
}

/// Records attendance of `applicants` (none recorded before).
pub async fn insert(
    conn: &mut SqliteConnection,
    round_id: i64,
    applicants: &[i64],
    r: NewRecord<'_>,
) -> Result<()> {
    for chunk in applicants.chunks(BULK_CHUNK / 7) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO test_attendance (applicant_id, round_id, present, source, reason, \
             recorded_at, recorded_by) ",
        );
        q.push_values(chunk, |mut b, id| {
            b.push_bind(*id)
                .push_bind(round_id)
                .push_bind(r.present)
                .push_bind(r.source.to_string())
                .push_bind(r.reason.to_string())
                .push_bind(r.at.to_string())
                .push_bind(r.user_id);
        });
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Removes one participant's record (an undo); whether there was one.
pub async fn delete(conn: &mut SqliteConnection, applicant_id: i64) -> Result<bool> {
    Ok(
        sqlx::query("DELETE FROM test_attendance WHERE applicant_id = ?")
            .bind(applicant_id)
            .execute(&mut *conn)
            .await?
            .rows_affected()
            > 0,
    )
}

/// The written marks entered so far in a round: (applicant, mark).
pub async fn written_marks(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<(i64, Mark)>> {
    let rows: Vec<(i64, Option<i64>, bool)> = sqlx::query_as(
        "SELECT s.applicant_id, s.written, s.written_absent FROM scores s
         JOIN applicants a ON a.id = s.applicant_id
         WHERE a.round_id = ? AND (s.written IS NOT NULL OR s.written_absent = 1)",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, w, absent)| match (w, absent) {
            (Some(s), false) => (id, Mark::Score(s.clamp(0, i64::from(u32::MAX)) as u32)),
            _ => (id, Mark::Absent),
        })
        .collect())
}

/// The round (id, name) that gave a participant number, if any.
pub async fn round_of_number(
    conn: &mut SqliteConnection,
    number: &str,
) -> Result<Option<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT r.id, r.name FROM participant_numbers p JOIN rounds r ON r.id = p.round_id
         WHERE p.number = ? COLLATE NOCASE LIMIT 1",
    )
    .bind(number)
    .fetch_optional(&mut *conn)
    .await?)
}
