//! When the storage itself fails, staff get a message in Bahasa Indonesia
//! that says what happened and what to do, with a code the UI can match,
//! and nothing half-written: a full disk (SQLite's page limit standing in
//! for it), a read-only database, a database locked by another program, a
//! damaged file, a file deleted or replaced under the running app, and the
//! same failures of plain file operations.

use crate::common;

use std::io::ErrorKind;

use adhoc::domain::account::Role;
use adhoc::domain::round::{Body, Preset};
use adhoc::service::registration::register;
use adhoc::service::rounds::create_from_preset;
use adhoc::store::{Db, InstanceLock, OpenMode};
use adhoc::Error;
use common::{as_role, now, ppk_draft, ready_db};
use sqlx::Connection;

async fn applicants(db: &Db) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM applicants")
        .fetch_one(db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_full_disk_and_a_read_only_database_are_said_so() {
    let (t, _) = ready_db().await;
    let mut conn = t.db.pool().acquire().await.unwrap();
    // SQLite reports a page limit reached exactly as a full disk.
    let pages: i64 = sqlx::query_scalar("PRAGMA page_count")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    sqlx::query(&format!("PRAGMA max_page_count = {pages}"))
        .execute(&mut *conn)
        .await
        .unwrap();
    let big = "x".repeat(64 * 1024);
    let e: Error = sqlx::query("INSERT INTO app_meta (key, value) VALUES ('isi', ?)")
        .bind(&big)
        .execute(&mut *conn)
        .await
        .unwrap_err()
        .into();
    assert_eq!(e.code(), "disk_full");
    assert!(e.to_string().contains("Ruang penyimpanan penuh"), "{e}");
    assert!(e.to_string().contains("Kosongkan ruang disk"), "{e}");
    sqlx::query("PRAGMA query_only = 1")
        .execute(&mut *conn)
        .await
        .unwrap();
    let e: Error = sqlx::query("INSERT INTO app_meta (key, value) VALUES ('x', 'y')")
        .execute(&mut *conn)
        .await
        .unwrap_err()
        .into();
    assert_eq!(e.code(), "read_only");
    assert!(e.to_string().contains("hanya dapat dibaca"), "{e}");
    drop(conn);
    assert_eq!(applicants(&t.db).await, 0);
}

#[tokio::test]
async fn a_database_locked_by_another_program_is_said_so_and_loses_nothing() {
    let (t, admin) = ready_db().await;
    let round = create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Ppk, None, now())
        .await
        .unwrap()
        .id;
    // Another program holds a write transaction on the file.
    let mut other = sqlx::SqliteConnection::connect(&format!("sqlite://{}", t.path().display()))
        .await
        .unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut other)
        .await
        .unwrap();
    let desk = as_role(&admin, Role::Operator);
    let e = register(
        &t.db,
        &desk,
        round,
        &ppk_draft("3514011208900001", "Budi Santoso"),
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "database_locked");
    assert!(
        e.to_string().contains("sedang dipakai oleh program lain"),
        "{e}"
    );
    sqlx::query("ROLLBACK").execute(&mut other).await.unwrap();
    other.close().await.unwrap();
    // Once free, the same registration goes through.
    register(
        &t.db,
        &desk,
        round,
        &ppk_draft("3514011208900001", "Budi Santoso"),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(applicants(&t.db).await, 1);

    // One desktop app per database.
    let first = InstanceLock::take(&t.path()).unwrap();
    let e = InstanceLock::take(&t.path()).unwrap_err();
    assert_eq!(e.code(), "database_locked");
    assert!(e
        .to_string()
        .contains("sedang dibuka oleh aplikasi Seleksi Ad Hoc lain"));
    drop(first);
    InstanceLock::take(&t.path()).unwrap();
}

#[tokio::test]
async fn a_damaged_deleted_or_replaced_file_is_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("rusak.db");
    std::fs::write(&junk, vec![0x42; 8192]).unwrap();
    let e = Db::open(&junk, OpenMode::MustExist).await.unwrap_err();
    assert_eq!(e.code(), "database_corrupt");
    assert!(e.to_string().contains("pulihkan dari cadangan"), "{e}");

    let (t, _) = ready_db().await;
    t.db.check_file().unwrap();
    // Replaced by another file (a copy put back over it, say).
    let path = t.path();
    let aside = dir.path().join("lain.db");
    std::fs::copy(&path, &aside).unwrap();
    std::fs::rename(&aside, &path).unwrap();
    let e = t.db.check_file().unwrap_err();
    assert_eq!(e.code(), "database_gone");
    assert!(e.to_string().contains("diganti"), "{e}");
    std::fs::remove_file(&path).unwrap();
    let e = t.db.check_file().unwrap_err();
    assert_eq!(e.code(), "database_gone");
    assert!(e.to_string().contains("tidak ada lagi di tempatnya"), "{e}");
    let e = Db::open(&path, OpenMode::MustExist).await.unwrap_err();
    assert_eq!(e.code(), "database_missing");
}

#[test]
fn file_operations_that_fail_say_what_and_where() {
    let path = std::path::Path::new("/media/usb/cadangan");
    for (kind, code, words) in [
        (
            ErrorKind::StorageFull,
            "disk_full",
            "Ruang penyimpanan penuh",
        ),
        (
            ErrorKind::QuotaExceeded,
            "disk_full",
            "Ruang penyimpanan penuh",
        ),
        (
            ErrorKind::ReadOnlyFilesystem,
            "read_only",
            "hanya dapat dibaca",
        ),
        (
            ErrorKind::PermissionDenied,
            "read_only",
            "hanya dapat dibaca",
        ),
    ] {
        let e = Error::io_at("menulis cadangan", path, std::io::Error::from(kind));
        assert_eq!(e.code(), code, "{kind:?}");
        assert!(e.to_string().contains(words), "{e}");
        assert!(e.to_string().contains("/media/usb/cadangan"), "{e}");
        assert_eq!(Error::from(std::io::Error::from(kind)).code(), code);
    }
    let e = Error::io_at("membaca", path, std::io::Error::from(ErrorKind::NotFound));
    assert_eq!(e.code(), "io");
    assert!(e.to_string().contains("/media/usb/cadangan"), "{e}");
}

#[tokio::test]
async fn a_backup_to_a_folder_that_cannot_be_made_fails_cleanly() {
    let (t, admin) = ready_db().await;
    // A file where the folder should be.
    let blocker = t.dir.path().join("bukan-folder");
    std::fs::write(&blocker, b"x").unwrap();
    let e = adhoc::service::backup::manual(&t.db, &admin, &blocker.join("cadangan"), None, now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("bukan-folder"), "{e}");
    // Nothing was recorded as backed up.
    let logged: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'backup.manual'")
            .fetch_one(t.db.pool())
            .await
            .unwrap();
    assert_eq!(logged, 0);
}
