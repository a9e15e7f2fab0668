//! Column mappings saved under a name (`sheet_mappings`).

use chrono::{DateTime, Utc};
use sqlx::{Executor, Sqlite};

use crate::domain::sheet_mapping::{FieldHeader, SavedMapping};
use crate::error::{Error, Result};

#[derive(sqlx::FromRow)]
struct Row {
    name: String,
    fields: String,
    unit_from_domicile: bool,
}

fn mapping(r: Row) -> Result<SavedMapping> {
    let fields: Vec<FieldHeader> = serde_json::from_str(&r.fields)
        .map_err(|e| Error::Internal(format!("pemetaan kolom {}: {e}", r.name)))?;
    Ok(SavedMapping {
        name: r.name,
        fields,
        unit_from_domicile: r.unit_from_domicile,
    })
}

/// Every saved mapping, by name.
pub async fn list<'e, E: Executor<'e, Database = Sqlite>>(e: E) -> Result<Vec<SavedMapping>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT name, fields, unit_from_domicile FROM sheet_mappings ORDER BY name COLLATE NOCASE",
    )
    .fetch_all(e)
    .await?;
    rows.into_iter().map(mapping).collect()
}

/// The mapping saved as `name` (case-insensitive).
pub async fn get<'e, E: Executor<'e, Database = Sqlite>>(
    e: E,
    name: &str,
) -> Result<Option<SavedMapping>> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT name, fields, unit_from_domicile FROM sheet_mappings WHERE name = ?",
    )
    .bind(name.trim())
    .fetch_optional(e)
    .await?;
    row.map(mapping).transpose()
}

/// Saves `m` under its name, replacing one of the same name.
pub async fn put<'e, E: Executor<'e, Database = Sqlite>>(
    e: E,
    m: &SavedMapping,
    at: DateTime<Utc>,
    user_id: Option<i64>,
    username: &str,
) -> Result<()> {
    let fields = serde_json::to_string(&m.fields)
        .map_err(|e| Error::Internal(format!("pemetaan kolom: {e}")))?;
    sqlx::query(
        "INSERT INTO sheet_mappings (name, fields, unit_from_domicile, saved_at, user_id, username)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET name = excluded.name, fields = excluded.fields,
           unit_from_domicile = excluded.unit_from_domicile, saved_at = excluded.saved_at,
           user_id = excluded.user_id, username = excluded.username",
    )
    .bind(&m.name)
    .bind(fields)
    .bind(m.unit_from_domicile)
    .bind(at.to_rfc3339())
    .bind(user_id)
    .bind(username)
    .execute(e)
    .await?;
    Ok(())
}

/// Deletes the mapping saved as `name`; whether there was one.
pub async fn delete<'e, E: Executor<'e, Database = Sqlite>>(e: E, name: &str) -> Result<bool> {
    let done = sqlx::query("DELETE FROM sheet_mappings WHERE name = ?")
        .bind(name.trim())
        .execute(e)
        .await?;
    Ok(done.rows_affected() > 0)
}
