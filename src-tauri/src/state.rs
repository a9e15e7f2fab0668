//! What the desktop app holds while it runs: the open database (or why it
//! could not be opened) and the logged-in user.

use std::path::Path;
use std::sync::Mutex;

use adhoc::service::auth::Session;
use adhoc::store::{Db, OpenMode};
use adhoc::{Error, ErrorPayload};

/// Result type of every command: failures reach the UI as `{code, message, field}`.
pub type CmdResult<T> = Result<T, ErrorPayload>;

pub struct AppState {
    db: Result<Db, ErrorPayload>,
    session: Mutex<Option<Session>>,
}

impl AppState {
    /// Opens (or creates) the database. A failure is kept and shown by the UI
    /// instead of crashing the app (e.g. a schema newer than this version).
    pub fn open(path: &Path) -> AppState {
        let db = tauri::async_runtime::block_on(Db::open(path, OpenMode::CreateIfMissing))
            .map_err(ErrorPayload::from);
        AppState {
            db,
            session: Mutex::new(None),
        }
    }

    pub fn db(&self) -> CmdResult<&Db> {
        self.db.as_ref().map_err(Clone::clone)
    }

    /// The logged-in user, or `unauthenticated`.
    pub fn session(&self) -> CmdResult<Session> {
        self.current().ok_or_else(|| Error::Unauthenticated.into())
    }

    pub fn current(&self) -> Option<Session> {
        self.session
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn set_session(&self, session: Option<Session>) {
        *self.session.lock().unwrap_or_else(|e| e.into_inner()) = session;
    }
}
