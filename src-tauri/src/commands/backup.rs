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
/// folder the user picks, sealed with `passphrase` when one is given.
/// `None` when the folder dialog was cancelled.
#[tauri::command]
pub async fn backup_now<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    to_folder: bool,
    passphrase: Option<String>,
) -> CmdResult<Option<BackupEntry>> {
    let session = state.session().await?;
    session.require(Operation::ManageBackups)?;
    // A weak passphrase is refused before the folder is asked for.
    if let Some(p) = &passphrase {
        backup::sealed::check_passphrase(p)?;
    }
    let db = state.db()?;
    let dir = if to_folder {
        match files::pick_folder(&app)? {
            Some(dir) => dir,
            None => return Ok(None),
        }
    } else {
        store::folder_of(db.path())
    };
    let passphrase = passphrase.filter(|_| to_folder);
    Ok(Some(
        backup::manual(&db, &session, &dir, passphrase.as_deref(), Utc::now()).await?,
    ))
}

/// Asks for a backup file to restore: a plain one (`.db`) or one sealed
/// with a passphrase (`.age`). `None` when the dialog was cancelled.
#[tauri::command]
pub async fn pick_backup_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<Option<String>> {
    let session = state.session().await?;
    session.require(Operation::ManageBackups)?;
    Ok(
        files::pick(&app, "Cadangan database (.db, .tar.age)", &["db", "age"])?
            .map(|p| p.display().to_string()),
    )
}

/// Checks a backup file and says what it holds, changing nothing. A sealed
/// one needs its `passphrase`; without it the error is on the field
/// `kata_sandi_cadangan`, and the UI asks for it.
#[tauri::command]
pub async fn inspect_backup(
    state: State<'_, AppState>,
    path: String,
    passphrase: Option<String>,
) -> CmdResult<RestoreCheck> {
    let session = state.session().await?;
    session.require(Operation::ManageBackups)?;
    Ok(backup::inspect(
        state.path(),
        &session,
        &PathBuf::from(path),
        passphrase.as_deref(),
        Utc::now(),
    )
    .await?)
}

/// Restores a checked backup over the open database: closes it, restores
/// (the current one is kept as a backup), opens the restored one and ends
/// the session, since its accounts are those of the backup.
#[tauri::command]
pub async fn restore_backup(
    state: State<'_, AppState>,
    path: String,
    from_elsewhere: bool,
    passphrase: Option<String>,
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
        passphrase.as_deref(),
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
