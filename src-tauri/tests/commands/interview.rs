//! Interview panels through the shell, on the demo database.

use serde_json::json;

use crate::shell::{invoke, login, open, with_picked_file};

#[test]
fn a_panel_is_set_up_through_the_shell() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(adhoc::service::demo::build_demo(
            &path,
            2024,
            chrono::Utc::now(),
        ))
        .unwrap();
    let (_app, webview) = open(path);
    // The demo's PPS round (2) is at the written test: panels are prepared.
    login(&webview, "verifikator", adhoc::service::demo::DEMO_PASSWORD);
    let setup = invoke(&webview, "interview_setup", json!({"roundId": 2})).unwrap();
    assert_eq!(setup["aspects"].as_array().unwrap().len(), 5, "{setup}");
    assert_eq!(setup["aspects_editable"], true);
    let weights = json!([{"name": "Pengetahuan kepemiluan", "weight": 60}, {"name": "Komunikasi", "weight": 40}]);
    let aspects = invoke(
        &webview,
        "set_interview_aspects",
        json!({"roundId": 2, "aspects": weights}),
    )
    .unwrap();
    assert_eq!(aspects[1]["weight"], 40);
    let id = invoke(
        &webview,
        "add_interview_panel",
        json!({"roundId": 2, "name": "Panel 1", "room": "Aula",
               "interviewers": [{"name": "Ani"}, {"name": "Budi", "nip": "", "jabatan": "Anggota"}]}),
    )
    .unwrap();
    let setup = invoke(&webview, "interview_setup", json!({"roundId": 2})).unwrap();
    assert_eq!(setup["panels"][0]["id"], id);
    assert_eq!(setup["panels"][0]["interviewers"][1]["jabatan"], "Anggota");
    let schedule = invoke(&webview, "interview_schedule", json!({"roundId": 2})).unwrap();
    assert!(schedule.is_array(), "{schedule}");
    // Scores wait for the interview to open (refused before any file
    // dialog: the picked file is the stand-in's, taking turns).
    let csv = dir.path().join("rekap.csv");
    std::fs::write(&csv, "nomor_pendaftaran,pewawancara,Komunikasi\n").unwrap();
    let err = with_picked_file(&csv, || {
        invoke(&webview, "import_interview_scores", json!({"roundId": 2}))
    })
    .unwrap_err();
    assert_eq!(err["code"], "stage", "{err}");
    invoke(&webview, "delete_interview_panel", json!({"panelId": id})).unwrap();
    // The Operator registers; the panels are the Verifikator's.
    invoke(&webview, "logout", json!({})).unwrap();
    login(&webview, "operator", adhoc::service::demo::DEMO_PASSWORD);
    let err = invoke(
        &webview,
        "add_interview_panel",
        json!({"roundId": 2, "name": "Panel 2", "room": "", "interviewers": [{"name": "Citra"}]}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "forbidden", "{err}");
}
