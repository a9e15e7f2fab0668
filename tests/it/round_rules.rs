//! Settings that differ between offices and elections (issue 18 item 4):
//! until when public responses are taken, the items of the surat
//! pernyataan, and the legal basis the official documents cite.

use crate::common::{
    as_role, decide_admin, go_on_without_extensions, now, ready_db, small_ppk_round_with,
};
use crate::publications::{flat, request, text_of};

use adhoc::domain::account::Role;
use adhoc::domain::publication::PublicationKind;
use adhoc::domain::ranking::Status;
use adhoc::domain::round::{Preset, ResponseWindow, Stage};
use adhoc::domain::verification::AdminVerdict;
use adhoc::service::auth::Session;
use adhoc::service::responses::{self, Outcome, ResponseInput};
use adhoc::service::rounds;
use adhoc::service::scores::record_mark;
use adhoc::service::selection::results;
use adhoc::service::stages::{close, open};
use adhoc::store::Db;

fn response_about(applicant_id: i64) -> ResponseInput {
    ResponseInput {
        applicant_id,
        received_on: "20-11-2026".into(),
        sender: "Warga Desa Purwodadi".into(),
        contact: String::new(),
        content: "Calon ini masih tercatat sebagai pengurus partai di desa kami.".into(),
    }
}

/// Everyone MS, registration and the administrative check closed: the
/// round is at the written test.
async fn to_written_test(db: &Db, admin: &Session, round: i64, people: &[(i64, String)]) {
    let chair = as_role(admin, Role::Pimpinan);
    decide_admin(db, admin, people.iter().map(|p| p.0), AdminVerdict::MS).await;
    close(db, &chair, round, Stage::Pendaftaran, now())
        .await
        .unwrap();
    go_on_without_extensions(db, admin, round).await;
    close(db, &chair, round, Stage::Administrasi, now())
        .await
        .unwrap();
}

/// Opens `stage`, gives everyone a mark (the first registered the best),
/// and closes it.
async fn score_stage(db: &Db, admin: &Session, round: i64, people: &[(i64, String)], stage: Stage) {
    let chair = as_role(admin, Role::Pimpinan);
    let verifier = as_role(admin, Role::Verifikator);
    open(db, &chair, round, stage, now()).await.unwrap();
    for (i, (id, _)) in people.iter().enumerate() {
        let mark = (90 - 5 * i as u32).to_string();
        record_mark(db, &verifier, round, stage, *id, &mark, now())
            .await
            .unwrap();
    }
    close(db, &chair, round, stage, now()).await.unwrap();
}

