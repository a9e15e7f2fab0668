//! A database file from outside (a backup to restore, a copy on a USB
//! drive) is read as hostile: opened read-only and defensively (no
//! functions with side effects from its schema, no writes to the schema
//! itself), and its schema compared with the one the migrations make, so
//! that nothing it carries (a trigger, a view, a table) can act once it is
//! the live database.

use std::path::Path;
use std::str::FromStr;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, SqliteConnection};

use crate::error::{Error, Result};

/// One object of a schema: (type, name, table, SQL text).
pub type SchemaObject = (String, String, String, Option<String>);

/// A read-only connection to a database file, without migrations, that
/// does not trust the file's schema: `trusted_schema` off (triggers and
/// views may call no function with side effects) and SQLite's defensive
/// mode (no writes to the schema through `writable_schema` and the like).
pub async fn open_read_only(file: &Path) -> Result<SqliteConnection> {
    let mut conn = SqliteConnectOptions::from_str("sqlite:")?
        .filename(file)
        .read_only(true)
        .immutable(false)
        .pragma("trusted_schema", "OFF")
        .connect()
        .await?;
    defend(&mut conn).await?;
    Ok(conn)
}

/// Turns on SQLite's defensive mode on `conn`.
pub(crate) async fn defend(conn: &mut SqliteConnection) -> Result<()> {
    let mut handle = conn.lock_handle().await?;
    let db = handle.as_raw_handle().as_ptr();
    // SAFETY: the handle is locked for this call; SQLITE_DBCONFIG_DEFENSIVE
    // takes an int (1: on) and an optional int pointer for the new value.
    let rc = unsafe {
        libsqlite3_sys::sqlite3_db_config(
            db,
            libsqlite3_sys::SQLITE_DBCONFIG_DEFENSIVE,
            1 as std::ffi::c_int,
            std::ptr::null_mut::<std::ffi::c_int>(),
        )
    };
    if rc != libsqlite3_sys::SQLITE_OK {
        return Err(Error::Internal(format!(
            "mode defensif SQLite tidak dapat dinyalakan (kode {rc})"
        )));
    }
    Ok(())
}

/// Every object of a database's schema, in order, except SQLite's own and
/// the migrations' bookkeeping table itself (a trigger or index on it is
/// still listed).
pub async fn schema_of(conn: &mut SqliteConnection) -> Result<Vec<SchemaObject>> {
    Ok(sqlx::query_as(
        "SELECT type, name, tbl_name, sql FROM sqlite_master
         WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> '_sqlx_migrations'
         ORDER BY type, name",
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// The schema the migrations up to `version` make, built in memory.
pub async fn reference_schema(version: i64) -> Result<Vec<SchemaObject>> {
    let mut conn = SqliteConnectOptions::from_str("sqlite::memory:")?
        .connect()
        .await?;
    // Collected first: no iterator with a closure is held across an await
    // (it would make the future not `Send` for the desktop's commands).
    let scripts: Vec<String> = super::MIGRATOR
        .iter()
        .filter(|m| m.version <= version && m.migration_type.is_up_migration())
        .map(|m| m.sql.to_string())
        .collect();
    for script in &scripts {
        sqlx::Executor::execute(&mut conn, script.as_str()).await?;
    }
    let schema = schema_of(&mut conn).await;
    let _ = conn.close().await;
    schema
}

/// What differs between a file's schema and the reference: objects it has
/// that the migrations do not make, changed ones, and missing ones, named
/// (at most `most`, then how many more).
pub fn differences(file: &[SchemaObject], reference: &[SchemaObject], most: usize) -> Vec<String> {
    let describe = |o: &SchemaObject| format!("{} {}", o.0, o.1);
    let mut out: Vec<String> = Vec::new();
    for o in file {
        match reference.iter().find(|r| r.0 == o.0 && r.1 == o.1) {
            None => out.push(format!("{} tambahan", describe(o))),
            Some(r) if r != o => out.push(format!("{} diubah", describe(o))),
            Some(_) => {}
        }
    }
    for r in reference {
        if !file.iter().any(|o| o.0 == r.0 && o.1 == r.1) {
            out.push(format!("{} hilang", describe(r)));
        }
    }
    if out.len() > most {
        let more = out.len() - most;
        out.truncate(most);
        out.push(format!("dan {more} lainnya"));
    }
    out
}
