//! Stage closing and reopening.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use crate::domain::round::Stage;
use crate::error::Result;

/// Sets the stage in progress of a round.
pub async fn set_current(conn: &mut SqliteConnection, round_id: i64, stage: Stage) -> Result<()> {
    sqlx::query("UPDATE rounds SET current_stage = ? WHERE id = ?")
        .bind(stage.as_str())
        .bind(round_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A close or reopen to record.
pub struct NewEvent<'a> {
    pub round_id: i64,
    pub stage: Stage,
    pub action: &'static str,
    pub user_id: Option<i64>,
    pub username: &'a str,
    pub reason: Option<&'a str>,
    pub snapshot: Option<String>,
}

pub async fn record(
    conn: &mut SqliteConnection,
    e: &NewEvent<'_>,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO stage_events (round_id, stage, action, at, user_id, username, reason, snapshot)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(e.round_id)
    .bind(e.stage.as_str())
    .bind(e.action)
    .bind(now.to_rfc3339())
    .bind(e.user_id)
    .bind(e.username)
    .bind(e.reason)
    .bind(&e.snapshot)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A recorded close or reopen.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Event {
    pub stage: String,
    pub action: String,
    pub at: String,
    pub username: String,
    pub reason: Option<String>,
    pub snapshot: Option<String>,
}

/// Every close and reopen of a round, oldest first.
pub async fn events(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<Event>> {
    Ok(sqlx::query_as(
        "SELECT stage, action, at, username, reason, snapshot FROM stage_events
         WHERE round_id = ? ORDER BY id",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}