#[tokio::test]
async fn by_default_responses_stop_at_the_interviews() {
    let (t, admin) = ready_db().await;
    let verifier = as_role(&admin, Role::Verifikator);
    let (round, people) =
        small_ppk_round_with(&t.db, &admin, Preset::Pemilu2024, 2, 6, |_| {}).await;
    let summary = rounds::get_round(&t.db, &admin, round).await.unwrap();
    assert_eq!(summary.settings.responses_until, ResponseWindow::Wawancara);
    to_written_test(&t.db, &admin, round, &people).await;
    // During the written test: still open.
    let at = rounds::get_round(&t.db, &admin, round).await.unwrap();
    assert!(at.responses_open, "{}", at.responses_note);
    responses::record(&t.db, &verifier, &response_about(people[0].0), None, now())
        .await
        .unwrap();
    score_stage(&t.db, &admin, round, &people, Stage::Tertulis).await;
    // At the interviews: closed, and the message names the setting.
    let e = responses::record(&t.db, &verifier, &response_about(people[1].0), None, now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "stage");
    let msg = e.to_string();
    assert!(
        msg.contains("Tanggapan masyarakat diterima sampai"),
        "{msg}"
    );
    assert!(msg.contains("sebelum tes wawancara"), "{msg}");
    let at = rounds::get_round(&t.db, &admin, round).await.unwrap();
    assert!(!at.responses_open);
    assert!(
        at.responses_note.contains("sudah berakhir"),
        "{}",
        at.responses_note
    );
    // What was recorded in time is still decided.
    let listed = responses::list(&t.db, &verifier, round).await.unwrap();
    let chair = as_role(&admin, Role::Pimpinan);
    responses::decide(
        &t.db,
        &chair,
        listed[0].id,
        Outcome::TidakTerbukti,
        "Klarifikasi: tuduhan tidak benar",
        now(),
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn until_the_swearing_in_a_founded_response_still_moves_the_reserve_up() {
    let (t, admin) = ready_db().await;
    let verifier = as_role(&admin, Role::Verifikator);
    let chair = as_role(&admin, Role::Pimpinan);
    let (round, people) = small_ppk_round_with(&t.db, &admin, Preset::Pilkada2024, 2, 6, |s| {
        s.responses_until = ResponseWindow::Pelantikan
    })
    .await;
    to_written_test(&t.db, &admin, round, &people).await;
    score_stage(&t.db, &admin, round, &people, Stage::Tertulis).await;
    // Received during the interviews: accepted with this setting.
    open(&t.db, &chair, round, Stage::Wawancara, now())
        .await
        .unwrap();
    responses::record(&t.db, &verifier, &response_about(people[5].0), None, now())
        .await
        .unwrap();
    for (i, (id, _)) in people.iter().enumerate() {
        let mark = (90 - 5 * i as u32).to_string();
        record_mark(&t.db, &verifier, round, Stage::Wawancara, *id, &mark, now())
            .await
            .unwrap();
    }
    close(&t.db, &chair, round, Stage::Wawancara, now())
        .await
        .unwrap();
    open(&t.db, &chair, round, Stage::Akhir, now())
        .await
        .unwrap();
    close(&t.db, &chair, round, Stage::Akhir, now())
        .await
        .unwrap();

    // At the decision stage, after the final list was announced: a
    // response about the first Terpilih, founded, drops them; the first
    // reserve moves up and nobody outside the list moves in.
    assert_eq!(
        rounds::get_round(&t.db, &admin, round)
            .await
            .unwrap()
            .current_stage,
        Stage::Penetapan
    );
    let r = responses::record(&t.db, &verifier, &response_about(people[0].0), None, now())
        .await
        .unwrap();
    responses::decide(
        &t.db,
        &chair,
        r.id,
        Outcome::Terbukti,
        "Berita Acara pleno 15/2026: terbukti pengurus partai",
        now(),
    )
    .await
    .unwrap();
    let finals = results(&t.db, &chair, round, Stage::Akhir, None, now())
        .await
        .unwrap();
    let status = |i: usize| {
        finals
            .iter()
            .find(|r| r.applicant_id == people[i].0)
            .unwrap()
            .status
    };
    assert_eq!(status(0), Status::Gugur);
    assert_eq!((status(1), status(2)), (Status::Terpilih, Status::Terpilih));
    assert_eq!(status(3), Status::Cadangan);
    assert_eq!(status(4), Status::TidakTerpilih);

    // Once the term has begun: refused whatever the setting (PAW).
    close(&t.db, &chair, round, Stage::Penetapan, now())
        .await
        .unwrap();
    let e = responses::record(&t.db, &verifier, &response_about(people[1].0), None, now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("PAW"), "{e}");

    // The lampiran of the decision cites no legal basis of its own.
    let made = adhoc::service::publications::make(
        &t.db,
        &chair,
        round,
        &request(PublicationKind::LampiranSk, None),
        now(),
    )
    .await
    .unwrap();
    let text = pdf_text(&made.bytes);
    assert!(!text.contains("Dasar:"), "{text}");
}

fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("dokumen.pdf");
    std::fs::write(&pdf, bytes).unwrap();
    flat(&text_of(&pdf))
}

#[tokio::test]
async fn the_statement_items_come_from_the_preset_and_freeze_at_registration() {
    let (t, admin) = ready_db().await;
    let (pilkada, people) =
        small_ppk_round_with(&t.db, &admin, Preset::Pilkada2024, 2, 1, |_| {}).await;
    let (pemilu, _) = small_ppk_round_with(&t.db, &admin, Preset::Pemilu2024, 2, 0, |_| {}).await;
    let items = |r: &rounds::RoundSummary| r.settings.statement_items.clone();
    let pilkada = rounds::get_round(&t.db, &admin, pilkada).await.unwrap();
    let pemilu = rounds::get_round(&t.db, &admin, pemilu).await.unwrap();
    assert!(
        items(&pilkada)
            .iter()
            .any(|i| i.contains("tidak memiliki penyakit penyerta (komorbid)")),
        "{:?}",
        items(&pilkada)
    );
    assert!(!items(&pemilu).iter().any(|i| i.contains("komorbid")));
    assert_eq!(items(&pilkada).len(), items(&pemilu).len());
    // The screens learn from the core whether they may still be changed.
    assert!(pemilu.settings_editable);
    assert!(!pilkada.settings_editable);

    // The help desk and the verification screen list them under the
    // statement, from the round.
    let desk = as_role(&admin, Role::Operator);
    let check = adhoc::service::registration::check(
        &t.db,
        &desk,
        pilkada.id,
        &crate::common::ppk_draft("3514015208900099", "Calon Baru"),
        None,
        now(),
    )
    .await
    .unwrap();
    let statement = |code: &str, contents: &[String]| {
        code == "surat_pernyataan" && contents == items(&pilkada).as_slice()
    };
    assert!(check
        .documents
        .iter()
        .any(|d| statement(&d.code, &d.contents)));
    assert!(check
        .documents
        .iter()
        .all(|d| d.code == "surat_pernyataan" || d.contents.is_empty()));
    let view = adhoc::service::verification::view(&t.db, &admin, people[0].0, now())
        .await
        .unwrap();
    assert!(view
        .documents
        .iter()
        .any(|d| statement(&d.code, &d.contents)));

    // Before anyone registers: edited, tidied, and checked by the core.
    let mut s = pemilu.settings.clone();
    s.statement_items = vec!["  Bersedia   bekerja penuh waktu ".into(), " ".into()];
    let saved = rounds::update_settings(&t.db, &admin, pemilu.id, &s, now())
        .await
        .unwrap();
    assert_eq!(
        saved.settings.statement_items,
        ["Bersedia bekerja penuh waktu"]
    );
    s.statement_items = vec!["Sehat".into(), "Setia\u{7}".into()];
    let e = rounds::update_settings(&t.db, &admin, pemilu.id, &s, now())
        .await
        .unwrap_err();
    assert_eq!(e.field(), Some("statement_items.1"));
    s.statement_items = vec![];
    let e = rounds::update_settings(&t.db, &admin, pemilu.id, &s, now())
        .await
        .unwrap_err();
    assert_eq!(e.field(), Some("statement_items"));

    // Once someone registered: refused like every other rule.
    let mut s = pilkada.settings.clone();
    s.statement_items.pop();
    let e = rounds::update_settings(&t.db, &admin, pilkada.id, &s, now())
        .await
        .unwrap_err();
    assert_eq!(e.field(), Some("settings"));
    assert_eq!(
        rounds::get_round(&t.db, &admin, pilkada.id)
            .await
            .unwrap()
            .settings
            .statement_items,
        items(&pilkada)
    );
}

#[tokio::test]
async fn announcements_cite_the_legal_basis_of_their_round() {
    let (t, admin) = ready_db().await;
    let chair = as_role(&admin, Role::Pimpinan);
    let (pemilu, people) =
        small_ppk_round_with(&t.db, &admin, Preset::Pemilu2024, 2, 2, |_| {}).await;
    to_written_test(&t.db, &admin, pemilu, &people).await;
    let kind = PublicationKind::Pengumuman(Stage::Administrasi);
    let made =
        adhoc::service::publications::make(&t.db, &chair, pemilu, &request(kind, None), now())
            .await
            .unwrap();
    let text = pdf_text(&made.bytes);
    let dasar = text.find("Dasar: 1. Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum 2. Peraturan Komisi Pemilihan Umum Nomor 8 Tahun 2022")
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        text.contains("3. Keputusan Komisi Pemilihan Umum Nomor 476 Tahun 2022"),
        "{text}"
    );
    // Between TENTANG and the opening text.
    assert!(text.find("TENTANG").unwrap() < dasar, "{text}");
    assert!(
        dasar < text.find("Berdasarkan Berita Acara").unwrap(),
        "{text}"
    );

    // Another round, another election: its own basis, edited by the office.
    let (pilkada, people) = small_ppk_round_with(&t.db, &admin, Preset::Pilkada2024, 2, 2, |s| {
        s.legal_basis
            .push_str("\nKeputusan KPU Kabupaten Pasuruan Nomor 12 Tahun 2024");
    })
    .await;
    to_written_test(&t.db, &admin, pilkada, &people).await;
    let made =
        adhoc::service::publications::make(&t.db, &chair, pilkada, &request(kind, None), now())
            .await
            .unwrap();
    let text = pdf_text(&made.bytes);
    assert!(text.contains("Undang-Undang Nomor 6 Tahun 2020"), "{text}");
    assert!(
        text.contains("5. Keputusan KPU Kabupaten Pasuruan Nomor 12 Tahun 2024"),
        "{text}"
    );
    assert!(!text.contains("Nomor 7 Tahun 2017"), "{text}");

    // Bounded, and no control characters.
    let round = rounds::create_from_preset(
        &t.db,
        &admin,
        Preset::Pemilu2024,
        adhoc::domain::round::Body::Pps,
        None,
        now(),
    )
    .await
    .unwrap();
    for bad in ["UU 7/2017\u{1b}[2J".to_string(), "x".repeat(3001)] {
        let mut s = round.settings.clone();
        s.legal_basis = bad;
        let e = rounds::update_settings(&t.db, &admin, round.id, &s, now())
            .await
            .unwrap_err();
        assert_eq!(e.field(), Some("legal_basis"));
    }
}

