//! Online registrations and paper files (see
//! [`crate::domain::reconciliation`]): the round's reconciliation with the
//! two lists staff act on, and the help desk receiving the paper file of an
//! applicant who registered online, instead of registering them again.
//! Files are received until the administrative check is closed.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use crate::domain::permission::{Operation, Session};
use crate::domain::reconciliation::{FileCounts, FileStanding};
use crate::domain::region::{atlas, RegionCode};
use crate::domain::round::Stage;
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::service::local_time;
use crate::store::reconciliation::{self as store, FileRow, FileState};
use crate::store::{rounds, Db};

/// One application in the reconciliation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ReconciliationRow {
    #[ts(type = "number")]
    pub applicant_id: i64,
    pub reg_number: String,
    pub full_name: String,
    /// Dotted.
    pub unit_code: String,
    pub unit_name: String,
    pub phone: String,
    pub standing: FileStanding,
    pub standing_label: String,
    /// When registered (or imported), local: "26-11-2026 08:15".
    pub registered_at: String,
    /// When the paper file was received; empty when not yet.
    pub files_received_at: String,
}

/// A round's reconciliation of online registrations and paper files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Reconciliation {
    /// Whether any application of the round came from an online list
    /// (without one, every file is "without online registration").
    pub has_online_list: bool,
    pub counts: FileCounts,
    /// Registered online, the paper file not received yet.
    pub awaiting: Vec<ReconciliationRow>,
    /// A paper file with no online registration.
    pub desk_only: Vec<ReconciliationRow>,
    /// Every application, in registration order (the two lists above
    /// included), for the exported list.
    pub all: Vec<ReconciliationRow>,
    /// Whether files can still be received (the administrative check is
    /// not closed).
    pub can_receive: bool,
}

fn row_of(r: FileRow, names: &mut HashMap<String, String>) -> ReconciliationRow {
    let standing = FileStanding::of(r.online, r.files_received_at.is_some());
    let unit_name = names
        .entry(r.unit_code.clone())
        .or_insert_with(|| {
            RegionCode::parse(&r.unit_code)
                .map(|c| atlas().unit_label(&c))
                .unwrap_or_default()
        })
        .clone();
    ReconciliationRow {
        applicant_id: r.id,
        reg_number: r.reg_number,
        full_name: r.full_name,
        unit_code: crate::service::selection::dotted(&r.unit_code),
        unit_name,
        phone: r.phone.unwrap_or_default(),
        standing,
        standing_label: standing.label().to_string(),
        registered_at: local_time(&r.created_at),
        files_received_at: r
            .files_received_at
            .as_deref()
            .map(local_time)
            .unwrap_or_default(),
    }
}

/// The reconciliation of a round; `unit` (a kecamatan or desa code) keeps
/// the applications of that unit or of the units inside it. Any
/// logged-in role.
pub async fn reconciliation(
    db: &Db,
    session: &Session,
    round_id: i64,
    unit: Option<&str>,
) -> Result<Reconciliation> {
    session.require(Operation::Read)?;
    let unit = unit.map(RegionCode::parse).transpose()?;
    let mut conn = db.pool().acquire().await?;
    let round = rounds::get(&mut conn, round_id).await?;
    let rows = store::rows(&mut conn, round_id).await?;
    let has_online_list = rows.iter().any(|r| r.online);
    let mut names = HashMap::new();
    let all: Vec<ReconciliationRow> = rows
        .into_iter()
        .filter(|r| {
            unit.as_ref()
                .is_none_or(|u| r.unit_code.starts_with(u.digits()))
        })
        .map(|r| row_of(r, &mut names))
        .collect();
    let counts = FileCounts::of(all.iter().map(|r| r.standing));
    let of = |s: FileStanding| all.iter().filter(|r| r.standing == s).cloned().collect();
    Ok(Reconciliation {
        has_online_list,
        counts,
        awaiting: of(FileStanding::MenungguBerkas),
        desk_only: of(FileStanding::TanpaDaring),
        can_receive: round.ensure_unfrozen(Stage::Administrasi).is_ok(),
        all,
    })
}

