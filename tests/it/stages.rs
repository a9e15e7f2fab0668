//! Closing a stage freezes its results; reopening needs an Administrator.

use crate::common;

use adhoc::domain::account::Role;
use adhoc::domain::round::{Body, Preset, Stage};
use adhoc::domain::verification::{AdminVerdict, DocVerdict};
use adhoc::service::registration::{register, update};
use adhoc::service::rounds::create_from_preset;
use adhoc::service::stages::{close, reopen};
use adhoc::service::verification::{record, set_override};
use common::{as_role, go_on_without_extensions, now, ppk_draft, ready_db};

async fn stage_of(db: &adhoc::store::Db, round: i64) -> String {
    sqlx::query_scalar("SELECT current_stage FROM rounds WHERE id = ?")
        .bind(round)
        .fetch_one(db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn the_administrative_stage_closes_when_every_file_is_decided_and_then_is_frozen() {
    let (t, admin) = ready_db().await;
    let desk = as_role(&admin, Role::Operator);
    let verifier = as_role(&admin, Role::Verifikator);
    let chair = as_role(&admin, Role::Pimpinan);
    let round = create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Ppk, None, now())
        .await
        .unwrap()
        .id;
    let id = register(
        &t.db,
        &desk,
        round,
        &ppk_draft("3514011208900001", "Budi Santoso"),
        now(),
    )
    .await
    .unwrap()
    .saved
    .unwrap()
    .id;

    // Only the stage in progress closes, and only by the Pimpinan.
    let e = close(&t.db, &chair, round, Stage::Administrasi, now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("tahap pendaftaran"), "{e}");
    let e = close(&t.db, &verifier, round, Stage::Pendaftaran, now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "forbidden");
    close(&t.db, &chair, round, Stage::Pendaftaran, now())
        .await
        .unwrap();
    assert_eq!(stage_of(&t.db, round).await, "administrasi");
    go_on_without_extensions(&t.db, &admin, round).await;

    // An undecided file keeps the administrative stage open.
    let e = close(&t.db, &chair, round, Stage::Administrasi, now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("1 pendaftar belum"), "{e}");
    record(&t.db, &verifier, id, "ktp", DocVerdict::TidakAda, "", now())
        .await
        .unwrap();
    let closed = close(&t.db, &chair, round, Stage::Administrasi, now())
        .await
        .unwrap();
    assert_eq!((closed.current, closed.applicants), (Stage::Tertulis, 1));
    let snapshot: String = sqlx::query_scalar(
        "SELECT snapshot FROM stage_events WHERE action = 'close' AND stage = 'administrasi'",
    )
    .fetch_one(t.db.pool())
    .await
    .unwrap();
    assert!(
        snapshot.contains("Fotokopi KTP-el tidak ada."),
        "{snapshot}"
    );

    // Frozen: no verdict, override or edit is accepted.
    let frozen = [
        record(&t.db, &verifier, id, "ktp", DocVerdict::Sesuai, "", now())
            .await
            .unwrap_err(),
        set_override(
            &t.db,
            &verifier,
            id,
            Some(AdminVerdict::MS),
            "Pleno memutuskan MS",
            now(),
        )
        .await
        .unwrap_err(),
        update(
            &t.db,
            &desk,
            id,
            &ppk_draft("3514011208900001", "Budi Santoso"),
            now(),
        )
        .await
        .unwrap_err(),
    ];
    for e in frozen {
        assert!(e.to_string().contains("sudah ditutup"), "{e}");
        // Not bad input: the UI can tell a frozen stage from a wrong field.
        assert_eq!((e.code(), e.field()), ("stage", None), "{e}");
    }

    // Reopening needs an Administrator and a reason, and is audited.
    let e = reopen(
        &t.db,
        &chair,
        round,
        Stage::Administrasi,
        "Salah input berkas KTP",
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "forbidden");
    let e = reopen(&t.db, &admin, round, Stage::Administrasi, "salah", now())
        .await
        .unwrap_err();
    assert_eq!(e.field(), Some("alasan"));
    reopen(
        &t.db,
        &admin,
        round,
        Stage::Administrasi,
        "KTP ternyata terlampir di map lain",
        now(),
    )
    .await
    .unwrap();
    assert_eq!(stage_of(&t.db, round).await, "administrasi");
    record(&t.db, &verifier, id, "ktp", DocVerdict::Sesuai, "", now())
        .await
        .unwrap();
    let actions: Vec<String> =
        sqlx::query_scalar("SELECT action FROM audit_log WHERE action LIKE 'stage.%' ORDER BY id")
            .fetch_all(t.db.pool())
            .await
            .unwrap();
    assert_eq!(actions, ["stage.close", "stage.close", "stage.reopen"]);
}

/// A Verifikator changes a verdict while the Pimpinan closes the stage, at
/// many different moments: the change is either in the frozen results or
/// refused, never stored and left out of them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_verdict_written_during_the_close_is_frozen_or_refused() {
    let mut outcomes = std::collections::BTreeSet::new();
    for i in 0..24u64 {
        let (t, admin) = ready_db().await;
        let chair = as_role(&admin, Role::Pimpinan);
        let verifier = as_role(&admin, Role::Verifikator);
        let (round, people) = common::small_ppk_round(&t.db, &admin, 1, 6).await;
        common::decide_admin(&t.db, &admin, people.iter().map(|p| p.0), AdminVerdict::MS).await;
        close(&t.db, &chair, round, Stage::Pendaftaran, now())
            .await
            .unwrap();
        go_on_without_extensions(&t.db, &admin, round).await;
        let target = people[0].0;
        // The write starts a little before, with, or after the close.
        let (write_delay, close_delay) = if i % 2 == 0 { (i, 0) } else { (0, i) };
        let (db_w, db_c) = (t.db.clone(), t.db.clone());
        let write = tokio::spawn(async move {
            tokio::time::sleep(std::time::Duration::from_millis(write_delay)).await;
            set_override(
                &db_w,
                &verifier,
                target,
                Some(AdminVerdict::TMS),
                "Ijazah palsu, ditemukan saat rapat",
                now(),
            )
            .await
        });
        let closing = tokio::spawn(async move {
            tokio::time::sleep(std::time::Duration::from_millis(close_delay)).await;
            close(&db_c, &chair, round, Stage::Administrasi, now()).await
        });
        let (written, closed) = (write.await.unwrap(), closing.await.unwrap());
        let frozen: Option<String> =
            sqlx::query_scalar("SELECT admin_result FROM applicants WHERE id = ?")
                .bind(target)
                .fetch_one(t.db.pool())
                .await
                .unwrap();
        let stored: Option<String> =
            sqlx::query_scalar("SELECT override FROM admin_decisions WHERE applicant_id = ?")
                .bind(target)
                .fetch_optional(t.db.pool())
                .await
                .unwrap()
                .flatten();
        match (&written, &closed) {
            (Ok(()), Ok(_)) => {
                assert_eq!(stored.as_deref(), Some("TMS"), "run {i}");
                assert_eq!(
                    frozen.as_deref(),
                    Some("TMS"),
                    "run {i}: stored but not frozen"
                );
            }
            (Err(e), Ok(_)) => {
                // Refused: by the frozen stage, or because the close held the
                // write lock when the verdict's transaction wanted it.
                assert!(
                    e.to_string().contains("sudah ditutup") || e.code() == "database_locked",
                    "run {i}: {e}"
                );
                assert_eq!(
                    stored.as_deref(),
                    Some("MS"),
                    "run {i}: a refused verdict was stored"
                );
                assert_eq!(frozen.as_deref(), Some("MS"), "run {i}");
            }
            (_, Err(e)) => {
                assert_eq!(frozen, None, "run {i}: refused close froze results ({e})");
                assert_eq!(stage_of(&t.db, round).await, "administrasi");
            }
        }
        outcomes.insert((written.is_ok(), closed.is_ok()));
    }
    // Both orders happened at least once, so the race was really run.
    assert!(outcomes.len() >= 2, "{outcomes:?}");
}
