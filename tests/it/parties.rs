//! The party-membership list: all-or-nothing import, replacement, hits.

use crate::common;

use adhoc::domain::account::Role;
use adhoc::service::auth::Session;
use adhoc::service::demo::build_demo;
use adhoc::service::parties::{hits, import};
use adhoc::store::{Db, OpenMode};
use common::{now, ready_db};

async fn members(db: &Db) -> Vec<(String, String)> {
    sqlx::query_as("SELECT nik, party FROM party_members ORDER BY nik, party")
        .fetch_all(db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_bad_row_in_the_middle_stores_nothing_and_every_problem_is_reported() {
    let (t, admin) = ready_db().await;
    import(
        &t.db,
        &admin,
        b"nik,partai\n3514011208900001,Partai Lama\n",
        now(),
    )
    .await
    .unwrap();
    let file = "nik;partai\n3514011208900002;Partai A\n35140112089;Partai B\n3514011208900003;\n3514011208900004;Partai C\n";
    let report = import(&t.db, &admin, file.as_bytes(), now()).await.unwrap();
    assert!(!report.is_stored());
    assert_eq!(report.members, 0);
    let problems: Vec<(u64, &str)> = report
        .problems
        .listed
        .iter()
        .map(|p| (p.line, p.column.as_str()))
        .collect();
    assert_eq!(problems, vec![(3, "nik"), (4, "partai")]);
    assert!(report.problems.listed[0].reason.contains("bukan 16 angka"));
    // The old list is untouched.
    assert_eq!(
        members(&t.db).await,
        vec![("3514011208900001".into(), "Partai Lama".into())]
    );
}

#[tokio::test]
async fn an_import_replaces_the_list_and_reads_semicolons_and_a_bom() {
    let (t, admin) = ready_db().await;
    import(
        &t.db,
        &admin,
        b"nik,partai\n3514011208900001,Partai Lama\n",
        now(),
    )
    .await
    .unwrap();
    let file = "\u{feff}NIK;Partai;Keterangan\n3514011208900002;Partai A;x\n3514011208900002;Partai B;y\n3514011208900002;Partai B;dup\n";
    let report = import(&t.db, &admin, file.as_bytes(), now()).await.unwrap();
    assert!(report.is_stored(), "{:?}", report.problems);
    assert_eq!(report.members, 2);
    assert_eq!(
        members(&t.db).await,
        vec![
            ("3514011208900002".into(), "Partai A".into()),
            ("3514011208900002".into(), "Partai B".into())
        ]
    );
    let (action, after): (String, String) =
        sqlx::query_as("SELECT action, after FROM audit_log ORDER BY id DESC LIMIT 1")
            .fetch_one(t.db.pool())
            .await
            .unwrap();
    assert_eq!(action, "parties.import");
    assert!(after.contains("\"members\":2"));
}

#[tokio::test]
async fn only_administrators_import() {
    let (t, admin) = ready_db().await;
    for role in [Role::Operator, Role::Verifikator, Role::Pimpinan] {
        let s = Session {
            role,
            ..admin.clone()
        };
        let e = import(&t.db, &s, b"nik,partai\n3514011208900001,A\n", now())
            .await
            .unwrap_err();
        assert_eq!(e.code(), "forbidden");
    }
    assert!(members(&t.db).await.is_empty());
}

#[tokio::test]
async fn applicants_in_the_list_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    build_demo(&path, 2024, now()).await.unwrap();
    let db = Db::open(&path, OpenMode::MustExist).await.unwrap();
    let picked: Vec<(String, String)> = sqlx::query_as(
        "SELECT nik, reg_number FROM applicants WHERE round_id = 2 ORDER BY reg_seq LIMIT 2",
    )
    .fetch_all(db.pool())
    .await
    .unwrap();
    let file = format!(
        "nik,partai\n{},Partai Contoh\n{},Partai Lain\n9999999999999999,Partai Contoh\n",
        picked[0].0, picked[1].0
    );
    let admin = Session::cli();
    let report = import(&db, &admin, file.as_bytes(), now()).await.unwrap();
    let named: Vec<&str> = report.hits.iter().map(|h| h.reg_number.as_str()).collect();
    assert_eq!(named, vec![picked[0].1.as_str(), picked[1].1.as_str()]);
    assert_eq!(report.hits[0].round_name, "Pemilu 2024 – PPS");
    assert_eq!(report.hits[1].parties, "Partai Lain");
    assert_eq!(hits(&db, &admin).await.unwrap(), report.hits);
}
