//! Benchmark (not a test) of issue 7's target, run by `scripts/bench`: the
//! PDF of a final-results announcement of 10,000 rows (the PPS of a large
//! kabupaten: 1,667 desa × 6 names, Terpilih and Cadangan) must take under
//! 1 s, be at least 20× faster than LibreOffice's headless conversion of
//! the same rows from CSV (`soffice --headless --convert-to pdf`, what
//! staff use today), and weigh under 2 MB.
//!
//! Ours is `pdf::official::render` with the kop, logo, grouped table and
//! signature, best of several runs in this process (the database read of
//! such a list is issue 6's benchmark). LibreOffice runs as a child on a
//! CSV of the same rows, after one warm-up run that creates its profile.
//! Prints the figures; exits non-zero if a target is missed. Without
//! `soffice` on the PATH it says so and skips the comparison.

use std::process::Command;
use std::time::{Duration, Instant};

use adhoc::pdf::logo::Logo;
use adhoc::pdf::official::{render, Column, Group, Letterhead, Official, Signature, Table};
use adhoc::pdf::Paper;
use chrono::NaiveDate;

const ROWS: usize = 10_000;
const PER_DESA: usize = 6;

const FIRST: [&str; 12] = [
    "Siti", "Ahmad", "Nur'aini", "Bambang", "Dewi", "Muhammad", "Rina", "Agus", "Sri", "Eko",
    "Wahyu", "Indah",
];
const LAST: [&str; 10] = [
    "Wibowo",
    "Rahmawati",
    "Saputra",
    "Hidayat",
    "Lestari",
    "Kurniawan",
    "Handayani",
    "Susanto",
    "Nugroho",
    "Pratiwi",
];

/// The rows: (name, sex, desa, kecamatan, note), grouped by desa.
fn rows() -> Vec<(String, Vec<Vec<String>>)> {
    let desa_count = ROWS.div_ceil(PER_DESA);
    let mut groups = Vec::new();
    let mut n = 0;
    for d in 0..desa_count {
        let kecamatan = format!("Kecamatan Contoh {}", d / 50 + 1);
        let desa = format!("Sumber Rejo {}", d + 1);
        let mut rows = Vec::new();
        for i in 0..PER_DESA {
            if n == ROWS {
                break;
            }
            let name = format!(
                "{} {} {}",
                FIRST[n % FIRST.len()],
                FIRST[(n / 7) % FIRST.len()],
                LAST[(n / 3) % LAST.len()]
            );
            let note = if i < 3 {
                format!("Terpilih (peringkat {})", i + 1)
            } else {
                format!("Cadangan {}", i - 2)
            };
            rows.push(vec![
                name,
                if n % 3 == 0 { "P" } else { "L" }.to_string(),
                desa.clone(),
                kecamatan.clone(),
                note,
            ]);
            n += 1;
        }
        groups.push((format!("Desa {desa}, {kecamatan}"), rows));
    }
    groups
}

fn logo() -> Logo {
    // A 160-pixel emblem, as an office would upload.
    let mut png = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut png, 160, 160);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().unwrap();
        let data: Vec<u8> = (0..160 * 160)
            .flat_map(|i: i32| {
                let (x, y) = (i % 160, i / 160);
                if (x - 80).pow(2) + (y - 80).pow(2) < 70 * 70 {
                    [180u8, 20, 40]
                } else {
                    [255, 255, 255]
                }
            })
            .collect();
        w.write_image_data(&data).unwrap();
    }
    Logo::read(&png).unwrap()
}

