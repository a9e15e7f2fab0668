//! Rounds: presets, settings, authorisation, per-unit quota overrides, home view.

use crate::common;

use adhoc::domain::account::Role;
use adhoc::domain::round::{Body, Preset, ScoreCombination};
use adhoc::service::auth::Session;
use adhoc::service::home::home;
use adhoc::service::rounds::{create_from_preset, create_round, list_rounds, set_unit_quota};
use common::{now, ready_db};

#[tokio::test]
async fn a_preset_round_is_stored_with_its_settings_and_schedule() {
    let (t, admin) = ready_db().await;
    let mut draft = Preset::Pilkada2024.draft(Body::Pps);
    draft.settings.max_periods = Some(2);
    draft.settings.score_combination = ScoreCombination::Bobot {
        tertulis: 40,
        wawancara: 60,
    };
    let created = create_round(&t.db, &admin, &draft, now()).await.unwrap();
    let listed = list_rounds(&t.db).await.unwrap();
    assert_eq!(listed.len(), 1);
    let r = &listed[0];
    assert_eq!(r.id, created.id);
    assert_eq!(r.name, "Pilkada 2024 – PPS");
    assert_eq!(r.body, Body::Pps);
    assert_eq!(r.settings, draft.settings);
    assert_eq!(r.schedule, draft.schedule);
    assert_eq!(r.current_stage.as_str(), "pendaftaran");
    assert!(r.closed_stages.is_empty());
    assert_eq!(r.next_stage.map(|s| s.as_str()), Some("administrasi"));
    assert_eq!(r.applicants, 0);

    let dup = create_round(&t.db, &admin, &draft, now())
        .await
        .unwrap_err();
    assert_eq!(dup.field(), Some("name"));
}

#[tokio::test]
async fn only_administrators_create_rounds_or_change_quotas() {
    let (t, admin) = ready_db().await;
    let round = create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Ppk, None, now())
        .await
        .unwrap();
    for role in [Role::Operator, Role::Verifikator, Role::Pimpinan] {
        let s = Session {
            role,
            ..admin.clone()
        };
        let err = create_from_preset(&t.db, &s, Preset::Pemilu2024, Body::Pps, None, now())
            .await
            .unwrap_err();
        assert_eq!(err.code(), "forbidden");
        let err = set_unit_quota(&t.db, &s, round.id, "35.14.01", Some(7), "alasan", now())
            .await
            .unwrap_err();
        assert_eq!(err.code(), "forbidden");
    }
    assert_eq!(list_rounds(&t.db).await.unwrap().len(), 1);
    let h = home(&t.db, None).await.unwrap();
    assert!(h.kecamatan.iter().all(|k| k.quota_ppk == 5));
}

#[tokio::test]
async fn invalid_settings_are_refused_before_anything_is_written() {
    let (t, admin) = ready_db().await;
    let mut draft = Preset::Pemilu2024.draft(Body::Ppk);
    draft.settings.quota_per_unit = 0;
    let err = create_round(&t.db, &admin, &draft, now())
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("quota_per_unit"));
    assert!(list_rounds(&t.db).await.unwrap().is_empty());
}

#[tokio::test]
async fn home_shows_desa_counts_and_quotas_with_overrides() {
    let (t, admin) = ready_db().await;

    // No round yet: default quotas, no applicant counts.
    let h = home(&t.db, None).await.unwrap();
    assert_eq!(h.kecamatan.len(), 24);
    assert_eq!(h.election, None);
    assert_eq!(h.totals.quota_ppk, 24 * 5);
    assert_eq!(h.totals.quota_pps, 365 * 3);
    assert_eq!(h.totals.desa + h.totals.kelurahan, 365);
    assert!(h.kecamatan.iter().all(|k| k.applicants_ppk.is_none()));

    let ppk = create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Ppk, None, now())
        .await
        .unwrap();
    let pps = create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Pps, None, now())
        .await
        .unwrap();
    set_unit_quota(
        &t.db,
        &admin,
        ppk.id,
        "35.14.01",
        Some(7),
        "Wilayah luas",
        now(),
    )
    .await
    .unwrap();
    set_unit_quota(
        &t.db,
        &admin,
        pps.id,
        "35.14.01.2001",
        Some(5),
        "Penduduk padat",
        now(),
    )
    .await
    .unwrap();

    let h = home(&t.db, Some("Pemilu 2024")).await.unwrap();
    assert_eq!(h.election.as_deref(), Some("Pemilu 2024"));
    let first = &h.kecamatan[0];
    assert_eq!(first.code, "35.14.01");
    assert_eq!(first.quota_ppk, 7);
    assert_eq!(first.quota_pps, first.pps_units * 3 + 2);
    assert_eq!(first.applicants_ppk, Some(0));
    assert_eq!(h.totals.quota_ppk, 24 * 5 + 2);
    assert_eq!(h.totals.quota_pps, 365 * 3 + 2);
    assert_eq!(h.kecamatan.iter().map(|k| k.pps_units).sum::<u32>(), 365);

    // Clearing the override restores the default.
    set_unit_quota(&t.db, &admin, ppk.id, "3514010", None, "", now())
        .await
        .unwrap_err();
    set_unit_quota(&t.db, &admin, ppk.id, "351401", None, "", now())
        .await
        .unwrap();
    assert_eq!(home(&t.db, None).await.unwrap().kecamatan[0].quota_ppk, 5);
}

#[tokio::test]
async fn quota_overrides_must_name_a_unit_of_the_right_level_in_this_kabupaten() {
    let (t, admin) = ready_db().await;
    let ppk = create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Ppk, None, now())
        .await
        .unwrap();
    let cases = [
        ("35.14.01.2001", Some(7), "x", "unit_code"), // a desa in a PPK round
        ("35.75.01", Some(7), "x", "unit_code"),      // Kota Pasuruan's kecamatan
        ("35.14.01", Some(0), "x", "quota"),
        ("35.14.01", Some(7), "  ", "reason"),
    ];
    for (unit, quota, reason, field) in cases {
        let err = set_unit_quota(&t.db, &admin, ppk.id, unit, quota, reason, now())
            .await
            .unwrap_err();
        assert_eq!(err.field(), Some(field), "{unit} {quota:?}: {err}");
    }
    let err = set_unit_quota(&t.db, &admin, 999, "35.14.01", Some(7), "x", now())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "not_found");
}

#[tokio::test]
async fn the_quota_list_shows_every_unit_with_the_quota_in_force() {
    let (t, admin) = ready_db().await;
    let pps = create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Pps, None, now())
        .await
        .unwrap();
    set_unit_quota(
        &t.db,
        &admin,
        pps.id,
        "3514012001",
        Some(4),
        "Penduduk padat",
        now(),
    )
    .await
    .unwrap();
    let list = adhoc::service::rounds::unit_quotas(&t.db, pps.id)
        .await
        .unwrap();
    assert_eq!(list.units.len(), 365);
    assert_eq!(list.default_quota, 3);
    assert_eq!(list.total_quota, 365 * 3 + 1);
    let first = &list.units[0];
    assert_eq!(
        (first.code.as_str(), first.name.as_str()),
        ("35.14.01.2001", "Gerbo")
    );
    assert_eq!(first.kecamatan, "Purwodadi");
    assert!(first.overridden);
    assert_eq!(first.quota, 4);
    assert_eq!(first.reason.as_deref(), Some("Penduduk padat"));
    assert!(list.units[1..]
        .iter()
        .all(|u| !u.overridden && u.quota == 3 && u.reason.is_none()));
}
