//! Online registrations and paper files: the reconciliation, and the help
//! desk receiving a file against an online registration.

use adhoc::service::reconciliation::{self, FileReceipt, Reconciliation};
use chrono::Utc;
use tauri::State;

use crate::state::{AppState, CmdResult};

/// A round's reconciliation, narrowed to a unit (kecamatan or desa code).
#[tauri::command]
pub async fn reconciliation(
    state: State<'_, AppState>,
    round_id: i64,
    unit: Option<String>,
) -> CmdResult<Reconciliation> {
    let session = state.session().await?;
    let unit = unit.filter(|u| !u.trim().is_empty());
    Ok(reconciliation::reconciliation(&state.db()?, &session, round_id, unit.as_deref()).await?)
}

/// Records an online applicant's paper file as received now.
#[tauri::command]
pub async fn receive_files(
    state: State<'_, AppState>,
    applicant_id: i64,
) -> CmdResult<FileReceipt> {
    let session = state.session().await?;
    Ok(reconciliation::receive_files(&state.db()?, &session, applicant_id, Utc::now()).await?)
}

/// Undoes the receipt of an online applicant's paper file.
#[tauri::command]
pub async fn cancel_file_receipt(state: State<'_, AppState>, applicant_id: i64) -> CmdResult<()> {
    let session = state.session().await?;
    Ok(reconciliation::cancel_receipt(&state.db()?, &session, applicant_id, Utc::now()).await?)
}
