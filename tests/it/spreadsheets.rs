//! Applicants from spreadsheets: xlsx and ods files made here in the
//! layouts and spellings offices keep, mapped, previewed and imported.

use std::io::Write;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::common::{as_role, now};
use adhoc::domain::account::Role;
use adhoc::domain::round::{Body, Preset};
use adhoc::domain::sheet_mapping::{FieldColumn, SheetField};
use adhoc::service::applicant_sheets::{self, SheetChoice};
use adhoc::service::auth::Session;
use adhoc::service::rounds::create_from_preset;
use adhoc::store::Db;

/// A cell of a sheet made for a test.
pub(crate) enum C {
    S(&'static str),
    /// Text made at run time (a registration number).
    T(String),
    N(f64),
    /// A date cell (Excel keeps it as a serial with a date format).
    D(u16, u8, u8),
}

/// An xlsx of one sheet named `sheet`, rows from the first.
pub(crate) fn xlsx(sheet: &str, rows: &[Vec<C>]) -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).unwrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                C::S(s) => ws.write_string(r, c, *s).map(|_| ()),
                C::T(s) => ws.write_string(r, c, s).map(|_| ()),
                C::N(n) => ws.write_number(r, c, *n).map(|_| ()),
                C::D(y, m, d) => ws
                    .write_datetime_with_format(
                        r,
                        c,
                        ExcelDateTime::from_ymd(*y, *m, *d).unwrap(),
                        &date,
                    )
                    .map(|_| ()),
            }
            .unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

/// An ods written by hand: `content` is the body of its one table.
pub(crate) fn ods(table: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Lembar1">{table}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default();
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    zip.finish().unwrap();
    out.into_inner()
}

/// An ods row of text cells (`f:` in front makes a float cell).
pub(crate) fn ods_row(cells: &[&str]) -> String {
    let mut row = String::from("<table:table-row>");
    for c in cells {
        match c.strip_prefix("f:") {
            Some(n) => row.push_str(&format!(
                r#"<table:table-cell office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>"#
            )),
            None => row.push_str(&format!(
                r#"<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>"#
            )),
        }
    }
    row.push_str("</table:table-row>");
    row
}

/// A ready database and the help desk's session (an operator registers
/// applicants).
async fn desk() -> (crate::common::TestDb, Session) {
    let (t, admin) = crate::common::ready_db().await;
    (t, as_role(&admin, Role::Operator))
}

async fn round(db: &Db, desk: &Session, body: Body) -> i64 {
    let admin = as_role(desk, Role::Administrator);
    create_from_preset(db, &admin, Preset::Pemilu2024, body, None, now())
        .await
        .unwrap()
        .id
}

/// The SIAKBA-like layout: two title rows, then a header with the
/// office's own names, values as staff type them.
fn siakba() -> Vec<u8> {
    use C::*;
    xlsx(
        "Pendaftar PPK",
        &[
            vec![S("DAFTAR PENDAFTAR PPK KABUPATEN PASURUAN")],
            vec![S("Pemilu 2024")],
            vec![
                S("No"),
                S("NIK KTP"),
                S("Nama Lengkap"),
                S("JK"),
                S("Tempat Lahir"),
                S("Tgl Lahir"),
                S("Kecamatan"),
                S("Desa/Kel"),
                S("Alamat"),
                S("No HP"),
                S("Pendidikan Terakhir"),
            ],
            vec![
                N(1.0),
                S("3514011208900001"),
                S("Budi Santoso"),
                S("Laki-laki"),
                S("Pasuruan"),
                D(1990, 8, 12),
                S("Purwodadi"),
                S("Dawuhan Sengon"),
                S("Dusun Krajan RT 001"),
                N(81234567890.0),
                S("SLTA/Sederajat"),
            ],
            vec![
                N(2.0),
                S("3514025503920002"),
                S("Siti Aminah"),
                S("P"),
                S("Pasuruan"),
                S("15/03/1992"),
                S("Tutur"),
                S("Kel. Blarang"),
                S("Jl. Raya Tutur 5"),
                S("0813-1111-2222"),
                S("S-1"),
            ],
            vec![
                N(3.0),
                S("3514080101850003"),
                S("Ahmad Fauzi"),
                S("L"),
                S("Malang"),
                S("1 Januari 1985"),
                S("Purwosari"),
                S("Karangrejo"),
                S("Dusun Krajan"),
                S(""),
                S("D-III"),
            ],
        ],
    )
}

