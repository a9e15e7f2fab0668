//! Scanned documents: sniffed, size-limited, stored once under their hash.

use crate::common;

use adhoc::domain::account::Role;
use adhoc::domain::round::{Body, Preset, Stage};
use adhoc::service::registration::register;
use adhoc::service::rounds::create_from_preset;
use adhoc::service::scans::{attach, file, folder, list};
use common::{as_role, now, ppk_draft, ready_db};

#[tokio::test]
async fn scans_are_sniffed_stored_once_and_never_overwritten() {
    let (t, admin) = ready_db().await;
    let desk = as_role(&admin, Role::Operator);
    let verifier = as_role(&admin, Role::Verifikator);
    let round = create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Ppk, None, now())
        .await
        .unwrap()
        .id;
    let mut ids = Vec::new();
    for nik in ["3514011208900001", "3514011208900002"] {
        ids.push(
            register(&t.db, &desk, round, &ppk_draft(nik, "Budi Santoso"), now())
                .await
                .unwrap()
                .saved
                .unwrap()
                .id,
        );
    }
    let pdf = b"%PDF-1.4\n% scan of a KTP\n".to_vec();

    let a = attach(
        &t.db,
        &desk,
        ids[0],
        "ktp",
        "C:\\scan\\ktp budi.pdf",
        &pdf,
        now(),
    )
    .await
    .unwrap();
    assert_eq!(a.media_type, "application/pdf");
    assert_eq!(a.file_name, "ktp budi.pdf");
    // The same scan again, and for another applicant: one file on disk.
    attach(&t.db, &verifier, ids[0], "ktp", "ktp.pdf", &pdf, now())
        .await
        .unwrap();
    attach(&t.db, &desk, ids[1], "ijazah", "x.pdf", &pdf, now())
        .await
        .unwrap();
    let files: Vec<_> = std::fs::read_dir(folder(&t.db))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files, [format!("{}.pdf", a.sha256)]);
    assert_eq!(list(&t.db, &desk, ids[0]).await.unwrap().len(), 1);
    let (path, _) = file(&t.db, &desk, &a.sha256).await.unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), pdf);

    // A renamed executable, an unknown document and a reader are refused.
    let e = attach(
        &t.db,
        &desk,
        ids[0],
        "ktp",
        "ktp.pdf",
        b"MZ\x90\0rest",
        now(),
    )
    .await
    .unwrap_err();
    assert_eq!(e.field(), Some("berkas"));
    let e = attach(&t.db, &desk, ids[0], "paspor", "p.pdf", &pdf, now())
        .await
        .unwrap_err();
    assert_eq!(e.field(), Some("kode_dokumen"));
    let chair = as_role(&admin, Role::Pimpinan);
    assert_eq!(
        attach(&t.db, &chair, ids[0], "ktp", "k.pdf", &pdf, now())
            .await
            .unwrap_err()
            .code(),
        "forbidden"
    );

    // A stored scan changed on disk is reported, not shown.
    std::fs::write(&path, b"%PDF-1.4\n% tampered\n").unwrap();
    let e = file(&t.db, &desk, &a.sha256).await.unwrap_err();
    assert!(e.to_string().contains("sudah berubah"), "{e}");

    // Frozen once the administrative stage is closed.
    sqlx::query("UPDATE rounds SET current_stage = ?")
        .bind(Stage::Tertulis.as_str())
        .execute(t.db.pool())
        .await
        .unwrap();
    let png = b"\x89PNG\r\n\x1a\nxyz".to_vec();
    let e = attach(&t.db, &desk, ids[0], "drh", "foto.png", &png, now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("sudah ditutup"), "{e}");
}
