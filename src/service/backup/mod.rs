//! Backups and restore.
//!
//! A backup is a consistent copy of the live database ([`store::snapshot`]:
//! `VACUUM INTO`) with a manifest, and the scans it points to copied into
//! `berkas/` beside it. Automatic backups go to `cadangan/` beside the
//! database: before a migration (by [`crate::store::Db::open`]), at every
//! stage close, and on the first start of each day; the daily ones are kept
//! for 7 days' worth of generations, those of stage closes for ever. An
//! administrator can also write one to any folder (a USB drive).
//!
//! A restore checks the file first (SQLite header, `integrity_check`, a
//! Seleksi Ad Hoc database of the same kabupaten, schema not newer than this
//! program, the manifest's hash when there is one, the audit chain), shows
//! what it holds, keeps the current database as a backup, and then swaps the
//! checked copy in with one rename. A refused file changes nothing.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local, Utc};
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use crate::domain::permission::{Operation, Session};
use crate::domain::scan;
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::service::local_time;
use crate::store::backup::{self as store, Manifest};
use crate::store::Db;

mod restore;
pub mod sealed;
pub use restore::{inspect, restore, RestoreCheck};

/// How many automatic backups of each kind are kept (newest first); the
/// others, stage closes among them, are never removed.
const KEEP: [(&str, usize); 3] = [
    ("harian", 7),
    ("sebelum-migrasi", 5),
    ("sebelum-pemulihan", 5),
];

/// A backup on disk.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BackupEntry {
    /// The database file.
    pub path: String,
    pub file_name: String,
    pub reason: String,
    /// What the reason means, for people.
    pub reason_label: String,
    /// When it was taken, local time, "26-11-2026 08:15".
    pub taken: String,
    #[ts(type = "number")]
    pub bytes: u64,
    #[ts(type = "number")]
    pub schema_version: i64,
    /// Scans copied beside it.
    #[ts(type = "number")]
    pub scans: u64,
}

fn reason_label(reason: &str) -> String {
    match reason {
        "harian" => "Harian (pertama kali aplikasi dibuka hari itu)".into(),
        "sebelum-migrasi" => "Sebelum pembaruan skema database".into(),
        "sebelum-pemulihan" => "Database sebelum dipulihkan dari cadangan".into(),
        "manual" => "Dibuat oleh petugas".into(),
        r if r.starts_with("tutup-") => format!("Penutupan tahap {}", &r["tutup-".len()..]),
        r => r.to_string(),
    }
}

/// Takes a backup of `db` into `dir` (the automatic folder when `None`)
/// with its scans, and prunes old generations of the automatic folder.
pub async fn take(
    db: &Db,
    dir: Option<&Path>,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<BackupEntry> {
    let auto = store::folder_of(db.path());
    let dir = dir.map(Path::to_path_buf).unwrap_or_else(|| auto.clone());
    let dest = dir.join(store::file_name(now, reason));
    let manifest = store::snapshot(db.pool(), &dest, reason, now).await?;
    copy_scans(&db.scans_dir(), &dir.join("berkas"), &manifest.scans, true)?;
    if dir == auto {
        prune(&auto)?;
    }
    // The backup's manifest holds the chain's head; so does the anchor
    // beside the database from now on. (A failure here loses no backup.)
    let _ = audit::anchor(db, now).await;
    Ok(entry(&dest, &manifest))
}

/// A backup of `db` sealed with `passphrase` into one file in `dir`: the
/// copy and its manifest are made in a private folder beside the database,
/// sealed with the scans into `dir`, and the folder removed.
async fn take_sealed(
    db: &Db,
    dir: &Path,
    passphrase: &str,
    now: DateTime<Utc>,
) -> Result<BackupEntry> {
    sealed::check_passphrase(passphrase)?;
    let plain_name = store::file_name(now, "manual");
    let file_name = format!("{}{}", plain_name.trim_end_matches(".db"), sealed::SUFFIX);
    let dest = dir.join(&file_name);
    if dest.exists() {
        return Err(Error::validation(
            "cadangan",
            format!("Berkas cadangan {} sudah ada.", dest.display()),
        ));
    }
    crate::private::dir(dir).map_err(|e| Error::io_at("membuat folder cadangan", dir, e))?;
    let parent = db.path().parent().unwrap_or_else(|| Path::new("."));
    let work = sealed::Workspace::new(parent, "cadangan-terkunci")?;
    let manifest = store::snapshot(db.pool(), &work.db(), "manual", now).await?;
    let (copy, scans_dir, names, to) = (
        work.db(),
        db.scans_dir(),
        manifest.scans.clone(),
        dest.clone(),
    );
    let passphrase = passphrase.to_owned();
    let (bytes, scans) = tokio::task::spawn_blocking(move || {
        sealed::seal(&copy, &scans_dir, &names, &to, &passphrase)
    })
    .await
    .map_err(|e| Error::Internal(e.to_string()))??;
    drop(work);
    let _ = audit::anchor(db, now).await;
    Ok(BackupEntry {
        bytes,
        scans,
        ..entry(&dest, &manifest)
    })
}

fn entry(path: &Path, m: &Manifest) -> BackupEntry {
    let taken = local_time(&m.created_at);
    BackupEntry {
        path: path.display().to_string(),
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        reason: m.reason.clone(),
        reason_label: reason_label(&m.reason),
        taken,
        bytes: m.bytes,
        schema_version: m.schema_version,
        scans: m.scans.len() as u64,
    }
}

/// Copies the scans a backup points to from `from` into `to`, skipping
/// those already there (they are named by their hash). A scan missing from
/// `from` is skipped: the backup still holds the database. Only a regular
/// file under a scan's name is copied (a link or a folder is not followed),
/// and only when its bytes still have the hash it is named by; what was
/// left behind is returned with the count. `link`: the source is this
/// installation's own folder, and a hard link (no space used when both
/// folders are on one disk) may stand for a copy.
fn copy_scans(from: &Path, to: &Path, names: &[String], link: bool) -> Result<(u64, Vec<String>)> {
    let mut copied = 0;
    let mut left = Vec::new();
    for name in names {
        if !scan::is_stored_name(name) {
            left.push(name.clone());
            continue;
        }
        let (src, dst) = (from.join(name), to.join(name));
        let regular = std::fs::symlink_metadata(&src).is_ok_and(|m| m.file_type().is_file());
        if dst.exists() || !regular {
            if !dst.exists() {
                left.push(name.clone());
            }
            continue;
        }
        crate::private::dir(to).map_err(|e| Error::io_at("membuat folder", to, e))?;
        if link && std::fs::hard_link(&src, &dst).is_ok() {
            copied += 1;
            continue;
        }
        let tmp = to.join(format!(".{name}.part"));
        std::fs::copy(&src, &tmp)
            .and_then(|_| crate::private::restrict(&tmp))
            .and_then(|()| crate::durable::sync_file(&tmp))
            .map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                Error::io_at("menyalin berkas pindaian", &dst, e)
            })?;
        // The bytes must still be the ones the name is the hash of.
        let hash = name.split('.').next().unwrap_or_default();
        if store::sha256_of(&tmp)? != hash {
            let _ = std::fs::remove_file(&tmp);
            left.push(name.clone());
            continue;
        }
        std::fs::rename(&tmp, &dst).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Error::io_at("menyalin berkas pindaian", &dst, e)
        })?;
        copied += 1;
    }
    Ok((copied, left))
}

