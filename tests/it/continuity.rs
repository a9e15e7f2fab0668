//! Continuity between elections (issue 18): members of an earlier round
//! kept in a new one count toward the quota, the periods-served cap sees
//! service recorded in an earlier round, the evaluation during the term,
//! and a person's history by NIK.

use crate::common;

use adhoc::domain::account::Role;
use adhoc::domain::continuity::{Evaluation, MemberRef};
use adhoc::domain::eligibility::{Rule, Verdict};
use adhoc::domain::ranking::Status;
use adhoc::domain::round::{Body, Preset, Stage};
use adhoc::domain::verification::AdminVerdict;
use adhoc::service::continuity::takeover::{self, KeepInput, KeepMember};
use adhoc::service::continuity::{self, history, term};
use adhoc::service::paw::{self, LeaveCause, LeaveInput};
use adhoc::service::scores::record_mark;
use adhoc::service::stages::{close, open};
use adhoc::service::{registration, rounds, selection};
use adhoc::store::Db;
use common::{as_role, decide_admin, go_on_without_extensions, now, ppk_draft, ready_db};

/// Takes a round whose applicants `ids` are all MS through the tests to
/// its closed final results, marks falling in the order of `ids`.
pub(crate) async fn through_final(
    db: &Db,
    admin: &adhoc::service::auth::Session,
    round: i64,
    ids: &[i64],
) {
    let chair = as_role(admin, Role::Pimpinan);
    let verifier = as_role(admin, Role::Verifikator);
    decide_admin(db, admin, ids.iter().copied(), AdminVerdict::MS).await;
    close(db, &chair, round, Stage::Pendaftaran, now())
        .await
        .unwrap();
    go_on_without_extensions(db, admin, round).await;
    close(db, &chair, round, Stage::Administrasi, now())
        .await
        .unwrap();
    for (stage, base) in [(Stage::Tertulis, 90), (Stage::Wawancara, 95)] {
        open(db, &chair, round, stage, now()).await.unwrap();
        for (i, id) in ids.iter().enumerate() {
            let mark = (base - 5 * i as u32).to_string();
            record_mark(db, &verifier, round, stage, *id, &mark, now())
                .await
                .unwrap();
        }
        close(db, &chair, round, stage, now()).await.unwrap();
    }
    open(db, &chair, round, Stage::Akhir, now()).await.unwrap();
    close(db, &chair, round, Stage::Akhir, now()).await.unwrap();
}

pub(crate) async fn into_term(db: &Db, admin: &adhoc::service::auth::Session, round: i64) {
    let chair = as_role(admin, Role::Pimpinan);
    close(db, &chair, round, Stage::Penetapan, now())
        .await
        .unwrap();
    open(db, &chair, round, Stage::MasaKerja, now())
        .await
        .unwrap();
}

pub(crate) fn keep_input(from: i64, members: Vec<KeepMember>) -> KeepInput {
    KeepInput {
        from_round_id: from,
        members,
        decision: "Keputusan KPU Kab. Pasuruan 12/2024".into(),
        reason: "Evaluasi kinerja selama Pemilu 2024 baik".into(),
    }
}

pub(crate) fn kept(id: i64, score: Option<u32>) -> KeepMember {
    KeepMember {
        member: MemberRef::applicant(id),
        evaluation: match score {
            Some(s) => Evaluation {
                score: Some(s),
                grade: None,
                notes: "Aktif dan tertib administrasi".into(),
            },
            None => Evaluation::default(),
        },
    }
}

pub(crate) async fn pilkada_round(
    db: &Db,
    admin: &adhoc::service::auth::Session,
    cap: Option<u32>,
) -> i64 {
    let r = rounds::create_from_preset(db, admin, Preset::Pilkada2024, Body::Ppk, None, now())
        .await
        .unwrap();
    let mut settings = r.settings.clone();
    settings.max_periods = cap;
    rounds::update_settings(db, admin, r.id, &settings, now())
        .await
        .unwrap();
    r.id
}

