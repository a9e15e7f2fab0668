//! The imported party-membership list.

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use crate::error::Result;
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
