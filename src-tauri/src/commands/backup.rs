//! Backups and restore (Administrator): the automatic backups, a backup
//! now (into the automatic folder or a chosen one, e.g. a USB drive), and
//! restoring a backup file after checking it.

use std::path::PathBuf;

use adhoc::domain::permission::Operation;
use adhoc::error::StorageKind;
use adhoc::service::backup::{self, BackupEntry, RestoreCheck};
use adhoc::store::{backup as store, Db, OpenMode};
use adhoc::Error;
use chrono::Utc;
use tauri::{AppHandle, Runtime, State};

use crate::commands::files;
use crate::state::{AppState, CmdResult};

/// The automatic backups, newest first.
#[tauri::command]
pub async fn backup_list(state: State<'_, AppState>) -> CmdResult<Vec<BackupEntry>> {
    let session = state.session().await?;
    Ok(backup::list(&state.db()?, &session).await?)
}

/// Takes a backup now: into the automatic folder, or (`to_folder`) into a
/// folder the user picks. `None` when the folder dialog was cancelled.
#[tauri::command]
pub async fn backup_now<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    to_folder: bool,
) -> CmdResult<Option<BackupEntry>> {
    let session = state.session().await?;
    session.require(Operation::ManageBackups)?;
    let db = state.db()?;
    let dir = if to_folder {
        match files::pick_folder(&app)? {
            Some(dir) => dir,
            None => return Ok(None),
        }
    } else {
        store::folder_of(db.path())
    };
    Ok(Some(backup::manual(&db, &session, &dir, Utc::now()).await?))
}

/// Checks a backup file (`path`, or one picked in a file dialog) and says
/// what it holds, changing nothing. `None` when the dialog was cancelled.
#[tauri::command]
pub async fn inspect_backup<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: Option<String>,
) -> CmdResult<Option<RestoreCheck>> {
    let session = state.session().await?;
    session.require(Operation::ManageBackups)?;
    let file = match path {
        Some(p) => PathBuf::from(p),
        None => match files::pick(&app, "Cadangan database (.db)", &["db"])? {
            Some(p) => p,
            None => return Ok(None),
        },
    };
    Ok(Some(
        backup::inspect(state.path(), &session, &file, Utc::now()).await?,
    ))
}

/// Restores a checked backup over the open database: closes it, restores
/// (the current one is kept as a backup), opens the restored one and ends
/// the session, since its accounts are those of the backup.
#[tauri::command]
pub async fn restore_backup(
    state: State<'_, AppState>,
    path: String,
    from_elsewhere: bool,
) -> CmdResult<RestoreCheck> {
    let session = state.session().await?;
    session.require(Operation::ManageBackups)?;
    let busy = Error::Storage {
        kind: StorageKind::Locked,
        message: "Database sedang dipulihkan dari cadangan; tunggu sebentar lalu ulangi.".into(),
    };
    if let Some(db) = state.take_db(busy.to_payload()) {
        db.close().await;
    }
    let live = state.path().to_path_buf();
    let result = backup::restore(
        &live,
        &session,
        &PathBuf::from(path),
        from_elsewhere,
        Utc::now(),
    )
    .await;
    // Whatever happened, the database (restored or as it was) is opened again.
    state.put_db(
        Db::open(&live, OpenMode::MustExist)
            .await
            .map_err(|e| e.to_payload()),
    );
    if result.is_ok() {
        state.guard().end();
    }
    Ok(result?)
}
