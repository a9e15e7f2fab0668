//! Marks from spreadsheets: the CAT system's export, a marking sheet by
//! NIK, the interview recap with an attendance column, made here as xlsx
//! and ods files in the layouts offices keep, previewed and imported all
//! or nothing.

use crate::common::{self, as_role, close_administration, decide_admin, now, small_ppk_round};
use crate::spreadsheets::{ods, ods_row, xlsx, C};
use adhoc::domain::account::Role;
use adhoc::domain::round::Stage;
use adhoc::domain::score_mapping::{IdKind, ScoreMapping};
use adhoc::domain::verification::AdminVerdict;
use adhoc::service::auth::Session;
use adhoc::service::score_sheets::{self, ScoreSheetChoice, ScoreSheetPreview};
use adhoc::service::scores::{import_marks, score_sheet, ScoreImport};
use adhoc::service::stages::{close, open};
use adhoc::store::Db;

/// A round at the written test with `n` MS applicants in Purwodadi
/// (NIK `351401120890000k` for the k-th); the Verifikator's session.
pub(crate) async fn at_written_test(
    db: &Db,
    admin: &Session,
    n: u32,
) -> (i64, Vec<(i64, String)>, Session) {
    let chair = as_role(admin, Role::Pimpinan);
    let (round, people) = small_ppk_round(db, admin, 1, n).await;
    decide_admin(db, admin, people.iter().map(|p| p.0), AdminVerdict::MS).await;
    close_administration(db, admin, round).await;
    open(db, &chair, round, Stage::Tertulis, now())
        .await
        .unwrap();
    (round, people, as_role(admin, Role::Verifikator))
}

async fn preview(
    t: &common::TestDb,
    who: &Session,
    round: i64,
    stage: Stage,
    bytes: &[u8],
) -> ScoreSheetPreview {
    score_sheets::preview(
        &t.db,
        who,
        round,
        stage,
        bytes,
        &ScoreSheetChoice::default(),
    )
    .await
    .unwrap()
}

async fn import(
    t: &common::TestDb,
    who: &Session,
    round: i64,
    stage: Stage,
    bytes: &[u8],
) -> ScoreImport {
    score_sheets::import(
        &t.db,
        who,
        round,
        stage,
        bytes,
        &ScoreSheetChoice::default(),
        now(),
    )
    .await
    .unwrap()
}

async fn marks(t: &common::TestDb, who: &Session, round: i64, stage: Stage) -> Vec<String> {
    score_sheet(&t.db, who, round, stage, None)
        .await
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.mark)
        .collect()
}

/// The CAT system's export: two title rows, then NO, NO PESERTA, NAMA and
/// the marks as number cells.
pub(crate) fn cat_export(people: &[(i64, String)], marks: &[f64]) -> Vec<u8> {
    use C::*;
    let mut rows = vec![
        vec![S("REKAPITULASI HASIL CAT SELEKSI PPK")],
        vec![S("KABUPATEN PASURUAN")],
        vec![S("NO"), S("NO PESERTA"), S("NAMA"), S("NILAI")],
    ];
    for (i, m) in marks.iter().enumerate() {
        rows.push(vec![
            N(i as f64 + 1.0),
            T(people[i].1.clone()),
            S("Calon"),
            N(*m),
        ]);
    }
    rows.push(vec![S("Ketua Panitia,")]);
    xlsx("Hasil CAT", &rows)
}

