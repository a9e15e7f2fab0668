//! The registration receipt checked with real PDF tools (poppler-utils and
//! qpdf): text extracted as written, valid structure, paper size, small file,
//! long values wrapped inside the page.

use std::path::{Path, PathBuf};
use std::process::Command;

use adhoc::pdf::{receipt, Paper, ReceiptData, ReceiptDocument};
use chrono::NaiveDate;
use tempfile::TempDir;

/// The documents a help desk checks (as in DOMAIN.md).
const DOCUMENTS: [&str; 8] = [
    "Surat pendaftaran",
    "Daftar riwayat hidup dengan pas foto 4x6 berwarna",
    "Fotokopi KTP-el",
    "Fotokopi ijazah terakhir",
    "Surat pernyataan",
    "Surat keterangan sehat",
    "Surat keterangan dari partai politik (mantan anggota)",
    "Surat pernyataan bermeterai bahwa NIK dicatut partai politik",
];

const LONG_NAME: &str = "Raden Ajeng Kartika Dewi Sekar Ayu Nur'aini Séptiani \
                         Wulandari Purnamasari Kusumaningrum Hadiningrat";

fn sample(full_name: &str) -> ReceiptData {
    ReceiptData {
        commission: "KOMISI PEMILIHAN UMUM KABUPATEN PASURUAN".into(),
        round_name: "Seleksi PPK Pemilu 2024".into(),
        reg_number: "PPK-3514-0001".into(),
        full_name: full_name.into(),
        unit: "Desa Sumberejo, Kecamatan Purwodadi".into(),
        registered_at: NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(14, 5, 0)
            .unwrap(),
        documents: DOCUMENTS
            .iter()
            .enumerate()
            .map(|(i, name)| ReceiptDocument {
                name: name.to_string(),
                received: i != 3,
            })
            .collect(),
        operator: "Bambang Sutrisno".into(),
        place: "Pasuruan".into(),
    }
}

