//! A paper written test marked in the app: keys per version, settings,
//! answer sheets imported (CSV, xlsx) all or nothing with problems by row
//! and column, marks previewed and analysed, stored as written-test marks,
//! re-marked after a key fix, frozen once the stage closes; and the same
//! through `adhoc lembar-jawaban`.

use crate::common::cli::{stderr, CliDb};
use crate::common::{self, as_role, now};
use crate::score_sheets::at_written_test;
use crate::spreadsheets::{xlsx, C};
use adhoc::domain::account::Role;
use adhoc::domain::answer_key::{MarkingSettings, Scale};
use adhoc::domain::round::Stage;
use adhoc::service::auth::Session;
use adhoc::service::stages::close;
use adhoc::service::{answer_keys, answer_sheets, marking};
use adhoc::store::Db;

async fn written(db: &Db, id: i64) -> Option<i64> {
    sqlx::query_scalar("SELECT written FROM scores WHERE applicant_id = ?")
        .bind(id)
        .fetch_optional(db.pool())
        .await
        .unwrap()
        .flatten()
}

/// Keys A and B of ten questions (question 9 annulled), 4 points per
/// correct answer and 1 off per wrong one.
async fn keys_and_settings(db: &Db, who: &Session, round: i64) {
    answer_keys::save_key(db, who, round, "a", "ABCDE ABC*E", now())
        .await
        .unwrap();
    answer_keys::save_key(db, who, round, "B", "EDCBA EDC*A", now())
        .await
        .unwrap();
    let s = MarkingSettings {
        points_correct: 4,
        penalty_wrong: 1,
        scale: Scale::Seratus,
    };
    answer_keys::save_settings(db, who, round, s, now())
        .await
        .unwrap();
}

