//! Public responses (tanggapan masyarakat): recording, clarifying, the
//! plenary's finding.

use adhoc::domain::permission::Operation;
use adhoc::service::responses::{self, Outcome, ResponseInput, ResponseView};
use chrono::Utc;
use tauri::{AppHandle, Runtime, State};

use crate::commands::files;
use crate::state::{AppState, CmdResult};

/// Every public response of a round.
#[tauri::command]
pub async fn list_responses(
    state: State<'_, AppState>,
    round_id: i64,
) -> CmdResult<Vec<ResponseView>> {
    let session = state.session().await?;
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
    let session = state.session().await?;
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
        Some((
            path.display().to_string(),
            adhoc::service::scans::read_picked(&path)?,
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
    let session = state.session().await?;
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
    let session = state.session().await?;
    Ok(responses::decide(&state.db()?, &session, id, outcome, &reason, Utc::now()).await?)
}
