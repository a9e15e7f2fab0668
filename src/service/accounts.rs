//! Staff accounts: created, deactivated (never deleted), unlocked, their
//! passwords reset and roles changed by administrators; a user changes their
//! own password. Every change is audited; no password or hash is ever logged.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use crate::domain::account::{check_password_policy, Role, Username};
use crate::domain::permission::Operation;
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::service::auth::{
    hash_password_blocking, verify_password_blocking, wrong_password, Session,
};
use crate::service::setup::{prepare_account, NewAccount};
use crate::store::{users, Db};

/// An account as shown on the account screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Account {
    #[ts(type = "number")]
    pub id: i64,
    pub username: String,
    pub full_name: String,
    pub role: Role,
    pub active: bool,
    /// Wrong passwords in a row since the last good login.
    #[ts(type = "number")]
    pub failed_logins: i64,
    /// Until when the account is locked (RFC 3339), if it is now.
    pub locked_until: Option<String>,
}

fn account(r: users::AccountRow, now: DateTime<Utc>) -> Result<Account> {
    let locked_until = r
        .locked_until
        .filter(|u| DateTime::parse_from_rfc3339(u).is_ok_and(|t| t > now));
    Ok(Account {
        id: r.id,
        username: r.username,
        full_name: r.full_name,
        role: Role::parse(&r.role)?,
        active: r.active,
        failed_logins: r.failed_logins,
        locked_until,
    })
}

/// Every account. Administrators only.
pub async fn list(db: &Db, session: &Session, now: DateTime<Utc>) -> Result<Vec<Account>> {
    session.require(Operation::ManageAccounts)?;
    let mut conn = db.pool().acquire().await?;
    users::list(&mut conn)
        .await?
        .into_iter()
        .map(|r| account(r, now))
        .collect()
}

/// Creates an account. Administrators only.
pub async fn create(
    db: &Db,
    session: &Session,
    input: &NewAccount,
    role: Role,
    now: DateTime<Utc>,
) -> Result<Account> {
    session.require(Operation::ManageAccounts)?;
    let prepared = prepare_account(input).await?;
    let mut tx = db.begin_write().await?;
    let username = prepared.username.as_str();
    users::insert(
        &mut tx,
        username,
        &prepared.full_name,
        role.as_str(),
        &prepared.password_hash,
        now,
    )
    .await?;
    let change = Change::new("user.create", "user", username).after(json!({
        "username": username, "full_name": prepared.full_name, "role": role.as_str(), "active": true,
    }));
    audit::record(&mut tx, session, now, change).await?;
    let row = users::find_account(&mut tx, username)
        .await?
        .ok_or_else(|| not_found(username))?;
    tx.commit().await?;
    account(row, now)
}

fn not_found(username: &str) -> Error {
    Error::NotFound(format!("Akun \"{username}\""))
}

async fn find(conn: &mut sqlx::SqliteConnection, username: &str) -> Result<users::AccountRow> {
    let u = Username::parse(username).map_err(|_| not_found(username))?;
    users::find_account(conn, u.as_str())
        .await?
        .ok_or_else(|| not_found(username))
}

/// Refuses a change that would leave no active administrator.
async fn keep_an_administrator(
    conn: &mut sqlx::SqliteConnection,
    row: &users::AccountRow,
) -> Result<()> {
    if row.role == Role::Administrator.as_str()
        && row.active
        && users::other_active_admins(conn, row.id).await? == 0
    {
        return Err(Error::validation(
            "role",
            "Ini administrator aktif terakhir. Buat atau aktifkan administrator lain terlebih dahulu.",
        ));
    }
    Ok(())
}

