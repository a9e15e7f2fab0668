//! Applicants.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

pub use super::applicant_search::{search, standing_of, standings, ListRow, Search};

use crate::domain::applicant::{ApplicationStatus, Education, Sex};
use crate::domain::registration::PartyStatus;
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
    pub party_status: &'static str,
    pub party_left_year: Option<i32>,
    pub misuse_statement: bool,
    pub disability: Option<String>,
    /// On an imported list of online registrations: the paper file is
    /// still to come. Otherwise the file is received as it is registered.
    pub online: bool,
}

/// The search key of a name: lower case, single spaces.
pub fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Page cache of a connection doing bulk writes, in KiB. SQLite's default
/// (2 MiB) makes a large transaction spill pages to the WAL and read them
/// back while updating the indexes; 32 MiB keeps a 100,000-row import in
/// memory.
pub const BULK_CACHE_KIB: i64 = 32 * 1024;
/// SQLite's default page cache, restored after bulk writes.
pub const DEFAULT_CACHE_KIB: i64 = 2 * 1024;

/// Sets the page cache of this connection (see [`BULK_CACHE_KIB`]).
pub async fn set_cache_kib(conn: &mut SqliteConnection, kib: i64) -> Result<()> {
    sqlx::query(&format!("PRAGMA cache_size = -{kib}"))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Writes applicants of one round in multi-row INSERTs.
pub async fn insert_many(
    conn: &mut SqliteConnection,
    round_id: i64,
    rows: &[NewApplicant],
    created_by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<()> {
    insert_many_reporting(conn, round_id, rows, created_by, now, &mut |_| {}).await
}

/// [`insert_many`], calling `progress(rows written)` after each statement.
pub async fn insert_many_reporting(
    conn: &mut SqliteConnection,
    round_id: i64,
    rows: &[NewApplicant],
    created_by: Option<i64>,
    now: DateTime<Utc>,
    progress: &mut (dyn FnMut(usize) + Send),
) -> Result<()> {
    let now = now.to_rfc3339();
    let mut written = 0;
    for chunk in rows.chunks(BULK_CHUNK) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO applicants (round_id, reg_seq, reg_number, nik, full_name, sex, birth_place, birth_date,
                 address, address_desa_code, phone, email, education, occupation, unit_code, kecamatan_code,
                 created_at, created_by, election, nik_warnings, nik_warnings_ack, domicile_desa_code, domicile_reason,
                 name_key, party_status, party_left_year, misuse_statement, disability,
                 online, files_received_at, files_received_by) ",
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
                .push_bind(&a.domicile_reason)
                .push_bind(name_key(&a.full_name))
                .push_bind(a.party_status)
                .push_bind(a.party_left_year)
                .push_bind(a.misuse_statement)
                .push_bind(&a.disability)
                .push_bind(a.online)
                .push_bind((!a.online).then_some(&now))
                .push_bind(created_by.filter(|_| !a.online));
        });
        q.build().execute(&mut *conn).await?;
        written += chunk.len();
        progress(written);
    }
    Ok(())
}

