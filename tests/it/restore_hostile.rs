//! Backups made by someone else are files from outside: a restore takes
//! nothing from them that could act on its own (a trigger, a path), and
//! once the database is replaced nothing makes the restore fail.

use crate::backup::{filled, tampered};
use crate::common;

use std::path::PathBuf;

use adhoc::domain::account::Role;
use adhoc::service::auth::Session;
use adhoc::service::setup::NewAccount;
use adhoc::service::{accounts, backup, scans};
use adhoc::store::backup::{read_manifest, sha256_of};
use adhoc::store::{Db, OpenMode};
use common::now;

/// A backup of a filled database (one scan), in a folder of its own.
async fn made() -> (common::TestDb, Session, tempfile::TempDir, PathBuf) {
    let (t, admin, _) = filled().await;
    let usb = tempfile::tempdir().unwrap();
    let done = backup::manual(&t.db, &admin, usb.path(), None, now())
        .await
        .unwrap();
    (t, admin, usb, PathBuf::from(&done.path))
}

#[tokio::test]
async fn a_backup_that_brings_a_trigger_is_refused_before_it_can_take_over_an_account() {
    let (t, admin, usb, good) = made().await;
    let input = NewAccount {
        username: "operator".into(),
        full_name: "Operator Loket".into(),
        password: "rahasia-sekali-123".into(),
    };
    accounts::create(&t.db, &admin, &input, Role::Operator, now())
        .await
        .unwrap();
    let good = {
        // A fresh backup that has the operator.
        let later = now() + chrono::Duration::minutes(1);
        let done = backup::manual(&t.db, &admin, usb.path(), None, later)
            .await
            .unwrap();
        let _ = good;
        PathBuf::from(&done.path)
    };
    let planted = tampered(
        &good,
        usb.path(),
        "pemicu.db",
        "CREATE TRIGGER takeover AFTER INSERT ON audit_log
         BEGIN UPDATE users SET role = 'administrator' WHERE username = 'operator'; END;",
    )
    .await;
    let live = t.path();
    t.db.clone().close().await;
    let before = sha256_of(&live).unwrap();
    for attempt in [
        backup::inspect(&live, &Session::cli(), &planted, None, now()).await,
        backup::restore(&live, &Session::cli(), &planted, None, false, now()).await,
    ] {
        let e = attempt.unwrap_err();
        assert!(e.to_string().contains("trigger takeover tambahan"), "{e}");
    }
    assert_eq!(sha256_of(&live).unwrap(), before);
    let db = Db::open(&live, OpenMode::MustExist).await.unwrap();
    let role: String = sqlx::query_scalar("SELECT role FROM users WHERE username = 'operator'")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(role, "operator");
    db.close().await;
}

/// A manifest that never ends (a link to `/dev/zero`) is refused once it
/// is larger than any manifest, and a device is no backup (its first bytes
/// are not SQLite's): neither is read until the memory runs out.
#[cfg(unix)]
#[tokio::test]
async fn a_manifest_or_a_backup_that_never_ends_is_refused() {
    let (t, _, _usb, good) = made().await;
    let manifest = adhoc::store::backup::manifest_path(&good);
    std::fs::remove_file(&manifest).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &manifest).unwrap();
    let live = t.path();
    t.db.clone().close().await;
    let e = backup::inspect(&live, &Session::cli(), &good, None, now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("rusak: lebih dari 64 MB"), "{e}");
    let e = backup::inspect(&live, &Session::cli(), "/dev/zero".as_ref(), None, now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("bukan database SQLite"), "{e}");
}

#[tokio::test]
async fn a_rewritten_audit_chain_under_the_apps_own_schema_is_still_refused() {
    let (t, _, usb, good) = made().await;
    let db = Db::open(&good, OpenMode::MustExist).await.unwrap();
    let guard: String = sqlx::query_scalar(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_log_no_update'",
    )
    .fetch_one(db.pool())
    .await
    .unwrap();
    db.close().await;
    // The guard lifted, an entry rewritten, the guard put back as it was.
    let forged = tampered(
        &good,
        usb.path(),
        "palsu-rapi.db",
        &format!(
            "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET username = 'orang-lain' WHERE id = 2; {guard};"
        ),
    )
    .await;
    let live = t.path();
    t.db.clone().close().await;
    let e = backup::restore(&live, &Session::cli(), &forged, None, false, now())
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("Jejak audit di cadangan ini rusak"),
        "{e}"
    );
}

#[tokio::test]
async fn scan_names_that_are_paths_are_refused_and_nothing_is_written_outside() {
    let (t, _, usb, good) = made().await;
    // Deeper than the live database, so that `../..` from each lands apart.
    let deep = usb.path().join("a").join("b");
    std::fs::create_dir_all(&deep).unwrap();
    let evil = tampered(
        &good,
        &deep,
        "jalan.db",
        "UPDATE document_attachments SET sha256 = '../../' || substr(sha256, 7)",
    )
    .await;
    let name: String = {
        let db = Db::open(&evil, OpenMode::MustExist).await.unwrap();
        let h: String = sqlx::query_scalar("SELECT sha256 FROM document_attachments")
            .fetch_one(db.pool())
            .await
            .unwrap();
        db.close().await;
        format!("{h}.pdf")
    };
    assert_eq!(name.len(), 68, "the CHECK on length alone lets it in");
    // What the old restore would have copied, and where to.
    let source = deep.join("berkas").join(&name);
    std::fs::create_dir_all(source.parent().unwrap()).unwrap();
    std::fs::write(&source, b"%PDF-1.4 planted").unwrap();
    let live = t.path();
    let target = live.parent().unwrap().join("berkas").join(&name);
    // Left by an earlier run of an unfixed restore, perhaps.
    let _ = std::fs::remove_file(&target);
    t.db.clone().close().await;
    let e = backup::restore(&live, &Session::cli(), &evil, None, false, now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("nama tidak sah"), "{e}");
    assert!(!target.exists(), "{} was written", target.display());
}

