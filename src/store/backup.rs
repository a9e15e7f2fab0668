//! Consistent copies of the live database: `VACUUM INTO` (never a plain
//! file copy, which could catch a WAL database between a transaction and
//! its checkpoint) to a temporary name, flushed and renamed, with a
//! manifest beside it: time, reason, app and schema version, SHA-256, row
//! counts per table, and the scans the copy points to.
//!
//! The lower half of backups: it knows files and SQL, no policies. It lives
//! in the store so that [`super::Db::open`] can take a copy before it
//! migrates.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Local, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::{Connection, SqliteConnection, SqlitePool};
use ts_rs::TS;

use crate::domain::audit::Anchor;
use crate::error::{Error, Result};

/// File name suffix of a manifest: `<backup>.db.json`.
pub const MANIFEST_SUFFIX: &str = ".json";

/// What a backup holds, written beside it as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Manifest {
    /// When it was taken (RFC 3339, UTC).
    pub created_at: String,
    /// Why: `harian`, `tutup-tahap`, `sebelum-migrasi`, `manual`,
    /// `sebelum-pemulihan`.
    pub reason: String,
    pub app_version: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    /// SHA-256 of the database file, hex.
    pub sha256: String,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Rows per table.
    #[ts(type = "Record<string, number>")]
    pub tables: BTreeMap<String, i64>,
    /// The scans (`<sha256>.<ext>`) the database points to.
    pub scans: Vec<String>,
    /// The head of its audit chain (absent in manifests of older versions).
    #[serde(default)]
    pub audit: Option<Anchor>,
}

/// The folder of automatic backups of the database at `db_path`:
/// `cadangan/` beside it.
pub fn folder_of(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("cadangan")
}

/// The name of a backup taken at `at` for `reason`:
/// `seleksi-adhoc-20261126-081500-harian.db`.
pub fn file_name(at: DateTime<Utc>, reason: &str) -> String {
    format!(
        "seleksi-adhoc-{}-{reason}.db",
        at.with_timezone(&Local).format("%Y%m%d-%H%M%S")
    )
}

/// Writes a consistent copy of the database behind `pool` to `dest` (which
/// must not exist) and its manifest beside it. The copy appears under its
/// name only once complete.
pub async fn snapshot(
    pool: &SqlitePool,
    dest: &Path,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<Manifest> {
    if dest.exists() {
        return Err(Error::validation(
            "cadangan",
            format!("Berkas cadangan {} sudah ada.", dest.display()),
        ));
    }
    let dir = dest.parent().unwrap_or_else(|| Path::new("."));
    crate::private::dir(dir).map_err(|e| io("membuat folder cadangan", dir, e))?;
    let tmp = dir.join(format!(
        ".{}.part",
        dest.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    ));
    let _ = std::fs::remove_file(&tmp);
    let done = async {
        sqlx::query("VACUUM INTO ?")
            .bind(tmp.to_string_lossy().as_ref())
            .execute(pool)
            .await?;
        crate::private::restrict(&tmp)
            .and_then(|()| crate::durable::sync_file(&tmp))
            .map_err(|e| io("menulis cadangan", &tmp, e))?;
        let manifest = describe(&tmp, reason, now).await?;
        std::fs::rename(&tmp, dest).map_err(|e| io("menulis cadangan", dest, e))?;
        write_manifest(dest, &manifest)?;
        Ok::<_, Error>(manifest)
    }
    .await;
    if done.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    done
}

/// Where the manifest of `backup` is.
pub fn manifest_path(backup: &Path) -> PathBuf {
    let mut name = backup.as_os_str().to_owned();
    name.push(MANIFEST_SUFFIX);
    PathBuf::from(name)
}

fn write_manifest(backup: &Path, m: &Manifest) -> Result<()> {
    let path = manifest_path(backup);
    let text = serde_json::to_string_pretty(m).map_err(|e| Error::Internal(e.to_string()))?;
    let tmp = path.with_extension("json.part");
    crate::private::write(&tmp, text.as_bytes())
        .and_then(|()| crate::durable::sync_file(&tmp))
        .and_then(|()| std::fs::rename(&tmp, &path))
        .map_err(|e| io("menulis manifest cadangan", &path, e))
}

/// Reads the manifest beside a backup, if there is one.
pub fn read_manifest(backup: &Path) -> Result<Option<Manifest>> {
    let path = manifest_path(backup);
    let file = match std::fs::File::open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io("membaca manifest", &path, e)),
    };
    let broken = |why: String| {
        Error::validation(
            "cadangan",
            format!("Manifest {} rusak: {why}.", path.display()),
        )
    };
    // A manifest lists the scans by name: a few MB for the largest office.
    let text = crate::bounded_read::read_at_most(file, MANIFEST_MAX_BYTES)
        .map_err(|e| io("membaca manifest", &path, e))?
        .ok_or_else(|| broken(format!("lebih dari {} MB", MANIFEST_MAX_BYTES >> 20)))?;
    serde_json::from_slice(&text)
        .map(Some)
        .map_err(|e| broken(e.to_string()))
}