/// Marks applications as registered online (found on an imported online
/// list); their files, received or not, stay as they are.
pub async fn mark_online(conn: &mut SqliteConnection, ids: &[i64]) -> Result<()> {
    for chunk in ids.chunks(BULK_CHUNK) {
        let mut q = QueryBuilder::<Sqlite>::new("UPDATE applicants SET online = 1 WHERE id IN (");
        let mut list = q.separated(", ");
        for id in chunk {
            list.push_bind(*id);
        }
        q.push(")");
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
    pub round_id: i64,
    pub applicant_id: i64,
    /// On an online list and still without files.
    pub awaiting_files: bool,
    pub reg_number: String,
    pub round_name: String,
}

/// Every active application of an election, by NIK.
pub async fn active_in_election(
    conn: &mut SqliteConnection,
    election: &str,
) -> Result<Vec<Holder>> {
    Ok(sqlx::query_as(
        "SELECT a.nik, a.round_id, a.id AS applicant_id, a.files_received_at IS NULL AS awaiting_files,
                a.reg_number, r.name AS round_name
         FROM applicants a JOIN rounds r ON r.id = a.round_id
         WHERE a.election = ? AND a.status <> 'mundur'",
    )
    .bind(election)
    .fetch_all(&mut *conn)
    .await?)
}

/// An applicant row as exported.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ExportRow {
    pub reg_number: String,
    pub nik: String,
    pub full_name: String,
    #[sqlx(try_from = "String")]
    pub sex: Sex,
    pub birth_place: String,
    pub birth_date: NaiveDate,
    pub address: String,
    pub address_desa_code: String,
    #[sqlx(try_from = "String")]
    pub education: Education,
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
        "SELECT reg_number, nik, full_name, sex, birth_place, birth_date, address, address_desa_code, education,
                phone, email, unit_code, occupation, domicile_desa_code, domicile_reason
         FROM applicants WHERE round_id = ? ORDER BY reg_seq",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// The id of the applicant with this registration sequence in a round.
pub async fn id_of(conn: &mut SqliteConnection, round_id: i64, reg_seq: i64) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT id FROM applicants WHERE round_id = ? AND reg_seq = ?")
            .bind(round_id)
            .bind(reg_seq)
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// The round of an applicant; an id that does not exist is not found.
pub async fn round_of(conn: &mut SqliteConnection, id: i64) -> Result<i64> {
    let round: Option<i64> = sqlx::query_scalar("SELECT round_id FROM applicants WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    round.ok_or_else(|| crate::error::Error::NotFound(format!("Pendaftar dengan nomor data {id}")))
}

/// The id of the applicant with this registration number in a round.
pub async fn id_by_number(
    conn: &mut SqliteConnection,
    round_id: i64,
    reg_number: &str,
) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM applicants WHERE round_id = ? AND reg_number = ?")
            .bind(round_id)
            .bind(reg_number.to_ascii_uppercase())
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// The active application holding a NIK in an election.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ActiveHolder {
    pub id: i64,
    pub reg_number: String,
    pub full_name: String,
    pub round_name: String,
    /// On an online list, the paper file not yet received.
    pub awaiting_files: bool,
}

/// The active application holding `nik` in `election`, other than `except`.
pub async fn active_holder(
    conn: &mut SqliteConnection,
    election: &str,
    nik: &str,
    except: Option<i64>,
) -> Result<Option<ActiveHolder>> {
    Ok(sqlx::query_as(
        "SELECT a.id, a.reg_number, a.full_name, r.name AS round_name,
                a.files_received_at IS NULL AS awaiting_files
         FROM applicants a JOIN rounds r ON r.id = a.round_id
         WHERE a.election = ? AND a.nik = ? AND a.status <> 'mundur' AND a.id IS NOT ?
         LIMIT 1",
    )
    .bind(election)
    .bind(nik)
    .bind(except)
    .fetch_optional(&mut *conn)
    .await?)
}

/// One applicant as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredApplicant {
    pub id: i64,
    pub round_id: i64,
    pub reg_number: String,
    pub nik: String,
    pub full_name: String,
    #[sqlx(try_from = "String")]
    pub sex: Sex,
    pub birth_place: String,
    pub birth_date: NaiveDate,
    pub address: String,
    pub address_desa_code: String,
    pub domicile_desa_code: Option<String>,
    pub domicile_reason: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    #[sqlx(try_from = "String")]
    pub education: Education,
    pub occupation: Option<String>,
    pub unit_code: String,
    pub kecamatan_code: String,
    #[sqlx(try_from = "String")]
    pub status: ApplicationStatus,
    pub created_at: String,
    pub created_by_name: Option<String>,
    pub nik_warnings: Option<String>,
    pub nik_warnings_ack: bool,
    #[sqlx(try_from = "String")]
    pub party_status: PartyStatus,
    pub party_left_year: Option<i32>,
    pub misuse_statement: bool,
    pub disability: Option<String>,
    pub withdrawn_at: Option<String>,
    pub withdrawn_reason: Option<String>,
    pub updated_at: Option<String>,
    /// On an imported list of online registrations.
    pub online: bool,
    /// When the paper file was received (RFC 3339); `None` while awaited.
    pub files_received_at: Option<String>,
}

/// The columns of a [`StoredApplicant`], from `applicants a` and `users u`.
pub(crate) const STORED_SELECT: &str =
    "SELECT a.id, a.round_id, a.reg_number, a.nik, a.full_name, a.sex, a.birth_place, a.birth_date, a.address,
            a.address_desa_code, a.domicile_desa_code, a.domicile_reason, a.phone, a.email, a.education,
            a.occupation, a.unit_code, a.kecamatan_code, a.status, a.created_at, u.full_name AS created_by_name,
            a.nik_warnings, a.nik_warnings_ack, a.party_status, a.party_left_year, a.misuse_statement,
            a.disability, a.withdrawn_at, a.withdrawn_reason, a.updated_at, a.online, a.files_received_at
     FROM applicants a LEFT JOIN users u ON u.id = a.created_by";

