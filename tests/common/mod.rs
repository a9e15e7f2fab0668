//! One helper that builds a ready database in a temporary folder.
#![allow(dead_code)]

use std::path::PathBuf;

use adhoc::service::auth::Session;
use adhoc::service::setup::{first_run, NewAccount};
use adhoc::store::{Db, OpenMode};
use chrono::{DateTime, TimeZone, Utc};
use tempfile::TempDir;

/// A fixed clock for reproducible tests.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).unwrap()
}

pub fn admin_input() -> NewAccount {
    NewAccount {
        username: "admin".into(),
        full_name: "Admin Uji".into(),
        password: "rahasia-sekali-123".into(),
    }
}

/// A real SQLite file in a temporary folder, removed when dropped.
pub struct TestDb {
    pub db: Db,
    pub dir: TempDir,
}

impl TestDb {
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("test.db")
    }
}

/// An empty, migrated database.
pub async fn empty_db() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("test.db"), OpenMode::CreateIfMissing)
        .await
        .unwrap();
    TestDb { db, dir }
}

/// A database set up for Kabupaten Pasuruan with an administrator logged in.
pub async fn ready_db() -> (TestDb, Session) {
    let t = empty_db().await;
    let admin = first_run(&t.db, Some("3514"), &admin_input(), now())
        .await
        .unwrap();
    (t, admin)
}