#[tokio::test]
async fn marks_match_a_hand_computation_and_are_stored_as_written_marks() {
    let (t, admin) = common::ready_db().await;
    let (round, people, clerk) = at_written_test(&t.db, &admin, 3).await;
    let desk = as_role(&admin, Role::Operator);
    assert!(
        answer_keys::save_key(&t.db, &desk, round, "A", "ABC", now())
            .await
            .is_err()
    );
    keys_and_settings(&t.db, &clerk, round).await;
    let n = |i: usize| people[i].1.as_str();

    // A file with a problem in every row stores nothing.
    let bad = format!(
        "nomor_pendaftaran,versi,jawaban\n\
         PPK-3514-9999,A,ABCDEABCAE\n\
         {},C,ABCDEABCAE\n\
         {},A,ABCDE\n\
         {},B,EDCBAEDXAA\n\
         {},A,ABCDEABCAE\n",
        n(0),
        n(1),
        n(2),
        n(1)
    );
    let r = answer_sheets::import(&t.db, &clerk, round, bad.as_bytes(), now())
        .await
        .unwrap();
    assert_eq!(r.stored, 0);
    let problems: Vec<(u64, &str, &str)> = r
        .problems
        .listed
        .iter()
        .map(|p| (p.line, p.column.as_str(), p.reason.as_str()))
        .collect();
    assert_eq!(problems.len(), 5, "{problems:?}");
    assert!(problems[0].2.contains("tidak ada pada seleksi ini"));
    assert_eq!((problems[1].0, problems[1].1), (3, "versi"));
    assert!(problems[1].2.contains("\"C\" belum punya kunci"));
    assert!(problems[2].2.contains("berisi 5 soal"), "{problems:?}");
    assert_eq!((problems[3].1, problems[3].0), ("jawaban", 5));
    assert!(problems[3].2.contains("soal 8 \"X\""));
    assert!(problems[4].2.contains("sudah ada di baris 4"));
    let test = answer_keys::paper_test(&t.db, &clerk, round).await.unwrap();
    assert_eq!(test.sheets, 0);

    // By hand, key A = A B C D E A B C * E, 4 points right, −1 wrong:
    // n(0) writes A B D - E * C C - -: right 1, 2, 5, 8 (4) and the
    //   annulled 9 (1): 5 × 4 = 20; wrong 3, 6 (double), 7: −3; blanks 4,
    //   10: 0. 17 of 40 → 42,50.
    // n(1) answers every question of A right (9 blank, annulled): 40 →
    //   100,00.
    // n(2) on key B = E D C B A E D C * A writes E D C B A A A A A A:
    //   right 1–5 and 10 (6) and the annulled 9 (1): 7 × 4 = 28; wrong 6,
    //   7, 8: −3. 25 of 40 → 62,50.
    let good = format!(
        "nomor_pendaftaran,versi,jawaban\n{},a,abd-e*cc--\n{},A,ABCDEABC-E\n{},B,EDCBAAAAAA\n",
        n(0),
        n(1),
        n(2)
    );
    let r = answer_sheets::import(&t.db, &clerk, round, good.as_bytes(), now())
        .await
        .unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.stored, 3);

    let p = marking::preview(&t.db, &clerk, round).await.unwrap();
    let marks: Vec<(&str, u32, u32, u32, &str)> = p
        .rows
        .iter()
        .map(|r| {
            (
                r.version.as_str(),
                r.correct,
                r.wrong,
                r.blank,
                r.mark.as_str(),
            )
        })
        .collect();
    assert_eq!(
        marks,
        [
            ("A", 5, 3, 2, "42,50"),
            ("A", 10, 0, 0, "100,00"),
            ("B", 7, 3, 0, "62,50")
        ]
    );
    assert_eq!(
        written(&t.db, people[0].0).await,
        None,
        "a preview stores nothing"
    );
    // Question 3 of A: one of two right (50%); of B, question 6: none of
    // one (flagged), most chose A.
    let q = |v: &str, n: u32| {
        p.analysis
            .iter()
            .find(|q| q.version == v && q.question == n)
            .unwrap()
    };
    assert_eq!(
        (q("A", 3).share.as_str(), q("A", 3).check),
        ("50,00%", false)
    );
    assert_eq!(
        (
            q("B", 6).share.as_str(),
            q("B", 6).most_chosen.as_str(),
            q("B", 6).check
        ),
        ("0,00%", "A", true)
    );
    assert_eq!(p.flagged, 3, "B 6, 7 and 8");

    let stored = marking::store_marks(&t.db, &clerk, round, now())
        .await
        .unwrap();
    assert_eq!((stored.stored, stored.replaced), (3, 0));
    assert_eq!(written(&t.db, people[0].0).await, Some(4250));
    assert_eq!(written(&t.db, people[1].0).await, Some(10_000));
    assert_eq!(written(&t.db, people[2].0).await, Some(6250));

    // Key A fixed (question 3 is D): marked again, the marks replaced.
    // n(0): right 1, 2, 3, 5, 8 + 9 = 6 × 4 − 2 wrong = 22 → 55,00.
    // n(1): question 3 now wrong: 9 × 4 − 1 = 35 → 87,50.
    answer_keys::save_key(&t.db, &clerk, round, "A", "ABDDEABC*E", now())
        .await
        .unwrap();
    let again = marking::store_marks(&t.db, &clerk, round, now())
        .await
        .unwrap();
    assert_eq!(again.replaced, 2);
    assert_eq!(written(&t.db, people[0].0).await, Some(5500));
    assert_eq!(written(&t.db, people[1].0).await, Some(8750));

    // Once the written test is closed, keys and marks are frozen.
    let chair = as_role(&admin, Role::Pimpinan);
    close(&t.db, &chair, round, Stage::Tertulis, now())
        .await
        .unwrap();
    let e = answer_keys::save_key(&t.db, &clerk, round, "A", "ABCDEABC*E", now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("sudah ditutup"), "{e}");
    assert!(marking::store_marks(&t.db, &clerk, round, now())
        .await
        .is_err());
    let audit: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE action IN ('answer_key.save', 'answer_key.settings', 'answer_sheet.import', 'answer_sheet.mark')",
    )
    .fetch_one(t.db.pool())
    .await
    .unwrap();
    assert_eq!(audit, 7);
}

#[tokio::test]
async fn a_spreadsheet_with_a_column_per_question_is_read_and_named_by_column() {
    use C::*;
    let (t, admin) = common::ready_db().await;
    let (round, people, clerk) = at_written_test(&t.db, &admin, 2).await;
    answer_keys::save_key(&t.db, &clerk, round, "A", "ABC", now())
        .await
        .unwrap();
    let rows = |third: C| {
        vec![
            vec![S("LEMBAR JAWABAN TES TERTULIS")],
            vec![
                S("NO PESERTA"),
                S("NAMA"),
                S("VERSI"),
                S("S1"),
                S("S2"),
                S("S3"),
            ],
            vec![
                T(people[0].1.clone()),
                S("Calon 01"),
                S("A"),
                S("A"),
                S("B"),
                S("C"),
            ],
            vec![
                T(people[1].1.clone()),
                S("Calon 02"),
                S("A"),
                S("A"),
                S("D"),
                third,
            ],
        ]
    };
    let bad = xlsx("Jawaban", &rows(S("F")));
    let r = answer_sheets::import(&t.db, &clerk, round, &bad, now())
        .await
        .unwrap();
    let p = &r.problems.listed[0];
    assert_eq!((p.line, p.column.as_str()), (4, "S3 (kolom F)"));
    let good = xlsx("Jawaban", &rows(S("")));
    let r = answer_sheets::import(&t.db, &clerk, round, &good, now())
        .await
        .unwrap();
    assert_eq!(r.stored, 2, "{:?}", r.problems);
    let p = marking::preview(&t.db, &clerk, round).await.unwrap();
    // 1 point each, no penalty: 3 of 3 → 100; 1 of 3 → 33,33.
    let marks: Vec<&str> = p.rows.iter().map(|r| r.mark.as_str()).collect();
    assert_eq!(marks, ["100,00", "33,33"]);
}

