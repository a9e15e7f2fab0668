//! Recording every write, checking the chain, listing and exporting entries.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::docs::csv_out::CsvOut;
use crate::domain::audit::{verify_chain, ChainReport, EntryContent, StoredEntry};
use crate::domain::permission::{Operation, Session};
use crate::error::{Error, Result};
use crate::store::{audit, Db};

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
/// caller's transaction.
pub async fn record_as(
    conn: &mut sqlx::SqliteConnection,
    user_id: Option<i64>,
    username: &str,
    now: DateTime<Utc>,
    change: Change,
) -> Result<()> {
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

/// Checks the whole chain. Anyone may run it (the app does at start-up).
pub async fn verify(db: &Db) -> Result<ChainReport> {
    let mut conn = db.pool().acquire().await?;
    Ok(verify_chain(audit::all(&mut conn).await?))
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
    session.require(Operation::ReadAudit)?;
    let f = audit::Filter {
        limit: i64::MAX,
        offset: 0,
        ..filter(q, 0)?
    };
    let mut conn = db.pool().acquire().await?;
    let (mut entries, _) = audit::list(&mut conn, &f).await?;
    entries.reverse();
    // Usernames, names and reasons inside the entries were typed by staff:
    // the writer neutralises any that would run as a formula.
    let mut w = CsvOut::new(out);
    w.write_record([
        "id", "waktu", "pengguna", "aksi", "objek", "id_objek", "sebelum", "sesudah", "hash",
    ])?;
    for e in &entries {
        let c = &e.content;
        w.write_record([
            c.id.to_string().as_str(),
            &c.at,
            &c.username,
            &c.action,
            &c.object_type,
            c.object_id.as_deref().unwrap_or(""),
            c.before.as_deref().unwrap_or(""),
            c.after.as_deref().unwrap_or(""),
            &e.hash,
        ])?;
    }
    w.flush()?;
    drop(conn);
    let mut tx = db.begin_write().await?;
    let change = Change {
        action: "audit.export",
        object_type: "audit",
        object_id: None,
        before: None,
        after: Some(serde_json::json!({ "entries": entries.len() })),
    };
    record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(entries.len())
}
