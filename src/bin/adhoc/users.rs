//! `adhoc user`: staff accounts.

use chrono::{DateTime, Utc};
use clap::Subcommand;

use adhoc::domain::account::Role;
use adhoc::domain::permission::Session;
use adhoc::error::{Error, Result};
use adhoc::service::accounts;
use adhoc::service::setup::NewAccount;
use adhoc::store::Db;

use crate::{csv_out, flush};

#[derive(Subcommand)]
pub enum UserCommand {
    /// Membuat akun.
    Add {
        #[arg(long)]
        username: String,
        /// Nama lengkap.
        #[arg(long)]
        nama: String,
        /// administrator, operator, verifikator atau pimpinan.
        #[arg(long)]
        peran: String,
    },
    /// Daftar akun (CSV: username,nama,peran,aktif,gagal_masuk,terkunci_sampai).
    List,
    /// Mengganti kata sandi akun (dan membuka kuncinya).
    Passwd { username: String },
    /// Menonaktifkan akun (akun tidak pernah dihapus).
    Deactivate { username: String },
    /// Mengaktifkan kembali akun.
    Activate { username: String },
    /// Membuka kunci akun setelah salah kata sandi berulang.
    Unlock { username: String },
    /// Mengganti peran akun.
    Role {
        username: String,
        #[arg(long)]
        peran: String,
    },
}

/// Reads a password: from the terminal without echo (asked twice when
/// `confirm`), or the first line of stdin when it is not a terminal. Never
/// from an argument, where it would land in the shell history.
pub fn read_password(prompt: &str, confirm: bool) -> Result<String> {
    use std::io::{BufRead, IsTerminal};
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(prompt)?;
        if confirm && rpassword::prompt_password("Ulangi kata sandi: ")? != first {
            return Err(Error::validation(
                "password",
                "Kedua kata sandi tidak sama.",
            ));
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}

pub async fn run(db: &Db, session: &Session, cmd: UserCommand, now: DateTime<Utc>) -> Result<()> {
    match cmd {
        UserCommand::Add {
            username,
            nama,
            peran,
        } => {
            let role = Role::parse(&peran)?;
            let password = read_password("Kata sandi baru: ", true)?;
            let input = NewAccount {
                username,
                full_name: nama,
                password,
            };
            let a = accounts::create(db, session, &input, role, now).await?;
            eprintln!("Akun {} ({}) dibuat.", a.username, a.role.label());
        }
        UserCommand::List => {
            let mut w = csv_out();
            w.write_record([
                "username",
                "nama",
                "peran",
                "aktif",
                "gagal_masuk",
                "terkunci_sampai",
            ])?;
            for a in accounts::list(db, session, now).await? {
                w.write_record([
                    a.username,
                    a.full_name,
                    a.role.as_str().to_string(),
                    if a.active { "ya" } else { "tidak" }.to_string(),
                    a.failed_logins.to_string(),
                    a.locked_until.unwrap_or_default(),
                ])?;
            }
            flush(w)?;
        }
        UserCommand::Passwd { username } => {
            let password = read_password(&format!("Kata sandi baru untuk {username}: "), true)?;
            accounts::reset_password(db, session, &username, &password, now).await?;
            eprintln!("Kata sandi {username} diganti.");
        }
        UserCommand::Deactivate { username } => {
            accounts::set_active(db, session, &username, false, now).await?;
            eprintln!("Akun {username} dinonaktifkan.");
        }
        UserCommand::Activate { username } => {
            accounts::set_active(db, session, &username, true, now).await?;
            eprintln!("Akun {username} diaktifkan.");
        }
        UserCommand::Unlock { username } => {
            accounts::unlock(db, session, &username, now).await?;
            eprintln!("Kunci akun {username} dibuka.");
        }
        UserCommand::Role { username, peran } => {
            accounts::set_role(db, session, &username, Role::parse(&peran)?, now).await?;
            eprintln!("Peran {username} menjadi {peran}.");
        }
    }
    Ok(())
}
