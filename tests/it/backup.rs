//! Backups and restore on real files: a consistent copy with its manifest
//! and scans, generations, the backup before a migration and at a stage
//! close, a verified restore that keeps the current database, and every
//! kind of bad file refused with nothing changed.

use crate::common;

use std::path::{Path, PathBuf};

use adhoc::domain::account::Role;
use adhoc::domain::round::{Body, Preset, Stage};
use adhoc::service::auth::Session;
use adhoc::service::backup::{self, BackupEntry};
use adhoc::service::registration::register;
use adhoc::service::rounds::create_from_preset;
use adhoc::service::{audit, scans, stages};
use adhoc::store::backup::{folder_of, read_manifest, sha256_of};
use adhoc::store::{Db, OpenMode};
use chrono::Duration;
use common::{as_role, now, ppk_draft, ready_db, small_ppk_round, TestDb};

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db.pool()).await.unwrap()
}

/// A database with a round, two applicants and one scan.
pub(crate) async fn filled() -> (TestDb, Session, i64) {
    let (t, admin) = ready_db().await;
    let desk = as_role(&admin, Role::Operator);
    let round = create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Ppk, None, now())
        .await
        .unwrap()
        .id;
    let mut first = 0;
    for (i, nik) in ["3514011208900001", "3514011208900002"].iter().enumerate() {
        let id = register(&t.db, &desk, round, &ppk_draft(nik, "Budi Santoso"), now())
            .await
            .unwrap()
            .saved
            .unwrap()
            .id;
        if i == 0 {
            first = id;
        }
    }
    scans::attach(
        &t.db,
        &desk,
        first,
        "ktp",
        "ktp.pdf",
        b"%PDF-1.4\n% ktp\n",
        now(),
    )
    .await
    .unwrap();
    (t, admin, round)
}