#[tokio::test]
async fn a_siakba_export_is_mapped_previewed_and_imported() {
    let (t, admin) = desk().await;
    let round = round(&t.db, &admin, Body::Ppk).await;
    let bytes = siakba();
    let p = applicant_sheets::preview(&t.db, &admin, round, &bytes, &SheetChoice::default(), now())
        .await
        .unwrap();
    assert_eq!(p.sheet, "Pendaftar PPK");
    assert_eq!(p.mapping.header_row, 3);
    assert_eq!(p.mapping.column_of(SheetField::Nik), Some(1));
    assert_eq!(p.mapping.column_of(SheetField::KodeDesa), Some(7));
    assert!(p.mapping.unit_from_domicile);
    assert!(p.ready, "{:?}", p.notes);
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!(p.valid, 3);
    let rows: Vec<(u64, &str, &str, &str, &str, &str)> = p
        .rows
        .iter()
        .map(|r| {
            (
                r.line,
                r.tanggal_lahir.as_str(),
                r.pendidikan.as_str(),
                r.telepon.as_str(),
                r.desa.as_str(),
                r.wilayah_tugas.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                4,
                "12-08-1990",
                "SMA",
                "081234567890",
                "Desa Dawuhansengon, Kecamatan Purwodadi",
                "Kecamatan Purwodadi"
            ),
            (
                5,
                "15-03-1992",
                "S1",
                "081311112222",
                "Desa Blarang, Kecamatan Tutur",
                "Kecamatan Tutur"
            ),
            (
                6,
                "01-01-1985",
                "D3",
                "",
                "Desa Karangrejo, Kecamatan Purwosari",
                "Kecamatan Purwosari"
            ),
        ]
    );
    let count = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM applicants")
            .fetch_one(t.db.pool())
            .await
            .unwrap()
    };
    assert_eq!(count().await, 0, "a preview writes nothing");

    let choice = SheetChoice {
        mapping: Some(p.mapping.clone()),
        ..Default::default()
    };
    let report =
        applicant_sheets::import(&t.db, &admin, round, &bytes, &choice, now(), &mut |_| {})
            .await
            .unwrap();
    assert!(report.is_stored(), "{:?}", report.problems);
    assert_eq!(report.stored, 3);
    let stored: Vec<(String, String, String, String, String)> = sqlx::query_as(
        "SELECT nik, birth_date, education, address_desa_code, unit_code FROM applicants ORDER BY reg_seq",
    )
    .fetch_all(t.db.pool())
    .await
    .unwrap();
    assert_eq!(
        stored[0],
        (
            "3514011208900001".into(),
            "1990-08-12".into(),
            "SMA".into(),
            "3514012002".into(),
            "351401".into()
        )
    );
    assert_eq!(stored[2].4, "351408");
    let audit: String =
        sqlx::query_scalar("SELECT after FROM audit_log WHERE action = 'applicants.import'")
            .fetch_one(t.db.pool())
            .await
            .unwrap();
    assert!(audit.contains("\"source\":\"xlsx\""), "{audit}");
}

#[tokio::test]
async fn a_nik_kept_as_a_number_is_refused_with_the_reason_and_nothing_is_stored() {
    let (t, admin) = desk().await;
    let round = round(&t.db, &admin, Body::Ppk).await;
    use C::*;
    let header = || {
        vec![
            S("NIK"),
            S("Nama"),
            S("L/P"),
            S("Tempat Lahir"),
            S("Tanggal Lahir"),
            S("Alamat"),
            S("Kode Desa"),
            S("Pendidikan"),
            S("Wilayah Tugas"),
        ]
    };
    let row = |nik: C, name: &'static str| {
        vec![
            nik,
            S(name),
            S("L"),
            S("Pasuruan"),
            N(33097.0),
            S("Krajan"),
            N(3514012001.0),
            S("SMA"),
            S("35.14.01"),
        ]
    };
    let bytes = xlsx(
        "Sheet1",
        &[
            header(),
            // Written whole by a program: read.
            row(N(3514011208900001.0), "Satu"),
            // Typed in Excel: the 16th digit became 0.
            row(N(3514011208900010.0), "Dua"),
            // A leading digit lost.
            row(N(514011208900003.0), "Tiga"),
            row(S("3,51401E+15"), "Empat"),
        ],
    );
    let report = applicant_sheets::import(
        &t.db,
        &admin,
        round,
        &bytes,
        &SheetChoice::default(),
        now(),
        &mut |_| {},
    )
    .await
    .unwrap();
    assert!(!report.is_stored());
    let problems: Vec<(u64, &str, &str)> = report
        .problems
        .listed
        .iter()
        .map(|p| (p.line, p.column.as_str(), p.reason.as_str()))
        .collect();
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert_eq!((problems[0].0, problems[0].1), (3, "NIK (kolom A)"));
    assert!(
        problems[0].2.contains("hanya menyimpan 15 digit"),
        "{}",
        problems[0].2
    );
    assert_eq!(problems[1].0, 4);
    assert!(
        problems[1].2.contains("hanya 15 digit"),
        "{}",
        problems[1].2
    );
    assert_eq!(problems[2].0, 5);
    assert!(problems[2].2.contains("notasi ilmiah"), "{}", problems[2].2);
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM applicants")
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    assert_eq!(n, 0);
}