#[tokio::test]
async fn kept_members_count_toward_the_quota_and_the_cap_sees_recorded_service() {
    let (t, admin) = ready_db().await;
    let db = &t.db;
    let desk = as_role(&admin, Role::Operator);
    let chair = as_role(&admin, Role::Pimpinan);
    let verifier = as_role(&admin, Role::Verifikator);
    // The Pemilu: quota 5, seven applicants; 1–5 Terpilih, 6–7 Cadangan.
    let (earlier, people) = common::small_ppk_round(db, &admin, 5, 7).await;
    let id = |i: usize| people[i].0;
    let ids: Vec<i64> = people.iter().map(|p| p.0).collect();
    through_final(db, &admin, earlier, &ids).await;

    // Monthly reports only during the term.
    let report = |who: i64, month: &str| term::ReportInput {
        member: MemberRef::applicant(who),
        month: month.into(),
        summary: "Rapat pleno rekapitulasi diikuti penuh".into(),
        assessment: Some("Baik".into()),
    };
    let e = term::record_report(db, &desk, earlier, &report(id(0), "2024-01"), now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("masa kerja"), "{e}");
    into_term(db, &admin, earlier).await;

    let members = continuity::members(db, &chair, earlier).await.unwrap();
    assert_eq!(
        members.iter().map(|m| m.member).collect::<Vec<_>>(),
        (0..5)
            .map(|i| MemberRef::applicant(id(i)))
            .collect::<Vec<_>>()
    );
    assert_eq!(members[0].source_label, "Hasil seleksi");

    // The help desk records reports; a correction replaces the month's one.
    let e = term::record_report(db, &verifier, earlier, &report(id(0), "2024-01"), now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "forbidden");
    let e = term::record_report(db, &desk, earlier, &report(id(5), "2024-01"), now())
        .await
        .unwrap_err();
    assert_eq!(e.field(), Some("anggota"), "a reserve is not a member");
    for month in ["2024-01", "2024-02", "2024-02"] {
        term::record_report(db, &desk, earlier, &report(id(0), month), now())
            .await
            .unwrap();
    }
    // The commission decides the end-of-term evaluation.
    let eval = Evaluation {
        score: Some(88),
        grade: Some("Baik".into()),
        notes: "Disiplin dan menguasai rekapitulasi".into(),
    };
    let e = term::evaluate_end(
        db,
        &desk,
        earlier,
        MemberRef::applicant(id(0)),
        &eval,
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "forbidden");
    let done = term::evaluate_end(
        db,
        &chair,
        earlier,
        MemberRef::applicant(id(0)),
        &eval,
        now(),
    )
    .await
    .unwrap();
    assert_eq!(done.reports.len(), 2);
    assert_eq!(done.evaluation.as_ref().unwrap().summary, "88 (Baik)");

    // Member 5 leaves by PAW: no longer a member to keep.
    paw::record_leave(
        db,
        &chair,
        earlier,
        &LeaveInput {
            member_id: id(4),
            cause: LeaveCause::MengundurkanDiri,
            left_on: now().date_naive(),
            reason: "Surat pengunduran diri tertanggal hari ini".into(),
        },
        now(),
    )
    .await
    .unwrap();

    // The Pilkada caps the periods served at 1.
    let new = pilkada_round(db, &admin, Some(1)).await;
    let view = takeover::view(db, &chair, new, Some(earlier))
        .await
        .unwrap();
    assert!(view.open);
    assert_eq!(view.sources.len(), 1);
    assert_eq!(view.units.len(), 1);
    assert_eq!(
        view.units[0].candidates.len(),
        4,
        "the member who left is not offered"
    );

    // Refusals: role, more than the unit's seats, a non-member, no evaluation.
    let three = || {
        vec![
            kept(id(0), None),
            kept(id(1), Some(80)),
            kept(id(2), Some(75)),
        ]
    };
    let e = takeover::keep(db, &desk, new, &keep_input(earlier, three()), now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "forbidden");
    rounds::set_unit_quota(db, &admin, new, "35.14.01", Some(2), "Uji kuota", now())
        .await
        .unwrap();
    let e = takeover::keep(db, &chair, new, &keep_input(earlier, three()), now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("paling banyak 2"), "{e}");
    rounds::set_unit_quota(
        db,
        &admin,
        new,
        "35.14.01",
        None,
        "Kembali ke kuota bawaan",
        now(),
    )
    .await
    .unwrap();
    for (who, field) in [(id(4), "anggota"), (id(5), "anggota"), (id(3), "nilai")] {
        let e = takeover::keep(
            db,
            &chair,
            new,
            &keep_input(earlier, vec![kept(id(0), None), kept(who, None)]),
            now(),
        )
        .await
        .unwrap_err();
        assert_eq!(e.field(), Some(field), "{e}");
    }
    // All or nothing: nothing was kept by the refused calls.
    assert_eq!(
        takeover::view(db, &chair, new, None)
            .await
            .unwrap()
            .units
            .len(),
        0
    );

    // Three kept; the first takes its end-of-term evaluation.
    let view = takeover::keep(db, &chair, new, &keep_input(earlier, three()), now())
        .await
        .unwrap();
    let unit = &view.units[0];
    assert_eq!((unit.quota, unit.held, unit.seats_left), (5, 3, 2));
    assert_eq!(unit.kept.len(), 3);
    assert_eq!(unit.kept[0].evaluation.score, Some(88));
    assert!(unit.kept[0].from_round.is_some());
    let e = takeover::keep(
        db,
        &chair,
        new,
        &keep_input(earlier, vec![kept(id(0), Some(90))]),
        now(),
    )
    .await
    .unwrap_err();
    assert!(e.to_string().contains("sudah memegang kursi"), "{e}");

    // Member 4 applies instead: the form shows the recorded service, and
    // the cap of one period refuses it; then it cannot also be kept.
    let draft = ppk_draft(&format!("351401120890{:04}", 4), "Calon 04");
    let saved = registration::register(db, &desk, new, &draft, now())
        .await
        .unwrap();
    let check = &saved.check;
    assert_eq!(check.recorded_service.len(), 1);
    assert_eq!(check.recorded_service[0].round_id, earlier);
    assert_eq!(check.recorded_service[0].how, "Hasil seleksi");
    let periods = check
        .rules
        .iter()
        .find(|r| r.rule == Rule::PeriodeMenjabat)
        .unwrap();
    assert_eq!(periods.verdict, Verdict::Fail, "{}", periods.reason);
    let e = takeover::keep(
        db,
        &chair,
        new,
        &keep_input(earlier, vec![kept(id(3), Some(70))]),
        now(),
    )
    .await
    .unwrap_err();
    assert!(e.to_string().contains("sudah mendaftar"), "{e}");
    let view = takeover::view(db, &chair, new, Some(earlier))
        .await
        .unwrap();
    let blocked = |i: usize| {
        let c = view.units[0]
            .candidates
            .iter()
            .find(|c| c.member.member == MemberRef::applicant(id(i)));
        c.unwrap().blocked.clone()
    };
    assert_eq!(
        blocked(3).as_deref(),
        Some("Sudah mendaftar pada seleksi ini.")
    );
    assert_eq!(
        blocked(0).as_deref(),
        Some("Sudah memegang kursi pada seleksi ini.")
    );
    // The same period typed again by hand is not counted twice: with a cap
    // of 2 it would pass; here it stays one period.
    let mut typed = draft.clone();
    typed.previous_service = vec![adhoc::domain::registration::PreviousService {
        body: "PPK".into(),
        election: "Pemilu 2024".into(),
        year: 2024,
    }];
    let again = registration::check(
        db,
        &desk,
        new,
        &typed,
        Some(saved.saved.as_ref().unwrap().id),
        now(),
    )
    .await
    .unwrap();
    let periods = again
        .rules
        .iter()
        .find(|r| r.rule == Rule::PeriodeMenjabat)
        .unwrap();
    assert!(
        periods.reason.starts_with("Sudah 1 periode"),
        "{}",
        periods.reason
    );

    // Five fresh applicants; the selection ranks only the 2 seats left.
    let fresh = common::register_many(db, &desk, new, "35.14.01", 101, 5, now()).await;
    let fresh_ids: Vec<i64> = fresh.iter().map(|p| p.0).collect();
    // The bulk evaluation sees the recorded period too.
    let admin_rows = adhoc::service::verification::results(db, &chair, new, now())
        .await
        .unwrap();
    let capped = admin_rows
        .iter()
        .find(|r| r.reg_number == saved.saved.as_ref().unwrap().reg_number)
        .unwrap();
    assert!(capped.reasons.contains("periode"), "{}", capped.reasons);
    through_final(db, &admin, new, &fresh_ids).await;
    let results = selection::results(db, &chair, new, Stage::Akhir, None, now())
        .await
        .unwrap();
    let count = |s: Status| results.iter().filter(|r| r.status == s).count();
    assert_eq!(count(Status::Terpilih), 2);
    assert_eq!(count(Status::Cadangan), 2);

    // The history by NIK: chosen in the Pemilu, kept in the Pilkada.
    let nik = format!("351401120890{:04}", 1);
    let h = history::person(db, &chair, &nik).await.unwrap();
    assert_eq!(h.entries.len(), 2);
    assert!(
        h.entries[0].outcome.starts_with("Terpilih"),
        "{:?}",
        h.entries[0]
    );
    assert_eq!(h.entries[0].reports, 2);
    assert_eq!(
        h.entries[0].evaluation.as_ref().unwrap().summary,
        "88 (Baik)"
    );
    assert_eq!(h.entries[1].role, "Dilanjutkan (evaluasi kinerja)");
    let left = history::person(db, &chair, &format!("351401120890{:04}", 5))
        .await
        .unwrap();
    assert!(left.entries[0]
        .left
        .as_deref()
        .unwrap()
        .contains("Mengundurkan diri"));
}

