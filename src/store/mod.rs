//! SQLite storage through sqlx: the only place that writes SQL.
//!
//! [`Db::open`] is the one way to get a database: it sets the connection
//! options (WAL, foreign keys, busy timeout, `synchronous=FULL`), refuses a
//! schema newer than this program and applies pending migrations.

// The one module allowed to write queries (clippy.toml forbids them elsewhere).
#![allow(clippy::disallowed_methods)]

pub mod anchor;
pub mod answer_keys;
pub mod applicant_search;
pub mod applicants;
pub mod attendance;
pub mod audit;
pub mod backup;
pub mod candidate;
pub mod continuity;
pub mod extensions;
pub mod interview;
pub mod meta;
pub mod parties;
pub mod publications;
pub(crate) mod raw;
pub mod reconciliation;
pub mod regions;
pub mod responses;
pub mod round_facts;
pub mod rounds;
pub mod seat_holders;
pub mod seating;
pub mod selection;
pub mod sheet_mappings;
pub mod stages;
pub mod test_sites;
pub mod users;
pub mod verification;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use crate::error::{Error, Result};

/// The migrations in `migrations/`, embedded in the program.
pub static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// Whether opening may create a new, empty database file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Create the file (and its folder) when it does not exist.
    CreateIfMissing,
    /// The file must exist already.
    MustExist,
    /// A copy being checked before a restore: must exist, and is migrated
    /// without taking a backup of it first.
    Restoring,
}

/// An open database.
#[derive(Clone, Debug)]
pub struct Db {
    pool: SqlitePool,
    path: PathBuf,
    /// What tells the file apart from another at the same path, when it
    /// was opened (see [`identity`]).
    identity: Option<(u64, u64)>,
}

/// Device and inode of the file: a file deleted, moved away or replaced by
/// another at the same path has other ones.
#[cfg(unix)]
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

/// The file's creation time (100 ns since 1601). Windows keeps a file that
/// SQLite holds open from being deleted or renamed, so what is left to see
/// is a file replaced while the app was closed between two opens of the
/// same `Db`, or swapped by a restore: a new file has a new creation time.
/// (The volume serial and file index would be exact, but are not stable
/// Rust API yet; Windows may reuse the creation time of a file deleted and
/// made again within 15 seconds.)
#[cfg(windows)]
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::windows::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.creation_time(), 0))
}

/// Elsewhere only whether the file is there.
#[cfg(not(any(unix, windows)))]
fn identity(path: &Path) -> Option<(u64, u64)> {
    std::fs::metadata(path).ok().map(|_| (0, 0))
}

/// How every writing transaction begins (see [`Db::begin_write`]; a use case
/// that needs its own connection, e.g. to size the cache for a bulk import,
/// begins with it through [`begin_write_on`]).
const BEGIN_WRITE: &str = "BEGIN IMMEDIATE";

/// [`Db::begin_write`] on a connection the caller holds.
pub async fn begin_write_on(
    conn: &mut sqlx::SqliteConnection,
) -> Result<sqlx::Transaction<'_, sqlx::Sqlite>> {
    Ok(sqlx::Connection::begin_with(conn, BEGIN_WRITE).await?)
}

