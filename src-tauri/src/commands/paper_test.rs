//! A paper written test marked in the app: keys per version, scoring
//! settings, answer sheets imported from a picked file, the marks and the
//! analysis per question previewed, then stored all or nothing.

use adhoc::docs::csv_in::read_file;
use adhoc::domain::answer_key::MarkingSettings;
use adhoc::domain::permission::Operation;
use adhoc::service::answer_keys::{self, KeyView, PaperTest};
use adhoc::service::answer_sheets::{self, AnswerImport};
use adhoc::service::marking::{self, MarkingPreview};
use adhoc::service::scores::ScoreImport;
use chrono::Utc;
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};

use crate::commands::files;
use crate::state::{AppState, CmdResult};

/// The keys, settings and sheets of a round's paper test.
#[tauri::command]
pub async fn paper_test(state: State<'_, AppState>, round_id: i64) -> CmdResult<PaperTest> {
    let session = state.session().await?;
    Ok(answer_keys::paper_test(&state.db()?, &session, round_id).await?)
}

/// Saves the key of a version as typed.
#[tauri::command]
pub async fn save_answer_key(
    state: State<'_, AppState>,
    round_id: i64,
    version: String,
    key: String,
) -> CmdResult<KeyView> {
    let session = state.session().await?;
    Ok(answer_keys::save_key(&state.db()?, &session, round_id, &version, &key, Utc::now()).await?)
}

/// Deletes the key of a version.
#[tauri::command]
pub async fn delete_answer_key(
    state: State<'_, AppState>,
    round_id: i64,
    version: String,
) -> CmdResult<()> {
    let session = state.session().await?;
    Ok(answer_keys::delete_key(&state.db()?, &session, round_id, &version, Utc::now()).await?)
}

/// Saves how answers earn points.
#[tauri::command]
pub async fn save_marking_settings(
    state: State<'_, AppState>,
    round_id: i64,
    settings: MarkingSettings,
) -> CmdResult<MarkingSettings> {
    let session = state.session().await?;
    Ok(answer_keys::save_settings(&state.db()?, &session, round_id, settings, Utc::now()).await?)
}

/// A picked answer file and what importing it did.
#[derive(Serialize)]
pub struct PickedAnswers {
    pub name: String,
    pub import: AnswerImport,
}

/// Asks for an answer file (xlsx, xls, ods, csv) and imports it, all rows
/// or none; `None` when cancelled.
#[tauri::command]
pub async fn pick_answer_sheets<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    round_id: i64,
) -> CmdResult<Option<PickedAnswers>> {
    let session = state.session().await?;
    session.require(Operation::EnterScores)?;
    let Some(path) = files::pick(
        &app,
        "Lembar jawaban",
        &["xlsx", "xls", "ods", "csv", "txt"],
    )?
    else {
        return Ok(None);
    };
    let bytes = read_file(&path)?;
    let import =
        answer_sheets::import(&state.db()?, &session, round_id, &bytes, Utc::now()).await?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Some(PickedAnswers { name, import }))
}

/// The marks the sheets would get and the analysis per question.
#[tauri::command]
pub async fn marking_preview(
    state: State<'_, AppState>,
    round_id: i64,
) -> CmdResult<MarkingPreview> {
    let session = state.session().await?;
    Ok(marking::preview(&state.db()?, &session, round_id).await?)
}

/// Stores the marks of every sheet as written-test marks, all or none.
#[tauri::command]
pub async fn store_paper_marks(
    state: State<'_, AppState>,
    round_id: i64,
) -> CmdResult<ScoreImport> {
    let session = state.session().await?;
    Ok(marking::store_marks(&state.db()?, &session, round_id, Utc::now()).await?)
}
