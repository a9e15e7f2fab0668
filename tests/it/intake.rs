//! What the held-out rounds found: input stored wrong or a gate skipped.
//! Each test failed before the fix it names.

use adhoc::domain::account::Role;
use adhoc::domain::eligibility::{Rule, Verdict};
use adhoc::domain::extension::ExtensionState;
use adhoc::domain::party_check::PartyCheckMethod;
use adhoc::domain::round::Stage;
use adhoc::domain::verification::AdminVerdict;
use adhoc::service::extensions::{decide_without_extension, extend, extension_list};
use adhoc::service::publications::{make, PublicationRequest};
use adhoc::service::registration::check;
use adhoc::service::scores::{import_marks, score_sheet};
use adhoc::service::stages::{close, open};
use adhoc::service::{applicants, parties};
use chrono::Days;

use crate::common;
use common::{
    as_role, decide_admin, go_on_without_extensions, now, ppk_draft, ready_db, small_ppk_round,
};

const HEADER: &str = "nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,pendidikan,kode_wilayah_tugas";

/// One applicant row of the import format, born 12-08-1990 (a man).
fn applicant(serial: u32, kecamatan: &str) -> String {
    let k = &kecamatan[6..8];
    format!(
        "3514{k}120890{serial:04},Calon {serial},L,Pasuruan,12-08-1990,Dusun Krajan,35.14.{k}.2001,SMA,{kecamatan}"
    )
}

/// A round at the written test with four MS applicants in Purwodadi.
async fn at_written_test(
    t: &common::TestDb,
    admin: &adhoc::service::auth::Session,
) -> (i64, Vec<(i64, String)>) {
    let chair = as_role(admin, Role::Pimpinan);
    let (round, people) = small_ppk_round(&t.db, admin, 1, 4).await;
    decide_admin(&t.db, admin, people.iter().map(|p| p.0), AdminVerdict::MS).await;
    close(&t.db, &chair, round, Stage::Pendaftaran, now())
        .await
        .unwrap();
    go_on_without_extensions(&t.db, admin, round).await;
    close(&t.db, &chair, round, Stage::Administrasi, now())
        .await
        .unwrap();
    open(&t.db, &chair, round, Stage::Tertulis, now())
        .await
        .unwrap();
    (round, people)
}

/// Imports a written-test score file as the Verifikator.
async fn written_marks(
    t: &common::TestDb,
    admin: &adhoc::service::auth::Session,
    round: i64,
    file: &str,
) -> adhoc::service::scores::ScoreImport {
    let verifier = as_role(admin, Role::Verifikator);
    import_marks(
        &t.db,
        &verifier,
        round,
        Stage::Tertulis,
        file.as_bytes(),
        now(),
    )
    .await
    .unwrap()
}

/// The written-test mark of each applicant, as the score sheet shows it.
async fn sheet_marks(
    t: &common::TestDb,
    admin: &adhoc::service::auth::Session,
    round: i64,
) -> Vec<(i64, String)> {
    let verifier = as_role(admin, Role::Verifikator);
    score_sheet(&t.db, &verifier, round, Stage::Tertulis, None)
        .await
        .unwrap()
        .rows
        .into_iter()
        .map(|r| (r.applicant_id, r.mark))
        .collect()
}

#[tokio::test]
async fn a_comma_decimal_in_a_comma_separated_score_file_stores_nothing() {
    let (t, admin) = ready_db().await;
    let (round, people) = at_written_test(&t, &admin).await;
    let file = format!(
        "nomor_pendaftaran,nilai\n{},80\n{},77,5\n",
        people[0].1, people[1].1
    );
    let report = written_marks(&t, &admin, round, &file).await;
    assert_eq!(report.stored, 0);
    assert_eq!(report.problems.listed.len(), 1, "{:?}", report.problems);
    let p = &report.problems.listed[0];
    assert_eq!(p.line, 3);
    assert!(p.reason.contains("desimal dengan koma"), "{}", p.reason);
    // Not even the good row was stored.
    let marks = sheet_marks(&t, &admin, round).await;
    assert!(marks.iter().all(|(_, m)| m.is_empty()), "{marks:?}");
    // Quoted, the same value is read whole: 77,50.
    let file = format!("nomor_pendaftaran,nilai\n{},\"77,5\"\n", people[1].1);
    let report = written_marks(&t, &admin, round, &file).await;
    assert_eq!(report.stored, 1, "{:?}", report.problems);
    let marks = sheet_marks(&t, &admin, round).await;
    assert!(
        marks.contains(&(people[1].0, "77,50".to_string())),
        "{marks:?}"
    );
}