/// Deactivates (or reactivates) an account. Accounts are never deleted, so
/// that audit entries keep naming who did what. Administrators only.
pub async fn set_active(
    db: &Db,
    session: &Session,
    username: &str,
    active: bool,
    now: DateTime<Utc>,
) -> Result<()> {
    session.require(Operation::ManageAccounts)?;
    let mut tx = db.begin_write().await?;
    let row = find(&mut tx, username).await?;
    if row.active == active {
        return Ok(());
    }
    if !active {
        keep_an_administrator(&mut tx, &row).await?;
    }
    users::set_active(&mut tx, row.id, active).await?;
    let action = if active {
        "user.activate"
    } else {
        "user.deactivate"
    };
    let change = Change::new(action, "user", &row.username)
        .before(json!({ "active": row.active }))
        .after(json!({ "active": active }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(())
}

/// Changes an account's role. Administrators only.
pub async fn set_role(
    db: &Db,
    session: &Session,
    username: &str,
    role: Role,
    now: DateTime<Utc>,
) -> Result<()> {
    session.require(Operation::ManageAccounts)?;
    let mut tx = db.begin_write().await?;
    let row = find(&mut tx, username).await?;
    if row.role == role.as_str() {
        return Ok(());
    }
    keep_an_administrator(&mut tx, &row).await?;
    users::set_role(&mut tx, row.id, role.as_str()).await?;
    let change = Change::new("user.role", "user", &row.username)
        .before(json!({ "role": row.role }))
        .after(json!({ "role": role.as_str() }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(())
}

/// Sets a new password for someone (e.g. who forgot theirs) and unlocks the
/// account. Administrators only.
pub async fn reset_password(
    db: &Db,
    session: &Session,
    username: &str,
    new_password: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    session.require(Operation::ManageAccounts)?;
    check_password_policy(new_password)?;
    let hash = hash_password_blocking(new_password.to_string()).await?;
    let mut tx = db.begin_write().await?;
    let row = find(&mut tx, username).await?;
    users::set_password_hash(&mut tx, row.id, &hash).await?;
    users::set_lock_state(&mut tx, row.id, 0, None).await?;
    audit::record(
        &mut tx,
        session,
        now,
        Change::new("user.password_reset", "user", &row.username),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Lifts a lockout after wrong passwords. Administrators only.
pub async fn unlock(db: &Db, session: &Session, username: &str, now: DateTime<Utc>) -> Result<()> {
    session.require(Operation::ManageAccounts)?;
    let mut tx = db.begin_write().await?;
    let row = find(&mut tx, username).await?;
    users::set_lock_state(&mut tx, row.id, 0, None).await?;
    let change = Change::new("user.unlock", "user", &row.username)
        .before(json!({ "failed_logins": row.failed_logins, "locked_until": row.locked_until }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(())
}

/// A user changes their own password, proving they know the current one.
/// A wrong current password counts like a wrong password at login
/// (audited; the fifth in a row locks the account, see
/// [`crate::domain::lockout`]), so that a desk left logged in is no place
/// to guess it; while the account is locked nothing is changed.
pub async fn change_own_password(
    db: &Db,
    session: &Session,
    current: &str,
    new_password: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let Some(user_id) = session.user_id else {
        return Err(Error::validation(
            "user",
            "Baris perintah tidak punya kata sandi; gunakan `adhoc user passwd`.",
        ));
    };
    check_password_policy(new_password)?;
    let hash = hash_password_blocking(new_password.to_string()).await?;
    let mut tx = db.begin_write().await?;
    let stored = users::find_by_username(&mut tx, &session.username)
        .await?
        .filter(|r| r.id == user_id && r.active)
        .ok_or(Error::Unauthenticated)?;
    let state = users::lock_state(&mut tx, user_id).await?;
    let ok = verify_password_blocking(current.to_string(), stored.password_hash).await?;
    if let Some(until) = state.locked_until.filter(|u| *u > now) {
        let change = Change::new("user.password_change_failed", "user", &stored.username)
            .after(json!({ "reason": "locked" }));
        audit::record(&mut tx, session, now, change).await?;
        tx.commit().await?;
        return Err(locked(until, state.failed_logins));
    }
    if !ok {
        let until = wrong_password(
            &mut tx,
            &stored.username,
            user_id,
            state.failed_logins,
            "user.password_change_failed",
            now,
        )
        .await?;
        tx.commit().await?;
        return Err(match until {
            Some(u) => locked(u, state.failed_logins + 1),
            None => Error::validation("current", "Kata sandi saat ini salah."),
        });
    }
    users::set_password_hash(&mut tx, user_id, &hash).await?;
    users::set_lock_state(&mut tx, user_id, 0, None).await?;
    audit::record(
        &mut tx,
        session,
        now,
        Change::new("user.password_change", "user", &session.username),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The account is locked until `until` (shown in local time) after
/// `failures` wrong passwords: said only to its own logged-in user.
fn locked(until: DateTime<Utc>, failures: i64) -> Error {
    Error::AccountLocked {
        until: until
            .with_timezone(&chrono::Local)
            .format("%H:%M")
            .to_string(),
        failures,
    }
}
