//! Account management (administrators) and changing one's own password.

use adhoc::domain::account::Role;
use adhoc::service::accounts::{self, Account};
use adhoc::service::setup::NewAccount;
use chrono::Utc;
use tauri::State;

use crate::state::{AppState, CmdResult};

#[tauri::command]
pub async fn list_accounts(state: State<'_, AppState>) -> CmdResult<Vec<Account>> {
    let session = state.session().await?;
    Ok(accounts::list(&state.db()?, &session, Utc::now()).await?)
}

#[tauri::command]
pub async fn create_account(
    state: State<'_, AppState>,
    input: NewAccount,
    role: Role,
) -> CmdResult<Account> {
    let session = state.session().await?;
    Ok(accounts::create(&state.db()?, &session, &input, role, Utc::now()).await?)
}

#[tauri::command]
pub async fn set_account_active(
    state: State<'_, AppState>,
    username: String,
    active: bool,
) -> CmdResult<()> {
    let session = state.session().await?;
    Ok(accounts::set_active(&state.db()?, &session, &username, active, Utc::now()).await?)
}

#[tauri::command]
pub async fn set_account_role(
    state: State<'_, AppState>,
    username: String,
    role: Role,
) -> CmdResult<()> {
    let session = state.session().await?;
    Ok(accounts::set_role(&state.db()?, &session, &username, role, Utc::now()).await?)
}

#[tauri::command]
pub async fn reset_account_password(
    state: State<'_, AppState>,
    username: String,
    password: String,
) -> CmdResult<()> {
    let session = state.session().await?;
    Ok(accounts::reset_password(&state.db()?, &session, &username, &password, Utc::now()).await?)
}

#[tauri::command]
pub async fn unlock_account(state: State<'_, AppState>, username: String) -> CmdResult<()> {
    let session = state.session().await?;
    Ok(accounts::unlock(&state.db()?, &session, &username, Utc::now()).await?)
}

#[tauri::command]
pub async fn change_own_password(
    state: State<'_, AppState>,
    current: String,
    new_password: String,
) -> CmdResult<()> {
    let session = state.session().await?;
    Ok(
        accounts::change_own_password(&state.db()?, &session, &current, &new_password, Utc::now())
            .await?,
    )
}
