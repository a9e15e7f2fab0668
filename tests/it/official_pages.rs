//! The official documents as pages: a very long list paginates with its
//! heading on every page, and page one matches the golden rendering.

use crate::common::now;
use crate::publications::{demo, flat, request, text_of, tool};

use std::path::Path;

use adhoc::domain::publication::PublicationKind;
use adhoc::domain::round::Stage;
use adhoc::pdf::official::{render, Column, Group, Letterhead, Official, Signature, Table};
use adhoc::pdf::Paper;
use adhoc::service::publications;
use chrono::NaiveDate;

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
        mark: None,
        about: "HASIL AKHIR SELEKSI CALON ANGGOTA PPS".into(),
        legal_basis: Vec::new(),
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
        audit_head: None,
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
