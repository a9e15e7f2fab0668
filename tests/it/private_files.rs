//! Personal data at rest is the owner's only (Unix modes; on Windows the
//! data folder is in the user's profile): before, the database, its WAL,
//! backups, manifests and scans were made 0644 in 0755 folders.
#![cfg(unix)]

use crate::backup::filled;
use crate::common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use adhoc::service::{backup, scans};
use adhoc::store::backup::{folder_of, manifest_path};
use adhoc::store::{Db, OpenMode};
use common::now;

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .permissions()
        .mode()
        & 0o777
}

#[tokio::test]
async fn the_database_its_backups_and_scans_are_readable_by_their_owner_only() {
    // A world-readable umask, as on many desktops.
    let (t, admin, _) = filled().await;
    let live = t.path();
    let wal = live.with_extension("db-wal");
    assert_eq!(mode(&live), 0o600, "database");
    assert_eq!(mode(&wal), 0o600, "its WAL");
    let scan_dir = scans::folder(&t.db);
    assert_eq!(mode(&scan_dir), 0o700, "berkas/");
    for entry in std::fs::read_dir(&scan_dir).unwrap() {
        assert_eq!(mode(&entry.unwrap().path()), 0o600, "a scan");
    }
    let done = backup::take(&t.db, None, "manual", now()).await.unwrap();
    let file = std::path::PathBuf::from(&done.path);
    assert_eq!(mode(&folder_of(&live)), 0o700, "cadangan/");
    assert_eq!(mode(&file), 0o600, "a backup");
    assert_eq!(mode(&manifest_path(&file)), 0o600, "its manifest");

    // A database a newer version did not make yet is tightened when opened;
    // a folder the user chose keeps its own mode.
    t.db.clone().close().await;
    let _ = admin;
    std::fs::set_permissions(&live, std::fs::Permissions::from_mode(0o644)).unwrap();
    let folder = mode(live.parent().unwrap());
    let db = Db::open(&live, OpenMode::MustExist).await.unwrap();
    assert_eq!(mode(&live), 0o600);
    assert_eq!(mode(live.parent().unwrap()), folder);
    db.close().await;
}
