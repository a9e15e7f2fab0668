//! The quota dashboard.

use adhoc::service::quota::{self, QuotaDashboard};
use chrono::Utc;
use tauri::State;

use crate::state::{AppState, CmdResult};

/// The quota dashboard.
#[tauri::command]
pub async fn quota_dashboard(
    state: State<'_, AppState>,
    round_id: i64,
) -> CmdResult<QuotaDashboard> {
    let session = state.session().await?;
    Ok(quota::quota(&state.db()?, &session, round_id, Utc::now()).await?)
}
