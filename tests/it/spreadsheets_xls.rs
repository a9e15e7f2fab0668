//! A real Excel 97-2003 workbook (tests/fixtures/siakba.xls, written by
//! xlwt: see siakba_xls.py beside it) read, mapped, previewed and imported
//! like an xlsx: date cells, a phone kept as a number, office spellings.

use crate::common::{as_role, now, ready_db};
use adhoc::docs::spreadsheet::SheetFormat;
use adhoc::domain::account::Role;
use adhoc::domain::round::{Body, Preset};
use adhoc::domain::sheet_mapping::SheetField;
use adhoc::service::applicant_sheets::{self, SheetChoice};
use adhoc::service::rounds::create_from_preset;

const SIAKBA_XLS: &[u8] = include_bytes!("../fixtures/siakba.xls");

#[tokio::test]
async fn an_xls_from_excel_97_is_imported_like_an_xlsx() {
    let (t, admin) = ready_db().await;
    let desk = as_role(&admin, Role::Operator);
    let round = create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Ppk, None, now())
        .await
        .unwrap()
        .id;
    let choice = SheetChoice::default();
    let p = applicant_sheets::preview(&t.db, &desk, round, SIAKBA_XLS, &choice, now())
        .await
        .unwrap();
    assert_eq!(p.format, SheetFormat::Xls);
    assert_eq!(p.sheet, "Pendaftar PPK");
    assert_eq!(p.mapping.header_row, 3);
    assert_eq!(p.mapping.column_of(SheetField::Nik), Some(1));
    assert!(p.ready, "{:?}", p.notes);
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    let rows: Vec<(&str, &str, &str, &str, &str)> = p
        .rows
        .iter()
        .map(|r| {
            (
                r.nama.as_str(),
                r.jenis_kelamin.as_str(),
                r.tanggal_lahir.as_str(),
                r.telepon.as_str(),
                r.pendidikan.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Budi Santoso", "L", "12-08-1990", "081234567890", "SMA"),
            ("Siti Aminah", "P", "15-03-1992", "081311112222", "S1"),
            ("Ahmad Fauzi", "L", "01-01-1985", "", "D3"),
        ]
    );
    assert_eq!(p.rows[1].desa, "Desa Blarang, Kecamatan Tutur");
    assert_eq!(p.rows[0].wilayah_tugas, "Kecamatan Purwodadi");
    let r = applicant_sheets::import(&t.db, &desk, round, SIAKBA_XLS, &choice, now(), &mut |_| {})
        .await
        .unwrap();
    assert!(r.is_stored(), "{:?}", r.problems);
    assert_eq!(r.stored, 3);
}
