//! Staff accounts.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use crate::error::{Error, Result};

/// A stored account, with its password hash (never leaves the core).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub full_name: String,
    pub role: String,
    pub password_hash: String,
    pub active: bool,
}

/// Inserts an account; a taken username becomes [`Error::UsernameTaken`].
pub async fn insert(
    conn: &mut SqliteConnection,
    username: &str,
    full_name: &str,
    role: &str,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    let res = sqlx::query(
        "INSERT INTO users (username, full_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(username)
    .bind(full_name)
    .bind(role)
    .bind(password_hash)
    .bind(now.to_rfc3339())
    .execute(&mut *conn)
    .await;
    match res {
        Ok(done) => Ok(done.last_insert_rowid()),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            Err(Error::UsernameTaken(username.to_string()))
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn find_by_username(
    conn: &mut SqliteConnection,
    username: &str,
) -> Result<Option<UserRow>> {
    Ok(sqlx::query_as(
        "SELECT id, username, full_name, role, password_hash, active FROM users WHERE username = ?",
    )
    .bind(username)
    .fetch_optional(&mut *conn)
    .await?)
}

pub async fn count(conn: &mut SqliteConnection) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&mut *conn)
        .await?)
}
