//! Penelitian administrasi: document verdicts and the administrative verdict.

use crate::common;

use adhoc::domain::account::Role;
use adhoc::domain::round::{Body, Preset};
use adhoc::domain::verification::{AdminVerdict, DocVerdict};
use adhoc::service::auth::Session;
use adhoc::service::document_import::import;
use adhoc::service::registration::register;
use adhoc::service::rounds::create_from_preset;
use adhoc::service::verification::{record, results, view};
use adhoc::store::Db;
use common::{as_role, now, ppk_draft, ready_db};

const STANDARD: [&str; 6] = [
    "surat_pendaftaran",
    "drh",
    "ktp",
    "ijazah",
    "surat_pernyataan",
    "surat_sehat",
];

/// A PPK round with two registered applicants; returns the round and their ids.
async fn round_with_two(db: &Db, admin: &Session) -> (i64, i64, i64) {
    let round = create_from_preset(db, admin, Preset::Pemilu2024, Body::Ppk, None, now())
        .await
        .unwrap();
    let desk = as_role(admin, Role::Operator);
    let mut ids = Vec::new();
    for (nik, name) in [
        ("3514011208900001", "Budi Santoso"),
        ("3514011208900002", "Agus Salim"),
    ] {
        let r = register(db, &desk, round.id, &ppk_draft(nik, name), now())
            .await
            .unwrap();
        ids.push(r.saved.expect("saved").id);
    }
    (round.id, ids[0], ids[1])
}

#[tokio::test]
async fn every_document_in_order_gives_ms_and_a_missing_one_tms_with_its_reason() {
    let (t, admin) = ready_db().await;
    let verifier = as_role(&admin, Role::Verifikator);
    let (_, budi, _) = round_with_two(&t.db, &admin).await;
    // The party list has not been imported: that rule needs a decision.
    adhoc::service::parties::import(
        &t.db,
        &admin,
        b"nik,partai\n3514019999990001,Partai Contoh\n",
        now(),
    )
    .await
    .unwrap();

    let open = view(&t.db, &verifier, budi, now()).await.unwrap().derived;
    assert_eq!(open.verdict, None);
    assert_eq!(open.pending.len(), 6, "{:?}", open.pending);

    for code in STANDARD {
        record(&t.db, &verifier, budi, code, DocVerdict::Sesuai, "", now())
            .await
            .unwrap();
    }
    let ms = view(&t.db, &verifier, budi, now()).await.unwrap().derived;
    assert_eq!(ms.verdict, Some(AdminVerdict::MS), "{ms:?}");

    record(
        &t.db,
        &verifier,
        budi,
        "ktp",
        DocVerdict::TidakAda,
        "",
        now(),
    )
    .await
    .unwrap();
    let tms = view(&t.db, &verifier, budi, now()).await.unwrap().derived;
    assert_eq!(tms.verdict, Some(AdminVerdict::TMS));
    assert_eq!(tms.reasons, ["Fotokopi KTP-el tidak ada."]);
}

#[tokio::test]
async fn a_verdict_needs_the_right_role_a_known_document_and_a_reason() {
    let (t, admin) = ready_db().await;
    let verifier = as_role(&admin, Role::Verifikator);
    let (_, budi, _) = round_with_two(&t.db, &admin).await;
    let desk = as_role(&admin, Role::Operator);
    let e = record(&t.db, &desk, budi, "ktp", DocVerdict::Sesuai, "", now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "forbidden");
    let e = record(
        &t.db,
        &verifier,
        budi,
        "ktp",
        DocVerdict::TidakSesuai,
        " ",
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.field(), Some("alasan"));
    let e = record(
        &t.db,
        &verifier,
        budi,
        "paspor",
        DocVerdict::Sesuai,
        "",
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.field(), Some("kode_dokumen"));
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM document_checks")
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    assert_eq!(n, 0);
}

