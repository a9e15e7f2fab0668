//! Creating selection rounds.

use adhoc::domain::round::RoundDraft;
use adhoc::service::rounds::{self, PresetChoice, RoundSummary};
use tauri::State;

use crate::state::{AppState, CmdResult};

#[tauri::command]
pub fn round_presets() -> Vec<PresetChoice> {
    rounds::presets()
}

#[tauri::command]
pub async fn create_round(
    state: State<'_, AppState>,
    draft: RoundDraft,
) -> CmdResult<RoundSummary> {
    let session = state.session()?;
    Ok(rounds::create_round(state.db()?, &session, &draft, chrono::Utc::now()).await?)
}
