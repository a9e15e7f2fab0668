//! The `adhoc` binary: CSV on stdout, messages on stderr, exit codes.

use std::process::{Command, Output};

pub(crate) fn adhoc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_adhoc"))
        .args(args)
        .env_remove("ADHOC_DB")
        .output()
        .expect("adhoc runs")
}

pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn init_create_and_list_rounds() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kpu.db");
    let db = db.to_str().unwrap();

    let o = adhoc(&["--db", db, "init", "--wilayah", "3514"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).is_empty(), "messages go to stderr");
    assert!(stderr(&o).contains("Kabupaten Pasuruan"));

    let o = adhoc(&[
        "--db",
        db,
        "rounds",
        "create",
        "--preset",
        "pemilu-2024",
        "--badan",
        "ppk",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), "1");
    let o = adhoc(&[
        "--db",
        db,
        "rounds",
        "create",
        "--preset",
        "pilkada-2024",
        "--badan",
        "PPS",
        "--nama",
        "Pilkada PPS",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));

    let o = adhoc(&["--db", db, "rounds", "list"]);
    assert!(o.status.success());
    let out = stdout(&o);
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

    let o = adhoc(&[
        "--db",
        db,
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
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn failures_exit_non_zero_with_a_message_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kpu.db");
    let db = db.to_str().unwrap();

    let o = adhoc(&["--db", db, "rounds", "list"]);
    assert!(!o.status.success());
    assert!(stdout(&o).is_empty());
    assert!(
        stderr(&o).contains("Database tidak ditemukan"),
        "{}",
        stderr(&o)
    );
    assert!(
        !dir.path().join("kpu.db").exists(),
        "a missing database is not created by list"
    );

    let o = adhoc(&["--db", db, "init", "--wilayah", "9999"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("tidak dikenal"));

    assert!(adhoc(&["--db", db, "init", "--wilayah", "3514"])
        .status
        .success());
    let o = adhoc(&["--db", db, "init", "--wilayah", "3514"]);
    assert!(!o.status.success(), "a second init is refused");
    let o = adhoc(&[
        "--db",
        db,
        "rounds",
        "create",
        "--preset",
        "pemilu-2029",
        "--badan",
        "ppk",
    ]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("pemilu-2024"));
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

pub(crate) fn adhoc_with_stdin(args: &[&str], input: &str) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_adhoc"))
        .args(args)
        .env_remove("ADHOC_DB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn accounts_and_the_audit_chain_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kpu.db");
    let db = path.to_str().unwrap();
    assert!(adhoc(&["--db", db, "init", "--wilayah", "3514"])
        .status
        .success());

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
    assert!(adhoc(&["--db", db, "user", "deactivate", "opr1"])
        .status
        .success());
    let o = adhoc(&["--db", db, "user", "list"]);
    assert_eq!(
        stdout(&o),
        "username,nama,peran,aktif,gagal_masuk,terkunci_sampai\nopr1,Operator Satu,operator,tidak,0,\n"
    );

    let o = adhoc(&["--db", db, "audit", "verify"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("status,catatan,rusak_pertama,hash_terakhir\nutuh,3,,"),
        "{}",
        stdout(&o)
    );

    let o = adhoc(&["--db", db, "audit", "export", "--objek", "user"]);
    assert!(o.status.success());
    let out = stdout(&o);
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
    let o = adhoc(&["--db", db, "audit", "verify"]);
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
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kpu.db");
    let db = path.to_str().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_adhoc"))
        .args(["--db", db, "init", "--wilayah", "3514"])
        .env("USER", "budi")
        .output()
        .unwrap();
    assert!(o.status.success());
    let o = adhoc(&["--db", db, "audit", "export"]);
    let row = stdout(&o).lines().nth(1).unwrap().to_string();
    assert!(
        row.contains(",cli:budi,setup.initialize,kabupaten,35.14,"),
        "{row}"
    );
}

#[test]
fn the_party_list_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kpu.db");
    let db = db.to_str().unwrap();
    assert!(adhoc(&["--db", db, "init", "--wilayah", "3514"])
        .status
        .success());
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "nik;partai\n3514011208900001;A\n12345;B\n").unwrap();
    let o = adhoc(&["--db", db, "parties", "import", bad.to_str().unwrap()]);
    assert!(!o.status.success());
    assert_eq!(
        stdout(&o),
        "baris,kolom,alasan\n3,nik,\"NIK \"\"12345\"\" bukan 16 angka.\"\n"
    );
    assert!(stderr(&o).contains("tidak ada yang disimpan"));

    let good = dir.path().join("good.csv");
    std::fs::write(&good, "nik,partai\n3514011208900001,A\n").unwrap();
    let o = adhoc(&["--db", db, "parties", "import", good.to_str().unwrap()]);
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
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kpu.db");
    let db = db.to_str().unwrap();
    assert!(adhoc(&["--db", db, "init", "--wilayah", "3514"])
        .status
        .success());
    let o = adhoc(&["--db", db, "parties", "import", "/dev/zero"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("Berkas terlalu besar untuk diimpor")
            && stderr(&o).contains("paling besar 64 MB"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn applicants_import_and_export_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kpu.db");
    let db = db.to_str().unwrap();
    assert!(adhoc(&["--db", db, "init", "--wilayah", "3514"])
        .status
        .success());
    assert!(adhoc(&[
        "--db",
        db,
        "rounds",
        "create",
        "--preset",
        "pemilu-2024",
        "--badan",
        "ppk"
    ])
    .status
    .success());
    let file = dir.path().join("pendaftar.csv");
    std::fs::write(
        &file,
        "nik;nama;jenis_kelamin;tempat_lahir;tanggal_lahir;alamat;kode_desa;pendidikan;kode_wilayah_tugas\n\
         3514011208900001;Budi Santoso;L;Pasuruan;12-08-1990;Dusun Krajan;3514012001;SMA;3514010\n",
    )
    .unwrap();
    let o = adhoc(&[
        "--db",
        db,
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
    let o = adhoc(&[
        "--db",
        db,
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
    let o = adhoc(&["--db", db, "applicants", "export", "--round", "1"]);
    assert!(o.status.success());
    assert!(stdout(&o).lines().nth(1).unwrap().starts_with("PPK-3514-0001,3514011208900001,Budi Santoso,L,Pasuruan,1990-08-12,Dusun Krajan,35.14.01.2001,SMA,,,35.14.01,"));

    let o = adhoc(&[
        "--db",
        db,
        "applicants",
        "list",
        "--round",
        "1",
        "--cari",
        "budi",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o).lines().nth(1),
        Some(
            "PPK-3514-0001,3514011208900001,Budi Santoso,L,35.14.01,Kecamatan Purwodadi,terdaftar"
        )
    );
    let pdf = dir.path().join("tanda-terima.pdf");
    let o = adhoc(&[
        "--db",
        db,
        "applicants",
        "tanda-terima",
        "--round",
        "1",
        "PPK-3514-0001",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let o = adhoc(&[
        "--db",
        db,
        "applicants",
        "tanda-terima",
        "--round",
        "1",
        "PPK-3514-0099",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("PPK-3514-0099 pada seleksi 1 tidak ditemukan"),
        "{}",
        stderr(&o)
    );

    // Penelitian administrasi from files: verdicts, then the results.
    let sipol = dir.path().join("sipol.csv");
    std::fs::write(&sipol, "nik,partai\n3514019999990001,Partai Contoh\n").unwrap();
    assert!(
        adhoc(&["--db", db, "parties", "import", sipol.to_str().unwrap()])
            .status
            .success()
    );
    let verdicts = dir.path().join("berkas.csv");
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
    let o = adhoc(&[
        "--db",
        db,
        "documents",
        "import",
        "--round",
        "1",
        verdicts.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let o = adhoc(&[
        "--db",
        db,
        "results",
        "--round",
        "1",
        "--stage",
        "administrasi",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "nomor_pendaftaran,nama,kode_wilayah_tugas,hasil,alasan\nPPK-3514-0001,Budi Santoso,35.14.01,MS,\n"
    );
    std::fs::write(&verdicts, text.replace("ktp,sesuai,", "ktp,tidak sesuai,")).unwrap();
    let o = adhoc(&[
        "--db",
        db,
        "documents",
        "import",
        "--round",
        "1",
        verdicts.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(stdout(&o).contains("4,alasan,"), "{}", stdout(&o));

    let o = adhoc(&["--db", db, "stage", "close", "--round", "1", "pendaftaran"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Every other kecamatan is short of applicants: the chair lets them go on.
    let o = adhoc(&[
        "--db",
        db,
        "stage",
        "lanjut",
        "--round",
        "1",
        "--semua",
        "--alasan",
        "Tidak ada pendaftar lain (uji)",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = adhoc(&["--db", db, "stage", "close", "--round", "1", "administrasi"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = adhoc(&[
        "--db",
        db,
        "documents",
        "import",
        "--round",
        "1",
        verdicts.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("sudah ditutup"), "{}", stderr(&o));
    let o = adhoc(&[
        "--db",
        db,
        "stage",
        "reopen",
        "--round",
        "1",
        "administrasi",
        "--alasan",
        "Koreksi berkas KTP",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));

    // The written test: opened by the chair, scores from a file, results and quota.
    let run = |args: &[&str]| {
        let mut all = vec!["--db", db];
        all.extend_from_slice(args);
        adhoc(&all)
    };
    let o = run(&["stage", "close", "--round", "1", "administrasi"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let scores = dir.path().join("nilai.csv");
    std::fs::write(&scores, "nomor_pendaftaran,nilai\nPPK-3514-0001,78.5\n").unwrap();
    let import = [
        "scores",
        "import",
        "--round",
        "1",
        "--stage",
        "tertulis",
        scores.to_str().unwrap(),
    ];
    let o = run(&import);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("belum dibuka"), "{}", stderr(&o));
    let o = run(&["stage", "open", "--round", "1", "tertulis"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&import);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("1 nilai tes tertulis disimpan"),
        "{}",
        stderr(&o)
    );
    let o = run(&["results", "--round", "1", "--stage", "tertulis"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "nomor_pendaftaran,nama,jenis_kelamin,kode_wilayah_tugas,nilai_tertulis,nilai_wawancara,nilai_akhir,peringkat,status\n\
         PPK-3514-0001,Budi Santoso,L,35.14.01,\"78,50\",,,1,lulus\n"
    );
    let o = run(&["quota", "--round", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.lines()
            .any(|l| l.starts_with("35.14.01,Purwodadi,Purwodadi,5,1,1,1,0,0,0,,")),
        "{out}"
    );
    assert!(
        out.lines()
            .last()
            .unwrap()
            .starts_with(",Jumlah,,120,1,1,1,"),
        "{out}"
    );
}
