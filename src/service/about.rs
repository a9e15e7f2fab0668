//! What the About screen shows.

use serde::Serialize;
use ts_rs::TS;

use crate::domain::region::REGION_DATA_ATTRIBUTION;
use crate::error::Result;
use crate::store::{known_schema_version, schema_version, Db};

/// Version, data location and the attributions the licences ask for.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AboutInfo {
    pub app_version: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    #[ts(type = "number")]
    pub known_schema_version: i64,
    pub database_path: String,
    pub region_data: String,
    pub licence: String,
}

pub async fn about(db: &Db) -> Result<AboutInfo> {
    Ok(AboutInfo {
        app_version: env!("CARGO_PKG_VERSION").to_string(),
        schema_version: schema_version(db.pool()).await?,
        known_schema_version: known_schema_version(),
        database_path: db.path().display().to_string(),
        region_data: REGION_DATA_ATTRIBUTION.to_string(),
        licence: "Seleksi Ad Hoc dirilis di bawah lisensi MIT.".to_string(),
    })
}
