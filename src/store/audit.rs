//! The audit log: append inside the caller's transaction, read for checks and lists.

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use crate::domain::audit::{entry_hash, EntryContent, StoredEntry, GENESIS_HASH};
use crate::error::Result;

/// Appends one entry, chained to the last one. Call it inside the same
/// transaction as the write it records, so both land or neither does.
pub async fn append(conn: &mut SqliteConnection, mut content: EntryContent) -> Result<i64> {
    let last: Option<(i64, String)> =
        sqlx::query_as("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")
            .fetch_optional(&mut *conn)
            .await?;
    let (id, prev_hash) = match last {
        Some((id, hash)) => (id + 1, hash),
        None => (1, GENESIS_HASH.to_string()),
    };
    content.id = id;
    let hash = entry_hash(&prev_hash, &content);
    sqlx::query(
        "INSERT INTO audit_log (id, at, user_id, username, action, object_type, object_id, before, after, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id)
    .bind(&content.at)
    .bind(content.user_id)
    .bind(&content.username)
    .bind(&content.action)
    .bind(&content.object_type)
    .bind(&content.object_id)
    .bind(&content.before)
    .bind(&content.after)
    .bind(&prev_hash)
    .bind(&hash)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    at: String,
    user_id: Option<i64>,
    username: String,
    action: String,
    object_type: String,
    object_id: Option<String>,
    before: Option<String>,
    after: Option<String>,
    prev_hash: String,
    hash: String,
}

impl From<Row> for StoredEntry {
    fn from(r: Row) -> Self {
        StoredEntry {
            content: EntryContent {
                id: r.id,
                at: r.at,
                user_id: r.user_id,
                username: r.username,
                action: r.action,
                object_type: r.object_type,
                object_id: r.object_id,
                before: r.before,
                after: r.after,
            },
            prev_hash: r.prev_hash,
            hash: r.hash,
        }
    }
}

const COLUMNS: &str =
    "id, at, user_id, username, action, object_type, object_id, before, after, prev_hash, hash";

/// Every entry in id order.
pub async fn all(conn: &mut SqliteConnection) -> Result<Vec<StoredEntry>> {
    let rows: Vec<Row> = sqlx::query_as(&format!("SELECT {COLUMNS} FROM audit_log ORDER BY id"))
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().map(StoredEntry::from).collect())
}

/// How many entries the chain holds and the last one's hash.
pub async fn head(conn: &mut SqliteConnection) -> Result<(i64, Option<String>)> {
    Ok(sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM audit_log), (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1)",
    )
    .fetch_one(&mut *conn)
    .await?)
}

/// The hash of the `n`-th entry in id order (from 1), if there is one.
pub async fn hash_at(conn: &mut SqliteConnection, n: i64) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT hash FROM audit_log ORDER BY id LIMIT 1 OFFSET ?")
            .bind(n - 1)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// What to list. Empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub username: Option<String>,
    pub object_type: Option<String>,
    pub object_id: Option<String>,
    pub action_prefix: Option<String>,
    /// Inclusive bounds on `at` (RFC 3339 strings compare in time order).
    pub from: Option<String>,
    pub until: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

fn push_where(q: &mut QueryBuilder<'_, Sqlite>, f: &Filter) {
    q.push(" WHERE 1 = 1");
    if let Some(v) = &f.username {
        q.push(" AND username = ").push_bind(v.clone());
    }
    if let Some(v) = &f.object_type {
        q.push(" AND object_type = ").push_bind(v.clone());
    }
    if let Some(v) = &f.object_id {
        q.push(" AND object_id = ").push_bind(v.clone());
    }
    if let Some(v) = &f.action_prefix {
        q.push(" AND action LIKE ").push_bind(format!("{v}%"));
    }
    if let Some(v) = &f.from {
        q.push(" AND at >= ").push_bind(v.clone());
    }
    if let Some(v) = &f.until {
        q.push(" AND at <= ").push_bind(v.clone());
    }
}

/// Entries matching the filter, newest first, and how many match in all.
pub async fn list(conn: &mut SqliteConnection, f: &Filter) -> Result<(Vec<StoredEntry>, i64)> {
    let mut count = QueryBuilder::<Sqlite>::new("SELECT COUNT(*) FROM audit_log");
    push_where(&mut count, f);
    let total: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;
    let mut q = QueryBuilder::<Sqlite>::new(format!("SELECT {COLUMNS} FROM audit_log"));
    push_where(&mut q, f);
    q.push(" ORDER BY id DESC LIMIT ")
        .push_bind(f.limit)
        .push(" OFFSET ")
        .push_bind(f.offset);
    let rows: Vec<Row> = q.build_query_as().fetch_all(&mut *conn).await?;
    Ok((rows.into_iter().map(StoredEntry::from).collect(), total))
}
