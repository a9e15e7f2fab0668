//! Sessions through the shell: what an administrator changes on an
//! account reaches the session already logged in with it.

use crate::shell::{invoke, login, open, ADMIN_PASSWORD};
use serde_json::{json, Value};

/// Runs `change` on the database at `path` as the command line would,
/// beside the running app (an administrator at another computer, say).
fn as_cli<Fut>(
    rt: &tokio::runtime::Runtime,
    path: &std::path::Path,
    change: impl FnOnce(adhoc::store::Db, adhoc::service::auth::Session) -> Fut,
) where
    Fut: std::future::Future<Output = adhoc::Result<()>>,
{
    rt.block_on(async {
        let db = adhoc::store::Db::open(path, adhoc::store::OpenMode::CreateIfMissing).await?;
        let done = change(db.clone(), adhoc::service::auth::Session::cli()).await;
        db.close().await;
        done
    })
    .unwrap()
}

/// A session does not keep the powers it had at login: an administrator's
/// change of role applies to the next command (and to the session the UI
/// reads), and a deactivated account is logged out at its next command or
/// session read.
#[test]
fn a_changed_role_or_a_deactivation_reaches_a_logged_in_session() {
    use adhoc::domain::account::Role;
    use adhoc::service::{accounts, setup};
    use chrono::Utc;

    let account = |name: &str| setup::NewAccount {
        username: name.into(),
        full_name: format!("Petugas {name}"),
        password: ADMIN_PASSWORD.into(),
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.db");
    let rt = tokio::runtime::Runtime::new().unwrap();
    as_cli(&rt, &path, |db, cli| async move {
        setup::first_run(&db, Some("3514"), &account("admin"), Utc::now()).await?;
        accounts::create(
            &db,
            &cli,
            &account("petugas"),
            Role::Administrator,
            Utc::now(),
        )
        .await?;
        accounts::create(
            &db,
            &cli,
            &account("admin2"),
            Role::Administrator,
            Utc::now(),
        )
        .await?;
        Ok(())
    });
    let (_app, webview) = open(path.clone());
    let login = |user: &str| login(&webview, user, ADMIN_PASSWORD);
    login("petugas");
    invoke(&webview, "list_accounts", json!({})).unwrap();

    as_cli(&rt, &path, |db, cli| async move {
        accounts::set_role(&db, &cli, "petugas", Role::Operator, Utc::now()).await
    });
    let err = invoke(&webview, "list_accounts", json!({})).unwrap_err();
    assert_eq!(err["code"], "forbidden", "{err}");
    let status = invoke(&webview, "current_session", json!({})).unwrap();
    assert_eq!(status["session"]["role"], "operator");
    assert_eq!(
        status["session"]["operations"],
        json!(["register_applicants", "record_documents", "read"])
    );

    as_cli(&rt, &path, |db, cli| async move {
        accounts::set_active(&db, &cli, "petugas", false, Utc::now()).await
    });
    let err = invoke(&webview, "home", json!({"election": null})).unwrap_err();
    assert_eq!(err["code"], "unauthenticated", "{err}");
    let status = invoke(&webview, "current_session", json!({})).unwrap();
    assert_eq!(status["session"], Value::Null);

    // The session the UI reads (at start, or after an error) says so too.
    login("admin");
    as_cli(&rt, &path, |db, cli| async move {
        accounts::set_active(&db, &cli, "admin", false, Utc::now()).await
    });
    let status = invoke(&webview, "current_session", json!({})).unwrap();
    assert_eq!(status["session"], Value::Null);
    let err = invoke(&webview, "home", json!({"election": null})).unwrap_err();
    assert_eq!(err["code"], "unauthenticated", "{err}");
}
