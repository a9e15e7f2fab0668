//! Interview panels: the set-up (aspects, panels, interviewers), candidates
//! spread over the panels, each candidate's grid of scores, an imported
//! recap, the schedule and the scoring form.

use adhoc::docs::csv_in::read_file;
use adhoc::domain::interview::Aspect;
use adhoc::domain::permission::Operation;
use adhoc::pdf::Paper;
use adhoc::service::interview::assign::{self, PanelSchedule};
use adhoc::service::interview::form;
use adhoc::service::interview::import::{self, PanelImport};
use adhoc::service::interview::marks::{self, InterviewCard, ScoreCell};
use adhoc::service::interview::{self, AspectView, InterviewSetup, NewInterviewer};
use chrono::Utc;
use tauri::{AppHandle, Runtime, State};

use crate::commands::files;
use crate::state::{AppState, CmdResult};

/// The round's aspects, panels and how many candidates wait for a panel.
#[tauri::command]
pub async fn interview_setup(
    state: State<'_, AppState>,
    round_id: i64,
) -> CmdResult<InterviewSetup> {
    let session = state.session().await?;
    Ok(interview::setup(&state.db()?, &session, round_id).await?)
}

/// Replaces the aspects of the form (before the first panel score).
#[tauri::command]
pub async fn set_interview_aspects(
    state: State<'_, AppState>,
    round_id: i64,
    aspects: Vec<Aspect>,
) -> CmdResult<Vec<AspectView>> {
    let session = state.session().await?;
    Ok(interview::set_aspects(&state.db()?, &session, round_id, &aspects, Utc::now()).await?)
}

/// Adds a panel with its interviewers; its id.
#[tauri::command]
pub async fn add_interview_panel(
    state: State<'_, AppState>,
    round_id: i64,
    name: String,
    room: String,
    interviewers: Vec<NewInterviewer>,
) -> CmdResult<i64> {
    let session = state.session().await?;
    let db = state.db()?;
    Ok(interview::add_panel(
        &db,
        &session,
        round_id,
        &name,
        &room,
        &interviewers,
        Utc::now(),
    )
    .await?)
}

/// Removes a panel that has no scores yet.
#[tauri::command]
pub async fn delete_interview_panel(state: State<'_, AppState>, panel_id: i64) -> CmdResult<()> {
    let session = state.session().await?;
    Ok(interview::delete_panel(&state.db()?, &session, panel_id, Utc::now()).await?)
}

/// Gives every candidate without a panel one; how many.
#[tauri::command]
pub async fn assign_interview_panels(state: State<'_, AppState>, round_id: i64) -> CmdResult<u32> {
    let session = state.session().await?;
    Ok(assign::assign_automatically(&state.db()?, &session, round_id, Utc::now()).await?)
}

/// Every panel's schedule, the candidates without a panel last.
#[tauri::command]
pub async fn interview_schedule(
    state: State<'_, AppState>,
    round_id: i64,
) -> CmdResult<Vec<PanelSchedule>> {
    let session = state.session().await?;
    Ok(assign::schedule(&state.db()?, &session, round_id).await?)
}

/// A candidate's grid: each interviewer's scores, weighted sums, the mark.
#[tauri::command]
pub async fn interview_card(
    state: State<'_, AppState>,
    round_id: i64,
    applicant_id: i64,
) -> CmdResult<InterviewCard> {
    let session = state.session().await?;
    Ok(marks::card(&state.db()?, &session, round_id, applicant_id).await?)
}

/// Enters cells of a candidate's grid; the card as it now stands.
#[tauri::command]
pub async fn record_interview_scores(
    state: State<'_, AppState>,
    round_id: i64,
    applicant_id: i64,
    cells: Vec<ScoreCell>,
) -> CmdResult<InterviewCard> {
    let session = state.session().await?;
    let db = state.db()?;
    Ok(marks::record_scores(&db, &session, round_id, applicant_id, &cells, Utc::now()).await?)
}

/// Asks for a recap of panel scores (xlsx, xls, ods, csv) and imports it,
/// all or nothing; `None` when cancelled.
#[tauri::command]
pub async fn import_interview_scores<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    round_id: i64,
) -> CmdResult<Option<PanelImport>> {
    let session = state.session().await?;
    session.require(Operation::EnterScores)?;
    let Some(path) = files::pick(
        &app,
        "Rekap nilai panel",
        &["xlsx", "xls", "ods", "csv", "txt"],
    )?
    else {
        return Ok(None);
    };
    let bytes = read_file(&path)?;
    let db = state.db()?;
    Ok(Some(
        import::import_scores(&db, &session, round_id, &bytes, None, Utc::now()).await?,
    ))
}

/// Asks where to save a candidate's scoring form, writes the PDF and opens
/// it. `None` when cancelled.
#[tauri::command]
pub async fn save_interview_form<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    round_id: i64,
    applicant_id: i64,
) -> CmdResult<Option<files::Written>> {
    let session = state.session().await?;
    let db = state.db()?;
    let (name, bytes) =
        form::scoring_form_pdf(&db, &session, round_id, applicant_id, Paper::A4, Utc::now())
            .await?;
    Ok(files::save_pdf(&app, name, &bytes)?)
}