/// Removes the oldest automatic backups beyond the kept generations.
fn prune(dir: &Path) -> Result<()> {
    let mut all = list_dir(dir)?;
    all.sort_by(|a, b| b.file_name.cmp(&a.file_name));
    for (reason, keep) in KEEP {
        for old in all.iter().filter(|e| e.reason == reason).skip(keep) {
            let path = PathBuf::from(&old.path);
            std::fs::remove_file(&path)
                .map_err(|e| Error::io_at("menghapus cadangan lama", &path, e))?;
            let _ = std::fs::remove_file(store::manifest_path(&path));
        }
    }
    Ok(())
}

/// The backups in a folder that have a manifest, newest first.
fn list_dir(dir: &Path) -> Result<Vec<BackupEntry>> {
    let read = match std::fs::read_dir(dir) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io_at("membaca folder cadangan", dir, e)),
    };
    let mut out = Vec::new();
    for item in read.flatten() {
        let path = item.path();
        let is_db = path.extension().is_some_and(|x| x == "db")
            && path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("seleksi-adhoc-"));
        if !is_db {
            continue;
        }
        if let Ok(Some(m)) = store::read_manifest(&path) {
            out.push(entry(&path, &m));
        }
    }
    out.sort_by(|a, b| b.file_name.cmp(&a.file_name));
    Ok(out)
}

/// The automatic backups, newest first. Administrators only.
pub async fn list(db: &Db, session: &Session) -> Result<Vec<BackupEntry>> {
    session.require(Operation::ManageBackups)?;
    list_dir(&store::folder_of(db.path()))
}

/// A backup by hand into `dir` (e.g. a USB drive), sealed with
/// `passphrase` when one is given ([`sealed`]). Administrators only.
pub async fn manual(
    db: &Db,
    session: &Session,
    dir: &Path,
    passphrase: Option<&str>,
    now: DateTime<Utc>,
) -> Result<BackupEntry> {
    session.require(Operation::ManageBackups)?;
    let done = match passphrase {
        None => take(db, Some(dir), "manual", now).await?,
        Some(passphrase) => take_sealed(db, dir, passphrase, now).await?,
    };
    let mut tx = db.begin_write().await?;
    let change = Change::new("backup.manual", "database", &done.file_name).after(json!({
        "path": done.path,
        "bytes": done.bytes,
        "sealed": passphrase.is_some(),
    }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(done)
}

/// The daily backup, if none was taken today (local date) yet.
pub async fn daily_if_due(db: &Db, now: DateTime<Utc>) -> Result<Option<BackupEntry>> {
    let dir = store::folder_of(db.path());
    let today = now
        .with_timezone(&Local)
        .format("seleksi-adhoc-%Y%m%d-")
        .to_string();
    let taken = list_dir(&dir)?
        .iter()
        .any(|e| e.reason == "harian" && e.file_name.starts_with(&today));
    if taken {
        return Ok(None);
    }
    take(db, None, "harian", now).await.map(Some)
}
