//! The kecamatan and desa/kelurahan of this database, for pickers.

use serde::Serialize;
use ts_rs::TS;

use crate::domain::region::{DesaKind, RegionCode};
use crate::error::Result;
use crate::store::{regions, Db};

/// A desa or kelurahan.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DesaOption {
    /// Dotted code, e.g. `35.14.01.2001`.
    pub code: String,
    pub name: String,
    pub kind: DesaKind,
}

/// A kecamatan and its desa/kelurahan, in code order.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct KecamatanOption {
    /// Dotted code, e.g. `35.14.01`.
    pub code: String,
    pub name: String,
    pub desa: Vec<DesaOption>,
}

/// Every kecamatan of the kabupaten/kota with its desa/kelurahan.
pub async fn regions(db: &Db) -> Result<Vec<KecamatanOption>> {
    let mut conn = db.pool().acquire().await?;
    let mut out: Vec<KecamatanOption> = regions::kecamatan_counts(&mut conn)
        .await?
        .into_iter()
        .map(|k| KecamatanOption {
            code: RegionCode::from_trusted(k.code).dotted(),
            name: k.name,
            desa: Vec::new(),
        })
        .collect();
    for d in regions::all_desa(&mut conn).await? {
        let kec = RegionCode::from_trusted(d.kecamatan_code).dotted();
        if let Some(k) = out.iter_mut().find(|k| k.code == kec) {
            k.desa.push(DesaOption {
                code: RegionCode::from_trusted(d.code).dotted(),
                name: d.name,
                kind: DesaKind::from_db(&d.kind).unwrap_or(DesaKind::Lainnya),
            });
        }
    }
    Ok(out)
}
