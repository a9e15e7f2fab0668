//! The `adhoc` binary: CSV on stdout, messages on stderr, exit codes.

use std::process::Command;

use crate::common::cli::{adhoc, adhoc_with_stdin, stderr, stdout, CliDb, CREATE_PPK};

#[test]
fn init_create_and_list_rounds() {
    let t = CliDb::empty();

    let o = t.run(&["init", "--wilayah", "3514"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).is_empty(), "messages go to stderr");
    assert!(stderr(&o).contains("Kabupaten Pasuruan"));

    let out = t.ok(&CREATE_PPK);
    assert_eq!(out.trim(), "1");
    t.ok(&[
        "rounds",
        "create",
        "--preset",
        "pilkada-2024",
        "--badan",
        "PPS",
        "--nama",
        "Pilkada PPS",
    ]);

    let out = t.ok(&["rounds", "list"]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header[..4], ["id", "pemilihan", "badan", "tahapan"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][0], "1");
    assert_eq!(&rows[0][1], "Pemilu 2024");
    assert_eq!(&rows[0][2], "PPK");
    assert_eq!(&rows[0][3], "pendaftaran");
    assert_eq!(&rows[1][2], "PPS");
    assert_eq!(&rows[1][4], "Pilkada PPS");

    t.ok(&[
        "rounds",
        "kuota",
        "--round",
        "1",
        "--wilayah",
        "35.14.01",
        "--kuota",
        "7",
        "--alasan",
        "Wilayah luas",
    ]);
}

#[test]
fn failures_exit_non_zero_with_a_message_on_stderr() {
    let t = CliDb::empty();

    let o = t.run(&["rounds", "list"]);
    assert!(!o.status.success());
    assert!(stdout(&o).is_empty());
    assert!(
        stderr(&o).contains("Database tidak ditemukan"),
        "{}",
        stderr(&o)
    );
    assert!(
        !t.dir.path().join("kpu.db").exists(),
        "a missing database is not created by list"
    );

    let err = t.refused(&["init", "--wilayah", "9999"]);
    assert!(err.contains("tidak dikenal"));

    t.ok(&["init", "--wilayah", "3514"]);
    t.refused(&["init", "--wilayah", "3514"]);
    let err = t.refused(&[
        "rounds",
        "create",
        "--preset",
        "pemilu-2029",
        "--badan",
        "ppk",
    ]);
    assert!(err.contains("pemilu-2024"));
}

#[test]
fn wilayah_search_prints_csv() {
    let o = adhoc(&["wilayah", "pasuruan"]);
    assert!(o.status.success());
    assert_eq!(
        stdout(&o),
        "kode,nama,provinsi\n35.14,Kabupaten Pasuruan,Jawa Timur\n35.75,Kota Pasuruan,Jawa Timur\n"
    );
}

