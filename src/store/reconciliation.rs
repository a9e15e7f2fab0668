//! Online registrations and paper files: which applications of a round
//! came from an online list, and when each paper file was received.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use crate::error::{Error, Result};

/// An active application as the reconciliation lists it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FileRow {
    pub id: i64,
    pub reg_number: String,
    pub nik: String,
    pub full_name: String,
    pub unit_code: String,
    pub phone: Option<String>,
    pub online: bool,
    pub created_at: String,
    pub files_received_at: Option<String>,
}

/// Every active (not withdrawn) application of a round, in registration
/// order.
pub async fn rows(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<FileRow>> {
    Ok(sqlx::query_as(
        "SELECT id, reg_number, nik, full_name, unit_code, phone, online, created_at, files_received_at
         FROM applicants WHERE round_id = ? AND status <> 'mundur' ORDER BY reg_seq",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Where one application's paper file stands.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FileState {
    pub id: i64,
    pub round_id: i64,
    pub reg_number: String,
    pub full_name: String,
    pub withdrawn: bool,
    pub online: bool,
    pub files_received_at: Option<String>,
    /// Who received it, as their account is named.
    pub received_by: Option<String>,
}

/// The file state of the application `id`.
pub async fn state(conn: &mut SqliteConnection, id: i64) -> Result<FileState> {
    let found: Option<FileState> = sqlx::query_as(
        "SELECT a.id, a.round_id, a.reg_number, a.full_name, a.status = 'mundur' AS withdrawn,
                a.online, a.files_received_at, u.username AS received_by
         FROM applicants a LEFT JOIN users u ON u.id = a.files_received_by
         WHERE a.id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    found.ok_or_else(|| Error::NotFound(format!("Pendaftar dengan nomor data {id}")))
}

/// Records the paper file of `id` as received at `at` by `by`, or, with
/// `None`, as not received.
pub async fn set_received(
    conn: &mut SqliteConnection,
    id: i64,
    received: Option<(DateTime<Utc>, Option<i64>)>,
) -> Result<()> {
    let (at, by) = match received {
        Some((at, by)) => (Some(at.to_rfc3339()), by),
        None => (None, None),
    };
    sqlx::query("UPDATE applicants SET files_received_at = ?, files_received_by = ? WHERE id = ?")
        .bind(at)
        .bind(by)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The active application of a round holding `nik`.
pub async fn id_by_nik(
    conn: &mut SqliteConnection,
    round_id: i64,
    nik: &str,
) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM applicants WHERE round_id = ? AND nik = ? AND status <> 'mundur' LIMIT 1",
    )
    .bind(round_id)
    .bind(nik)
    .fetch_optional(&mut *conn)
    .await?)
}
