//! Staff accounts: roles, usernames and the password policy.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// Minimum password length for staff accounts.
pub const MIN_PASSWORD_LEN: usize = 10;

/// What a staff member may do (DOMAIN.md, issue 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Role {
    /// Accounts, rounds, settings, unlocking stages.
    Administrator,
    /// Help desk: registers and edits applicants, records documents.
    Operator,
    /// Document verdicts, scores, public responses.
    Verifikator,
    /// Read-only; may close stages and sign off announcements.
    Pimpinan,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Administrator,
        Role::Operator,
        Role::Verifikator,
        Role::Pimpinan,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::Operator => "operator",
            Role::Verifikator => "verifikator",
            Role::Pimpinan => "pimpinan",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Administrator => "Administrator",
            Role::Operator => "Operator",
            Role::Verifikator => "Verifikator",
            Role::Pimpinan => "Pimpinan",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s.trim().to_ascii_lowercase())
            .ok_or_else(|| {
                Error::validation(
                    "role",
                    format!("Peran \"{s}\" tidak dikenal; pilih administrator, operator, verifikator atau pimpinan."),
                )
            })
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A valid username: 3–32 characters of lowercase letters, digits, `.`, `_`
/// or `-`, starting with a letter. Stored lowercase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Username(String);

impl Username {
    pub fn parse(input: &str) -> Result<Self> {
        let s = input.trim().to_lowercase();
        let ok_chars = s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
        let starts_with_letter = s.chars().next().is_some_and(|c| c.is_ascii_lowercase());
        if !(3..=32).contains(&s.len()) || !ok_chars || !starts_with_letter {
            return Err(Error::validation(
                "username",
                "Nama pengguna harus 3–32 karakter: huruf kecil, angka, titik, garis bawah atau tanda hubung, diawali huruf.",
            ));
        }
        Ok(Username(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A person's display name: trimmed, 1–100 characters.
pub fn parse_full_name(input: &str) -> Result<String> {
    crate::domain::text::check("Nama lengkap", input, 100, crate::domain::text::Lines::One)
        .map_err(|m| Error::validation("full_name", m))?;
    let s = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.is_empty() || s.chars().count() > 100 {
        return Err(Error::validation(
            "full_name",
            "Nama lengkap wajib diisi (paling banyak 100 karakter).",
        ));
    }
    Ok(s)
}

/// Checks a new password against the policy. The password itself is never
/// part of the message.
pub fn check_password_policy(password: &str) -> Result<()> {
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(Error::validation(
            "password",
            format!("Kata sandi minimal {MIN_PASSWORD_LEN} karakter."),
        ));
    }
    if password.trim().is_empty() {
        return Err(Error::validation(
            "password",
            "Kata sandi tidak boleh hanya berisi spasi.",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames() {
        assert_eq!(
            Username::parse(" Admin.KPU ").unwrap().as_str(),
            "admin.kpu"
        );
        for bad in ["ab", "1admin", "admin kpu", "adminé", "", &"a".repeat(33)] {
            assert!(Username::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn password_policy_boundary_is_ten_characters() {
        assert!(check_password_policy("123456789").is_err());
        check_password_policy("1234567890").unwrap();
        assert!(check_password_policy("          ").is_err());
        // Counted in characters, not bytes.
        assert!(check_password_policy("ééééééééé").is_err());
    }

    #[test]
    fn roles_parse_back() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()).unwrap(), r);
        }
        assert!(Role::parse("root").is_err());
    }

    #[test]
    fn full_names_are_normalised() {
        assert_eq!(parse_full_name("  Siti   Aminah ").unwrap(), "Siti Aminah");
        assert!(parse_full_name("   ").is_err());
    }
}
