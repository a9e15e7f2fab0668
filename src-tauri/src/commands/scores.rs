//! Test scores: the score sheet, one mark, or a spreadsheet of marks (any
//! format, its columns mapped, previewed, imported all or nothing).

use adhoc::docs::csv_in::read_file;
use adhoc::domain::permission::Operation;
use adhoc::domain::round::Stage;
use adhoc::service::score_sheets::{self, ScoreSheetChoice, ScoreSheetPreview};
use adhoc::service::scores::{self, ScoreImport, ScoreSheet};
use adhoc::Error;
use chrono::Utc;
use serde::Serialize;
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

/// A picked score sheet: its name, and its preview with the mapping
/// proposed.
#[derive(Serialize)]
pub struct PickedScoreSheet {
    pub name: String,
    pub preview: ScoreSheetPreview,
}

/// Asks for a score sheet (xlsx, xls, ods or csv: the CAT export, a
/// marking sheet, the interview recap) and previews it for the test of
/// `stage` with the mapping proposed; `None` when cancelled.
#[tauri::command]
pub async fn pick_score_sheet<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    round_id: i64,
    stage: Stage,
) -> CmdResult<Option<PickedScoreSheet>> {
    let session = state.session().await?;
    session.require(Operation::EnterScores)?;
    let Some(path) = files::pick(&app, "Spreadsheet", &["xlsx", "xls", "ods", "csv", "txt"])?
    else {
        return Ok(None);
    };
    let bytes = read_file(&path)?;
    let choice = ScoreSheetChoice::default();
    let preview =
        score_sheets::preview(&state.db()?, &session, round_id, stage, &bytes, &choice).await?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    state.set_picked_sheet(Some(path));
    Ok(Some(PickedScoreSheet { name, preview }))
}

/// The bytes of the picked file, or why there is none.
fn picked_bytes(state: &AppState) -> CmdResult<Vec<u8>> {
    let path = state
        .picked_sheet()
        .ok_or_else(|| Error::validation("file", "Pilih berkas nilai terlebih dahulu."))?;
    Ok(read_file(&path)?)
}

/// The picked score sheet previewed again with the sheet and mapping chosen.
#[tauri::command]
pub async fn preview_score_sheet(
    state: State<'_, AppState>,
    round_id: i64,
    stage: Stage,
    choice: ScoreSheetChoice,
) -> CmdResult<ScoreSheetPreview> {
    let session = state.session().await?;
    let bytes = picked_bytes(&state)?;
    Ok(score_sheets::preview(&state.db()?, &session, round_id, stage, &bytes, &choice).await?)
}

/// Imports the marks of the picked score sheet with the sheet and mapping
/// chosen, all or nothing.
#[tauri::command]
pub async fn import_score_sheet(
    state: State<'_, AppState>,
    round_id: i64,
    stage: Stage,
    choice: ScoreSheetChoice,
) -> CmdResult<ScoreImport> {
    let session = state.session().await?;
    let bytes = picked_bytes(&state)?;
    let report = score_sheets::import(
        &state.db()?,
        &session,
        round_id,
        stage,
        &bytes,
        &choice,
        Utc::now(),
    )
    .await?;
    if report.problems.is_empty() {
        state.set_picked_sheet(None);
    }
    Ok(report)
}
