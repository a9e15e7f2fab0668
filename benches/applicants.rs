//! Benchmark (not a test) of issue 4's targets, run by `scripts/bench`:
//!
//! - importing 100,000 valid applicants into a fresh database with
//!   `adhoc applicants import`, beside two bounds: `sqlite3 .import` of the
//!   same CSV into a bare table, and sqlite3 putting the same rows into the
//!   real applicants table (its checks and indexes) in one transaction;
//!   target within 3× of the second, peak memory of the import under
//!   200 MB;
//! - finding applicants by name prefix among those 100,000: under 20 ms;
//! - exporting applicants as an Excel workbook (issue 16): 10,000 with
//!   `adhoc applicants export --format xlsx`, and the 100,000 in process
//!   beside their CSV (figures only, no target).
//!
//! Prints the figures; exits non-zero if a target is missed.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use adhoc::docs::lists::ExportFormat;
use adhoc::domain::region::{atlas, RegionCode, RegionLevel};
use adhoc::service::auth::Session;
use adhoc::service::exports::{self, ListRequest};
use adhoc::service::registration::{list, ApplicantOrder, ApplicantQuery};
use adhoc::store::{Db, OpenMode};

const ROWS: usize = 100_000;
const HEADER: &str = "nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,pendidikan,telepon,email,kode_wilayah_tugas";
const GIVEN: [&str; 16] = [
    "Ahmad", "Budi", "Dewi", "Siti", "Agus", "Rina", "Eko", "Sri", "Hadi", "Nur", "Yanto", "Lilik",
    "Bambang", "Wahyu", "Endang", "Fitri",
];
const FAMILY: [&str; 12] = [
    "Santoso",
    "Wulandari",
    "Hidayat",
    "Rahayu",
    "Saputra",
    "Lestari",
    "Prasetyo",
    "Kurniawan",
    "Handayani",
    "Setiawan",
    "Maulana",
    "Susanti",
];

/// A small deterministic generator (no dependency, same file every run).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// 100,000 valid PPS applicants of Kabupaten Pasuruan, each NIK unique and
/// consistent with the sex and birth date.
fn write_csv(path: &Path) -> Vec<String> {
    let kab = RegionCode::parse("3514").unwrap();
    let desa: Vec<String> = atlas()
        .descendants(&kab)
        .iter()
        .filter(|r| r.code.level() == RegionLevel::Desa)
        .map(|r| r.code.digits().to_string())
        .collect();
    let mut rng = Lcg(42);
    let mut out = String::with_capacity(ROWS * 150);
    let mut names = Vec::with_capacity(ROWS);
    out.push_str(HEADER);
    out.push('\n');
    for i in 0..ROWS {
        let unit = &desa[rng.next(desa.len())];
        let woman = rng.next(100) < 35;
        let (day, month, year) = (1 + i % 28, 1 + i / 9_000, 1960 + i % 40);
        let serial = 1 + i % 9_000;
        let nik = format!(
            "{}{:02}{:02}{:02}{:04}",
            &unit[..6],
            day + if woman { 40 } else { 0 },
            month,
            year % 100,
            serial
        );
        let name = format!(
            "{} {}",
            GIVEN[rng.next(GIVEN.len())],
            FAMILY[rng.next(FAMILY.len())]
        );
        out.push_str(&format!(
            "{nik},{name},{},Pasuruan,{day:02}-{month:02}-{year},Dusun Krajan RT 001 RW 002,{unit},SMA,08123456{:04},,{unit}\n",
            if woman { "P" } else { "L" },
            i % 10_000
        ));
        names.push(name);
    }
    std::fs::write(path, out).unwrap();
    names
}

