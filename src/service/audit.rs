//! Recording every write, checking the chain, listing and exporting entries.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::docs::csv_out::CsvOut;
use crate::docs::lists::{Cell, Column, ExportFormat, Kind, Table};
use crate::domain::audit::{
    check_printed, verify_chain, verify_chain_against, Anchor, ChainHead, ChainReport,
    EntryContent, StoredEntry,
};
use crate::domain::permission::{Operation, Session};
use crate::domain::personal_data;
use crate::error::{Error, Result};
use crate::store::{anchor as anchor_store, audit, Db};

/// One change to record.
#[derive(Debug, Clone)]
pub struct Change {
    /// e.g. `round.create`.
    pub action: &'static str,
    /// e.g. `round`.
    pub object_type: &'static str,
    pub object_id: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

impl Change {
    pub fn new(action: &'static str, object_type: &'static str, object_id: impl ToString) -> Self {
        Change {
            action,
            object_type,
            object_id: Some(object_id.to_string()),
            before: None,
            after: None,
        }
    }

    pub fn before(mut self, v: Value) -> Self {
        self.before = Some(v);
        self
    }

    pub fn after(mut self, v: Value) -> Self {
        self.after = Some(v);
        self
    }
}

/// Appends `change` by `user_id`/`username` to the audit log, inside the
/// caller's transaction. The entries of an applicant never keep a personal
/// field in clear ([`personal_data::PERSONAL_FIELDS`]): the use cases leave
/// them out or mask them, and whatever one might still carry is masked here.
pub async fn record_as(
    conn: &mut sqlx::SqliteConnection,
    user_id: Option<i64>,
    username: &str,
    now: DateTime<Utc>,
    mut change: Change,
) -> Result<()> {
    if change.object_type == "applicant" {
        if let Some(v) = change.before.as_mut() {
            personal_data::mask_value(v, personal_data::MASKED);
        }
        if let Some(v) = change.after.as_mut() {
            personal_data::mask_value(v, personal_data::CHANGED);
        }
    }
    audit::append(
        conn,
        EntryContent {
            id: 0,
            at: now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            user_id,
            username: username.to_string(),
            action: change.action.to_string(),
            object_type: change.object_type.to_string(),
            object_id: change.object_id,
            before: change.before.map(|v| v.to_string()),
            after: change.after.map(|v| v.to_string()),
        },
    )
    .await?;
    Ok(())
}

/// Appends `change` by the session's user, inside the caller's transaction.
pub async fn record(
    conn: &mut sqlx::SqliteConnection,
    session: &Session,
    now: DateTime<Utc>,
    change: Change,
) -> Result<()> {
    record_as(conn, session.user_id, &session.username, now, change).await
}

/// Checks the whole chain, and against the anchor kept beside the database
/// (its head as last seen): a chain cut short or rewritten from an
/// anchored entry on is reported. Anyone may run it (the app does at
/// start-up).
pub async fn verify(db: &Db) -> Result<ChainReport> {
    let anchor = anchor_store::read(db.path());
    let mut conn = db.pool().acquire().await?;
    let entries = audit::all(&mut conn).await?;
    Ok(match anchor {
        Ok(a) => verify_chain_against(entries, a.as_ref()),
        Err(e) => {
            let report = verify_chain(entries);
            if !report.is_intact() {
                return Ok(report);
            }
            ChainReport {
                first_broken: Some(report.entries + 1),
                problem: Some(e.to_string()),
                last_hash: None,
                ..report
            }
        }
    })
}

/// The chain's head as read on `conn`. A use case that records and prints
/// (an official document) reads it in its own transaction, so the head it
/// prints is the one it left.
pub(crate) async fn head_on(conn: &mut sqlx::SqliteConnection) -> Result<ChainHead> {
    let (entries, hash) = audit::head(conn).await?;
    Ok(ChainHead::new(entries, hash))
}

/// The chain's head now, in the words official documents print it.
/// Administrators and Pimpinan (the audit screen).
pub async fn head(db: &Db, session: &Session) -> Result<ChainHead> {
    session.require(Operation::ReadAudit)?;
    let mut conn = db.pool().acquire().await?;
    head_on(&mut conn).await
}

/// [`verify`], and the chain must still hold the head printed on a
/// document (a Berita Acara): its entry at the printed count, with the
/// printed hash. A chain that only grew since passes; one cut short or
/// rewritten from an earlier entry on does not, even with every hash
/// recomputed and the anchor file replaced. Administrators and Pimpinan.
pub async fn verify_printed(
    db: &Db,
    session: &Session,
    printed: &ChainHead,
) -> Result<ChainReport> {
    session.require(Operation::ReadAudit)?;
    let report = verify(db).await?;
    let mut conn = db.pool().acquire().await?;
    let now_at = audit::hash_at(&mut conn, printed.entries).await?;
    Ok(check_printed(report, printed, now_at.as_deref()))
}

/// Moves the anchor beside the database to the chain's head, if the chain
/// still holds the anchored entry (a cheap check; [`verify`] checks every
/// link). A chain that does not is left with its old anchor, the evidence.
/// Called when a command line run ends, after a backup, at log-out and
/// when the desktop starts.
pub async fn anchor(db: &Db, now: DateTime<Utc>) -> Result<()> {
    let old = anchor_store::read(db.path())?;
    let mut conn = db.pool().acquire().await?;
    if let Some(old) = old.as_ref().filter(|a| a.entries > 0) {
        if audit::hash_at(&mut conn, old.entries).await?.as_deref() != Some(old.hash.as_str()) {
            return Ok(());
        }
    }
    let (entries, last) = audit::head(&mut conn).await?;
    drop(conn);
    match last {
        Some(hash) => anchor_store::write(
            db.path(),
            &Anchor {
                entries,
                hash,
                at: now.to_rfc3339(),
            },
        ),
        None => Ok(()),
    }
}

/// Sets the anchor to the chain's head whatever it was: after a restore,
/// whose chain is the backup's.
pub(crate) async fn reanchor(db: &Db, now: DateTime<Utc>) -> Result<()> {
    let _ = std::fs::remove_file(anchor_store::path_of(db.path()));
    anchor(db, now).await
}

/// An entry as listed on the audit screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AuditEntry {
    #[ts(type = "number")]
    pub id: i64,
    pub at: String,
    pub username: String,
    pub action: String,
    pub object_type: String,
    pub object_id: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
    pub hash: String,
}

