//! Unit situations and appointment (penunjukan) through the shell, on the
//! demo database.

use serde_json::json;

use crate::shell::{invoke, login, open};

#[test]
fn situations_are_read_and_appointment_is_the_chairs() {
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
    login(&webview, "operator", adhoc::service::demo::DEMO_PASSWORD);
    // The demo's PPK round (1): every kecamatan, each with its next step.
    let units = invoke(&webview, "unit_situations", json!({"roundId": 1})).unwrap();
    let units = units.as_array().unwrap();
    assert_eq!(units.len(), 24, "{units:?}");
    assert!(units
        .iter()
        .all(|u| !u["next_step"].as_str().unwrap().is_empty()));
    let holders = invoke(&webview, "seat_holders", json!({"roundId": 1})).unwrap();
    assert!(holders.is_array(), "{holders}");
    let input = json!({
        "unit_code": units[0]["unit_code"],
        "nik": "3514011208909001",
        "full_name": "Ditunjuk Satu",
        "sex": "L",
        "birth_date": "1990-08-12",
        "address": "Dusun Krajan",
        "phone": null,
        "education": "S1",
        "proposer_kind": "sekolah",
        "proposer_name": "SMA Negeri 1 Bangil",
        "decision": "BA Pleno 21/2026",
        "reason": "Pendaftar tetap kurang sesudah perpanjangan",
    });
    let err = invoke(
        &webview,
        "appoint_member",
        json!({"roundId": 1, "input": input.clone()}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "forbidden", "{err}");
    invoke(&webview, "logout", json!({})).unwrap();
    // The chair is heard by the core: a unit with every seat filled or
    // still winnable has no seat to appoint.
    login(&webview, "pimpinan", adhoc::service::demo::DEMO_PASSWORD);
    let full = units
        .iter()
        .find(|u| u["appointable"] == 0)
        .expect("a unit without seats to appoint");
    let mut into_full = input.clone();
    into_full["unit_code"] = full["unit_code"].clone();
    let err = invoke(
        &webview,
        "appoint_member",
        json!({"roundId": 1, "input": into_full}),
    )
    .unwrap_err();
    assert!(
        err["code"] == "validation" || err["code"] == "stage",
        "{err}"
    );
}
