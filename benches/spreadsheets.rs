//! Benchmark (not a test) of issue 16's target, run by `scripts/bench`:
//! reading a 100,000-row xlsx of applicants (a SIAKBA-like layout, values
//! spelled as staff write them), mapping and validating it: under 3 s and
//! 300 MB. Reported beside calamine's bare read of the same sheet, and
//! with the CLI's check (`applicants import --periksa`, which also checks
//! the database) and import of the same file.
//!
//! Each figure is taken in a process of its own (this program run again)
//! so that its peak memory is its own. Prints the figures; exits non-zero
//! if the target is missed.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use adhoc::domain::region::{atlas, RegionCode, RegionLevel};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const ROWS: usize = 100_000;

/// A small deterministic generator (same file every run).
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

/// 100,000 valid PPS applicants of Kabupaten Pasuruan: desa and kecamatan
/// by name, birth dates half as Excel dates and half typed, sex and
/// education in words, NIKs as text.
fn write_xlsx(path: &Path) {
    let kab = RegionCode::parse("3514").unwrap();
    let desa: Vec<(String, String, String)> = atlas()
        .descendants(&kab)
        .iter()
        .filter(|r| r.code.level() == RegionLevel::Desa)
        .map(|r| {
            let kec = atlas().get(&r.code.parent().unwrap()).unwrap();
            (
                r.code.digits().to_string(),
                r.name.clone(),
                kec.name.clone(),
            )
        })
        .collect();
    let education = [
        "SLTA/Sederajat",
        "SMA",
        "SMK",
        "D-III",
        "S-1",
        "S1 Pendidikan",
        "MA",
    ];
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Pendaftar PPS").unwrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    ws.write_string(0, 0, "DAFTAR PENDAFTAR PPS").unwrap();
    let header = [
        "No",
        "NIK",
        "Nama Lengkap",
        "JK",
        "Tempat Lahir",
        "Tgl Lahir",
        "Alamat",
        "Kecamatan",
        "Desa/Kel",
        "No HP",
        "Pendidikan Terakhir",
        "Email",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let mut rng = Lcg(7);
    for i in 0..ROWS {
        let r = 3 + i as u32;
        let (code, name, kec) = &desa[rng.next(desa.len())];
        let woman = rng.next(100) < 35;
        let (day, month, year) = (1 + i % 28, 1 + i / 9_000, 1960 + i % 40);
        let nik = format!(
            "{}{:02}{:02}{:02}{:04}",
            &code[..6],
            day + if woman { 40 } else { 0 },
            month,
            year % 100,
            1 + i % 9_000
        );
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        ws.write_string(r, 1, &nik).unwrap();
        ws.write_string(r, 2, format!("Pendaftar {i:06}")).unwrap();
        ws.write_string(r, 3, if woman { "Perempuan" } else { "Laki-laki" })
            .unwrap();
        ws.write_string(r, 4, "Pasuruan").unwrap();
        if i % 2 == 0 {
            let d = ExcelDateTime::from_ymd(year as u16, month as u8, day as u8).unwrap();
            ws.write_datetime_with_format(r, 5, d, &date).unwrap();
        } else {
            ws.write_string(r, 5, format!("{day:02}/{month:02}/{year}"))
                .unwrap();
        }
        ws.write_string(r, 6, format!("Dusun Krajan RT {:03} RW 002", i % 20))
            .unwrap();
        ws.write_string(r, 7, kec).unwrap();
        ws.write_string(r, 8, name).unwrap();
        ws.write_string(r, 9, format!("0812{:08}", i)).unwrap();
        ws.write_string(r, 10, education[i % education.len()])
            .unwrap();
        if i % 3 == 0 {
            ws.write_string(r, 11, format!("pendaftar{i}@contoh.id"))
                .unwrap();
        }
    }
    book.save(path).unwrap();
}

/// Peak resident memory of this process so far, in MB.
fn own_peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// In a child: one measured step on `file`; prints "seconds peak_mb rows".
fn child(step: &str, file: &Path) {
    use calamine::Reader;
    let bytes = std::fs::read(file).unwrap();
    let start = Instant::now();
    let rows = match step {
        "bare" => {
            let mut book: calamine::Xlsx<_> =
                calamine::open_workbook_from_rs(std::io::Cursor::new(&bytes[..])).unwrap();
            let range = book.worksheet_range("Pendaftar PPS").unwrap();
            range.height()
        }
        _ => {
            use adhoc::docs::spreadsheet::{applicants, Workbook};
            use adhoc::domain::round::Body;
            let mut book = Workbook::open(&bytes).unwrap();
            let head = applicants::head(&mut book, "Pendaftar PPS").unwrap();
            let header_row = applicants::header_row_of(&head).unwrap();
            let headers = applicants::headers(&head, header_row);
            let mapping = adhoc::domain::sheet_mapping::propose(header_row, &headers);
            let kabupaten = RegionCode::parse("3514").unwrap();
            let reading = applicants::Reading {
                mapping: &mapping,
                body: Body::Pps,
                kabupaten: &kabupaten,
                today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            };
            let file =
                applicants::read(&mut book, "Pendaftar PPS", &reading, &mut |_, _| {}).unwrap();
            let problems = file.problems.finish();
            assert!(problems.is_empty(), "{:?}", problems.listed.first());
            file.applicants.len()
        }
    };
    println!("{} {} {rows}", start.elapsed().as_secs_f64(), own_peak_mb());
}

/// Runs `cmd`, which must succeed; how long it took and its output.
fn run(cmd: &mut Command) -> (Duration, String) {
    let start = Instant::now();
    let out = cmd.output().expect("program runs");
    let took = start.elapsed();
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (took, String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The best of three runs of a child step: seconds, peak MB, rows.
fn step(step: &str, file: &Path) -> (f64, f64, usize) {
    let me = std::env::current_exe().unwrap();
    (0..3)
        .map(|_| {
            let (_, out) = run(Command::new(&me).args(["child", step]).arg(file));
            let mut f = out.split_whitespace();
            let secs: f64 = f.next().unwrap().parse().unwrap();
            let peak: f64 = f.next().unwrap().parse().unwrap();
            let rows: usize = f.next().unwrap().parse().unwrap();
            (secs, peak, rows)
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .unwrap()
}

/// Runs `cmd`, which must succeed: how long it took and its peak resident
/// memory in MB (from `wait4`, for this child alone; Linux counts the
/// parent's resident memory at the start in it, which is why this program
/// stays small and leaves the big work to children).
#[allow(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, which also gives its own rusage"
)]
fn run_measured(cmd: &mut Command) -> (Duration, f64) {
    let start = Instant::now();
    let child = cmd
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::inherit())
        .spawn()
        .expect("program runs");
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child; writes into values we own.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    let took = start.elapsed();
    assert!(
        pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{cmd:?} failed"
    );
    (took, usage.ru_maxrss as f64 / 1024.0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("child") {
        if args[2] == "write" {
            write_xlsx(Path::new(&args[3]));
        } else {
            child(&args[2], Path::new(&args[3]));
        }
        return;
    }
    // ADHOC_BENCH_DIR keeps the files (xlsx, database) for a closer look.
    let temp = tempfile::tempdir().unwrap();
    let dir = std::env::var_os("ADHOC_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| temp.path().to_path_buf());
    std::fs::create_dir_all(&dir).unwrap();
    let _ = std::fs::remove_file(dir.join("bench.db"));
    let xlsx = dir.join("pendaftar.xlsx");
    // Written by a child: a child's peak memory, as the kernel reports it,
    // counts this process's memory at the time it was started.
    let start = Instant::now();
    run(Command::new(std::env::current_exe().unwrap())
        .args(["child", "write"])
        .arg(&xlsx));
    let size_mb = std::fs::metadata(&xlsx).unwrap().len() as f64 / 1e6;
    println!(
        "xlsx: {ROWS} pendaftar, {size_mb:.1} MB (ditulis rust_xlsxwriter dalam {:.1} s)",
        start.elapsed().as_secs_f64()
    );

    let (bare_s, bare_mb, bare_rows) = step("bare", &xlsx);
    println!(
        "calamine, baca lembar utuh (worksheet_range): {bare_s:.2} s, puncak {bare_mb:.0} MB ({bare_rows} baris)"
    );
    let (map_s, map_mb, map_rows) = step("map", &xlsx);
    println!(
        "adhoc, baca + petakan + validasi: {map_s:.2} s, puncak {map_mb:.0} MB ({map_rows} pendaftar sah)"
    );

    // The CLI on a fresh database: the check, then the import.
    let db = dir.join("bench.db");
    let adhoc = || {
        let mut c = Command::new(env!("CARGO_BIN_EXE_adhoc"));
        c.arg("--db").arg(&db);
        c
    };
    run(adhoc().args(["init", "--wilayah", "3514"]));
    run(adhoc().args([
        "rounds",
        "create",
        "--preset",
        "pemilu-2024",
        "--badan",
        "PPS",
    ]));
    let (check, check_mb) = run_measured(
        adhoc()
            .args(["applicants", "import", "--round", "1", "--periksa"])
            .arg(&xlsx),
    );
    let (import, import_mb) = run_measured(
        adhoc()
            .args(["applicants", "import", "--round", "1"])
            .arg(&xlsx),
    );
    println!(
        "adhoc applicants import --periksa: {:.2} s, puncak {check_mb:.0} MB; impor (menyimpan {ROWS}): {:.2} s, puncak {import_mb:.0} MB",
        check.as_secs_f64(),
        import.as_secs_f64(),
    );
    let ok = map_s < 3.0 && map_mb < 300.0 && map_rows == ROWS;
    println!(
        "Target baca + petakan + validasi < 3 s dan < 300 MB: {}",
        if ok { "tercapai" } else { "TIDAK tercapai" }
    );
    if !ok {
        std::process::exit(1);
    }
}
