//! Accounts: lockout, deactivation, roles, passwords, and the role matrix
//! enforced by the services.

use crate::common;

use adhoc::domain::account::Role;
use adhoc::domain::permission::{allowed, Operation};
use adhoc::domain::round::{Body, Preset};
use adhoc::service::accounts::Account;
use adhoc::service::audit::{list, AuditQuery};
use adhoc::service::auth::{self, login, Session};
use adhoc::service::setup::NewAccount;
use adhoc::service::{accounts, rounds};
use chrono::{DateTime, Duration, Utc};
use common::{admin_input, now, ready_db, TestDb};

const APPLICANT_CSV: &str = "nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,pendidikan,kode_wilayah_tugas\n\
     3514011208900001,Budi,L,Pasuruan,1990-08-12,Dusun Krajan,35.14.01.2001,SMA,35.14.01.2001\n";

/// The password of the operator [`with_operator`] makes.
const PASSWORD: &str = "sandi-yang-benar";

fn input(username: &str, password: &str) -> NewAccount {
    NewAccount {
        username: username.into(),
        full_name: format!("Petugas {username}"),
        password: password.into(),
    }
}

/// The account `name` with `password` and `role`, made by the administrator.
async fn create(t: &TestDb, admin: &Session, name: &str, password: &str, role: Role) {
    accounts::create(&t.db, admin, &input(name, password), role, now())
        .await
        .unwrap();
}

/// A ready database with the operator "opr" (password [`PASSWORD`]).
async fn with_operator() -> (TestDb, Session) {
    let (t, admin) = ready_db().await;
    create(&t, &admin, "opr", PASSWORD, Role::Operator).await;
    (t, admin)
}

