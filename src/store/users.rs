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

pub async fn find_by_id(conn: &mut SqliteConnection, id: i64) -> Result<Option<UserRow>> {
    Ok(sqlx::query_as(
        "SELECT id, username, full_name, role, password_hash, active FROM users WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?)
}

pub async fn count(conn: &mut SqliteConnection) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&mut *conn)
        .await?)
}

/// An account as listed (no password hash).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AccountRow {
    pub id: i64,
    pub username: String,
    pub full_name: String,
    pub role: String,
    pub active: bool,
    pub failed_logins: i64,
    pub locked_until: Option<String>,
    pub created_at: String,
}

pub async fn list(conn: &mut SqliteConnection) -> Result<Vec<AccountRow>> {
    Ok(sqlx::query_as(
        "SELECT id, username, full_name, role, active, failed_logins, locked_until, created_at FROM users ORDER BY username",
    )
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn find_account(
    conn: &mut SqliteConnection,
    username: &str,
) -> Result<Option<AccountRow>> {
    Ok(sqlx::query_as(
        "SELECT id, username, full_name, role, active, failed_logins, locked_until, created_at FROM users WHERE username = ?",
    )
    .bind(username)
    .fetch_optional(&mut *conn)
    .await?)
}

/// `id` when that account exists under `username` (a restored database may
/// hold other accounts, or the same id for someone else).
pub async fn same_account(
    conn: &mut SqliteConnection,
    id: i64,
    username: &str,
) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM users WHERE id = ? AND username = ?")
            .bind(id)
            .bind(username)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// Lockout state of an account.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LockState {
    pub failed_logins: i64,
    pub locked_until: Option<DateTime<Utc>>,
}

pub async fn lock_state(conn: &mut SqliteConnection, id: i64) -> Result<LockState> {
    Ok(
        sqlx::query_as("SELECT failed_logins, locked_until FROM users WHERE id = ?")
            .bind(id)
            .fetch_one(&mut *conn)
            .await?,
    )
}

pub async fn set_lock_state(
    conn: &mut SqliteConnection,
    id: i64,
    failed_logins: i64,
    locked_until: Option<DateTime<Utc>>,
) -> Result<()> {
    sqlx::query("UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?")
        .bind(failed_logins)
        .bind(locked_until)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn set_active(conn: &mut SqliteConnection, id: i64, active: bool) -> Result<()> {
    sqlx::query("UPDATE users SET active = ? WHERE id = ?")
        .bind(active)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn set_role(conn: &mut SqliteConnection, id: i64, role: &str) -> Result<()> {
    sqlx::query("UPDATE users SET role = ? WHERE id = ?")
        .bind(role)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn set_password_hash(conn: &mut SqliteConnection, id: i64, hash: &str) -> Result<()> {
    sqlx::query("UPDATE users SET password_hash = ? WHERE id = ?")
        .bind(hash)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Active administrators other than `except`.
pub async fn other_active_admins(conn: &mut SqliteConnection, except: i64) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM users WHERE role = 'administrator' AND active = 1 AND id <> ?",
    )
    .bind(except)
    .fetch_one(&mut *conn)
    .await?)
}
