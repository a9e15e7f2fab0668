//! Extensions as the round allows them, then appointment (penunjukan) for
//! the seats still empty: the boundaries of the rule, the refusals, and an
//! appointed member counted, listed, printed in the SK lampiran and
//! replaced through PAW like a selected one.

use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::common;

use adhoc::domain::account::Role;
use adhoc::domain::applicant::{Education, Sex};
use adhoc::domain::appointment::Situation;
use adhoc::domain::extension::ExtensionState;
use adhoc::domain::round::Stage;
use adhoc::domain::seat_holder::{HolderSource, ProposerKind};
use adhoc::domain::verification::AdminVerdict;
use adhoc::service::appointment::{self, AppointmentInput};
use adhoc::service::extensions::{extend, extension_list};
use adhoc::service::paw::{self, HolderLeaveInput, LeaveCause};
use adhoc::service::stages::{close, open};
use adhoc::service::{quota, rounds};
use common::{as_role, decide_admin, now, ready_db, register_many, small_ppk_round};

const PURWODADI: &str = "35.14.01";
const TUTUR: &str = "35.14.02";

/// A person the village government proposes, with a NIK that agrees with
/// a man born 12-08-1990.
fn person(unit: &str, serial: u32) -> AppointmentInput {
    AppointmentInput {
        unit_code: unit.into(),
        nik: format!("351401120890{serial:04}"),
        full_name: format!("Ditunjuk {serial}"),
        sex: Sex::L,
        birth_date: NaiveDate::from_ymd_opt(1990, 8, 12).unwrap(),
        address: "Dusun Krajan RT 01".into(),
        phone: None,
        education: Education::S1,
        proposer_kind: ProposerKind::PemerintahDesa,
        proposer_name: "Pemerintah Desa Wonorejo".into(),
        decision: "BA Pleno 21/PP.04.1-BA/3514/2026".into(),
        reason: "Pendaftar tetap kurang sesudah perpanjangan".into(),
        acknowledge_nik_warnings: false,
    }
}

/// The extension state of `unit` on `at`, if it fell short.
async fn state_of(
    db: &adhoc::store::Db,
    s: &adhoc::service::auth::Session,
    round: i64,
    unit: &str,
    at: DateTime<Utc>,
) -> Option<ExtensionState> {
    extension_list(db, s, round, at)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.unit_code == unit)
        .map(|u| u.state)
}

/// A PPK round with no applicant yet, allowing `allowed` extensions, with
/// Purwodadi at quota `quota`.
async fn round_allowing(
    db: &adhoc::store::Db,
    admin: &adhoc::service::auth::Session,
    quota: u32,
    allowed: u32,
) -> i64 {
    let (round, _) = small_ppk_round(db, admin, quota, 0).await;
    let mut settings = rounds::get_round(db, admin, round).await.unwrap().settings;
    assert_eq!(settings.extensions_allowed, 2, "default: two extensions");
    settings.extensions_allowed = allowed;
    rounds::update_settings(db, admin, round, &settings, now())
        .await
        .unwrap();
    round
}

