//! Registering, editing, withdrawing and finding applicants at the help desk.

use crate::common;

use adhoc::domain::account::Role;
use adhoc::domain::applicant::ApplicationStatus;
use adhoc::domain::applicant_input::ApplicantFields;
use adhoc::domain::eligibility::{Rule, Verdict};
use adhoc::domain::registration::{PartyStatus, PreviousService, RegistrationDraft};
use adhoc::domain::round::{Body, Preset};
use adhoc::service::auth::Session;
use adhoc::service::parties;
use adhoc::service::registration::{
    self, check, detail, list, register, update, withdraw, ApplicantOrder, ApplicantQuery,
};
use adhoc::service::rounds::create_from_preset;
use adhoc::service::rounds::RoundSummary as Round;
use adhoc::store::Db;
use common::{as_role, now, ready_db};

pub(crate) fn siti() -> RegistrationDraft {
    RegistrationDraft {
        fields: ApplicantFields {
            nik: "3514015208900002".into(),
            nama: "Siti Nur'aini".into(),
            jenis_kelamin: "P".into(),
            tempat_lahir: "Pasuruan".into(),
            tanggal_lahir: "12-08-1990".into(),
            alamat: "Dusun Krajan RT 001 RW 002".into(),
            kode_desa: "35.14.01.2001".into(),
            pendidikan: "S1".into(),
            telepon: "0812-3456-7890".into(),
            email: "siti@contoh.invalid".into(),
            pekerjaan: "Guru".into(),
            kode_wilayah_tugas: "35.14.01".into(),
            ..Default::default()
        },
        documents: vec!["surat_pendaftaran".into(), "ktp".into()],
        party_status: Some(PartyStatus::Bukan),
        ..Default::default()
    }
}

pub(crate) async fn round(db: &Db, admin: &Session, body: Body) -> Round {
    create_from_preset(db, admin, Preset::Pemilu2024, body, None, now())
        .await
        .unwrap()
}

async fn audit_actions(db: &Db) -> Vec<String> {
    sqlx::query_scalar("SELECT action FROM audit_log ORDER BY id")
        .fetch_all(db.pool())
        .await
        .unwrap()
}

fn verdict(rules: &[adhoc::domain::eligibility::RuleResult], rule: Rule) -> Verdict {
    rules.iter().find(|r| r.rule == rule).unwrap().verdict
}

#[tokio::test]
async fn register_issues_numbers_in_order_and_records_everything() {
    let (t, admin) = ready_db().await;
    let desk = as_role(&admin, Role::Operator);
    let ppk = round(&t.db, &admin, Body::Ppk).await;
    let draft = RegistrationDraft {
        previous_service: vec![PreviousService {
            body: "pps".into(),
            election: "Pemilu 2019".into(),
            year: 2018,
        }],
        disability: "Pengguna kursi roda".into(),
        ..siti()
    };
    let r = register(&t.db, &desk, ppk.id, &draft, now()).await.unwrap();
    let saved = r.saved.expect("saved");
    assert_eq!(saved.reg_number, "PPK-3514-0001");
    assert!(r.check.rules.iter().all(|x| x.verdict != Verdict::Fail));

    let d = detail(&t.db, &desk, saved.id, now()).await.unwrap();
    assert_eq!(d.status, ApplicationStatus::Terdaftar);
    assert_eq!(d.unit_label, "Kecamatan Purwodadi");
    assert_eq!(d.draft.fields.nama, "Siti Nur'aini");
    assert_eq!(d.draft.fields.tanggal_lahir, "12-08-1990");
    assert_eq!(d.draft.previous_service[0].body, "PPS");
    assert_eq!(d.draft.disability, "Pengguna kursi roda");
    assert_eq!(d.draft.documents, ["surat_pendaftaran", "ktp"]);
    assert_eq!(d.registered_by.as_deref(), Some("Admin Uji"));
    let received: Vec<&str> = d
        .check
        .documents
        .iter()
        .filter(|x| x.received)
        .map(|x| x.code.as_str())
        .collect();
    assert_eq!(received, ["surat_pendaftaran", "ktp"]);

    let second = RegistrationDraft {
        fields: ApplicantFields {
            nik: "3514011208900003".into(),
            nama: "Budi".into(),
            jenis_kelamin: "L".into(),
            ..siti().fields
        },
        ..siti()
    };
    let r2 = register(&t.db, &desk, ppk.id, &second, now())
        .await
        .unwrap();
    assert_eq!(r2.saved.unwrap().reg_number, "PPK-3514-0002");
    assert!(audit_actions(&t.db).await.ends_with(&[
        "round.create".into(),
        "applicant.register".into(),
        "applicant.register".into()
    ]));
}

