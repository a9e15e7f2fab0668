//! Every official document prints at the foot of its last page the head of
//! the audit chain (how many entries, the last one's hash) as it stood when
//! the document was made, in the words `adhoc audit verify` and the audit
//! screen use; a paper copy then anchors the chain outside the database.

use crate::audit_anchor::rewrite;
use crate::common::cli::{adhoc, stderr, stdout};
use crate::common::{as_role, now};
use crate::publications::{demo, flat, request, text_of};

use std::process::Output;

use adhoc::domain::account::Role;
use adhoc::domain::audit::ChainHead;
use adhoc::domain::publication::PublicationKind;
use adhoc::domain::round::Stage;
use adhoc::service::publications::{self, Made};
use adhoc::service::{audit, auth::Session};
use adhoc::store::Db;
use tempfile::TempDir;

const LEAD: &str = "Jejak audit saat dokumen dibuat: ";

/// The head printed on a document, read back from its PDF with pdftotext:
/// once, on the last page, in the words [`ChainHead::text`] spells.
fn printed_head(dir: &TempDir, made: &Made) -> ChainHead {
    let pdf = dir.path().join(&made.file);
    std::fs::write(&pdf, &made.bytes).unwrap();
    let text = text_of(&pdf);
    let pages: Vec<String> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(flat)
        .collect();
    let last = pages.last().unwrap();
    assert_eq!(flat(&text).matches(LEAD).count(), 1, "{}", made.file);
    let at = last
        .find(LEAD)
        .unwrap_or_else(|| panic!("{}: no head on the last page: {last}", made.file));
    let words: Vec<&str> = last[at + LEAD.len()..].split_whitespace().collect();
    assert_eq!(words[1..4], ["catatan,", "hash", "terakhir"], "{last}");
    let head = ChainHead::typed(words[0], words[4]).unwrap();
    assert!(last.contains(&format!("{LEAD}{}", head.text)), "{last}");
    head
}

/// The head as the store reads it now.
async fn head_now(db: &Db) -> ChainHead {
    let mut conn = db.pool().acquire().await.unwrap();
    let (entries, hash) = adhoc::store::audit::head(&mut conn).await.unwrap();
    ChainHead::new(entries, hash)
}

async fn make(db: &Db, who: &Session, kind: PublicationKind) -> Made {
    publications::make(db, who, 1, &request(kind, None), now())
        .await
        .unwrap()
}

fn db_arg(dir: &TempDir) -> String {
    dir.path().join("demo.db").to_str().unwrap().to_string()
}

/// `adhoc audit verify` against a head typed from paper.
fn verify_typed(dir: &TempDir, entries: &str, hash: &str) -> Output {
    let db = db_arg(dir);
    let args = ["--db", &db, "audit", "verify", "--catatan", entries];
    adhoc(&[&args[..], &["--hash", hash]].concat())
}