#[tokio::test]
async fn exactly_the_quota_after_the_first_extension_goes_on_and_appointment_waits_for_the_last() {
    let (t, admin) = ready_db().await;
    let chair = as_role(&admin, Role::Pimpinan);
    let desk = as_role(&admin, Role::Operator);
    let round = round_allowing(&t.db, &admin, 3, 2).await;
    register_many(&t.db, &desk, round, PURWODADI, 1, 1, now()).await;
    close(&t.db, &chair, round, Stage::Pendaftaran, now())
        .await
        .unwrap();

    // Before any extension: appointment is refused, saying what comes first.
    let e = appointment::appoint(&t.db, &chair, round, &person(PURWODADI, 9001), now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "stage", "{e}");
    assert!(
        e.to_string()
            .contains("Perpanjang pendaftaran 3 hari".to_lowercase().as_str()),
        "{e}"
    );

    // First extension for both; Purwodadi reaches exactly 1 × quota.
    extend(
        &t.db,
        &chair,
        round,
        &[PURWODADI.into(), TUTUR.into()],
        None,
        now(),
    )
    .await
    .unwrap();
    register_many(&t.db, &desk, round, PURWODADI, 2, 2, now()).await;
    let e = appointment::appoint(&t.db, &chair, round, &person(TUTUR, 9001), now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("tunggu akhir perpanjangan"), "{e}");
    let after_first = now() + Days::new(4);
    assert_eq!(
        state_of(&t.db, &chair, round, PURWODADI, after_first).await,
        Some(ExtensionState::BolehLanjut)
    );
    let e = extend(&t.db, &chair, round, &[PURWODADI.into()], None, after_first)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("boleh lanjut"), "{e}");
    // Tutur, still empty, gets its second and last extension...
    assert_eq!(
        state_of(&t.db, &chair, round, TUTUR, after_first).await,
        Some(ExtensionState::PerluPerpanjanganLagi)
    );
    let e = appointment::appoint(&t.db, &chair, round, &person(TUTUR, 9001), after_first)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "stage", "{e}");
    extend(&t.db, &chair, round, &[TUTUR.into()], None, after_first)
        .await
        .unwrap();
    // ... and after it, none more: the next step is appointment.
    let after_second = after_first + Days::new(4);
    assert_eq!(
        state_of(&t.db, &chair, round, TUTUR, after_second).await,
        Some(ExtensionState::PerluPenunjukan)
    );
    let e = extend(&t.db, &chair, round, &[TUTUR.into()], None, after_second)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("penunjukan"), "{e}");
    let situations = appointment::unit_situations(&t.db, &chair, round, after_second)
        .await
        .unwrap();
    let tutur = situations.iter().find(|u| u.unit_code == TUTUR).unwrap();
    assert_eq!(tutur.situation, Situation::PerluPenunjukan);
    assert_eq!(tutur.appointable, 5);
    assert_eq!(tutur.next_step, "Isi 5 kursi yang kosong dengan penunjukan");
    let purwodadi = situations
        .iter()
        .find(|u| u.unit_code == PURWODADI)
        .unwrap();
    assert_eq!(purwodadi.situation, Situation::Cukup);
    appointment::appoint(&t.db, &chair, round, &person(TUTUR, 9001), after_second)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_round_allowing_one_extension_refuses_the_second_and_appoints_only_the_seats_left() {
    let (t, admin) = ready_db().await;
    let chair = as_role(&admin, Role::Pimpinan);
    let desk = as_role(&admin, Role::Operator);
    let round = round_allowing(&t.db, &admin, 3, 1).await;
    let people = register_many(&t.db, &desk, round, PURWODADI, 1, 1, now()).await;
    close(&t.db, &chair, round, Stage::Pendaftaran, now())
        .await
        .unwrap();
    extend(&t.db, &chair, round, &[PURWODADI.into()], None, now())
        .await
        .unwrap();
    let later = now() + Days::new(4);
    assert_eq!(
        state_of(&t.db, &chair, round, PURWODADI, later).await,
        Some(ExtensionState::PerluPenunjukan)
    );
    let e = extend(&t.db, &chair, round, &[PURWODADI.into()], None, later)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("sudah diperpanjang 1 kali"), "{e}");
    assert!(e.to_string().contains("penunjukan"), "{e}");

    // Only the Pimpinan appoints, and only a valid person.
    let e = appointment::appoint(&t.db, &desk, round, &person(PURWODADI, 9001), later)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "forbidden");
    let bad_nik = AppointmentInput {
        nik: "3514011208900000".into(),
        ..person(PURWODADI, 9001)
    };
    let e = appointment::appoint(&t.db, &chair, round, &bad_nik, later)
        .await
        .unwrap_err();
    assert_eq!(e.field(), Some("nik"));
    let woman = AppointmentInput {
        sex: Sex::P,
        ..person(PURWODADI, 9001)
    };
    let e = appointment::appoint(&t.db, &chair, round, &woman, later)
        .await
        .unwrap_err();
    assert_eq!(e.field(), Some("jenis_kelamin"), "{e}");
    // An applicant of the round cannot be appointed.
    let applicant = AppointmentInput {
        nik: "3514011208900001".into(),
        ..person(PURWODADI, 9001)
    };
    let e = appointment::appoint(&t.db, &chair, round, &applicant, later)
        .await
        .unwrap_err();
    assert!(e.to_string().contains(&people[0].1), "{e}");

    // Quota 3, one applicant: two seats, no more.
    let first = appointment::appoint(&t.db, &chair, round, &person(PURWODADI, 9001), later)
        .await
        .unwrap();
    assert_eq!(first.source, HolderSource::Penunjukan);
    assert_eq!(
        first.proposer.as_deref(),
        Some("Pemerintah desa/kelurahan: Pemerintah Desa Wonorejo")
    );
    let e = appointment::appoint(&t.db, &chair, round, &person(PURWODADI, 9001), later)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("sudah memegang kursi"), "{e}");
    appointment::appoint(&t.db, &chair, round, &person(PURWODADI, 9002), later)
        .await
        .unwrap();
    let e = appointment::appoint(&t.db, &chair, round, &person(PURWODADI, 9003), later)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("tidak punya kursi"), "{e}");
    // Held seats count: the unit is settled, the quota counts them.
    assert_eq!(
        state_of(&t.db, &chair, round, PURWODADI, later).await,
        Some(ExtensionState::BolehLanjut)
    );
    let board = quota::quota(&t.db, &chair, round, later).await.unwrap();
    let row = board
        .units
        .iter()
        .find(|u| u.unit_code == PURWODADI)
        .unwrap();
    assert_eq!((row.quota, row.held, row.registered), (3, 2, 1));

    // A wrong entry is cancelled with a reason, and the seat is free again.
    let e = appointment::cancel_appointment(&t.db, &chair, round, first.id, "salah", later)
        .await
        .unwrap_err();
    assert_eq!(e.field(), Some("alasan"));
    appointment::cancel_appointment(
        &t.db,
        &chair,
        round,
        first.id,
        "Salah memasukkan orang yang diusulkan",
        later,
    )
    .await
    .unwrap();
    let listed = appointment::seat_holders(&t.db, &chair, round)
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    appointment::appoint(&t.db, &chair, round, &person(PURWODADI, 9003), later)
        .await
        .unwrap();
    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE action LIKE 'seat_holder.%' ORDER BY id",
    )
    .fetch_all(t.db.pool())
    .await
    .unwrap();
    assert_eq!(
        actions,
        [
            "seat_holder.appoint",
            "seat_holder.appoint",
            "seat_holder.cancel",
            "seat_holder.appoint"
        ]
    );
}