#[tokio::test]
async fn invalid_fields_store_nothing_and_name_their_field() {
    let (t, admin) = ready_db().await;
    let desk = as_role(&admin, Role::Operator);
    let ppk = round(&t.db, &admin, Body::Ppk).await;
    let bad = RegistrationDraft {
        fields: ApplicantFields {
            nik: "3514015208900000".into(),
            ..siti().fields
        },
        ..siti()
    };
    let r = register(&t.db, &desk, ppk.id, &bad, now()).await.unwrap();
    assert!(r.saved.is_none());
    assert!(!r.check.can_save);
    assert_eq!(r.check.problems[0].field, "nik");
    assert!(r.check.problems[0].reason.contains("0000"));
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM applicants")
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    assert_eq!(n, 0);
}

#[tokio::test]
async fn a_registration_without_a_party_statement_is_refused_on_that_field() {
    let (t, admin) = ready_db().await;
    let desk = as_role(&admin, Role::Operator);
    let ppk = round(&t.db, &admin, Body::Ppk).await;
    let unanswered = RegistrationDraft {
        party_status: None,
        ..siti()
    };
    let r = register(&t.db, &desk, ppk.id, &unanswered, now())
        .await
        .unwrap();
    assert!(r.saved.is_none());
    assert!(!r.check.can_save);
    let fields: Vec<&str> = r.check.problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["status_partai"]);
    assert!(r.check.problems[0].reason.contains("wajib dipilih"));
    assert_eq!(verdict(&r.check.rules, Rule::StatusPartai), Verdict::Review);
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM applicants")
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    assert_eq!(n, 0);
    // Answered, the same application is saved with that answer.
    let saved = register(&t.db, &desk, ppk.id, &siti(), now())
        .await
        .unwrap()
        .saved
        .expect("saved");
    let d = detail(&t.db, &desk, saved.id, now()).await.unwrap();
    assert_eq!(d.draft.party_status, Some(PartyStatus::Bukan));
}

#[tokio::test]
async fn nik_warnings_must_be_acknowledged_and_are_stored() {
    let (t, admin) = ready_db().await;
    let desk = as_role(&admin, Role::Operator);
    let ppk = round(&t.db, &admin, Body::Ppk).await;
    // The NIK says a woman born 12-08-1990; the form says a man born 13-08-1990.
    let mismatch = RegistrationDraft {
        fields: ApplicantFields {
            jenis_kelamin: "L".into(),
            tanggal_lahir: "1990-08-13".into(),
            ..siti().fields
        },
        ..siti()
    };
    let c = check(&t.db, &desk, ppk.id, &mismatch, None, now())
        .await
        .unwrap();
    assert_eq!(c.nik_warnings.len(), 2, "{:?}", c.nik_warnings);
    // Each warning names the field it is about, so the form can mark it.
    let warned: Vec<&str> = c.field_warnings.iter().map(|w| w.field.as_str()).collect();
    assert_eq!(warned, ["jenis_kelamin", "tanggal_lahir"]);
    assert!(c.field_warnings[1].reason.contains("12-08-1990"));
    assert!(c.problems.is_empty());
    assert!(!c.can_save);
    let info = c.nik_info.unwrap();
    assert_eq!(info.birth_date.as_deref(), Some("12-08-1990"));
    assert_eq!(info.issued_in, "Kecamatan Purwodadi");

    let refused = register(&t.db, &desk, ppk.id, &mismatch, now())
        .await
        .unwrap();
    assert!(refused.saved.is_none());

    let acknowledged = RegistrationDraft {
        acknowledge_nik_warnings: true,
        ..mismatch
    };
    let saved = register(&t.db, &desk, ppk.id, &acknowledged, now())
        .await
        .unwrap()
        .saved
        .unwrap();
    let d = detail(&t.db, &admin, saved.id, now()).await.unwrap();
    assert!(d.nik_warnings_acknowledged);
    assert_eq!(d.stored_nik_warnings.len(), 2);
    assert!(d.stored_nik_warnings[0].contains("jenis kelaminnya P"));
}

