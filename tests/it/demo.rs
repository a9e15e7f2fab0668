//! The demo database: realistic, reproducible, clearly fake.

use crate::common;

use adhoc::domain::verification::AdminVerdict;
use adhoc::service::demo::{build_demo, DEMO_PASSWORD};
use adhoc::service::{auth, home, quota, scores};
use adhoc::store::{Db, OpenMode};
use common::now;

async fn fingerprint(path: &std::path::Path) -> Vec<(String, String, String, String, String)> {
    let db = Db::open(path, OpenMode::MustExist).await.unwrap();
    let rows = sqlx::query_as(
        "SELECT reg_number, nik, full_name, birth_date, unit_code FROM applicants ORDER BY round_id, reg_seq",
    )
    .fetch_all(db.pool())
    .await
    .unwrap();
    db.close().await;
    rows
}

/// The default demo, opened by its chair, with the home view of every
/// round (the folder is kept while the database is in use).
async fn demo_as_chair() -> (tempfile::TempDir, Db, auth::Session, home::HomeView) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    build_demo(&path, 2024, now()).await.unwrap();
    let db = Db::open(&path, OpenMode::MustExist).await.unwrap();
    let chair = auth::login(&db, "pimpinan", DEMO_PASSWORD, now())
        .await
        .unwrap();
    let h = home::home(&db, None).await.unwrap();
    (dir, db, chair, h)
}

#[tokio::test]
async fn the_same_seed_builds_the_same_database() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        dir.path().join("a.db"),
        dir.path().join("b.db"),
        dir.path().join("c.db"),
    );
    build_demo(&a, 7, now()).await.unwrap();
    build_demo(&b, 7, now()).await.unwrap();
    build_demo(&c, 8, now()).await.unwrap();
    let fa = fingerprint(&a).await;
    assert!(!fa.is_empty());
    assert_eq!(fa, fingerprint(&b).await);
    assert_ne!(fa, fingerprint(&c).await);
}

