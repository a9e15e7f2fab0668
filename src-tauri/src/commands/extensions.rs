//! Registration extensions: the units registration left short, extending
//! them, and the Pimpinan's decision to go on without an extension.

use adhoc::service::extensions::{self, ExtensionUnit};
use adhoc::Error;
use chrono::{NaiveDate, Utc};
use tauri::State;

use crate::state::{AppState, CmdResult};

/// Units that registration left short, with their extensions and decisions.
#[tauri::command]
pub async fn extension_list(
    state: State<'_, AppState>,
    round_id: i64,
) -> CmdResult<Vec<ExtensionUnit>> {
    let session = state.session().await?;
    Ok(extensions::extension_list(&state.db()?, &session, round_id, Utc::now()).await?)
}

/// Extends registration for some units (Pimpinan); returns the end date.
#[tauri::command]
pub async fn extend_registration(
    state: State<'_, AppState>,
    round_id: i64,
    units: Vec<String>,
    ends_on: Option<String>,
) -> CmdResult<String> {
    let session = state.session().await?;
    let ends_on = match ends_on.filter(|s| !s.trim().is_empty()) {
        Some(s) => Some(
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
                Error::validation("sampai", "Tanggal akhir perpanjangan tidak dapat dibaca.")
            })?,
        ),
        None => None,
    };
    let end = extensions::extend(
        &state.db()?,
        &session,
        round_id,
        &units,
        ends_on,
        Utc::now(),
    )
    .await?;
    Ok(end.to_string())
}

/// Records that some units go on without (another) extension, with one
/// reason (Pimpinan); returns them as they now stand.
#[tauri::command]
pub async fn decide_without_extension(
    state: State<'_, AppState>,
    round_id: i64,
    units: Vec<String>,
    reason: String,
) -> CmdResult<Vec<ExtensionUnit>> {
    let session = state.session().await?;
    Ok(extensions::decide_without_extension(
        &state.db()?,
        &session,
        round_id,
        &units,
        &reason,
        Utc::now(),
    )
    .await?)
}
