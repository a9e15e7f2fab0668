//! The round's evaluation (every application judged at once, from facts
//! read in bulk) must say what each application's own file says when read
//! alone: the two paths share the rules but not the reading.

use crate::common;

use adhoc::domain::round::{Body, Stage};
use adhoc::service::auth::Session;
use adhoc::service::demo::build_demo;
use adhoc::service::rounds::RoundSummary;
use adhoc::service::{home, registration, verification};
use adhoc::store::{Db, OpenMode};
use common::now;

/// The demo database and its PPK round.
async fn demo_ppk() -> (tempfile::TempDir, Db, Session, RoundSummary) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    build_demo(&path, 7, now()).await.unwrap();
    let db = Db::open(&path, OpenMode::MustExist).await.unwrap();
    let h = home::home(&db, None).await.unwrap();
    let ppk = h.rounds.into_iter().find(|r| r.body == Body::Ppk).unwrap();
    (dir, db, Session::cli(), ppk)
}

#[tokio::test]
async fn the_round_evaluation_judges_every_applicant_as_their_own_file_does() {
    let (_dir, db, cli, ppk) = demo_ppk().await;
    // The demo's PPK round is past its administrative check: the screens
    // read that from the round, not from an order of their own.
    assert!(ppk.closed_stages.contains(&Stage::Administrasi));
    assert!(!ppk.closed_stages.contains(&ppk.current_stage));

    // A second application of a NIK in the same election (kept by an old
    // import) must show as a duplicate in the bulk reading too.
    let (first, second): (i64, i64) = sqlx::query_as(
        "SELECT MIN(id), MAX(id) FROM (SELECT id FROM applicants WHERE round_id = ? ORDER BY reg_seq LIMIT 2)",
    )
    .bind(ppk.id)
    .fetch_one(db.pool())
    .await
    .unwrap();
    sqlx::query(
        "UPDATE applicants SET nik = (SELECT nik FROM applicants WHERE id = ?) WHERE id = ?",
    )
    .bind(first)
    .bind(second)
    .execute(db.pool())
    .await
    .unwrap();

    let rows = verification::results(&db, &cli, ppk.id, now())
        .await
        .unwrap();
    assert!(rows.len() > 50, "a real round: {}", rows.len());
    let mut listed = 0;
    for r in &rows {
        let alone = verification::view(&db, &cli, r.id, now()).await.unwrap();
        assert_eq!(r.result, alone.final_verdict, "{}", r.reg_number);
        if alone.override_verdict.is_none() {
            let reasons = match alone.derived.verdict {
                Some(_) => alone.derived.reasons.join("; "),
                None => alone.derived.pending.join("; "),
            };
            assert_eq!(r.reasons, reasons, "{}", r.reg_number);
        }
        listed += usize::from(
            alone
                .applicant
                .check
                .documents
                .iter()
                .any(|d| d.code == "pernyataan_dicatut"),
        );
    }
    assert!(
        listed > 0,
        "the demo has party-listed applicants to compare"
    );

    let dup = registration::detail(&db, &cli, second, now())
        .await
        .unwrap();
    let held = dup
        .check
        .duplicate
        .expect("the NIK is held by the first application");
    assert_eq!(held.id, first);
    let bulk = rows.iter().find(|r| r.id == second).unwrap();
    assert_eq!(
        bulk.result,
        verification::view(&db, &cli, second, now())
            .await
            .unwrap()
            .final_verdict
    );
    db.close().await;
}

#[tokio::test]
async fn a_stored_value_nobody_writes_is_refused_not_misread() {
    let (_dir, db, cli, ppk) = demo_ppk().await;
    // Before: a status other than "mundur" counted as active.
    sqlx::query("UPDATE applicants SET status = 'aktif' WHERE id = (SELECT MIN(id) FROM applicants WHERE round_id = ?)")
        .bind(ppk.id)
        .execute(db.pool())
        .await
        .unwrap();
    assert!(verification::results(&db, &cli, ppk.id, now())
        .await
        .is_err());
    db.close().await;
}