#[tokio::test]
async fn the_cli_keys_imports_analyses_and_stores_marks() {
    let t = CliDb::init();
    let db = Db::open(
        std::path::Path::new(t.db()),
        adhoc::store::OpenMode::MustExist,
    )
    .await
    .unwrap();
    let (_, people, _) = at_written_test(&db, &Session::cli(), 2).await;
    db.close().await;
    let r = ["--round", "1"];
    let run = |args: &[&str]| t.ok(&[&["lembar-jawaban"], args, &r].concat());
    run(&["kunci", "--versi", "A", "--kunci", "ABCD*"]);
    run(&["pengaturan", "--benar", "2", "--salah", "1"]);
    assert_eq!(run(&["kunci"]), "versi,soal,dianulir,kunci\nA,5,1,ABCD*\n");
    let file = t.write(
        "jawaban.csv",
        &format!(
            "nomor_pendaftaran;versi;jawaban\n{};A;ABCDA\n{};A;DDDD-\n",
            people[0].1, people[1].1
        ),
    );
    run(&["impor", &file]);
    let analysis = run(&["analisis"]);
    assert!(analysis.contains("A,1,A,1,2,\"50,00%\",A,\n"), "{analysis}");
    // Second sheet: right 4 and the annulled 5: 2 × 2 − 3 wrong = 1 of 10.
    let preview = run(&["nilai", "--periksa"]);
    assert!(preview.contains("A,2,3,0,1/10,\"10,00\","), "{preview}");
    let o = t.run(&[&["lembar-jawaban", "nilai"], &r[..]].concat());
    assert!(
        stderr(&o).contains("2 nilai tes tertulis disimpan"),
        "{}",
        stderr(&o)
    );
    let results = t.ok(&["results", "--round", "1", "--stage", "tertulis"]);
    assert!(
        results.contains("100,00") && results.contains("10,00"),
        "{results}"
    );
    let refused = t.refused(&[
        "lembar-jawaban",
        "kunci",
        "--round",
        "1",
        "--versi",
        "A",
        "--kunci",
        "ABF",
    ]);
    assert!(refused.contains("soal 3 \"F\""), "{refused}");
}

#[tokio::test]
async fn answer_sheets_name_participants_by_their_participant_number() {
    let (t, admin) = common::ready_db().await;
    let (round, people, clerk) = at_written_test(&t.db, &admin, 2).await;
    keys_and_settings(&t.db, &clerk, round).await;
    // Opening the written test gave each MS applicant a participant number.
    let numbers: Vec<(String, i64)> = sqlx::query_as(
        "SELECT number, applicant_id FROM participant_numbers WHERE round_id = ? ORDER BY seq",
    )
    .bind(round)
    .fetch_all(t.db.pool())
    .await
    .unwrap();
    assert_eq!(numbers.len(), 2, "{numbers:?}");
    assert_ne!(
        numbers[0].0, people[0].1,
        "a participant number is not a registration number"
    );
    let sheet = format!(
        "nomor_peserta,versi,jawaban\n{},A,ABCDEABC-E\n{},A,ABCDEABC-A\n",
        numbers[0].0.to_lowercase(),
        numbers[1].0
    );
    let r = answer_sheets::import(&t.db, &clerk, round, sheet.as_bytes(), now())
        .await
        .unwrap();
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    assert_eq!(r.stored, 2);
    let p = marking::preview(&t.db, &clerk, round).await.unwrap();
    let marks: Vec<&str> = p.rows.iter().map(|r| r.mark.as_str()).collect();
    // 10 right of 10 (the annulled 9 counts) → 100; one wrong → 35 of 40.
    assert_eq!(marks, ["100,00", "87,50"], "{:?}", p.rows);
    let unknown = "nomor_peserta,versi,jawaban\nPPK-3514-T9999,A,ABCDEABC-E\n";
    let r = answer_sheets::import(&t.db, &clerk, round, unknown.as_bytes(), now())
        .await
        .unwrap();
    assert!(
        r.problems.listed[0]
            .reason
            .contains("Nomor peserta atau nomor pendaftaran"),
        "{:?}",
        r.problems
    );
}