#[tokio::test]
async fn a_berita_acara_prints_the_head_left_by_its_own_number() {
    let (dir, db, chair) = demo().await;
    let kind = PublicationKind::BeritaAcara(Stage::Akhir);
    let made = make(&db, &chair, kind).await;
    assert!(!made.draft);
    let printed = printed_head(&dir, &made);
    assert_eq!(printed, head_now(&db).await);
    // The last entry counted is the one that gave this document its number.
    let (action, after): (String, String) =
        sqlx::query_as("SELECT action, after FROM audit_log WHERE hash = ?")
            .bind(printed.hash.as_deref().unwrap())
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert_eq!(action, "publication.number");
    assert!(after.contains(&made.number), "{after}");

    // `adhoc audit verify` reports the same head, in the same words.
    let o = adhoc(&["--db", &db_arg(&dir), "audit", "verify"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let hash = printed.hash.clone().unwrap();
    assert_eq!(
        stdout(&o),
        format!(
            "status,catatan,rusak_pertama,hash_terakhir\nutuh,{},,{hash}\n",
            printed.entries
        )
    );
    assert!(
        stderr(&o).contains(&format!("Jejak audit utuh: {}\n", printed.text)),
        "{}",
        stderr(&o)
    );

    // Printing records nothing: a copy made now prints the same head.
    assert_eq!(printed_head(&dir, &make(&db, &chair, kind).await), printed);

    // After another audited action (an announcement numbered) a copy
    // prints the head that moved on, with that action as its last entry.
    let pengumuman = make(&db, &chair, PublicationKind::Pengumuman(Stage::Akhir)).await;
    let moved = printed_head(&dir, &pengumuman);
    assert_eq!(moved.entries, printed.entries + 1);
    assert_eq!(moved, head_now(&db).await);
    let copy = printed_head(&dir, &make(&db, &chair, kind).await);
    assert_eq!(copy, moved);
    assert_ne!(copy.hash, printed.hash);

    // The head first printed still holds: the chain only grew since.
    let count = printed.text.split(' ').next().unwrap();
    let o = verify_typed(&dir, count, &hash);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("Cocok dengan yang tercetak"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains(&format!("utuh,{},,", moved.entries)));
    db.close().await;
}

#[tokio::test]
async fn drafts_and_copies_by_other_staff_print_the_head_as_it_is() {
    let (dir, db, chair) = demo().await;
    let operator = as_role(&chair, Role::Operator);
    let before = head_now(&db).await;
    // A draft records nothing and prints the chain as it is.
    let draft = make(
        &db,
        &operator,
        PublicationKind::BeritaAcara(Stage::Tertulis),
    )
    .await;
    assert!(draft.draft);
    assert_eq!(printed_head(&dir, &draft), before);
    assert_eq!(head_now(&db).await, before);
    // A typed number is printed and not recorded: the head as it is too.
    let mut typed = request(PublicationKind::BeritaAcara(Stage::Wawancara), None);
    typed.number = Some("77/KHUSUS/2026".into());
    let made = publications::make(&db, &chair, 1, &typed, now())
        .await
        .unwrap();
    assert_eq!(printed_head(&dir, &made), before);
    // The lampiran of the SK carries it as well.
    let lampiran = make(&db, &chair, PublicationKind::LampiranSk).await;
    let head = printed_head(&dir, &lampiran);
    assert_eq!(head.entries, before.entries + 1);
    assert_eq!(head, head_now(&db).await);
    db.close().await;
}

/// A script rewrites an entry, drops the last one, recomputes every later
/// hash and removes the anchor file beside the database: the chain checks
/// on its own, but not against the head a Berita Acara printed.
#[tokio::test]
async fn a_rewritten_chain_no_longer_holds_the_head_a_berita_acara_printed() {
    let (dir, db, chair) = demo().await;
    let printed = printed_head(
        &dir,
        &make(&db, &chair, PublicationKind::BeritaAcara(Stage::Penetapan)).await,
    );
    make(&db, &chair, PublicationKind::Pengumuman(Stage::Tertulis)).await;
    make(&db, &chair, PublicationKind::BeritaAcara(Stage::Tertulis)).await;
    assert!(audit::verify_printed(&db, &chair, &printed)
        .await
        .unwrap()
        .is_intact());
    let e = audit::verify_printed(&db, &as_role(&chair, Role::Operator), &printed)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "forbidden");

    rewrite(&db, 2).await;
    let _ = std::fs::remove_file(adhoc::store::anchor::path_of(&dir.path().join("demo.db")));
    assert!(audit::verify(&db).await.unwrap().is_intact());
    let report = audit::verify_printed(&db, &chair, &printed).await.unwrap();
    assert_eq!(report.first_broken, Some(printed.entries));
    assert!(
        report.problem.as_deref().unwrap().contains("ditulis ulang"),
        "{report:?}"
    );
    let count = printed.entries.to_string();
    let o = verify_typed(&dir, &count, printed.hash.as_deref().unwrap());
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains(&format!(
            "Jejak audit rusak mulai catatan {}",
            printed.entries
        )),
        "{}",
        stderr(&o)
    );
    db.close().await;
}
