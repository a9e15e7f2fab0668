//! The party-membership list: import from a file the user picks, and the hits.

use adhoc::service::parties::{self, PartyHit, PartyImport};
use adhoc::Error;
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
    let session = state.session()?;
    session.require(adhoc::domain::permission::Operation::ManageRounds)?;
    let Some(path) = files::pick(&app, "CSV", &["csv", "txt"])? else {
        return Ok(None);
    };
    let bytes = std::fs::read(&path).map_err(Error::from)?;
    Ok(Some(
        parties::import(&state.db()?, &session, &bytes, Utc::now()).await?,
    ))
}

#[tauri::command]
pub async fn party_hits(state: State<'_, AppState>) -> CmdResult<Vec<PartyHit>> {
    let session = state.session()?;
    Ok(parties::hits(&state.db()?, &session).await?)
}
