//! Benchmark (not a test) of issue 17's target, run by `scripts/bench
//! cards`: the participant cards of 5,000 participants, eight to an A4
//! sheet, in one PDF, under 5 s.
//!
//! The database is a real SQLite file filled with SQL (a PPS round of
//! Kabupaten Pasuruan, every applicant MS, numbered and seated in ten
//! sessions of ten rooms); one participant in five has a pas foto scanned
//! as a 1200 × 1600 JPEG in the scans folder (twenty different files), so
//! a thousand photos are read, checked against their hash, decoded,
//! cropped, shrunk and embedded. The time is `seating::cards_pdf` in this
//! process (best of two runs, database read included); the memory is the
//! peak of `adhoc tes kartu` run as a child. Prints the figures; exits
//! non-zero if the target is missed.
// The benchmark writes its data with bulk SQL of its own.
#![allow(clippy::disallowed_methods)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use adhoc::domain::round::{Body, Preset};
use adhoc::pdf::participant_card::CardLayout;
use adhoc::service::auth::Session;
use adhoc::service::rounds::create_from_preset;
use adhoc::service::seating::{cards_pdf, CardFilter};
use adhoc::service::setup::{first_run, NewAccount};
use adhoc::store::{Db, OpenMode};
use chrono::Utc;
use sha2::{Digest, Sha256};

const PARTICIPANTS: i64 = 5_000;
const PHOTO_EVERY: i64 = 5;
const PHOTO_FILES: usize = 20;
const TARGET: Duration = Duration::from_secs(5);

/// A 1200 × 1600 JPEG like a phone's photo of a pas foto: a face-like
/// oval on a coloured background, different for each `k`.
fn photo(k: usize) -> Vec<u8> {
    let (w, h) = (1200u32, 1600u32);
    let mut rgb = Vec::with_capacity((w * h * 3) as usize);
    for y in 0..h {
        for x in 0..w {
            let (dx, dy) = (x as f32 - 600.0, y as f32 - 700.0);
            let face = (dx / 380.0).powi(2) + (dy / 500.0).powi(2) < 1.0;
            let noise = ((x * 31 + y * 17 + k as u32 * 101) % 23) as u8;
            if face {
                rgb.extend_from_slice(&[210 - noise, 160 - noise, 130]);
            } else {
                rgb.extend_from_slice(&[40 + (k * 9) as u8, 90 + noise, 200 - (y / 16) as u8]);
            }
        }
    }
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, 85)
        .encode(&rgb, w as u16, h as u16, jpeg_encoder::ColorType::Rgb)
        .unwrap();
    out
}

