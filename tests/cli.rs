//! The `adhoc` binary: CSV on stdout, messages on stderr, exit codes.

use std::process::{Command, Output};

fn adhoc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_adhoc"))
        .args(args)
        .env_remove("ADHOC_DB")
        .output()
        .expect("adhoc runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn init_create_and_list_rounds() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kpu.db");
    let db = db.to_str().unwrap();

    let o = adhoc(&["--db", db, "init", "--wilayah", "3514"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).is_empty(), "messages go to stderr");
    assert!(stderr(&o).contains("Kabupaten Pasuruan"));

    let o = adhoc(&[
        "--db",
        db,
        "rounds",
        "create",
        "--preset",
        "pemilu-2024",
        "--badan",
        "ppk",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), "1");
    let o = adhoc(&[
        "--db",
        db,
        "rounds",
        "create",
        "--preset",
        "pilkada-2024",
        "--badan",
        "PPS",
        "--nama",
        "Pilkada PPS",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));

    let o = adhoc(&["--db", db, "rounds", "list"]);
    assert!(o.status.success());
    let out = stdout(&o);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header[..4], ["id", "pemilihan", "badan", "tahapan"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][0], "1");
    assert_eq!(&rows[0][1], "Pemilu 2024");
    assert_eq!(&rows[0][2], "PPK");
    assert_eq!(&rows[0][3], "pendaftaran");
    assert_eq!(&rows[1][2], "PPS");
    assert_eq!(&rows[1][4], "Pilkada PPS");

    let o = adhoc(&[
        "--db",
        db,
        "rounds",
        "kuota",
        "--round",
        "1",
        "--wilayah",
        "35.14.01",
        "--kuota",
        "7",
        "--alasan",
        "Wilayah luas",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn failures_exit_non_zero_with_a_message_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kpu.db");
    let db = db.to_str().unwrap();

    let o = adhoc(&["--db", db, "rounds", "list"]);
    assert!(!o.status.success());
    assert!(stdout(&o).is_empty());
    assert!(
        stderr(&o).contains("Database tidak ditemukan"),
        "{}",
        stderr(&o)
    );
    assert!(
        !dir.path().join("kpu.db").exists(),
        "a missing database is not created by list"
    );

    let o = adhoc(&["--db", db, "init", "--wilayah", "9999"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("tidak dikenal"));

    assert!(adhoc(&["--db", db, "init", "--wilayah", "3514"])
        .status
        .success());
    let o = adhoc(&["--db", db, "init", "--wilayah", "3514"]);
    assert!(!o.status.success(), "a second init is refused");
    let o = adhoc(&[
        "--db",
        db,
        "rounds",
        "create",
        "--preset",
        "pemilu-2029",
        "--badan",
        "ppk",
    ]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("pemilu-2024"));
}

#[test]
fn wilayah_search_prints_csv() {
    let o = adhoc(&["wilayah", "pasuruan"]);
    assert!(o.status.success());
    assert_eq!(
        stdout(&o),
        "kode,nama,provinsi\n35.14,Kabupaten Pasuruan,Jawa Timur\n35.75,Kota Pasuruan,Jawa Timur\n"
    );
}
