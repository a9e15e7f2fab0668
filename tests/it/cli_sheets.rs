//! `adhoc applicants import` and `adhoc scores import` with a
//! spreadsheet: `--periksa` prints the mapping, the rows as they would be
//! stored and the problems without saving; `--simpan-pemetaan` and
//! `--mapping` save and reuse a mapping; `--kolom-…` choose columns.

use crate::common::cli::{stderr, stdout, CliDb};
use crate::spreadsheets::{xlsx, C};

#[test]
fn a_spreadsheet_is_checked_then_imported_with_a_saved_mapping() {
    use C::*;
    let t = CliDb::with_round();
    let header = || {
        vec![
            S("NIK KTP"),
            S("Nama Lengkap"),
            S("JK"),
            S("Tempat Lahir"),
            S("Tgl Lahir"),
            S("Alamat"),
            S("Kecamatan"),
            S("Desa/Kel"),
            S("Pendidikan Terakhir"),
        ]
    };
    let file = t.dir.path().join("siakba.xlsx");
    let row = |nik: C| {
        vec![
            nik,
            S("Budi Santoso"),
            S("Laki-laki"),
            S("Pasuruan"),
            D(1990, 8, 12),
            S("Krajan"),
            S("Purwodadi"),
            S("Gerbo"),
            S("SLTA"),
        ]
    };
    let write = |nik: C| std::fs::write(&file, xlsx("Daftar", &[header(), row(nik)])).unwrap();
    let path = file.to_str().unwrap();
    let import =
        |more: &[&str]| t.run(&[&["applicants", "import", "--round", "1", path], more].concat());

    write(S("3514011208900001"));
    let o = import(&["--periksa", "--simpan-pemetaan", "Ekspor SIAKBA"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "baris,nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,desa,pendidikan,telepon,email,wilayah_tugas\n\
         2,3514011208900001,Budi Santoso,L,Pasuruan,12-08-1990,Krajan,\"Desa Gerbo, Kecamatan Purwodadi\",SMA,,,Kecamatan Purwodadi\n"
    );
    let err = stderr(&o);
    assert!(
        err.contains("Pemetaan kolom disimpan sebagai \"Ekspor SIAKBA\""),
        "{err}"
    );
    assert!(err.contains("Lembar \"Daftar\", baris judul 1"), "{err}");
    assert!(err.contains("ikut desa/kecamatan domisili"), "{err}");
    assert!(err.contains("1 pendaftar siap disimpan"), "{err}");
    let listed = t.ok(&["applicants", "list", "--round", "1", "--semua"]);
    assert_eq!(listed.lines().count(), 1, "--periksa stored nothing");

    // A NIK typed into Excel: refused with the reason, nothing stored.
    write(N(3514011208900000.0));
    let o = import(&["--mapping", "ekspor siakba"]);
    assert!(!o.status.success());
    assert!(
        stdout(&o).starts_with("baris,kolom,alasan\n2,NIK KTP (kolom A),"),
        "{}",
        stdout(&o)
    );
    assert!(
        stderr(&o).contains("tidak ada yang disimpan"),
        "{}",
        stderr(&o)
    );

    write(S("3514011208900001"));
    let o = import(&["--mapping", "Ekspor SIAKBA"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("1 pendaftar disimpan (PPK-3514-0001"),
        "{}",
        stderr(&o)
    );
    let refused = t.refused(&[
        "applicants",
        "import",
        "--round",
        "1",
        path,
        "--sheet",
        "Rekap",
    ]);
    assert!(
        refused.contains("Lembar \"Rekap\" tidak ada di berkas. Lembar yang ada: Daftar."),
        "{refused}"
    );
}

#[tokio::test]
async fn a_score_sheet_is_checked_then_imported_with_columns_named() {
    use C::*;
    let t = CliDb::init();
    let db = adhoc::store::Db::open(
        std::path::Path::new(t.db()),
        adhoc::store::OpenMode::MustExist,
    )
    .await
    .unwrap();
    let (_, people, _) =
        crate::score_sheets::at_written_test(&db, &adhoc::service::auth::Session::cli(), 2).await;
    db.close().await;
    let file = t.dir.path().join("cat.xlsx");
    let path = file.to_str().unwrap();
    let import = |more: &[&str]| {
        t.run(
            &[
                &[
                    "scores", "import", "--round", "1", "--stage", "tertulis", path,
                ],
                more,
            ]
            .concat(),
        )
    };
    // "NILAI" is not the mark wanted here: the total is in column D.
    let write = |second: C| {
        let rows = [
            vec![S("HASIL CAT")],
            vec![S("NO PESERTA"), S("NAMA"), S("NILAI"), S("TOTAL SKOR")],
            vec![T(people[0].1.clone()), S("Calon 01"), N(1.0), N(78.5)],
            vec![T(people[1].1.clone()), S("Calon 02"), N(2.0), second],
        ];
        std::fs::write(&file, xlsx("CAT", &rows)).unwrap();
    };
    write(N(101.0));
    let o = import(&["--periksa", "--kolom-nilai", "D"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("Lembar \"CAT\", baris judul 2"), "{err}");
    assert!(err.contains("D TOTAL SKOR"), "{err}");
    assert!(err.contains("1 masalah"), "{err}");
    assert!(
        stdout(&o).contains("4,TOTAL SKOR (kolom D),"),
        "{}",
        stdout(&o)
    );

    write(S("absen"));
    let o = import(&["--periksa", "--kolom-nilai", "total skor"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        format!(
            "baris,nomor_pendaftaran,nama,wilayah_tugas,nilai,nilai_sebelumnya\n\
             3,{},Calon 01,35.14.01 Purwodadi,\"78,50\",\n\
             4,{},Calon 02,35.14.01 Purwodadi,absen,\n",
            people[0].1, people[1].1
        )
    );
    assert!(
        stderr(&o).contains("2 nilai siap disimpan (1 tidak hadir"),
        "{}",
        stderr(&o)
    );
    // Checking stored nothing; the import does.
    let results = || t.ok(&["results", "--round", "1", "--stage", "tertulis"]);
    assert!(!results().contains("78,50"));
    let o = import(&["--kolom-nomor", "NO PESERTA", "--kolom-nilai", "D"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("2 nilai tes tertulis disimpan (1 tidak hadir)"),
        "{}",
        stderr(&o)
    );
    assert!(results().contains("\"78,50\""), "{}", results());
    let e = t.refused(&[
        "scores",
        "import",
        "--round",
        "1",
        "--stage",
        "tertulis",
        path,
        "--kolom-nilai",
        "Z",
    ]);
    assert!(e.contains("Kolom \"Z\" tidak ada"), "{e}");
}