#[tokio::test]
async fn the_demo_is_realistic_and_clearly_fake() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let report = build_demo(&path, 2024, now()).await.unwrap();
    assert_eq!(report.rounds.len(), 3);
    let db = Db::open(&path, OpenMode::MustExist).await.unwrap();

    let h = home::home(&db, Some("Pemilu 2024")).await.unwrap();
    assert_eq!(h.kabupaten.code, "35.14");
    let ppk = h.totals.applicants_ppk.unwrap();
    let pps = h.totals.applicants_pps.unwrap();
    assert!(
        (300..1000).contains(&ppk),
        "a few hundred PPK applicants, got {ppk}"
    );
    assert!(
        (1500..4000).contains(&pps),
        "a few thousand PPS applicants, got {pps}"
    );
    // Uneven spread: some kecamatan below 2x the PPK quota, some well above.
    assert!(h
        .kecamatan
        .iter()
        .any(|k| k.applicants_ppk.unwrap() < 2 * k.quota_ppk));
    assert!(h
        .kecamatan
        .iter()
        .any(|k| k.applicants_ppk.unwrap() > 4 * k.quota_ppk));

    let (women, total): (i64, i64) =
        sqlx::query_as("SELECT COUNT(CASE WHEN sex = 'P' THEN 1 END), COUNT(*) FROM applicants")
            .fetch_one(db.pool())
            .await
            .unwrap();
    let share = women as f64 / total as f64;
    assert!(
        (0.30..0.40).contains(&share),
        "about 35% women, got {share:.2}"
    );

    // Fake contact data only; NIKs are 16 digits, women's birth day + 40.
    let real_looking: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM applicants WHERE phone NOT LIKE '0800-0000-%'
            OR (email IS NOT NULL AND email NOT LIKE '%@contoh.invalid')",
    )
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert_eq!(real_looking, 0);
    let bad_nik: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM applicants WHERE length(nik) <> 16
            OR (sex = 'P' AND CAST(substr(nik, 7, 2) AS INTEGER) < 41)
            OR (sex = 'L' AND CAST(substr(nik, 7, 2) AS INTEGER) > 31)",
    )
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert_eq!(bad_nik, 0);

    // Every demo NIK is valid; it agrees with the recorded sex and birth
    // date except for a few left with a stored, unacknowledged warning.
    let people: Vec<(String, String, chrono::NaiveDate, Option<String>)> =
        sqlx::query_as("SELECT nik, sex, birth_date, nik_warnings FROM applicants")
            .fetch_all(db.pool())
            .await
            .unwrap();
    let mut warned = 0;
    for (nik, sex, birth, stored) in people {
        let parsed = adhoc::domain::nik::Nik::parse(&nik).unwrap_or_else(|e| panic!("{nik}: {e}"));
        let sex = adhoc::domain::applicant::Sex::parse(&sex).unwrap();
        let warnings = parsed.warnings(sex, birth, now().date_naive());
        assert_eq!(warnings.is_empty(), stored.is_none(), "{nik}");
        warned += usize::from(stored.is_some());
    }
    assert!(
        (3..40).contains(&warned),
        "a few NIK warnings, got {warned}"
    );

    // A few applicants are in the party list; most handed in every document.
    let hits = adhoc::service::parties::hits(&db, &adhoc::service::auth::Session::cli())
        .await
        .unwrap();
    assert!(
        (2..30).contains(&hits.len()),
        "a few party-list hits, got {}",
        hits.len()
    );
    let (complete, with_docs): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(CASE WHEN n = 6 THEN 1 END), COUNT(*) FROM
            (SELECT COUNT(*) AS n FROM document_receipts GROUP BY applicant_id)",
    )
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert_eq!(with_docs, total);
    assert!((0.8..0.97).contains(&(complete as f64 / total as f64)));

    // The PPK files are checked: both MS and TMS, every TMS with a reason.
    let ppk_round = h
        .rounds
        .iter()
        .find(|r| r.body == adhoc::domain::round::Body::Ppk && r.election == "Pemilu 2024")
        .unwrap();
    let rows = adhoc::service::verification::results(
        &db,
        &adhoc::service::auth::Session::cli(),
        ppk_round.id,
        now(),
    )
    .await
    .unwrap();
    let ms = rows
        .iter()
        .filter(|r| r.result == Some(AdminVerdict::MS))
        .count();
    let tms: Vec<_> = rows
        .iter()
        .filter(|r| r.result == Some(AdminVerdict::TMS))
        .collect();
    assert!(ms > rows.len() / 2, "mostly MS: {ms} of {}", rows.len());
    assert!(tms.len() > 20, "some TMS: {}", tms.len());
    assert!(tms.iter().all(|r| !r.reasons.is_empty()));
    assert!(
        rows.iter().all(|r| r.result.is_some()),
        "every PPK file decided"
    );

    for user in ["admin", "operator", "verifikator", "pimpinan"] {
        auth::login(&db, user, DEMO_PASSWORD, now()).await.unwrap();
    }
    db.close().await;

    // Never overwrites an existing file.
    let err = build_demo(&path, 2024, now()).await.unwrap_err();
    assert_eq!(err.field(), Some("db"));
}

