//! The selection after the administrative check: stage timeline and
//! opening, test scores, results, the quota
//! dashboard and the plenary's tie decisions.

use adhoc::domain::permission::Operation;
use adhoc::domain::round::Stage;
use adhoc::service::paw::{self, LeaveInput, UnitMembers};
use adhoc::service::responses::{self, Outcome, ResponseInput, ResponseView};
use adhoc::service::selection::{self, QuotaDashboard, ScoreImport, ScoreSheet, SelectionRow};
use adhoc::service::stages::{self, Timeline};
use adhoc::Error;
use chrono::Utc;
use tauri::{AppHandle, Runtime, State};

use crate::commands::files;
use crate::state::{AppState, CmdResult};

/// The round's schedule with today's position and each stage's state.
#[tauri::command]
pub async fn stage_timeline(state: State<'_, AppState>, round_id: i64) -> CmdResult<Timeline> {
    let session = state.session()?;
    Ok(stages::timeline(&state.db()?, &session, round_id, Utc::now()).await?)
}

/// Opens the stage in progress (Pimpinan).
#[tauri::command]
pub async fn open_stage(state: State<'_, AppState>, round_id: i64, stage: Stage) -> CmdResult<()> {
    let session = state.session()?;
    Ok(stages::open(&state.db()?, &session, round_id, stage, Utc::now()).await?)
}

/// The score sheet of a test (`tertulis` or `wawancara`).
#[tauri::command]
pub async fn score_sheet(
    state: State<'_, AppState>,
    round_id: i64,
    stage: Stage,
    unit: Option<String>,
) -> CmdResult<ScoreSheet> {
    let session = state.session()?;
    Ok(selection::score_sheet(&state.db()?, &session, round_id, stage, unit.as_deref()).await?)
}

/// Enters one mark (empty text clears it); returns the mark as stored.
#[tauri::command]
pub async fn record_mark(
    state: State<'_, AppState>,
    round_id: i64,
    stage: Stage,
    applicant_id: i64,
    mark: String,
) -> CmdResult<String> {
    let session = state.session()?;
    Ok(selection::record_mark(
        &state.db()?,
        &session,
        round_id,
        stage,
        applicant_id,
        &mark,
        Utc::now(),
    )
    .await?)
}

/// Asks for a CSV of marks and imports it; `None` when cancelled.
#[tauri::command]
pub async fn import_marks<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    round_id: i64,
    stage: Stage,
) -> CmdResult<Option<ScoreImport>> {
    let session = state.session()?;
    session.require(Operation::EnterScores)?;
    let Some(path) = files::pick(&app, "CSV", &["csv", "txt"])? else {
        return Ok(None);
    };
    let bytes = std::fs::read(&path).map_err(Error::from)?;
    Ok(Some(
        selection::import_marks(&state.db()?, &session, round_id, stage, &bytes, Utc::now())
            .await?,
    ))
}

/// Results of the written test (`tertulis`) or the final ranking (`akhir`).
#[tauri::command]
pub async fn selection_results(
    state: State<'_, AppState>,
    round_id: i64,
    stage: Stage,
    unit: Option<String>,
) -> CmdResult<Vec<SelectionRow>> {
    let session = state.session()?;
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

/// The quota dashboard.
#[tauri::command]
pub async fn quota_dashboard(
    state: State<'_, AppState>,
    round_id: i64,
) -> CmdResult<QuotaDashboard> {
    let session = state.session()?;
    Ok(selection::quota(&state.db()?, &session, round_id, Utc::now()).await?)
}

/// Records the plenary's order of a tied group (Pimpinan).
#[tauri::command]
pub async fn decide_tie(
    state: State<'_, AppState>,
    round_id: i64,
    ordered: Vec<i64>,
    note: String,
) -> CmdResult<()> {
    let session = state.session()?;
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

/// Every public response of a round.
#[tauri::command]
pub async fn list_responses(
    state: State<'_, AppState>,
    round_id: i64,
) -> CmdResult<Vec<ResponseView>> {
    let session = state.session()?;
    Ok(responses::list(&state.db()?, &session, round_id).await?)
}

/// Records a response; with `attach`, first asks for a file (PDF, JPG,
/// PNG) to keep with it. `None` when the file dialog was cancelled.
#[tauri::command]
pub async fn record_response<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: ResponseInput,
    attach: bool,
) -> CmdResult<Option<ResponseView>> {
    let session = state.session()?;
    session.require(Operation::RecordResponses)?;
    let file = if attach {
        let Some(path) = files::pick(
            &app,
            "Lampiran (PDF, JPG, PNG)",
            &["pdf", "jpg", "jpeg", "png"],
        )?
        else {
            return Ok(None);
        };
        let meta = std::fs::metadata(&path).map_err(Error::from)?;
        adhoc::domain::scan::check_size(meta.len())?;
        Some((
            path.display().to_string(),
            std::fs::read(&path).map_err(Error::from)?,
        ))
    } else {
        None
    };
    let attachment = file.as_ref().map(|(n, b)| (n.as_str(), b.as_slice()));
    Ok(Some(
        responses::record(&state.db()?, &session, &input, attachment, Utc::now()).await?,
    ))
}

#[tauri::command]
pub async fn clarify_response(
    state: State<'_, AppState>,
    id: i64,
    text: String,
) -> CmdResult<ResponseView> {
    let session = state.session()?;
    Ok(responses::clarify(&state.db()?, &session, id, &text, Utc::now()).await?)
}

/// The plenary's finding on a response (Pimpinan).
#[tauri::command]
pub async fn decide_response(
    state: State<'_, AppState>,
    id: i64,
    outcome: Outcome,
    reason: String,
) -> CmdResult<ResponseView> {
    let session = state.session()?;
    Ok(responses::decide(&state.db()?, &session, id, outcome, &reason, Utc::now()).await?)
}

/// Members, reserves and PAW history per unit (after the final results).
#[tauri::command]
pub async fn unit_members(
    state: State<'_, AppState>,
    round_id: i64,
    unit: Option<String>,
) -> CmdResult<Vec<UnitMembers>> {
    let session = state.session()?;
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
    let session = state.session()?;
    Ok(paw::record_leave(&state.db()?, &session, round_id, &leave, Utc::now()).await?)
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
    let session = state.session()?;
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
