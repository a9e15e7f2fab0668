//! Installation settings staff can change.

use chrono::{DateTime, Utc};
use serde_json::json;

use crate::domain::permission::{Operation, Session};
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::store::{meta, Db};

/// Minutes without activity before the screen locks, unless changed.
pub const DEFAULT_IDLE_MINUTES: u32 = 15;
const IDLE_KEY: &str = "idle_minutes";

/// Minutes without activity before the session locks.
pub async fn idle_minutes(db: &Db) -> Result<u32> {
    let mut conn = db.pool().acquire().await?;
    Ok(meta::get(&mut *conn, IDLE_KEY)
        .await?
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_IDLE_MINUTES))
}

/// Changes the idle time (1 to 240 minutes). Administrators only.
pub async fn set_idle_minutes(
    db: &Db,
    session: &Session,
    minutes: u32,
    now: DateTime<Utc>,
) -> Result<()> {
    session.require(Operation::ManageRounds)?;
    if !(1..=240).contains(&minutes) {
        return Err(Error::validation(
            "idle_minutes",
            format!("Batas waktu menganggur harus antara 1 dan 240 menit (sekarang {minutes})."),
        ));
    }
    let before = idle_minutes(db).await?;
    let mut tx = db.begin_write().await?;
    meta::set(&mut *tx, IDLE_KEY, &minutes.to_string()).await?;
    let change = Change::new("settings.idle_minutes", "settings", IDLE_KEY)
        .before(json!(before))
        .after(json!(minutes));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::setup::{first_run, NewAccount};
    use crate::store::OpenMode;

    #[tokio::test]
    async fn idle_time_defaults_to_15_minutes_and_is_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("t.db"), OpenMode::CreateIfMissing)
            .await
            .unwrap();
        let admin = first_run(
            &db,
            Some("3514"),
            &NewAccount {
                username: "admin".into(),
                full_name: "Admin".into(),
                password: "rahasia-sekali-123".into(),
            },
            Utc::now(),
        )
        .await
        .unwrap();
        assert_eq!(idle_minutes(&db).await.unwrap(), 15);
        assert!(set_idle_minutes(&db, &admin, 0, Utc::now()).await.is_err());
        assert!(set_idle_minutes(&db, &admin, 241, Utc::now())
            .await
            .is_err());
        set_idle_minutes(&db, &admin, 5, Utc::now()).await.unwrap();
        assert_eq!(idle_minutes(&db).await.unwrap(), 5);
        let operator = Session {
            role: crate::domain::account::Role::Operator,
            ..admin
        };
        let e = set_idle_minutes(&db, &operator, 30, Utc::now())
            .await
            .unwrap_err();
        assert_eq!(e.code(), "forbidden");
    }
}