impl From<StoredEntry> for AuditEntry {
    fn from(e: StoredEntry) -> Self {
        AuditEntry {
            id: e.content.id,
            at: e.content.at,
            username: e.content.username,
            action: e.content.action,
            object_type: e.content.object_type,
            object_id: e.content.object_id,
            before: e.content.before,
            after: e.content.after,
            hash: e.hash,
        }
    }
}

/// Filters of the audit screen and `adhoc audit export`.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct AuditQuery {
    pub username: Option<String>,
    pub object_type: Option<String>,
    pub object_id: Option<String>,
    pub action: Option<String>,
    /// First day to include.
    #[ts(type = "string | null")]
    pub from: Option<NaiveDate>,
    /// Last day to include.
    #[ts(type = "string | null")]
    pub until: Option<NaiveDate>,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
}

/// A page of entries and the number matching in all.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    #[ts(type = "number")]
    pub total: i64,
}

fn filter(q: &AuditQuery, default_limit: u32) -> Result<audit::Filter> {
    if let (Some(a), Some(b)) = (q.from, q.until) {
        if b < a {
            return Err(Error::validation(
                "until",
                "Tanggal akhir lebih awal dari tanggal awal.",
            ));
        }
    }
    let clean = |s: &Option<String>| {
        s.as_ref()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    Ok(audit::Filter {
        username: clean(&q.username).map(|u| u.to_lowercase()),
        object_type: clean(&q.object_type),
        object_id: clean(&q.object_id),
        action_prefix: clean(&q.action),
        from: q.from.map(|d| format!("{d}T00:00:00")),
        until: q.until.map(|d| format!("{d}T23:59:59.999Z")),
        limit: i64::from(q.limit.unwrap_or(default_limit).clamp(1, 100_000)),
        offset: i64::from(q.offset.unwrap_or(0)),
    })
}

/// Lists entries, newest first. Administrators and Pimpinan only.
pub async fn list(db: &Db, session: &Session, q: &AuditQuery) -> Result<AuditPage> {
    session.require(Operation::ReadAudit)?;
    let f = filter(q, 200)?;
    let mut conn = db.pool().acquire().await?;
    let (entries, total) = audit::list(&mut conn, &f).await?;
    Ok(AuditPage {
        entries: entries.into_iter().map(AuditEntry::from).collect(),
        total,
    })
}

/// Writes the matching entries as CSV (oldest first) and records the export.
/// Returns the number of entries written.
pub async fn export_csv<W: std::io::Write>(
    db: &Db,
    session: &Session,
    q: &AuditQuery,
    out: W,
    now: DateTime<Utc>,
) -> Result<usize> {
    let table = export_table(db, session, q).await?;
    // Usernames, names and reasons inside the entries were typed by staff:
    // the writer neutralises any that would run as a formula.
    let mut w = CsvOut::new(out);
    table.write_csv(&mut w)?;
    w.flush()?;
    record_export(db, session, table.len(), ExportFormat::Csv, now).await?;
    Ok(table.len())
}

/// The matching entries, oldest first, as [`export_csv`] writes them and a
/// workbook holds them. Administrators and Pimpinan only.
pub async fn export_table(db: &Db, session: &Session, q: &AuditQuery) -> Result<Table> {
    use Kind::{Code, Integer, Text, Timestamp};
    session.require(Operation::ReadAudit)?;
    let f = audit::Filter {
        limit: i64::MAX,
        offset: 0,
        ..filter(q, 0)?
    };
    let entries = {
        let mut conn = db.pool().acquire().await?;
        audit::list(&mut conn, &f).await?.0
    };
    let mut table = Table::new(
        "Jejak audit",
        &[
            Column::new("id", Integer, 8),
            Column::new("waktu", Timestamp, 20),
            Column::new("pengguna", Text, 16),
            Column::new("aksi", Text, 24),
            Column::new("objek", Text, 12),
            Column::new("id_objek", Code, 14),
            Column::new("sebelum", Text, 50),
            Column::new("sesudah", Text, 50),
            Column::new("hash", Code, 20),
        ],
    );
    for e in entries.into_iter().rev() {
        let c = e.content;
        table.push(vec![
            Cell::Integer(c.id),
            Cell::timestamp(c.at),
            Cell::Text(c.username),
            Cell::Text(c.action),
            Cell::Text(c.object_type),
            Cell::optional(c.object_id),
            Cell::optional(c.before),
            Cell::optional(c.after),
            Cell::Text(e.hash),
        ]);
    }
    Ok(table)
}

/// Records that `entries` entries were exported as `format`.
pub async fn record_export(
    db: &Db,
    session: &Session,
    entries: usize,
    format: ExportFormat,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut tx = db.begin_write().await?;
    let change = Change {
        action: "audit.export",
        object_type: "audit",
        object_id: None,
        before: None,
        after: Some(serde_json::json!({ "entries": entries, "format": format.extension() })),
    };
    record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(())
}
