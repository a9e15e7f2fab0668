//! The kecamatan and desa of the kabupaten/kota this database serves.

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use crate::domain::region::{DesaKind, Region, RegionCode, RegionLevel};
use crate::error::Result;
use crate::store::BULK_CHUNK;

/// Inserts kecamatan (6-digit codes) in bulk.
pub async fn insert_kecamatan(conn: &mut SqliteConnection, rows: &[&Region]) -> Result<()> {
    for chunk in rows.chunks(BULK_CHUNK) {
        let mut q = QueryBuilder::<Sqlite>::new("INSERT INTO kecamatan (code, name) ");
        q.push_values(chunk, |mut b, r| {
            b.push_bind(r.code.digits()).push_bind(&r.name);
        });
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Inserts desa/kelurahan (10-digit codes) in bulk; their kecamatan must exist.
pub async fn insert_desa(conn: &mut SqliteConnection, rows: &[&Region]) -> Result<()> {
    for chunk in rows.chunks(BULK_CHUNK) {
        let mut q =
            QueryBuilder::<Sqlite>::new("INSERT INTO desa (code, kecamatan_code, name, kind) ");
        q.push_values(chunk, |mut b, r| {
            let kecamatan = &r.code.digits()[..6];
            let kind = r.code.desa_kind().unwrap_or(DesaKind::Lainnya);
            b.push_bind(r.code.digits())
                .push_bind(kecamatan)
                .push_bind(&r.name)
                .push_bind(kind.as_str());
        });
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// A kecamatan with the number of its desa and kelurahan.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct KecamatanCounts {
    pub code: String,
    pub name: String,
    pub desa: i64,
    pub kelurahan: i64,
    pub lainnya: i64,
}

/// Every kecamatan, in code order, with its desa/kelurahan counts.
pub async fn kecamatan_counts(conn: &mut SqliteConnection) -> Result<Vec<KecamatanCounts>> {
    Ok(sqlx::query_as(
        "SELECT k.code, k.name,
                COUNT(CASE WHEN d.kind = 'desa' THEN 1 END) AS desa,
                COUNT(CASE WHEN d.kind = 'kelurahan' THEN 1 END) AS kelurahan,
                COUNT(CASE WHEN d.kind = 'lainnya' THEN 1 END) AS lainnya
         FROM kecamatan k LEFT JOIN desa d ON d.kecamatan_code = k.code
         GROUP BY k.code ORDER BY k.code",
    )
    .fetch_all(&mut *conn)
    .await?)
}

/// A desa/kelurahan row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DesaRow {
    pub code: String,
    pub kecamatan_code: String,
    pub name: String,
    pub kind: String,
}

/// Every desa/kelurahan, in code order.
pub async fn all_desa(conn: &mut SqliteConnection) -> Result<Vec<DesaRow>> {
    Ok(
        sqlx::query_as("SELECT code, kecamatan_code, name, kind FROM desa ORDER BY code")
            .fetch_all(&mut *conn)
            .await?,
    )
}

/// Whether a kecamatan or desa/kelurahan of this database has `code`.
pub async fn exists(conn: &mut SqliteConnection, code: &RegionCode) -> Result<bool> {
    let sql = match code.level() {
        RegionLevel::Kecamatan => "SELECT 1 FROM kecamatan WHERE code = ?",
        RegionLevel::Desa => "SELECT 1 FROM desa WHERE code = ?",
        _ => return Ok(false),
    };
    let hit: Option<i64> = sqlx::query_scalar(sql)
        .bind(code.digits())
        .fetch_optional(&mut *conn)
        .await?;
    Ok(hit.is_some())
}