#[tokio::test]
async fn an_appointed_member_counts_is_listed_printed_and_replaced_like_a_selected_one() {
    let (t, admin) = ready_db().await;
    let chair = as_role(&admin, Role::Pimpinan);
    let desk = as_role(&admin, Role::Operator);
    let verifier = as_role(&admin, Role::Verifikator);
    // Purwodadi: quota 2, four applicants. Tutur: quota 1, nobody.
    let round = round_allowing(&t.db, &admin, 2, 1).await;
    rounds::set_unit_quota(
        &t.db,
        &admin,
        round,
        TUTUR,
        Some(1),
        "Uji kuota kecil",
        now(),
    )
    .await
    .unwrap();
    let people = register_many(&t.db, &desk, round, PURWODADI, 1, 4, now()).await;
    decide_admin(&t.db, &admin, people.iter().map(|p| p.0), AdminVerdict::MS).await;
    close(&t.db, &chair, round, Stage::Pendaftaran, now())
        .await
        .unwrap();
    extend(&t.db, &chair, round, &[TUTUR.into()], None, now())
        .await
        .unwrap();
    let later = now() + Days::new(4);
    let appointed = appointment::appoint(&t.db, &chair, round, &person(TUTUR, 9001), later)
        .await
        .unwrap();
    common::go_on_without_extensions_at(&t.db, &admin, round, later).await;
    close(&t.db, &chair, round, Stage::Administrasi, later)
        .await
        .unwrap();
    for (stage, base) in [(Stage::Tertulis, 80), (Stage::Wawancara, 90)] {
        open(&t.db, &chair, round, stage, later).await.unwrap();
        for (i, p) in people.iter().enumerate() {
            let mark = (base - 5 * i as u32).to_string();
            adhoc::service::scores::record_mark(&t.db, &verifier, round, stage, p.0, &mark, later)
                .await
                .unwrap();
        }
        close(&t.db, &chair, round, stage, later).await.unwrap();
    }
    open(&t.db, &chair, round, Stage::Akhir, later)
        .await
        .unwrap();
    close(&t.db, &chair, round, Stage::Akhir, later)
        .await
        .unwrap();

    // Tutur's one seat is held: not short of candidates, and listed.
    let board = quota::quota(&t.db, &chair, round, later).await.unwrap();
    let tutur = board.units.iter().find(|u| u.unit_code == TUTUR).unwrap();
    assert_eq!((tutur.held, tutur.terpilih), (1, 0));
    assert!(
        !tutur.flags.contains(&quota::QuotaFlag::KurangCalon),
        "{tutur:?}"
    );
    let members = paw::members(&t.db, &chair, round, Some(TUTUR), later)
        .await
        .unwrap();
    let m = &members[0].members;
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].full_name, appointed.full_name);
    assert_eq!(m[0].holder_id, Some(appointed.id));
    assert_eq!(m[0].source_label.as_deref(), Some("Penunjukan"));

    // The SK lampiran names the appointed member, marked.
    let req = adhoc::service::publications::PublicationRequest {
        kind: adhoc::domain::publication::PublicationKind::LampiranSk,
        unit: None,
        paper: adhoc::pdf::Paper::A4,
        number: Some("99/PP.04.1-Kpt/3514/2026".into()),
        signer: None,
    };
    close(&t.db, &chair, round, Stage::Penetapan, later)
        .await
        .unwrap();
    let made = adhoc::service::publications::make(&t.db, &chair, round, &req, later)
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("sk.pdf");
    std::fs::write(&pdf, &made.bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("Ditunjuk 9001"), "{text}");
    assert!(text.contains("Penunjukan"), "{text}");
    assert!(text.contains("Calon 01"), "{text}");

    // During the term the appointed member leaves. Tutur has no reserve:
    // the departure waits, and the empty seat may be appointed again.
    open(&t.db, &chair, round, Stage::MasaKerja, later)
        .await
        .unwrap();
    let leave = HolderLeaveInput {
        holder_id: appointed.id,
        cause: LeaveCause::MengundurkanDiri,
        left_on: later.date_naive(),
        reason: "Surat pengunduran diri tertanggal hari ini".into(),
    };
    let unit = paw::record_holder_leave(&t.db, &chair, round, &leave, later)
        .await
        .unwrap();
    assert!(unit.members.is_empty());
    assert_eq!(
        unit.history[0].member.source,
        Some(HolderSource::Penunjukan)
    );
    assert!(unit.proposed.is_none(), "no reserve in Tutur");
    let situations = appointment::unit_situations(&t.db, &chair, round, later)
        .await
        .unwrap();
    let tutur = situations.iter().find(|u| u.unit_code == TUTUR).unwrap();
    assert_eq!(
        (tutur.situation, tutur.appointable),
        (Situation::PerluPenunjukan, 1)
    );
    // The seat is filled by appointment: the departure no longer waits,
    // and the next member may leave in turn.
    let again = appointment::appoint(&t.db, &chair, round, &person(TUTUR, 9002), later)
        .await
        .unwrap();
    let unit = paw::members(&t.db, &chair, round, Some(TUTUR), later)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(unit.pending, None);
    assert_eq!(unit.members.len(), 1);
    assert_eq!(unit.members[0].holder_id, Some(again.id));
    let note = unit.history[0].decision_note.as_deref().unwrap_or_default();
    assert!(note.contains("penunjukan"), "{note}");
    let leave = HolderLeaveInput {
        holder_id: again.id,
        ..leave
    };
    let unit = paw::record_holder_leave(&t.db, &chair, round, &leave, later)
        .await
        .unwrap();
    assert!(unit.pending.is_some());
    assert!(unit.members.is_empty());
}