#[tokio::test]
async fn a_person_holds_one_active_application_per_election() {
    let (t, admin) = ready_db().await;
    let desk = as_role(&admin, Role::Operator);
    let ppk = round(&t.db, &admin, Body::Ppk).await;
    let pps = round(&t.db, &admin, Body::Pps).await;
    let first = register(&t.db, &desk, ppk.id, &siti(), now())
        .await
        .unwrap()
        .saved
        .unwrap();
    let as_pps = RegistrationDraft {
        fields: ApplicantFields {
            kode_wilayah_tugas: "35.14.01.2001".into(),
            ..siti().fields
        },
        ..siti()
    };
    let r = register(&t.db, &desk, pps.id, &as_pps, now())
        .await
        .unwrap();
    assert!(r.saved.is_none());
    let dup = r.check.duplicate.unwrap();
    assert_eq!(
        (dup.id, dup.reg_number.as_str()),
        (first.id, "PPK-3514-0001")
    );
    assert_eq!(dup.round_name, ppk.name);

    // Editing the application itself is not a duplicate of itself.
    let edited = update(&t.db, &desk, first.id, &siti(), now())
        .await
        .unwrap();
    assert!(edited.saved.is_some(), "{:?}", edited.check);

    // After withdrawing, the person may apply to PPS; the number stays used.
    withdraw(&t.db, &desk, first.id, "Mengundurkan diri", now())
        .await
        .unwrap();
    let r = register(&t.db, &desk, pps.id, &as_pps, now())
        .await
        .unwrap();
    assert_eq!(r.saved.unwrap().reg_number, "PPS-3514-0001");
    let again = register(&t.db, &desk, ppk.id, &siti(), now())
        .await
        .unwrap();
    assert!(again.saved.is_none(), "now held by the PPS application");
}