#[tokio::test]
async fn import_is_all_or_nothing_and_results_list_every_reason() {
    let (t, admin) = ready_db().await;
    let verifier = as_role(&admin, Role::Verifikator);
    let (round, _, _) = round_with_two(&t.db, &admin).await;
    let mut lines = vec!["nomor_pendaftaran;kode_dokumen;status;alasan".to_string()];
    for n in ["PPK-3514-0001", "PPK-3514-0002"] {
        for code in STANDARD {
            lines.push(format!("{n};{code};sesuai;"));
        }
    }
    let mut bad = lines.clone();
    bad[4] = "PPK-3514-0001;ijazah;tidak sesuai;".into();
    bad[9] = "PPK-3514-0099;ktp;sesuai;".into();
    let report = import(&t.db, &verifier, round, bad.join("\n").as_bytes(), now())
        .await
        .unwrap();
    assert_eq!(report.stored, 0);
    let at: Vec<(u64, &str)> = report
        .problems
        .listed
        .iter()
        .map(|p| (p.line, p.column.as_str()))
        .collect();
    assert_eq!(at, [(5, "alasan"), (10, "nomor_pendaftaran")]);
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM document_checks")
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    assert_eq!(n, 0);

    lines[4] = "PPK-3514-0001;ijazah;tidak sesuai;Nama tidak sesuai dengan KTP-el".into();
    lines[9] = "PPK-3514-0002;ktp;tidak ada;".into();
    let report = import(&t.db, &verifier, round, lines.join("\n").as_bytes(), now())
        .await
        .unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.stored, 12);

    let rows = results(&t.db, &verifier, round, now()).await.unwrap();
    let got: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| (r.reg_number.as_str(), r.result_text(), r.reasons.as_str()))
        .collect();
    // A failure decides even while the party-list rule still needs a
    // decision (no list imported in this test).
    assert_eq!(
        got,
        [
            (
                "PPK-3514-0001",
                "TMS",
                "Fotokopi ijazah terakhir tidak sesuai: Nama tidak sesuai dengan KTP-el"
            ),
            ("PPK-3514-0002", "TMS", "Fotokopi KTP-el tidak ada.")
        ]
    );
}

#[tokio::test]
async fn a_verifier_overrides_with_a_reason_and_reports_show_it() {
    let (t, admin) = ready_db().await;
    let verifier = as_role(&admin, Role::Verifikator);
    let (round, budi, agus) = round_with_two(&t.db, &admin).await;
    use adhoc::service::verification::{set_needs_fix, set_override};

    let e = set_override(&t.db, &verifier, budi, Some(AdminVerdict::MS), "ok", now())
        .await
        .unwrap_err();
    assert_eq!(e.field(), Some("alasan"));
    let desk = as_role(&admin, Role::Operator);
    assert_eq!(
        set_override(
            &t.db,
            &desk,
            budi,
            Some(AdminVerdict::MS),
            "Pleno memutuskan",
            now()
        )
        .await
        .unwrap_err()
        .code(),
        "forbidden"
    );
    set_override(
        &t.db,
        &verifier,
        budi,
        Some(AdminVerdict::TMS),
        "Terbukti anggota tim kampanye 2023 (pleno 5 Des)",
        now(),
    )
    .await
    .unwrap();
    let v = view(&t.db, &verifier, budi, now()).await.unwrap();
    assert_eq!(v.derived.verdict, None);
    assert_eq!(v.final_verdict, Some(AdminVerdict::TMS));
    assert_eq!(v.documents.len(), 8);
    assert_eq!(v.documents.iter().filter(|d| d.applies).count(), 6);

    set_needs_fix(
        &t.db,
        &verifier,
        agus,
        true,
        "Surat sehat belum mencantumkan tekanan darah",
        now(),
    )
    .await
    .unwrap();
    let v = view(&t.db, &verifier, agus, now()).await.unwrap();
    assert!(v.needs_fix);
    assert_eq!(
        v.fix_note.as_deref(),
        Some("Surat sehat belum mencantumkan tekanan darah")
    );

    let rows = results(&t.db, &verifier, round, now()).await.unwrap();
    assert_eq!(rows[0].result, Some(AdminVerdict::TMS));
    assert_eq!(
        rows[0].reasons,
        "Diputuskan verifikator: Terbukti anggota tim kampanye 2023 (pleno 5 Des)"
    );
    assert_eq!(rows[1].result, None);

    // Back to the derived verdict.
    set_override(&t.db, &verifier, budi, None, "", now())
        .await
        .unwrap();
    assert_eq!(
        view(&t.db, &verifier, budi, now())
            .await
            .unwrap()
            .final_verdict,
        None
    );
    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE action LIKE 'admin_verdict.%' ORDER BY id",
    )
    .fetch_all(t.db.pool())
    .await
    .unwrap();
    assert_eq!(
        actions,
        [
            "admin_verdict.override",
            "admin_verdict.needs_fix",
            "admin_verdict.override"
        ]
    );
}