impl Db {
    /// Opens (or creates) the database at `path` and brings its schema up to date.
    pub async fn open(path: &Path, mode: OpenMode) -> Result<Db> {
        if mode != OpenMode::CreateIfMissing && !path.exists() {
            return Err(Error::DatabaseMissing(path.display().to_string()));
        }
        if let Some(dir) = path.parent() {
            crate::private::dir(dir)?;
        }
        // Made (or kept) the owner's only before SQLite opens it: its WAL
        // and shared-memory files take the database file's mode.
        if mode == OpenMode::CreateIfMissing && !path.exists() {
            crate::private::create(path)?;
        }
        if path.exists() {
            crate::private::restrict(path)?;
        }
        let options = SqliteConnectOptions::from_str("sqlite:")?
            .filename(path)
            .create_if_missing(mode == OpenMode::CreateIfMissing)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: a committed registration survives a power cut (with
            // NORMAL in WAL it may roll back, and a number already printed
            // on a receipt would be issued again).
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        check_schema_not_newer(&pool).await?;
        // A database with data that an update is about to migrate is copied
        // first, so the update can be undone by restoring the copy.
        let version = if has_migrations_table(&pool).await? {
            schema_version(&pool).await?
        } else {
            0
        };
        if version > 0 && version < known_schema_version() && mode != OpenMode::Restoring {
            let now = chrono::Utc::now();
            let dest = backup::folder_of(path).join(backup::file_name(now, "sebelum-migrasi"));
            backup::snapshot(&pool, &dest, "sebelum-migrasi", now).await?;
        }
        MIGRATOR.run(&pool).await?;
        Ok(Db {
            pool,
            path: path.to_path_buf(),
            identity: identity(path),
        })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Begins a transaction that writes: it takes SQLite's write lock at
    /// once (`BEGIN IMMEDIATE`), so a use case that meets another writer
    /// waits for it (the busy timeout, 5 s) instead of failing when its
    /// first write comes after reads of data that has since changed.
    pub async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>> {
        Ok(self.pool.begin_with(BEGIN_WRITE).await?)
    }

    /// The folder of scanned documents: `berkas/` beside the database file,
    /// one file per scan named by its SHA-256.
    pub fn scans_dir(&self) -> PathBuf {
        self.path
            .parent()
            .unwrap_or_else(|| Path::new("."))
            .join("berkas")
    }

    /// Whether the file opened is still the one at its path: deleted, moved
    /// away or replaced by another file (while SQLite would carry on with
    /// the old one unseen), it is an error to stop at.
    pub fn check_file(&self) -> Result<()> {
        let now = identity(&self.path);
        if now.is_some() && now == self.identity {
            return Ok(());
        }
        let kind = crate::error::StorageKind::Missing;
        Err(Error::Storage {
            kind,
            message: format!(
                "{}: {}.",
                self.path.display(),
                if now.is_none() {
                    kind.message().to_string()
                } else {
                    "Berkas database diganti dengan berkas lain saat aplikasi berjalan; perubahan tidak disimpan ke berkas itu. Tutup aplikasi lalu buka lagi agar berkas yang sekarang dibaca, atau pulihkan dari cadangan".to_string()
                }
            ),
        })
    }

    /// Closes every connection, checkpointing the WAL into the main file
    /// first, so that the file alone holds everything (a copy of it, or a
    /// restore that replaces it, loses nothing).
    pub async fn close(self) {
        let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await;
        self.pool.close().await;
    }
}

/// The newest schema version this program knows.
pub fn known_schema_version() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

/// Refuses a database that a newer version of the program has migrated:
/// running old code on it could corrupt data it does not understand.
async fn check_schema_not_newer(pool: &SqlitePool) -> Result<()> {
    if !has_migrations_table(pool).await? {
        return Ok(());
    }
    let found: Option<i64> =
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = 1")
            .fetch_one(pool)
            .await?;
    let known = known_schema_version();
    match found {
        Some(found) if found > known => Err(Error::SchemaTooNew { found, known }),
        _ => Ok(()),
    }
}

async fn has_migrations_table(pool: &SqlitePool) -> Result<bool> {
    let has_table: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_optional(pool)
    .await?;
    Ok(has_table.is_some())
}

/// The schema version a database is at (0 when nothing was applied).
pub async fn schema_version(pool: &SqlitePool) -> Result<i64> {
    let v: Option<i64> =
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = 1")
            .fetch_one(pool)
            .await?;
    Ok(v.unwrap_or(0))
}

/// Rows per multi-row INSERT in bulk writes (STACK.md: ~500 is the sweet spot).
pub(crate) const BULK_CHUNK: usize = 500;

/// The desktop app's claim on a database file: one running app per
/// database, and no restore under a running app. Released when dropped
/// (or when the process ends, however it ends).
#[derive(Debug)]
pub struct InstanceLock {
    _file: std::fs::File,
}

impl InstanceLock {
    /// Takes the lock beside `db_path` (`<db>.lock`), or says who has it.
    pub fn take(db_path: &Path) -> Result<InstanceLock> {
        let mut name = db_path.as_os_str().to_owned();
        name.push(".lock");
        let path = PathBuf::from(name);
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io_at("membuat folder", dir, e))?;
        }
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io_at("membuka", &path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(InstanceLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => Err(Error::Storage {
                kind: crate::error::StorageKind::Locked,
                message: format!(
                    "Database {} sedang dibuka oleh aplikasi Seleksi Ad Hoc lain. Tutup aplikasi itu (satu database hanya dibuka oleh satu aplikasi), lalu ulangi.",
                    db_path.display()
                ),
            }),
            Err(std::fs::TryLockError::Error(e)) => Err(Error::io_at("mengunci", &path, e)),
        }
    }
}
