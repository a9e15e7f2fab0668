//! Files and text from outside treated as hostile: a file of junk, a field
//! of megabytes, control characters where staff type. Each test is an
//! attack that once went through; behaviour is asserted (how much is
//! listed, how large the output is), never time: the speed figures are in
//! the README's note on hostile input.

use crate::common::cli::{stderr, stdout, CliDb};
use crate::common::{self, as_role, now, ready_db};

use adhoc::docs::problems::{write_problems, MAX_LISTED};
use adhoc::domain::account::Role;
use adhoc::domain::round::{Body, Preset};
use adhoc::service::applicants::import;
use adhoc::service::registration::{register, withdraw};
use adhoc::service::rounds::create_from_preset;

const HEADER: &str =
    "nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,pendidikan,telepon,email,kode_wilayah_tugas";

/// About a megabyte of rows each wrong in 11 columns: 55,550 rows, 611,050
/// problems.
fn junk_file() -> String {
    let mut file = format!("{HEADER}\n");
    while file.len() < 1_000_000 {
        file.push_str("x,,,,x,,x,x,x,x,x\n");
    }
    file
}

#[tokio::test]
async fn a_junk_file_lists_a_thousand_problems_and_counts_the_rest() {
    let (t, admin) = ready_db().await;
    let desk = as_role(&admin, Role::Operator);
    let round = create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Ppk, None, now())
        .await
        .unwrap();
    let report = import(&t.db, &desk, round.id, junk_file().as_bytes(), now())
        .await
        .unwrap();
    assert!(!report.is_stored());
    let p = &report.problems;
    assert_eq!(p.listed.len(), MAX_LISTED);
    assert_eq!(p.total(), 55_550 * 11);
    assert!(p.listed.windows(2).all(|w| w[0].line <= w[1].line));
    assert_eq!((p.listed[0].line, p.listed[999].line), (2, 92));
    // What the desktop sends to its window, and what a saved report holds.
    let json = serde_json::to_string(&report).unwrap();
    assert!(json.len() < 300_000, "{} bytes to the window", json.len());
    let mut saved = Vec::new();
    write_problems(p, &mut saved).unwrap();
    assert!(saved.len() < 200_000, "{} bytes saved", saved.len());
    assert!(String::from_utf8(saved)
        .unwrap()
        .contains("dan 610.050 masalah lainnya tidak dicantumkan"));
}

#[tokio::test]
async fn fields_of_megabytes_are_short_problems_and_nothing_is_stored() {
    let (t, admin) = ready_db().await;
    let desk = as_role(&admin, Role::Operator);
    let round = create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Ppk, None, now())
        .await
        .unwrap();
    let huge = "9".repeat(8 << 20);
    let file = format!(
        "{HEADER}\n\
         3514011208900001,Budi,L,Pasuruan,{huge},Dusun Krajan,35.14.01.2001,SMA,,,35.14.01\n\
         3514011208900002,Agus,L,Pasuruan,12-08-1990,{huge},35.14.01.2001,SMA,,,35.14.01\n\
         3514011208900003,\"Rina\0\",P,Pasuruan,12-08-1990,Dusun Krajan,35.14.01.2001,SMA,,,35.14.01\n"
    );
    let report = import(&t.db, &desk, round.id, file.as_bytes(), now())
        .await
        .unwrap();
    let at: Vec<(u64, &str)> = report
        .problems
        .listed
        .iter()
        .map(|p| (p.line, p.column.as_str()))
        .collect();
    assert_eq!(at, [(2, "tanggal_lahir"), (3, "alamat"), (4, "nama")]);
    for p in &report.problems.listed {
        assert!(p.reason.len() < 300, "{}", p.reason);
        assert!(!p.reason.contains('\0'));
    }
    assert!(report.problems.listed[1]
        .reason
        .contains("8.388.608 karakter, paling banyak 250"));
    assert!(report.problems.listed[2].reason.contains("NUL"));
    let mut saved = Vec::new();
    write_problems(&report.problems, &mut saved).unwrap();
    assert!(saved.len() < 1_000, "{} bytes", saved.len());
}

#[test]
fn the_cli_prints_the_first_thousand_problems_and_says_how_many_more() {
    let t = CliDb::with_round();
    let path = t.write("sampah.csv", &junk_file());
    let o = t.run(&["applicants", "import", "--round", "1", &path]);
    assert!(!o.status.success());
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1 + 1_000 + 1);
    assert!(
        out.lines()
            .last()
            .unwrap()
            .starts_with(",,\"… dan 610.050 masalah lainnya tidak dicantumkan."),
        "{}",
        out.lines().last().unwrap()
    );
    assert!(
        stderr(&o).contains("611.050 masalah di ")
            && stderr(&o).contains("(1.000 pertama dicetak, 610.050 lainnya tidak)"),
        "{}",
        stderr(&o)
    );
}

#[tokio::test]
async fn control_characters_are_refused_where_staff_type() {
    let (t, admin) = ready_db().await;
    let desk = as_role(&admin, Role::Operator);
    let round = create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Ppk, None, now())
        .await
        .unwrap();
    // The help-desk form.
    let draft = common::ppk_draft("3514011208900001", "Budi\0Santoso");
    let r = register(&t.db, &desk, round.id, &draft, now())
        .await
        .unwrap();
    assert!(r.saved.is_none());
    assert_eq!(r.check.problems[0].field, "nama");
    assert!(
        r.check.problems[0].reason.contains("karakter NUL"),
        "{}",
        r.check.problems[0].reason
    );
    // A written reason: line breaks are fine, an escape character is not.
    let saved = common::register_many(&t.db, &desk, round.id, "35.14.01", 1, 1, now()).await;
    let e = withdraw(&t.db, &desk, saved[0].0, "Pindah\u{1b}[2J kerja", now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "validation");
    assert!(e.to_string().contains("U+001B"), "{e}");
    let e = withdraw(&t.db, &desk, saved[0].0, &"panjang ".repeat(200), now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("paling banyak 1.000"), "{e}");
    withdraw(
        &t.db,
        &desk,
        saved[0].0,
        "Pindah kerja\nke luar kota",
        now(),
    )
    .await
    .unwrap();
}