#[tokio::test]
async fn progress_per_unit_and_the_work_queue() {
    let (t, admin) = ready_db().await;
    let verifier = as_role(&admin, Role::Verifikator);
    let (round, budi, agus) = round_with_two(&t.db, &admin).await;
    use adhoc::service::verification::{next_unchecked, progress};

    assert_eq!(
        next_unchecked(&t.db, &verifier, round, None).await.unwrap(),
        Some(budi)
    );
    assert_eq!(
        next_unchecked(&t.db, &verifier, round, Some(budi))
            .await
            .unwrap(),
        Some(agus)
    );
    // Wraps round to the first.
    assert_eq!(
        next_unchecked(&t.db, &verifier, round, Some(agus))
            .await
            .unwrap(),
        Some(budi)
    );
    for code in STANDARD {
        let verdict = if code == "ktp" {
            DocVerdict::TidakAda
        } else {
            DocVerdict::Sesuai
        };
        record(&t.db, &verifier, budi, code, verdict, "", now())
            .await
            .unwrap();
    }
    assert_eq!(
        next_unchecked(&t.db, &verifier, round, Some(agus))
            .await
            .unwrap(),
        Some(agus)
    );
    let p = progress(&t.db, &verifier, round, now()).await.unwrap();
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].unit_label, "Kecamatan Purwodadi");
    assert_eq!(
        (p[0].applicants, p[0].ms, p[0].tms, p[0].open),
        (2, 0, 1, 1)
    );
    for code in STANDARD {
        record(&t.db, &verifier, agus, code, DocVerdict::Sesuai, "", now())
            .await
            .unwrap();
    }
    assert_eq!(
        next_unchecked(&t.db, &verifier, round, None).await.unwrap(),
        None
    );
}

#[tokio::test]
async fn administrators_change_the_document_list_until_verification_starts() {
    let (t, admin) = ready_db().await;
    let verifier = as_role(&admin, Role::Verifikator);
    let (round, budi, _) = round_with_two(&t.db, &admin).await;
    use adhoc::service::verification::{requirement_list, save_requirement, RequirementInput};

    let input = |code: &str, name: &str, retired: bool| RequirementInput {
        code: code.into(),
        name: name.into(),
        mandatory: true,
        retired,
    };
    let list = requirement_list(&t.db, &verifier, round).await.unwrap();
    assert!(list.editable);
    assert_eq!(list.requirements.len(), 8);
    assert_eq!(
        save_requirement(
            &t.db,
            &verifier,
            round,
            &input("skck", "SKCK", false),
            now()
        )
        .await
        .unwrap_err()
        .code(),
        "forbidden"
    );
    let e = save_requirement(
        &t.db,
        &admin,
        round,
        &input("SKCK lama!", "SKCK", false),
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.field(), Some("kode"));
    save_requirement(
        &t.db,
        &admin,
        round,
        &input("skck", "Surat keterangan catatan kepolisian", false),
        now(),
    )
    .await
    .unwrap();
    save_requirement(
        &t.db,
        &admin,
        round,
        &input("ktp", "Fotokopi KTP-el (dilegalisir)", false),
        now(),
    )
    .await
    .unwrap();
    let list = save_requirement(
        &t.db,
        &admin,
        round,
        &input("surat_sehat", "Surat keterangan sehat", true),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(list.requirements.len(), 9);

    // The help desk asks for the same list: SKCK required, KTP-el under
    // its new name, the retired one no more.
    let desk = as_role(&admin, Role::Operator);
    let mut draft = crate::common::ppk_draft("3514011208900077", "Calon Baru");
    draft.documents = vec!["skck".into()];
    let check = adhoc::service::registration::check(&t.db, &desk, round, &draft, None, now())
        .await
        .unwrap();
    let asked: Vec<(&str, bool, bool)> = check
        .documents
        .iter()
        .map(|d| (d.name.as_str(), d.required, d.received))
        .collect();
    assert!(
        asked.contains(&("Surat keterangan catatan kepolisian", true, true)),
        "{asked:?}"
    );
    assert!(
        asked.contains(&("Fotokopi KTP-el (dilegalisir)", true, false)),
        "{asked:?}"
    );
    assert!(
        !asked.iter().any(|(n, ..)| *n == "Surat keterangan sehat"),
        "{asked:?}"
    );

    // The file now asks for SKCK, shows the new name, and not the retired one.
    let v = view(&t.db, &verifier, budi, now()).await.unwrap();
    let names: Vec<&str> = v
        .documents
        .iter()
        .filter(|d| d.applies)
        .map(|d| d.name.as_str())
        .collect();
    assert!(names.contains(&"Surat keterangan catatan kepolisian"));
    assert!(names.contains(&"Fotokopi KTP-el (dilegalisir)"));
    assert!(!names.contains(&"Surat keterangan sehat"));
    assert!(v
        .derived
        .pending
        .iter()
        .any(|p| p.starts_with("Surat keterangan catatan kepolisian")));

    // Once a document has a verdict the list is fixed.
    record(&t.db, &verifier, budi, "ktp", DocVerdict::Sesuai, "", now())
        .await
        .unwrap();
    assert!(
        !requirement_list(&t.db, &verifier, round)
            .await
            .unwrap()
            .editable
    );
    let e = save_requirement(
        &t.db,
        &admin,
        round,
        &input("foto", "Pas foto", false),
        now(),
    )
    .await
    .unwrap_err();
    assert!(e.to_string().contains("sudah dimulai"), "{e}");
}