/// Largest manifest read.
pub const MANIFEST_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The manifest of a database file: its hash, schema version, row counts
/// and scans. The file is opened read-only and not changed.
pub async fn describe(file: &Path, reason: &str, now: DateTime<Utc>) -> Result<Manifest> {
    let sha256 = sha256_of(file)?;
    let bytes = std::fs::metadata(file)
        .map_err(|e| io("membaca", file, e))?
        .len();
    let mut conn = open_read_only(file).await?;
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(&mut conn)
    .await?;
    let mut tables = BTreeMap::new();
    for name in names {
        let count: i64 = sqlx::query_scalar(&format!(
            "SELECT count(*) FROM \"{}\"",
            name.replace('"', "\"\"")
        ))
        .fetch_one(&mut conn)
        .await?;
        tables.insert(name, count);
    }
    let schema_version = if tables.contains_key("_sqlx_migrations") {
        sqlx::query_scalar::<_, Option<i64>>(
            "SELECT MAX(version) FROM _sqlx_migrations WHERE success = 1",
        )
        .fetch_one(&mut conn)
        .await?
        .unwrap_or(0)
    } else {
        0
    };
    let scans = scans(&mut conn).await?;
    let audit = match super::audit::head(&mut conn).await {
        Ok((entries, Some(hash))) => Some(Anchor {
            entries,
            hash,
            at: now.to_rfc3339(),
        }),
        _ => None,
    };
    conn.close().await?;
    Ok(Manifest {
        created_at: now.to_rfc3339(),
        reason: reason.to_string(),
        app_version: env!("CARGO_PKG_VERSION").to_string(),
        schema_version,
        sha256,
        bytes,
        tables,
        scans,
        audit,
    })
}

/// The scan files (`<sha256>.<ext>`) a database points to (none from tables
/// an old schema does not have yet).
pub async fn scans(conn: &mut SqliteConnection) -> Result<Vec<String>> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('document_attachments', 'public_responses')",
    )
    .fetch_all(&mut *conn)
    .await?;
    let has = |t: &str| tables.iter().any(|n| n == t);
    let mut out = Vec::new();
    let ext = |media: &str| match media {
        "application/pdf" => "pdf",
        "image/png" => "png",
        _ => "jpg",
    };
    if has("document_attachments") {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT DISTINCT sha256, media_type FROM document_attachments")
                .fetch_all(&mut *conn)
                .await?;
        out.extend(rows.into_iter().map(|(h, m)| format!("{h}.{}", ext(&m))));
    }
    if has("public_responses") {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT DISTINCT attachment_sha256, attachment_type FROM public_responses
             WHERE attachment_sha256 IS NOT NULL AND attachment_type IS NOT NULL",
        )
        .fetch_all(&mut *conn)
        .await?;
        out.extend(rows.into_iter().map(|(h, m)| format!("{h}.{}", ext(&m))));
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// What a database file says about itself, read before it is trusted.
pub struct FileFacts {
    /// `PRAGMA integrity_check`: `["ok"]` when sound.
    pub integrity: Vec<String>,
    /// The kabupaten it was set up for, if it is a database of this app.
    pub kabupaten_code: Option<String>,
    pub schema_version: Option<i64>,
}

/// Reads a file's integrity, kabupaten and schema version; a file without
/// the app's tables has no kabupaten and no version (not an error).
pub async fn file_facts(conn: &mut SqliteConnection) -> Result<FileFacts> {
    let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut *conn)
        .await?;
    let kabupaten_code = kabupaten_code(conn).await.unwrap_or(None);
    let schema_version: Option<i64> =
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = 1")
            .fetch_one(&mut *conn)
            .await
            .unwrap_or(None);
    Ok(FileFacts {
        integrity,
        kabupaten_code,
        schema_version,
    })
}

/// The kabupaten a database was set up for.
pub async fn kabupaten_code(conn: &mut SqliteConnection) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT value FROM app_meta WHERE key = 'kabupaten_code'")
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// What a database holds, to show before it is restored.
pub struct Contents {
    /// (name, current stage) of each round, oldest first.
    pub rounds: Vec<(String, String)>,
    pub applicants: i64,
    /// (time, user, action) of the newest audit entry.
    pub last_audit: Option<(String, String, String)>,
}

pub async fn contents(conn: &mut SqliteConnection) -> Result<Contents> {
    let rounds = sqlx::query_as("SELECT name, current_stage FROM rounds ORDER BY id")
        .fetch_all(&mut *conn)
        .await?;
    let applicants = sqlx::query_scalar("SELECT count(*) FROM applicants")
        .fetch_one(&mut *conn)
        .await?;
    let last_audit =
        sqlx::query_as("SELECT at, username, action FROM audit_log ORDER BY id DESC LIMIT 1")
            .fetch_optional(&mut *conn)
            .await?;
    Ok(Contents {
        rounds,
        applicants,
        last_audit,
    })
}

pub use super::candidate::open_read_only;

/// SHA-256 of a file, hex.
pub fn sha256_of(file: &Path) -> Result<String> {
    let mut f = std::fs::File::open(file).map_err(|e| io("membaca", file, e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf).map_err(|e| io("membaca", file, e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

fn io(what: &str, path: &Path, e: std::io::Error) -> Error {
    Error::io_at(what, path, e)
}
