//! The ranking after the administrative check: results of the written
//! test and the final list, and the plenary's order of a tie.

use adhoc::domain::round::Stage;
use adhoc::service::selection::{self, SelectionRow};
use chrono::Utc;
use tauri::State;

use crate::state::{AppState, CmdResult};

/// Results of the written test (`tertulis`) or the final ranking (`akhir`).
#[tauri::command]
pub async fn selection_results(
    state: State<'_, AppState>,
    round_id: i64,
    stage: Stage,
    unit: Option<String>,
) -> CmdResult<Vec<SelectionRow>> {
    let session = state.session().await?;
    Ok(selection::results(
        &state.db()?,
        &session,
        round_id,
        stage,
        unit.as_deref(),
        Utc::now(),
    )
    .await?)
}

/// Records the plenary's order of a tied group (Pimpinan).
#[tauri::command]
pub async fn decide_tie(
    state: State<'_, AppState>,
    round_id: i64,
    ordered: Vec<i64>,
    note: String,
) -> CmdResult<()> {
    let session = state.session().await?;
    Ok(selection::decide_tie(
        &state.db()?,
        &session,
        round_id,
        &ordered,
        &note,
        Utc::now(),
    )
    .await?)
}
