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
use crate::store::{candidate, known_schema_version, meta, users, Db, OpenMode};

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
    Ok(entry(&dest, &manifest))
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
        std::fs::create_dir_all(to).map_err(|e| Error::io_at("membuat folder", to, e))?;
        if link && std::fs::hard_link(&src, &dst).is_ok() {
            copied += 1;
            continue;
        }
        let tmp = to.join(format!(".{name}.part"));
        std::fs::copy(&src, &tmp)
            .and_then(|_| crate::durable::sync_file(&tmp))
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

/// A backup by hand into `dir` (e.g. a USB drive). Administrators only.
pub async fn manual(
    db: &Db,
    session: &Session,
    dir: &Path,
    now: DateTime<Utc>,
) -> Result<BackupEntry> {
    session.require(Operation::ManageBackups)?;
    let done = take(db, Some(dir), "manual", now).await?;
    let mut tx = db.begin_write().await?;
    let change = Change::new("backup.manual", "database", &done.file_name)
        .after(json!({ "path": done.path, "bytes": done.bytes }));
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

// ---- restore -------------------------------------------------------------------

/// What a backup holds, shown before it is restored.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RestoreCheck {
    pub path: String,
    pub sha256: String,
    /// "ada, cocok" / "tidak ada" (a copy made without this program).
    pub manifest: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    pub kabupaten: String,
    /// One line per round: "Pemilu 2024 – PPK (tahap: Masa kerja)".
    pub rounds: Vec<String>,
    #[ts(type = "number")]
    pub applicants: i64,
    #[ts(type = "number")]
    pub audit_entries: i64,
    /// The newest audit entry: "26-11-2026 08:15 admin: stage.close".
    pub last_audit: Option<String>,
    /// Scans the database points to that are neither in the backup's
    /// `berkas/` nor in the current one.
    pub scans_missing: Vec<String>,
    /// After a restore: what could not be finished once the file was
    /// replaced (the restore itself stands).
    pub warning: Option<String>,
}

fn refused(message: String) -> Error {
    Error::validation("berkas", message)
}

