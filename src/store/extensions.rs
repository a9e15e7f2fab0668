//! Registration extensions per unit, and the Pimpinan's decisions to go on
//! without one.

use chrono::NaiveDate;
use sqlx::SqliteConnection;

use crate::error::Result;

/// A unit's registration extension.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Extension {
    pub unit_code: String,
    pub ends_on: NaiveDate,
    pub registered: u32,
    pub at: String,
    pub username: String,
}

/// Every extension of a round, oldest first.
pub async fn extensions(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<Extension>> {
    Ok(sqlx::query_as(
        "SELECT unit_code, ends_on, registered, at, username FROM unit_extensions
         WHERE round_id = ? ORDER BY id",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// The latest extension of one unit, if any.
pub async fn latest_extension(
    conn: &mut SqliteConnection,
    round_id: i64,
    unit_code: &str,
) -> Result<Option<Extension>> {
    Ok(sqlx::query_as(
        "SELECT unit_code, ends_on, registered, at, username FROM unit_extensions
         WHERE round_id = ? AND unit_code = ? ORDER BY id DESC LIMIT 1",
    )
    .bind(round_id)
    .bind(unit_code)
    .fetch_optional(&mut *conn)
    .await?)
}

pub async fn insert_extension(
    conn: &mut SqliteConnection,
    round_id: i64,
    e: &Extension,
    user_id: Option<i64>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO unit_extensions (round_id, unit_code, ends_on, registered, at, user_id, username)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(round_id)
    .bind(&e.unit_code)
    .bind(e.ends_on)
    .bind(e.registered)
    .bind(&e.at)
    .bind(user_id)
    .bind(&e.username)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A decision that a unit goes on without (another) extension.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Decision {
    pub unit_code: String,
    /// Extensions the unit had when it was decided.
    pub extensions: u32,
    pub registered: u32,
    pub reason: String,
    pub at: String,
    pub username: String,
}

/// Every decision of a round, oldest first.
pub async fn decisions(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<Decision>> {
    Ok(sqlx::query_as(
        "SELECT unit_code, extensions, registered, reason, at, username FROM extension_decisions
         WHERE round_id = ? ORDER BY id",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn insert_decision(
    conn: &mut SqliteConnection,
    round_id: i64,
    d: &Decision,
    user_id: Option<i64>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO extension_decisions (round_id, unit_code, extensions, registered, reason, at, user_id, username)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(round_id)
    .bind(&d.unit_code)
    .bind(d.extensions)
    .bind(d.registered)
    .bind(&d.reason)
    .bind(&d.at)
    .bind(user_id)
    .bind(&d.username)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
