//! The selection after the administrative check, end to end in the core:
//! opening stages, registration extensions, scores, the written cut, the
//! final ranking with a tie decided by the plenary, frozen results and the
//! quota dashboard.

use crate::common;

use adhoc::domain::account::Role;
use adhoc::domain::extension::ExtensionState;
use adhoc::domain::ranking::Status;
use adhoc::domain::round::Stage;
use adhoc::domain::verification::AdminVerdict;
use adhoc::service::extensions::{extend, extension_list};
use adhoc::service::quota::{quota, QuotaFlag};
use adhoc::service::registration::register;
use adhoc::service::scores::{import_marks, record_mark, score_sheet};
use adhoc::service::selection::{decide_tie, results};
use adhoc::service::stages::{close, open, reopen, timeline, StageState};
use chrono::Days;
use common::{
    as_role, decide_admin, go_on_without_extensions, now, ppk_draft, ready_db, register_many,
    small_ppk_round,
};

#[tokio::test]
async fn a_round_goes_from_scores_to_the_final_list() {
    let (t, admin) = ready_db().await;
    let verifier = as_role(&admin, Role::Verifikator);
    let chair = as_role(&admin, Role::Pimpinan);
    // Quota 2 in Purwodadi: 6 go on to the interview, 4 are ranked at the end.
    let (round, people) = small_ppk_round(&t.db, &admin, 2, 10).await;
    decide_admin(
        &t.db,
        &admin,
        people[..9].iter().map(|p| p.0),
        AdminVerdict::MS,
    )
    .await;
    decide_admin(&t.db, &admin, [people[9].0], AdminVerdict::TMS).await;
    close(&t.db, &chair, round, Stage::Pendaftaran, now())
        .await
        .unwrap();
    go_on_without_extensions(&t.db, &admin, round).await;
    close(&t.db, &chair, round, Stage::Administrasi, now())
        .await
        .unwrap();

    // The written test waits to be opened by the Pimpinan.
    let (first, _) = people[0].clone();
    let e = record_mark(&t.db, &verifier, round, Stage::Tertulis, first, "80", now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("belum dibuka"), "{e}");
    let e = open(&t.db, &verifier, round, Stage::Tertulis, now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "forbidden");
    open(&t.db, &chair, round, Stage::Tertulis, now())
        .await
        .unwrap();
    let tl = timeline(&t.db, &verifier, round, now()).await.unwrap();
    let state = |s: Stage| tl.stages.iter().find(|x| x.stage == s).unwrap().state;
    assert_eq!(state(Stage::Administrasi), StageState::Selesai);
    assert_eq!(state(Stage::Tertulis), StageState::Berjalan);
    assert!(tl.stages[2]
        .opened
        .as_deref()
        .unwrap()
        .starts_with("dibuka oleh"));

    // Only MS applicants sit the test; the TMS one is refused.
    let sheet = score_sheet(&t.db, &verifier, round, Stage::Tertulis, None)
        .await
        .unwrap();
    assert_eq!(
        (sheet.rows.len(), sheet.missing, sheet.editable),
        (9, 9, true)
    );
    let tms = people[9].0;
    let e = record_mark(&t.db, &verifier, round, Stage::Tertulis, tms, "90", now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("MS"), "{e}");

    // A bad file stores nothing and names every problem.
    let n = |i: usize| people[i].1.clone();
    let bad = format!(
        "nomor_pendaftaran,nilai\n{},80\n{},101\nPPK-3514-9999,70\n{},75\n",
        n(0),
        n(1),
        n(0)
    );
    let report = import_marks(
        &t.db,
        &verifier,
        round,
        Stage::Tertulis,
        bad.as_bytes(),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(report.stored, 0);
    let lines: Vec<u64> = report.problems.listed.iter().map(|p| p.line).collect();
    assert_eq!(lines, vec![3, 4, 5], "{:?}", report.problems);
    assert_eq!(
        score_sheet(&t.db, &verifier, round, Stage::Tertulis, None)
            .await
            .unwrap()
            .entered,
        0
    );

    // Scores: 90, 85, 80, 75, 70, 65, 65 (tied at the 6th place), 60, absent.
    let scores = ["90", "85", "80", "75", "70", "65", "65,00", "60"];
    let mut csv = String::from("nomor_pendaftaran;nilai;hadir\n");
    for (i, s) in scores.iter().enumerate() {
        csv.push_str(&format!("{};{s};ya\n", n(i)));
    }
    csv.push_str(&format!("{};;tidak\n", n(8)));
    let report = import_marks(
        &t.db,
        &verifier,
        round,
        Stage::Tertulis,
        csv.as_bytes(),
        now(),
    )
    .await
    .unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!((report.stored, report.absent), (9, 1));

    let written = results(
        &t.db,
        &verifier,
        round,
        Stage::Tertulis,
        Some("35.14.01"),
        now(),
    )
    .await
    .unwrap();
    let status = |number: &str| {
        written
            .iter()
            .find(|r| r.reg_number == number)
            .unwrap()
            .status
    };
    for i in 0..7 {
        assert_eq!(status(&n(i)), Status::Lulus, "{}", n(i));
    }
    assert_eq!(status(&n(7)), Status::TidakLulus);
    assert_eq!(status(&n(8)), Status::TidakHadir);
    assert_eq!(status(&n(9)), Status::Tms);
    let tied = written.iter().find(|r| r.reg_number == n(6)).unwrap();
    assert_eq!(tied.rank, Some(6));
    assert!(
        tied.explanation.contains("batas lulus"),
        "{}",
        tied.explanation
    );

    close(&t.db, &chair, round, Stage::Tertulis, now())
        .await
        .unwrap();
    let e = record_mark(&t.db, &verifier, round, Stage::Tertulis, first, "10", now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("sudah ditutup"), "{e}");

    // The interview (the final score is the interview score): 1 and 2 tie
    // on it and are told apart by the written score; 5 and 6 tie on
    // everything across the end of the list (4th place) and wait for the
    // plenary.
    open(&t.db, &chair, round, Stage::Wawancara, now())
        .await
        .unwrap();
    let sheet = score_sheet(&t.db, &verifier, round, Stage::Wawancara, None)
        .await
        .unwrap();
    assert_eq!(sheet.rows.len(), 7);
    let interview = ["95", "88", "88", "60", "55", "70", "70"];
    for (i, s) in interview.iter().enumerate() {
        record_mark(
            &t.db,
            &verifier,
            round,
            Stage::Wawancara,
            people[i].0,
            s,
            now(),
        )
        .await
        .unwrap();
    }
    close(&t.db, &chair, round, Stage::Wawancara, now())
        .await
        .unwrap();
    open(&t.db, &chair, round, Stage::Akhir, now())
        .await
        .unwrap();

    let finals = results(&t.db, &verifier, round, Stage::Akhir, None, now())
        .await
        .unwrap();
    let order: Vec<&str> = finals.iter().map(|r| r.reg_number.as_str()).collect();
    assert_eq!(order[..3], [n(0).as_str(), n(1).as_str(), n(2).as_str()]);
    assert_eq!(finals[1].status, Status::Terpilih);
    assert!(
        finals[1].explanation.contains("nilai tertulis"),
        "{}",
        finals[1].explanation
    );
    assert_eq!(finals[2].status, Status::Cadangan);
    // 5 and 6 (written 65 and interview 70 each) straddle the end of the list.
    let at_cut: Vec<i64> = finals
        .iter()
        .filter(|r| r.unresolved_tie)
        .map(|r| r.applicant_id)
        .collect();
    assert_eq!(at_cut.len(), 2, "{finals:#?}");
    let e = close(&t.db, &chair, round, Stage::Akhir, now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("seri"), "{e}");
    let board = quota(&t.db, &verifier, round, now()).await.unwrap();
    let unit = board
        .units
        .iter()
        .find(|u| u.unit_code == "35.14.01")
        .unwrap();
    assert!(unit.flags.contains(&QuotaFlag::SeriBelumDiputuskan));

    // The plenary orders the tie: the later-registered one first.
    let ordered = vec![at_cut[1], at_cut[0]];
    let e = decide_tie(&t.db, &verifier, round, &ordered, "BA pleno 12/2026", now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "forbidden");
    let e = decide_tie(
        &t.db,
        &chair,
        round,
        &ordered[..1],
        "BA pleno 12/2026",
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.field(), Some("urutan"));
    decide_tie(
        &t.db,
        &chair,
        round,
        &ordered,
        "Berita Acara pleno 12/2026",
        now(),
    )
    .await
    .unwrap();
    let finals = results(&t.db, &verifier, round, Stage::Akhir, None, now())
        .await
        .unwrap();
    let place = |id: i64| finals.iter().find(|r| r.applicant_id == id).unwrap();
    assert_eq!(place(at_cut[1]).status, Status::Cadangan);
    assert_eq!(place(at_cut[1]).reserve, Some(2));
    assert_eq!(place(at_cut[0]).status, Status::TidakTerpilih);
    assert!(place(at_cut[1]).explanation.contains("pleno"));

    let closed = close(&t.db, &chair, round, Stage::Akhir, now())
        .await
        .unwrap();
    assert_eq!(closed.current, Stage::Penetapan);
    let frozen: Vec<(String, Option<i64>)> = sqlx::query_as(
        "SELECT final_result, final_position FROM applicants WHERE round_id = ? ORDER BY reg_seq",
    )
    .bind(round)
    .fetch_all(t.db.pool())
    .await
    .unwrap();
    assert_eq!(frozen[0], ("terpilih".to_string(), Some(1)));
    assert_eq!(frozen[9].0, "tidak_lanjut");

    // The dashboard: Purwodadi has its two Terpilih and two Cadangan.
    let board = quota(&t.db, &verifier, round, now()).await.unwrap();
    let unit = board
        .units
        .iter()
        .find(|u| u.unit_code == "35.14.01")
        .unwrap();
    assert_eq!(
        (
            unit.quota,
            unit.registered,
            unit.ms,
            unit.passed_written,
            unit.terpilih,
            unit.cadangan
        ),
        (2, 10, 9, 7, 2, 2)
    );
    // Every demo applicant is a man: 0% women among the Terpilih is flagged.
    assert_eq!(unit.women_percent, Some(0));
    assert!(unit.flags.contains(&QuotaFlag::PerempuanKurang30));
    assert_eq!(board.total.registered, 10);
    assert_eq!(board.units.len(), 24);

    // Reopening the written test thaws its results and later ones.
    reopen(
        &t.db,
        &admin,
        round,
        Stage::Tertulis,
        "Nilai peserta 7 salah ketik",
        now(),
    )
    .await
    .unwrap();
    let thawed: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM applicants WHERE round_id = ? AND (written_result IS NOT NULL OR final_result IS NOT NULL)",
    )
    .bind(round)
    .fetch_one(t.db.pool())
    .await
    .unwrap();
    assert_eq!(thawed, 0);
    record_mark(
        &t.db,
        &verifier,
        round,
        Stage::Tertulis,
        people[6].0,
        "64",
        now(),
    )
    .await
    .unwrap();
    let written = results(&t.db, &verifier, round, Stage::Tertulis, None, now())
        .await
        .unwrap();
    let seventh = written
        .iter()
        .find(|r| r.applicant_id == people[6].0)
        .unwrap();
    assert_eq!(seventh.status, Status::TidakLulus);
}

