//! `--format xlsx --out FILE` on the CLI's list commands: a workbook is
//! written to the file and never to the terminal; CSV stays the default.

use crate::common::cli::{stderr, stdout, CliDb};
use crate::common::workbook::Sheet;

const APPLICANTS: &str = "nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,pendidikan,telepon,email,kode_wilayah_tugas\n\
    3514011208900001,=1+1,L,Pasuruan,12-08-1990,Dusun Krajan,35.14.01.2001,SMA,081234567890,,35.14.01\n";

/// Runs `args` with `--format xlsx --out NAME` in the test folder, which
/// must succeed without printing anything on stdout; reads the workbook.
fn workbook(t: &CliDb, args: &[&str], name: &str) -> (Sheet, String) {
    let path = t.dir.path().join(name);
    let path = path.to_str().unwrap();
    let o = t.run(&[args, &["--format", "xlsx", "--out", path]].concat());
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    assert!(o.stdout.is_empty(), "nothing on stdout: {}", stdout(&o));
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(b"PK"), "a zip archive");
    (Sheet::read(&bytes), stderr(&o))
}

#[test]
fn every_list_command_writes_a_workbook_with_format_xlsx() {
    let t = CliDb::with_round();
    let file = t.write("pendaftar.csv", APPLICANTS);
    t.ok(&["applicants", "import", "--round", "1", &file]);

    let (sheet, said) = workbook(&t, &["applicants", "export", "--round", "1"], "p.xlsx");
    assert!(said.contains("1 baris ditulis ke"), "{said}");
    assert!(said.contains("1 pendaftar diekspor."), "{said}");
    assert_eq!(sheet.len(), 1);
    assert_eq!(sheet.text(0, "nik"), "3514011208900001");
    assert_eq!(sheet.text(0, "nama"), "=1+1");
    assert_eq!(sheet.text(0, "telepon"), "081234567890");
    assert_eq!(
        sheet.datetime(0, "tanggal_lahir").date().to_string(),
        "1990-08-12"
    );

    let (sheet, _) = workbook(
        &t,
        &["results", "--round", "1", "--stage", "administrasi"],
        "hasil.xlsx",
    );
    assert_eq!(sheet.name, "Hasil administrasi");
    assert_eq!(sheet.text(0, "nomor_pendaftaran"), "PPK-3514-0001");

    let (sheet, _) = workbook(&t, &["quota", "--round", "1"], "kuota.xlsx");
    assert_eq!(sheet.name, "Rekap kuota");
    let total = sheet.len() - 1;
    assert_eq!(sheet.number(total, "pendaftar"), 1.0);

    let (sheet, _) = workbook(&t, &["parties", "hits"], "partai.xlsx");
    assert_eq!(
        sheet.header(),
        ["nomor_pendaftaran", "nama", "seleksi", "partai"]
    );
    assert_eq!(sheet.len(), 0);

    let (sheet, _) = workbook(&t, &["audit", "export"], "audit.xlsx");
    assert_eq!(sheet.header()[1], "waktu");
    assert!(sheet.len() >= 3);
    sheet.datetime(0, "waktu");
}

#[test]
fn a_workbook_needs_out_and_csv_stays_the_default() {
    let t = CliDb::with_round();
    let file = t.write("pendaftar.csv", APPLICANTS);
    t.ok(&["applicants", "import", "--round", "1", &file]);

    for args in [
        &["applicants", "export", "--round", "1", "--format", "xlsx"][..],
        &["quota", "--round", "1", "--format", "xlsx"],
        &["audit", "export", "--format", "xlsx"],
    ] {
        let o = t.run(args);
        assert!(!o.status.success(), "{args:?}");
        assert!(o.stdout.is_empty(), "no binary on a terminal: {args:?}");
        assert!(stderr(&o).contains("--out"), "{}", stderr(&o));
    }
    let e = t.refused(&["quota", "--round", "1", "--format", "ods"]);
    assert!(e.contains("xlsx"), "{e}");

    // CSV on stdout, or the same bytes in a file with --out.
    let printed = t.ok(&["applicants", "export", "--round", "1"]);
    assert!(printed.starts_with("nomor_pendaftaran,nik,"), "{printed}");
    assert!(printed.contains(",'=1+1,"), "{printed}");
    let path = t.dir.path().join("pendaftar-ekspor.csv");
    let written = t.ok(&[
        "applicants",
        "export",
        "--round",
        "1",
        "--format",
        "csv",
        "--out",
        path.to_str().unwrap(),
    ]);
    assert!(written.is_empty());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), printed);
}
