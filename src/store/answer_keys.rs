//! Paper tests: answer keys per version, marking settings and the answer
//! sheets read (`answer_keys`, `marking_settings`, `answer_sheets`).
//! Stored as checked by the domain; read back as text for it to parse.

use chrono::{DateTime, Utc};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use crate::domain::answer_key::{MarkingSettings, Scale};
use crate::error::Result;
use crate::store::BULK_CHUNK;

/// A key as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct KeyRow {
    pub version: String,
    pub answers: String,
}

/// The keys of a round, by version.
pub async fn keys(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<KeyRow>> {
    Ok(sqlx::query_as(
        "SELECT version, answers FROM answer_keys WHERE round_id = ? ORDER BY version",
    )
    .bind(round_id)
    .fetch_all(conn)
    .await?)
}

/// Saves the key of `version`, replacing the one before; returns it.
pub async fn put_key(
    conn: &mut SqliteConnection,
    round_id: i64,
    version: &str,
    answers: &str,
    user_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Option<String>> {
    let before: Option<String> =
        sqlx::query_scalar("SELECT answers FROM answer_keys WHERE round_id = ? AND version = ?")
            .bind(round_id)
            .bind(version)
            .fetch_optional(&mut *conn)
            .await?;
    sqlx::query(
        "INSERT INTO answer_keys (round_id, version, answers, saved_at, user_id) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (round_id, version) DO UPDATE SET answers = excluded.answers,
           saved_at = excluded.saved_at, user_id = excluded.user_id",
    )
    .bind(round_id)
    .bind(version)
    .bind(answers)
    .bind(now.to_rfc3339())
    .bind(user_id)
    .execute(conn)
    .await?;
    Ok(before)
}

/// Deletes the key of `version`; the key it was, if any.
pub async fn delete_key(
    conn: &mut SqliteConnection,
    round_id: i64,
    version: &str,
) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "DELETE FROM answer_keys WHERE round_id = ? AND version = ? RETURNING answers",
    )
    .bind(round_id)
    .bind(version)
    .fetch_optional(conn)
    .await?)
}

/// The round's settings; the defaults when none were saved.
pub async fn settings(conn: &mut SqliteConnection, round_id: i64) -> Result<MarkingSettings> {
    let row: Option<(i64, i64, String)> = sqlx::query_as(
        "SELECT points_correct, penalty_wrong, scale FROM marking_settings WHERE round_id = ?",
    )
    .bind(round_id)
    .fetch_optional(conn)
    .await?;
    Ok(
        row.map_or_else(MarkingSettings::default, |(p, q, s)| MarkingSettings {
            points_correct: p as u32,
            penalty_wrong: q as u32,
            scale: if s == "poin" {
                Scale::Poin
            } else {
                Scale::Seratus
            },
        }),
    )
}

/// Saves the round's settings.
pub async fn put_settings(
    conn: &mut SqliteConnection,
    round_id: i64,
    s: &MarkingSettings,
    user_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<()> {
    let scale = match s.scale {
        Scale::Seratus => "seratus",
        Scale::Poin => "poin",
    };
    sqlx::query(
        "INSERT INTO marking_settings (round_id, points_correct, penalty_wrong, scale, saved_at, user_id)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (round_id) DO UPDATE SET points_correct = excluded.points_correct,
           penalty_wrong = excluded.penalty_wrong, scale = excluded.scale,
           saved_at = excluded.saved_at, user_id = excluded.user_id",
    )
    .bind(round_id)
    .bind(s.points_correct)
    .bind(s.penalty_wrong)
    .bind(scale)
    .bind(now.to_rfc3339())
    .bind(user_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// An answer sheet to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSheet {
    pub applicant_id: i64,
    pub version: String,
    pub answers: String,
    pub line: u64,
}

/// Stores sheets, each replacing the applicant's sheet before.
pub async fn upsert_sheets(
    conn: &mut SqliteConnection,
    round_id: i64,
    sheets: &[NewSheet],
    user_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<()> {
    let at = now.to_rfc3339();
    for chunk in sheets.chunks(BULK_CHUNK / 7) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO answer_sheets (applicant_id, round_id, version, answers, source_line, imported_at, user_id) ",
        );
        q.push_values(chunk, |mut b, s| {
            b.push_bind(s.applicant_id)
                .push_bind(round_id)
                .push_bind(&s.version)
                .push_bind(&s.answers)
                .push_bind(s.line as i64)
                .push_bind(at.clone())
                .push_bind(user_id);
        });
        q.push(
            " ON CONFLICT (applicant_id) DO UPDATE SET version = excluded.version,
              answers = excluded.answers, source_line = excluded.source_line,
              imported_at = excluded.imported_at, user_id = excluded.user_id",
        );
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// A stored sheet with who it is of.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SheetRow {
    pub applicant_id: i64,
    pub reg_number: String,
    pub full_name: String,
    pub unit_code: String,
    pub version: String,
    pub answers: String,
    pub source_line: i64,
}

/// The sheets of a round, in registration order.
pub async fn sheets(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<SheetRow>> {
    Ok(sqlx::query_as(
        "SELECT s.applicant_id, a.reg_number, a.full_name, a.unit_code, s.version, s.answers,
                s.source_line
         FROM answer_sheets s JOIN applicants a ON a.id = s.applicant_id
         WHERE s.round_id = ? ORDER BY a.reg_seq",
    )
    .bind(round_id)
    .fetch_all(conn)
    .await?)
}

/// How many sheets a round holds.
pub async fn sheet_count(conn: &mut SqliteConnection, round_id: i64) -> Result<u32> {
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM answer_sheets WHERE round_id = ?")
        .bind(round_id)
        .fetch_one(conn)
        .await?;
    Ok(n as u32)
}
