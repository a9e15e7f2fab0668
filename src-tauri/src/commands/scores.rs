//! Test scores: the score sheet, one mark, or a CSV file of marks.

use adhoc::docs::csv_in::read_file;
use adhoc::domain::permission::Operation;
use adhoc::domain::round::Stage;
use adhoc::service::scores::{self, ScoreImport, ScoreSheet};
use chrono::Utc;
use tauri::{AppHandle, Runtime, State};

use crate::commands::files;
use crate::state::{AppState, CmdResult};

/// The score sheet of a test (`tertulis` or `wawancara`).
#[tauri::command]
pub async fn score_sheet(
    state: State<'_, AppState>,
    round_id: i64,
    stage: Stage,
    unit: Option<String>,
) -> CmdResult<ScoreSheet> {
    let session = state.session().await?;
    Ok(scores::score_sheet(&state.db()?, &session, round_id, stage, unit.as_deref()).await?)
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
    let session = state.session().await?;
    Ok(scores::record_mark(
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
    let session = state.session().await?;
    session.require(Operation::EnterScores)?;
    let Some(path) = files::pick(&app, "CSV", &["csv", "txt"])? else {
        return Ok(None);
    };
    let bytes = read_file(&path)?;
    Ok(Some(
        scores::import_marks(&state.db()?, &session, round_id, stage, &bytes, Utc::now()).await?,
    ))
}
