//! Crash consistency: `adhoc applicants import` of a large file and `adhoc
//! stage close` are killed with SIGKILL at several moments; afterwards the
//! database opens, passes `integrity_check` and the audit check, and holds
//! either none or all of the import, and either the stage closed (with its
//! record) or not closed at all. A backup is never left half-written under
//! its real name.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use adhoc::domain::region::{atlas, RegionCode, RegionLevel};
use adhoc::service::audit;
use adhoc::store::backup::{folder_of, read_manifest, sha256_of};
use adhoc::store::{Db, OpenMode};

const ROWS: usize = 20_000;

fn adhoc(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_adhoc"));
    c.arg("--db").arg(db).stdin(Stdio::null());
    c
}

fn run(cmd: &mut Command) {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A CSV of `ROWS` valid PPS applicants of Pasuruan.
fn write_csv(path: &Path) {
    let kab = RegionCode::parse("3514").unwrap();
    let desa: Vec<String> = atlas()
        .descendants(&kab)
        .iter()
        .filter(|r| r.code.level() == RegionLevel::Desa)
        .map(|r| r.code.digits().to_string())
        .collect();
    let mut out = String::from("nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,pendidikan,telepon,email,kode_wilayah_tugas\n");
    // Names are letters only: "Calon Bdaf".
    let name = |mut i: usize| {
        let mut s = String::from("Calon ");
        let mut letters = Vec::new();
        loop {
            letters.push(char::from(b'a' + (i % 26) as u8));
            i /= 26;
            if i == 0 {
                break;
            }
        }
        letters.reverse();
        letters[0] = letters[0].to_ascii_uppercase();
        s.extend(letters);
        s
    };
    for i in 0..ROWS {
        let unit = &desa[(i * 7919) % desa.len()];
        let (day, month, year) = (1 + i % 28, 1 + (i / 28) % 12, 1960 + i % 40);
        let serial = 1 + i / 336;
        out.push_str(&format!(
            "{}{day:02}{month:02}{:02}{serial:04},{},L,Pasuruan,{day:02}-{month:02}-{year},Dusun Krajan,{unit},SMA,,,{unit}\n",
            &unit[..6],
            year % 100,
            name(i + 26 * 26)
        ));
    }
    std::fs::write(path, out).unwrap();
}

/// The database after a kill: it opens, its pages and its audit chain are
/// intact. Returns (applicants of round 1, stage of round 1).
async fn survived(db_path: &Path) -> (i64, String) {
    let db = Db::open(db_path, OpenMode::MustExist).await.unwrap();
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(integrity, "ok");
    let chain = audit::verify(&db).await.unwrap();
    assert_eq!(chain.first_broken, None, "{:?}", chain.problem);
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM applicants WHERE round_id = 1")
        .fetch_one(db.pool())
        .await
        .unwrap();
    let stage: String = sqlx::query_scalar("SELECT current_stage FROM rounds WHERE id = 1")
        .fetch_one(db.pool())
        .await
        .unwrap();
    db.close().await;
    (n, stage)
}

/// Runs `cmd`, kills it after `delay` unless it ended first; whether it was
/// killed while running.
fn kill_after(mut cmd: Command, delay: Duration) -> bool {
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while start.elapsed() < delay {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let running = child.try_wait().unwrap().is_none();
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    running
}

fn copy_db(from: &Path, to: &Path) {
    std::fs::copy(from, to).unwrap();
}

#[tokio::test]
async fn killed_imports_and_stage_closes_leave_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("dasar.db");
    run(adhoc(&base).args(["init", "--wilayah", "3514"]));
    run(adhoc(&base).args([
        "rounds",
        "create",
        "--preset",
        "pemilu-2024",
        "--badan",
        "PPS",
    ]));
    let csv = dir.path().join("pendaftar.csv");
    write_csv(&csv);

    // How long a whole import takes here, to kill at moments inside it.
    let full = dir.path().join("penuh.db");
    copy_db(&base, &full);
    let start = Instant::now();
    run(adhoc(&full)
        .args(["applicants", "import", "--round", "1"])
        .arg(&csv));
    let took = start.elapsed();
    assert_eq!(survived(&full).await.0, ROWS as i64);

    let mut killed = 0;
    for (i, fraction) in [0.05, 0.2, 0.4, 0.6, 0.8, 0.95].iter().enumerate() {
        let db = dir.path().join(format!("impor-{i}.db"));
        copy_db(&base, &db);
        let mut cmd = adhoc(&db);
        cmd.args(["applicants", "import", "--round", "1"]).arg(&csv);
        if kill_after(cmd, took.mul_f64(*fraction)) {
            killed += 1;
        }
        let (n, _) = survived(&db).await;
        assert!(
            n == 0 || n == ROWS as i64,
            "import killed at {fraction}: {n} rows"
        );
    }
    assert!(
        killed >= 3,
        "only {killed} imports were still running when killed"
    );

    // Closing registration of the full round: the stage record, the
    // snapshot and the backup, killed at several moments.
    let start = Instant::now();
    let timing = dir.path().join("tutup.db");
    copy_db(&full, &timing);
    run(adhoc(&timing).args(["stage", "close", "--round", "1", "pendaftaran"]));
    let close_took = start.elapsed();
    assert_eq!(survived(&timing).await.1, "administrasi");
    let mut killed = 0;
    for (i, fraction) in [0.1, 0.3, 0.5, 0.7, 0.9].iter().enumerate() {
        let sub = dir.path().join(format!("tutup-{i}"));
        std::fs::create_dir(&sub).unwrap();
        let db = sub.join("kpu.db");
        copy_db(&full, &db);
        let mut cmd = adhoc(&db);
        cmd.args(["stage", "close", "--round", "1", "pendaftaran"]);
        if kill_after(cmd, close_took.mul_f64(*fraction)) {
            killed += 1;
        }
        let (n, stage) = survived(&db).await;
        assert_eq!(n, ROWS as i64);
        assert!(stage == "pendaftaran" || stage == "administrasi", "{stage}");
        let events: i64 = {
            let d = Db::open(&db, OpenMode::MustExist).await.unwrap();
            let e = sqlx::query_scalar(
                "SELECT count(*) FROM stage_events WHERE round_id = 1 AND action = 'close'",
            )
            .fetch_one(d.pool())
            .await
            .unwrap();
            d.close().await;
            e
        };
        assert_eq!(events, i64::from(stage == "administrasi"), "{stage}");
        backups_are_whole(&folder_of(&db));
    }
    assert!(
        killed >= 2,
        "only {killed} closes were still running when killed"
    );
}

/// Every backup under its real name is complete: its manifest matches.
fn backups_are_whole(dir: &Path) {
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    for e in read.flatten() {
        let path: PathBuf = e.path();
        if path.extension().is_some_and(|x| x == "db") {
            if let Some(m) = read_manifest(&path).unwrap() {
                assert_eq!(m.sha256, sha256_of(&path).unwrap(), "{}", path.display());
            }
        }
    }
}
