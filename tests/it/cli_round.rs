//! A whole round driven through the `adhoc` binary alone, as an office
//! scripting its work would: rule settings at creation, applicants from a
//! file, party membership checked without a list, short units settled by
//! the chair, verdicts and scores from files, a tie at the Terpilih /
//! Cadangan boundary decided by the plenary, and every stage closed until
//! the term of office.

use std::collections::HashMap;

use crate::common::cli::{CliDb, CREATE_PPK};

/// CSV rows as maps from header to value.
fn rows(csv_text: &str) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
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
fn a_round_runs_to_the_term_of_office_through_the_cli_alone() {
    let t = CliDb::init();

    // Rule settings at creation: quota 2, weighted final score 40/60.
    let rules = [
        "--kuota",
        "2",
        "--nilai-akhir",
        "bobot",
        "--bobot-tertulis",
        "40",
    ];
    let id = t.ok(&[&CREATE_PPK[..], &rules].concat());
    assert_eq!(id.trim(), "1");
    let settings: HashMap<String, String> = rows(&t.ok(&["rounds", "show", "--round", "1"]))
        .into_iter()
        .map(|r| (r["aturan"].clone(), r["nilai"].clone()))
        .collect();
    assert_eq!(settings["kuota"], "2");
    assert_eq!(settings["nilai_akhir"], "bobot 40/60");
    // Changed before anyone registers; refused afterwards.
    t.ok(&["rounds", "set", "--round", "1", "--usia-minimal", "18"]);

    // Seven applicants in Purwodadi (35.14.01) from a file.
    let mut applicants = String::from(
        "nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,pendidikan,kode_wilayah_tugas\n",
    );
    for i in 1..=7 {
        let (day, sex) = if i % 2 == 0 { (52, "P") } else { (12, "L") };
        applicants.push_str(&format!(
            "351401{day}0890{i:04},Calon {i},{sex},Pasuruan,12-08-1990,Dusun Krajan,35.14.01.2001,SMA,35.14.01\n"
        ));
    }
    let file = t.write("pendaftar.csv", &applicants);
    t.ok(&["applicants", "import", "--round", "1", &file]);
    let e = t.refused(&["rounds", "set", "--round", "1", "--kuota", "3"]);
    assert!(e.contains("sebelum ada pendaftar"), "{e}");

    // Paging without a silent cap; the export maps NIKs to numbers.
    let page3 = t.ok(&[
        "applicants",
        "list",
        "--round",
        "1",
        "--batas",
        "3",
        "--halaman",
        "3",
    ]);
    assert_eq!(rows(&page3).len(), 1);
    assert_eq!(
        rows(&t.ok(&["applicants", "list", "--round", "1", "--batas", "100000"])).len(),
        7
    );
    let number: HashMap<String, String> = rows(&t.ok(&["applicants", "export", "--round", "1"]))
        .into_iter()
        .map(|r| (r["nama"].clone(), r["nomor_pendaftaran"].clone()))
        .collect();
    let n = |i: u32| number[&format!("Calon {i}")].clone();

    // Party membership checked in SIPOL online: no list file needed.
    t.ok(&[
        "parties",
        "periksa",
        "--round",
        "1",
        "--cara",
        "sipol_daring",
        "--catatan",
        "Semua NIK dicek 1 Desember",
    ]);

    // Registration closes; the 23 other kecamatan are short of applicants
    // and hold the administrative stage until the chair settles them.
    t.ok(&["stage", "close", "--round", "1", "pendaftaran"]);
    let mut verdicts = String::from("nomor_pendaftaran,kode_dokumen,status,alasan\n");
    for i in 1..=7 {
        for code in [
            "surat_pendaftaran",
            "drh",
            "ktp",
            "ijazah",
            "surat_pernyataan",
            "surat_sehat",
        ] {
            verdicts.push_str(&format!("{},{code},sesuai,\n", n(i)));
        }
    }
    let file = t.write("berkas.csv", &verdicts);
    t.ok(&["documents", "import", "--round", "1", &file]);
    let e = t.refused(&["stage", "close", "--round", "1", "administrasi"]);
    assert!(e.contains("23 wilayah masih perlu perpanjangan"), "{e}");
    let short = rows(&t.ok(&["stage", "perpanjangan", "--round", "1"]));
    assert_eq!(short.len(), 23);
    t.ok(&[
        "stage",
        "lanjut",
        "--round",
        "1",
        "--semua",
        "--alasan",
        "Rapat pleno: tidak ada lagi warga yang mendaftar",
    ]);
    let admin = rows(&t.ok(&["results", "--round", "1", "--stage", "administrasi"]));
    assert!(admin.iter().all(|r| r["hasil"] == "MS"), "{admin:?}");
    t.ok(&["stage", "close", "--round", "1", "administrasi"]);

    // The written test: the seventh did not attend.
    t.ok(&["stage", "open", "--round", "1", "tertulis"]);
    let mut marks = String::from("nomor_pendaftaran,nilai,hadir\n");
    for (i, m) in [
        (1, "90"),
        (2, "80"),
        (3, "80"),
        (4, "75"),
        (5, "70"),
        (6, "65"),
    ] {
        marks.push_str(&format!("{},{m},ya\n", n(i)));
    }
    marks.push_str(&format!("{},,tidak\n", n(7)));
    let file = t.write("tertulis.csv", &marks);
    t.ok(&[
        "scores", "import", "--round", "1", "--stage", "tertulis", &file,
    ]);
    t.ok(&["stage", "close", "--round", "1", "tertulis"]);

    // The interview: the second and third tie exactly at the quota's edge.
    t.ok(&["stage", "open", "--round", "1", "wawancara"]);
    let mut marks = String::from("nomor_pendaftaran,nilai\n");
    for (i, m) in [
        (1, "90"),
        (2, "85"),
        (3, "85"),
        (4, "80"),
        (5, "70.5"),
        (6, "60"),
    ] {
        marks.push_str(&format!("{},{m}\n", n(i)));
    }
    let file = t.write("wawancara.csv", &marks);
    t.ok(&[
        "scores",
        "import",
        "--round",
        "1",
        "--stage",
        "wawancara",
        &file,
    ]);
    t.ok(&["stage", "close", "--round", "1", "wawancara"]);
    t.ok(&["stage", "open", "--round", "1", "akhir"]);
    let finals = rows(&t.ok(&["results", "--round", "1", "--stage", "akhir"]));
    let tied: Vec<&str> = finals
        .iter()
        .filter(|r| r["status"].contains("seri"))
        .map(|r| r["nomor_pendaftaran"].as_str())
        .collect();
    assert_eq!(tied.len(), 2, "{finals:?}");
    let e = t.refused(&["stage", "close", "--round", "1", "akhir"]);
    assert!(e.contains("belum diputuskan pleno"), "{e}");

    // The plenary puts the third before the second.
    let tie = [
        "stage",
        "seri",
        "--round",
        "1",
        "--catatan",
        "BA 05/PP.04.1-BA/3514/2022",
    ];
    let e = t.refused(&[&tie[..], &[&n(3), &n(4)]].concat());
    assert!(e.contains("semua pendaftar yang nilainya sama"), "{e}");
    t.ok(&[&tie[..], &[&n(3), &n(2)]].concat());
    let finals = rows(&t.ok(&["results", "--round", "1", "--stage", "akhir"]));
    let status: HashMap<&str, &str> = finals
        .iter()
        .map(|r| (r["nomor_pendaftaran"].as_str(), r["status"].as_str()))
        .collect();
    assert!(status[n(3).as_str()].starts_with("terpilih"), "{finals:?}");
    assert!(status[n(2).as_str()].starts_with("cadangan"), "{finals:?}");
    // Weighted scores print with four decimals, every one of them.
    let scores: Vec<&str> = finals
        .iter()
        .map(|r| r["nilai_akhir"].as_str())
        .filter(|s| !s.is_empty())
        .collect();
    assert!(
        scores.contains(&"90,0000") && scores.contains(&"70,3000"),
        "{scores:?}"
    );
    assert!(
        scores
            .iter()
            .all(|s| s.split(',').nth(1).unwrap().len() == 4),
        "{scores:?}"
    );

    for stage in ["akhir", "penetapan"] {
        t.ok(&["stage", "close", "--round", "1", stage]);
        if stage == "akhir" {
            t.ok(&["stage", "open", "--round", "1", "penetapan"]);
        }
    }
    let list = rows(&t.ok(&["rounds", "list"]));
    assert_eq!(list[0]["tahapan"], "masa_kerja");
    let audit = t.ok(&["audit", "export"]);
    assert!(audit.contains("tie.decide"), "the tie decision is audited");
    assert!(audit.contains("registration.decide_without_extension"));
    assert!(audit.contains("parties.check"));
}