#[tokio::test]
async fn an_ods_with_place_and_date_in_one_column_imports_pps_by_desa_name() {
    let (t, admin) = desk().await;
    let round = round(&t.db, &admin, Body::Pps).await;
    let table = [
        ods_row(&[
            "Nama",
            "NIK",
            "TTL",
            "Jenis Kelamin",
            "Alamat",
            "Kecamatan",
            "Desa",
            "Pendidikan",
            "PPS Desa",
        ]),
        ods_row(&[
            "Budi",
            "3514011208900001",
            "Pasuruan, 12-08-1990",
            "LAKI-LAKI",
            "Krajan",
            "Purwodadi",
            "Gerbo",
            "SMK",
            "Gerbo",
        ]),
        // "Karangrejo" is a desa of two kecamatan: its kecamatan settles it.
        ods_row(&[
            "Sri",
            "3514085203910002",
            "Pasuruan, 12 Maret 91",
            "Perempuan",
            "Krajan",
            "Purwosari",
            "Karangrejo",
            "MA",
            "Gerbo",
        ]),
        ods_row(&[
            "Tono",
            "3514011208900003",
            "Pasuruan, 12-08-1990",
            "L",
            "Krajan",
            "",
            "Karangrejo",
            "SMA",
            "Karangrejo",
        ]),
    ]
    .concat();
    let bytes = ods(&table);
    let p = applicant_sheets::preview(&t.db, &admin, round, &bytes, &SheetChoice::default(), now())
        .await
        .unwrap();
    assert_eq!(p.format, adhoc::docs::spreadsheet::SheetFormat::Ods);
    assert_eq!(p.mapping.column_of(SheetField::TempatTanggalLahir), Some(2));
    assert_eq!(p.mapping.column_of(SheetField::KodeWilayahTugas), Some(8));
    assert_eq!(p.valid, 2);
    assert_eq!(p.rows[1].tanggal_lahir, "12-03-1991");
    assert_eq!(p.rows[1].desa, "Desa Karangrejo, Kecamatan Purwosari");
    assert_eq!(p.rows[0].wilayah_tugas, "Desa Gerbo, Kecamatan Purwodadi");
    // Row 4: no kecamatan, and two desa of that name: both reported, with
    // every candidate, under the file's own column names.
    let problems: Vec<(u64, &str)> = p
        .problems
        .listed
        .iter()
        .map(|p| (p.line, p.column.as_str()))
        .collect();
    assert_eq!(problems, [(4, "Desa (kolom G)"), (4, "PPS Desa (kolom I)")]);
    let reason = &p.problems.listed[0].reason;
    assert!(
        reason.contains("35.14.08.2010") && reason.contains("35.14.12.2007"),
        "{reason}"
    );
}