#[cfg(unix)]
#[tokio::test]
async fn a_scan_that_is_a_link_or_holds_other_bytes_is_not_brought_back() {
    let (t, _, usb, good) = made().await;
    let manifest = read_manifest(&good).unwrap().unwrap();
    let scan = &manifest.scans[0];
    let in_backup = usb.path().join("berkas").join(scan);
    let live_scan = scans::folder(&t.db).join(scan);
    std::fs::remove_file(&live_scan).unwrap();
    let live = t.path();
    t.db.clone().close().await;

    // A link to a file the backup's author wants read.
    let secret = usb.path().join("rahasia.txt");
    std::fs::write(&secret, b"kata sandi lain").unwrap();
    std::fs::remove_file(&in_backup).unwrap();
    std::os::unix::fs::symlink(&secret, &in_backup).unwrap();
    let check = backup::restore(
        &live,
        &Session::cli(),
        &good,
        None,
        false,
        now() + chrono::Duration::minutes(1),
    )
    .await
    .unwrap();
    assert_eq!(check.warning, None);
    assert!(!live_scan.exists(), "a link is not followed");

    // A regular file whose bytes are not the ones its name is the hash of.
    std::fs::remove_file(&in_backup).unwrap();
    std::fs::write(&in_backup, b"%PDF-1.4 lain").unwrap();
    backup::restore(
        &live,
        &Session::cli(),
        &good,
        None,
        false,
        now() + chrono::Duration::minutes(2),
    )
    .await
    .unwrap();
    assert!(
        !live_scan.exists(),
        "other bytes under the name are not restored"
    );

    // The right bytes are.
    std::fs::write(&in_backup, b"%PDF-1.4\n% ktp\n").unwrap();
    backup::restore(
        &live,
        &Session::cli(),
        &good,
        None,
        false,
        now() + chrono::Duration::minutes(3),
    )
    .await
    .unwrap();
    assert!(live_scan.exists());
}

#[tokio::test]
async fn a_restore_by_an_account_the_backup_does_not_have_completes_and_is_audited() {
    let (t, admin, _usb, good) = made().await;
    let input = NewAccount {
        username: "admin2".into(),
        full_name: "Admin Kedua".into(),
        password: "rahasia-sekali-123".into(),
    };
    let created = accounts::create(&t.db, &admin, &input, Role::Administrator, now())
        .await
        .unwrap();
    let newcomer = Session {
        user_id: Some(created.id),
        username: "admin2".into(),
        full_name: "Admin Kedua".into(),
        role: Role::Administrator,
        command_line: false,
    };
    let live = t.path();
    t.db.clone().close().await;
    let check = backup::restore(&live, &newcomer, &good, None, false, now())
        .await
        .unwrap();
    assert_eq!(check.warning, None);
    let db = Db::open(&live, OpenMode::MustExist).await.unwrap();
    let (user_id, username, action): (Option<i64>, String, String) =
        sqlx::query_as("SELECT user_id, username, action FROM audit_log ORDER BY id DESC LIMIT 1")
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert_eq!(action, "backup.restored");
    assert_eq!((user_id, username.as_str()), (None, "admin2"));
    db.close().await;
}

#[tokio::test]
async fn a_backup_of_another_database_is_restored_only_when_said_to_be_from_elsewhere() {
    let (t, _, _usb, own) = made().await;
    // Another installation for the same kabupaten, set up at another time:
    // its own chain from the first entry on.
    let other = common::empty_db().await;
    let other_admin = adhoc::service::setup::first_run(
        &other.db,
        Some("3514"),
        &common::admin_input(),
        now() + chrono::Duration::hours(1),
    )
    .await
    .unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let theirs = backup::manual(&other.db, &other_admin, elsewhere.path(), None, now())
        .await
        .unwrap();
    let theirs = PathBuf::from(&theirs.path);
    let live = t.path();
    t.db.clone().close().await;

    assert!(
        backup::inspect(&live, &Session::cli(), &own, None, now())
            .await
            .unwrap()
            .continues
    );
    let check = backup::inspect(&live, &Session::cli(), &theirs, None, now())
        .await
        .unwrap();
    assert!(!check.continues);
    let before = sha256_of(&live).unwrap();
    let e = backup::restore(&live, &Session::cli(), &theirs, None, false, now())
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("bukan cadangan dari database ini"),
        "{e}"
    );
    assert_eq!(sha256_of(&live).unwrap(), before);
    let later = now() + chrono::Duration::minutes(1);
    backup::restore(&live, &Session::cli(), &theirs, None, true, later)
        .await
        .unwrap();
    // Its chain is now the live one, anchored anew.
    let db = Db::open(&live, OpenMode::MustExist).await.unwrap();
    assert!(adhoc::service::audit::verify(&db)
        .await
        .unwrap()
        .is_intact());
    db.close().await;
}
