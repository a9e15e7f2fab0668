//! What the desktop app holds while it runs: the open database (or why it
//! could not be opened), the session guard, and the audit check made at start.

use std::path::Path;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, RwLock};

use adhoc::domain::audit::ChainReport;
use adhoc::service::audit;
use adhoc::service::auth::{self, Session};
use adhoc::service::session::SessionGuard;
use adhoc::store::{Db, InstanceLock, OpenMode};
use adhoc::{Error, ErrorPayload};
use chrono::Utc;

/// Result type of every command: failures reach the UI as `{code, message, field}`.
pub type CmdResult<T> = Result<T, ErrorPayload>;

pub struct AppState {
    /// Replaced as a whole when a backup is restored.
    db: RwLock<Result<Db, ErrorPayload>>,
    path: PathBuf,
    /// Held while the app runs: one app per database file.
    _lock: Option<InstanceLock>,
    guard: Mutex<SessionGuard>,
    audit_at_start: Option<ChainReport>,
    /// The spreadsheet picked for an import (of applicants or of scores;
    /// one import dialog is open at a time), read again for each preview
    /// and for the import itself: the window never names a path.
    picked_sheet: Mutex<Option<PathBuf>>,
}

impl AppState {
    /// Opens (or creates) the database and checks the audit chain. A failure
    /// to open is kept and shown by the UI instead of crashing the app (e.g.
    /// a schema newer than this version).
    pub fn open(path: &Path) -> AppState {
        let lock = InstanceLock::take(path);
        let db = match &lock {
            Ok(_) => tauri::async_runtime::block_on(Db::open(path, OpenMode::CreateIfMissing))
                .map_err(ErrorPayload::from),
            Err(e) => Err(e.to_payload()),
        };
        // The first start of the day keeps a copy of the database, in the
        // background so that the window opens at once.
        if let Ok(db) = &db {
            let db = db.clone();
            tauri::async_runtime::spawn(async move {
                if let Err(e) = adhoc::service::backup::daily_if_due(&db, Utc::now()).await {
                    eprintln!("Cadangan harian gagal: {e}");
                }
            });
        }
        let audit_at_start = match &db {
            Ok(db) => tauri::async_runtime::block_on(async {
                let report = audit::verify(db).await.ok();
                // An intact chain moves the anchor beside the database on;
                // a broken one leaves it, the evidence.
                if report.as_ref().is_some_and(|r| r.is_intact()) {
                    let _ = audit::anchor(db, Utc::now()).await;
                }
                report
            }),
            Err(_) => None,
        };
        AppState {
            db: RwLock::new(db),
            path: path.to_path_buf(),
            _lock: lock.ok(),
            guard: Mutex::new(SessionGuard::default()),
            audit_at_start,
            picked_sheet: Mutex::new(None),
        }
    }

    /// The open database (a handle to its pool), or why it is not open.
    pub fn db(&self) -> CmdResult<Db> {
        let db = self
            .db
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .cloned()
            .map_err(Clone::clone)?;
        // Deleted or replaced while the app runs: say so, do not carry on.
        db.check_file()?;
        Ok(db)
    }

    /// The database file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Takes the database out for a restore: commands see `why` until
    /// [`AppState::put_db`] puts one back.
    pub fn take_db(&self, why: ErrorPayload) -> Option<Db> {
        let mut slot = self.db.write().unwrap_or_else(|e| e.into_inner());
        std::mem::replace(&mut *slot, Err(why)).ok()
    }

    pub fn put_db(&self, db: Result<Db, ErrorPayload>) {
        *self.db.write().unwrap_or_else(|e| e.into_inner()) = db;
    }

    pub fn guard(&self) -> MutexGuard<'_, SessionGuard> {
        self.guard.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The logged-in user for an action now, as their account stands now:
    /// `unauthenticated` or `session_locked` otherwise. Every command starts
    /// here, so a role an administrator changed since the login applies at
    /// once, and an account deactivated since then is logged out.
    pub async fn session(&self) -> CmdResult<Session> {
        let held = self.guard().active(Utc::now())?;
        self.reread(held).await
    }

    /// `held` read again from the database ([`auth::current`]); the guard
    /// keeps the fresh role, or ends the session of an account that is no
    /// longer active.
    pub async fn reread(&self, held: Session) -> CmdResult<Session> {
        let db = self.db()?;
        match auth::current(&db, &held).await {
            Ok(fresh) => {
                self.guard().refresh(fresh.clone());
                Ok(fresh)
            }
            Err(Error::Unauthenticated) => {
                self.guard().end_if(&held);
                Err(Error::Unauthenticated.into())
            }
            Err(e) => Err(e.into()),
        }
    }

    /// The spreadsheet picked for an import, if any.
    pub fn picked_sheet(&self) -> Option<PathBuf> {
        self.picked_sheet
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn set_picked_sheet(&self, path: Option<PathBuf>) {
        *self.picked_sheet.lock().unwrap_or_else(|e| e.into_inner()) = path;
    }

    pub fn audit_at_start(&self) -> Option<&ChainReport> {
        self.audit_at_start.as_ref()
    }
}