#[tokio::test]
async fn a_cat_export_is_previewed_then_imported_and_a_second_one_shows_what_it_replaces() {
    let (t, admin) = common::ready_db().await;
    let (round, people, verifier) = at_written_test(&t.db, &admin, 4).await;
    let file = cat_export(&people, &[78.5, 80.0, 66.25, 78.1]);
    let p = preview(&t, &verifier, round, Stage::Tertulis, &file).await;
    assert_eq!(p.sheets, vec!["Hasil CAT"]);
    assert_eq!(
        p.mapping,
        ScoreMapping {
            header_row: 3,
            id_column: Some(1),
            id_kind: IdKind::Nomor,
            mark_column: Some(3),
            attendance_column: None,
        }
    );
    assert!(p.ready && p.notes.is_empty(), "{:?}", p.notes);
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!((p.to_store, p.absent, p.replacing), (4, 0, 0));
    let shown: Vec<(u64, &str, &str)> = p
        .rows
        .iter()
        .map(|r| (r.line, r.reg_number.as_str(), r.mark.as_str()))
        .collect();
    assert_eq!(
        shown,
        vec![
            (4, people[0].1.as_str(), "78,50"),
            (5, people[1].1.as_str(), "80,00"),
            (6, people[2].1.as_str(), "66,25"),
            (7, people[3].1.as_str(), "78,10"),
        ]
    );
    assert_eq!(p.rows[0].full_name, "Calon 01");
    assert!(p.rows[0].unit.contains("Purwodadi"), "{}", p.rows[0].unit);
    assert_eq!(p.rows[0].before, "");
    // The preview wrote nothing.
    assert!(marks(&t, &verifier, round, Stage::Tertulis)
        .await
        .iter()
        .all(String::is_empty));

    let r = import(&t, &verifier, round, Stage::Tertulis, &file).await;
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!((r.stored, r.absent, r.replaced), (4, 0, 0));
    assert_eq!(
        marks(&t, &verifier, round, Stage::Tertulis).await,
        vec!["78,50", "80,00", "66,25", "78,10"]
    );

    // A corrected export: the marks it replaces are shown before.
    let file = cat_export(&people, &[79.0, 80.0, 66.25, 78.1]);
    let p = preview(&t, &verifier, round, Stage::Tertulis, &file).await;
    assert_eq!((p.to_store, p.replacing), (4, 1));
    assert_eq!(
        (p.rows[0].mark.as_str(), p.rows[0].before.as_str()),
        ("79,00", "78,50")
    );
    let r = import(&t, &verifier, round, Stage::Tertulis, &file).await;
    assert_eq!((r.stored, r.replaced), (4, 1));
    let audit: (String, String) = sqlx::query_as(
        "SELECT action, after FROM audit_log WHERE action = 'score.import' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(t.db.pool())
    .await
    .unwrap();
    assert!(audit.1.contains("\"sumber\":\"xlsx\""), "{}", audit.1);
    assert!(audit.1.contains("\"menimpa\":1"), "{}", audit.1);
}

#[tokio::test]
async fn a_marking_sheet_by_nik_with_a_bad_row_stores_nothing_until_fixed() {
    use C::*;
    let (t, admin) = common::ready_db().await;
    let (round, people, verifier) = at_written_test(&t.db, &admin, 10).await;
    let desk = as_role(&admin, Role::Operator);
    adhoc::service::registration::withdraw(&t.db, &desk, people[4].0, "Mengundurkan diri", now())
        .await
        .unwrap();
    let sheet = |rows: Vec<Vec<C>>| {
        let mut all = vec![vec![
            S("Nama Peserta"),
            S("NIK KTP"),
            S("Skor"),
            S("Keterangan"),
        ]];
        all.extend(rows);
        xlsx("Penilaian", &all)
    };
    let bad = sheet(vec![
        vec![S("Calon 01"), S("3514011208900001"), S("78,5"), S("")],
        vec![S("Calon 02"), S("'3514011208900002"), S(""), S("TH")],
        vec![S("Calon 03"), S("3514011208900003"), N(101.0), S("")],
        vec![S("Calon 04"), S("3514011208909999"), S("70"), S("")],
        vec![S("Calon 05"), S("3514011208900005"), S("70"), S("")],
        vec![S("Calon 06"), S("3514011208900001"), S("71"), S("")],
        // Typed in Excel as a number: its 16th digit may be lost.
        vec![S("Calon 10"), N(3514011208900010.0), S("60"), S("")],
        vec![S("Calon 07"), S("3514011208900007"), S("80"), S("hadir")],
        vec![S("Calon 08"), S("3514011208900008"), S("1.234"), S("")],
    ]);
    let p = preview(&t, &verifier, round, Stage::Tertulis, &bad).await;
    assert_eq!(
        (
            p.mapping.id_column,
            p.mapping.id_kind,
            p.mapping.mark_column
        ),
        (Some(1), IdKind::Nik, Some(2))
    );
    assert_eq!(p.mapping.attendance_column, Some(3));
    let found: Vec<(u64, String, String)> = p
        .problems
        .listed
        .iter()
        .map(|x| (x.line, x.column.clone(), x.reason.clone()))
        .collect();
    let at = |line: u64| {
        found
            .iter()
            .find(|f| f.0 == line)
            .unwrap_or_else(|| panic!("no problem at {line}: {found:?}"))
    };
    assert_eq!(at(4).1, "Skor (kolom C)");
    assert!(at(4).2.contains("melebihi 100"), "{:?}", at(4));
    assert_eq!(at(5).1, "NIK KTP (kolom B)");
    assert!(at(5).2.contains("tidak terdaftar"), "{:?}", at(5));
    assert!(at(6).2.contains("sudah mundur"), "{:?}", at(6));
    assert!(at(7).2.contains("sudah ada di baris 2"), "{:?}", at(7));
    assert!(at(8).2.contains("tersimpan sebagai angka"), "{:?}", at(8));
    assert!(at(8).2.contains("Teks"), "{:?}", at(8));
    assert!(at(10).2.contains("tidak dapat dibaca"), "{:?}", at(10));
    assert_eq!(found.len(), 6, "{found:?}");
    let r = import(&t, &verifier, round, Stage::Tertulis, &bad).await;
    assert_eq!(r.stored, 0);
    assert_eq!(r.problems, p.problems);
    assert!(marks(&t, &verifier, round, Stage::Tertulis)
        .await
        .iter()
        .all(String::is_empty));

    let good = sheet(vec![
        vec![S("Calon 01"), S("3514011208900001"), S("78,5"), S("")],
        vec![S("Calon 02"), S("'3514011208900002"), S(""), S("TH")],
        vec![S("Calon 03"), S("3514 0112 0890 0003"), N(91.0), S("Hadir")],
    ]);
    let r = import(&t, &verifier, round, Stage::Tertulis, &good).await;
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!((r.stored, r.absent), (3, 1));
    let m = marks(&t, &verifier, round, Stage::Tertulis).await;
    assert_eq!(&m[..3], ["78,50", "absen", "91,00"]);
}

#[tokio::test]
async fn interview_scores_from_an_ods_with_attendance_and_a_closed_stage_refused() {
    let (t, admin) = common::ready_db().await;
    let (round, people, verifier) = at_written_test(&t.db, &admin, 4).await;
    let chair = as_role(&admin, Role::Pimpinan);
    // Written: 90, 80, 70 pass (3 × quota 1), 60 does not.
    let mut csv = String::from("nomor_pendaftaran,nilai\n");
    for (p, m) in people.iter().zip(["90", "80", "70", "60"]) {
        csv.push_str(&format!("{},{m}\n", p.1));
    }
    let r = import_marks(
        &t.db,
        &verifier,
        round,
        Stage::Tertulis,
        csv.as_bytes(),
        now(),
    )
    .await
    .unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    close(&t.db, &chair, round, Stage::Tertulis, now())
        .await
        .unwrap();
    open(&t.db, &chair, round, Stage::Wawancara, now())
        .await
        .unwrap();

    let recap = |with_fourth: bool| {
        let mut table = ods_row(&["REKAP NILAI WAWANCARA"]);
        table.push_str(&ods_row(&[
            "No. Pendaftaran",
            "Nama",
            "Nilai Wawancara",
            "Kehadiran",
        ]));
        table.push_str(&ods_row(&[&people[0].1, "Calon 01", "85,5", "Hadir"]));
        table.push_str(&ods_row(&[&people[1].1, "Calon 02", "f:80", "hadir"]));
        table.push_str(&ods_row(&[&people[2].1, "Calon 03", "", "Tidak Hadir"]));
        if with_fourth {
            table.push_str(&ods_row(&[&people[3].1, "Calon 04", "f:75", "Hadir"]));
        }
        ods(&table)
    };
    let p = preview(&t, &verifier, round, Stage::Wawancara, &recap(true)).await;
    assert_eq!(p.format, adhoc::docs::spreadsheet::SheetFormat::Ods);
    assert_eq!(
        (
            p.mapping.header_row,
            p.mapping.id_column,
            p.mapping.mark_column,
            p.mapping.attendance_column
        ),
        (2, Some(0), Some(2), Some(3))
    );
    assert_eq!(p.problems.listed.len(), 1, "{:?}", p.problems);
    let problem = &p.problems.listed[0];
    assert_eq!(problem.line, 6);
    assert!(
        problem.reason.contains("tidak mengikuti wawancara"),
        "{problem:?}"
    );
    let r = import(&t, &verifier, round, Stage::Wawancara, &recap(true)).await;
    assert_eq!(r.stored, 0);

    let r = import(&t, &verifier, round, Stage::Wawancara, &recap(false)).await;
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!((r.stored, r.absent), (3, 1));
    assert_eq!(
        marks(&t, &verifier, round, Stage::Wawancara).await,
        vec!["85,50", "80,00", "absen"]
    );

    // The written test is closed: its marks are frozen.
    let file = cat_export(&people, &[99.0]);
    for e in [
        score_sheets::preview(
            &t.db,
            &verifier,
            round,
            Stage::Tertulis,
            &file,
            &Default::default(),
        )
        .await
        .unwrap_err(),
        score_sheets::import(
            &t.db,
            &verifier,
            round,
            Stage::Tertulis,
            &file,
            &Default::default(),
            now(),
        )
        .await
        .unwrap_err(),
    ] {
        assert!(e.to_string().contains("sudah ditutup"), "{e}");
    }
    // An operator does not enter scores.
    let desk = as_role(&admin, Role::Operator);
    let e = score_sheets::preview(
        &t.db,
        &desk,
        round,
        Stage::Wawancara,
        &recap(false),
        &Default::default(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "forbidden");
}

#[tokio::test]
async fn a_mapping_chosen_by_staff_overrides_the_proposal() {
    use C::*;
    let (t, admin) = common::ready_db().await;
    let (round, people, verifier) = at_written_test(&t.db, &admin, 2).await;
    let n = |i: usize| T(people[i].1.clone());
    let file = xlsx(
        "Lembar1",
        &[
            vec![S("Kode"), S("Nilai TWK"), S("Nilai Akhir")],
            vec![n(0), N(30.0), N(77.0)],
            vec![n(1), N(25.0), N(66.0)],
        ],
    );
    let p = preview(&t, &verifier, round, Stage::Tertulis, &file).await;
    // "Kode" names nothing, but its cells are registration numbers.
    assert_eq!(
        (p.mapping.id_column, p.mapping.mark_column),
        (Some(0), Some(2))
    );
    let choice = ScoreSheetChoice {
        sheet: None,
        mapping: Some(ScoreMapping {
            mark_column: Some(1),
            ..p.mapping
        }),
        header_row: None,
    };
    let p = score_sheets::preview(&t.db, &verifier, round, Stage::Tertulis, &file, &choice)
        .await
        .unwrap();
    assert_eq!(p.rows[0].mark, "30,00");
    let twice = ScoreSheetChoice {
        mapping: Some(ScoreMapping {
            mark_column: Some(0),
            ..p.mapping
        }),
        ..choice.clone()
    };
    let p = score_sheets::preview(&t.db, &verifier, round, Stage::Tertulis, &file, &twice)
        .await
        .unwrap();
    assert!(!p.ready);
    assert!(
        p.notes[0].contains("satu kolom untuk satu isian"),
        "{:?}",
        p.notes
    );
    let e = score_sheets::import(
        &t.db,
        &verifier,
        round,
        Stage::Tertulis,
        &file,
        &twice,
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "validation");
    let r = score_sheets::import(
        &t.db,
        &verifier,
        round,
        Stage::Tertulis,
        &file,
        &choice,
        now(),
    )
    .await
    .unwrap();
    assert_eq!(r.stored, 2);
    assert_eq!(
        marks(&t, &verifier, round, Stage::Tertulis).await,
        vec!["30,00", "25,00"]
    );
}
