//! The audit trail: every write appends a chained entry; hand edits are found.

use crate::common;

use adhoc::domain::account::Role;
use adhoc::domain::round::{Body, Preset};
use adhoc::service::audit::{export_csv, list, verify, AuditQuery};
use adhoc::service::auth::{login, Session};
use adhoc::service::{accounts, rounds};
use common::{admin_input, now, ready_db};

async fn actions(db: &adhoc::store::Db) -> Vec<(String, String, Option<String>)> {
    sqlx::query_as("SELECT username, action, object_id FROM audit_log ORDER BY id")
        .fetch_all(db.pool())
        .await
        .unwrap()
}

async fn entries(db: &adhoc::store::Db) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_log")
        .fetch_one(db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn every_write_is_recorded_with_who_what_and_the_values() {
    let (t, admin) = ready_db().await;
    let round =
        rounds::create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Ppk, None, now())
            .await
            .unwrap();
    rounds::set_unit_quota(
        &t.db,
        &admin,
        round.id,
        "35.14.01",
        Some(7),
        "Wilayah luas",
        now(),
    )
    .await
    .unwrap();
    let op = adhoc::service::setup::NewAccount {
        username: "operator1".into(),
        full_name: "Operator Satu".into(),
        password: "sandi-operator-1".into(),
    };
    accounts::create(&t.db, &admin, &op, Role::Operator, now())
        .await
        .unwrap();
    login(&t.db, "operator1", "salah-salah-salah", now())
        .await
        .unwrap_err();
    // A password typed into the username field must not land in the log.
    login(&t.db, "Rahasia#Saya-99", "x", now())
        .await
        .unwrap_err();
    login(&t.db, "operator1", "sandi-operator-1", now())
        .await
        .unwrap();
    accounts::set_active(&t.db, &admin, "operator1", false, now())
        .await
        .unwrap();

    let got = actions(&t.db).await;
    let expected: Vec<(&str, &str, Option<&str>)> = vec![
        ("admin", "setup.initialize", Some("35.14")),
        ("admin", "user.create", Some("admin")),
        ("admin", "round.create", Some("1")),
        ("admin", "round.unit_quota", Some("1/35.14.01")),
        ("admin", "user.create", Some("operator1")),
        ("operator1", "login.failed", Some("operator1")),
        ("(tidak dikenal)", "login.failed", None),
        ("operator1", "login", Some("operator1")),
        ("admin", "user.deactivate", Some("operator1")),
    ];
    let got_ref: Vec<(&str, &str, Option<&str>)> = got
        .iter()
        .map(|(u, a, o)| (u.as_str(), a.as_str(), o.as_deref()))
        .collect();
    assert_eq!(got_ref, expected);

    let (before, after): (Option<String>, Option<String>) =
        sqlx::query_as("SELECT before, after FROM audit_log WHERE action = 'round.unit_quota'")
            .fetch_one(t.db.pool())
            .await
            .unwrap();
    assert_eq!(before.as_deref(), Some(r#"{"quota":5,"reason":null}"#));
    assert_eq!(
        after.as_deref(),
        Some(r#"{"quota":7,"reason":"Wilayah luas"}"#)
    );

    // Passwords and their hashes never reach the audit log.
    let all: String = sqlx::query_scalar(
        "SELECT group_concat(coalesce(before, '') || coalesce(after, '') || object_id, '|') FROM audit_log",
    )
    .fetch_one(t.db.pool())
    .await
    .unwrap();
    let names: String = sqlx::query_scalar("SELECT group_concat(username, '|') FROM audit_log")
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    assert!(!names.to_lowercase().contains("rahasia#saya-99"));
    for secret in [
        admin_input().password.as_str(),
        "sandi-operator-1",
        "salah-salah-salah",
        "$argon2",
    ] {
        assert!(!all.contains(secret), "{secret} leaked into the audit log");
    }
    assert!(verify(&t.db).await.unwrap().is_intact());
}

#[tokio::test]
async fn a_refused_or_failed_write_records_nothing() {
    let (t, admin) = ready_db().await;
    let before = entries(&t.db).await;
    let operator = Session {
        role: Role::Operator,
        ..admin.clone()
    };
    rounds::create_from_preset(&t.db, &operator, Preset::Pemilu2024, Body::Ppk, None, now())
        .await
        .unwrap_err();
    rounds::create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Ppk, None, now())
        .await
        .unwrap();
    // A duplicate name fails inside the transaction: no round, no entry.
    rounds::create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Ppk, None, now())
        .await
        .unwrap_err();
    assert_eq!(entries(&t.db).await, before + 1);
}

#[tokio::test]
async fn the_application_cannot_change_or_remove_entries() {
    let (t, _) = ready_db().await;
    let upd = sqlx::query("UPDATE audit_log SET username = 'x' WHERE id = 1")
        .execute(t.db.pool())
        .await;
    assert!(upd.unwrap_err().to_string().contains("append-only"));
    let del = sqlx::query("DELETE FROM audit_log WHERE id = 1")
        .execute(t.db.pool())
        .await;
    assert!(del.is_err());
}

async fn busy_log() -> (common::TestDb, Session) {
    let (t, admin) = ready_db().await;
    for p in [Preset::Pemilu2024, Preset::Pilkada2024] {
        rounds::create_from_preset(&t.db, &admin, p, Body::Ppk, None, now())
            .await
            .unwrap();
    }
    login(&t.db, "admin", &admin_input().password, now())
        .await
        .unwrap();
    (t, admin)
}

#[tokio::test]
async fn editing_a_row_by_hand_is_detected_and_named() {
    let (t, _) = busy_log().await;
    assert_eq!(verify(&t.db).await.unwrap().entries, 5);
    // What someone with the file and sqlite3 could do.
    sqlx::raw_sql(
        "DROP TRIGGER audit_log_no_update;
         UPDATE audit_log SET after = replace(after, 'Pemilu', 'Pilpres') WHERE id = 3;",
    )
    .execute(t.db.pool())
    .await
    .unwrap();
    let r = verify(&t.db).await.unwrap();
    assert_eq!(r.first_broken, Some(3));
    assert!(r.problem.unwrap().contains("diubah"));
}

#[tokio::test]
async fn deleting_a_row_by_hand_is_detected_and_named() {
    let (t, _) = busy_log().await;
    sqlx::raw_sql("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 2;")
        .execute(t.db.pool())
        .await
        .unwrap();
    let r = verify(&t.db).await.unwrap();
    assert_eq!(r.first_broken, Some(3));
}

#[tokio::test]
async fn entries_are_listed_filtered_and_exported_by_authorised_roles_only() {
    let (t, admin) = busy_log().await;
    let page = list(&t.db, &admin, &AuditQuery::default()).await.unwrap();
    assert_eq!(page.total, 5);
    assert_eq!(page.entries[0].action, "login", "newest first");
    let q = AuditQuery {
        action: Some("round.".into()),
        ..Default::default()
    };
    let rounds_only = list(&t.db, &admin, &q).await.unwrap();
    assert_eq!(rounds_only.total, 2);
    assert!(rounds_only
        .entries
        .iter()
        .all(|e| e.action == "round.create"));
    let q = AuditQuery {
        from: Some(now().date_naive().succ_opt().unwrap()),
        ..Default::default()
    };
    assert_eq!(list(&t.db, &admin, &q).await.unwrap().total, 0);

    for role in [Role::Operator, Role::Verifikator] {
        let s = Session {
            role,
            ..admin.clone()
        };
        assert_eq!(
            list(&t.db, &s, &AuditQuery::default())
                .await
                .unwrap_err()
                .code(),
            "forbidden"
        );
    }
    let pimpinan = Session {
        role: Role::Pimpinan,
        ..admin.clone()
    };
    list(&t.db, &pimpinan, &AuditQuery::default())
        .await
        .unwrap();

    let mut out = Vec::new();
    let n = export_csv(&t.db, &admin, &AuditQuery::default(), &mut out, now())
        .await
        .unwrap();
    assert_eq!(n, 5);
    let text = String::from_utf8(out).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("id,waktu,pengguna,aksi,objek,id_objek,sebelum,sesudah,hash")
    );
    assert!(lines.next().unwrap().starts_with("1,"));
    // The export itself is recorded.
    let page = list(&t.db, &admin, &AuditQuery::default()).await.unwrap();
    assert_eq!(page.entries[0].action, "audit.export");
}