#[tokio::test]
async fn registration_is_extended_for_short_units_only() {
    let (t, admin) = ready_db().await;
    let desk = as_role(&admin, Role::Operator);
    let verifier = as_role(&admin, Role::Verifikator);
    let chair = as_role(&admin, Role::Pimpinan);
    // Quota 1 and threshold 2 in Purwodadi: 2 applicants are enough there.
    let (round, people) = small_ppk_round(&t.db, &admin, 1, 2).await;
    register_many(&t.db, &desk, round, "35.14.02", 3, 4, now()).await;

    // Nothing to extend while registration is open.
    let list = extension_list(&t.db, &chair, round, now()).await.unwrap();
    assert!(list.iter().all(|u| !u.can_extend));
    close(&t.db, &chair, round, Stage::Pendaftaran, now())
        .await
        .unwrap();

    // 23 kecamatan are short (Purwodadi has its 2 × 1); 35.14.02 has 4 of 10.
    let list = extension_list(&t.db, &chair, round, now()).await.unwrap();
    assert_eq!(list.len(), 23);
    assert!(list
        .iter()
        .all(|u| u.state == ExtensionState::PerluPerpanjangan && u.can_extend));
    assert!(!list.iter().any(|u| u.unit_code == "35.14.01"));
    let second = list.iter().find(|u| u.unit_code == "35.14.02").unwrap();
    assert_eq!((second.registered, second.needed), (4, 10));
    let board = quota(&t.db, &chair, round, now()).await.unwrap();
    let flagged = |code: &str, f: QuotaFlag| {
        board
            .units
            .iter()
            .find(|u| u.unit_code == code)
            .unwrap()
            .flags
            .contains(&f)
    };
    assert!(flagged("35.14.02", QuotaFlag::PerluPerpanjangan));
    assert!(!flagged("35.14.01", QuotaFlag::PerluPerpanjangan));

    // A unit that reached the threshold is not extended; the others are,
    // by the Pimpinan, until today + 3 days by default.
    let e = extend(&t.db, &chair, round, &["35.14.01".into()], None, now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("tidak perlu diperpanjang"), "{e}");
    let e = extend(&t.db, &verifier, round, &["35.14.02".into()], None, now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "forbidden");
    let until = extend(&t.db, &chair, round, &["35.14.02".into()], None, now())
        .await
        .unwrap();
    assert_eq!(until, now().date_naive() + Days::new(3));

    // Registration goes on in the extended unit only.
    register_many(&t.db, &desk, round, "35.14.02", 7, 1, now()).await;
    let mut elsewhere = ppk_draft("3514011208900020", "Calon Lain");
    elsewhere.fields.kode_wilayah_tugas = "35.14.03".into();
    let e = register(&t.db, &desk, round, &elsewhere, now())
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("wilayah ini tidak diperpanjang"),
        "{e}"
    );
    let e = register(
        &t.db,
        &desk,
        round,
        &ppk_draft("3514011208900021", "Calon Tiga"),
        now(),
    )
    .await
    .unwrap_err();
    assert!(
        e.to_string().contains("wilayah ini tidak diperpanjang"),
        "{e}"
    );

    // The administrative stage waits for the extension to end.
    decide_admin(&t.db, &admin, people.iter().map(|p| p.0), AdminVerdict::MS).await;
    let e = close(&t.db, &chair, round, Stage::Administrasi, now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("masih diperpanjang"), "{e}");

    // After the extension: 5 of quota 5 may go on; a unit still under 1 ×
    // quota would need another extension.
    let later = now() + Days::new(4);
    let list = extension_list(&t.db, &chair, round, later).await.unwrap();
    let second = list.iter().find(|u| u.unit_code == "35.14.02").unwrap();
    assert_eq!(
        (second.registered, second.state, second.can_extend),
        (5, ExtensionState::BolehLanjut, false)
    );
    let e = register(
        &t.db,
        &desk,
        round,
        &{
            let mut d = ppk_draft("3514011208900022", "Calon Terlambat");
            d.fields.kode_wilayah_tugas = "35.14.02".into();
            d
        },
        later,
    )
    .await
    .unwrap_err();
    assert!(e.to_string().contains("sudah berakhir pada"), "{e}");

    // A unit extended with too few applicants is flagged for another extension.
    extend(
        &t.db,
        &chair,
        round,
        &["35.14.03".into()],
        Some(now().date_naive()),
        now(),
    )
    .await
    .unwrap();
    let list = extension_list(&t.db, &chair, round, later).await.unwrap();
    let third = list.iter().find(|u| u.unit_code == "35.14.03").unwrap();
    assert_eq!(
        (third.state, third.can_extend),
        (ExtensionState::PerluPerpanjanganLagi, true)
    );
    let board = quota(&t.db, &chair, round, later).await.unwrap();
    let third = board
        .units
        .iter()
        .find(|u| u.unit_code == "35.14.03")
        .unwrap();
    assert!(third.flags.contains(&QuotaFlag::PerluPerpanjanganLagi));
}
