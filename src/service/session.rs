//! The logged-in session of one desktop app: who is logged in, and whether the
//! screen has locked after the idle time. Time is passed in, so the rule is
//! testable; the desktop shell holds one guard behind a mutex.

use chrono::{DateTime, Duration, Utc};

use crate::domain::permission::{Session, SessionView};
use crate::error::{Error, Result};
use crate::service::settings::DEFAULT_IDLE_MINUTES;

#[derive(Debug)]
pub struct SessionGuard {
    session: Option<Session>,
    last_activity: DateTime<Utc>,
    locked: bool,
    idle: Duration,
}

impl Default for SessionGuard {
    fn default() -> Self {
        SessionGuard {
            session: None,
            last_activity: DateTime::<Utc>::MIN_UTC,
            locked: false,
            idle: Duration::minutes(i64::from(DEFAULT_IDLE_MINUTES)),
        }
    }
}

impl SessionGuard {
    /// Starts a session (after login or unlocking).
    pub fn start(&mut self, session: Session, now: DateTime<Utc>) {
        self.session = Some(session);
        self.last_activity = now;
        self.locked = false;
    }

    /// Ends the session, returning who was logged in.
    pub fn end(&mut self) -> Option<Session> {
        self.locked = false;
        self.session.take()
    }

    pub fn set_idle_minutes(&mut self, minutes: u32) {
        self.idle = Duration::minutes(i64::from(minutes));
    }

    /// Locks the screen now (the user asked, or the UI saw no activity).
    pub fn lock(&mut self) {
        if self.session.is_some() {
            self.locked = true;
        }
    }

    /// The session for an action at `now`, counting it as activity. Locked
    /// once the idle time has passed since the last activity; then every
    /// action is refused until the user unlocks with their password.
    pub fn active(&mut self, now: DateTime<Utc>) -> Result<Session> {
        let session = self.session.clone().ok_or(Error::Unauthenticated)?;
        if self.locked || now - self.last_activity > self.idle {
            self.locked = true;
            return Err(Error::SessionLocked);
        }
        self.last_activity = now;
        Ok(session)
    }

    /// Puts `fresh`, the logged-in account as it stands now (see
    /// [`crate::service::auth::current`]), in place of the session held,
    /// when it is still the same account; activity and lock are unchanged.
    pub fn refresh(&mut self, fresh: Session) {
        if let Some(held) = &mut self.session {
            if held.user_id == fresh.user_id && held.username == fresh.username {
                *held = fresh;
            }
        }
    }

    /// Ends the session if `who` is still the one logged in (an account
    /// deactivated since its login); returns whether it did.
    pub fn end_if(&mut self, who: &Session) -> bool {
        let same = self
            .session
            .as_ref()
            .is_some_and(|s| s.user_id == who.user_id && s.username == who.username);
        if same {
            self.end();
        }
        same
    }

    /// Who is logged in, locked or not (for the lock screen).
    pub fn who(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    pub fn is_locked(&self) -> bool {
        self.locked
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::Role;

    fn user() -> Session {
        Session {
            user_id: Some(1),
            username: "opr".into(),
            full_name: "Operator".into(),
            role: Role::Operator,
            command_line: false,
        }
    }

    #[test]
    fn activity_keeps_the_session_and_idleness_locks_it() {
        let t0 = Utc::now();
        let mut g = SessionGuard::default();
        assert_eq!(g.active(t0).unwrap_err().code(), "unauthenticated");
        g.start(user(), t0);
        // Activity every 14 minutes keeps it open for an hour.
        for i in 1..=4 {
            g.active(t0 + Duration::minutes(14 * i)).unwrap();
        }
        // 15 minutes exactly is still within the idle time; a second more is not.
        g.active(t0 + Duration::minutes(56 + 15)).unwrap();
        let e = g
            .active(t0 + Duration::minutes(56 + 30) + Duration::seconds(1))
            .unwrap_err();
        assert_eq!(e.code(), "session_locked");
        // Once locked it stays locked, whoever is active, until started again.
        assert!(g.is_locked());
        assert_eq!(
            g.active(t0 + Duration::minutes(87)).unwrap_err().code(),
            "session_locked"
        );
        assert_eq!(g.who().unwrap().username, "opr");
        g.start(user(), t0 + Duration::minutes(90));
        g.active(t0 + Duration::minutes(91)).unwrap();
    }

    #[test]
    fn a_refresh_changes_the_role_of_the_same_account_only() {
        let t0 = Utc::now();
        let mut g = SessionGuard::default();
        g.start(user(), t0);
        g.lock();
        let verifier = Session {
            role: Role::Verifikator,
            ..user()
        };
        g.refresh(verifier.clone());
        assert_eq!(g.who(), Some(&verifier));
        assert!(g.is_locked(), "a refresh does not unlock");
        let someone_else = Session {
            user_id: Some(2),
            username: "lain".into(),
            role: Role::Administrator,
            ..user()
        };
        g.refresh(someone_else.clone());
        assert_eq!(g.who(), Some(&verifier));
        assert!(!g.end_if(&someone_else));
        assert!(g.end_if(&user()));
        assert!(g.who().is_none());
    }

    #[test]
    fn the_idle_time_is_a_setting_and_the_screen_can_be_locked_at_once() {
        let t0 = Utc::now();
        let mut g = SessionGuard::default();
        g.set_idle_minutes(1);
        g.start(user(), t0);
        assert!(g.active(t0 + Duration::seconds(61)).is_err());
        g.start(user(), t0);
        g.lock();
        assert!(g.active(t0).is_err());
        // The status the UI receives lists what the operator may do.
        let status = g.status();
        assert!(status.locked);
        assert_eq!(status.session.unwrap().operations, user().operations());
        assert_eq!(g.end().unwrap().username, "opr");
        assert!(g.status().session.is_none());
        assert_eq!(g.active(t0).unwrap_err().code(), "unauthenticated");
    }
}

/// Who is logged in (with what they may do) and whether the screen is
/// locked, for the UI.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SessionStatus {
    pub session: Option<SessionView>,
    pub locked: bool,
    pub idle_minutes: u32,
}

impl SessionGuard {
    pub fn status(&self) -> SessionStatus {
        SessionStatus {
            session: self.session.as_ref().map(Session::view),
            locked: self.locked,
            idle_minutes: self.idle.num_minutes() as u32,
        }
    }
}
