//! The audit chain's head is kept outside the database, so that a chain
//! rewritten inside it is found even when every hash was recomputed: the
//! attack below (append-only triggers dropped, an entry rewritten, the last
//! one deleted, later hashes recomputed) used to pass `audit verify`.

use crate::common;

use adhoc::domain::audit::entry_hash;
use adhoc::domain::round::{Body, Preset};
use adhoc::service::{audit, backup, rounds};
use adhoc::store::anchor;
use adhoc::store::backup::read_manifest;
use common::{now, ready_db};

/// Rewrites entry `id`'s user name, deletes the last entry and recomputes
/// every later hash, as a script with the database file would.
pub(crate) async fn rewrite(db: &adhoc::store::Db, id: i64) {
    sqlx::raw_sql("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;")
        .execute(db.pool())
        .await
        .unwrap();
    sqlx::query("DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)")
        .execute(db.pool())
        .await
        .unwrap();
    sqlx::query("UPDATE audit_log SET username = 'orang-lain' WHERE id = ?")
        .bind(id)
        .execute(db.pool())
        .await
        .unwrap();
    let mut conn = db.pool().acquire().await.unwrap();
    let entries = adhoc::store::audit::all(&mut conn).await.unwrap();
    let mut prev = adhoc::domain::audit::GENESIS_HASH.to_string();
    for e in entries {
        let hash = entry_hash(&prev, &e.content);
        sqlx::query("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?")
            .bind(&prev)
            .bind(&hash)
            .bind(e.content.id)
            .execute(&mut *conn)
            .await
            .unwrap();
        prev = hash;
    }
}

#[tokio::test]
async fn a_rewritten_and_shortened_chain_is_found_against_the_anchor() {
    let (t, admin) = ready_db().await;
    for body in [Body::Ppk, Body::Pps] {
        rounds::create_from_preset(&t.db, &admin, Preset::Pemilu2024, body, None, now())
            .await
            .unwrap();
    }
    // A backup keeps the head in its manifest and beside the database.
    let done = backup::take(&t.db, None, "manual", now()).await.unwrap();
    let manifest = read_manifest(std::path::Path::new(&done.path))
        .unwrap()
        .unwrap();
    let kept = anchor::read(&t.path())
        .unwrap()
        .expect("anchor beside the database");
    assert_eq!(manifest.audit.as_ref().map(|a| &a.hash), Some(&kept.hash));
    assert!(audit::verify(&t.db).await.unwrap().is_intact());

    rewrite(&t.db, 2).await;
    // On its own the forged chain is consistent...
    let mut conn = t.db.pool().acquire().await.unwrap();
    let alone =
        adhoc::domain::audit::verify_chain(adhoc::store::audit::all(&mut conn).await.unwrap());
    drop(conn);
    assert!(alone.is_intact());
    // ...against the anchor it is not.
    let report = audit::verify(&t.db).await.unwrap();
    assert!(!report.is_intact());
    assert!(
        report.problem.as_deref().unwrap().contains("dihapus")
            || report.problem.as_deref().unwrap().contains("ditulis ulang"),
        "{report:?}"
    );
    // And the anchor is not moved onto the forged chain.
    audit::anchor(&t.db, now()).await.unwrap();
    assert_eq!(anchor::read(&t.path()).unwrap().unwrap(), kept);
    assert!(!audit::verify(&t.db).await.unwrap().is_intact());
}

#[tokio::test]
async fn an_anchor_file_that_was_changed_is_reported_not_trusted() {
    let (t, _) = ready_db().await;
    audit::anchor(&t.db, now()).await.unwrap();
    std::fs::write(anchor::path_of(&t.path()), "{\"entries\": 0}").unwrap();
    let report = audit::verify(&t.db).await.unwrap();
    assert!(!report.is_intact());
    assert!(report.problem.unwrap().contains("penanda jejak audit"));
}