#[tokio::test]
async fn a_saved_mapping_is_reused_on_a_file_with_its_columns_moved() {
    let (t, admin) = desk().await;
    let round = round(&t.db, &admin, Body::Ppk).await;
    use C::*;
    let first = xlsx(
        "Data",
        &[
            vec![
                S("Nomor Induk"),
                S("Nama"),
                S("Kelamin"),
                S("Lahir di"),
                S("Lahir"),
                S("Alamat"),
                S("Desa"),
                S("Ijazah"),
                S("Kec. Dilamar"),
            ],
            vec![
                S("3514011208900001"),
                S("Budi"),
                S("L"),
                S("Pasuruan"),
                D(1990, 8, 12),
                S("Krajan"),
                S("35.14.01.2001"),
                S("SMA"),
                S("Purwodadi"),
            ],
        ],
    );
    // Staff map what no synonym knows, and save it.
    let p = applicant_sheets::preview(&t.db, &admin, round, &first, &SheetChoice::default(), now())
        .await
        .unwrap();
    assert!(!p.ready);
    assert!(p.notes[0].contains("NIK"), "{:?}", p.notes);
    let mut mapping = p.mapping.clone();
    for (field, column) in [
        (SheetField::Nik, 0),
        (SheetField::TempatLahir, 3),
        (SheetField::TanggalLahir, 4),
        (SheetField::Pendidikan, 7),
        (SheetField::KodeWilayahTugas, 8),
    ] {
        mapping.columns.retain(|c| c.field != field);
        mapping.columns.push(FieldColumn { field, column });
    }
    mapping.unit_from_domicile = false;
    let headers: Vec<String> = p.columns.iter().map(|c| c.header.clone()).collect();
    applicant_sheets::save_mapping(&t.db, &admin, "Ekspor SIAKBA", &mapping, &headers, now())
        .await
        .unwrap();
    let listed = applicant_sheets::mappings(&t.db, &admin).await.unwrap();
    assert_eq!(listed.len(), 1);

    let moved = xlsx(
        "Data",
        &[
            vec![
                S("Kec. Dilamar"),
                S("Ijazah"),
                S("Desa"),
                S("Alamat"),
                S("Lahir"),
                S("Lahir di"),
                S("Kelamin"),
                S("Nama"),
                S("Nomor Induk"),
            ],
            vec![
                S("Tutur"),
                S("S1"),
                S("35.14.02.2001"),
                S("Krajan"),
                S("02-08-1990"),
                S("Pasuruan"),
                S("L"),
                S("Andi"),
                S("3514020208900002"),
            ],
        ],
    );
    let choice = SheetChoice {
        saved: Some("ekspor siakba".into()),
        ..Default::default()
    };
    let p = applicant_sheets::preview(&t.db, &admin, round, &moved, &choice, now())
        .await
        .unwrap();
    assert!(p.ready, "{:?}", p.notes);
    assert_eq!(p.mapping.column_of(SheetField::Nik), Some(8));
    assert_eq!(p.rows[0].wilayah_tugas, "Kecamatan Tutur");
    let report =
        applicant_sheets::import(&t.db, &admin, round, &moved, &choice, now(), &mut |_| {})
            .await
            .unwrap();
    assert_eq!(report.stored, 1, "{:?}", report.problems);
    // Once stored, the same row is refused by the database's check, under
    // the file's own name for the column.
    let again = applicant_sheets::preview(&t.db, &admin, round, &moved, &choice, now())
        .await
        .unwrap();
    let p = &again.problems.listed[0];
    assert_eq!((p.line, p.column.as_str()), (2, "Nomor Induk (kolom I)"));
    assert!(p.reason.contains("sudah terdaftar"), "{}", p.reason);
}

#[tokio::test]
async fn our_own_csv_and_a_foreign_csv_read_alike() {
    let (t, admin) = desk().await;
    let round = round(&t.db, &admin, Body::Ppk).await;
    let ours = "nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,pendidikan,telepon,email,kode_wilayah_tugas\n3514011208900001,Budi,L,Pasuruan,12-08-1990,Krajan,35.14.01.2001,SMA,,,35.14.01\n";
    assert!(applicant_sheets::is_own_csv(ours.as_bytes()));
    let p = applicant_sheets::preview(
        &t.db,
        &admin,
        round,
        ours.as_bytes(),
        &SheetChoice::default(),
        now(),
    )
    .await
    .unwrap();
    assert!(p.ready && !p.mapping.unit_from_domicile);
    assert_eq!(p.valid, 1);
    let foreign = "No;Nama Lengkap;NIK;Jenis Kelamin;Tempat Lahir;Tgl Lahir;Alamat;Desa/Kelurahan;Kecamatan;Pendidikan Terakhir\n1;Budi;3514011208900001;Laki-laki;Pasuruan;12/8/1990;\"Krajan; RT 1\";Gerbo;Purwodadi;SMA\n2;Ani;3514014408900002;Perempuan;Pasuruan;4/8/1990;Krajan;Gerbo\n";
    assert!(!applicant_sheets::is_own_csv(foreign.as_bytes()));
    let p = applicant_sheets::preview(
        &t.db,
        &admin,
        round,
        foreign.as_bytes(),
        &SheetChoice::default(),
        now(),
    )
    .await
    .unwrap();
    assert!(p.ready, "{:?}", p.notes);
    assert_eq!(p.valid, 1);
    assert_eq!(p.rows[0].alamat, "Krajan; RT 1");
    let short = &p.problems.listed[0];
    assert_eq!((short.line, short.column.as_str()), (3, ""));
    assert!(short.reason.contains("berisi 8 kolom"), "{}", short.reason);
}
