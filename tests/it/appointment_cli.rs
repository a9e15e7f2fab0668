//! Extension limits and appointment (penunjukan) through the `adhoc`
//! binary alone.

use crate::common;

/// CSV rows as maps from header to value.
fn csv_rows(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    r.records()
        .map(|rec| {
            header
                .iter()
                .cloned()
                .zip(rec.unwrap().iter().map(str::to_string))
                .collect()
        })
        .collect()
}

#[test]
fn the_cli_sets_the_extensions_and_appoints_once_they_are_over() {
    let t = common::cli::CliDb::with_round();
    t.ok(&[
        "rounds",
        "set",
        "--round",
        "1",
        "--jumlah-perpanjangan",
        "1",
    ]);
    let shown = t.ok(&["rounds", "show", "--round", "1"]);
    assert!(shown.contains("jumlah_perpanjangan,1"), "{shown}");
    t.ok(&["stage", "close", "--round", "1", "pendaftaran"]);
    let tambah = |unit: &str| -> Vec<String> {
        [
            "penunjukan",
            "tambah",
            "--round",
            "1",
            "--wilayah",
            unit,
            "--nik",
            "3514011208909001",
            "--nama",
            "Ditunjuk Satu",
            "--jenis-kelamin",
            "L",
            "--tanggal-lahir",
            "1990-08-12",
            "--alamat",
            "Dusun Krajan",
            "--pendidikan",
            "S1",
            "--pengusul",
            "perguruan_tinggi",
            "--nama-pengusul",
            "Universitas Yudharta",
            "--keputusan",
            "BA 21/2026",
            "--alasan",
            "Tidak ada pendaftar sesudah perpanjangan",
        ]
        .map(str::to_string)
        .to_vec()
    };
    let args = tambah("35.14.01");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    // Registration just closed: extend (or decide) first.
    let e = t.refused(&args);
    assert!(e.contains("perpanjang pendaftaran 3 hari"), "{e}");
    t.ok(&[
        "stage",
        "lanjut",
        "--round",
        "1",
        "--semua",
        "--alasan",
        "Tidak ada warga lain yang dapat diharapkan mendaftar",
    ]);
    t.ok(&["stage", "close", "--round", "1", "administrasi"]);
    // No more extensions can be given: every empty kecamatan needs appointment.
    let units = csv_rows(&t.ok(&["penunjukan", "keadaan", "--round", "1"]));
    let purwodadi = units
        .iter()
        .find(|u| u["kode_wilayah"] == "35.14.01")
        .unwrap();
    assert_eq!(purwodadi["keadaan"], "perlu penunjukan");
    assert_eq!(purwodadi["kursi_penunjukan"], "5");
    assert_eq!(
        purwodadi["langkah_berikutnya"],
        "Isi 5 kursi yang kosong dengan penunjukan"
    );
    t.ok(&args);
    let listed = csv_rows(&t.ok(&["penunjukan", "daftar", "--round", "1"]));
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["asal"], "Penunjukan");
    assert_eq!(
        listed[0]["pengusul"],
        "Perguruan tinggi: Universitas Yudharta"
    );
    let units = csv_rows(&t.ok(&["penunjukan", "keadaan", "--round", "1"]));
    let purwodadi = units
        .iter()
        .find(|u| u["kode_wilayah"] == "35.14.01")
        .unwrap();
    assert_eq!(
        (
            purwodadi["kursi_dipegang"].as_str(),
            purwodadi["kursi_penunjukan"].as_str()
        ),
        ("1", "4")
    );
    let id = &listed[0]["id"];
    let e = t.refused(&[
        "penunjukan",
        "batal",
        "--round",
        "1",
        id,
        "--alasan",
        "salah",
    ]);
    assert!(e.contains("10 karakter"), "{e}");
    t.ok(&[
        "penunjukan",
        "batal",
        "--round",
        "1",
        id,
        "--alasan",
        "Salah memasukkan orang yang diusulkan",
    ]);
    assert!(csv_rows(&t.ok(&["penunjukan", "daftar", "--round", "1"])).is_empty());
}