#[tokio::test]
async fn the_demo_ppk_round_has_its_final_results() {
    use adhoc::domain::round::Stage;
    use adhoc::service::selection;
    let (_dir, db, chair, h) = demo_as_chair().await;
    let ppk = h
        .rounds
        .iter()
        .find(|r| r.body.as_str() == "PPK" && r.election == "Pemilu 2024")
        .unwrap();
    assert_eq!(ppk.current_stage, Stage::MasaKerja);
    let board = quota::quota(&db, &chair, ppk.id, now()).await.unwrap();
    // Every kecamatan has its Terpilih, up to the quota, and no tie is left open.
    for u in &board.units {
        assert!(u.terpilih <= u.quota, "{u:?}");
        assert!(u.terpilih > 0, "{u:?}");
        assert!(!u.flags.contains(&quota::QuotaFlag::SeriBelumDiputuskan));
    }
    assert!(
        board.total.terpilih >= board.total.quota - 10,
        "{:?}",
        board.total
    );
    assert!(board.total.cadangan > 0);
    // Absent applicants exist in both tests and are out.
    let finals = selection::results(&db, &chair, ppk.id, Stage::Akhir, None, now())
        .await
        .unwrap();
    assert!(finals
        .iter()
        .any(|r| r.status == adhoc::domain::ranking::Status::TidakHadir));
    // One member was replaced by the unit's first reserve.
    let units = adhoc::service::paw::members(&db, &chair, ppk.id, None, now())
        .await
        .unwrap();
    let replaced: Vec<_> = units.iter().filter(|u| !u.history.is_empty()).collect();
    assert_eq!(replaced.len(), 1);
    let event = &replaced[0].history[0];
    let replacement = event.replacement.as_ref().unwrap();
    assert!(replaced[0]
        .members
        .iter()
        .any(|m| m.applicant_id == replacement.applicant_id));
    assert!(!replaced[0]
        .members
        .iter()
        .any(|m| m.applicant_id == event.member.applicant_id));

    // The PPS round stands at the written test, open, about half marked.
    let pps = h.rounds.iter().find(|r| r.body.as_str() == "PPS").unwrap();
    assert_eq!((pps.current_stage, pps.stage_open), (Stage::Tertulis, true));
    let sheet = scores::score_sheet(&db, &chair, pps.id, Stage::Tertulis, None)
        .await
        .unwrap();
    assert!(sheet.rows.len() > 1000, "{}", sheet.rows.len());
    assert_eq!(sheet.entered, sheet.rows.len() as u32 / 2);
    db.close().await;
}

/// The Pilkada PPK round keeps Pemilu members after their end-of-term
/// evaluation, and Wonorejo, short after two extensions, is filled by
/// appointment.
#[tokio::test]
async fn the_demo_pilkada_round_keeps_members_and_appoints_in_wonorejo() {
    use adhoc::domain::seat_holder::HolderSource;
    let (_dir, db, chair, h) = demo_as_chair().await;
    let pilkada = h
        .rounds
        .iter()
        .find(|r| r.election.starts_with("Pilkada"))
        .unwrap();
    let holders = adhoc::service::appointment::seat_holders(&db, &chair, pilkada.id)
        .await
        .unwrap();
    let kept = holders
        .iter()
        .filter(|x| x.source == HolderSource::Dilanjutkan)
        .count();
    // Some Pemilu members kept, not all (the better evaluated).
    assert!((24..110).contains(&kept), "kept {kept}");
    let wonorejo: Vec<_> = holders
        .iter()
        .filter(|x| x.unit_code == "35.14.07")
        .collect();
    assert_eq!(
        wonorejo
            .iter()
            .filter(|x| x.source == HolderSource::Dilanjutkan)
            .count(),
        2
    );
    assert_eq!(
        wonorejo
            .iter()
            .filter(|x| x.source == HolderSource::Penunjukan)
            .count(),
        2
    );
    // The quota counts the held seats: Wonorejo's one applicant and four
    // holders make its five.
    let board = quota::quota(&db, &chair, pilkada.id, now()).await.unwrap();
    let w = board
        .units
        .iter()
        .find(|u| u.unit_code == "35.14.07")
        .unwrap();
    assert_eq!((w.held, w.registered), (4, 1));
    let situations = adhoc::service::appointment::unit_situations(&db, &chair, pilkada.id, now())
        .await
        .unwrap();
    let s = situations
        .iter()
        .find(|u| u.unit_code == "35.14.07")
        .unwrap();
    assert_eq!((s.extensions, s.appointable), (2, 0), "{s:?}");
    db.close().await;
}