#[test]
fn accounts_and_the_audit_chain_from_the_command_line() {
    let t = CliDb::init();
    let db = t.db();

    // The password comes from stdin, never from an argument.
    let o = adhoc_with_stdin(
        &[
            "--db",
            db,
            "user",
            "add",
            "--username",
            "opr1",
            "--nama",
            "Operator Satu",
            "--peran",
            "operator",
        ],
        "sandi-operator-1\n",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = adhoc_with_stdin(&["--db", db, "user", "passwd", "opr1"], "pendek\n");
    assert!(!o.status.success());
    assert!(stderr(&o).contains("minimal 10"));
    t.ok(&["user", "deactivate", "opr1"]);
    let o = t.run(&["user", "list"]);
    assert_eq!(
        stdout(&o),
        "username,nama,peran,aktif,gagal_masuk,terkunci_sampai\nopr1,Operator Satu,operator,tidak,0,\n"
    );

    let out = t.ok(&["audit", "verify"]);
    assert!(
        out.starts_with("status,catatan,rusak_pertama,hash_terakhir\nutuh,3,,"),
        "{}",
        out
    );

    let out = t.ok(&["audit", "export", "--objek", "user"]);
    let actions: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(3).unwrap())
        .collect();
    assert_eq!(actions, ["user.create", "user.deactivate"]);
    assert!(!out.contains("sandi-operator-1"));

    // Someone edits the file by hand.
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite:{db}")).await.unwrap();
        sqlx::raw_sql("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET username = 'orang-lain' WHERE id = 2;")
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
    });
    let o = t.run(&["audit", "verify"]);
    assert!(!o.status.success());
    assert!(stdout(&o).contains("rusak,2,2,"), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("Jejak audit rusak mulai catatan 2"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn command_line_changes_name_the_operating_system_account() {
    let t = CliDb::empty();
    let o = Command::new(env!("CARGO_BIN_EXE_adhoc"))
        .args(["--db", t.db(), "init", "--wilayah", "3514"])
        .env("USER", "budi")
        .output()
        .unwrap();
    assert!(o.status.success());
    let o = t.run(&["audit", "export"]);
    let row = stdout(&o).lines().nth(1).unwrap().to_string();
    assert!(
        row.contains(",cli:budi,setup.initialize,kabupaten,35.14,"),
        "{row}"
    );
}

#[test]
fn the_party_list_from_the_command_line() {
    let t = CliDb::init();
    let bad = t.write("bad.csv", "nik;partai\n3514011208900001;A\n12345;B\n");
    let o = t.run(&["parties", "import", &bad]);
    assert!(!o.status.success());
    assert_eq!(
        stdout(&o),
        "baris,kolom,alasan\n3,nik,\"NIK \"\"12345\"\" bukan 16 angka.\"\n"
    );
    assert!(stderr(&o).contains("tidak ada yang disimpan"));

    let good = t.write("good.csv", "nik,partai\n3514011208900001,A\n");
    let o = t.run(&["parties", "import", &good]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "nomor_pendaftaran,nama,seleksi,partai\n");
    assert!(stderr(&o).contains("1 anggota partai disimpan"));
}

/// `/dev/zero` says it holds nothing and never ends: an import refuses it
/// once more than any CSV file has come, instead of reading until the
/// memory runs out.
#[cfg(unix)]
#[test]
fn an_input_file_that_never_ends_is_refused() {
    let t = CliDb::init();
    let err = t.refused(&["parties", "import", "/dev/zero"]);
    assert!(
        err.contains("Berkas terlalu besar untuk diimpor") && err.contains("paling besar 64 MB"),
        "{}",
        err
    );
}

#[test]
fn applicants_import_and_export_from_the_command_line() {
    let t = CliDb::with_round();
    let file = t.dir.path().join("pendaftar.csv");
    std::fs::write(
        &file,
        "nik;nama;jenis_kelamin;tempat_lahir;tanggal_lahir;alamat;kode_desa;pendidikan;kode_wilayah_tugas\n\
         3514011208900001;Budi Santoso;L;Pasuruan;12-08-1990;Dusun Krajan;3514012001;SMA;3514010\n",
    )
    .unwrap();
    let o = t.run(&[
        "applicants",
        "import",
        "--round",
        "1",
        file.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(
        stdout(&o).starts_with("baris,kolom,alasan\n2,kode_wilayah_tugas,"),
        "{}",
        stdout(&o)
    );

    let fixed = std::fs::read_to_string(&file)
        .unwrap()
        .replace(";3514010\n", ";351401\n");
    std::fs::write(&file, fixed).unwrap();
    let o = t.run(&[
        "applicants",
        "import",
        "--round",
        "1",
        file.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stderr(&o).contains("1 pendaftar disimpan (PPK-3514-0001 sampai PPK-3514-0001)"),
        "{}",
        stderr(&o)
    );
    let out = t.ok(&["applicants", "export", "--round", "1"]);
    assert!(out.lines().nth(1).unwrap().starts_with("PPK-3514-0001,3514011208900001,Budi Santoso,L,Pasuruan,1990-08-12,Dusun Krajan,35.14.01.2001,SMA,,,35.14.01,"));

    let out = t.ok(&["applicants", "list", "--round", "1", "--cari", "budi"]);
    assert_eq!(
        out.lines().nth(1),
        Some(
            "PPK-3514-0001,3514011208900001,Budi Santoso,L,35.14.01,Kecamatan Purwodadi,terdaftar"
        )
    );
    let pdf = t.dir.path().join("tanda-terima.pdf");
    t.ok(&[
        "applicants",
        "tanda-terima",
        "--round",
        "1",
        "PPK-3514-0001",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let err = t.refused(&[
        "applicants",
        "tanda-terima",
        "--round",
        "1",
        "PPK-3514-0099",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert!(
        err.contains("PPK-3514-0099 pada seleksi 1 tidak ditemukan"),
        "{}",
        err
    );

    // Penelitian administrasi from files: verdicts, then the results.
    let sipol = t.write("sipol.csv", "nik,partai\n3514019999990001,Partai Contoh\n");
    t.ok(&["parties", "import", &sipol]);
    let verdicts = t.dir.path().join("berkas.csv");
    let mut text = String::from("nomor_pendaftaran,kode_dokumen,status,alasan\n");
    for code in [
        "surat_pendaftaran",
        "drh",
        "ktp",
        "ijazah",
        "surat_pernyataan",
        "surat_sehat",
    ] {
        text.push_str(&format!("PPK-3514-0001,{code},sesuai,\n"));
    }
    std::fs::write(&verdicts, &text).unwrap();
    t.ok(&[
        "documents",
        "import",
        "--round",
        "1",
        verdicts.to_str().unwrap(),
    ]);
    let out = t.ok(&["results", "--round", "1", "--stage", "administrasi"]);
    assert_eq!(
        out,
        "nomor_pendaftaran,nama,kode_wilayah_tugas,hasil,alasan\nPPK-3514-0001,Budi Santoso,35.14.01,MS,\n"
    );
    std::fs::write(&verdicts, text.replace("ktp,sesuai,", "ktp,tidak sesuai,")).unwrap();
    let o = t.run(&[
        "documents",
        "import",
        "--round",
        "1",
        verdicts.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(stdout(&o).contains("4,alasan,"), "{}", stdout(&o));

    t.ok(&["stage", "close", "--round", "1", "pendaftaran"]);
    // Every other kecamatan is short of applicants: the chair lets them go on.
    t.ok(&[
        "stage",
        "lanjut",
        "--round",
        "1",
        "--semua",
        "--alasan",
        "Tidak ada pendaftar lain (uji)",
    ]);
    t.ok(&["stage", "close", "--round", "1", "administrasi"]);
    let err = t.refused(&[
        "documents",
        "import",
        "--round",
        "1",
        verdicts.to_str().unwrap(),
    ]);
    assert!(err.contains("sudah ditutup"), "{}", err);
    t.ok(&[
        "stage",
        "reopen",
        "--round",
        "1",
        "administrasi",
        "--alasan",
        "Koreksi berkas KTP",
    ]);

    // The written test: opened by the chair, scores from a file, results and quota.
    t.ok(&["stage", "close", "--round", "1", "administrasi"]);
    let scores = t.write("nilai.csv", "nomor_pendaftaran,nilai\nPPK-3514-0001,78.5\n");
    let import = [
        "scores", "import", "--round", "1", "--stage", "tertulis", &scores,
    ];
    let o = t.run(&import);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("belum dibuka"), "{}", stderr(&o));
    t.ok(&["stage", "open", "--round", "1", "tertulis"]);
    let o = t.run(&import);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("1 nilai tes tertulis disimpan"),
        "{}",
        stderr(&o)
    );
    let out = t.ok(&["results", "--round", "1", "--stage", "tertulis"]);
    assert_eq!(
        out,
        "nomor_pendaftaran,nama,jenis_kelamin,kode_wilayah_tugas,nilai_tertulis,nilai_wawancara,nilai_akhir,peringkat,status\n\
         PPK-3514-0001,Budi Santoso,L,35.14.01,\"78,50\",,,1,lulus\n"
    );
    let out = t.ok(&["quota", "--round", "1"]);
    assert!(
        out.lines()
            .any(|l| l.starts_with("35.14.01,Purwodadi,Purwodadi,5,0,1,1,1,0,0,0,,")),
        "{out}"
    );
    assert!(
        out.lines()
            .last()
            .unwrap()
            .starts_with(",Jumlah,,120,0,1,1,1,"),
        "{out}"
    );
    // The women's share per stage: women, everyone, percent; the stages not
    // reached yet empty, those under 30% named.
    let out = t.ok(&["quota", "--round", "1", "--perempuan"]);
    assert!(
        out.starts_with("kode_wilayah,wilayah,kecamatan,pendaftar_p,pendaftar,pendaftar_persen_p,"),
        "{out}"
    );
    assert!(
        out.lines().any(|l| l
            == "35.14.01,Purwodadi,Purwodadi,0,1,0,0,1,0,0,1,0,,,,,,,\
                \"perempuan < 30%: Pendaftar, MS, Lulus tes tertulis\""),
        "{out}"
    );
    assert!(
        out.lines()
            .last()
            .unwrap()
            .starts_with(",Jumlah,,0,1,0,0,1,0,0,1,0,"),
        "{out}"
    );
}
