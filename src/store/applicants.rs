//! Applicants.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use crate::error::Result;
use crate::store::BULK_CHUNK;

/// A validated applicant ready to be written.
#[derive(Debug, Clone)]
pub struct NewApplicant {
    pub reg_seq: i64,
    pub reg_number: String,
    pub nik: String,
    pub full_name: String,
    pub sex: &'static str,
    pub birth_place: String,
    pub birth_date: NaiveDate,
    pub address: String,
    pub address_desa_code: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub education: &'static str,
    pub occupation: Option<String>,
    pub unit_code: String,
    pub kecamatan_code: String,
}

/// Writes applicants of one round in multi-row INSERTs.
pub async fn insert_many(
    conn: &mut SqliteConnection,
    round_id: i64,
    rows: &[NewApplicant],
    created_by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<()> {
    let now = now.to_rfc3339();
    for chunk in rows.chunks(BULK_CHUNK) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO applicants (round_id, reg_seq, reg_number, nik, full_name, sex, birth_place, birth_date,
                 address, address_desa_code, phone, email, education, occupation, unit_code, kecamatan_code,
                 created_at, created_by) ",
        );
        q.push_values(chunk, |mut b, a| {
            b.push_bind(round_id)
                .push_bind(a.reg_seq)
                .push_bind(&a.reg_number)
                .push_bind(&a.nik)
                .push_bind(&a.full_name)
                .push_bind(a.sex)
                .push_bind(&a.birth_place)
                .push_bind(a.birth_date)
                .push_bind(&a.address)
                .push_bind(&a.address_desa_code)
                .push_bind(&a.phone)
                .push_bind(&a.email)
                .push_bind(a.education)
                .push_bind(&a.occupation)
                .push_bind(&a.unit_code)
                .push_bind(&a.kecamatan_code)
                .push_bind(&now)
                .push_bind(created_by);
        });
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Applicant counts of one round per unit code.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UnitCount {
    pub unit_code: String,
    pub applicants: i64,
    pub women: i64,
}

pub async fn counts_by_unit(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<UnitCount>> {
    Ok(sqlx::query_as(
        "SELECT unit_code, COUNT(*) AS applicants, COUNT(CASE WHEN sex = 'P' THEN 1 END) AS women
         FROM applicants WHERE round_id = ? GROUP BY unit_code ORDER BY unit_code",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Number of applicants of each round.
pub async fn counts_by_round(conn: &mut SqliteConnection) -> Result<Vec<(i64, i64)>> {
    Ok(
        sqlx::query_as("SELECT round_id, COUNT(*) FROM applicants GROUP BY round_id")
            .fetch_all(&mut *conn)
            .await?,
    )
}

/// Applicant counts of one round per kecamatan (digits).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct KecamatanCount {
    pub kecamatan_code: String,
    pub applicants: i64,
}

pub async fn counts_by_kecamatan(
    conn: &mut SqliteConnection,
    round_id: i64,
) -> Result<Vec<KecamatanCount>> {
    Ok(sqlx::query_as(
        "SELECT kecamatan_code, COUNT(*) AS applicants FROM applicants WHERE round_id = ?
         GROUP BY kecamatan_code ORDER BY kecamatan_code",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}