/// Builds the database and the scans; returns the round id.
async fn build(path: &Path) -> i64 {
    let db = Db::open(path, OpenMode::CreateIfMissing).await.unwrap();
    let now = Utc::now();
    let admin = first_run(
        &db,
        Some("3514"),
        &NewAccount {
            username: "admin".into(),
            full_name: "Admin Bench".into(),
            password: "rahasia-sekali-123".into(),
        },
        now,
    )
    .await
    .unwrap();
    let round = create_from_preset(&db, &admin, Preset::Pemilu2024, Body::Pps, None, now)
        .await
        .unwrap()
        .id;
    let scans = db.scans_dir();
    std::fs::create_dir_all(&scans).unwrap();
    let mut files = Vec::new();
    for k in 0..PHOTO_FILES {
        let bytes = photo(k);
        let sha = format!("{:x}", Sha256::digest(&bytes));
        std::fs::write(scans.join(format!("{sha}.jpg")), &bytes).unwrap();
        files.push((sha, bytes.len() as i64));
    }
    let mut conn = db.pool().acquire().await.unwrap();
    for sql in [
        "CREATE TEMP TABLE units AS
           SELECT row_number() OVER (ORDER BY code) - 1 AS k, code, kecamatan_code FROM desa",
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
         INSERT INTO applicants (round_id, reg_seq, reg_number, nik, full_name, sex, birth_place,
           birth_date, address, address_desa_code, education, unit_code, kecamatan_code, created_at,
           election, name_key, admin_result, phone)
         SELECT ?1, i, printf('PPS-3514-%07d', i), printf('35%014d', i),
           'Calon Anggota Nomor ' || i, CASE WHEN i % 3 = 0 THEN 'P' ELSE 'L' END, 'Kota',
           '1990-01-01', 'Alamat', u.code, 'SMA', u.code, u.kecamatan_code,
           '2026-11-23T00:00:00+00:00', 'Bench', 'calon ' || i, 'MS', '081234567890'
         FROM n JOIN units u ON u.k = i % (SELECT COUNT(*) FROM units)",
        "INSERT INTO test_venues (id, round_id, name, address, created_at)
         VALUES (1, ?1, 'SMA Negeri 1 Bangil', 'Jl. Raya Bangil 1', '2026-12-01T00:00:00+00:00')",
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10)
         INSERT INTO test_rooms (id, venue_id, name, capacity, ground_floor)
         SELECT i, 1, 'Ruang ' || i, 50, i <= 2 FROM n",
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10)
         INSERT INTO test_sessions (id, round_id, label, date, starts_at, ends_at)
         SELECT i, ?1, 'Sesi ' || i, '2026-12-14', printf('%02d:00', 7 + i), printf('%02d:50', 7 + i)
         FROM n",
        "INSERT INTO participant_numbers (applicant_id, round_id, seq, number, given_at)
         SELECT id, ?1, reg_seq, printf('PPS-3514-T%04d', reg_seq), created_at
         FROM applicants WHERE round_id = ?1",
        "INSERT INTO seat_assignments (applicant_id, round_id, session_id, room_id, seat, assigned_at)
         SELECT id, ?1, (reg_seq - 1) / 500 + 1, ((reg_seq - 1) % 500) / 50 + 1,
           (reg_seq - 1) % 50 + 1, created_at
         FROM applicants WHERE round_id = ?1",
        "UPDATE rounds SET current_stage = 'tertulis', stage_open = 1 WHERE id = ?1",
    ] {
        let mut q = sqlx::query(sql);
        if sql.contains("?1") {
            q = q.bind(round);
        }
        if sql.contains("?2") {
            q = q.bind(PARTICIPANTS);
        }
        q.execute(&mut *conn).await.unwrap();
    }
    for id in (1..=PARTICIPANTS).filter(|i| i % PHOTO_EVERY == 1) {
        let (sha, size) = &files[(id as usize / PHOTO_EVERY as usize) % PHOTO_FILES];
        sqlx::query(
            "INSERT INTO document_attachments (applicant_id, code, sha256, media_type, file_name,
               size, added_at)
             SELECT id, 'pas_foto', ?, 'image/jpeg', 'foto.jpg', ?, created_at
             FROM applicants WHERE round_id = ? AND reg_seq = ?",
        )
        .bind(sha)
        .bind(size)
        .bind(round)
        .bind(id)
        .execute(&mut *conn)
        .await
        .unwrap();
    }
    drop(conn);
    db.close().await;
    round
}

/// Largest resident set of any child waited for so far, in MB.
fn children_peak_mb() -> f64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the struct we own.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    usage.ru_maxrss as f64 / 1024.0
}

fn main() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.db");
    let started = Instant::now();
    let round = rt.block_on(build(&path));
    println!(
        "kartu peserta: database and {PHOTO_FILES} photo scans built in {:.1?}",
        started.elapsed()
    );
    let (best, doc) = rt.block_on(async {
        let db = Db::open(&path, OpenMode::MustExist).await.unwrap();
        let session = Session::cli();
        let mut best = Duration::MAX;
        let mut last = None;
        for _ in 0..2 {
            let t = Instant::now();
            let doc = cards_pdf(
                &db,
                &session,
                round,
                &CardFilter::default(),
                CardLayout::Sheet,
            )
            .await
            .unwrap();
            best = best.min(t.elapsed());
            last = Some(doc);
        }
        db.close().await;
        (best, last.unwrap())
    });
    let ok = best <= TARGET;
    println!(
        "  {} cards ({} with a photo), {:.1} MB: {best:.2?} best of 2 (target < {TARGET:?}) {}",
        doc.cards,
        doc.cards - doc.without_photo,
        doc.bytes.len() as f64 / 1e6,
        if ok { "OK" } else { "MISSED" }
    );
    // ADHOC_BENCH_PHASES=1 also times one photo made of a scan.
    if std::env::var_os("ADHOC_BENCH_PHASES").is_some() {
        let scans: Vec<Vec<u8>> = (0..4).map(photo).collect();
        let t = Instant::now();
        for s in &scans {
            adhoc::pdf::photo::card_photo(s).unwrap();
        }
        println!("  phase: one photo {:.1?}", t.elapsed() / 4);
    }
    let out_pdf = dir.path().join("kartu.pdf");
    let t = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_adhoc"))
        .arg("--db")
        .arg(&path)
        .args(["tes", "kartu", "--round", &round.to_string(), "--out"])
        .arg(&out_pdf)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!(
        "  `adhoc tes kartu` as a process: {:.2?}, peak memory {:.0} MB",
        t.elapsed(),
        children_peak_mb()
    );
    if !ok {
        std::process::exit(1);
    }
}
