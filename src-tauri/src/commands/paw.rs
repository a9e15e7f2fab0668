//! Members during the term and their replacement (PAW).

use adhoc::service::paw::{self, HolderLeaveInput, LeaveInput, UnitMembers};
use chrono::Utc;
use tauri::State;

use crate::state::{AppState, CmdResult};

/// Members, reserves and PAW history per unit (after the final results).
#[tauri::command]
pub async fn unit_members(
    state: State<'_, AppState>,
    round_id: i64,
    unit: Option<String>,
) -> CmdResult<Vec<UnitMembers>> {
    let session = state.session().await?;
    Ok(paw::members(
        &state.db()?,
        &session,
        round_id,
        unit.as_deref(),
        Utc::now(),
    )
    .await?)
}

/// Records a member's departure (Pimpinan); returns the unit with the
/// proposed reserve.
#[tauri::command]
pub async fn record_leave(
    state: State<'_, AppState>,
    round_id: i64,
    leave: LeaveInput,
) -> CmdResult<UnitMembers> {
    let session = state.session().await?;
    Ok(paw::record_leave(&state.db()?, &session, round_id, &leave, Utc::now()).await?)
}

/// Records the departure of a seat holder (appointed or kept member;
/// Pimpinan); returns the unit with the proposed reserve.
#[tauri::command]
pub async fn record_holder_leave(
    state: State<'_, AppState>,
    round_id: i64,
    leave: HolderLeaveInput,
) -> CmdResult<UnitMembers> {
    let session = state.session().await?;
    Ok(paw::record_holder_leave(&state.db()?, &session, round_id, &leave, Utc::now()).await?)
}

/// Confirms the proposed reserve as the replacement (Pimpinan).
#[tauri::command]
pub async fn confirm_replacement(
    state: State<'_, AppState>,
    round_id: i64,
    paw_id: i64,
    replacement_id: i64,
    note: String,
) -> CmdResult<UnitMembers> {
    let session = state.session().await?;
    Ok(paw::confirm(
        &state.db()?,
        &session,
        round_id,
        paw_id,
        replacement_id,
        &note,
        Utc::now(),
    )
    .await?)
}