#[tokio::test]
async fn a_score_beside_an_absence_is_refused_with_the_reason() {
    let (t, admin) = ready_db().await;
    let (round, people) = at_written_test(&t, &admin).await;
    let file = format!(
        "nomor_pendaftaran,nilai,hadir\n{},70,ya\n{},80,tidak\n",
        people[0].1, people[1].1
    );
    let report = written_marks(&t, &admin, round, &file).await;
    assert_eq!(report.stored, 0);
    assert_eq!(report.problems.listed.len(), 1);
    assert_eq!(
        (
            report.problems.listed[0].line,
            report.problems.listed[0].column.as_str()
        ),
        (3, "nilai")
    );
    assert!(report.problems.listed[0]
        .reason
        .contains("padahal kolom hadir"));
    assert!(sheet_marks(&t, &admin, round)
        .await
        .iter()
        .all(|(_, m)| m.is_empty()));
}

#[tokio::test]
async fn the_import_applies_the_registration_gate_of_the_form() {
    let (t, admin) = ready_db().await;
    let desk = as_role(&admin, Role::Operator);
    let chair = as_role(&admin, Role::Pimpinan);
    let (round, _) = small_ppk_round(&t.db, &admin, 1, 2).await;
    close(&t.db, &chair, round, Stage::Pendaftaran, now())
        .await
        .unwrap();

    // Purwodadi reached 2 × quota: its extension is refused as not needed,
    // and so is an import into it.
    let e = extend(&t.db, &chair, round, &["35.14.01".into()], None, now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("tidak perlu diperpanjang"), "{e}");
    let file = format!("{HEADER}\n{}\n", applicant(10, "35.14.01"));
    let report = applicants::import(&t.db, &desk, round, file.as_bytes(), now())
        .await
        .unwrap();
    assert_eq!(report.stored, 0);
    assert_eq!(report.problems.listed.len(), 1);
    assert_eq!(report.problems.listed[0].column, "kode_wilayah_tugas");
    assert!(report.problems.listed[0]
        .reason
        .contains("tidak diperpanjang"));
    // The help desk refuses the same applicant with the same words.
    let mut draft = ppk_draft("3514011208900010", "Calon 10");
    draft.fields.kode_wilayah_tugas = "35.14.01".into();
    let e = adhoc::service::registration::register(&t.db, &desk, round, &draft, now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("tidak diperpanjang"), "{e}");

    // An extended unit takes applicants from a file while it runs; one row
    // elsewhere refuses the whole file.
    extend(&t.db, &chair, round, &["35.14.02".into()], None, now())
        .await
        .unwrap();
    let file = format!("{HEADER}\n{}\n", applicant(11, "35.14.02"));
    let report = applicants::import(&t.db, &desk, round, file.as_bytes(), now())
        .await
        .unwrap();
    assert_eq!(report.stored, 1, "{:?}", report.problems);
    let file = format!(
        "{HEADER}\n{}\n{}\n",
        applicant(12, "35.14.02"),
        applicant(13, "35.14.03")
    );
    let report = applicants::import(&t.db, &desk, round, file.as_bytes(), now())
        .await
        .unwrap();
    assert_eq!((report.stored, report.problems.listed.len()), (0, 1));
    assert_eq!(report.problems.listed[0].line, 3);
    // After the extension ended, not even there.
    let later = now() + Days::new(4);
    let file = format!("{HEADER}\n{}\n", applicant(14, "35.14.02"));
    let report = applicants::import(&t.db, &desk, round, file.as_bytes(), later)
        .await
        .unwrap();
    assert_eq!(report.stored, 0);
    assert!(report.problems.listed[0].reason.contains("sudah berakhir"));
}

#[tokio::test]
async fn no_applicant_enters_a_round_at_its_written_test() {
    let (t, admin) = ready_db().await;
    let desk = as_role(&admin, Role::Operator);
    let (round, _) = at_written_test(&t, &admin).await;
    let file = format!("{HEADER}\n{}\n", applicant(20, "35.14.01"));
    let e = applicants::import(&t.db, &desk, round, file.as_bytes(), now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("sudah ditutup"), "{e}");
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM applicants WHERE round_id = ?")
        .bind(round)
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    assert_eq!(count, 4, "nothing stored");
}

