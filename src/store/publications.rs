//! Official documents: edited texts per kind, numbers given, the kop's logo.

use sqlx::{Executor, Sqlite, SqliteConnection};

use crate::domain::publication::Texts;
use crate::error::Result;

/// The edited texts of a kind, if it was edited.
pub async fn texts<'e, E: Executor<'e, Database = Sqlite>>(
    e: E,
    kind: &str,
) -> Result<Option<Texts>> {
    let row: Option<(String, String, String)> =
        sqlx::query_as("SELECT about, opening, closing FROM publication_texts WHERE kind = ?")
            .bind(kind)
            .fetch_optional(e)
            .await?;
    Ok(row.map(|(about, opening, closing)| Texts {
        about,
        opening,
        closing,
    }))
}

/// The kinds whose texts were edited.
pub async fn edited_kinds(conn: &mut SqliteConnection) -> Result<Vec<String>> {
    Ok(
        sqlx::query_scalar("SELECT kind FROM publication_texts ORDER BY kind")
            .fetch_all(conn)
            .await?,
    )
}

pub async fn set_texts(
    conn: &mut SqliteConnection,
    kind: &str,
    t: &Texts,
    at: &str,
    by: Option<i64>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO publication_texts (kind, about, opening, closing, updated_at, updated_by)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (kind) DO UPDATE SET about = excluded.about, opening = excluded.opening,
             closing = excluded.closing, updated_at = excluded.updated_at,
             updated_by = excluded.updated_by",
    )
    .bind(kind)
    .bind(&t.about)
    .bind(&t.opening)
    .bind(&t.closing)
    .bind(at)
    .bind(by)
    .execute(conn)
    .await?;
    Ok(())
}

/// Back to the default texts. Whether there was anything to remove.
pub async fn reset_texts(conn: &mut SqliteConnection, kind: &str) -> Result<bool> {
    let done = sqlx::query("DELETE FROM publication_texts WHERE kind = ?")
        .bind(kind)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// The number already given to a round's document of `kind`.
pub async fn number_of(
    conn: &mut SqliteConnection,
    round_id: i64,
    kind: &str,
) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar(
            "SELECT number FROM publication_numbers WHERE round_id = ? AND kind = ?",
        )
        .bind(round_id)
        .bind(kind)
        .fetch_optional(conn)
        .await?,
    )
}

/// The next sequence number of `series` in `year`.
pub async fn next_seq(conn: &mut SqliteConnection, series: &str, year: i32) -> Result<u32> {
    let last: Option<i64> = sqlx::query_scalar(
        "SELECT max(seq) FROM publication_numbers WHERE series = ? AND year = ?",
    )
    .bind(series)
    .bind(year)
    .fetch_one(conn)
    .await?;
    Ok(u32::try_from(last.unwrap_or(0)).unwrap_or(0) + 1)
}

/// A number given to a document.
pub struct NewNumber<'a> {
    pub series: &'a str,
    pub year: i32,
    pub seq: u32,
    pub number: &'a str,
    pub round_id: i64,
    pub kind: &'a str,
    pub at: &'a str,
    pub by: Option<i64>,
}

pub async fn insert_number(conn: &mut SqliteConnection, n: &NewNumber<'_>) -> Result<()> {
    sqlx::query(
        "INSERT INTO publication_numbers (series, year, seq, number, round_id, kind, issued_at, issued_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(n.series)
    .bind(n.year)
    .bind(n.seq)
    .bind(n.number)
    .bind(n.round_id)
    .bind(n.kind)
    .bind(n.at)
    .bind(n.by)
    .execute(conn)
    .await?;
    Ok(())
}

/// The logo file and its media type.
pub async fn logo<'e, E: Executor<'e, Database = Sqlite>>(
    e: E,
) -> Result<Option<(String, Vec<u8>)>> {
    Ok(
        sqlx::query_as("SELECT media_type, data FROM letterhead_logo WHERE id = 1")
            .fetch_optional(e)
            .await?,
    )
}

pub async fn set_logo(
    conn: &mut SqliteConnection,
    media_type: &str,
    data: &[u8],
    at: &str,
    by: Option<i64>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO letterhead_logo (id, media_type, data, updated_at, updated_by)
         VALUES (1, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET media_type = excluded.media_type, data = excluded.data,
             updated_at = excluded.updated_at, updated_by = excluded.updated_by",
    )
    .bind(media_type)
    .bind(data)
    .bind(at)
    .bind(by)
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether there was a logo to remove.
pub async fn remove_logo(conn: &mut SqliteConnection) -> Result<bool> {
    let done = sqlx::query("DELETE FROM letterhead_logo WHERE id = 1")
        .execute(conn)
        .await?;
    Ok(done.rows_affected() > 0)
}
