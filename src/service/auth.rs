//! Password hashing and login.
//!
//! Passwords are hashed with argon2id at the OWASP-recommended minimum
//! (19 MiB memory, 2 iterations, 1 lane) with a random per-user salt. Hashing
//! is CPU-heavy and runs off the async threads.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use serde::Serialize;
use ts_rs::TS;

use crate::domain::account::{Role, Username};
use crate::error::{Error, Result};
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

/// Who is acting. Every service that reads or writes takes one and checks
/// the role before touching anything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Session {
    /// `None` for the command line, which acts as the installation itself.
    #[ts(type = "number | null")]
    pub user_id: Option<i64>,
    pub username: String,
    pub full_name: String,
    pub role: Role,
}

impl Session {
    /// The actor of the `adhoc` command line: whoever can run it on this
    /// machine already holds the database file.
    pub fn cli() -> Session {
        Session {
            user_id: None,
            username: "cli".into(),
            full_name: "Baris perintah (adhoc)".into(),
            role: Role::Administrator,
        }
    }

    /// Refuses unless the session's role is one of `allowed`. `action` says
    /// what was attempted, in the words of the message ("membuat seleksi").
    pub fn require(&self, allowed: &[Role], action: &str) -> Result<()> {
        if allowed.contains(&self.role) {
            Ok(())
        } else {
            Err(Error::Forbidden {
                role: self.role.label().to_string(),
                action: action.to_string(),
            })
        }
    }
}

/// A hash of a random password, verified against when the username does not
/// exist so that a wrong username takes as long as a wrong password.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password("tidak-ada-pengguna-ini").expect("hashing a constant works"))
}

/// Logs a user in. Unknown user, wrong password and deactivated account all
/// give the same [`Error::InvalidCredentials`].
pub async fn login(db: &Db, username: &str, password: &str) -> Result<Session> {
    let Ok(username) = Username::parse(username) else {
        return Err(Error::InvalidCredentials);
    };
    let mut conn = db.pool().acquire().await?;
    let row = users::find_by_username(&mut conn, username.as_str()).await?;
    drop(conn);
    let password = password.to_string();
    let (row, ok) = tokio::task::spawn_blocking(move || {
        let ok = match &row {
            Some(r) => verify_password(&password, &r.password_hash),
            None => {
                verify_password(&password, dummy_hash());
                false
            }
        };
        (row, ok)
    })
    .await
    .map_err(|e| Error::Internal(e.to_string()))?;
    match row {
        Some(r) if ok && r.active => Ok(Session {
            user_id: Some(r.id),
            username: r.username,
            full_name: r.full_name,
            role: Role::parse(&r.role)?,
        }),
        _ => Err(Error::InvalidCredentials),
    }
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

    #[test]
    fn require_checks_the_role() {
        let s = Session {
            role: Role::Operator,
            ..Session::cli()
        };
        s.require(&[Role::Operator, Role::Administrator], "mendaftarkan")
            .unwrap();
        let err = s
            .require(&[Role::Administrator], "membuat seleksi")
            .unwrap_err();
        assert_eq!(err.code(), "forbidden");
        assert!(err.to_string().contains("Operator"));
    }
}
