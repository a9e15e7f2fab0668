//! Opening a database: connection options, migrations, refusing newer schemas.

use crate::common;

use adhoc::store::{known_schema_version, Db, OpenMode};
use adhoc::Error;

#[tokio::test]
async fn connections_use_wal_foreign_keys_and_a_busy_timeout() {
    let t = common::empty_db().await;
    let mut conn = t.db.pool().acquire().await.unwrap();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    let busy: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(mode, "wal");
    assert_eq!(fk, 1);
    // FULL (2): a commit is on disk before it returns, even in WAL.
    assert_eq!(sync, 2, "synchronous must be FULL");
    assert!(busy >= 1000, "busy timeout {busy} ms");
    // The file is real, on disk.
    assert!(t.path().exists());
}

#[tokio::test]
async fn migrations_are_applied_once_and_reopening_is_harmless() {
    let t = common::empty_db().await;
    let path = t.path();
    t.db.clone().close().await;
    let db = Db::open(&path, OpenMode::MustExist).await.unwrap();
    let v = adhoc::store::schema_version(db.pool()).await.unwrap();
    assert_eq!(v, known_schema_version());
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(n as usize, adhoc::store::MIGRATOR.iter().count());
}

#[tokio::test]
async fn a_schema_newer_than_the_app_is_refused_and_left_untouched() {
    let t = common::empty_db().await;
    let path = t.path();
    let future = known_schema_version() + 1;
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time)
         VALUES (?, 'from the future', CURRENT_TIMESTAMP, 1, x'00', 0)",
    )
    .bind(future)
    .execute(t.db.pool())
    .await
    .unwrap();
    t.db.clone().close().await;

    let err = Db::open(&path, OpenMode::MustExist).await.unwrap_err();
    match &err {
        Error::SchemaTooNew { found, known } => {
            assert_eq!(*found, future);
            assert_eq!(*known, known_schema_version());
        }
        other => panic!("expected SchemaTooNew, got {other:?}"),
    }
    assert_eq!(err.code(), "schema_too_new");
    assert!(err.to_string().contains("versi aplikasi yang lebih baru"));

    // Nothing was changed: the future row is still the newest.
    let pool = sqlx::SqlitePool::connect(&format!("sqlite:{}", path.display()))
        .await
        .unwrap();
    let max: i64 = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(max, future);
}

#[tokio::test]
async fn a_missing_file_is_not_created_when_it_must_exist() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tidak-ada.db");
    let err = Db::open(&path, OpenMode::MustExist).await.unwrap_err();
    assert_eq!(err.code(), "database_missing");
    assert!(!path.exists());
}
