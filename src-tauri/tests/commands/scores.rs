//! A score sheet through the shell: picked, previewed, imported.

use serde_json::{json, Value};

use crate::shell::{invoke, with_picked_file, Webview};

/// With the demo's PPS round at the written test and `row` a line of its
/// score sheet whose mark was just entered as 77,50: a sheet with another
/// mark for it is picked, previewed with the mapping proposed (the mark it
/// replaces shown) and imported; the picked file is then forgotten.
pub fn a_sheet_is_picked_previewed_and_imported(webview: &Webview, row: &Value) {
    let sheet_file = tempfile::tempdir().unwrap();
    let sheet_path = sheet_file.path().join("hasil-cat.csv");
    std::fs::write(
        &sheet_path,
        format!(
            "No. Peserta;Nama;Nilai Akhir\n{};{};81,5\n",
            row["reg_number"].as_str().unwrap(),
            row["full_name"].as_str().unwrap()
        ),
    )
    .unwrap();
    let tertulis = json!({"roundId": 2, "stage": "tertulis"});
    let picked = with_picked_file(&sheet_path, || {
        invoke(webview, "pick_score_sheet", tertulis.clone())
    })
    .unwrap();
    assert_eq!(picked["name"], "hasil-cat.csv");
    let preview = &picked["preview"];
    assert_eq!(preview["mapping"]["id_kind"], "nomor", "{preview}");
    assert_eq!(preview["mapping"]["mark_column"], 2);
    assert_eq!(
        (preview["to_store"].clone(), preview["replacing"].clone()),
        (json!(1), json!(1))
    );
    assert_eq!(preview["rows"][0]["before"], "77,50");
    assert_eq!(preview["rows"][0]["mark"], "81,50");
    let choice =
        json!({"sheet": preview["sheet"], "mapping": preview["mapping"], "header_row": null});
    let again = invoke(
        webview,
        "preview_score_sheet",
        json!({"roundId": 2, "stage": "tertulis", "choice": choice}),
    )
    .unwrap();
    assert_eq!(again["rows"], preview["rows"]);
    let report = invoke(
        webview,
        "import_score_sheet",
        json!({"roundId": 2, "stage": "tertulis", "choice": choice}),
    )
    .unwrap();
    assert_eq!(
        (report["stored"].clone(), report["replaced"].clone()),
        (json!(1), json!(1))
    );
    let err = invoke(
        webview,
        "import_score_sheet",
        json!({"roundId": 2, "stage": "tertulis", "choice": choice}),
    )
    .unwrap_err();
    assert_eq!(err["code"], "validation");
}