pub(crate) fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|r| {
            r.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[tokio::test]
async fn a_backup_is_a_consistent_copy_with_manifest_and_scans_and_restores() {
    let (t, admin, round) = filled().await;
    let usb = tempfile::tempdir().unwrap();
    let done = backup::manual(&t.db, &admin, usb.path(), None, now())
        .await
        .unwrap();
    let file = PathBuf::from(&done.path);
    assert_eq!(done.reason, "manual");
    let manifest = read_manifest(&file).unwrap().unwrap();
    assert_eq!(manifest.sha256, sha256_of(&file).unwrap());
    assert_eq!(manifest.tables["applicants"], 2);
    assert_eq!(
        manifest.schema_version,
        adhoc::store::known_schema_version()
    );
    assert_eq!(manifest.scans.len(), 1);
    assert!(usb.path().join("berkas").join(&manifest.scans[0]).exists());
    // Only administrators back up to a folder of their choice.
    let e = backup::manual(
        &t.db,
        &as_role(&admin, Role::Pimpinan),
        usb.path(),
        None,
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "forbidden");

    // Work goes on after the backup; the scan is lost from the live folder.
    let desk = as_role(&admin, Role::Operator);
    register(
        &t.db,
        &desk,
        round,
        &ppk_draft("3514011208900003", "Siti Aminah"),
        now(),
    )
    .await
    .unwrap();
    std::fs::remove_file(scans::folder(&t.db).join(&manifest.scans[0])).unwrap();
    let live = t.path();
    t.db.clone().close().await;
    let before = sha256_of(&live).unwrap();

    // Checking changes nothing.
    let check = backup::inspect(&live, &Session::cli(), &file, None, now())
        .await
        .unwrap();
    assert_eq!(check.applicants, 2);
    assert_eq!(check.manifest, "ada, cocok");
    assert!(
        check.rounds[0].contains("Pemilu 2024"),
        "{:?}",
        check.rounds
    );
    assert!(check.last_audit.is_some());
    assert!(check.audit_entries > 3);
    assert!(check.scans_missing.is_empty());
    assert_eq!(sha256_of(&live).unwrap(), before);

    let later = now() + Duration::minutes(5);
    backup::restore(&live, &Session::cli(), &file, None, false, later)
        .await
        .unwrap();
    let db = Db::open(&live, OpenMode::MustExist).await.unwrap();
    assert_eq!(count(&db, "SELECT count(*) FROM applicants").await, 2);
    let report = audit::verify(&db).await.unwrap();
    assert_eq!(report.first_broken, None);
    let last: String = sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(last, "backup.restored");
    // The scan is back, and the database as it was before is kept.
    assert!(scans::folder(&db).join(&manifest.scans[0]).exists());
    let kept: Vec<String> = files_in(&folder_of(&live))
        .into_iter()
        .filter(|n| n.ends_with("sebelum-pemulihan.db"))
        .collect();
    assert_eq!(kept.len(), 1);
    let old = Db::open(&folder_of(&live).join(&kept[0]), OpenMode::MustExist)
        .await
        .unwrap();
    assert_eq!(count(&old, "SELECT count(*) FROM applicants").await, 3);
    old.close().await;
    // Nothing staged is left behind.
    let left = files_in(live.parent().unwrap());
    assert!(
        !left.iter().any(|n| n.starts_with(".pemulihan")),
        "{left:?}"
    );
    db.close().await;
}

/// A copy of the backup at `file`, changed by `sql` (run on the copy).
pub(crate) async fn tampered(file: &Path, dir: &Path, name: &str, sql: &str) -> PathBuf {
    let out = dir.join(name);
    std::fs::copy(file, &out).unwrap();
    let db = Db::open(&out, OpenMode::Restoring).await.unwrap();
    sqlx::raw_sql(sql).execute(db.pool()).await.unwrap();
    db.close().await;
    out
}

#[tokio::test]
async fn broken_or_foreign_files_are_refused_and_change_nothing() {
    let (t, admin, _) = filled().await;
    let dir = tempfile::tempdir().unwrap();
    let done = backup::manual(&t.db, &admin, dir.path(), None, now())
        .await
        .unwrap();
    let good = PathBuf::from(&done.path);
    let live = t.path();
    t.db.clone().close().await;
    let before = sha256_of(&live).unwrap();

    let text = dir.path().join("catatan.db");
    std::fs::write(&text, "bukan database").unwrap();
    let truncated = dir.path().join("terpotong.db");
    let bytes = std::fs::read(&good).unwrap();
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let foreign = tampered(&good, dir.path(), "asing.db", "DELETE FROM app_meta").await;
    let other = tampered(
        &good,
        dir.path(),
        "lain.db",
        "UPDATE app_meta SET value = '3515' WHERE key = 'kabupaten_code'",
    )
    .await;
    let newer = tampered(
        &good,
        dir.path(),
        "baru.db",
        "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time)
         VALUES (9999, 'future', '2030-01-01', 1, x'00', 0)",
    )
    .await;
    let forged = tampered(
        &good,
        dir.path(),
        "palsu.db",
        // Someone who knows SQLite can lift the append-only guard; the
        // chain of hashes still tells.
        "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET username = 'orang-lain' WHERE id = 2",
    )
    .await;
    // A manifest that no longer matches its file.
    let mismatch = dir.path().join("beda.db");
    std::fs::copy(&forged, &mismatch).unwrap();
    std::fs::copy(
        adhoc::store::backup::manifest_path(&good),
        adhoc::store::backup::manifest_path(&mismatch),
    )
    .unwrap();

    for (file, expected) in [
        (dir.path().join("tidak-ada.db"), "tidak ditemukan"),
        (text, "bukan database SQLite"),
        (truncated, "rusak"),
        (foreign, "bukan database Seleksi Ad Hoc"),
        (other, "bukan 3514"),
        (newer, "lebih baru"),
        // Without its append-only guard, the schema is not the app's.
        (forged, "trigger audit_log_no_update hilang"),
        (mismatch, "tidak cocok dengan manifestnya"),
    ] {
        let e = backup::restore(&live, &Session::cli(), &file, None, false, now())
            .await
            .unwrap_err();
        assert!(e.to_string().contains(expected), "{}: {e}", file.display());
        assert_eq!(sha256_of(&live).unwrap(), before, "{}", file.display());
    }
    assert!(
        !folder_of(&live).exists(),
        "no backup taken for a refused file"
    );
    assert!(!files_in(live.parent().unwrap())
        .iter()
        .any(|n| n.starts_with(".pemulihan")));
}

fn automatic(t: &TestDb) -> Vec<String> {
    files_in(&folder_of(&t.path()))
        .into_iter()
        .filter(|n| n.ends_with(".db"))
        .collect()
}

#[tokio::test]
async fn daily_backups_once_a_day_seven_kept_and_stage_closes_all_kept() {
    let (t, admin) = ready_db().await;
    assert!(backup::daily_if_due(&t.db, now()).await.unwrap().is_some());
    assert!(backup::daily_if_due(&t.db, now() + Duration::hours(2))
        .await
        .unwrap()
        .is_none());
    for day in 1..10 {
        backup::daily_if_due(&t.db, now() + Duration::days(day))
            .await
            .unwrap()
            .unwrap();
    }
    let daily = automatic(&t);
    assert_eq!(daily.len(), 7, "{daily:?}");
    // The newest seven days remain.
    let newest = adhoc::store::backup::file_name(now() + Duration::days(9), "harian");
    assert!(daily.contains(&newest));

    let (round, people) = small_ppk_round(&t.db, &admin, 1, 2).await;
    assert_eq!(people.len(), 2);
    let chair = as_role(&admin, Role::Pimpinan);
    let closed = stages::close(&t.db, &chair, round, Stage::Pendaftaran, now())
        .await
        .unwrap();
    assert!(!closed.backup_failed, "{}", closed.backup);
    assert!(
        closed.backup.ends_with("tutup-pendaftaran.db"),
        "{}",
        closed.backup
    );
    let list: Vec<BackupEntry> = backup::list(&t.db, &admin).await.unwrap();
    assert_eq!(list.len(), 8);
    assert!(list
        .iter()
        .any(|e| e.reason_label == "Penutupan tahap pendaftaran"));
    let e = backup::list(&t.db, &chair).await.unwrap_err();
    assert_eq!(e.code(), "forbidden");
}

#[tokio::test]
async fn a_database_is_copied_before_it_is_migrated() {
    let t = common::empty_db().await;
    let path = t.path();
    // Make it look like a database of the previous version, with data: what
    // the last migration made (tables created, columns added) is undone and
    // the migration unrecorded.
    let last = adhoc::store::known_schema_version();
    let migration = adhoc::store::MIGRATOR.migrations.last().unwrap();
    let created: Vec<String> = migration
        .sql
        .split("CREATE TABLE ")
        .skip(1)
        .map(|rest| rest.split_whitespace().next().unwrap().to_string())
        .collect();
    let added: Vec<(String, String)> = migration
        .sql
        .split("ALTER TABLE ")
        .skip(1)
        .filter_map(|rest| {
            let mut words = rest.split_whitespace();
            let table = words.next()?.to_string();
            let column = words.skip_while(|w| *w != "COLUMN").nth(1)?.to_string();
            Some((table, column))
        })
        .collect();
    assert!(
        !created.is_empty() || !added.is_empty(),
        "the last migration creates a table or adds a column"
    );
    let undo: String = created
        .iter()
        .map(|t| format!("DROP TABLE IF EXISTS {t}; "))
        .chain(
            added
                .iter()
                .rev()
                .map(|(t, c)| format!("ALTER TABLE {t} DROP COLUMN {c}; ")),
        )
        .collect();
    sqlx::raw_sql(&format!(
        "PRAGMA foreign_keys = OFF; {undo} DELETE FROM _sqlx_migrations WHERE version = {last};"
    ))
    .execute(t.db.pool())
    .await
    .unwrap();
    t.db.clone().close().await;
    assert!(!folder_of(&path).exists());
    let db = Db::open(&path, OpenMode::MustExist).await.unwrap();
    let copies = files_in(&folder_of(&path));
    let copy = copies
        .iter()
        .find(|n| n.ends_with("sebelum-migrasi.db"))
        .expect("a copy before the migration");
    let manifest = read_manifest(&folder_of(&path).join(copy))
        .unwrap()
        .unwrap();
    // The migration before the last (numbers may skip one that another
    // branch adds).
    let previous = adhoc::store::MIGRATOR
        .migrations
        .iter()
        .rev()
        .nth(1)
        .unwrap()
        .version;
    assert_eq!(manifest.schema_version, previous);
    if let Some(table) = created.first() {
        assert!(!manifest.tables.contains_key(table));
    }
    // The live database is migrated; opening again copies nothing more.
    assert_eq!(adhoc::store::schema_version(db.pool()).await.unwrap(), last);
    db.close().await;
    Db::open(&path, OpenMode::MustExist)
        .await
        .unwrap()
        .close()
        .await;
    assert_eq!(files_in(&folder_of(&path)).len(), copies.len());
}