#[tokio::test]
async fn edits_and_withdrawals_are_audited_with_what_changed() {
    let (t, admin) = ready_db().await;
    let desk = as_role(&admin, Role::Operator);
    let ppk = round(&t.db, &admin, Body::Ppk).await;
    let saved = register(&t.db, &desk, ppk.id, &siti(), now())
        .await
        .unwrap()
        .saved
        .unwrap();
    let changed = RegistrationDraft {
        fields: ApplicantFields {
            telepon: "0813-0000-1111".into(),
            ..siti().fields
        },
        ..siti()
    };
    update(&t.db, &desk, saved.id, &changed, now())
        .await
        .unwrap();
    let (before, after): (String, String) =
        sqlx::query_as("SELECT before, after FROM audit_log WHERE action = 'applicant.update'")
            .fetch_one(t.db.pool())
            .await
            .unwrap();
    // A phone number is personal data: the trail says that it changed,
    // never what it was or became.
    assert_eq!(before, r#"{"telepon":"(disamarkan)"}"#);
    assert_eq!(after, r#"{"telepon":"(diubah)"}"#);

    let short = withdraw(&t.db, &desk, saved.id, "  ", now()).await;
    assert_eq!(short.unwrap_err().field(), Some("alasan"));
    withdraw(
        &t.db,
        &desk,
        saved.id,
        "Diterima bekerja di luar kota",
        now(),
    )
    .await
    .unwrap();
    let d = detail(&t.db, &admin, saved.id, now()).await.unwrap();
    assert_eq!(d.status, ApplicationStatus::Mundur);
    assert_eq!(
        d.withdrawn_reason.as_deref(),
        Some("Diterima bekerja di luar kota")
    );
    assert!(update(&t.db, &desk, saved.id, &siti(), now())
        .await
        .is_err());
    assert!(audit_actions(&t.db)
        .await
        .ends_with(&["applicant.update".into(), "applicant.withdraw".into()]));
}

#[tokio::test]
async fn eligibility_uses_the_party_list_the_statement_and_periods() {
    let (t, admin) = ready_db().await;
    let desk = as_role(&admin, Role::Operator);
    let ppk = round(&t.db, &admin, Body::Ppk).await;
    let before_list = check(&t.db, &desk, ppk.id, &siti(), None, now())
        .await
        .unwrap();
    assert_eq!(
        verdict(&before_list.rules, Rule::KeanggotaanPartai),
        Verdict::Review
    );
    parties::import(
        &t.db,
        &admin,
        b"nik,partai\n3514015208900002,Partai Contoh\n",
        now(),
    )
    .await
    .unwrap();
    let listed = check(&t.db, &desk, ppk.id, &siti(), None, now())
        .await
        .unwrap();
    assert_eq!(
        verdict(&listed.rules, Rule::KeanggotaanPartai),
        Verdict::Fail
    );
    // The misuse statement becomes a required document.
    assert!(listed
        .documents
        .iter()
        .any(|d| d.code == "pernyataan_dicatut" && d.required && !d.received));

    let former = RegistrationDraft {
        party_status: Some(PartyStatus::Mantan),
        party_left_year: Some(2020),
        ..siti()
    };
    let c = check(&t.db, &desk, ppk.id, &former, None, now())
        .await
        .unwrap();
    assert_eq!(verdict(&c.rules, Rule::StatusPartai), Verdict::Fail);
    assert!(c.documents.iter().any(|d| d.code == "surat_partai"));
}

#[tokio::test]
async fn the_list_finds_by_name_nik_and_number_and_filters() {
    let (t, admin) = ready_db().await;
    let desk = as_role(&admin, Role::Operator);
    let ppk = round(&t.db, &admin, Body::Ppk).await;
    let people = [
        ("3514015208900002", "Siti Nur'aini", "P", "35.14.01"),
        ("3514011208900003", "Budi Santoso", "L", "35.14.01"),
        ("3514025208900004", "siti Aminah", "P", "35.14.02"),
        ("3514021208900005", "Agus Salim", "L", "35.14.02"),
    ];
    let mut ids = Vec::new();
    for (nik, name, sex, unit) in people {
        let d = RegistrationDraft {
            fields: ApplicantFields {
                nik: nik.into(),
                nama: name.into(),
                jenis_kelamin: sex.into(),
                kode_desa: format!("{unit}.2001"),
                kode_wilayah_tugas: unit.into(),
                ..siti().fields
            },
            ..siti()
        };
        let r = register(&t.db, &desk, ppk.id, &d, now()).await.unwrap();
        ids.push(r.saved.expect("saved").id);
    }
    withdraw(&t.db, &desk, ids[3], "Mengundurkan diri", now())
        .await
        .unwrap();
    let q = |text: &str| ApplicantQuery {
        round_id: ppk.id,
        text: text.into(),
        limit: 50,
        ..Default::default()
    };
    let names = |page: registration::ApplicantPage| -> Vec<String> {
        page.rows.into_iter().map(|r| r.full_name).collect()
    };
    let by_name = list(&t.db, &admin, &q("  SITI ")).await.unwrap();
    assert_eq!(by_name.total, 2);
    assert_eq!(names(by_name), ["Siti Nur'aini", "siti Aminah"]);
    // Any word of the name, from its start: a surname finds its bearer.
    assert_eq!(
        names(list(&t.db, &admin, &q("santo")).await.unwrap()),
        ["Budi Santoso"]
    );
    assert_eq!(
        names(list(&t.db, &admin, &q("siti nur")).await.unwrap()),
        ["Siti Nur'aini"]
    );
    // Not the middle of a word, and LIKE's wildcards are plain letters.
    assert_eq!(list(&t.db, &admin, &q("antoso")).await.unwrap().total, 0);
    assert_eq!(list(&t.db, &admin, &q("s%")).await.unwrap().total, 0);
    assert_eq!(list(&t.db, &admin, &q("_iti")).await.unwrap().total, 0);
    assert_eq!(
        names(list(&t.db, &admin, &q("35140112")).await.unwrap()),
        ["Budi Santoso"]
    );
    assert_eq!(
        names(list(&t.db, &admin, &q("PPK-3514-0003")).await.unwrap()),
        ["siti Aminah"]
    );
    assert_eq!(
        names(list(&t.db, &admin, &q("3")).await.unwrap()),
        ["siti Aminah"]
    );
    let in_kec = ApplicantQuery {
        unit: "35.14.02".into(),
        ..q("")
    };
    assert_eq!(list(&t.db, &admin, &in_kec).await.unwrap().total, 2);
    let withdrawn = ApplicantQuery {
        status: "mundur".into(),
        ..q("")
    };
    assert_eq!(
        names(list(&t.db, &admin, &withdrawn).await.unwrap()),
        ["Agus Salim"]
    );
    let sorted = ApplicantQuery {
        order: ApplicantOrder::Nama,
        ..q("")
    };
    assert_eq!(
        names(list(&t.db, &admin, &sorted).await.unwrap()),
        ["Agus Salim", "Budi Santoso", "siti Aminah", "Siti Nur'aini"]
    );
    let page2 = ApplicantQuery {
        offset: 2,
        limit: 2,
        ..sorted
    };
    let p = list(&t.db, &admin, &page2).await.unwrap();
    assert_eq!((p.total, p.offset), (4, 2));
    assert_eq!(names(p), ["siti Aminah", "Siti Nur'aini"]);
}

#[tokio::test]
async fn only_the_help_desk_roles_register() {
    let (t, admin) = ready_db().await;
    let ppk = round(&t.db, &admin, Body::Ppk).await;
    for role in [Role::Verifikator, Role::Pimpinan] {
        let s = Session {
            role,
            ..admin.clone()
        };
        let e = register(&t.db, &s, ppk.id, &siti(), now())
            .await
            .unwrap_err();
        assert_eq!(e.code(), "forbidden");
        // Every role may read the list.
        list(
            &t.db,
            &s,
            &ApplicantQuery {
                round_id: ppk.id,
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    }
}

#[tokio::test]
async fn the_receipt_names_the_applicant_and_documents_but_no_private_data() {
    let (t, admin) = ready_db().await;
    let desk = as_role(&admin, Role::Operator);
    let ppk = round(&t.db, &admin, Body::Ppk).await;
    let saved = register(&t.db, &desk, ppk.id, &siti(), now())
        .await
        .unwrap()
        .saved
        .unwrap();
    let (name, pdf) =
        registration::receipt_pdf(&t.db, &desk, saved.id, adhoc::pdf::Paper::A4, now())
            .await
            .unwrap();
    assert_eq!(name, "tanda-terima-PPK-3514-0001.pdf");
    let path = t.dir.path().join(&name);
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for expected in [
        "KOMISI PEMILIHAN UMUM KABUPATEN PASURUAN",
        "TANDA TERIMA PENDAFTARAN",
        "PPK-3514-0001",
        "Siti Nur'aini",
        "Kecamatan Purwodadi",
        "Surat pendaftaran",
        "Fotokopi KTP-el",
        "Belum diserahkan",
        "23 November 2026",
        "Admin Uji",
    ] {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }
    for private in [
        "3514015208900002",
        "12-08-1990",
        "0812",
        "siti@contoh",
        "Dusun Krajan",
    ] {
        assert!(!text.contains(private), "{private} printed:\n{text}");
    }
}
