//! The party-membership list: import from a file the user picks, the hits,
//! and membership checked another way for a round.

use adhoc::docs::csv_in::read_file;
use adhoc::domain::party_check::{PartyCheck, PartyCheckMethod};
use adhoc::service::parties::{self, PartyHit, PartyImport, PartyListState};
use chrono::Utc;
use tauri::{AppHandle, Runtime, State};

use crate::commands::files;
use crate::state::{AppState, CmdResult};

/// Asks for a CSV file and imports it; `None` when the user cancelled.
#[tauri::command]
pub async fn import_party_list<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<Option<PartyImport>> {
    let session = state.session().await?;
    session.require(adhoc::domain::permission::Operation::ManageRounds)?;
    let Some(path) = files::pick(&app, "CSV", &["csv", "txt"])? else {
        return Ok(None);
    };
    let bytes = read_file(&path)?;
    Ok(Some(
        parties::import(&state.db()?, &session, &bytes, Utc::now()).await?,
    ))
}

#[tauri::command]
pub async fn party_hits(state: State<'_, AppState>) -> CmdResult<Vec<PartyHit>> {
    let session = state.session().await?;
    Ok(parties::hits(&state.db()?, &session).await?)
}

/// Where the party-list rule stands for a round.
#[tauri::command]
pub async fn party_list_state(
    state: State<'_, AppState>,
    round_id: i64,
) -> CmdResult<PartyListState> {
    let session = state.session().await?;
    Ok(parties::list_state(&state.db()?, &session, round_id).await?)
}

/// Records that membership was checked another way for a round (Administrator).
#[tauri::command]
pub async fn record_party_check(
    state: State<'_, AppState>,
    round_id: i64,
    method: PartyCheckMethod,
    note: String,
) -> CmdResult<PartyCheck> {
    let session = state.session().await?;
    Ok(parties::record_check(&state.db()?, &session, round_id, method, &note, Utc::now()).await?)
}

/// Removes the recorded check of a round (Administrator).
#[tauri::command]
pub async fn clear_party_check(state: State<'_, AppState>, round_id: i64) -> CmdResult<()> {
    let session = state.session().await?;
    Ok(parties::clear_check(&state.db()?, &session, round_id, Utc::now()).await?)
}
