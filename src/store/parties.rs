//! The imported party-membership list.

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use crate::domain::party_check::{PartyCheck, PartyCheckMethod};
use crate::error::{Error, Result};
use crate::store::BULK_CHUNK;

/// Replaces the whole list (inside the caller's transaction).
pub async fn replace(conn: &mut SqliteConnection, members: &[(String, String)]) -> Result<()> {
    sqlx::query("DELETE FROM party_members")
        .execute(&mut *conn)
        .await?;
    for chunk in members.chunks(BULK_CHUNK) {
        let mut q =
            QueryBuilder::<Sqlite>::new("INSERT OR IGNORE INTO party_members (nik, party) ");
        q.push_values(chunk, |mut b, (nik, party)| {
            b.push_bind(nik).push_bind(party);
        });
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

pub async fn count(conn: &mut SqliteConnection) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM party_members")
        .fetch_one(&mut *conn)
        .await?)
}

/// An applicant whose NIK is in the list.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Hit {
    pub reg_number: String,
    pub full_name: String,
    pub round_name: String,
    pub parties: String,
}

/// Every applicant whose NIK is in the list, by round and registration number.
pub async fn hits(conn: &mut SqliteConnection) -> Result<Vec<Hit>> {
    Ok(sqlx::query_as(
        "SELECT a.reg_number, a.full_name, r.name AS round_name, group_concat(p.party, '; ') AS parties
         FROM applicants a
         JOIN party_members p ON p.nik = a.nik
         JOIN rounds r ON r.id = a.round_id
         GROUP BY a.id ORDER BY a.round_id, a.reg_seq",
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// The parties listing `nik` (empty when none).
pub async fn parties_of(conn: &mut SqliteConnection, nik: &str) -> Result<Vec<String>> {
    Ok(
        sqlx::query_scalar("SELECT party FROM party_members WHERE nik = ? ORDER BY party")
            .bind(nik)
            .fetch_all(&mut *conn)
            .await?,
    )
}

/// The check recorded for a round instead of a list, if any.
pub async fn check_of(conn: &mut SqliteConnection, round_id: i64) -> Result<Option<PartyCheck>> {
    let row: Option<(String, String, String, String)> =
        sqlx::query_as("SELECT method, note, at, username FROM party_checks WHERE round_id = ?")
            .bind(round_id)
            .fetch_optional(&mut *conn)
            .await?;
    row.map(|(method, note, at, username)| {
        Ok(PartyCheck {
            method: PartyCheckMethod::parse(&method).map_err(|_| {
                Error::Internal(format!("cara pemeriksaan partai tersimpan \"{method}\""))
            })?,
            note,
            at,
            username,
        })
    })
    .transpose()
}

/// Records (or replaces) the check of a round.
pub async fn set_check(
    conn: &mut SqliteConnection,
    round_id: i64,
    check: &PartyCheck,
    user_id: Option<i64>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO party_checks (round_id, method, note, at, user_id, username)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (round_id) DO UPDATE SET method = excluded.method, note = excluded.note,
             at = excluded.at, user_id = excluded.user_id, username = excluded.username",
    )
    .bind(round_id)
    .bind(check.method.as_str())
    .bind(&check.note)
    .bind(&check.at)
    .bind(user_id)
    .bind(&check.username)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Removes the check of a round; whether there was one.
pub async fn clear_check(conn: &mut SqliteConnection, round_id: i64) -> Result<bool> {
    let done = sqlx::query("DELETE FROM party_checks WHERE round_id = ?")
        .bind(round_id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() > 0)
}
