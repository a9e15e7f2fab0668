//! The selection after the administrative check: stage timeline and
//! opening, registration extensions, test scores, results, the quota
//! dashboard and the plenary's tie decisions.

use adhoc::domain::permission::Operation;
use adhoc::domain::round::Stage;
use adhoc::service::selection::{self, QuotaDashboard, ScoreImport, ScoreSheet, SelectionRow};
use adhoc::service::stages::{self, ExtensionUnit, Timeline};
use adhoc::Error;
use chrono::{NaiveDate, Utc};
use tauri::{AppHandle, Runtime, State};

use crate::commands::files;
use crate::state::{AppState, CmdResult};

/// The round's schedule with today's position and each stage's state.
#[tauri::command]
pub async fn stage_timeline(state: State<'_, AppState>, round_id: i64) -> CmdResult<Timeline> {
    let session = state.session()?;
    Ok(stages::timeline(state.db()?, &session, round_id, Utc::now()).await?)
}

/// Opens the stage in progress (Pimpinan).
#[tauri::command]
pub async fn open_stage(state: State<'_, AppState>, round_id: i64, stage: Stage) -> CmdResult<()> {
    let session = state.session()?;
    Ok(stages::open(state.db()?, &session, round_id, stage, Utc::now()).await?)
}

/// Units that registration left short, with their extensions.
#[tauri::command]
pub async fn extension_list(
    state: State<'_, AppState>,
    round_id: i64,
) -> CmdResult<Vec<ExtensionUnit>> {
    let session = state.session()?;
    Ok(stages::extension_list(state.db()?, &session, round_id, Utc::now()).await?)
}

/// Extends registration for some units (Pimpinan); returns the end date.
#[tauri::command]
pub async fn extend_registration(
    state: State<'_, AppState>,
    round_id: i64,
    units: Vec<String>,
    ends_on: Option<String>,
) -> CmdResult<String> {
    let session = state.session()?;
    let ends_on = match ends_on.filter(|s| !s.trim().is_empty()) {
        Some(s) => Some(
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
                Error::validation("sampai", "Tanggal akhir perpanjangan tidak dapat dibaca.")
            })?,
        ),
        None => None,
    };
    let end = stages::extend(state.db()?, &session, round_id, &units, ends_on, Utc::now()).await?;
    Ok(end.to_string())
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
    Ok(selection::score_sheet(state.db()?, &session, round_id, stage, unit.as_deref()).await?)
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
        state.db()?,
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
        selection::import_marks(state.db()?, &session, round_id, stage, &bytes, Utc::now()).await?,
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
        state.db()?,
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
    Ok(selection::quota(state.db()?, &session, round_id, Utc::now()).await?)
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
    Ok(selection::decide_tie(state.db()?, &session, round_id, &ordered, &note, Utc::now()).await?)
}
