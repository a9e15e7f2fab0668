//! Seats held by kept members close registration where they are all taken
//! and to the people holding them: at the help desk and in a file import.

use crate::common;
use crate::continuity::{into_term, keep_input, kept, pilkada_round, through_final};

use adhoc::domain::account::Role;
use adhoc::service::continuity::takeover;
use adhoc::service::{applicants, registration, rounds};
use common::{as_role, now, ppk_draft, ready_db};

const HEADER: &str = "nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,pendidikan,kode_wilayah_tugas";

fn row(serial: u32, kecamatan: &str) -> String {
    let k = &kecamatan[6..8];
    format!(
        "3514{k}120890{serial:04},Calon {serial},L,Pasuruan,12-08-1990,Dusun Krajan,35.14.{k}.2001,SMA,{kecamatan}"
    )
}

#[tokio::test]
async fn a_seat_holder_does_not_apply_and_a_full_unit_takes_no_imported_row() {
    let (t, admin) = ready_db().await;
    let db = &t.db;
    let desk = as_role(&admin, Role::Operator);
    let chair = as_role(&admin, Role::Pimpinan);
    let (earlier, people) = common::small_ppk_round(db, &admin, 2, 2).await;
    let ids: Vec<i64> = people.iter().map(|p| p.0).collect();
    through_final(db, &admin, earlier, &ids).await;
    into_term(db, &admin, earlier).await;
    let new = pilkada_round(db, &admin, None).await;
    rounds::set_unit_quota(db, &admin, new, "35.14.01", Some(2), "Uji kuota", now())
        .await
        .unwrap();
    let all = ids.iter().map(|i| kept(*i, Some(80))).collect();
    takeover::keep(db, &chair, new, &keep_input(earlier, all), now())
        .await
        .unwrap();

    // A kept member cannot also apply, not even elsewhere.
    let mut draft = ppk_draft("3514011208900001", "Calon 01");
    draft.fields.kode_wilayah_tugas = "35.14.02".into();
    draft.fields.kode_desa_domisili = "35.14.02.2001".into();
    let refused = registration::register(db, &desk, new, &draft, now())
        .await
        .unwrap();
    assert!(refused.saved.is_none());
    let p = refused
        .check
        .problems
        .iter()
        .find(|p| p.field == "nik")
        .unwrap();
    assert!(p.reason.contains("sudah memegang kursi"), "{}", p.reason);

    // A file: a row to the full unit refuses the file; elsewhere it is stored.
    let file = format!("{HEADER}\n{}\n", row(50, "35.14.01"));
    let report = applicants::import(db, &desk, new, file.as_bytes(), now())
        .await
        .unwrap();
    assert_eq!(report.stored, 0);
    assert_eq!(report.problems.listed[0].column, "kode_wilayah_tugas");
    assert!(report.problems.listed[0].reason.contains("sudah terisi"));
    let file = format!("{HEADER}\n{}\n", row(51, "35.14.02"));
    let report = applicants::import(db, &desk, new, file.as_bytes(), now())
        .await
        .unwrap();
    assert_eq!(report.stored, 1, "{:?}", report.problems);
}
