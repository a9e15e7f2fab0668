//! The official documents of the demo's closed stages, checked with real
//! PDF tools: title, number, every expected name in order, page numbering,
//! valid structure, the logo, and none of the private fields of any
//! applicant; numbering, editable texts, a golden rendering of page 1 and a
//! 10,000-row table that repeats its heading on every page.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use adhoc::domain::account::Role;
use adhoc::domain::publication::{PublicationKind, Texts};
use adhoc::domain::ranking::Status;
use adhoc::domain::round::Stage;
use adhoc::pdf::Paper;
use adhoc::service::auth::Session;
use adhoc::service::demo::{build_demo, DEMO_PASSWORD};
use adhoc::service::publications::{self, PublicationRequest};
use adhoc::service::{auth, selection, verification};
use adhoc::store::{Db, OpenMode};
use chrono::NaiveDate;
use common::{as_role, now};
use tempfile::TempDir;

pub(crate) fn tool(program: &str, args: &[&str]) -> Vec<u8> {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"));
    assert!(
        out.status.success(),
        "{program}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The text of a PDF, pages separated by form feeds.
pub(crate) fn text_of(pdf: &Path) -> String {
    String::from_utf8(tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"])).unwrap()
}

pub(crate) fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The demo database, built once for this test binary; every test gets its
/// own copy.
pub(crate) async fn demo() -> (TempDir, Db, Session) {
    static BUILT: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
    let (_, source) = BUILT.get_or_init(|| {
        std::thread::spawn(|| {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("demo.db");
            tokio::runtime::Runtime::new()
                .unwrap()
                .block_on(build_demo(&path, 2024, now()))
                .unwrap();
            (dir, path)
        })
        .join()
        .unwrap()
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    std::fs::copy(source, &path).unwrap();
    let db = Db::open(&path, OpenMode::MustExist).await.unwrap();
    let chair = auth::login(&db, "pimpinan", DEMO_PASSWORD, now())
        .await
        .unwrap();
    (dir, db, chair)
}

/// Every private value of every applicant of the database.
async fn private_values(db: &Db) -> Vec<String> {
    type Private = (String, String, Option<String>, Option<String>, String);
    let rows: Vec<Private> =
        sqlx::query_as("SELECT nik, birth_date, phone, email, address FROM applicants")
            .fetch_all(db.pool())
            .await
            .unwrap();
    let mut out = Vec::new();
    for (nik, birth, phone, email, address) in rows {
        // The birth date as stored (ISO) and as letters would write it.
        if let Ok(d) = NaiveDate::parse_from_str(&birth, "%Y-%m-%d") {
            out.push(d.format("%d-%m-%Y").to_string());
            out.push(adhoc::pdf::tanggal(d));
        }
        out.push(nik);
        out.push(birth);
        out.extend(phone.filter(|p| !p.is_empty()));
        out.extend(email.filter(|e| !e.is_empty()));
        out.push(address);
    }
    out
}

pub(crate) fn request(kind: PublicationKind, unit: Option<&str>) -> PublicationRequest {
    PublicationRequest {
        kind,
        unit: unit.map(str::to_string),
        paper: if unit.is_some() { Paper::F4 } else { Paper::A4 },
        number: None,
        signer: None,
    }
}

#[tokio::test]
async fn every_kind_names_the_right_people_and_nothing_private() {
    let (dir, db, chair) = demo().await;
    let private = private_values(&db).await;
    let finals = selection::results(&db, &chair, 1, Stage::Akhir, None, now())
        .await
        .unwrap();
    let terpilih = |unit: Option<&str>| -> Vec<String> {
        finals
            .iter()
            .filter(|r| r.status == Status::Terpilih)
            .filter(|r| unit.is_none_or(|u| r.unit_code == u))
            .map(|r| r.full_name.clone())
            .collect()
    };
    let listed = selection::results(&db, &chair, 1, Stage::Tertulis, None, now())
        .await
        .unwrap();

    let kinds = PublicationKind::all();
    assert_eq!(kinds.len(), 10);
    let items = publications::list(&db, &chair, 1).await.unwrap();
    assert!(
        items.iter().all(|i| i.ready),
        "the demo's PPK round is complete"
    );
    let mut numbers = Vec::new();
    for &kind in &kinds {
        for unit in [None, Some("35.14.02")] {
            let made = publications::make(&db, &chair, 1, &request(kind, unit), now())
                .await
                .unwrap();
            let expected_file = format!(
                "{}-ppk{}.pdf",
                kind.key().replace('_', "-"),
                unit.map(|_| "-351402").unwrap_or_default()
            );
            assert_eq!(made.file, expected_file);
            let pdf = dir.path().join(&made.file);
            std::fs::write(&pdf, &made.bytes).unwrap();
            assert!(made.bytes.len() < 2_000_000);
            let check =
                String::from_utf8(tool("qpdf", &["--check", pdf.to_str().unwrap()])).unwrap();
            assert!(
                check.contains("No syntax or stream encoding errors"),
                "{check}"
            );
            let text = flat(&text_of(&pdf));
            let title = match kind {
                PublicationKind::Pengumuman(_) => "PENGUMUMAN",
                PublicationKind::BeritaAcara(_) => "BERITA ACARA",
                PublicationKind::LampiranSk => {
                    "LAMPIRAN KEPUTUSAN KOMISI PEMILIHAN UMUM KABUPATEN PASURUAN"
                }
            };
            assert!(text.contains(title), "{kind}: {text}");
            assert!(text.contains(&format!("Nomor: {}", made.number)), "{kind}");
            assert!(text.contains("TENTANG"));
            assert!(text.contains("Dr. Andi Wibowo, S.H."), "{kind}");
            assert!(text.contains("Halaman 1 dari"), "{kind}");
            assert!(!text.contains('{'), "{kind} prints a placeholder: {text}");
            assert!(
                text.contains("Jejak audit saat dokumen dibuat: "),
                "{kind}: the audit chain's head"
            );
            if kind != PublicationKind::LampiranSk {
                assert!(
                    text.contains("Jalan Contoh Raya Nomor 1"),
                    "{kind}: the kop"
                );
                let images =
                    String::from_utf8(tool("pdfimages", &["-list", pdf.to_str().unwrap()]))
                        .unwrap();
                assert!(images.lines().count() >= 3, "{kind}: the logo\n{images}");
            }
            if matches!(kind, PublicationKind::BeritaAcara(_)) {
                // Every member signs the minutes.
                for name in ["Siti Nur'aini, S.Sos.", "Agus Salim, M.Si.", "Tanda Tangan"] {
                    assert!(text.contains(name), "{kind}: {name}");
                }
            }
            for value in &private {
                assert!(!text.contains(value.as_str()), "{kind} prints {value}");
            }
            // The names expected, in ranking order.
            let expected: Vec<String> = match kind {
                PublicationKind::LampiranSk
                | PublicationKind::BeritaAcara(Stage::Penetapan)
                | PublicationKind::Pengumuman(Stage::Akhir) => {
                    let mut names = terpilih(unit);
                    if kind == PublicationKind::Pengumuman(Stage::Akhir) {
                        names = finals
                            .iter()
                            .filter(|r| matches!(r.status, Status::Terpilih | Status::Cadangan))
                            .filter(|r| unit.is_none_or(|u| r.unit_code == u))
                            .map(|r| r.full_name.clone())
                            .collect();
                    }
                    names
                }
                PublicationKind::Pengumuman(Stage::Tertulis)
                | PublicationKind::BeritaAcara(Stage::Tertulis) => listed
                    .iter()
                    .filter(|r| r.status != Status::Tms)
                    .filter(|r| unit.is_none_or(|u| r.unit_code == u))
                    .map(|r| r.full_name.clone())
                    .collect(),
                _ => Vec::new(),
            };
            let mut at = 0;
            for name in &expected {
                let found = text[at..]
                    .find(name.as_str())
                    .unwrap_or_else(|| panic!("{kind}: {name} missing or out of order"));
                at += found + name.len();
            }
            if unit.is_some() {
                assert!(!text.contains("Kecamatan Purwodadi"), "{kind}");
                if kind != PublicationKind::BeritaAcara(Stage::Pendaftaran) {
                    assert!(text.contains("Kecamatan Tutur"), "{kind}");
                }
            } else {
                numbers.push((kind, made.number.clone()));
            }
        }
    }
    // Each series counts on by one in the year; the per-unit print of a
    // document has the same number as the whole one.
    let series_numbers = |prefix: &str| -> Vec<String> {
        numbers
            .iter()
            .filter(|(_, n)| n.contains(prefix))
            .map(|(_, n)| n.clone())
            .collect()
    };
    let ba = series_numbers("PK.01-BA");
    assert_eq!(ba.len(), 6);
    assert_eq!(ba[0], "01/PK.01-BA/3514/2026");
    assert_eq!(ba[5], "06/PK.01-BA/3514/2026");
    assert_eq!(series_numbers("-Pu/").len(), 3);
    assert_eq!(series_numbers("-Kpt/"), ["01/PP.04.1-Kpt/3514/2026"]);
    let again = publications::make(&db, &chair, 1, &request(kinds[0], None), now())
        .await
        .unwrap();
    assert_eq!(again.number, numbers[0].1, "a document keeps its number");

    // The PPS round stands at the written test: only the first stages.
    let items = publications::list(&db, &chair, 2).await.unwrap();
    let ready: Vec<String> = items
        .iter()
        .filter(|i| i.ready)
        .map(|i| i.key.clone())
        .collect();
    assert_eq!(
        ready,
        [
            "berita_acara_pendaftaran",
            "berita_acara_administrasi",
            "pengumuman_administrasi"
        ]
    );
    let e = publications::make(
        &db,
        &chair,
        2,
        &request(PublicationKind::Pengumuman(Stage::Tertulis), None),
        now(),
    )
    .await
    .unwrap_err();
    assert!(e.to_string().contains("belum ditutup"), "{e}");
    // PPS: grouped by desa, with the desa column.
    let made = publications::make(
        &db,
        &chair,
        2,
        &request(
            PublicationKind::Pengumuman(Stage::Administrasi),
            Some("35.14.02"),
        ),
        now(),
    )
    .await
    .unwrap();
    let pdf = dir.path().join(&made.file);
    std::fs::write(&pdf, &made.bytes).unwrap();
    let text = flat(&text_of(&pdf));
    assert!(text.contains("Desa/Kelurahan"), "{text}");
    assert_eq!(made.number, "04/PP.04.1-Pu/3514/2026");
    db.close().await;
}

/// The minutes of the administrative stage give every TMS reason but never
/// the party an applicant is tied to: they may be published (DOMAIN.md) and
/// the party list is often wrong. The screens keep the party for staff.
#[tokio::test]
async fn the_administrative_minutes_name_no_party() {
    let (dir, db, chair) = demo().await;
    // The demo's invented parties, one word of each (a table cell may wrap
    // a name across lines).
    let parties = ["Sejahtera", "Fiktif", "Nusantara", "Rakyat"];
    let mut checked = 0;
    for round in [1, 2] {
        let listed: Vec<String> = verification::results(&db, &chair, round, now())
            .await
            .unwrap()
            .into_iter()
            .filter(|r| r.reasons.contains("tercatat sebagai anggota Partai"))
            .map(|r| r.full_name)
            .collect();
        if listed.is_empty() {
            continue;
        }
        checked += listed.len();
        let kind = PublicationKind::BeritaAcara(Stage::Administrasi);
        let made = publications::make(&db, &chair, round, &request(kind, None), now())
            .await
            .unwrap();
        let pdf = dir.path().join(&made.file);
        std::fs::write(&pdf, &made.bytes).unwrap();
        let text = flat(&text_of(&pdf));
        for name in &listed {
            assert!(text.contains(name.as_str()), "{name} is listed");
        }
        for word in parties {
            assert!(!text.contains(word), "round {round} prints {word}");
        }
        assert!(!text.contains("SIPOL"), "round {round}");
        // What is printed instead: "Tidak memenuhi syarat keanggotaan
        // partai politik."
        assert!(text.contains("keanggotaan"), "round {round}");
    }
    assert!(
        checked > 0,
        "the demo has TMS applicants the party list names"
    );
}

#[tokio::test]
async fn numbers_count_per_year_and_a_typed_number_is_not_recorded() {
    let (dir, db, chair) = demo().await;
    // A document of last year does not move this year's sequence.
    sqlx::query(
        "INSERT INTO publication_numbers (series, year, seq, number, round_id, kind, issued_at)
         VALUES ('pengumuman', 2025, 7, '07/PP.04.1-Pu/3514/2025', 2, 'pengumuman_lama', '2025-12-01T00:00:00Z')",
    )
    .execute(db.pool())
    .await
    .unwrap();
    let mut req = request(PublicationKind::Pengumuman(Stage::Akhir), None);
    req.number = Some("  123/KHUSUS/2026 ".into());
    req.signer = Some("Pejabat Pengganti".into());
    let made = publications::make(&db, &chair, 1, &req, now())
        .await
        .unwrap();
    assert_eq!(made.number, "123/KHUSUS/2026");
    let pdf = dir.path().join("khusus.pdf");
    std::fs::write(&pdf, &made.bytes).unwrap();
    let text = flat(&text_of(&pdf));
    assert!(text.contains("Nomor: 123/KHUSUS/2026"));
    assert!(text.contains("Pejabat Pengganti"));
    let made = publications::make(&db, &chair, 1, &request(req.kind, None), now())
        .await
        .unwrap();
    assert_eq!(made.number, "01/PP.04.1-Pu/3514/2026");

    // A new template applies to documents numbered from now on.
    let admin = auth::login(&db, "admin", DEMO_PASSWORD, now())
        .await
        .unwrap();
    let mut settings = publications::settings(&db, &admin).await.unwrap();
    settings.numbering[0].template = "{urut}/PENG/{kode}/{bulan}/{tahun}".into();
    publications::save_settings(&db, &admin, &settings, now())
        .await
        .unwrap();
    let made = publications::make(
        &db,
        &chair,
        1,
        &request(PublicationKind::Pengumuman(Stage::Tertulis), None),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(made.number, "02/PENG/3514/XI/2026");
    settings.numbering[0].template = "PENG/{tahun}".into();
    let e = publications::save_settings(&db, &admin, &settings, now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("{urut}"), "{e}");
    // Only an administrator changes the settings.
    let e = publications::save_settings(&db, &chair, &settings, now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "forbidden");
    db.close().await;
}

#[tokio::test]
async fn edited_texts_are_printed_and_can_be_reset() {
    let (dir, db, chair) = demo().await;
    let admin = auth::login(&db, "admin", DEMO_PASSWORD, now())
        .await
        .unwrap();
    let kind = PublicationKind::Pengumuman(Stage::Administrasi);
    let texts = Texts {
        about: "HASIL SELEKSI ADMINISTRASI {BADAN} DI {KABUPATEN}".into(),
        opening: "Sebanyak {jumlah} pendaftar diumumkan sebagai berikut:".into(),
        closing: "Informasi lebih lanjut di {komisi}{alamat_kantor}.\n\nTerima kasih.".into(),
    };
    publications::save_texts(&db, &admin, kind, &texts, now())
        .await
        .unwrap();
    let bad = Texts {
        opening: "Untuk {nama_calon}".into(),
        ..texts.clone()
    };
    let e = publications::save_texts(&db, &admin, kind, &bad, now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("{nama_calon}"), "{e}");
    let e = publications::save_texts(&db, &as_role(&admin, Role::Operator), kind, &texts, now())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "forbidden");

    let all = publications::texts(&db, &chair).await.unwrap();
    let saved = all.iter().find(|t| t.kind == kind).unwrap();
    assert!(saved.edited);
    assert_eq!(
        saved.texts.closing,
        "Informasi lebih lanjut di {komisi}{alamat_kantor}.\nTerima kasih."
    );
    assert_ne!(saved.texts, saved.defaults);

    let made = publications::make(&db, &chair, 1, &request(kind, None), now())
        .await
        .unwrap();
    let pdf = dir.path().join(&made.file);
    std::fs::write(&pdf, &made.bytes).unwrap();
    let text = flat(&text_of(&pdf));
    assert!(
        text.contains(
            "HASIL SELEKSI ADMINISTRASI PANITIA PEMILIHAN KECAMATAN (PPK) DI KABUPATEN PASURUAN"
        ),
        "{text}"
    );
    let count: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM applicants WHERE round_id = 1 AND withdrawn_at IS NULL",
    )
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert!(
        text.contains(&format!("Sebanyak {count} pendaftar")),
        "{text}"
    );
    assert!(text.contains(
        "Informasi lebih lanjut di Komisi Pemilihan Umum Kabupaten Pasuruan, Jalan Contoh Raya Nomor 1, Pasuruan 67100."
    ));

    publications::reset_texts(&db, &admin, kind, now())
        .await
        .unwrap();
    let all = publications::texts(&db, &chair).await.unwrap();
    let reset = all.iter().find(|t| t.kind == kind).unwrap();
    assert!(!reset.edited);
    assert_eq!(reset.texts, reset.defaults);

    // Without a logo the kop is text only.
    publications::remove_logo(&db, &admin, now()).await.unwrap();
    let made = publications::make(&db, &chair, 1, &request(kind, None), now())
        .await
        .unwrap();
    std::fs::write(&pdf, &made.bytes).unwrap();
    let images = String::from_utf8(tool("pdfimages", &["-list", pdf.to_str().unwrap()])).unwrap();
    assert_eq!(images.lines().count(), 2, "no image left:\n{images}");
    assert!(flat(&text_of(&pdf)).contains("KOMISI PEMILIHAN UMUM"));
    let e = publications::set_logo(&db, &admin, b"bukan gambar", now())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("PNG atau JPEG"), "{e}");
    db.close().await;
}

/// Giving a document the next official number is signing it off
/// (`SignAnnouncements`, the Pimpinan). Anyone else may make a document
/// that has no number yet only as a draft: marked KONSEP on every page,
/// without a number, and nothing issued or recorded; a number typed by
/// hand is refused. Once the Pimpinan has numbered it, anyone prints it
/// with that number.
#[tokio::test]
async fn only_a_signer_numbers_a_document_others_make_a_draft() {
    let (dir, db, chair) = demo().await;
    let kind = PublicationKind::Pengumuman(Stage::Akhir);
    let issued = || async {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM publication_numbers")
            .fetch_one(db.pool())
            .await
            .unwrap();
        let a: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM audit_log WHERE action = 'publication.number'",
        )
        .fetch_one(db.pool())
        .await
        .unwrap();
        (n, a)
    };
    let before = issued().await;
    for role in [Role::Operator, Role::Verifikator, Role::Administrator] {
        let staff = as_role(&chair, role);
        let made = publications::make(&db, &staff, 1, &request(kind, None), now())
            .await
            .unwrap();
        assert_eq!(issued().await, before, "{role:?} issued a number");
        assert!(made.draft, "{role:?}");
        assert_eq!(made.file, "pengumuman-akhir-ppk-konsep.pdf");
        let pdf = dir.path().join(&made.file);
        std::fs::write(&pdf, &made.bytes).unwrap();
        let text = flat(&text_of(&pdf));
        assert!(text.contains("KONSEP"), "{text}");
        assert!(!text.contains("/PP.04.1-Pu/"), "{text}");
        let item = publications::list(&db, &staff, 1)
            .await
            .unwrap()
            .into_iter()
            .find(|i| i.kind == kind)
            .unwrap();
        assert_eq!((item.number.as_deref(), item.draft), (None, true));

        let mut typed = request(kind, None);
        typed.number = Some("123/KHUSUS/2026".into());
        let e = publications::make(&db, &staff, 1, &typed, now())
            .await
            .unwrap_err();
        assert_eq!(e.code(), "forbidden", "{role:?}");
    }
    let signed = publications::list(&db, &chair, 1).await.unwrap();
    assert!(signed.iter().all(|i| !i.draft));

    let made = publications::make(&db, &chair, 1, &request(kind, None), now())
        .await
        .unwrap();
    assert!(!made.draft);
    assert_eq!(made.number, "01/PP.04.1-Pu/3514/2026");
    assert_eq!(made.file, "pengumuman-akhir-ppk.pdf");
    assert_eq!(issued().await, (before.0 + 1, before.1 + 1));
    // Numbered now: a copy for anyone, with that number.
    let operator = as_role(&chair, Role::Operator);
    let copy = publications::make(&db, &operator, 1, &request(kind, Some("35.14.02")), now())
        .await
        .unwrap();
    assert!(!copy.draft);
    assert_eq!(copy.number, "01/PP.04.1-Pu/3514/2026");
    let items = publications::list(&db, &operator, 1).await.unwrap();
    let item = items.iter().find(|i| i.kind == kind).unwrap();
    assert!(!item.draft);
    assert_eq!(issued().await, (before.0 + 1, before.1 + 1));
    db.close().await;
}