#[test]
fn the_cli_sets_and_shows_the_window_the_items_and_the_legal_basis() {
    use crate::common::cli::CliDb;
    let t = CliDb::init();
    let id = t.ok(&[
        "rounds",
        "create",
        "--preset",
        "pilkada-2024",
        "--badan",
        "PPK",
        "--tanggapan-sampai",
        "pelantikan",
    ]);
    let round = id.trim();
    let show = |t: &CliDb| -> Vec<(String, String)> {
        let out = t.ok(&["rounds", "show", "--round", round]);
        csv::Reader::from_reader(out.as_bytes())
            .records()
            .map(|r| {
                let r = r.unwrap();
                (r[0].to_string(), r[1].to_string())
            })
            .collect()
    };
    let values = |rows: &[(String, String)], key: &str| -> Vec<String> {
        rows.iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    };
    let rows = show(&t);
    assert_eq!(values(&rows, "tanggapan_sampai"), ["pelantikan"]);
    assert!(values(&rows, "butir_pernyataan")
        .iter()
        .any(|i| i.contains("komorbid")));
    assert!(values(&rows, "dasar_hukum")[0].contains("Nomor 1 Tahun 2015"));

    t.ok(&[
        "rounds",
        "set",
        "--round",
        round,
        "--tanggapan-sampai",
        "wawancara",
        "--butir-pernyataan",
        "Setia kepada Pancasila",
        "--butir-pernyataan",
        "Sehat jasmani dan rohani",
        "--dasar-hukum",
        "Undang-Undang Nomor 10 Tahun 2016",
    ]);
    let rows = show(&t);
    assert_eq!(values(&rows, "tanggapan_sampai"), ["wawancara"]);
    assert_eq!(
        values(&rows, "butir_pernyataan"),
        ["Setia kepada Pancasila", "Sehat jasmani dan rohani"]
    );
    assert_eq!(
        values(&rows, "dasar_hukum"),
        ["Undang-Undang Nomor 10 Tahun 2016"]
    );
    let e = t.refused(&[
        "rounds",
        "set",
        "--round",
        round,
        "--tanggapan-sampai",
        "lantik",
    ]);
    assert!(e.contains("wawancara atau pelantikan"), "{e}");
}