/// The application of a round with registration number or NIK `key`,
/// as the help desk types either. Any logged-in role.
pub async fn find(db: &Db, session: &Session, round_id: i64, key: &str) -> Result<i64> {
    session.require(Operation::Read)?;
    let key = key.trim();
    let mut conn = db.pool().acquire().await?;
    let found = if key.len() == 16 && key.bytes().all(|b| b.is_ascii_digit()) {
        store::id_by_nik(&mut conn, round_id, key).await?
    } else {
        crate::store::applicants::id_by_number(&mut conn, round_id, key).await?
    };
    found.ok_or_else(|| {
        Error::NotFound(format!(
            "Pendaftar dengan nomor pendaftaran atau NIK {} pada seleksi {round_id}",
            crate::domain::text::shown(key)
        ))
    })
}

/// A paper file received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FileReceipt {
    #[ts(type = "number")]
    pub applicant_id: i64,
    pub reg_number: String,
    pub full_name: String,
    /// Local: "26-11-2026 08:15".
    pub received_at: String,
}

/// Reads the application `applicant_id` for a change of its file receipt:
/// active, and its round's administrative check not closed.
async fn changeable(conn: &mut sqlx::SqliteConnection, applicant_id: i64) -> Result<FileState> {
    let state = store::state(conn, applicant_id).await?;
    if state.withdrawn {
        return Err(Error::validation(
            "berkas",
            format!("Pendaftar {} sudah mengundurkan diri.", state.reg_number),
        ));
    }
    let round = rounds::get(conn, state.round_id).await?;
    round.ensure_unfrozen(Stage::Administrasi)?;
    Ok(state)
}

/// Records the paper file of an applicant who registered online as
/// received now by the session's user. Refused when it was received
/// already (saying when and by whom). Operator or Administrator.
pub async fn receive_files(
    db: &Db,
    session: &Session,
    applicant_id: i64,
    now: DateTime<Utc>,
) -> Result<FileReceipt> {
    session.require(Operation::RegisterApplicants)?;
    let mut tx = db.begin_write().await?;
    let state = changeable(&mut tx, applicant_id).await?;
    if let Some(at) = &state.files_received_at {
        let by = state
            .received_by
            .as_deref()
            .map(|u| format!(" oleh {u}"))
            .unwrap_or_default();
        return Err(Error::validation(
            "berkas",
            format!(
                "Berkas {} ({}) sudah diterima pada {}{by}.",
                state.reg_number,
                state.full_name,
                local_time(at)
            ),
        ));
    }
    store::set_received(&mut tx, applicant_id, Some((now, session.user_id))).await?;
    let change = Change::new("files.receive", "applicant", applicant_id)
        .before(json!({ "berkas_diterima": null }))
        .after(json!({ "berkas_diterima": now.to_rfc3339(), "daring": state.online }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(FileReceipt {
        applicant_id,
        reg_number: state.reg_number,
        full_name: state.full_name,
        received_at: local_time(&now.to_rfc3339()),
    })
}

/// Undoes the receipt of an online applicant's paper file (recorded by
/// mistake, or against the wrong person). A desk registration brought its
/// file and keeps it received. Operator or Administrator.
pub async fn cancel_receipt(
    db: &Db,
    session: &Session,
    applicant_id: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    session.require(Operation::RegisterApplicants)?;
    let mut tx = db.begin_write().await?;
    let state = changeable(&mut tx, applicant_id).await?;
    if !state.online {
        return Err(Error::validation(
            "berkas",
            format!(
                "Pendaftar {} didaftarkan di loket dengan berkasnya; penerimaan berkasnya tidak dapat dibatalkan. Jika pendaftaran itu keliru, catat pengunduran dirinya.",
                state.reg_number
            ),
        ));
    }
    let Some(at) = state.files_received_at else {
        return Err(Error::validation(
            "berkas",
            format!("Berkas {} belum diterima.", state.reg_number),
        ));
    };
    store::set_received(&mut tx, applicant_id, None).await?;
    let change = Change::new("files.cancel", "applicant", applicant_id)
        .before(json!({ "berkas_diterima": at }))
        .after(json!({ "berkas_diterima": null }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(())
}
