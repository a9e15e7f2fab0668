//! Password hashing and login.
//!
//! Passwords are hashed with argon2id at the OWASP-recommended minimum
//! (19 MiB memory, 2 iterations, 1 lane) with a random per-user salt. Hashing
//! is CPU-heavy and runs off the async threads.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use chrono::{DateTime, Utc};
use serde_json::json;

use crate::domain::account::{Role, Username};
use crate::domain::lockout::lock_duration;

use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::store::{users, Db};

/// Argon2id memory cost in KiB (19 MiB, OWASP's minimum for argon2id).
pub const ARGON2_MEMORY_KIB: u32 = 19 * 1024;
/// Argon2id iterations.
pub const ARGON2_ITERATIONS: u32 = 2;
/// Argon2id lanes.
pub const ARGON2_LANES: u32 = 1;

fn hasher() -> Argon2<'static> {
    let params = Params::new(ARGON2_MEMORY_KIB, ARGON2_ITERATIONS, ARGON2_LANES, None)
        .expect("argon2 parameters are constants within range");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$...`).
pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(format!("hash kata sandi: {e}")))
}

/// Checks a password against a stored PHC string. The parameters stored in
/// the hash are used, so older hashes keep verifying if the constants change.
pub fn verify_password(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(parsed) => hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// Runs [`hash_password`] on a blocking thread.
pub async fn hash_password_blocking(password: String) -> Result<String> {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| Error::Internal(e.to_string()))?
}

pub use crate::domain::permission::{Session, SessionView};

/// A hash of a random password, verified against when the username does not
/// exist so that a wrong username takes as long as a wrong password.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("tidak-ada-pengguna-ini").expect("hashing a constant works"))
}

/// Who a failed login with an unknown username is recorded as.
pub const UNKNOWN_USER: &str = "(tidak dikenal)";

/// Runs [`verify_password`] on a blocking thread.
pub async fn verify_password_blocking(password: String, phc: String) -> Result<bool> {
    tokio::task::spawn_blocking(move || verify_password(&password, &phc))
        .await
        .map_err(|e| Error::Internal(e.to_string()))
}

/// Logs a user in. An unknown user, a wrong password, a locked account and
/// a deactivated one all get the same [`Error::InvalidCredentials`], after
/// the same work (the password is always hashed), so that the login screen
/// tells nobody which accounts exist or are locked. Five wrong passwords in
/// a row lock the account for a growing time ([`lock_duration`]); while
/// locked even the right password is refused. Every attempt is recorded in
/// the audit log, failures with the reason (which only the audit readers
/// see).
pub async fn login(db: &Db, username: &str, password: &str, now: DateTime<Utc>) -> Result<Session> {
    let row = match Username::parse(username) {
        Ok(u) => {
            let mut conn = db.pool().acquire().await?;
            users::find_by_username(&mut conn, u.as_str()).await?
        }
        Err(_) => None,
    };
    let Some(row) = row else {
        verify_password_blocking(password.to_string(), dummy_hash().to_string()).await?;
        let mut tx = db.begin_write().await?;
        // What was typed is not recorded: people sometimes type their
        // password into the username field.
        let change = Change {
            action: "login.failed",
            object_type: "user",
            object_id: None,
            before: None,
            after: Some(json!({ "reason": "unknown_user" })),
        };
        audit::record_as(&mut tx, None, UNKNOWN_USER, now, change).await?;
        tx.commit().await?;
        return Err(Error::InvalidCredentials);
    };

    let mut tx = db.begin_write().await?;
    let state = users::lock_state(&mut tx, row.id).await?;
    // Checked before the lock, and whatever the lock, so that a locked
    // account takes as long to refuse as a wrong password.
    let ok = verify_password_blocking(password.to_string(), row.password_hash.clone()).await?;
    if state.locked_until.is_some_and(|until| until > now) {
        let change =
            Change::new("login.failed", "user", &row.username).after(json!({ "reason": "locked" }));
        audit::record_as(&mut tx, Some(row.id), &row.username, now, change).await?;
        tx.commit().await?;
        return Err(Error::InvalidCredentials);
    }
    if ok && row.active {
        users::set_lock_state(&mut tx, row.id, 0, None).await?;
        audit::record_as(
            &mut tx,
            Some(row.id),
            &row.username,
            now,
            Change::new("login", "user", &row.username),
        )
        .await?;
        tx.commit().await?;
        return Ok(Session {
            user_id: Some(row.id),
            username: row.username,
            full_name: row.full_name,
            role: Role::parse(&row.role)?,
            command_line: false,
        });
    }
    if !row.active {
        let change = Change::new("login.failed", "user", &row.username)
            .after(json!({ "reason": "inactive" }));
        audit::record_as(&mut tx, Some(row.id), &row.username, now, change).await?;
        tx.commit().await?;
        return Err(Error::InvalidCredentials);
    }
    wrong_password(
        &mut tx,
        &row.username,
        row.id,
        state.failed_logins,
        "login.failed",
        now,
    )
    .await?;
    tx.commit().await?;
    Err(Error::InvalidCredentials)
}

/// Counts one more wrong password of account `id` (at login or when
/// changing one's own password), locking it after [`lock_duration`], and
/// records it under `action`, inside the caller's transaction. Returns
/// until when the account is now locked, if it is.
pub(crate) async fn wrong_password(
    conn: &mut sqlx::SqliteConnection,
    username: &str,
    id: i64,
    failed_before: i64,
    action: &'static str,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>> {
    let failures = failed_before + 1;
    let until = lock_duration(failures as u32).map(|d| now + d);
    users::set_lock_state(conn, id, failures, until).await?;
    let change = Change::new(action, "user", username).after(json!({
        "reason": "wrong_password",
        "failed_logins": failures,
        "locked_until": until.map(|u| u.to_rfc3339()),
    }));
    audit::record_as(conn, Some(id), username, now, change).await?;
    Ok(until)
}

/// The session's account as it is now: its role and name read again, so
/// that a change an administrator made since the login applies at once.
/// A deactivated account, or one that is no longer there under this id and
/// username (e.g. after a restore), is refused with
/// [`Error::Unauthenticated`]: its session is over. The command line acts
/// as the installation and is returned as it is. The desktop calls this
/// before every command.
pub async fn current(db: &Db, session: &Session) -> Result<Session> {
    if session.command_line {
        return Ok(session.clone());
    }
    let id = session.user_id.ok_or(Error::Unauthenticated)?;
    let row = {
        let mut conn = db.pool().acquire().await?;
        users::find_by_id(&mut conn, id).await?
    };
    let row = row
        .filter(|r| r.active && r.username == session.username)
        .ok_or(Error::Unauthenticated)?;
    Ok(Session {
        user_id: Some(row.id),
        username: row.username,
        full_name: row.full_name,
        role: Role::parse(&row.role)?,
        command_line: false,
    })
}

/// Records the end of a session.
pub async fn logout(db: &Db, session: &Session, now: DateTime<Utc>) -> Result<()> {
    let mut tx = db.begin_write().await?;
    audit::record(
        &mut tx,
        session,
        now,
        Change::new("logout", "user", &session.username),
    )
    .await?;
    tx.commit().await?;
    // The chain's head is kept beside the database at each log-out; losing
    // that copy loses no work.
    let _ = audit::anchor(db, now).await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_with_the_stated_parameters_and_salted() {
        let a = hash_password("kata-sandi-rahasia").unwrap();
        let b = hash_password("kata-sandi-rahasia").unwrap();
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert_ne!(a, b, "each hash has its own salt");
        assert!(verify_password("kata-sandi-rahasia", &a));
        assert!(!verify_password("kata-sandi-rahasiA", &a));
        assert!(!verify_password("kata-sandi-rahasia", "bukan hash"));
    }
}
