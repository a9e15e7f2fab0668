//! First run: kabupaten/kota and the first administrator.

use crate::common;

use adhoc::service::auth::{login, Session};
use adhoc::service::setup::{first_run, initialize, status, NewAccount};
use common::{admin_input, empty_db, now, ready_db};

async fn count(db: &adhoc::store::Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db.pool()).await.unwrap()
}

#[tokio::test]
async fn initialising_loads_only_the_chosen_kabupaten() {
    let t = empty_db().await;
    let kab = initialize(&t.db, &Session::cli(), "35.14", now())
        .await
        .unwrap();
    assert_eq!(kab.name, "Kabupaten Pasuruan");
    assert_eq!(count(&t.db, "SELECT COUNT(*) FROM kecamatan").await, 24);
    assert_eq!(count(&t.db, "SELECT COUNT(*) FROM desa").await, 365);
    assert_eq!(
        count(&t.db, "SELECT COUNT(*) FROM desa WHERE kind = 'kelurahan'").await,
        24
    );
    assert_eq!(
        count(&t.db, "SELECT COUNT(*) FROM desa WHERE kind = 'desa'").await,
        341
    );
    assert_eq!(
        count(
            &t.db,
            "SELECT COUNT(*) FROM desa WHERE code NOT LIKE '3514%'"
        )
        .await,
        0
    );
    // Every desa hangs under a kecamatan of the same code prefix.
    assert_eq!(
        count(
            &t.db,
            "SELECT COUNT(*) FROM desa WHERE substr(code, 1, 6) <> kecamatan_code"
        )
        .await,
        0
    );

    let again = initialize(&t.db, &Session::cli(), "3575", now())
        .await
        .unwrap_err();
    assert_eq!(again.code(), "already_initialized");
    assert!(again.to_string().contains("Kabupaten Pasuruan"));
    assert_eq!(count(&t.db, "SELECT COUNT(*) FROM kecamatan").await, 24);
}

#[tokio::test]
async fn unknown_or_wrong_level_codes_are_refused() {
    let t = empty_db().await;
    for bad in ["99.99", "35.14.01", "35", "abc"] {
        let err = initialize(&t.db, &Session::cli(), bad, now())
            .await
            .unwrap_err();
        assert_eq!(err.code(), "unknown_region", "{bad}");
    }
    assert_eq!(count(&t.db, "SELECT COUNT(*) FROM kecamatan").await, 0);
}

#[tokio::test]
async fn first_run_creates_an_argon2id_administrator_who_can_log_in() {
    let (t, admin) = ready_db().await;
    assert_eq!(admin.role, adhoc::domain::account::Role::Administrator);
    let hash: String =
        sqlx::query_scalar("SELECT password_hash FROM users WHERE username = 'admin'")
            .fetch_one(t.db.pool())
            .await
            .unwrap();
    assert!(
        hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{hash}"
    );
    assert!(!hash.contains(&admin_input().password));

    let s = login(&t.db, "ADMIN", &admin_input().password, now())
        .await
        .unwrap();
    assert_eq!(s.user_id, admin.user_id);
    let wrong = login(&t.db, "admin", "salah-sekali-123", now())
        .await
        .unwrap_err();
    assert_eq!(wrong.code(), "invalid_credentials");
    let unknown = login(&t.db, "siapa", "salah-sekali-123", now())
        .await
        .unwrap_err();
    assert_eq!(
        unknown.to_string(),
        wrong.to_string(),
        "no hint whether the user exists"
    );

    assert!(status(&t.db).await.unwrap().is_complete());
    let second = first_run(&t.db, None, &admin_input(), now())
        .await
        .unwrap_err();
    assert_eq!(second.code(), "admin_exists");
}

#[tokio::test]
async fn a_rejected_first_run_writes_nothing() {
    let t = empty_db().await;
    let short = NewAccount {
        password: "pendek".into(),
        ..admin_input()
    };
    let err = first_run(&t.db, Some("3514"), &short, now())
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("password"));
    assert_eq!(count(&t.db, "SELECT COUNT(*) FROM kecamatan").await, 0);
    assert_eq!(count(&t.db, "SELECT COUNT(*) FROM users").await, 0);
    let st = status(&t.db).await.unwrap();
    assert!(st.kabupaten.is_none() && !st.has_accounts);

    let no_region = first_run(&t.db, None, &admin_input(), now())
        .await
        .unwrap_err();
    assert_eq!(no_region.field(), Some("wilayah"));
    assert_eq!(count(&t.db, "SELECT COUNT(*) FROM users").await, 0);
}

#[tokio::test]
async fn first_run_after_cli_init_only_needs_the_administrator() {
    let t = empty_db().await;
    initialize(&t.db, &Session::cli(), "3514", now())
        .await
        .unwrap();
    // The same kabupaten again is harmless; another one is refused.
    let other = first_run(&t.db, Some("3575"), &admin_input(), now())
        .await
        .unwrap_err();
    assert_eq!(other.code(), "already_initialized");
    first_run(&t.db, Some("3514"), &admin_input(), now())
        .await
        .unwrap();
    assert_eq!(count(&t.db, "SELECT COUNT(*) FROM kecamatan").await, 24);
}