#[tokio::test]
async fn a_unit_whose_seats_are_all_held_takes_no_registration_and_the_window_closes() {
    let (t, admin) = ready_db().await;
    let db = &t.db;
    let desk = as_role(&admin, Role::Operator);
    let chair = as_role(&admin, Role::Pimpinan);
    let (earlier, people) = common::small_ppk_round(db, &admin, 3, 3).await;
    let ids: Vec<i64> = people.iter().map(|p| p.0).collect();
    through_final(db, &admin, earlier, &ids).await;

    // The earlier round must be in its term.
    let new = pilkada_round(db, &admin, None).await;
    rounds::set_unit_quota(db, &admin, new, "35.14.01", Some(3), "Uji kuota", now())
        .await
        .unwrap();
    let all = || ids.iter().map(|i| kept(*i, Some(80))).collect::<Vec<_>>();
    let e = takeover::keep(db, &chair, new, &keep_input(earlier, all()), now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("masa kerja"), "{e}");
    into_term(db, &admin, earlier).await;
    let view = takeover::keep(db, &chair, new, &keep_input(earlier, all()), now())
        .await
        .unwrap();
    assert_eq!(view.units[0].seats_left, 0);

    let draft = ppk_draft("3514011208900101", "Calon Baru");
    let refused = registration::register(db, &desk, new, &draft, now())
        .await
        .unwrap();
    assert!(refused.saved.is_none());
    let problem = refused
        .check
        .problems
        .iter()
        .find(|p| p.field == "kode_wilayah_tugas")
        .unwrap();
    assert!(
        problem.reason.contains("sudah terisi"),
        "{}",
        problem.reason
    );
    // Another kecamatan still takes applicants.
    let mut elsewhere = ppk_draft("3514011208900102", "Calon Lain");
    elsewhere.fields.kode_wilayah_tugas = "35.14.02".into();
    elsewhere.fields.kode_desa_domisili = "35.14.02.2001".into();
    elsewhere.fields.alasan_domisili = String::new();
    let r = registration::register(db, &desk, new, &elsewhere, now())
        .await
        .unwrap();
    assert!(r.saved.is_some(), "{:?}", r.check.problems);

    // Cancelling one gives the seat back.
    let holder = view.units[0].kept[0].id;
    let e = takeover::cancel(db, &chair, holder, "salah", now())
        .await
        .unwrap_err();
    assert_eq!(e.field(), Some("alasan"));
    let view = takeover::cancel(db, &chair, holder, "Salah pilih anggota, dibatalkan", now())
        .await
        .unwrap();
    assert_eq!(view.units[0].seats_left, 1);
    let saved = registration::register(db, &desk, new, &draft, now())
        .await
        .unwrap();
    assert!(saved.saved.is_some(), "{:?}", saved.check.problems);

    // Once registration closed, nobody is kept or cancelled any more.
    close(db, &chair, new, Stage::Pendaftaran, now())
        .await
        .unwrap();
    let e = takeover::keep(
        db,
        &chair,
        new,
        &keep_input(earlier, vec![kept(ids[0], Some(80))]),
        now(),
    )
    .await
    .unwrap_err();
    assert!(e.to_string().contains("sebelum pendaftaran"), "{e}");
    assert_eq!(e.code(), "stage");
}
