//! Stages of a round: the timeline, opening, closing and reopening.

use adhoc::domain::round::Stage;
use adhoc::service::stages::{self, StageClosed, Timeline};
use chrono::Utc;
use tauri::State;

use crate::state::{AppState, CmdResult};

/// The round's schedule with today's position and each stage's state.
#[tauri::command]
pub async fn stage_timeline(state: State<'_, AppState>, round_id: i64) -> CmdResult<Timeline> {
    let session = state.session().await?;
    Ok(stages::timeline(&state.db()?, &session, round_id, Utc::now()).await?)
}

/// Opens the stage in progress (Pimpinan).
#[tauri::command]
pub async fn open_stage(state: State<'_, AppState>, round_id: i64, stage: Stage) -> CmdResult<()> {
    let session = state.session().await?;
    Ok(stages::open(&state.db()?, &session, round_id, stage, Utc::now()).await?)
}

/// Closes the stage in progress (Pimpinan).
#[tauri::command]
pub async fn close_stage(
    state: State<'_, AppState>,
    round_id: i64,
    stage: Stage,
) -> CmdResult<StageClosed> {
    let session = state.session().await?;
    Ok(stages::close(&state.db()?, &session, round_id, stage, Utc::now()).await?)
}

/// Reopens a closed stage with a reason (Administrator).
#[tauri::command]
pub async fn reopen_stage(
    state: State<'_, AppState>,
    round_id: i64,
    stage: Stage,
    reason: String,
) -> CmdResult<()> {
    let session = state.session().await?;
    Ok(stages::reopen(&state.db()?, &session, round_id, stage, &reason, Utc::now()).await?)
}