/// The operator's row on the accounts screen at `at`.
async fn operator_row(t: &TestDb, admin: &Session, at: DateTime<Utc>) -> Account {
    let list = accounts::list(&t.db, admin, at).await.unwrap();
    list.into_iter().find(|a| a.username == "opr").unwrap()
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_account_for_a_growing_time() {
    let (t, admin) = with_operator().await;
    let t0 = now();
    for i in 1..=5 {
        let e = login(&t.db, "opr", "salah-salah-salah", t0)
            .await
            .unwrap_err();
        // The lock is not said at login (that would tell a stranger the
        // account exists): the answer is the same as for a wrong password.
        assert_eq!(e.code(), "invalid_credentials", "attempt {i}");
    }
    let op = operator_row(&t, &admin, now()).await;
    assert_eq!(op.failed_logins, 5);
    assert!(op.locked_until.is_some());
    // While locked, even the right password is refused.
    let e = login(&t.db, "opr", PASSWORD, t0 + Duration::seconds(59))
        .await
        .unwrap_err();
    assert_eq!(e.code(), "invalid_credentials");
    // After a minute another wrong password locks for two.
    let t1 = t0 + Duration::seconds(61);
    assert_eq!(
        login(&t.db, "opr", "salah-salah-salah", t1)
            .await
            .unwrap_err()
            .code(),
        "invalid_credentials"
    );
    let e = login(&t.db, "opr", PASSWORD, t1 + Duration::seconds(119))
        .await
        .unwrap_err();
    assert_eq!(e.code(), "invalid_credentials");
    login(&t.db, "opr", PASSWORD, t1 + Duration::seconds(121))
        .await
        .unwrap();
    // A good login starts the count again.
    let op = operator_row(&t, &admin, t1 + Duration::seconds(121)).await;
    assert_eq!(op.failed_logins, 0);
    assert!(op.locked_until.is_none());
}

/// An unknown username, a wrong password, a locked account and a
/// deactivated one (both with the right password) get the very same
/// answer, so that the login screen tells nobody which accounts exist or
/// are locked; the audit trail still records why each one failed.
#[tokio::test]
async fn login_answers_alike_whether_the_account_exists_is_locked_or_is_off() {
    let (t, admin) = ready_db().await;
    for name in ["kunci", "mati", "biasa"] {
        create(&t, &admin, name, PASSWORD, Role::Operator).await;
    }
    for _ in 0..5 {
        login(&t.db, "kunci", "salah-salah-salah", now())
            .await
            .unwrap_err();
    }
    accounts::set_active(&t.db, &admin, "mati", false, now())
        .await
        .unwrap();
    let mut answers = Vec::new();
    for (user, password) in [
        ("tidak-ada", PASSWORD),
        ("biasa", "salah-salah-salah"),
        ("kunci", PASSWORD),
        ("mati", PASSWORD),
    ] {
        let e = login(&t.db, user, password, now()).await.unwrap_err();
        answers.push((e.code(), e.to_string(), e.field().map(str::to_string)));
    }
    assert!(answers.iter().all(|a| *a == answers[0]), "{answers:#?}");
    assert_eq!(answers[0].0, "invalid_credentials");
    assert!(answers[0]
        .1
        .starts_with("Nama pengguna atau kata sandi salah"));
    let reasons: Vec<String> = sqlx::query_scalar(
        "SELECT json_extract(after, '$.reason') FROM audit_log WHERE action = 'login.failed' ORDER BY id DESC LIMIT 4",
    )
    .fetch_all(t.db.pool())
    .await
    .unwrap();
    assert_eq!(
        reasons,
        ["inactive", "locked", "wrong_password", "unknown_user"]
    );
}

#[tokio::test]
async fn an_administrator_can_unlock_an_account() {
    let (t, admin) = with_operator().await;
    for _ in 0..5 {
        login(&t.db, "opr", "salah-salah-salah", now())
            .await
            .unwrap_err();
    }
    assert!(operator_row(&t, &admin, now()).await.locked_until.is_some());
    accounts::unlock(&t.db, &admin, "opr", now()).await.unwrap();
    login(&t.db, "opr", PASSWORD, now()).await.unwrap();
}

#[tokio::test]
async fn deactivated_accounts_cannot_log_in_and_are_kept() {
    let (t, admin) = with_operator().await;
    accounts::set_active(&t.db, &admin, "opr", false, now())
        .await
        .unwrap();
    let e = login(&t.db, "opr", PASSWORD, now()).await.unwrap_err();
    assert_eq!(e.code(), "invalid_credentials");
    assert!(!operator_row(&t, &admin, now()).await.active);
    accounts::set_active(&t.db, &admin, "opr", true, now())
        .await
        .unwrap();
    login(&t.db, "opr", PASSWORD, now()).await.unwrap();
}

#[tokio::test]
async fn the_last_active_administrator_stays() {
    let (t, admin) = ready_db().await;
    let e = accounts::set_active(&t.db, &admin, "admin", false, now())
        .await
        .unwrap_err();
    assert_eq!(e.field(), Some("role"));
    let e = accounts::set_role(&t.db, &admin, "admin", Role::Operator, now())
        .await
        .unwrap_err();
    assert_eq!(e.field(), Some("role"));
    create(&t, &admin, "admin2", "sandi-admin-dua", Role::Administrator).await;
    accounts::set_role(&t.db, &admin, "admin", Role::Pimpinan, now())
        .await
        .unwrap();
    let s = login(&t.db, "admin", &admin_input().password, now())
        .await
        .unwrap();
    assert_eq!(s.role, Role::Pimpinan);
}

#[tokio::test]
async fn passwords_are_reset_by_administrators_and_changed_by_their_owner() {
    let (t, admin) = with_operator().await;
    let short = accounts::reset_password(&t.db, &admin, "opr", "pendek", now())
        .await
        .unwrap_err();
    assert_eq!(short.field(), Some("password"));
    accounts::reset_password(&t.db, &admin, "opr", "sandi-dari-admin", now())
        .await
        .unwrap();
    let op = login(&t.db, "opr", "sandi-dari-admin", now())
        .await
        .unwrap();

    let wrong =
        accounts::change_own_password(&t.db, &op, "bukan-sandinya", "sandi-baru-saya", now())
            .await
            .unwrap_err();
    assert_eq!(wrong.field(), Some("current"));
    accounts::change_own_password(&t.db, &op, "sandi-dari-admin", "sandi-baru-saya", now())
        .await
        .unwrap();
    login(&t.db, "opr", "sandi-dari-admin", now())
        .await
        .unwrap_err();
    login(&t.db, "opr", "sandi-baru-saya", now()).await.unwrap();
    // An operator cannot reset someone else's password.
    let e = accounts::reset_password(&t.db, &op, "admin", "ambil-alih-akun", now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "forbidden");
}

/// Guessing one's current password in "Ganti kata sandi" (say, at a desk
/// left logged in) counts like wrong passwords at login: audited, and the
/// fifth in a row locks the account; while locked even the right password
/// changes nothing, and the lock holds at login too.
#[tokio::test]
async fn wrong_current_passwords_count_toward_the_lockout_and_are_audited() {
    let (t, admin) = with_operator().await;
    let op = login(&t.db, "opr", PASSWORD, now()).await.unwrap();
    for i in 1..=4 {
        let e =
            accounts::change_own_password(&t.db, &op, "tebakan-salah", "sandi-baru-saya", now())
                .await
                .unwrap_err();
        assert_eq!(e.field(), Some("current"), "attempt {i}");
    }
    let e = accounts::change_own_password(&t.db, &op, "tebakan-salah", "sandi-baru-saya", now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "account_locked");
    assert!(e.to_string().contains("5 kali"), "{e}");
    let e = accounts::change_own_password(
        &t.db,
        &op,
        PASSWORD,
        "sandi-baru-saya",
        now() + Duration::seconds(30),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "account_locked");
    let e = login(&t.db, "opr", PASSWORD, now() + Duration::seconds(30))
        .await
        .unwrap_err();
    assert_eq!(e.code(), "invalid_credentials");

    let failed: Vec<(String, String)> = sqlx::query_as(
        "SELECT username, after FROM audit_log WHERE action = 'user.password_change_failed' ORDER BY id",
    )
    .fetch_all(t.db.pool())
    .await
    .unwrap();
    assert_eq!(failed.len(), 6, "{failed:?}");
    assert!(failed.iter().all(|(u, _)| u == "opr"));
    assert!(
        failed[4].1.contains(r#""failed_logins":5"#),
        "{}",
        failed[4].1
    );
    assert!(
        failed[5].1.contains(r#""reason":"locked""#),
        "{}",
        failed[5].1
    );

    // Once the lock has passed, the right password changes it and the
    // count starts again.
    let later = now() + Duration::seconds(61);
    accounts::change_own_password(&t.db, &op, PASSWORD, "sandi-baru-saya", later)
        .await
        .unwrap();
    let row = operator_row(&t, &admin, later).await;
    assert_eq!((row.failed_logins, row.locked_until.as_deref()), (0, None));
    login(&t.db, "opr", "sandi-baru-saya", later).await.unwrap();
}

/// A session carries the role it had at login; `auth::current` reads the
/// account again, as the desktop does before every command: a new role
/// applies at once, and a deactivated or unknown account is refused.
#[tokio::test]
async fn the_acting_account_is_read_again_for_every_command() {
    let (t, admin) = with_operator().await;
    let op = login(&t.db, "opr", PASSWORD, now()).await.unwrap();
    assert_eq!(auth::current(&t.db, &op).await.unwrap(), op);

    accounts::set_role(&t.db, &admin, "opr", Role::Verifikator, now())
        .await
        .unwrap();
    let now_verifier = auth::current(&t.db, &op).await.unwrap();
    assert_eq!(now_verifier.role, Role::Verifikator);
    assert_eq!(now_verifier.user_id, op.user_id);
    let e = now_verifier
        .require(Operation::RegisterApplicants)
        .unwrap_err();
    assert_eq!(e.code(), "forbidden");

    accounts::set_active(&t.db, &admin, "opr", false, now())
        .await
        .unwrap();
    let e = auth::current(&t.db, &op).await.unwrap_err();
    assert_eq!(e.code(), "unauthenticated");

    // An id that is not (or no longer) this account: refused too.
    let stranger = Session {
        user_id: Some(999),
        ..op.clone()
    };
    assert_eq!(
        auth::current(&t.db, &stranger).await.unwrap_err().code(),
        "unauthenticated"
    );
    let renamed = Session {
        username: "orang-lain".into(),
        ..admin.clone()
    };
    assert_eq!(
        auth::current(&t.db, &renamed).await.unwrap_err().code(),
        "unauthenticated"
    );
    // The command line acts as the installation: nothing to read.
    let cli = Session::cli();
    assert_eq!(auth::current(&t.db, &cli).await.unwrap(), cli);
}

/// For every role, one service of each operation class that exists so far:
/// allowed exactly where the matrix says, and a refusal writes nothing.
#[tokio::test]
async fn services_enforce_the_role_matrix() {
    let (t, admin) = ready_db().await;
    let round =
        rounds::create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Pps, None, now())
            .await
            .unwrap();
    for role in Role::ALL {
        let s = Session {
            role,
            ..admin.clone()
        };
        let count = || async {
            sqlx::query_scalar::<_, i64>("SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM rounds) + (SELECT COUNT(*) FROM unit_quotas) + (SELECT COUNT(*) FROM party_members) + (SELECT COUNT(*) FROM applicants)")
                .fetch_one(t.db.pool())
                .await
                .unwrap()
        };
        let name = format!("akun.{}", role.as_str());
        let results = [
            (
                Operation::ManageAccounts,
                accounts::create(
                    &t.db,
                    &s,
                    &input(&name, "sandi-panjang-sekali"),
                    Role::Operator,
                    now(),
                )
                .await
                .map(|_| ()),
            ),
            (
                Operation::ManageAccounts,
                accounts::list(&t.db, &s, now()).await.map(|_| ()),
            ),
            (
                Operation::ManageRounds,
                rounds::create_from_preset(
                    &t.db,
                    &s,
                    Preset::Pilkada2024,
                    Body::Ppk,
                    Some(&format!("Uji {name}")),
                    now(),
                )
                .await
                .map(|_| ()),
            ),
            (
                Operation::ManageRounds,
                rounds::set_unit_quota(&t.db, &s, round.id, "35.14.01.2001", Some(4), "uji", now())
                    .await,
            ),
            (
                Operation::ReadAudit,
                list(&t.db, &s, &AuditQuery::default()).await.map(|_| ()),
            ),
            (
                Operation::ManageRounds,
                adhoc::service::parties::import(
                    &t.db,
                    &s,
                    b"nik,partai\n3514011208900001,A\n",
                    now(),
                )
                .await
                .map(|_| ()),
            ),
            (
                Operation::RegisterApplicants,
                adhoc::service::applicants::import(
                    &t.db,
                    &s,
                    round.id,
                    APPLICANT_CSV.as_bytes(),
                    now(),
                )
                .await
                .map(|_| ()),
            ),
        ];
        for (op, result) in results {
            let before = count().await;
            match (allowed(role, op), result) {
                (true, Ok(())) => {}
                (false, Err(e)) => {
                    assert_eq!(e.code(), "forbidden", "{role:?} {op:?}");
                    assert_eq!(count().await, before);
                }
                (expected, got) => panic!("{role:?} {op:?}: allowed={expected}, got {got:?}"),
            }
        }
    }
    // Only the Operator's import was stored.
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM applicants")
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    assert_eq!(stored, 1);
}
