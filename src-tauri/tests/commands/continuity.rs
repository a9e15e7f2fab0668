//! Keeping members of an earlier round, their evaluation during the term
//! and a person's history, through the shell on the demo database (its
//! Pemilu PPK round is in the term of office).

use serde_json::json;

use crate::shell::{invoke, login, open};

#[test]
fn members_are_evaluated_kept_and_traced_through_the_shell() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(adhoc::service::demo::build_demo(
        &path,
        2024,
        chrono::Utc::now(),
    ))
    .unwrap();
    let pilkada = rt
        .block_on(async {
            let db = adhoc::store::Db::open(&path, adhoc::store::OpenMode::MustExist).await?;
            let round = adhoc::service::rounds::create_from_preset(
                &db,
                &adhoc::service::auth::Session::cli(),
                adhoc::domain::round::Preset::Pilkada2024,
                adhoc::domain::round::Body::Ppk,
                // The demo has its own Pilkada round, past registration.
                Some("Pilkada 2024 – PPK (uji)"),
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

    // The help desk records a monthly report of a member of the Pemilu.
    login("operator");
    let members = invoke(&webview, "round_members", json!({"roundId": 1})).unwrap();
    let first = members[0].clone();
    let report = invoke(
        &webview,
        "record_member_report",
        json!({"roundId": 1, "input": {"member": first["member"], "month": "2024-03",
               "summary": "Mengikuti rapat pleno rekapitulasi", "assessment": null}}),
    )
    .unwrap();
    assert_eq!(report["reports"].as_array().unwrap().len(), 1, "{report}");
    let err = invoke(
        &webview,
        "evaluate_member",
        json!({"roundId": 1, "member": first["member"],
               "evaluation": {"score": 90, "grade": null, "notes": "Kinerja sangat baik"}}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "forbidden");
    invoke(&webview, "logout", json!({})).unwrap();

    // The Pimpinan decides the evaluation and keeps the member in the Pilkada.
    login("pimpinan");
    let term = invoke(
        &webview,
        "evaluate_member",
        json!({"roundId": 1, "member": first["member"],
               "evaluation": {"score": 90, "grade": null, "notes": "Kinerja sangat baik"}}),
    )
    .unwrap();
    assert_eq!(term["evaluation"]["summary"], "90");
    let view = invoke(
        &webview,
        "takeover_view",
        json!({"roundId": pilkada, "fromRoundId": 1}),
    )
    .unwrap();
    assert!(view["sources"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["id"] == 1));
    let before = invoke(&webview, "person_history", json!({"nik": first["nik"]})).unwrap();
    let kept = invoke(
        &webview,
        "keep_members",
        json!({"roundId": pilkada, "input": {"from_round_id": 1,
               "members": [{"member": first["member"], "evaluation": {"score": null, "grade": null, "notes": ""}}],
               "decision": "Keputusan KPU 1/2024", "reason": "Evaluasi kinerja selama Pemilu baik"}}),
    )
    .unwrap();
    let unit = kept["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit_code"] == first["unit_code"])
        .unwrap();
    assert_eq!(unit["held"], 1);
    assert_eq!(unit["kept"][0]["evaluation"]["score"], 90);
    let history = invoke(&webview, "person_history", json!({"nik": first["nik"]})).unwrap();
    assert_eq!(
        history["entries"].as_array().unwrap().len(),
        before["entries"].as_array().unwrap().len() + 1,
        "{history}"
    );
    let holder = unit["kept"][0]["id"].clone();
    let back = invoke(
        &webview,
        "cancel_kept_member",
        json!({"holderId": holder, "reason": "Salah pilih anggota lanjutan"}),
    )
    .unwrap();
    assert!(back["units"]
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["kept"].as_array().unwrap().is_empty()));
    let term = invoke(
        &webview,
        "member_term",
        json!({"roundId": 1, "member": first["member"]}),
    )
    .unwrap();
    assert_eq!(term["reports"][0]["month"], "2024-03");
}
