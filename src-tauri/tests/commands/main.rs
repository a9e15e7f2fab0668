//! The desktop commands on Tauri's mock runtime, with the app's real
//! configuration and capability: arguments arrive, the session guards
//! commands, and core errors reach the UI as `{code, message, field}`.

use serde_json::{json, Value};

use shell::{first_run, invoke, invoke_from, login, open, with_picked_file, ADMIN_PASSWORD};

mod appointment;
mod continuity;
mod interview;
mod scores;
mod sessions;
mod shell;

#[test]
fn first_run_login_guard_and_errors_through_the_shell() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, webview) = open(dir.path().join("app.db"));

    // The capability grants the app's commands to its own bundled pages only.
    let err = invoke_from(
        &webview,
        "https://contoh.invalid",
        "setup_status",
        json!({}),
    )
    .unwrap_err();
    assert!(err.as_str().unwrap().contains("not allowed"), "{err}");

    let status = invoke(&webview, "setup_status", json!({})).unwrap();
    assert_eq!(status, json!({"kabupaten": null, "has_accounts": false}));

    let err = invoke(&webview, "home", json!({"election": null})).unwrap_err();
    assert_eq!(err["code"], "unauthenticated");

    let err = invoke(
        &webview,
        "complete_first_run",
        json!({"kabupaten": "35.14", "admin": {"username": "admin", "full_name": "Admin", "password": "pendek"}}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "validation");
    assert_eq!(err["field"], "password");
    assert_eq!(err["message"], "Kata sandi minimal 10 karakter.");

    let session = first_run(&webview);
    assert_eq!(session["role"], "administrator");
    // The UI shows what the session lists: the administrator's operations.
    assert_eq!(
        session["operations"],
        json!([
            "manage_accounts",
            "manage_rounds",
            "unlock_stages",
            "read_audit",
            "manage_backups",
            "read"
        ])
    );
    let status = invoke(&webview, "current_session", json!({})).unwrap();
    assert_eq!(status["session"], session);
    assert_eq!(status["locked"], false);
    assert_eq!(status["idle_minutes"], 15);

    // Locking refuses every action until the password is given again.
    invoke(&webview, "lock_session", json!({})).unwrap();
    let err = invoke(&webview, "home", json!({"election": null})).unwrap_err();
    assert_eq!(err["code"], "session_locked");
    let err = invoke(
        &webview,
        "unlock_session",
        json!({"password": "salah-salah-salah"}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid_credentials");
    let unlocked = invoke(
        &webview,
        "unlock_session",
        json!({"password": ADMIN_PASSWORD}),
    )
    .unwrap();
    assert_eq!(unlocked, session);
    invoke(&webview, "keep_alive", json!({})).unwrap();

    // An operator's call to an administrator command is refused by the core.
    invoke(
        &webview,
        "create_account",
        json!({"input": {"username": "opr1", "full_name": "Operator Satu", "password": "sandi-operator-1"}, "role": "operator"}),
    )
    .unwrap();
    invoke(&webview, "logout", json!({})).unwrap();
    let operator = login(&webview, "opr1", "sandi-operator-1");
    assert_eq!(
        operator["operations"],
        json!(["register_applicants", "record_documents", "read"])
    );
    let err = invoke(&webview, "list_accounts", json!({})).unwrap_err();
    assert_eq!(err["code"], "forbidden");
    let err = invoke(&webview, "list_audit", json!({"query": {}})).unwrap_err();
    assert_eq!(err["code"], "forbidden");
    invoke(&webview, "logout", json!({})).unwrap();
    login(&webview, "admin", ADMIN_PASSWORD);
    let audit = invoke(
        &webview,
        "list_audit",
        json!({"query": {"action": "login"}}),
    )
    .unwrap();
    assert!(audit["total"].as_i64().unwrap() >= 3);
    let status = invoke(&webview, "audit_status", json!({})).unwrap();
    assert_eq!(status["first_broken"], Value::Null);
    // The chain's head as documents print it, and its check against a
    // head typed from paper.
    let head = invoke(&webview, "audit_head", json!({})).unwrap();
    let newest = invoke(&webview, "list_audit", json!({"query": {"limit": 1}})).unwrap();
    assert_eq!(head["entries"], newest["total"]);
    assert_eq!(head["hash"], newest["entries"][0]["hash"]);
    let printed = json!({"entries": head["entries"].to_string(), "hash": head["hash"]});
    let check = invoke(&webview, "verify_printed_audit", printed).unwrap();
    assert_eq!(check["first_broken"], Value::Null);
    let typo = json!({"entries": "1", "hash": "bukan hash"});
    let err = invoke(&webview, "verify_printed_audit", typo).unwrap_err();
    assert_eq!(err["code"], "validation");

    let home = invoke(&webview, "home", json!({"election": null})).unwrap();
    assert_eq!(home["kecamatan"].as_array().unwrap().len(), 24);
    assert_eq!(home["kabupaten"]["name"], "Kabupaten Pasuruan");

    let presets = invoke(&webview, "round_presets", json!({})).unwrap();
    // The preset's schedule moved to start on another day, every stage with it.
    let moved = invoke(
        &webview,
        "shift_round_schedule",
        json!({ "draft": presets[0]["draft"], "firstDay": "2030-01-07" }),
    )
    .unwrap();
    assert_eq!(moved["schedule"][0]["starts_on"], "2030-01-07");
    assert_eq!(moved["settings"]["reference_date"], "2030-01-07");
    let past = invoke(
        &webview,
        "round_draft_past_dates",
        json!({ "draft": presets[0]["draft"] }),
    )
    .unwrap();
    assert_eq!(past[0]["field"], "reference_date");
    assert!(invoke(
        &webview,
        "round_draft_past_dates",
        json!({ "draft": moved })
    )
    .unwrap()
    .as_array()
    .unwrap()
    .is_empty());
    let draft = presets[0]["draft"].clone();
    let round = invoke(&webview, "create_round", json!({ "draft": draft })).unwrap();
    assert_eq!(round["name"], "Pemilu 2024 – PPK");

    // Arguments arrive under the names the UI uses (camelCase).
    let quotas = invoke(
        &webview,
        "set_unit_quota",
        json!({"roundId": round["id"], "unitCode": "35.14.01", "quota": 7, "reason": "Wilayah luas"}),
    )
    .unwrap();
    assert_eq!(quotas["total_quota"], 24 * 5 + 2);
    assert_eq!(quotas["units"][0]["overridden"], true);
    let err = invoke(
        &webview,
        "set_unit_quota",
        json!({"roundId": round["id"], "unitCode": "35.14.01", "quota": 7, "reason": ""}),
    )
    .unwrap_err();
    assert_eq!(err["field"], "reason");

    invoke(&webview, "logout", json!({})).unwrap();
    let err = invoke(
        &webview,
        "create_round",
        json!({ "draft": presets[1]["draft"] }),
    )
    .unwrap_err();
    assert_eq!(err["code"], "unauthenticated");
    let err = invoke(
        &webview,
        "login",
        json!({"username": "admin", "password": "salah-salah-salah"}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "invalid_credentials");
    login(&webview, "admin", ADMIN_PASSWORD);
}

/// The help-desk and verification commands on the demo database: arguments
/// arrive under the UI's names and results come back in the bindings' shape.
#[test]
fn help_desk_and_verification_through_the_shell() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(adhoc::service::demo::build_demo(
        &path,
        2024,
        chrono::Utc::now(),
    ))
    .unwrap();
    // The demo's rounds are past registration: a new one takes applications.
    let pps = rt
        .block_on(async {
            let db = adhoc::store::Db::open(&path, adhoc::store::OpenMode::MustExist).await?;
            let round = adhoc::service::rounds::create_from_preset(
                &db,
                &adhoc::service::auth::Session::cli(),
                adhoc::domain::round::Preset::Pilkada2024,
                adhoc::domain::round::Body::Pps,
                None,
                chrono::Utc::now(),
            )
            .await;
            db.close().await;
            round
        })
        .unwrap()
        .id;
    let (_app, webview) = open(path.clone());
    let login = |user: &str| login(&webview, user, adhoc::service::demo::DEMO_PASSWORD);
    login("operator");
    let draft = json!({
        "fields": {
            "nik": "3514015203990007", "nama": "Rara Nur'aini", "jenis_kelamin": "P",
            "tempat_lahir": "Pasuruan", "tanggal_lahir": "12-03-1999", "alamat": "Dusun Krajan",
            "kode_desa": "35.14.01.2001", "pendidikan": "S1", "telepon": "", "email": "",
            "pekerjaan": "", "kode_wilayah_tugas": "35.14.01.2001", "kode_desa_domisili": "",
            "alasan_domisili": ""
        },
        "previous_service": [], "party_status": "bukan", "party_left_year": null,
        "misuse_statement": false, "disability": "", "documents": ["ktp"],
        "acknowledge_nik_warnings": false
    });
    let check = invoke(
        &webview,
        "check_registration",
        json!({"roundId": pps, "draft": draft, "editing": null}),
    )
    .unwrap();
    assert_eq!(check["can_save"], true, "{check}");
    let saved = invoke(
        &webview,
        "register_applicant",
        json!({"roundId": pps, "draft": draft}),
    )
    .unwrap();
    let id = saved["saved"]["id"].as_i64().unwrap();
    let page = invoke(
        &webview,
        "list_applicants",
        json!({"query": {"round_id": pps, "text": "rara", "unit": "", "status": "", "order": "nomor", "offset": 0, "limit": 50}}),
    )
    .unwrap();
    assert_eq!(page["total"], 1);
    assert_eq!(page["rows"][0]["reg_number"], saved["saved"]["reg_number"]);
    // Typed in at the desk, she brought her file: no online registration.
    let rec = invoke(
        &webview,
        "reconciliation",
        json!({"roundId": pps, "unit": "35.14.01"}),
    )
    .unwrap();
    assert_eq!(rec["counts"]["tanpa_daring"], 1, "{rec}");
    assert_eq!(rec["desk_only"][0]["applicant_id"], id);
    assert_eq!(rec["has_online_list"], false);
    let err = invoke(&webview, "receive_files", json!({"applicantId": id})).unwrap_err();
    assert_eq!(err["field"], "berkas", "{err}");
    let err = invoke(&webview, "cancel_file_receipt", json!({"applicantId": id})).unwrap_err();
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("didaftarkan di loket"),
        "{err}"
    );

    invoke(&webview, "logout", json!({})).unwrap();
    login("verifikator");
    let view = invoke(
        &webview,
        "record_document_check",
        json!({"applicantId": id, "code": "ktp", "verdict": "tidak_sesuai", "reason": "Tidak terbaca"}),
    )
    .unwrap();
    let ktp = view["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "ktp")
        .unwrap();
    assert_eq!(ktp["verdict"], "tidak_sesuai");
    assert_eq!(view["final_verdict"], "TMS");

    // A PNG scan comes back as a data: URL the page can show.
    let png = b"\x89PNG\r\n\x1a\nbukan-gambar-sungguhan".to_vec();
    let session = adhoc::service::auth::Session::cli();
    let attached = rt
        .block_on(async {
            let db = adhoc::store::Db::open(&path, adhoc::store::OpenMode::MustExist).await?;
            adhoc::service::scans::attach(
                &db,
                &session,
                id,
                "drh",
                "foto.png",
                &png,
                chrono::Utc::now(),
            )
            .await
        })
        .unwrap();
    let url = invoke(&webview, "scan_image", json!({"sha256": attached.sha256})).unwrap();
    assert!(url
        .as_str()
        .unwrap()
        .starts_with("data:image/png;base64,iVBORw0KGg"));
    let scans = invoke(&webview, "list_scans", json!({"applicantId": id})).unwrap();
    assert_eq!(scans[0]["file_name"], "foto.png");

    // The demo's PPS round is at the written test: the verifier enters a
    // missing mark through the shell; the PPK round's dashboard and members.
    let sheet = invoke(
        &webview,
        "score_sheet",
        json!({"roundId": 2, "stage": "tertulis", "unit": null}),
    )
    .unwrap();
    assert_eq!(sheet["editable"], true);
    let row = sheet["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["mark"] == "")
        .unwrap();
    let stored = invoke(
        &webview,
        "record_mark",
        json!({"roundId": 2, "stage": "tertulis", "applicantId": row["applicant_id"], "mark": "77,5"}),
    )
    .unwrap();
    assert_eq!(stored, "77,50");
    scores::a_sheet_is_picked_previewed_and_imported(&webview, row);
    let board = invoke(&webview, "quota_dashboard", json!({"roundId": 1})).unwrap();
    assert_eq!(board["units"].as_array().unwrap().len(), 24);
    assert!(board["total"]["terpilih"].as_u64().unwrap() > 0);
    let members = invoke(
        &webview,
        "unit_members",
        json!({"roundId": 1, "unit": null}),
    )
    .unwrap();
    assert!(members
        .as_array()
        .unwrap()
        .iter()
        .any(|u| !u["history"].as_array().unwrap().is_empty()));
    let timeline = invoke(&webview, "stage_timeline", json!({"roundId": 1})).unwrap();
    assert_eq!(timeline["stages"][6]["state"], "berjalan");

    // Official documents: every kind of the complete PPK round, one
    // exported (saved where ADHOC_SAVE_DIR points, as the dialog would),
    // and the settings a verifier may read but not change. A verifier
    // cannot number a document: the export is a draft and numbers nothing.
    let docs = invoke(&webview, "publication_list", json!({"roundId": 1})).unwrap();
    let docs = docs.as_array().unwrap();
    assert_eq!(docs.len(), 10);
    assert!(docs
        .iter()
        .all(|d| d["ready"] == true && d["number"].is_null() && d["draft"] == true));
    let out = tempfile::tempdir().unwrap();
    std::env::set_var("ADHOC_SAVE_DIR", out.path());
    let export = || {
        invoke(
            &webview,
            "export_publication",
            json!({
                "roundId": 1,
                "kind": {"kind": "pengumuman", "stage": "akhir"},
                "unit": "35.14.02",
                "paper": "f4",
                "number": null
            }),
        )
    };
    let draft = export().unwrap();
    assert!(draft["not_opened"].is_null(), "{draft}");
    let draft = draft["path"].as_str().unwrap();
    assert!(
        draft.ends_with("pengumuman-akhir-ppk-351402-konsep.pdf"),
        "{draft}"
    );
    assert!(std::fs::read(draft).unwrap().starts_with(b"%PDF-"));
    // A list as an Excel workbook, saved where the dialog would; the
    // core's role checks hold (a Verifikator reads results, not the audit).
    let list = json!({"list": "results", "round_id": 1, "stage": "akhir", "unit": null});
    let saved = invoke(
        &webview,
        "export_list",
        json!({"list": list, "format": "xlsx"}),
    )
    .unwrap();
    let book = saved["path"].as_str().unwrap();
    assert!(
        book.contains("hasil-akhir-seleksi-1-") && book.ends_with(".xlsx"),
        "{book}"
    );
    assert!(
        std::fs::read(book).unwrap().starts_with(b"PK"),
        "a zip archive"
    );
    let shown = invoke(
        &webview,
        "selection_results",
        json!({"roundId": 1, "stage": "akhir", "unit": null}),
    )
    .unwrap();
    assert_eq!(saved["rows"], shown.as_array().unwrap().len());
    let audit = json!({"list": {"list": "audit", "query": {}}, "format": "xlsx"});
    let err = invoke(&webview, "export_list", audit).unwrap_err();
    assert_eq!(err["code"], "forbidden");
    let numbered = |docs: Value| -> Vec<Value> {
        docs.as_array()
            .unwrap()
            .iter()
            .filter(|d| !d["number"].is_null())
            .cloned()
            .collect()
    };
    let docs = invoke(&webview, "publication_list", json!({"roundId": 1})).unwrap();
    assert!(numbered(docs).is_empty());
    let settings = invoke(&webview, "publication_settings", json!({})).unwrap();
    assert!(settings["logo"]
        .as_str()
        .unwrap()
        .starts_with("data:image/png;base64,"));
    assert_eq!(settings["settings"]["chair"], "Dr. Andi Wibowo, S.H.");
    assert_eq!(settings["editable"], false);
    assert!(settings["placeholders"].as_array().unwrap().len() > 5);
    let texts = invoke(&webview, "publication_texts", json!({})).unwrap();
    assert_eq!(texts.as_array().unwrap().len(), 10);
    let err = invoke(
        &webview,
        "save_publication_settings",
        json!({"settings": settings["settings"]}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "forbidden");
    let err = invoke(
        &webview,
        "reset_publication_texts",
        json!({"kind": {"kind": "lampiran_sk"}}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "forbidden");

    // The Pimpinan's export gives the document its number.
    invoke(&webview, "logout", json!({})).unwrap();
    login("pimpinan");
    let saved = export();
    // Printing a receipt asks nothing: it lands in cetak/ beside the
    // database, ready for the viewer (which the test hook keeps closed).
    let printed = invoke(&webview, "print_receipt", json!({"id": 1})).unwrap();
    let printed_path = std::path::PathBuf::from(printed["path"].as_str().unwrap());
    assert_eq!(
        printed_path.parent().unwrap().file_name().unwrap(),
        "cetak",
        "{printed}"
    );
    assert!(std::fs::read(&printed_path).unwrap().starts_with(b"%PDF-"));
    std::env::remove_var("ADHOC_SAVE_DIR");
    let saved = saved.unwrap();
    let saved = saved["path"].as_str().unwrap();
    assert!(
        saved.ends_with("pengumuman-akhir-ppk-351402.pdf"),
        "{saved}"
    );
    assert!(std::fs::read(saved).unwrap().starts_with(b"%PDF-"));
    let docs = invoke(&webview, "publication_list", json!({"roundId": 1})).unwrap();
    let numbered = numbered(docs);
    assert_eq!(numbered.len(), 1);
    assert_eq!(numbered[0]["key"], "pengumuman_akhir");

    // Backups (Administrator): one now, checked, restored over the open
    // database; the session ends and the restored database is open.
    let err = invoke(&webview, "backup_list", json!({})).unwrap_err();
    assert_eq!(err["code"], "forbidden");
    invoke(&webview, "logout", json!({})).unwrap();
    login("admin");
    let taken = invoke(&webview, "backup_now", json!({"toFolder": false})).unwrap();
    let file = taken["path"].as_str().unwrap().to_string();
    assert!(file.ends_with("-manual.db"), "{file}");
    let list = invoke(&webview, "backup_list", json!({})).unwrap();
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["path"] == file.as_str()));
    let check = invoke(&webview, "inspect_backup", json!({"path": file})).unwrap();
    assert_eq!(check["manifest"], "ada, cocok");
    assert!(check["applicants"].as_i64().unwrap() > 1000);
    assert_eq!(check["continues"], true);
    let restored = invoke(
        &webview,
        "restore_backup",
        json!({"path": file, "fromElsewhere": false}),
    )
    .unwrap();
    assert_eq!(restored["sha256"], check["sha256"]);
    let err = invoke(&webview, "home", json!({"election": null})).unwrap_err();
    assert_eq!(err["code"], "unauthenticated");
    login("admin");
    let home = invoke(&webview, "home", json!({"election": null})).unwrap();
    assert!(home.is_object());
    // A backup to another folder sealed with a passphrase: a short one is
    // refused before any folder is asked for; the sealed file is checked
    // only with its passphrase.
    let err = invoke(
        &webview,
        "backup_now",
        json!({"toFolder": true, "passphrase": "pendek"}),
    )
    .unwrap_err();
    assert_eq!(err["field"], "kata_sandi_cadangan");
    let usb = tempfile::tempdir().unwrap();
    std::env::set_var("ADHOC_SAVE_DIR", usb.path());
    let sealed = invoke(
        &webview,
        "backup_now",
        json!({"toFolder": true, "passphrase": "flashdisk kantor 2026"}),
    );
    std::env::remove_var("ADHOC_SAVE_DIR");
    let sealed = sealed.unwrap()["path"].as_str().unwrap().to_string();
    assert!(sealed.ends_with("-manual.tar.age"), "{sealed}");
    let err = invoke(&webview, "inspect_backup", json!({"path": sealed})).unwrap_err();
    assert_eq!(err["field"], "kata_sandi_cadangan");
    let check = invoke(
        &webview,
        "inspect_backup",
        json!({"path": sealed, "passphrase": "flashdisk kantor 2026"}),
    )
    .unwrap();
    assert_eq!(
        (check["sealed"].clone(), check["path"].clone()),
        (json!(true), json!(sealed))
    );
    assert!(check["applicants"].as_i64().unwrap() > 1000);
    let err = invoke(
        &webview,
        "inspect_backup",
        json!({"path": path.display().to_string() + ".tidak-ada"}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "validation");
}

/// A file picked for reading that says it is empty and never ends
/// (`/dev/zero`) is refused once it passes the limit of what it stands for
/// (a scan, a logo, a CSV file), not read until the memory runs out.
#[cfg(unix)]
#[test]
fn a_picked_file_that_never_ends_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, webview) = open(dir.path().join("app.db"));
    first_run(&webview);
    let refused = with_picked_file(std::path::Path::new("/dev/zero"), || {
        [
            ("attach_scan", json!({"applicantId": 1, "code": "ktp"})),
            ("upload_logo", json!({})),
            ("import_party_list", json!({})),
        ]
        .map(|(cmd, args)| (cmd, invoke(&webview, cmd, args)))
    });
    for (cmd, result) in refused {
        let err = result.unwrap_err();
        assert_eq!(err["code"], "validation", "{cmd}: {err}");
        // Scans and logos have their own bound; a CSV file says it is too
        // large to import.
        let message = err["message"].as_str().unwrap();
        assert!(
            message.contains("melebihi batas") || message.contains("terlalu besar"),
            "{cmd}: {err}"
        );
    }
}
