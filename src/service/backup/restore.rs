//! Restoring a backup: a file from outside, checked as hostile (its schema
//! exactly the migrations', scan names only hashes, its audit chain intact
//! and, unless said otherwise, a continuation of this database's), staged
//! beside the live database, swapped in with one rename; after the swap
//! nothing fails the restore.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Local, Utc};
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use super::{copy_scans, sealed, take};
use crate::domain::permission::{Operation, Session};
use crate::domain::scan;
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::service::local_time;
use crate::store::audit as audit_store;
use crate::store::backup as store;
use crate::store::{candidate, known_schema_version, meta, users, Db, OpenMode};

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
    /// Whether the backup's audit chain and this database's share their
    /// entries up to the shorter one: a backup of this database. Otherwise
    /// (another office's database, a copy from before another restore) the
    /// restore asks to be told so ([`restore`]'s `from_elsewhere`).
    pub continues: bool,
    /// The file was sealed with a passphrase (and opened with it).
    pub sealed: bool,
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
        .and_then(|_| crate::private::restrict(&staged))
        .and_then(|()| crate::durable::sync_file(&staged))
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
    // Read-only reading leaves (empty) companion files behind: removed,
    // so that the staged file alone is the copy.
    let continues = match continues_chain(live, &staged)
        .await
        .and_then(|c| remove_companions(&staged, false).map(|()| c))
    {
        Ok(c) => c,
        Err(e) => {
            discard(&staged);
            return Err(e);
        }
    };
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
            continues,
            sealed: false,
            warning: None,
        },
        staged,
    ))
}

/// Whether the audit chains of the live database and of a (closed, staged)
/// backup agree up to the shorter one. No live database, or an empty
/// chain on either side, has nothing to disagree with.
async fn continues_chain(live: &Path, staged: &Path) -> Result<bool> {
    if !live.exists() {
        return Ok(true);
    }
    let mut theirs = store::open_read_only(staged).await?;
    let mut ours = store::open_read_only(live).await?;
    let result = async {
        let (n_backup, h_backup) = audit_store::head(&mut theirs).await?;
        let (n_live, h_live) = audit_store::head(&mut ours).await?;
        Ok::<_, Error>(match (h_backup, h_live) {
            (Some(h), Some(_)) if n_backup <= n_live => {
                audit_store::hash_at(&mut ours, n_backup).await? == Some(h)
            }
            (Some(_), Some(h)) => audit_store::hash_at(&mut theirs, n_live).await? == Some(h),
            _ => true,
        })
    }
    .await;
    // Closed now: Windows cannot replace a file still open.
    let _ = sqlx::Connection::close(theirs).await;
    let _ = sqlx::Connection::close(ours).await;
    result
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

/// A sealed backup opened with `passphrase` into a private folder beside
/// the live database (removed when the result is dropped); `None` for a
/// plain backup, which is read where it is.
async fn unseal(
    live: &Path,
    file: &Path,
    passphrase: Option<&str>,
) -> Result<Option<sealed::Workspace>> {
    if !sealed::is_sealed(file)? {
        return Ok(None);
    }
    let work = live
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .to_path_buf();
    let (file, passphrase) = (file.to_path_buf(), passphrase.map(str::to_owned));
    tokio::task::spawn_blocking(move || sealed::open(&file, passphrase.as_deref(), &work))
        .await
        .map_err(|e| Error::Internal(e.to_string()))?
        .map(Some)
}

/// Checks `file` (opened first when sealed) against the live database; the
/// result names `file` itself.
async fn check_file(
    live: &Path,
    file: &Path,
    opened: Option<&sealed::Workspace>,
    now: DateTime<Utc>,
) -> Result<(RestoreCheck, PathBuf)> {
    let source = opened.map(sealed::Workspace::db);
    let (mut check, staged) = check(live, source.as_deref().unwrap_or(file), now).await?;
    check.path = file.display().to_string();
    check.sealed = opened.is_some();
    Ok((check, staged))
}

/// Checks a backup file and says what it holds, changing nothing; a sealed
/// one needs its `passphrase`. Administrators only (the command line acts
/// as the installation).
pub async fn inspect(
    live: &Path,
    session: &Session,
    file: &Path,
    passphrase: Option<&str>,
    now: DateTime<Utc>,
) -> Result<RestoreCheck> {
    session.require(Operation::ManageBackups)?;
    let opened = unseal(live, file, passphrase).await?;
    let (check, staged) = check_file(live, file, opened.as_ref(), now).await?;
    discard(&staged);
    Ok(check)
}

/// Restores a backup over the database at `live`, which nothing may have
/// open: checks it (a backup that does not continue this database's audit
/// chain only with `from_elsewhere`), keeps the current database as a backup
/// (`sebelum-pemulihan`), swaps the checked copy in with one rename, brings
/// back the scans it points to, and records the restore in its audit trail.
/// A sealed backup needs its `passphrase`.
pub async fn restore(
    live: &Path,
    session: &Session,
    file: &Path,
    passphrase: Option<&str>,
    from_elsewhere: bool,
    now: DateTime<Utc>,
) -> Result<RestoreCheck> {
    session.require(Operation::ManageBackups)?;
    let opened = unseal(live, file, passphrase).await?;
    let (check, staged) = check_file(live, file, opened.as_ref(), now).await?;
    if !check.continues && !from_elsewhere {
        discard(&staged);
        return Err(refused(
            "Cadangan ini bukan cadangan dari database ini: jejak auditnya berbeda (dari kantor lain, atau dari sebelum pemulihan lain). Bila memang itu yang hendak dipulihkan, ulangi dan nyatakan bahwa cadangan berasal dari tempat lain.".into(),
        ));
    }
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
    let source = opened.as_ref().map(sealed::Workspace::db);
    let source = source.as_deref().unwrap_or(file);
    if let Err(e) = after_swap(live, session, source, &check, now).await {
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
        // The chain is now the backup's: the anchor follows it.
        audit::reanchor(&db, now).await
    }
    .await;
    db.close().await;
    result
}