/// A database of the version before these settings, with one round of
/// each election, brought up to date by the migration alone.
#[tokio::test]
async fn rounds_stored_before_keep_their_window_and_get_their_elections_texts() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("lama.db").display());
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    let migrations: Vec<_> = adhoc::store::MIGRATOR.iter().collect();
    let (before, after): (Vec<_>, Vec<_>) = migrations.into_iter().partition(|m| m.version < 21);
    for m in before {
        sqlx::raw_sql(&m.sql).execute(&pool).await.unwrap();
    }
    sqlx::raw_sql(
        "INSERT INTO rounds (name, election, body, quota_per_unit, written_pass_multiple, final_rank_multiple,
             extension_threshold, extension_days, min_age, reference_date, score_mode, created_at)
         VALUES ('Pemilu 2024 – PPK', 'Pemilu 2024', 'PPK', 5, 3, 2, 2, 3, 17, '2022-11-20', 'wawancara', '2022-11-01T00:00:00Z'),
                ('Pilkada 2024 – PPS', 'Pilkada Serentak 2024', 'PPS', 3, 3, 2, 2, 3, 17, '2024-05-01', 'wawancara', '2024-04-01T00:00:00Z')",
    )
    .execute(&pool)
    .await
    .unwrap();
    // Migration 21 and every later one, as an update runs them.
    assert_eq!(after.first().map(|m| m.version), Some(21));
    for m in after {
        sqlx::raw_sql(&m.sql).execute(&pool).await.unwrap();
    }

    let mut conn = pool.acquire().await.unwrap();
    let pemilu = adhoc::store::rounds::get(&mut conn, 1).await.unwrap();
    let pilkada = adhoc::store::rounds::get(&mut conn, 2).await.unwrap();
    for r in [&pemilu, &pilkada] {
        // Responses were taken until the term began: they still are.
        assert_eq!(r.settings.responses_until, ResponseWindow::Pelantikan);
        r.settings.validate().unwrap();
    }
    assert_eq!(
        pemilu.settings.statement_items,
        Preset::Pemilu2024.statement_items()
    );
    assert_eq!(
        pemilu.settings.legal_basis,
        Preset::Pemilu2024.legal_basis()
    );
    assert_eq!(
        pilkada.settings.statement_items,
        Preset::Pilkada2024.statement_items()
    );
    assert_eq!(
        pilkada.settings.legal_basis,
        Preset::Pilkada2024.legal_basis()
    );
}