/// Renders the receipt into a temporary folder.
fn render(data: &ReceiptData, paper: Paper) -> (TempDir, PathBuf) {
    let bytes = receipt(data, paper).expect("receipt renders");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tanda-terima.pdf");
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

/// Runs a tool, requires success and returns its standard output.
fn run(program: &str, args: &[&str], file: &Path) -> String {
    let output = Command::new(program)
        .args(args)
        .arg(file)
        .args(if program == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{program} cannot run: {e}"));
    assert!(
        output.status.success(),
        "{program} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn text(file: &Path) -> String {
    run("pdftotext", &["-layout"], file)
}

/// The value of a `pdfinfo` field, e.g. "Pages".
fn info(file: &Path, field: &str) -> String {
    let out = run("pdfinfo", &[], file);
    out.lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .unwrap_or_else(|| panic!("no {field} in {out}"))
        .trim()
        .to_string()
}

/// Page width and height in points from `pdfinfo`.
fn page_size(file: &Path) -> (f32, f32) {
    let size = info(file, "Page size");
    let mut numbers = size
        .split_whitespace()
        .filter_map(|w| w.parse::<f32>().ok());
    (numbers.next().unwrap(), numbers.next().unwrap())
}

fn qpdf_check(file: &Path) {
    let out = run("qpdf", &["--check"], file);
    assert!(
        out.contains("No syntax or stream encoding errors found"),
        "{out}"
    );
}

/// Every word `pdftotext -bbox` finds: (text, xMin, xMax).
fn word_boxes(file: &Path) -> Vec<(String, f32, f32)> {
    let html = run("pdftotext", &["-bbox"], file);
    let attr = |tag: &str, name: &str| -> f32 {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        let len = tag[start..].find('"').unwrap();
        tag[start..start + len].parse().unwrap()
    };
    html.split("<word ")
        .skip(1)
        .map(|chunk| {
            let (tag, rest) = chunk.split_once('>').unwrap();
            let word = rest.split_once("</word>").unwrap().0.to_string();
            (word, attr(tag, "xMin"), attr(tag, "xMax"))
        })
        .collect()
}

#[test]
fn receipt_shows_everything_and_is_a_valid_small_a4_page() {
    let data = sample("Nur'aini Séptiani");
    let (_dir, file) = render(&data, Paper::A4);
    let text = text(&file);

    for expected in [
        "KOMISI PEMILIHAN UMUM KABUPATEN PASURUAN",
        "TANDA TERIMA PENDAFTARAN",
        "Seleksi PPK Pemilu 2024",
        "Nomor pendaftaran",
        "PPK-3514-0001",
        "Nur'aini Séptiani",
        "Desa Sumberejo, Kecamatan Purwodadi",
        "23 November 2026 pukul 14.05",
        "Berkas yang diterima",
        "Diterima",
        "Belum diserahkan",
        "Simpan tanda terima ini sebagai bukti. Pengumuman memuat nama, desa dan kecamatan.",
        "Pasuruan, 23 November 2026",
        "Petugas penerima,",
        "Bambang Sutrisno",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    for document in &data.documents {
        assert!(text.contains(&document.name), "missing {:?}", document.name);
    }
    // Exactly one document is still missing.
    assert_eq!(text.matches("Belum diserahkan").count(), 1);
    assert_eq!(text.matches("Diterima").count(), DOCUMENTS.len() - 1);
    assert!(!text.contains("Halaman"), "one page needs no page numbers");

    qpdf_check(&file);
    assert_eq!(info(&file, "Pages"), "1");
    let (w, h) = page_size(&file);
    assert!(
        (w - 595.28).abs() < 0.5 && (h - 841.89).abs() < 0.5,
        "{w} x {h}"
    );
    let size = std::fs::metadata(&file).unwrap().len();
    assert!(size < 100_000, "{size} bytes: fonts not subset?");
}

#[test]
fn receipt_on_f4_paper() {
    let (_dir, file) = render(&sample("Siti Nur'aini"), Paper::F4);
    qpdf_check(&file);
    assert_eq!(info(&file, "Pages"), "1");
    let (w, h) = page_size(&file);
    assert!(
        (w - 609.45).abs() < 0.5 && (h - 935.43).abs() < 0.5,
        "{w} x {h}"
    );
    assert!(text(&file).contains("Siti Nur'aini"));
}

#[test]
fn long_name_wraps_within_the_page() {
    let mut data = sample(LONG_NAME);
    data.unit = "Desa Sumberejo Kulon Kidul Wetan Lor, Kecamatan Purwodadi Sukorejo \
                 Kraton Gondangwetan Kejayan Wonorejo Lumbang Pasrepan"
        .into();
    data.operator =
        "Ir. Muhammad Abdurrahman Wahyudiningrat Suryakusumahadiningrat, S.Kom., M.Si.".into();
    data.documents.push(ReceiptDocument {
        name: "Berkasdengannamayangsangatpanjangsekalitanpaspasisamasekaliyangharus\
               dipotongdiantarahuruf"
            .into(),
        received: false,
    });
    let (_dir, file) = render(&data, Paper::A4);
    qpdf_check(&file);
    assert_eq!(info(&file, "Pages"), "1");

    // The name starts on the "Nama lengkap" line and ends on the next one.
    let text = text(&file);
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("Nama lengkap"))
        .unwrap();
    assert!(lines[at].contains("Raden Ajeng"), "{}", lines[at]);
    assert!(!lines[at].contains("Hadiningrat"), "{}", lines[at]);
    assert!(lines[at + 1].contains("Hadiningrat"), "{}", lines[at + 1]);
    let joined = format!(
        "{} {}",
        lines[at].split_once(':').unwrap().1.trim(),
        lines[at + 1].trim()
    );
    assert_eq!(joined, LONG_NAME);

    // No word reaches into the right margin (20 mm), none starts in the left.
    let (page_width, _) = page_size(&file);
    let margin = 20.0 * 72.0 / 25.4;
    let words = word_boxes(&file);
    assert!(words.len() > 50);
    for (word, x_min, x_max) in &words {
        assert!(
            *x_max <= page_width - margin + 0.5,
            "{word:?} ends at {x_max}"
        );
        assert!(*x_min >= margin - 0.5, "{word:?} starts at {x_min}");
    }
}

#[test]
fn a_very_long_document_list_continues_on_a_numbered_second_page() {
    let mut data = sample("Siti Nur'aini");
    data.documents = (1..=45)
        .map(|i| ReceiptDocument {
            name: format!("Berkas pendukung nomor {i}"),
            received: i % 2 == 0,
        })
        .collect();
    let (_dir, file) = render(&data, Paper::A4);
    qpdf_check(&file);
    assert_eq!(info(&file, "Pages"), "2");
    let text = text(&file);
    for i in 1..=45 {
        assert!(text.contains(&format!("Berkas pendukung nomor {i} ")));
    }
    assert!(text.contains("Tanda terima pendaftaran PPK-3514-0001 (lanjutan)"));
    assert!(text.contains("Halaman 1 dari 2") && text.contains("Halaman 2 dari 2"));
    // The header is repeated on the second page.
    assert_eq!(text.matches("Nama berkas").count(), 2);
    assert!(text.contains("Bambang Sutrisno"));
}

#[test]
fn receipt_without_documents_says_so() {
    let mut data = sample("Siti Nur'aini");
    data.documents.clear();
    let (_dir, file) = render(&data, Paper::A4);
    qpdf_check(&file);
    let text = text(&file);
    assert!(text.contains("Belum ada berkas yang diserahkan."));
    assert!(!text.contains("Nama berkas"));
}
