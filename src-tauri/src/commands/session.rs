//! Logging in and out, and the lock screen.

use adhoc::service::auth::{self, Session, SessionView};
use adhoc::service::session::SessionStatus;
use adhoc::service::settings;
use adhoc::Error;
use chrono::Utc;
use tauri::State;

use crate::state::{AppState, CmdResult};

/// Starts `session` and returns it as the UI receives it, with the
/// operations it may perform.
async fn start(state: &AppState, session: Session) -> CmdResult<SessionView> {
    let idle = settings::idle_minutes(&state.db()?).await?;
    let view = session.view();
    let mut guard = state.guard();
    guard.set_idle_minutes(idle);
    guard.start(session, Utc::now());
    Ok(view)
}

#[tauri::command]
pub async fn login(
    state: State<'_, AppState>,
    username: String,
    password: String,
) -> CmdResult<SessionView> {
    let session = auth::login(&state.db()?, &username, &password, Utc::now()).await?;
    start(&state, session).await
}

#[tauri::command]
pub async fn logout(state: State<'_, AppState>) -> CmdResult<()> {
    let ended = state.guard().end();
    if let Some(session) = ended {
        auth::logout(&state.db()?, &session, Utc::now()).await?;
    }
    Ok(())
}

/// Who is logged in, as their account stands now (a changed role is
/// shown, a deactivated account is logged out), and whether the screen is
/// locked. Not counted as activity.
#[tauri::command]
pub async fn current_session(state: State<'_, AppState>) -> CmdResult<SessionStatus> {
    let held = state.guard().who().cloned();
    if let Some(held) = held {
        // Refreshed, or ended; when the database cannot be read now, the
        // guard's session is said as it is and the next command reports
        // the problem.
        let _ = state.reread(held).await;
    }
    Ok(state.guard().status())
}

/// Counts user activity seen by the UI (typing in a form), so that a long
/// form does not lock the session while someone is working on it.
#[tauri::command]
pub async fn keep_alive(state: State<'_, AppState>) -> CmdResult<()> {
    state.session().await.map(|_| ())
}

#[tauri::command]
pub fn lock_session(state: State<'_, AppState>) {
    state.guard().lock();
}

/// Unlocks the screen with the password of the user who is logged in; this
/// counts as a login (lockout and audit apply).
#[tauri::command]
pub async fn unlock_session(
    state: State<'_, AppState>,
    password: String,
) -> CmdResult<SessionView> {
    let who = state.guard().who().cloned().ok_or(Error::Unauthenticated)?;
    let session = auth::login(&state.db()?, &who.username, &password, Utc::now()).await?;
    start(&state, session).await
}
