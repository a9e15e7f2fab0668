//! Logging in and out.

use adhoc::service::auth::{self, Session};
use tauri::State;

use crate::state::{AppState, CmdResult};

#[tauri::command]
pub async fn login(
    state: State<'_, AppState>,
    username: String,
    password: String,
) -> CmdResult<Session> {
    let session = auth::login(state.db()?, &username, &password).await?;
    state.set_session(Some(session.clone()));
    Ok(session)
}

#[tauri::command]
pub fn logout(state: State<'_, AppState>) {
    state.set_session(None);
}

#[tauri::command]
pub fn current_session(state: State<'_, AppState>) -> Option<Session> {
    state.current()
}