pub async fn get(conn: &mut SqliteConnection, id: i64) -> Result<Option<StoredApplicant>> {
    Ok(sqlx::query_as(&format!("{STORED_SELECT} WHERE a.id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?)
}

/// Rewrites the editable fields of an applicant (not its number or round).
pub async fn update(
    conn: &mut SqliteConnection,
    id: i64,
    a: &NewApplicant,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "UPDATE applicants SET nik = ?, full_name = ?, name_key = ?, sex = ?, birth_place = ?, birth_date = ?,
                address = ?, address_desa_code = ?, phone = ?, email = ?, education = ?, occupation = ?,
                unit_code = ?, kecamatan_code = ?, nik_warnings = ?, nik_warnings_ack = ?,
                domicile_desa_code = ?, domicile_reason = ?, party_status = ?, party_left_year = ?,
                misuse_statement = ?, disability = ?, updated_at = ?
         WHERE id = ?",
    )
    .bind(&a.nik)
    .bind(&a.full_name)
    .bind(name_key(&a.full_name))
    .bind(a.sex)
    .bind(&a.birth_place)
    .bind(a.birth_date)
    .bind(&a.address)
    .bind(&a.address_desa_code)
    .bind(&a.phone)
    .bind(&a.email)
    .bind(a.education)
    .bind(&a.occupation)
    .bind(&a.unit_code)
    .bind(&a.kecamatan_code)
    .bind(&a.nik_warnings)
    .bind(a.nik_warnings_ack)
    .bind(&a.domicile_desa_code)
    .bind(&a.domicile_reason)
    .bind(a.party_status)
    .bind(a.party_left_year)
    .bind(a.misuse_statement)
    .bind(&a.disability)
    .bind(now.to_rfc3339())
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Marks an application withdrawn.
pub async fn withdraw(
    conn: &mut SqliteConnection,
    id: i64,
    reason: &str,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "UPDATE applicants SET status = 'mundur', withdrawn_at = ?, withdrawn_reason = ?, withdrawn_by = ?,
                updated_at = ?
         WHERE id = ?",
    )
    .bind(now.to_rfc3339())
    .bind(reason)
    .bind(by)
    .bind(now.to_rfc3339())
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Earlier service of an applicant: (body, election, year).
pub async fn service_of(
    conn: &mut SqliteConnection,
    id: i64,
) -> Result<Vec<(String, String, i32)>> {
    Ok(sqlx::query_as(
        "SELECT body, election, year FROM applicant_service WHERE applicant_id = ? ORDER BY year, body",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn replace_service(
    conn: &mut SqliteConnection,
    id: i64,
    rows: &[(String, String, i32)],
) -> Result<()> {
    sqlx::query("DELETE FROM applicant_service WHERE applicant_id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for (body, election, year) in rows {
        sqlx::query(
            "INSERT OR IGNORE INTO applicant_service (applicant_id, body, election, year) VALUES (?, ?, ?, ?)",
        )
        .bind(id)
        .bind(body)
        .bind(election)
        .bind(year)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The ids of a round's applicants in registration order.
pub async fn ids_in_order(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM applicants WHERE round_id = ? ORDER BY reg_seq")
            .bind(round_id)
            .fetch_all(&mut *conn)
            .await?,
    )
}

/// Records many (applicant, document code) receipts at once.
pub async fn insert_receipts(
    conn: &mut SqliteConnection,
    rows: &[(i64, &str)],
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<()> {
    let now = now.to_rfc3339();
    for chunk in rows.chunks(BULK_CHUNK) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT OR IGNORE INTO document_receipts (applicant_id, code, received_at, received_by) ",
        );
        q.push_values(chunk, |mut b, (id, code)| {
            b.push_bind(id)
                .push_bind(*code)
                .push_bind(&now)
                .push_bind(by);
        });
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Documents received from an applicant: (code, received_at).
pub async fn documents_of(conn: &mut SqliteConnection, id: i64) -> Result<Vec<(String, String)>> {
    Ok(sqlx::query_as(
        "SELECT code, received_at FROM document_receipts WHERE applicant_id = ? ORDER BY rowid",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Sets the documents received: codes no longer listed are removed, new
/// ones get `now`; ones already recorded keep their first time.
pub async fn set_documents(
    conn: &mut SqliteConnection,
    id: i64,
    codes: &[String],
    by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut q = QueryBuilder::<Sqlite>::new("DELETE FROM document_receipts WHERE applicant_id = ");
    q.push_bind(id);
    if !codes.is_empty() {
        q.push(" AND code NOT IN (");
        let mut list = q.separated(", ");
        for c in codes {
            list.push_bind(c);
        }
        q.push(")");
    }
    q.build().execute(&mut *conn).await?;
    for code in codes {
        sqlx::query(
            "INSERT OR IGNORE INTO document_receipts (applicant_id, code, received_at, received_by) VALUES (?, ?, ?, ?)",
        )
        .bind(id)
        .bind(code)
        .bind(now.to_rfc3339())
        .bind(by)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
