//! Women's representation at every stage, from the quota dashboard: per
//! unit and for the kabupaten, present only for the stages the round has
//! reached, warned below 30%, members counted with PAW applied.

use crate::common;

use adhoc::domain::account::Role;
use adhoc::domain::round::Stage;
use adhoc::domain::verification::AdminVerdict;
use adhoc::domain::women::{WomenShare, WomenStage};
use adhoc::service::paw::{self, LeaveCause, LeaveInput};
use adhoc::service::quota::{self, QuotaDashboard, QuotaFlag, QuotaRow};
use adhoc::service::registration;
use adhoc::service::scores::record_mark;
use adhoc::service::stages::{close, open};
use common::{
    as_role, close_administration, decide_admin, now, ppk_draft, ready_db, small_ppk_round,
};

/// Purwodadi's row.
fn purwodadi(board: &QuotaDashboard) -> &QuotaRow {
    board
        .units
        .iter()
        .find(|u| u.unit_code == "35.14.01")
        .unwrap()
}

/// (stage, women, total, percent, below 30%) of each stage a row has.
fn stages(row: &QuotaRow) -> Vec<(WomenStage, u32, u32, Option<u32>, bool)> {
    row.women
        .iter()
        .map(|s: &WomenShare| (s.stage, s.women, s.total, s.percent, s.below_30))
        .collect()
}

#[tokio::test]
async fn the_womens_share_is_reported_and_warned_at_every_stage_the_round_reaches() {
    use WomenStage::*;
    let (t, admin) = ready_db().await;
    let verifier = as_role(&admin, Role::Verifikator);
    let chair = as_role(&admin, Role::Pimpinan);
    // Quota 2 in Purwodadi, ten applicants: the 1st, 6th and 9th are women.
    let (round, _) = small_ppk_round(&t.db, &admin, 2, 0).await;
    let desk = as_role(&admin, Role::Operator);
    let mut people = Vec::new();
    for i in 0..10u32 {
        let woman = [0, 5, 8].contains(&i);
        let day = if woman { 52 } else { 12 };
        let mut draft = ppk_draft(
            &format!("351401{day}0890{:04}", i + 1),
            &format!("Calon {i:02}"),
        );
        if woman {
            draft.fields.jenis_kelamin = "P".into();
        }
        let saved = registration::register(&t.db, &desk, round, &draft, now())
            .await
            .unwrap()
            .saved
            .unwrap();
        people.push(saved.id);
    }
    let id = |i: usize| people[i];
    let board = || quota::quota(&t.db, &chair, round, now());

    // Registration: only the applicants, 3 of 10 is exactly 30%, no warning.
    let b = board().await.unwrap();
    assert_eq!(stages(purwodadi(&b)), [(Pendaftar, 3, 10, Some(30), false)]);
    assert_eq!(purwodadi(&b).registration_target, 4);
    assert!(!purwodadi(&b).below_target);
    assert!(b.women_low.is_empty());
    // A kecamatan without applicants: reached, but no share and no warning.
    let empty = b.units.iter().find(|u| u.registered == 0).unwrap();
    assert_eq!(stages(empty), [(Pendaftar, 0, 0, None, false)]);
    assert!(empty.below_target);

    // The administrative check: one woman TMS leaves 2 of 9 MS (22%).
    decide_admin(
        &t.db,
        &admin,
        (0..10).filter(|&i| i != 8).map(id),
        AdminVerdict::MS,
    )
    .await;
    decide_admin(&t.db, &admin, [id(8)], AdminVerdict::TMS).await;
    close_administration(&t.db, &admin, round).await;
    let b = board().await.unwrap();
    assert_eq!(
        stages(purwodadi(&b)),
        [
            (Pendaftar, 3, 10, Some(30), false),
            (Ms, 2, 9, Some(22), true),
            // The written test has not been held: no share yet, not 0%.
            (LulusTertulis, 0, 0, None, false),
        ]
    );
    assert_eq!(b.women_low, [Ms]);
    assert_eq!(b.total.women, purwodadi(&b).women);

    // Tests: marks fall with the registration order. The best 6 (3 × quota)
    // pass the written test (2 women of 6, 33%); the final list is the best
    // 4 (1 woman, 25%); the Terpilih are the first two (1 of 2, 50%).
    for (stage, base) in [(Stage::Tertulis, 80), (Stage::Wawancara, 90)] {
        open(&t.db, &chair, round, stage, now()).await.unwrap();
        // Only the six who passed go on to the interview.
        let marked = if stage == Stage::Tertulis { 10 } else { 6 };
        for i in (0..marked).filter(|&i| i != 8) {
            let mark = (base - 2 * i as u32).to_string();
            record_mark(&t.db, &verifier, round, stage, id(i), &mark, now())
                .await
                .unwrap();
        }
        close(&t.db, &chair, round, stage, now()).await.unwrap();
    }
    open(&t.db, &chair, round, Stage::Akhir, now())
        .await
        .unwrap();
    let b = board().await.unwrap();
    assert_eq!(
        stages(purwodadi(&b))[2..],
        [
            (LulusTertulis, 2, 6, Some(33), false),
            (DaftarAkhir, 1, 4, Some(25), true),
        ]
    );
    close(&t.db, &chair, round, Stage::Akhir, now())
        .await
        .unwrap();
    let b = board().await.unwrap();
    let p = purwodadi(&b);
    assert_eq!(stages(p)[4], (Anggota, 1, 2, Some(50), false));
    assert_eq!((p.women_terpilih, p.women_percent), (1, Some(50)));
    assert!(!p.flags.contains(&QuotaFlag::PerempuanKurang30));
    assert_eq!(b.women_low, [Ms, DaftarAkhir]);

    // The term: the woman member leaves. Until the replacement is
    // confirmed her seat is empty (0 of 1); then the first reserve, a man,
    // takes it (0 of 2). The final list and the Terpilih flag stay as ranked.
    close(&t.db, &chair, round, Stage::Penetapan, now())
        .await
        .unwrap();
    open(&t.db, &chair, round, Stage::MasaKerja, now())
        .await
        .unwrap();
    let unit = paw::record_leave(
        &t.db,
        &chair,
        round,
        &LeaveInput {
            member_id: id(0),
            cause: LeaveCause::MengundurkanDiri,
            left_on: now().date_naive(),
            reason: "Surat pengunduran diri tertanggal hari ini".into(),
        },
        now(),
    )
    .await
    .unwrap();
    let b = board().await.unwrap();
    assert_eq!(stages(purwodadi(&b))[4], (Anggota, 0, 1, Some(0), true));
    let reserve = unit.proposed.unwrap().applicant_id;
    assert_eq!(reserve, id(2));
    paw::confirm(
        &t.db,
        &chair,
        round,
        unit.pending.unwrap(),
        reserve,
        "Keputusan KPU 12/2026 tentang PAW",
        now(),
    )
    .await
    .unwrap();
    let b = board().await.unwrap();
    let p = purwodadi(&b);
    assert_eq!(
        stages(p)[3..],
        [
            (DaftarAkhir, 1, 4, Some(25), true),
            (Anggota, 0, 2, Some(0), true),
        ]
    );
    assert_eq!(b.women_low, [Ms, DaftarAkhir, Anggota]);
    // The kabupaten's total is the sum of its kecamatan.
    for s in &b.total.women {
        let (w, n) = b
            .units
            .iter()
            .flat_map(|u| &u.women)
            .filter(|u| u.stage == s.stage)
            .fold((0, 0), |(w, n), u| (w + u.women, n + u.total));
        assert_eq!((s.women, s.total), (w, n), "{:?}", s.stage);
    }
}
