//! Backups sealed with a passphrase: what lands on the USB drive is one
//! file nobody reads without the passphrase; it restores with it (scans
//! included), and a changed file, a wrong passphrase or a crafted content
//! is refused with nothing changed and nothing left behind.

use crate::backup::{files_in, filled};
use crate::common;

use std::io::Write;
use std::path::{Path, PathBuf};

use adhoc::service::auth::Session;
use adhoc::service::backup::{self, sealed};
use adhoc::service::scans;
use adhoc::store::backup::sha256_of;
use adhoc::store::{Db, OpenMode};
use age::secrecy::SecretString;
use common::now;

const PASSPHRASE: &str = "flashdisk kantor pasuruan";

/// A filled database (two applicants, one scan) and its sealed backup.
async fn sealed_backup() -> (common::TestDb, tempfile::TempDir, PathBuf) {
    let (t, admin, _) = filled().await;
    let usb = tempfile::tempdir().unwrap();
    let done = backup::manual(&t.db, &admin, usb.path(), Some(PASSPHRASE), now())
        .await
        .unwrap();
    assert_eq!(done.scans, 1);
    (t, usb, PathBuf::from(&done.path))
}

/// Nothing of a sealed backup's work is left beside the live database.
fn no_workspace_left(live: &Path) {
    let left: Vec<String> = files_in(live.parent().unwrap())
        .into_iter()
        .filter(|n| n.contains("terkunci"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn a_sealed_backup_is_one_unreadable_file_that_restores_with_its_passphrase() {
    let (t, usb, file) = sealed_backup().await;
    // One file on the drive: no plain copy, manifest or scan folder.
    assert_eq!(
        files_in(usb.path()),
        [file.file_name().unwrap().to_string_lossy().into_owned()]
    );
    assert!(file.to_string_lossy().ends_with(".tar.age"));
    let bytes = std::fs::read(&file).unwrap();
    for plain in [
        &b"Budi Santoso"[..],
        b"3514011208900001",
        b"SQLite format 3",
        b"%PDF",
    ] {
        assert!(
            !contains(&bytes, plain),
            "{}",
            String::from_utf8_lossy(plain)
        );
    }
    let scan_dir = scans::folder(&t.db);
    let live = t.path();
    t.db.clone().close().await;
    no_workspace_left(&live);

    // Without the passphrase, or with a wrong one: asked for, nothing read.
    let cli = Session::cli();
    let e = backup::inspect(&live, &cli, &file, None, now())
        .await
        .unwrap_err();
    assert_eq!(e.field(), Some(sealed::FIELD), "{e}");
    let e = backup::inspect(&live, &cli, &file, Some("flashdisk kantor lain"), now())
        .await
        .unwrap_err();
    assert_eq!(e.field(), Some(sealed::FIELD), "{e}");
    assert!(e.to_string().contains("salah"), "{e}");

    let check = backup::inspect(&live, &cli, &file, Some(PASSPHRASE), now())
        .await
        .unwrap();
    assert!(check.sealed);
    assert_eq!(check.path, file.display().to_string());
    assert_eq!(
        (check.applicants, check.manifest.as_str()),
        (2, "ada, cocok")
    );
    assert!(check.scans_missing.is_empty());
    no_workspace_left(&live);

    // Restored over a database that lost its scan: the scan comes back
    // from inside the sealed file.
    for scan in files_in(&scan_dir) {
        std::fs::remove_file(scan_dir.join(scan)).unwrap();
    }
    let later = now() + chrono::Duration::minutes(5);
    let check = backup::restore(&live, &cli, &file, Some(PASSPHRASE), false, later)
        .await
        .unwrap();
    assert_eq!(check.warning, None);
    let db = Db::open(&live, OpenMode::MustExist).await.unwrap();
    let applicants: i64 = sqlx::query_scalar("SELECT count(*) FROM applicants")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(applicants, 2);
    let (action, file_named): (String, String) = sqlx::query_as(
        "SELECT action, json_extract(after, '$.file') FROM audit_log ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert_eq!(
        (action.as_str(), file_named),
        ("backup.restored", file.display().to_string())
    );
    db.close().await;
    assert_eq!(files_in(&scan_dir).len(), 1);
    no_workspace_left(&live);
}

#[tokio::test]
async fn a_short_passphrase_is_refused_and_nothing_is_written() {
    let (t, admin, _) = filled().await;
    let usb = tempfile::tempdir().unwrap();
    let e = backup::manual(&t.db, &admin, usb.path(), Some("pendek"), now())
        .await
        .unwrap_err();
    assert_eq!(e.field(), Some(sealed::FIELD));
    assert!(files_in(usb.path()).is_empty());
    no_workspace_left(&t.path());
}

#[tokio::test]
async fn a_changed_sealed_file_is_refused_and_changes_nothing() {
    let (t, usb, file) = sealed_backup().await;
    let live = t.path();
    t.db.clone().close().await;
    let before = sha256_of(&live).unwrap();
    let mut bytes = std::fs::read(&file).unwrap();
    // One bit in the middle of the content, then the end cut off.
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    let flipped = usb.path().join("diubah.tar.age");
    std::fs::write(&flipped, &bytes).unwrap();
    let bytes = std::fs::read(&file).unwrap();
    let cut = usb.path().join("terpotong.tar.age");
    std::fs::write(&cut, &bytes[..bytes.len() - 100]).unwrap();
    for bad in [flipped, cut] {
        let e = backup::restore(&live, &Session::cli(), &bad, Some(PASSPHRASE), false, now())
            .await
            .unwrap_err();
        assert!(e.to_string().contains("rusak"), "{}: {e}", bad.display());
        assert_eq!(sha256_of(&live).unwrap(), before);
        no_workspace_left(&live);
    }
}

/// An entry of a crafted tar stream: name, type, bytes.
type Entry = (String, tar::EntryType, Vec<u8>);

/// A sealed file made by hand with the same passphrase, holding `entries`
/// written raw (name, type, bytes).
fn crafted(dir: &Path, entries: &[(&str, tar::EntryType, &[u8])]) -> PathBuf {
    let path = dir.join("buatan.tar.age");
    let out = std::fs::File::create(&path).unwrap();
    let mut age = age::Encryptor::with_user_passphrase(SecretString::from(PASSPHRASE.to_owned()))
        .wrap_output(out)
        .unwrap();
    let mut raw = Vec::new();
    {
        let mut tar = tar::Builder::new(&mut raw);
        for (name, kind, data) in entries {
            let mut header = tar::Header::new_gnu();
            header.set_entry_type(*kind);
            header.set_size(data.len() as u64);
            header.set_mode(0o644);
            if *kind == tar::EntryType::Symlink {
                header.set_link_name("/etc/passwd").unwrap();
            }
            // Written raw: the name is not checked on the way in.
            let bytes = name.as_bytes();
            header.as_old_mut().name[..bytes.len()].copy_from_slice(bytes);
            header.set_cksum();
            tar.append(&header, *data).unwrap();
        }
        tar.finish().unwrap();
    }
    age.write_all(&raw).unwrap();
    age.finish().unwrap();
    path
}

#[tokio::test]
async fn a_crafted_sealed_file_plants_nothing_outside_and_is_refused() {
    let (t, usb, file) = sealed_backup().await;
    let live = t.path();
    t.db.clone().close().await;
    let before = sha256_of(&live).unwrap();
    // The database of a genuine backup, to put beside the crafted entries.
    let genuine = {
        let check_dir = tempfile::tempdir().unwrap();
        let opened = sealed::open(&file, Some(PASSPHRASE), check_dir.path()).unwrap();
        std::fs::read(opened.db()).unwrap()
    };
    let outside = usb.path().join("..").join("ditanam");
    let hash = "a".repeat(64);
    let cases: Vec<(Vec<Entry>, &str)> = vec![
        (
            vec![
                (
                    "cadangan.db".into(),
                    tar::EntryType::Regular,
                    genuine.clone(),
                ),
                ("../ditanam".into(), tar::EntryType::Regular, b"x".to_vec()),
            ],
            "tidak dikenal",
        ),
        (
            vec![
                (
                    "cadangan.db".into(),
                    tar::EntryType::Regular,
                    genuine.clone(),
                ),
                (
                    format!("berkas/{hash}.pdf"),
                    tar::EntryType::Symlink,
                    Vec::new(),
                ),
            ],
            "bukan berkas biasa",
        ),
        (
            vec![
                (
                    "cadangan.db".into(),
                    tar::EntryType::Regular,
                    genuine.clone(),
                ),
                (
                    "cadangan.db".into(),
                    tar::EntryType::Regular,
                    genuine.clone(),
                ),
            ],
            "dua kali",
        ),
        (
            vec![(
                format!("berkas/{hash}.pdf"),
                tar::EntryType::Regular,
                vec![b'%'; 10 * 1024 * 1024 + 1],
            )],
            "terlalu besar",
        ),
        (
            vec![(
                format!("berkas/{hash}.pdf"),
                tar::EntryType::Regular,
                b"%PDF".to_vec(),
            )],
            "tidak berisi database",
        ),
    ];
    for (entries, expected) in cases {
        let entries: Vec<(&str, tar::EntryType, &[u8])> = entries
            .iter()
            .map(|(n, k, d)| (n.as_str(), *k, d.as_slice()))
            .collect();
        let bad = crafted(usb.path(), &entries);
        let e = backup::restore(&live, &Session::cli(), &bad, Some(PASSPHRASE), false, now())
            .await
            .unwrap_err();
        assert!(e.to_string().contains(expected), "{expected}: {e}");
        assert!(!outside.exists());
        assert_eq!(sha256_of(&live).unwrap(), before);
        no_workspace_left(&live);
    }
}

#[test]
fn the_command_line_seals_a_backup_and_checks_it_with_the_passphrase_from_stdin() {
    use crate::common::cli::{adhoc_with_stdin, stderr, stdout, CliDb};
    let t = CliDb::init();
    let usb = tempfile::tempdir().unwrap();
    let out = usb.path().to_str().unwrap();
    let with = |args: &[&str], input: &str| {
        adhoc_with_stdin(&[&["--db", t.db()], args].concat(), &format!("{input}\n"))
    };
    // Sealing only to another folder.
    t.refused(&["backup", "--kunci"]);
    let o = with(&["backup", "--out", out, "--kunci"], "pendek");
    assert!(!o.status.success());
    assert!(stderr(&o).contains("paling sedikit 10"), "{}", stderr(&o));
    let o = with(&["backup", "--out", out, "--kunci"], PASSPHRASE);
    assert!(o.status.success(), "{}", stderr(&o));
    let file = stdout(&o).trim().to_string();
    assert!(file.ends_with(".tar.age"), "{file}");
    assert_eq!(files_in(usb.path()).len(), 1);

    let o = with(&["restore", &file, "--periksa"], "salah sekali");
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("Kata sandi cadangan salah"),
        "{}",
        stderr(&o)
    );
    let o = with(&["restore", &file, "--periksa"], PASSPHRASE);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("Terkunci dengan kata sandi: ya"),
        "{}",
        stderr(&o)
    );
}