/// Checks a backup file against the database at `live` without changing
/// anything; returns what it holds and the checked (and migrated) copy,
/// staged beside the live database for [`restore`].
async fn check(live: &Path, file: &Path, now: DateTime<Utc>) -> Result<(RestoreCheck, PathBuf)> {
    let mut header = [0u8; 16];
    let read =
        std::fs::File::open(file).and_then(|mut f| std::io::Read::read_exact(&mut f, &mut header));
    match read {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(refused(format!(
                "Berkas {} tidak ditemukan.",
                file.display()
            )))
        }
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            return Err(refused(format!(
                "Berkas {} bukan database SQLite.",
                file.display()
            )))
        }
        Err(e) => return Err(Error::io_at("membaca", file, e)),
        Ok(()) if &header != b"SQLite format 3\0" => {
            return Err(refused(format!(
                "Berkas {} bukan database SQLite.",
                file.display()
            )))
        }
        Ok(()) => {}
    }
    let sha256 = store::sha256_of(file)?;
    let manifest = match store::read_manifest(file)? {
        Some(m) if m.sha256 != sha256 => {
            return Err(refused(format!(
                "Isi berkas tidak cocok dengan manifestnya (SHA-256 {}, seharusnya {}): berkas berubah atau rusak setelah dicadangkan.",
                &sha256[..12],
                &m.sha256[..12.min(m.sha256.len())]
            )))
        }
        Some(_) => "ada, cocok".to_string(),
        None => "tidak ada (salinan dibuat tanpa aplikasi ini)".to_string(),
    };
    // Read-only checks of the file itself.
    let (schema_version, kabupaten_code) = {
        let mut conn = store::open_read_only(file).await.map_err(|_| {
            refused(format!(
                "Berkas {} rusak atau tidak dapat dibuka sebagai database.",
                file.display()
            ))
        })?;
        let conn_ref = &mut conn;
        let checked: Result<(i64, String)> = async {
            let facts = store::file_facts(conn_ref)
                .await
                .map_err(|e| refused(format!("Berkas database rusak: {e}.")))?;
            if facts.integrity != ["ok"] {
                return Err(refused(format!(
                    "Berkas database rusak (integrity_check: {}).",
                    facts.integrity.join("; ")
                )));
            }
            let Some(code) = facts.kabupaten_code else {
                return Err(refused(
                    "Berkas ini bukan database Seleksi Ad Hoc (atau belum disiapkan).".into(),
                ));
            };
            let version = facts.schema_version.unwrap_or(0);
            // Exactly what the migrations make for its version: a trigger,
            // view or table it brings could act once it is live. (A newer
            // version is refused below.)
            if version <= known_schema_version() {
                let theirs = candidate::schema_of(conn_ref).await?;
                let ours = candidate::reference_schema(version).await?;
                let differs = candidate::differences(&theirs, &ours, 5);
                if !differs.is_empty() {
                    return Err(refused(format!(
                        "Susunan database di cadangan ini tidak sama dengan buatan aplikasi ({}). Berkas tidak dipulihkan: isi tambahan seperti itu dapat bertindak sendiri setelah dipulihkan.",
                        differs.join("; ")
                    )));
                }
            }
            Ok((version, code))
        }
        .await;
        // Closed now, not whenever the connection's thread gets to it: Windows
        // cannot replace a file that is still open.
        let _ = sqlx::Connection::close(conn).await;
        checked?
    };
    if schema_version > known_schema_version() {
        return Err(refused(format!(
            "Cadangan ini dibuat oleh versi aplikasi yang lebih baru (skema {schema_version}, aplikasi ini mengenal sampai {}). Perbarui aplikasi dulu.",
            known_schema_version()
        )));
    }
    // The current database's kabupaten, when there is one.
    if live.exists() {
        let mut conn = store::open_read_only(live).await?;
        let current = store::kabupaten_code(&mut conn).await.unwrap_or(None);
        let _ = sqlx::Connection::close(conn).await;
        if let Some(current) = current.filter(|c| *c != kabupaten_code) {
            return Err(refused(format!(
                "Cadangan ini milik KPU dengan kode wilayah {kabupaten_code}, bukan {current} (database ini). Berkas tidak dipulihkan."
            )));
        }
    }

    // A copy beside the live database, migrated and checked as it will be used.
    let dir = live.parent().unwrap_or_else(|| Path::new("."));
    let staged = dir.join(format!(
        ".pemulihan-{}.db",
        now.with_timezone(&Local).format("%Y%m%d%H%M%S")
    ));
    discard(&staged);
    std::fs::copy(file, &staged)
        .and_then(|_| crate::durable::sync_file(&staged))
        .map_err(|e| Error::io_at("menyalin cadangan", &staged, e))?;
    let summary = async {
        let db = Db::open(&staged, OpenMode::Restoring).await?;
        let result = summarize(&db).await;
        db.close().await;
        // Closed and checkpointed: the file alone is the whole copy.
        remove_companions(&staged, false)?;
        result
    }
    .await;
    let (kabupaten, rounds, applicants, report, last_audit, needed) = match summary {
        Ok(s) => s,
        Err(e) => {
            discard(&staged);
            return Err(e);
        }
    };
    // Scan names come from the file: only hashes may name files.
    if let Some(bad) = needed.iter().find(|n| !scan::is_stored_name(n)) {
        discard(&staged);
        let shown: String = bad.chars().take(40).collect();
        return Err(refused(format!(
            "Cadangan ini menunjuk berkas pindaian dengan nama tidak sah (\"{shown}\"). Berkas tidak dipulihkan."
        )));
    }
    if let Some(id) = report.first_broken {
        discard(&staged);
        return Err(refused(format!(
            "Jejak audit di cadangan ini rusak mulai catatan {id}: {} Berkas tidak dipulihkan.",
            report.problem.unwrap_or_default()
        )));
    }
    let backup_scans = file
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("berkas");
    let live_scans = dir.join("berkas");
    let scans_missing = needed
        .into_iter()
        .filter(|n| !backup_scans.join(n).exists() && !live_scans.join(n).exists())
        .collect();
    Ok((
        RestoreCheck {
            path: file.display().to_string(),
            sha256,
            manifest,
            schema_version,
            kabupaten,
            rounds,
            applicants,
            audit_entries: report.entries,
            last_audit,
            scans_missing,
            warning: None,
        },
        staged,
    ))
}

/// Removes the WAL and shared-memory files of a closed database; unless
/// `force`, a WAL that still holds pages is an error (they would be lost).
fn remove_companions(db: &Path, force: bool) -> Result<()> {
    let with = |suffix: &str| {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        PathBuf::from(p)
    };
    let wal = with("-wal");
    if !force && std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        return Err(Error::Internal(format!(
            "{} masih berisi perubahan yang belum masuk ke database",
            wal.display()
        )));
    }
    let _ = std::fs::remove_file(&wal);
    let _ = std::fs::remove_file(with("-shm"));
    Ok(())
}

/// Removes a staged copy and its companions.
fn discard(staged: &Path) {
    let _ = std::fs::remove_file(staged);
    let _ = remove_companions(staged, true);
}