#[tokio::test]
async fn the_administrative_stage_waits_for_every_short_unit_to_be_settled() {
    let (t, admin) = ready_db().await;
    let chair = as_role(&admin, Role::Pimpinan);
    let verifier = as_role(&admin, Role::Verifikator);
    let (round, people) = small_ppk_round(&t.db, &admin, 1, 2).await;
    decide_admin(&t.db, &admin, people.iter().map(|p| p.0), AdminVerdict::MS).await;
    close(&t.db, &chair, round, Stage::Pendaftaran, now())
        .await
        .unwrap();

    // 23 kecamatan are below 2 × quota and were never extended.
    let e = close(&t.db, &chair, round, Stage::Administrasi, now())
        .await
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("23 wilayah masih perlu perpanjangan"),
        "{e}"
    );
    // Only the Pimpinan decides, with a written reason.
    let e = decide_without_extension(
        &t.db,
        &verifier,
        round,
        &["35.14.02".into()],
        "Alasan cukup panjang",
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "forbidden");
    let e = decide_without_extension(&t.db, &chair, round, &["35.14.02".into()], "singkat", now())
        .await
        .unwrap_err();
    assert_eq!(e.field(), Some("alasan"));
    let e = decide_without_extension(
        &t.db,
        &chair,
        round,
        &["35.14.01".into()],
        "Alasan cukup panjang",
        now(),
    )
    .await
    .unwrap_err();
    assert!(e.to_string().contains("tidak perlu"), "{e}");

    let reason = "Pleno 3 Desember: tidak ada warga lain yang mendaftar";
    let all: Vec<String> = extension_list(&t.db, &chair, round, now())
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.unit_code)
        .collect();
    let (first, rest) = all.split_first().unwrap();
    let done = decide_without_extension(
        &t.db,
        &chair,
        round,
        std::slice::from_ref(first),
        reason,
        now(),
    )
    .await
    .unwrap();
    assert_eq!(done[0].state, ExtensionState::LanjutKeputusan);
    assert!(done[0].decision.as_deref().unwrap().contains(reason));
    // One unit still waiting keeps the stage open.
    let e = close(&t.db, &chair, round, Stage::Administrasi, now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("22 wilayah"), "{e}");
    decide_without_extension(&t.db, &chair, round, rest, reason, now())
        .await
        .unwrap();
    close(&t.db, &chair, round, Stage::Administrasi, now())
        .await
        .unwrap();

    // The decision is printed in the Berita Acara of registration.
    let req = PublicationRequest {
        kind: adhoc::domain::publication::PublicationKind::BeritaAcara(Stage::Pendaftaran),
        unit: Some(first.clone()),
        paper: adhoc::pdf::Paper::A4,
        number: Some("01/PP.04.1-BA/3514/2022".into()),
        signer: None,
    };
    let made = make(&t.db, &chair, round, &req, now()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("ba.pdf");
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
    assert!(text.contains("Diputuskan lanjut"), "{text}");
    assert!(text.contains("tidak ada warga lain"), "{text}");
}

#[tokio::test]
async fn party_membership_checked_without_a_file_lets_applicants_pass() {
    let (t, admin) = ready_db().await;
    let desk = as_role(&admin, Role::Operator);
    let (round, people) = small_ppk_round(&t.db, &admin, 1, 1).await;
    let rule = |c: &adhoc::service::registration::RegistrationCheck| {
        c.rules
            .iter()
            .find(|r| r.rule == Rule::KeanggotaanPartai)
            .unwrap()
            .clone()
    };
    let draft = ppk_draft("3514011208900001", "Calon 01");
    let before = check(&t.db, &desk, round, &draft, Some(people[0].0), now())
        .await
        .unwrap();
    assert_eq!(rule(&before).verdict, Verdict::Review);

    // Administrators only; then the rule passes with who, how and when.
    let e = parties::record_check(
        &t.db,
        &desk,
        round,
        PartyCheckMethod::SipolDaring,
        "",
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "forbidden");
    parties::record_check(
        &t.db,
        &admin,
        round,
        PartyCheckMethod::SipolDaring,
        "Dicek 1 Desember",
        now(),
    )
    .await
    .unwrap();
    let after = check(&t.db, &desk, round, &draft, Some(people[0].0), now())
        .await
        .unwrap();
    let r = rule(&after);
    assert_eq!(r.verdict, Verdict::Pass);
    assert!(
        r.reason.contains("SIPOL (daring)") && r.reason.contains("admin"),
        "{}",
        r.reason
    );

    // A list imported later takes precedence: it names this applicant.
    parties::import(
        &t.db,
        &admin,
        b"nik,partai\n3514011208900001,Partai Contoh\n",
        now(),
    )
    .await
    .unwrap();
    let listed = check(&t.db, &desk, round, &draft, Some(people[0].0), now())
        .await
        .unwrap();
    assert_eq!(rule(&listed).verdict, Verdict::Fail);
    // An empty list is a valid list: nobody is a member.
    let empty = parties::import(&t.db, &admin, b"nik,partai\n", now())
        .await
        .unwrap();
    assert!(empty.is_stored(), "{:?}", empty.problems);
    assert_eq!(empty.members, 0);
    let none = check(&t.db, &desk, round, &draft, Some(people[0].0), now())
        .await
        .unwrap();
    assert_eq!(rule(&none).verdict, Verdict::Pass);
    assert!(rule(&none).reason.contains("tidak ada dalam daftar"));
}
