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
    pub election: String,
    /// JSON array of NIK warnings, if any.
    pub nik_warnings: Option<String>,
    pub nik_warnings_ack: bool,
    pub domicile_desa_code: Option<String>,
    pub domicile_reason: Option<String>,
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
                 created_at, created_by, election, nik_warnings, nik_warnings_ack, domicile_desa_code, domicile_reason) ",
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
                .push_bind(created_by)
                .push_bind(&a.election)
                .push_bind(&a.nik_warnings)
                .push_bind(a.nik_warnings_ack)
                .push_bind(&a.domicile_desa_code)
                .push_bind(&a.domicile_reason);
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

/// The next free sequence number of a round (numbers are never reused:
/// applications are withdrawn, not deleted).
pub async fn next_seq(conn: &mut SqliteConnection, round_id: i64) -> Result<i64> {
    let max: Option<i64> =
        sqlx::query_scalar("SELECT MAX(reg_seq) FROM applicants WHERE round_id = ?")
            .bind(round_id)
            .fetch_one(&mut *conn)
            .await?;
    Ok(max.unwrap_or(0) + 1)
}

/// An application already holding a NIK in an election.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Holder {
    pub nik: String,
    pub reg_number: String,
    pub round_name: String,
}

/// Every active application of an election, by NIK.
pub async fn active_in_election(
    conn: &mut SqliteConnection,
    election: &str,
) -> Result<Vec<Holder>> {
    Ok(sqlx::query_as(
        "SELECT a.nik, a.reg_number, r.name AS round_name FROM applicants a JOIN rounds r ON r.id = a.round_id
         WHERE a.election = ? AND a.status <> 'mundur'",
    )
    .bind(election)
    .fetch_all(&mut *conn)
    .await?)
}

/// An applicant row as exported.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ExportRow {
    pub nik: String,
    pub full_name: String,
    pub sex: String,
    pub birth_place: String,
    pub birth_date: NaiveDate,
    pub address: String,
    pub address_desa_code: String,
    pub education: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub unit_code: String,
    pub occupation: Option<String>,
    pub domicile_desa_code: Option<String>,
    pub domicile_reason: Option<String>,
}

/// Every application of a round, in registration order.
pub async fn for_export(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<ExportRow>> {
    Ok(sqlx::query_as(
        "SELECT nik, full_name, sex, birth_place, birth_date, address, address_desa_code, education, phone, email,
                unit_code, occupation, domicile_desa_code, domicile_reason
         FROM applicants WHERE round_id = ? ORDER BY reg_seq",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}