fn document(groups: &[(String, Vec<Vec<String>>)]) -> Official {
    Official {
        letterhead: Some(Letterhead {
            name: vec![
                "KOMISI PEMILIHAN UMUM".into(),
                "KABUPATEN CONTOH BESAR".into(),
            ],
            lines: vec![
                "Jalan Contoh Raya Nomor 1, Contoh 60000".into(),
                "Telepon (0300) 000000 · Surel kpu@contoh.test".into(),
            ],
            logo: Some(logo()),
        }),
        title: "PENGUMUMAN".into(),
        number: "03/PP.04.1-Pu/3599/2026".into(),
        mark: None,
        about: "HASIL AKHIR CALON ANGGOTA PANITIA PEMUNGUTAN SUARA (PPS) PEMILU 2029 DI KABUPATEN CONTOH BESAR".into(),
        legal_basis: vec![
            "Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum".into(),
            "Peraturan Komisi Pemilihan Umum Nomor 8 Tahun 2022".into(),
        ],
        opening: "Berdasarkan Berita Acara rapat pleno Komisi Pemilihan Umum Kabupaten Contoh Besar tentang hasil akhir calon anggota PPS, dengan ini diumumkan nama-nama sebagai berikut:".into(),
        table: Table {
            columns: vec![
                Column::new("Nama", 0.34),
                Column::centred("L/P", 0.06),
                Column::new("Desa/Kelurahan", 0.16),
                Column::new("Kecamatan", 0.16),
                Column::new("Keterangan", 0.22),
            ],
            groups: groups
                .iter()
                .map(|(heading, rows)| Group {
                    heading: heading.clone(),
                    rows: rows.clone(),
                })
                .collect(),
            empty: String::new(),
        },
        closing: "Calon yang dinyatakan Terpilih akan ditetapkan dan dilantik sesuai jadwal.\nDemikian pengumuman ini disampaikan untuk diketahui.".into(),
        place: "Contoh".into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        signature: Signature::Ketua {
            title: "KETUA KOMISI PEMILIHAN UMUM KABUPATEN CONTOH BESAR".into(),
            name: "Dr. Andi Wibowo, S.H.".into(),
        },
        audit_head: Some(format!(
            "Jejak audit saat dokumen dibuat: 12.345 catatan, hash terakhir {}",
            "3f9a".repeat(16)
        )),
    }
}

fn main() {
    let groups = rows();
    let total: usize = groups.iter().map(|g| g.1.len()).sum();
    assert_eq!(total, ROWS);
    let doc = document(&groups);
    let mut times = Vec::new();
    let mut bytes = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        bytes = render(&doc, Paper::A4).unwrap();
        times.push(start.elapsed());
    }
    times.sort();
    let ours = times[0];
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("pengumuman.pdf");
    std::fs::write(&pdf, &bytes).unwrap();
    let pages = Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .ok()
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .find(|l| l.starts_with("Pages:"))
                .map(|l| l.trim_start_matches("Pages:").trim().to_string())
        })
        .unwrap_or_else(|| "?".into());
    println!(
        "documents: final announcement of {ROWS} rows: {:.0} ms (best of 5, median {:.0} ms), {:.2} MB, {pages} pages (targets: < 1000 ms, < 2 MB)",
        ms(ours),
        ms(times[2]),
        bytes.len() as f64 / 1e6
    );
    let mut failed = ours > Duration::from_secs(1) || bytes.len() >= 2_000_000;

    // LibreOffice on a CSV of the same rows.
    let csv = dir.path().join("pengumuman.csv");
    let mut w = csv::Writer::from_path(&csv).unwrap();
    w.write_record([
        "No",
        "Nama",
        "L/P",
        "Desa/Kelurahan",
        "Kecamatan",
        "Keterangan",
    ])
    .unwrap();
    let mut n = 0;
    for (_, rows) in &groups {
        for r in rows {
            n += 1;
            let mut record = vec![n.to_string()];
            record.extend(r.iter().cloned());
            w.write_record(&record).unwrap();
        }
    }
    w.flush().unwrap();
    let profile = dir.path().join("lo-profile");
    let soffice = |out: &std::path::Path| {
        Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(out)
            .arg(&csv)
            .output()
    };
    let warm = dir.path().join("warm");
    match soffice(&warm) {
        Err(_) => println!(
            "documents: soffice not found (apt-get install libreoffice-calc-nogui): no comparison"
        ),
        Ok(o) if !o.status.success() => {
            println!(
                "documents: soffice failed: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            failed = true;
        }
        Ok(_) => {
            let mut lo = Vec::new();
            for i in 0..3 {
                let out = dir.path().join(format!("lo{i}"));
                let start = Instant::now();
                let o = soffice(&out).unwrap();
                lo.push(start.elapsed());
                assert!(o.status.success());
            }
            lo.sort();
            let lo_pdf = std::fs::read(dir.path().join("lo0/pengumuman.pdf")).unwrap();
            let ratio = lo[0].as_secs_f64() / ours.as_secs_f64();
            println!(
                "documents: LibreOffice CSV → PDF of the same rows: {:.0} ms (best of 3), {:.2} MB; ours is {ratio:.0}× faster (target: ≥ 20×)",
                ms(lo[0]),
                lo_pdf.len() as f64 / 1e6
            );
            failed |= ratio < 20.0;
        }
    }
    if failed {
        println!("documents: TARGET MISSED");
        std::process::exit(1);
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