fn run(cmd: &mut Command) -> Duration {
    let start = Instant::now();
    let out = cmd.output().expect("program runs");
    let took = start.elapsed();
    assert!(
        out.status.success(),
        "{:?} failed: {}",
        cmd,
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

/// Largest resident set of any child waited for so far, in MB.
fn children_peak_mb() -> f64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the struct we own.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    usage.ru_maxrss as f64 / 1024.0
}

/// Runs a script through `sqlite3 -bail` on `db`; how long it took.
fn sqlite3(db: &Path, script: &str) -> Duration {
    let start = Instant::now();
    let mut child = Command::new("sqlite3")
        .arg("-bail")
        .arg(db)
        .stdin(Stdio::piped())
        .spawn()
        .expect("sqlite3 runs (apt install sqlite3)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    assert!(
        child.wait().unwrap().success(),
        "sqlite3 failed on {}",
        db.display()
    );
    start.elapsed()
}

fn adhoc(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_adhoc"));
    c.arg("--db").arg(db);
    c
}

fn main() {
    // ADHOC_BENCH_DIR keeps the files (CSV, databases) for a closer look.
    let kept = std::env::var_os("ADHOC_BENCH_DIR").map(std::path::PathBuf::from);
    let temp = tempfile::tempdir().unwrap();
    let dir_path = kept.clone().unwrap_or_else(|| temp.path().to_path_buf());
    std::fs::create_dir_all(&dir_path).unwrap();
    for old in std::fs::read_dir(&dir_path).unwrap().flatten() {
        if old
            .path()
            .extension()
            .is_some_and(|e| e == "db" || e == "db-wal" || e == "db-shm")
        {
            std::fs::remove_file(old.path()).unwrap();
        }
    }
    let csv = dir_path.join("pendaftar.csv");
    let names = write_csv(&csv);
    let size_mb = std::fs::metadata(&csv).unwrap().len() as f64 / 1e6;
    println!("CSV: {ROWS} pendaftar, {size_mb:.1} MB");

    // The app: fresh database, one PPS round, then the timed import.
    let mut best_import = Duration::MAX;
    let mut db = dir_path.join("x.db");
    for attempt in 0..3 {
        db = dir_path.join(format!("adhoc-{attempt}.db"));
        run(adhoc(&db).args(["init", "--wilayah", "3514"]));
        run(adhoc(&db).args([
            "rounds",
            "create",
            "--preset",
            "pemilu-2024",
            "--badan",
            "PPS",
        ]));
        let took = run(adhoc(&db)
            .args(["applicants", "import", "--round", "1"])
            .arg(&csv));
        best_import = best_import.min(took);
    }
    let peak = children_peak_mb();

    // The CSV's columns as a bare table's, and the import of the file into it.
    // (`kind`: TABLE, or TEMP TABLE where the table is only a step.)
    let bare_table = |kind: &str| {
        format!(
            "CREATE {kind} t ({});\n.import --csv --skip 1 {} t\n",
            HEADER
                .split(',')
                .map(|c| format!("{c} TEXT"))
                .collect::<Vec<_>>()
                .join(", "),
            csv.display()
        )
    };

    // The lower bound: sqlite3 .import into a bare table.
    let mut best_sqlite = Duration::MAX;
    for attempt in 0..3 {
        let bare = dir_path.join(format!("bare-{attempt}.db"));
        best_sqlite = best_sqlite.min(sqlite3(&bare, &bare_table("TABLE")));
    }

    // The second bound: sqlite3 puts the same rows into the real applicants
    // table of a database made by the app (its checks, foreign keys and
    // indexes), in one transaction, from a bare table it imported.
    let mut best_real = Duration::MAX;
    for attempt in 0..3 {
        let real = dir_path.join(format!("real-{attempt}.db"));
        run(adhoc(&real).args(["init", "--wilayah", "3514"]));
        run(adhoc(&real).args([
            "rounds",
            "create",
            "--preset",
            "pemilu-2024",
            "--badan",
            "PPS",
        ]));
        let script = format!(
            "PRAGMA foreign_keys = ON;\n{}BEGIN IMMEDIATE;\n\
             INSERT INTO applicants (round_id, reg_seq, reg_number, nik, full_name, sex, birth_place, birth_date,\
               address, address_desa_code, education, phone, email, unit_code, kecamatan_code, created_at,\
               election, name_key)\n\
             SELECT 1, rowid, printf('PPS-3514-%05d', rowid), nik, nama, jenis_kelamin, tempat_lahir,\
               tanggal_lahir, alamat, replace(kode_desa, '.', ''), pendidikan, telepon, email,\
               replace(kode_wilayah_tugas, '.', ''), substr(replace(kode_wilayah_tugas, '.', ''), 1, 6),\
               '2026-12-01T00:00:00+00:00', 'Pemilu 2024', lower(nama) FROM t;\nCOMMIT;\n",
            bare_table("TEMP TABLE")
        );
        best_real = best_real.min(sqlite3(&real, &script));
    }

    // Searching by name prefix, in process, on the imported database.
    let rt = tokio::runtime::Runtime::new().unwrap();
    let timings = rt.block_on(async {
        let db = Db::open(&db, OpenMode::MustExist).await.unwrap();
        let session = Session::cli();
        let mut rng = Lcg(7);
        let mut timings = Vec::new();
        for i in 0..300 {
            let name = &names[rng.next(names.len())];
            let prefix: String = name.chars().take(2 + i % 6).collect();
            let q = ApplicantQuery {
                round_id: 1,
                text: prefix,
                order: if i % 2 == 0 {
                    ApplicantOrder::Nama
                } else {
                    ApplicantOrder::Nomor
                },
                limit: 50,
                ..Default::default()
            };
            let start = Instant::now();
            let page = list(&db, &session, &q).await.unwrap();
            timings.push(start.elapsed());
            assert!(page.total > 0 && !page.rows.is_empty());
        }
        db.close().await;
        timings
    });
    let mut sorted = timings.clone();
    sorted.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = sorted[sorted.len() / 2];
    let p95 = sorted[sorted.len() * 95 / 100];
    let max = *sorted.last().unwrap();

    let ratio = best_import.as_secs_f64() / best_sqlite.as_secs_f64();
    let ratio_real = best_import.as_secs_f64() / best_real.as_secs_f64();
    println!(
        "adhoc applicants import: {:.2} s (terbaik dari 3), puncak memori {peak:.0} MB",
        best_import.as_secs_f64()
    );
    println!(
        "sqlite3 .import (tabel polos): {:.2} s (terbaik dari 3)",
        best_sqlite.as_secs_f64()
    );
    println!(
        "sqlite3 ke tabel applicants yang sebenarnya (indeks, pemeriksaan): {:.2} s (terbaik dari 3)",
        best_real.as_secs_f64()
    );
    println!(
        "rasio: {ratio:.2}× tabel polos; {ratio_real:.2}× tabel sebenarnya (target ≤ 3×); memori target < 200 MB"
    );
    println!(
        "cari awal nama (300 kueri, 50 baris per halaman): median {:.2} ms, p95 {:.2} ms, maks {:.2} ms (target < 20 ms)",
        ms(median),
        ms(p95),
        ms(max)
    );
    export_figures(&dir_path, &csv, &db, &rt);
    let ok = ratio_real <= 3.0 && peak < 200.0 && ms(p95) < 20.0;
    println!(
        "{}",
        if ok {
            "SEMUA TARGET TERCAPAI"
        } else {
            "TARGET TIDAK TERCAPAI"
        }
    );
    if !ok {
        std::process::exit(1);
    }
}

/// Exporting applicants as a workbook: 10,000 (the file's first rows in a
/// fresh database) through the CLI, end to end, best of 3; then the 100,000
/// of `big_db` in process, as xlsx and as CSV.
fn export_figures(dir: &Path, csv: &Path, big_db: &Path, rt: &tokio::runtime::Runtime) {
    let small_csv = dir.join("pendaftar-10000.csv");
    let text = std::fs::read_to_string(csv).unwrap();
    let head: String = text
        .lines()
        .take(10_001)
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&small_csv, head).unwrap();
    let db = dir.join("ekspor.db");
    run(adhoc(&db).args(["init", "--wilayah", "3514"]));
    run(adhoc(&db).args([
        "rounds",
        "create",
        "--preset",
        "pemilu-2024",
        "--badan",
        "PPS",
    ]));
    run(adhoc(&db)
        .args(["applicants", "import", "--round", "1"])
        .arg(&small_csv));
    let out = dir.join("pendaftar-10000.xlsx");
    let mut best = Duration::MAX;
    for _ in 0..3 {
        best = best.min(run(adhoc(&db)
            .args([
                "applicants",
                "export",
                "--round",
                "1",
                "--format",
                "xlsx",
                "--out",
            ])
            .arg(&out)));
    }
    let kb = std::fs::metadata(&out).unwrap().len() as f64 / 1e3;
    println!(
        "adhoc applicants export --format xlsx, 10.000 pendaftar: {:.2} s (terbaik dari 3, termasuk membuka database), {kb:.0} kB",
        best.as_secs_f64()
    );

    let (xlsx, csv_took, bytes) = rt.block_on(async {
        let db = Db::open(big_db, OpenMode::MustExist).await.unwrap();
        let session = Session::cli();
        let now = chrono::Utc::now();
        let mut timed = Vec::new();
        for format in [ExportFormat::Xlsx, ExportFormat::Csv] {
            let start = Instant::now();
            let request = ListRequest::Applicants { round_id: 1 };
            let export = exports::prepare(&db, &session, request, format, now)
                .await
                .unwrap();
            let mut out = Vec::new();
            exports::save(&db, &session, &export, &mut out, now)
                .await
                .unwrap();
            timed.push((start.elapsed(), out.len()));
        }
        db.close().await;
        (timed[0].0, timed[1].0, timed[0].1)
    });
    println!(
        "ekspor 100.000 pendaftar (dalam proses): xlsx {:.2} s ({:.1} MB), CSV {:.2} s",
        xlsx.as_secs_f64(),
        bytes as f64 / 1e6,
        csv_took.as_secs_f64()
    );
}
