//! Exporting a list staff see on screen or print on the command line
//! (applicants, a stage's results, the quota recap, party-list hits, the
//! audit trail) as CSV or as an Excel workbook. Each list is built once as
//! a typed table ([`crate::docs::lists`]) by the service that owns it, with
//! that service's permission check; this module names the lists, refuses a
//! list too long for the format before any file is made, suggests a file
//! name, writes, and records the exports the audit trail has always
//! recorded (applicants and the audit trail itself).

mod tables;

use chrono::{DateTime, Local, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::docs::lists::{ExportFormat, Table};
use crate::domain::permission::Session;
use crate::domain::region::RegionCode;
use crate::domain::round::Stage;
use crate::error::Result;
use crate::service::audit::{self, AuditQuery};
use crate::service::{
    applicants, parties, quota, reconciliation, seating, selection, verification,
};
use crate::store::Db;

pub use tables::party_hits_table;

/// A list to export, with what narrows it.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "list", rename_all = "snake_case")]
#[ts(export)]
pub enum ListRequest {
    /// A round's applicants, in the import format.
    Applicants {
        #[ts(type = "number")]
        round_id: i64,
    },
    /// A stage's results: `administrasi` (the verdicts), `tertulis` or
    /// `akhir` (scores, rank, status); `unit` narrows them to one unit or
    /// kecamatan.
    Results {
        #[ts(type = "number")]
        round_id: i64,
        stage: Stage,
        unit: Option<String>,
    },
    /// The quota recap, the kabupaten's total last.
    Quota {
        #[ts(type = "number")]
        round_id: i64,
    },
    /// The women's share at every stage, per unit (PPS: then per
    /// kecamatan), the kabupaten's total last.
    Women {
        #[ts(type = "number")]
        round_id: i64,
    },
    /// Applicants whose NIK is in the party-membership list.
    PartyHits,
    /// Online registrations and paper files: every application with where
    /// it stands, those still awaiting their file first.
    Reconciliation {
        #[ts(type = "number")]
        round_id: i64,
    },
    /// The audit trail entries matching the filter, oldest first (limit
    /// and offset are ignored: every match is exported).
    Audit { query: AuditQuery },
    /// The written test's schedule: participants by number with session,
    /// venue, room and seat; `venue` keeps one venue's.
    Schedule {
        #[ts(type = "number")]
        round_id: i64,
        #[ts(type = "number | null")]
        venue: Option<i64>,
    },
}

/// A list written to a file the user chose.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ExportedList {
    /// Rows below the header.
    pub rows: u32,
    pub path: String,
}

/// A list ready to be written: built, checked against the format's limits,
/// with the file name to suggest.
#[derive(Debug, Clone)]
pub struct Export {
    request: ListRequest,
    format: ExportFormat,
    table: Table,
    file_name: String,
}

impl Export {
    /// The name to suggest for the file, e.g. `pendaftar-seleksi-1-2026-11-23.xlsx`.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    pub fn format(&self) -> ExportFormat {
        self.format
    }

    pub fn table(&self) -> &Table {
        &self.table
    }

    /// Rows below the header.
    pub fn rows(&self) -> usize {
        self.table.len()
    }
}

/// Builds the list `request` names, as the session may read it, and
/// refuses it when it does not fit `format` (before any file is made).
pub async fn prepare(
    db: &Db,
    session: &Session,
    request: ListRequest,
    format: ExportFormat,
    now: DateTime<Utc>,
) -> Result<Export> {
    let table = match &request {
        ListRequest::Applicants { round_id } => {
            applicants::export_table(db, session, *round_id).await?
        }
        ListRequest::Results {
            round_id,
            stage: Stage::Administrasi,
            unit,
        } => {
            let unit = unit.as_deref().map(RegionCode::parse).transpose()?;
            let rows = verification::results(db, session, *round_id, now).await?;
            tables::admin_results(rows, unit.map(|u| u.dotted()).as_deref())
        }
        ListRequest::Results {
            round_id,
            stage,
            unit,
        } => {
            let rows =
                selection::results(db, session, *round_id, *stage, unit.as_deref(), now).await?;
            tables::selection_results(*stage, rows)
        }
        ListRequest::Quota { round_id } => {
            tables::quota_recap(quota::quota(db, session, *round_id, now).await?)
        }
        ListRequest::Women { round_id } => {
            tables::women_recap(quota::quota(db, session, *round_id, now).await?)
        }
        ListRequest::PartyHits => party_hits_table(parties::hits(db, session).await?),
        ListRequest::Reconciliation { round_id } => tables::reconciliation(
            reconciliation::reconciliation(db, session, *round_id, None).await?,
        ),
        ListRequest::Audit { query } => audit::export_table(db, session, query).await?,
        ListRequest::Schedule { round_id, venue } => {
            seating::schedule_table(db, session, *round_id, *venue).await?
        }
    };
    table.check_fits(format)?;
    let file_name = format!(
        "{}-{}.{}",
        base_name(&request),
        now.with_timezone(&Local).format("%Y-%m-%d"),
        format.extension()
    );
    Ok(Export {
        request,
        format,
        table,
        file_name,
    })
}

/// Writes a prepared list to `out` and records the export where the audit
/// trail records it (applicants, the audit trail). Returns the rows written.
pub async fn save<W: std::io::Write>(
    db: &Db,
    session: &Session,
    export: &Export,
    out: W,
    now: DateTime<Utc>,
) -> Result<usize> {
    export.table.write(export.format, out)?;
    let rows = export.table.len();
    match &export.request {
        ListRequest::Applicants { round_id } => {
            applicants::record_export(db, session, *round_id, rows, export.format, now).await?
        }
        ListRequest::Audit { .. } => {
            audit::record_export(db, session, rows, export.format, now).await?
        }
        ListRequest::Results { .. }
        | ListRequest::Quota { .. }
        | ListRequest::Women { .. }
        | ListRequest::PartyHits
        | ListRequest::Reconciliation { .. }
        | ListRequest::Schedule { .. } => {}
    }
    Ok(rows)
}

/// The file name of a list, before its date.
fn base_name(request: &ListRequest) -> String {
    match request {
        ListRequest::Applicants { round_id } => format!("pendaftar-seleksi-{round_id}"),
        ListRequest::Results {
            round_id,
            stage,
            unit,
        } => {
            let unit = unit
                .as_deref()
                .map(|u| {
                    format!(
                        "-{}",
                        u.chars().filter(char::is_ascii_digit).collect::<String>()
                    )
                })
                .unwrap_or_default();
            format!("hasil-{}-seleksi-{round_id}{unit}", stage.as_str())
        }
        ListRequest::Quota { round_id } => format!("rekap-kuota-seleksi-{round_id}"),
        ListRequest::Women { round_id } => format!("keterwakilan-perempuan-seleksi-{round_id}"),
        ListRequest::PartyHits => "pendaftar-dalam-daftar-partai".to_string(),
        ListRequest::Reconciliation { round_id } => {
            format!("rekonsiliasi-berkas-seleksi-{round_id}")
        }
        ListRequest::Audit { .. } => "jejak-audit".to_string(),
        ListRequest::Schedule { round_id, venue } => format!(
            "jadwal-tes-seleksi-{round_id}{}",
            venue.map(|v| format!("-tempat-{v}")).unwrap_or_default()
        ),
    }
}
