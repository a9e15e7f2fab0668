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
use adhoc::pdf::official::{render, Column, Group, Letterhead, Official, Signature, Table};
use adhoc::pdf::Paper;
use adhoc::service::auth::Session;
use adhoc::service::demo::{build_demo, DEMO_PASSWORD};
use adhoc::service::publications::{self, PublicationRequest};
use adhoc::service::{auth, selection};
use adhoc::store::{Db, OpenMode};
use chrono::NaiveDate;
use common::{as_role, now};
use tempfile::TempDir;

fn tool(program: &str, args: &[&str]) -> Vec<u8> {
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
fn text_of(pdf: &Path) -> String {
    String::from_utf8(tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"])).unwrap()
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The demo database, built once for this test binary; every test gets its
/// own copy.
async fn demo() -> (TempDir, Db, Session) {
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

fn request(kind: PublicationKind, unit: Option<&str>) -> PublicationRequest {
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

/// A document of `rows` rows over 40 kecamatan, every name unique.
fn big(rows: usize) -> Official {
    let groups = (0..40)
        .map(|g| Group {
            heading: format!("Kecamatan Nomor {g}"),
            rows: (0..rows / 40)
                .map(|i| {
                    vec![
                        format!("Calon {g}-{i} Nur'aini Élodie"),
                        if i % 2 == 0 { "P" } else { "L" }.into(),
                        format!("Desa {i}"),
                        format!("Kecamatan {g}"),
                        if i < 3 {
                            "Terpilih".into()
                        } else {
                            format!("Cadangan {}", i - 2)
                        },
                    ]
                })
                .collect(),
        })
        .collect();
    Official {
        letterhead: Some(Letterhead {
            name: vec!["KOMISI PEMILIHAN UMUM KABUPATEN PASURUAN".into()],
            lines: vec!["Jalan Contoh Raya Nomor 1, Pasuruan".into()],
            logo: None,
        }),
        title: "PENGUMUMAN".into(),
        number: "01/PP.04.1-Pu/3514/2026".into(),
        about: "HASIL AKHIR SELEKSI CALON ANGGOTA PPS".into(),
        opening: "Dengan ini diumumkan nama-nama sebagai berikut:".into(),
        table: Table {
            columns: vec![
                Column::new("Nama", 0.32),
                Column::centred("L/P", 0.06),
                Column::new("Desa/Kelurahan", 0.2),
                Column::new("Kecamatan", 0.18),
                Column::new("Keterangan", 0.24),
            ],
            groups,
            empty: String::new(),
        },
        closing: "Demikian pengumuman ini disampaikan.".into(),
        place: "Pasuruan".into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        signature: Signature::Ketua {
            title: "KETUA KOMISI PEMILIHAN UMUM KABUPATEN PASURUAN".into(),
            name: "Dr. Andi Wibowo".into(),
        },
    }
}

#[test]
fn ten_thousand_rows_paginate_with_the_heading_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = render(&big(10_000), Paper::A4).unwrap();
    assert!(bytes.len() < 2_000_000, "{} bytes", bytes.len());
    let pdf = dir.path().join("besar.pdf");
    std::fs::write(&pdf, &bytes).unwrap();
    let text = text_of(&pdf);
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() > 150, "{} pages", pages.len());
    let total = pages.len();
    let mut next = 1;
    for (i, page) in pages.iter().enumerate() {
        assert!(
            flat(page).contains(&format!("Halaman {} dari {total}", i + 1)),
            "page {}",
            i + 1
        );
        let has_rows = page.contains("Calon ");
        if has_rows {
            // The heading row, and the kecamatan carried over.
            let f = flat(page);
            assert!(
                f.contains("No Nama L/P Desa/Kelurahan Kecamatan Keterangan"),
                "page {}",
                i + 1
            );
            if i > 0 && !f.contains("Kecamatan Nomor 0 ") {
                assert!(
                    f.contains("(lanjutan)") || f.contains("Kecamatan Nomor"),
                    "page {}",
                    i + 1
                );
            }
        }
        // Rows are numbered on, none lost, none twice.
        for line in page.lines() {
            let Some(first) = line.split_whitespace().next() else {
                continue;
            };
            if line.contains("Calon ") && first.parse::<usize>() == Ok(next) {
                next += 1;
            }
        }
    }
    assert_eq!(next, 10_001, "every row numbered once, in order");
    assert!(flat(pages[total - 1]).contains("Dr. Andi Wibowo"));
}

/// Grey levels of a page rendered by pdftoppm (PGM).
fn render_page(pdf: &Path, dpi: u32) -> (usize, usize, Vec<u8>) {
    let out = tool(
        "pdftoppm",
        &[
            "-gray",
            "-r",
            &dpi.to_string(),
            "-f",
            "1",
            "-l",
            "1",
            pdf.to_str().unwrap(),
        ],
    );
    parse_pgm(&out)
}

fn parse_pgm(bytes: &[u8]) -> (usize, usize, Vec<u8>) {
    // "P5\n<w> <h>\n255\n" then the pixels.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).to_string());
    }
    assert_eq!(fields[0], "P5");
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = bytes[at + 1..].to_vec();
    assert_eq!(pixels.len(), w * h);
    (w, h, pixels)
}

#[tokio::test]
async fn page_one_looks_like_the_golden_rendering() {
    let (dir, db, chair) = demo().await;
    let made = publications::make(
        &db,
        &chair,
        1,
        &request(PublicationKind::Pengumuman(Stage::Akhir), None),
        now(),
    )
    .await
    .unwrap();
    db.close().await;
    let pdf = dir.path().join("golden.pdf");
    std::fs::write(&pdf, &made.bytes).unwrap();
    let (w, h, pixels) = render_page(&pdf, 40);
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/pengumuman-akhir-p1.pgm");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let mut out = format!("P5\n{w} {h}\n255\n").into_bytes();
        out.extend_from_slice(&pixels);
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(&golden, out).unwrap();
    }
    let bytes = std::fs::read(&golden).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run `UPDATE_GOLDEN=1 cargo test golden` and check the picture",
            golden.display()
        )
    });
    let (gw, gh, expected) = parse_pgm(&bytes);
    assert_eq!((w, h), (gw, gh), "page size");
    // Anti-aliasing may differ a little between renderer versions; text
    // that moved, vanished or changed would differ a lot.
    let differing = pixels
        .iter()
        .zip(&expected)
        .filter(|(a, b)| a.abs_diff(**b) > 64)
        .count();
    let ink = expected.iter().filter(|p| **p < 128).count();
    assert!(ink > 2_000, "the golden page has text ({ink} dark pixels)");
    assert!(
        differing * 200 < w * h,
        "{differing} of {} pixels differ from the golden rendering",
        w * h
    );
}
