//! One helper that builds a ready database in a temporary folder; `cli`
//! drives the `adhoc` binary.
#![allow(dead_code)]

pub mod cli;
pub mod workbook;

use std::path::PathBuf;

use adhoc::service::auth::Session;
use adhoc::service::setup::{first_run, NewAccount};
use adhoc::store::{Db, OpenMode};
use chrono::{DateTime, TimeZone, Utc};
use tempfile::TempDir;

/// A fixed clock for reproducible tests.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).unwrap()
}

pub fn admin_input() -> NewAccount {
    NewAccount {
        username: "admin".into(),
        full_name: "Admin Uji".into(),
        password: "rahasia-sekali-123".into(),
    }
}

/// A real SQLite file in a temporary folder, removed when dropped.
pub struct TestDb {
    pub db: Db,
    pub dir: TempDir,
}

impl TestDb {
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("test.db")
    }
}

/// An empty, migrated database.
pub async fn empty_db() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("test.db"), OpenMode::CreateIfMissing)
        .await
        .unwrap();
    TestDb { db, dir }
}

/// A database set up for Kabupaten Pasuruan with an administrator logged in.
pub async fn ready_db() -> (TestDb, Session) {
    let t = empty_db().await;
    let admin = first_run(&t.db, Some("3514"), &admin_input(), now())
        .await
        .unwrap();
    (t, admin)
}

/// The same user in another role (the core decides by role).
pub fn as_role(session: &Session, role: adhoc::domain::account::Role) -> Session {
    Session {
        role,
        ..session.clone()
    }
}

/// A complete PPK application for Kecamatan Purwodadi (35.14.01), born
/// 12-08-1990; the NIK must agree (day 12, or 52 for a woman with sex P).
pub fn ppk_draft(nik: &str, name: &str) -> adhoc::domain::registration::RegistrationDraft {
    adhoc::domain::registration::RegistrationDraft {
        fields: adhoc::domain::applicant_input::ApplicantFields {
            nik: nik.into(),
            nama: name.into(),
            jenis_kelamin: "L".into(),
            tempat_lahir: "Pasuruan".into(),
            tanggal_lahir: "12-08-1990".into(),
            alamat: "Dusun Krajan".into(),
            kode_desa: "35.14.01.2001".into(),
            pendidikan: "SMA".into(),
            kode_wilayah_tugas: "35.14.01".into(),
            ..Default::default()
        },
        party_status: Some(adhoc::domain::registration::PartyStatus::Bukan),
        ..Default::default()
    }
}

/// Registers `n` applicants in `kecamatan` (dotted code); returns their ids
/// and registration numbers in order.
pub async fn register_many(
    db: &adhoc::store::Db,
    desk: &Session,
    round: i64,
    kecamatan: &str,
    first_serial: u32,
    n: u32,
    at: DateTime<Utc>,
) -> Vec<(i64, String)> {
    let mut out = Vec::new();
    for i in 0..n {
        let serial = first_serial + i;
        let mut draft = ppk_draft(
            &format!("351401120890{serial:04}"),
            &format!("Calon {serial:02}"),
        );
        draft.fields.kode_wilayah_tugas = kecamatan.into();
        let saved = adhoc::service::registration::register(db, desk, round, &draft, at)
            .await
            .unwrap()
            .saved
            .unwrap_or_else(|| panic!("applicant {serial} not registered"));
        out.push((saved.id, saved.reg_number));
    }
    out
}

/// A PPK round (Pemilu 2024 preset) whose Purwodadi (35.14.01) has quota
/// `quota` and `n` applicants registered there; returns the round and the
/// applicants (id, number) in registration order.
pub async fn small_ppk_round(
    db: &adhoc::store::Db,
    admin: &Session,
    quota: u32,
    n: u32,
) -> (i64, Vec<(i64, String)>) {
    small_ppk_round_with(
        db,
        admin,
        adhoc::domain::round::Preset::Pemilu2024,
        quota,
        n,
        |_| {},
    )
    .await
}

/// [`small_ppk_round`] from `preset`, with its settings changed by `edit`
/// before anyone registers.
pub async fn small_ppk_round_with(
    db: &adhoc::store::Db,
    admin: &Session,
    preset: adhoc::domain::round::Preset,
    quota: u32,
    n: u32,
    edit: impl FnOnce(&mut adhoc::domain::round::RoundSettings),
) -> (i64, Vec<(i64, String)>) {
    let created = adhoc::service::rounds::create_from_preset(
        db,
        admin,
        preset,
        adhoc::domain::round::Body::Ppk,
        None,
        now(),
    )
    .await
    .unwrap();
    let round = created.id;
    let mut settings = created.settings.clone();
    edit(&mut settings);
    if settings != created.settings {
        adhoc::service::rounds::update_settings(db, admin, round, &settings, now())
            .await
            .unwrap();
    }
    adhoc::service::rounds::set_unit_quota(
        db,
        admin,
        round,
        "35.14.01",
        Some(quota),
        "Uji kuota kecil",
        now(),
    )
    .await
    .unwrap();
    let desk = as_role(admin, adhoc::domain::account::Role::Operator);
    let people = register_many(db, &desk, round, "35.14.01", 1, n, now()).await;
    (round, people)
}

/// The Verifikator's verdict on each applicant (an override with a reason).
pub async fn decide_admin(
    db: &adhoc::store::Db,
    admin: &Session,
    ids: impl IntoIterator<Item = i64>,
    verdict: adhoc::domain::verification::AdminVerdict,
) {
    let verifier = as_role(admin, adhoc::domain::account::Role::Verifikator);
    for id in ids {
        adhoc::service::verification::set_override(
            db,
            &verifier,
            id,
            Some(verdict),
            "Diputuskan dalam uji",
            now(),
        )
        .await
        .unwrap();
    }
}

/// Closes registration and the administrative check of `round` as the
/// Pimpinan does, letting short units go on without an extension first.
pub async fn close_administration(db: &adhoc::store::Db, admin: &Session, round: i64) {
    use adhoc::domain::round::Stage;
    use adhoc::service::stages::close;
    let chair = as_role(admin, adhoc::domain::account::Role::Pimpinan);
    close(db, &chair, round, Stage::Pendaftaran, now())
        .await
        .unwrap();
    go_on_without_extensions(db, admin, round).await;
    close(db, &chair, round, Stage::Administrasi, now())
        .await
        .unwrap();
}

/// After registration closed: the Pimpinan records that every unit left
/// short goes on without an extension (so a small test round can close its
/// administrative stage).
pub async fn go_on_without_extensions(db: &adhoc::store::Db, admin: &Session, round: i64) {
    go_on_without_extensions_at(db, admin, round, now()).await;
}

/// [`go_on_without_extensions`] on a given day (e.g. after an extension ended).
pub async fn go_on_without_extensions_at(
    db: &adhoc::store::Db,
    admin: &Session,
    round: i64,
    at: DateTime<Utc>,
) {
    let chair = as_role(admin, adhoc::domain::account::Role::Pimpinan);
    let short: Vec<String> = adhoc::service::extensions::extension_list(db, &chair, round, at)
        .await
        .unwrap()
        .into_iter()
        .filter(|u| u.can_extend)
        .map(|u| u.unit_code)
        .collect();
    if !short.is_empty() {
        adhoc::service::extensions::decide_without_extension(
            db,
            &chair,
            round,
            &short,
            "Tidak ada pendaftar lain (uji)",
            at,
        )
        .await
        .unwrap();
    }
}