#[tokio::test]
async fn a_seat_holder_who_leaves_is_replaced_by_the_best_reserve() {
    let (t, admin) = ready_db().await;
    let chair = as_role(&admin, Role::Pimpinan);
    let verifier = as_role(&admin, Role::Verifikator);
    // Purwodadi: quota 2, one seat held by a member kept from before; four
    // applicants for the seat left: one Terpilih, one Cadangan.
    let (round, people) = small_ppk_round(&t.db, &admin, 2, 4).await;
    let holder = {
        let mut conn = t.db.pool().acquire().await.unwrap();
        adhoc::store::seat_holders::insert(
            &mut conn,
            &adhoc::store::seat_holders::HolderRow {
                id: 0,
                round_id: round,
                unit_code: "351401".into(),
                source: "dilanjutkan".into(),
                nik: "3514011208909001".into(),
                full_name: "Anggota Lama".into(),
                sex: "L".into(),
                birth_date: None,
                address: None,
                phone: None,
                education: None,
                proposer_kind: None,
                proposer_name: None,
                from_round_id: Some(round),
                from_applicant_id: None,
                from_holder_id: None,
                evaluation_grade: Some("baik".into()),
                evaluation_score: Some(85),
                evaluation_notes: None,
                decision: "Kpt 1/2026".into(),
                reason: "Evaluasi kinerja baik".into(),
                decided_at: now().to_rfc3339(),
                decided_by_name: None,
                cancelled_at: None,
                cancelled_reason: None,
            },
            None,
        )
        .await
        .unwrap()
    };
    decide_admin(&t.db, &admin, people.iter().map(|p| p.0), AdminVerdict::MS).await;
    common::close_administration(&t.db, &admin, round).await;
    for (stage, base) in [(Stage::Tertulis, 80), (Stage::Wawancara, 90)] {
        open(&t.db, &chair, round, stage, now()).await.unwrap();
        // One seat left: three pass the written test.
        let n = if stage == Stage::Tertulis { 4 } else { 3 };
        for (i, p) in people.iter().take(n).enumerate() {
            let mark = (base - 5 * i as u32).to_string();
            adhoc::service::scores::record_mark(&t.db, &verifier, round, stage, p.0, &mark, now())
                .await
                .unwrap();
        }
        close(&t.db, &chair, round, stage, now()).await.unwrap();
    }
    open(&t.db, &chair, round, Stage::Akhir, now())
        .await
        .unwrap();
    for stage in [Stage::Akhir, Stage::Penetapan] {
        close(&t.db, &chair, round, stage, now()).await.unwrap();
    }
    open(&t.db, &chair, round, Stage::MasaKerja, now())
        .await
        .unwrap();
    let unit = &paw::members(&t.db, &chair, round, Some(PURWODADI), now())
        .await
        .unwrap()[0];
    let names: Vec<&str> = unit.members.iter().map(|m| m.full_name.as_str()).collect();
    assert_eq!(names, ["Calon 01", "Anggota Lama"]);
    assert_eq!(unit.members[1].source, Some(HolderSource::Dilanjutkan));
    assert_eq!(unit.reserves.len(), 1);

    let leave = HolderLeaveInput {
        holder_id: holder,
        cause: LeaveCause::Meninggal,
        left_on: now().date_naive(),
        reason: "Akta kematian nomor 12/2026".into(),
    };
    let unit = paw::record_holder_leave(&t.db, &chair, round, &leave, now())
        .await
        .unwrap();
    let proposed = unit.proposed.clone().expect("the reserve is proposed");
    assert_eq!(proposed.full_name, "Calon 02");
    let unit = paw::confirm(
        &t.db,
        &chair,
        round,
        unit.pending.unwrap(),
        proposed.applicant_id,
        "Keputusan KPU Kab. Pasuruan 30/2026",
        now(),
    )
    .await
    .unwrap();
    let names: Vec<&str> = unit.members.iter().map(|m| m.full_name.as_str()).collect();
    assert_eq!(names, ["Calon 01", "Calon 02"]);
    assert_eq!(unit.history[0].member.full_name, "Anggota Lama");
    // Appointment is not possible: every seat is filled.
    let e = appointment::appoint(&t.db, &chair, round, &person(PURWODADI, 9002), now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("tidak punya kursi"), "{e}");
}
