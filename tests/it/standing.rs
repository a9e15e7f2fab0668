//! Where each applicant stands, as the list, its filter and the detail say
//! it: moved on by each stage close, never by a provisional result, and by
//! a withdrawal.

use crate::common;

use adhoc::domain::account::Role;
use adhoc::domain::round::Stage;
use adhoc::domain::standing::Standing;
use adhoc::domain::verification::AdminVerdict;
use adhoc::service::registration::{self, ApplicantQuery};
use adhoc::service::stages::close;
use common::{as_role, decide_admin, go_on_without_extensions, now, ready_db, small_ppk_round};

#[tokio::test]
async fn the_list_shows_ms_and_tms_once_the_administrative_stage_closes_and_filters_by_them() {
    let (t, admin) = ready_db().await;
    let chair = as_role(&admin, Role::Pimpinan);
    let desk = as_role(&admin, Role::Operator);
    let (round, people) = small_ppk_round(&t.db, &admin, 2, 5).await;
    let id = |i: usize| people[i].0;
    decide_admin(&t.db, &admin, [id(0), id(1), id(2)], AdminVerdict::MS).await;
    decide_admin(&t.db, &admin, [id(3)], AdminVerdict::TMS).await;
    registration::withdraw(&t.db, &desk, id(4), "Diterima bekerja di luar kota", now())
        .await
        .unwrap();
    let query = |status: &str| ApplicantQuery {
        round_id: round,
        status: status.into(),
        limit: 50,
        ..Default::default()
    };
    let standings = |page: registration::ApplicantPage| {
        page.rows
            .into_iter()
            .map(|r| (r.id, r.standing))
            .collect::<Vec<_>>()
    };

    // Verdicts decided but the stage still open: nobody is MS yet.
    let open = registration::list(&t.db, &desk, &query("")).await.unwrap();
    assert_eq!(
        standings(open),
        [
            (id(0), Standing::Terdaftar),
            (id(1), Standing::Terdaftar),
            (id(2), Standing::Terdaftar),
            (id(3), Standing::Terdaftar),
            (id(4), Standing::Mundur),
        ]
    );

    close(&t.db, &chair, round, Stage::Pendaftaran, now())
        .await
        .unwrap();
    go_on_without_extensions(&t.db, &admin, round).await;
    close(&t.db, &chair, round, Stage::Administrasi, now())
        .await
        .unwrap();
    let all = registration::list(&t.db, &desk, &query("")).await.unwrap();
    assert_eq!(all.rows[3].standing_label, "TMS");
    assert_eq!(
        standings(all),
        [
            (id(0), Standing::Ms),
            (id(1), Standing::Ms),
            (id(2), Standing::Ms),
            (id(3), Standing::Tms),
            (id(4), Standing::Mundur),
        ]
    );

    // The filter counts and pages the matching ones only.
    let tms = registration::list(&t.db, &desk, &query("tms"))
        .await
        .unwrap();
    assert_eq!(tms.total, 1);
    assert_eq!(standings(tms), [(id(3), Standing::Tms)]);
    let second_ms = registration::list(
        &t.db,
        &desk,
        &ApplicantQuery {
            offset: 1,
            limit: 1,
            ..query("ms")
        },
    )
    .await
    .unwrap();
    assert_eq!(second_ms.total, 3);
    assert_eq!(standings(second_ms), [(id(1), Standing::Ms)]);
    let e = registration::list(&t.db, &desk, &query("lolos"))
        .await
        .unwrap_err();
    assert_eq!(e.field(), Some("status"));

    // The detail says it with the result behind it.
    let d = registration::detail(&t.db, &desk, id(3), now())
        .await
        .unwrap();
    let s = d.standing.unwrap();
    assert_eq!(s.standing, Standing::Tms);
    assert_eq!(
        s.lines,
        [(
            "Penelitian administrasi".to_string(),
            "TMS (tidak memenuhi syarat)".to_string()
        )]
    );
}

#[tokio::test]
async fn pages_open_on_the_newest_round_whose_stage_is_running() {
    use adhoc::domain::round::{Body, Preset};
    use adhoc::service::home::home;
    use adhoc::service::rounds::create_from_preset;
    let (t, admin) = ready_db().await;
    let chair = as_role(&admin, Role::Pimpinan);
    assert_eq!(home(&t.db, None).await.unwrap().round_in_use, None);
    let ppk = create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Ppk, None, now())
        .await
        .unwrap()
        .id;
    let pps = create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Pps, None, now())
        .await
        .unwrap()
        .id;
    // Both registering: the newest.
    assert_eq!(home(&t.db, None).await.unwrap().round_in_use, Some(pps));
    // The PPS round's registration closed and its next stage not opened
    // yet: the PPK round, still running, is the one in use.
    close(&t.db, &chair, pps, Stage::Pendaftaran, now())
        .await
        .unwrap();
    assert_eq!(home(&t.db, None).await.unwrap().round_in_use, Some(ppk));
}
