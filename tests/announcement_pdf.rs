//! Announcements of the demo's closed stages, checked with real PDF tools:
//! title, number, every expected name in order, page numbering, valid
//! structure, and none of the private fields of any applicant.

mod common;

use std::path::Path;
use std::process::Command;

use adhoc::domain::ranking::Status;
use adhoc::domain::round::Stage;
use adhoc::pdf::Paper;
use adhoc::service::announcements::{announcement_pdf, AnnouncementRequest};
use adhoc::service::demo::{build_demo, DEMO_PASSWORD};
use adhoc::service::{auth, selection};
use adhoc::store::{Db, OpenMode};
use common::now;

fn tool(program: &str, args: &[&str], file: &Path) -> String {
    let out = Command::new(program)
        .args(args)
        .arg(file)
        .args(if program == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"));
    assert!(
        out.status.success(),
        "{program}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// NIK, birth date, phone, e-mail and address of one applicant.
type Private = (String, String, Option<String>, Option<String>, String);

/// Every private value of every applicant of the database.
async fn private_values(db: &Db) -> Vec<String> {
    let rows: Vec<Private> =
        sqlx::query_as("SELECT nik, birth_date, phone, email, address FROM applicants")
            .fetch_all(db.pool())
            .await
            .unwrap();
    let mut out = Vec::new();
    for (nik, birth, phone, email, address) in rows {
        out.push(nik);
        out.push(birth);
        out.extend(phone.filter(|p| !p.is_empty()));
        out.extend(email.filter(|e| !e.is_empty()));
        out.push(address);
    }
    out
}

#[tokio::test]
async fn the_demos_announcements_name_the_right_people_and_nothing_private() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    build_demo(&path, 2024, now()).await.unwrap();
    let db = Db::open(&path, OpenMode::MustExist).await.unwrap();
    let chair = auth::login(&db, "pimpinan", DEMO_PASSWORD, now())
        .await
        .unwrap();
    let private = private_values(&db).await;
    let finals = selection::results(&db, &chair, 1, Stage::Akhir, None, now())
        .await
        .unwrap();

    for (stage, unit) in [
        (Stage::Administrasi, None),
        (Stage::Tertulis, None),
        (Stage::Akhir, None),
        (Stage::Akhir, Some("35.14.02")),
    ] {
        let req = AnnouncementRequest {
            stage,
            unit: unit.map(str::to_string),
            paper: if unit.is_some() { Paper::F4 } else { Paper::A4 },
            number: Some("07/PP.04.1-Pu/3514/2026".into()),
            signer: Some("Dr. Andi Wibowo".into()),
        };
        let (file, bytes) = announcement_pdf(&db, &chair, 1, &req, now()).await.unwrap();
        assert!(
            file.starts_with(&format!("pengumuman-{}-ppk", stage.as_str())),
            "{file}"
        );
        let pdf = dir.path().join(&file);
        std::fs::write(&pdf, &bytes).unwrap();
        let check = tool("qpdf", &["--check"], &pdf);
        assert!(
            check.contains("No syntax or stream encoding errors"),
            "{check}"
        );
        let text = tool("pdftotext", &[], &pdf);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("KOMISI PEMILIHAN UMUM KABUPATEN PASURUAN"));
        assert!(flat.contains("PENGUMUMAN"));
        assert!(flat.contains("Nomor: 07/PP.04.1-Pu/3514/2026"));
        assert!(flat.contains("TENTANG"));
        assert!(flat.contains("Dr. Andi Wibowo"));
        assert!(flat.contains("Halaman 1 dari"), "{stage:?}");
        for value in &private {
            assert!(!flat.contains(value.as_str()), "{stage:?} prints {value}");
        }
        if stage == Stage::Akhir {
            // Every Terpilih and Cadangan of the units shown, in ranking order.
            let expected: Vec<&str> = finals
                .iter()
                .filter(|r| matches!(r.status, Status::Terpilih | Status::Cadangan))
                .filter(|r| unit.is_none_or(|u| r.unit_code == u))
                .map(|r| r.full_name.as_str())
                .collect();
            assert!(expected.len() > 5);
            let mut at = 0;
            for name in &expected {
                let found = flat[at..]
                    .find(name)
                    .unwrap_or_else(|| panic!("{name} missing or out of order"));
                at += found + name.len();
            }
            if unit.is_some() {
                assert!(!flat.contains("Kecamatan Purwodadi"));
                assert!(flat.contains("Kecamatan Tutur"));
            }
        }
    }

    // A stage still open has no announcement yet.
    let req = AnnouncementRequest {
        stage: Stage::Tertulis,
        unit: None,
        paper: Paper::A4,
        number: None,
        signer: None,
    };
    let e = announcement_pdf(&db, &chair, 2, &req, now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("belum ditutup"), "{e}");
    db.close().await;
}