type Summary = (
    String,
    Vec<String>,
    i64,
    crate::domain::audit::ChainReport,
    Option<String>,
    Vec<String>,
);

async fn summarize(db: &Db) -> Result<Summary> {
    let report = audit::verify(db).await?;
    let mut conn = db.pool().acquire().await?;
    let kabupaten = meta::get(&mut *conn, meta::KABUPATEN_NAME)
        .await?
        .unwrap_or_default();
    let held = store::contents(&mut conn).await?;
    let rounds = held
        .rounds
        .into_iter()
        .map(|(name, stage)| {
            let label = crate::domain::round::Stage::parse(&stage)
                .map(|s| s.label().to_string())
                .unwrap_or(stage);
            format!("{name} (tahap: {label})")
        })
        .collect();
    let applicants = held.applicants;
    let last_audit = held
        .last_audit
        .map(|(at, user, action)| format!("{} {user}: {action}", local_time(&at)));
    let scans = store::scans(&mut conn).await?;
    Ok((kabupaten, rounds, applicants, report, last_audit, scans))
}

/// Checks a backup file and says what it holds, changing nothing.
/// Administrators only (the command line acts as the installation).
pub async fn inspect(
    live: &Path,
    session: &Session,
    file: &Path,
    now: DateTime<Utc>,
) -> Result<RestoreCheck> {
    session.require(Operation::ManageBackups)?;
    let (check, staged) = check(live, file, now).await?;
    discard(&staged);
    Ok(check)
}

/// Restores a backup over the database at `live`, which nothing may have
/// open: checks it, keeps the current database as a backup
/// (`sebelum-pemulihan`), swaps the checked copy in with one rename, brings
/// back the scans it points to, and records the restore in its audit trail.
pub async fn restore(
    live: &Path,
    session: &Session,
    file: &Path,
    now: DateTime<Utc>,
) -> Result<RestoreCheck> {
    session.require(Operation::ManageBackups)?;
    let (check, staged) = check(live, file, now).await?;
    let swapped = async {
        if live.exists() {
            let current = Db::open(live, OpenMode::MustExist).await?;
            let kept = take(&current, None, "sebelum-pemulihan", now).await;
            current.close().await;
            kept?;
        }
        // The live file's WAL belongs to the old database: after the close
        // above it is checkpointed and empty, and must not outlive it.
        remove_companions(live, false)?;
        crate::durable::replace(&staged, live)
            .map_err(|e| Error::io_at("mengganti database", live, e))?;
        if let Some(dir) = live.parent() {
            crate::durable::sync_dir(dir);
        }
        Ok::<_, Error>(())
    }
    .await;
    if let Err(e) = swapped {
        discard(&staged);
        return Err(e);
    }
    // The file is replaced: from here on nothing may fail the restore; what
    // went wrong after it is said with the result.
    let mut check = check;
    if let Err(e) = after_swap(live, session, file, &check, now).await {
        check.warning = Some(format!(
            "Database sudah dipulihkan, tetapi pindaian atau catatan audit pemulihan tidak dapat diselesaikan: {e}"
        ));
    }
    Ok(check)
}

/// Brings back the scans a restored database points to and records the
/// restore in its audit trail, under the acting account when the restored
/// database has it (same id and name), else under the name alone.
async fn after_swap(
    live: &Path,
    session: &Session,
    file: &Path,
    check: &RestoreCheck,
    now: DateTime<Utc>,
) -> Result<()> {
    let db = Db::open(live, OpenMode::MustExist).await?;
    let result = async {
        let mut conn = db.pool().acquire().await?;
        let needed = store::scans(&mut conn).await?;
        let actor = match session.user_id {
            Some(id) => users::same_account(&mut conn, id, &session.username).await?,
            None => None,
        };
        drop(conn);
        let from = file
            .parent()
            .unwrap_or_else(|| Path::new("."))
            .join("berkas");
        let (brought, left) = copy_scans(&from, &db.scans_dir(), &needed, false)?;
        let acting = Session {
            user_id: actor,
            ..session.clone()
        };
        let mut tx = db.begin_write().await?;
        let change = Change::new("backup.restored", "database", check.sha256.clone()).after(json!({
            "file": check.path,
            "sha256": check.sha256,
            "scans_copied": brought,
            "scans_missing": check.scans_missing,
            "scans_refused": left.iter().filter(|n| !check.scans_missing.contains(n)).collect::<Vec<_>>(),
        }));
        audit::record(&mut tx, &acting, now, change).await?;
        tx.commit().await?;
        Ok(())
    }
    .await;
    db.close().await;
    result
}
