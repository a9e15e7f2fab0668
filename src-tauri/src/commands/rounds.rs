//! Creating selection rounds and changing their rule settings.

use adhoc::domain::applicant_input::FieldProblem;
use adhoc::domain::round::{RoundDraft, RoundSettings};
use adhoc::service::rounds::{self, PresetChoice, RoundSummary, UnitQuotaList};
use tauri::State;

use crate::state::{AppState, CmdResult};

#[tauri::command]
pub fn round_presets() -> Vec<PresetChoice> {
    rounds::presets()
}

/// The draft's schedule moved so registration starts on `first_day`.
#[tauri::command]
pub fn shift_round_schedule(
    draft: RoundDraft,
    first_day: chrono::NaiveDate,
) -> CmdResult<RoundDraft> {
    Ok(rounds::shift_schedule(&draft, first_day)?)
}

/// The draft's dates already past on this computer's today.
#[tauri::command]
pub fn round_draft_past_dates(draft: RoundDraft) -> Vec<FieldProblem> {
    rounds::past_dates(&draft, chrono::Local::now().date_naive())
}

#[tauri::command]
pub async fn create_round(
    state: State<'_, AppState>,
    draft: RoundDraft,
) -> CmdResult<RoundSummary> {
    let session = state.session().await?;
    Ok(rounds::create_round(&state.db()?, &session, &draft, chrono::Utc::now()).await?)
}

/// Replaces the rule settings of a round before anyone registers.
#[tauri::command]
pub async fn update_round_settings(
    state: State<'_, AppState>,
    round_id: i64,
    settings: RoundSettings,
) -> CmdResult<RoundSummary> {
    let session = state.session().await?;
    Ok(rounds::update_settings(
        &state.db()?,
        &session,
        round_id,
        &settings,
        chrono::Utc::now(),
    )
    .await?)
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
