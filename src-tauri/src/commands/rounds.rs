//! Creating selection rounds.

use adhoc::domain::round::RoundDraft;
use adhoc::service::rounds::{self, PresetChoice, RoundSummary, UnitQuotaList};
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
    let session = state.session().await?;
    Ok(rounds::create_round(&state.db()?, &session, &draft, chrono::Utc::now()).await?)
}

#[tauri::command]
pub async fn unit_quotas(state: State<'_, AppState>, round_id: i64) -> CmdResult<UnitQuotaList> {
    state.session().await?;
    Ok(rounds::unit_quotas(&state.db()?, round_id).await?)
}

#[tauri::command]
pub async fn set_unit_quota(
    state: State<'_, AppState>,
    round_id: i64,
    unit_code: String,
    quota: Option<u32>,
    reason: String,
) -> CmdResult<UnitQuotaList> {
    let session = state.session().await?;
    let db = &state.db()?;
    rounds::set_unit_quota(
        db,
        &session,
        round_id,
        &unit_code,
        quota,
        &reason,
        chrono::Utc::now(),
    )
    .await?;
    Ok(rounds::unit_quotas(db, round_id).await?)
}
