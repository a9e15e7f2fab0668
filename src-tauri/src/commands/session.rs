//! Logging in and out.

use adhoc::service::auth::{self, Session};
use chrono::Utc;
use tauri::State;

use crate::state::{AppState, CmdResult};

#[tauri::command]
pub async fn login(
    state: State<'_, AppState>,
    username: String,
    password: String,
) -> CmdResult<Session> {
    let session = auth::login(state.db()?, &username, &password, Utc::now()).await?;
    state.set_session(Some(session.clone()));
    Ok(session)
}

#[tauri::command]
pub async fn logout(state: State<'_, AppState>) -> CmdResult<()> {
    if let Some(session) = state.current() {
        state.set_session(None);
        auth::logout(state.db()?, &session, Utc::now()).await?;
    }
    Ok(())
}

#[tauri::command]
pub fn current_session(state: State<'_, AppState>) -> Option<Session> {
    state.current()
}
