//! First run: kabupaten/kota picker and the first administrator.

use adhoc::domain::region::{atlas, KabupatenChoice};
use adhoc::service::auth::SessionView;
use adhoc::service::setup::{self, NewAccount, SetupStatus};
use tauri::State;

use crate::state::{AppState, CmdResult};

#[tauri::command]
pub async fn setup_status(state: State<'_, AppState>) -> CmdResult<SetupStatus> {
    Ok(setup::status(&state.db()?).await?)
}

#[tauri::command]
pub fn search_kabupaten(query: String) -> Vec<KabupatenChoice> {
    atlas().search_kabupaten(&query, 30)
}

#[tauri::command]
pub async fn complete_first_run(
    state: State<'_, AppState>,
    kabupaten: Option<String>,
    admin: NewAccount,
) -> CmdResult<SessionView> {
    let session = setup::first_run(
        &state.db()?,
        kabupaten.as_deref(),
        &admin,
        chrono::Utc::now(),
    )
    .await?;
    let view = session.view();
    state.guard().start(session, chrono::Utc::now());
    Ok(view)
}
