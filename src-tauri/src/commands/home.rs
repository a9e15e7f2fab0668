//! The home screen and the About screen.

use adhoc::service::about::{self, AboutInfo};
use adhoc::service::home::{self, HomeView};
use tauri::State;

use crate::state::{AppState, CmdResult};

#[tauri::command]
pub async fn home(state: State<'_, AppState>, election: Option<String>) -> CmdResult<HomeView> {
    state.session().await?;
    Ok(home::home(&state.db()?, election.as_deref()).await?)
}

#[tauri::command]
pub async fn about(state: State<'_, AppState>) -> CmdResult<AboutInfo> {
    Ok(about::about(&state.db()?).await?)
}
