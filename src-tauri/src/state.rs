//! What the desktop app holds while it runs: the open database (or why it
//! could not be opened), the session guard, and the audit check made at start.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use adhoc::domain::audit::ChainReport;
use adhoc::service::audit;
use adhoc::service::auth::Session;
use adhoc::service::session::SessionGuard;
use adhoc::store::{Db, OpenMode};
use adhoc::ErrorPayload;
use chrono::Utc;

/// Result type of every command: failures reach the UI as `{code, message, field}`.
pub type CmdResult<T> = Result<T, ErrorPayload>;

pub struct AppState {
    db: Result<Db, ErrorPayload>,
    guard: Mutex<SessionGuard>,
    audit_at_start: Option<ChainReport>,
}

impl AppState {
    /// Opens (or creates) the database and checks the audit chain. A failure
    /// to open is kept and shown by the UI instead of crashing the app (e.g.
    /// a schema newer than this version).
    pub fn open(path: &Path) -> AppState {
        let db = tauri::async_runtime::block_on(Db::open(path, OpenMode::CreateIfMissing))
            .map_err(ErrorPayload::from);
        let audit_at_start = match &db {
            Ok(db) => tauri::async_runtime::block_on(audit::verify(db)).ok(),
            Err(_) => None,
        };
        AppState {
            db,
            guard: Mutex::new(SessionGuard::default()),
            audit_at_start,
        }
    }

    pub fn db(&self) -> CmdResult<&Db> {
        self.db.as_ref().map_err(Clone::clone)
    }

    pub fn guard(&self) -> MutexGuard<'_, SessionGuard> {
        self.guard.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The logged-in user for an action now; `unauthenticated` or
    /// `session_locked` otherwise.
    pub fn session(&self) -> CmdResult<Session> {
        Ok(self.guard().active(Utc::now())?)
    }

    pub fn audit_at_start(&self) -> Option<&ChainReport> {
        self.audit_at_start.as_ref()
    }
}
