//! The audit trail: the check made at start-up, the list, CSV export, the
//! chain's head and its check against a printed one, and the idle setting.

use adhoc::domain::audit::{ChainHead, ChainReport};
use adhoc::service::audit::{self, AuditPage, AuditQuery};
use adhoc::service::settings;
use adhoc::Error;
use chrono::Utc;
use tauri::{AppHandle, Runtime, State};

use crate::commands::files;
use crate::state::{AppState, CmdResult};

/// The chain check made when the app started (`None` if the database could not be read).
#[tauri::command]
pub fn audit_status(state: State<'_, AppState>) -> Option<ChainReport> {
    state.audit_at_start().cloned()
}

#[tauri::command]
pub async fn list_audit(state: State<'_, AppState>, query: AuditQuery) -> CmdResult<AuditPage> {
    let session = state.session().await?;
    Ok(audit::list(&state.db()?, &session, &query).await?)
}

/// The chain's head now, in the words official documents print it.
#[tauri::command]
pub async fn audit_head(state: State<'_, AppState>) -> CmdResult<ChainHead> {
    let session = state.session().await?;
    Ok(audit::head(&state.db()?, &session).await?)
}

/// Checks the chain, and that it still holds the head printed on a
/// document (count and hash typed as printed).
#[tauri::command]
pub async fn verify_printed_audit(
    state: State<'_, AppState>,
    entries: String,
    hash: String,
) -> CmdResult<ChainReport> {
    let session = state.session().await?;
    let printed = ChainHead::typed(&entries, &hash)?;
    Ok(audit::verify_printed(&state.db()?, &session, &printed).await?)
}

/// Asks where to save, then writes the matching entries as CSV. Returns the
/// number written, or `None` when the user cancelled.
#[tauri::command]
pub async fn export_audit_csv<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    query: AuditQuery,
) -> CmdResult<Option<usize>> {
    let session = state.session().await?;
    session.require(adhoc::domain::permission::Operation::ReadAudit)?;
    let name = format!("jejak-audit-{}.csv", Utc::now().format("%Y-%m-%d"));
    let Some(path) = files::save_as(&app, "CSV", &["csv"], name)? else {
        return Ok(None);
    };
    let file = std::fs::File::create(&path).map_err(Error::from)?;
    let n = audit::export_csv(
        &state.db()?,
        &session,
        &query,
        std::io::BufWriter::new(file),
        Utc::now(),
    )
    .await?;
    Ok(Some(n))
}

#[tauri::command]
pub async fn set_idle_minutes(state: State<'_, AppState>, minutes: u32) -> CmdResult<()> {
    let session = state.session().await?;
    settings::set_idle_minutes(&state.db()?, &session, minutes, Utc::now()).await?;
    state.guard().set_idle_minutes(minutes);
    Ok(())
}
