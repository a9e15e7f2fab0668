//! Installation settings (`app_meta`).

use sqlx::{Executor, Sqlite};

use crate::error::Result;

/// Key of the kabupaten/kota code (digits) this database serves.
pub const KABUPATEN_CODE: &str = "kabupaten_code";
/// Key of that kabupaten/kota's name.
pub const KABUPATEN_NAME: &str = "kabupaten_name";
/// Key of the time the database was initialised.
pub const INITIALISED_AT: &str = "initialised_at";

pub async fn get<'e, E: Executor<'e, Database = Sqlite>>(
    e: E,
    key: &str,
) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT value FROM app_meta WHERE key = ?")
            .bind(key)
            .fetch_optional(e)
            .await?,
    )
}

pub async fn set<'e, E: Executor<'e, Database = Sqlite>>(
    e: E,
    key: &str,
    value: &str,
) -> Result<()> {
    sqlx::query("INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(key)
        .bind(value)
        .execute(e)
        .await?;
    Ok(())
}
