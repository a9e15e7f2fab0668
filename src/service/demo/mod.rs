//! A realistic, clearly fake demo database for Kabupaten Pasuruan (3514).
//!
//! Reproducible: the same seed gives the same database (random numbers come
//! from a seeded ChaCha generator, the time is passed in). Every applicant is
//! invented: phone numbers start with 0800-0000, e-mail addresses end in
//! `@contoh.invalid`, NIK serials are random.
//!
//! This file makes the database and drives it (accounts, settings, the two
//! rounds, their applicants, the stages); `people.rs` invents the
//! applicants; `script.rs` holds the longer steps: the tests and final
//! ranking of a round, and one PAW; `pilkada.rs` the Pilkada round that
//! keeps some Pemilu members and fills Wonorejo by appointment.

mod people;
mod pilkada;
mod script;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use self::people::{fake_applicant, pick, PARTIES};
use self::script::{one_paw, run_tests, written_score};
use crate::domain::account::Role;
use crate::domain::documents;
use crate::domain::permission::Session;
use crate::domain::round::{Body, Preset, Stage};
use crate::domain::verification::{DocVerdict, COMMON_REASONS};
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::service::rounds::create_from_preset;
use crate::service::setup::{first_run, NewAccount};
use crate::service::{accounts, auth, extensions, parties, publications, scores, stages};
use crate::store::applicants::{ids_in_order, insert_many, insert_receipts, NewApplicant};
use crate::store::regions::all_desa;
use crate::store::verification::{upsert_checks, NewCheck};
use crate::store::{Db, OpenMode};

/// The kabupaten of the demo.
pub const DEMO_KABUPATEN: &str = "3514";
/// Password of every demo account (documented in the README).
pub const DEMO_PASSWORD: &str = "demo-seleksi-2024";
/// Default seed of `adhoc demo`.
pub const DEFAULT_SEED: u64 = 2024;

/// What the demo contains.
#[derive(Debug, Clone, Serialize)]
pub struct DemoReport {
    pub accounts: Vec<(String, Role)>,
    pub rounds: Vec<(String, u32)>,
}

/// Builds the demo database at `path`, which must not exist yet.
pub async fn build_demo(path: &Path, seed: u64, now: DateTime<Utc>) -> Result<DemoReport> {
    if path.exists() {
        return Err(Error::validation(
            "db",
            format!(
                "Berkas {} sudah ada; demo hanya dibuat di berkas baru agar tidak menimpa data.",
                path.display()
            ),
        ));
    }
    let db = Db::open(path, OpenMode::CreateIfMissing).await?;
    let report = fill_demo(&db, seed, now).await;
    db.close().await;
    report
}

/// The demo's logo: a red ring around a gold star on white, drawn here
/// (the commission's real emblem is uploaded by each office).
fn demo_logo() -> Vec<u8> {
    const SIZE: u32 = 160;
    let c = SIZE as f32 / 2.0;
    // A five-pointed star: inside when the point is within the polygon of
    // its ten corners (alternating outer and inner radius).
    let corners: Vec<(f32, f32)> = (0..10)
        .map(|i| {
            let r = if i % 2 == 0 { 52.0 } else { 21.0 };
            let a = std::f32::consts::PI * (i as f32 / 5.0 - 0.5);
            (c + r * a.cos(), c + r * a.sin())
        })
        .collect();
    let in_star = |x: f32, y: f32| {
        let mut inside = false;
        for i in 0..corners.len() {
            let (xi, yi) = corners[i];
            let (xj, yj) = corners[(i + 9) % 10];
            if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
                inside = !inside;
            }
        }
        inside
    };
    let mut data = Vec::with_capacity((SIZE * SIZE * 4) as usize);
    for y in 0..SIZE {
        for x in 0..SIZE {
            let (fx, fy) = (x as f32 + 0.5, y as f32 + 0.5);
            let d = ((fx - c).powi(2) + (fy - c).powi(2)).sqrt();
            let px: [u8; 4] = if d > 78.0 {
                [0, 0, 0, 0]
            } else if d > 66.0 {
                [178, 24, 38, 255]
            } else if in_star(fx, fy) {
                [214, 160, 24, 255]
            } else {
                [255, 255, 255, 255]
            };
            data.extend_from_slice(&px);
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, SIZE, SIZE);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    // Encoding a fixed in-memory image cannot fail.
    if let Ok(mut writer) = encoder.write_header() {
        let _ = writer.write_image_data(&data);
    }
    out
}

async fn fill_demo(db: &Db, seed: u64, now: DateTime<Utc>) -> Result<DemoReport> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let account = |username: &str, full_name: &str| NewAccount {
        username: username.into(),
        full_name: full_name.into(),
        password: DEMO_PASSWORD.into(),
    };
    let admin = first_run(
        db,
        Some(DEMO_KABUPATEN),
        &account("admin", "Admin Demo"),
        now,
    )
    .await?;
    let mut created = vec![("admin".to_string(), Role::Administrator)];
    for (username, name, role) in [
        ("operator", "Operator Demo", Role::Operator),
        ("verifikator", "Verifikator Demo", Role::Verifikator),
        ("pimpinan", "Pimpinan Demo", Role::Pimpinan),
    ] {
        accounts::create(db, &admin, &account(username, name), role, now).await?;
        created.push((username.to_string(), role));
    }
    let verifier = auth::login(db, "verifikator", DEMO_PASSWORD, now).await?;
    // The kop and signatories of the official documents (fictional).
    let mut documents = publications::settings(db, &admin).await?;
    documents.address = "Jalan Contoh Raya Nomor 1, Pasuruan 67100".into();
    documents.contacts = "Telepon (0343) 000000 · Surel demo@kpu-pasuruan.test".into();
    documents.chair = "Dr. Andi Wibowo, S.H.".into();
    documents.members = [
        "Siti Nur'aini, S.Sos.",
        "Bambang Sutejo",
        "Ni Luh Putu Ayu",
        "Agus Salim, M.Si.",
    ]
    .map(String::from)
    .to_vec();
    publications::save_settings(db, &admin, &documents, now).await?;
    publications::set_logo(db, &admin, &demo_logo(), now).await?;

    let desa = {
        let mut conn = db.pool().acquire().await?;
        all_desa(&mut conn).await?
    };
    let mut desa_by_kec: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for d in &desa {
        desa_by_kec
            .entry(d.kecamatan_code.as_str())
            .or_default()
            .push(d.code.as_str());
    }

    let mut rounds = Vec::new();
    let mut listed = Vec::new();
    let mut ppk_round = None;
    let mut pps_round = None;
    for (body, target) in [(Body::Ppk, 620u32), (Body::Pps, 2_600u32)] {
        let round = create_from_preset(db, &admin, Preset::Pemilu2024, body, None, now).await?;
        let units: Vec<(&str, &str)> = match body {
            Body::Ppk => desa_by_kec.keys().map(|k| (*k, *k)).collect(),
            Body::Pps => desa
                .iter()
                .map(|d| (d.code.as_str(), d.kecamatan_code.as_str()))
                .collect(),
        };
        // Uneven demand: each unit draws a weight, some far below average.
        let weights: Vec<f64> = units.iter().map(|_| rng.gen_range(0.1..2.0f64)).collect();
        let sum: f64 = weights.iter().sum();
        let mut rows = Vec::new();
        for ((unit, kec), w) in units.iter().zip(&weights) {
            let n = (w / sum * f64::from(target)).round() as u32;
            for _ in 0..n {
                let seq = rows.len() as i64 + 1;
                let home_desa = match body {
                    Body::Pps if rng.gen_bool(0.9) => *unit,
                    _ => pick(&mut rng, &desa_by_kec[kec]),
                };
                rows.push(fake_applicant(
                    &mut rng,
                    body,
                    seq,
                    unit,
                    kec,
                    home_desa,
                    round.settings.reference_date,
                ));
            }
        }
        insert_applicants(db, &mut rng, &admin, &verifier, round.id, &rows, seed, now).await?;
        match body {
            Body::Ppk => ppk_round = Some(round.id),
            Body::Pps => pps_round = Some(round.id),
        }
        rounds.push((round.name, rows.len() as u32));
        listed.extend(
            rows.iter()
                .filter(|_| rng.gen_bool(0.003))
                .map(|a| a.nik.clone()),
        );
    }
    // A party-membership list (SIPOL export) that lists a few applicants
    // among many others.
    let mut list = String::from("nik,partai\n");
    for nik in &listed {
        list.push_str(&format!("{nik},{}\n", pick(&mut rng, PARTIES)));
    }
    for _ in 0..500 {
        list.push_str(&format!(
            "3514{:02}{:02}{:02}{:02}{:04},{}\n",
            rng.gen_range(1..25),
            rng.gen_range(1..29),
            rng.gen_range(1..13),
            rng.gen_range(50..99),
            rng.gen_range(1..10_000),
            pick(&mut rng, PARTIES)
        ));
    }
    parties::import(db, &admin, list.as_bytes(), now).await?;
    // The PPK round's registration and penelitian administrasi are closed
    // by the chair; its results are frozen.
    let chair = auth::login(db, "pimpinan", DEMO_PASSWORD, now).await?;
    // The PPK round is complete: both tests, the final ranking, the term
    // begun and one member replaced (PAW). The PPS round stands at the
    // written test, about half of the marks entered.
    for round in [ppk_round, pps_round].into_iter().flatten() {
        stages::close(db, &chair, round, Stage::Pendaftaran, now).await?;
        stages::open(db, &chair, round, Stage::Administrasi, now).await?;
        // The units left short go on by the chair's decision (the demo has
        // no days to wait out an extension).
        let short: Vec<String> = extensions::extension_list(db, &chair, round, now)
            .await?
            .into_iter()
            .filter(|u| u.state.needs_action())
            .map(|u| u.unit_code)
            .collect();
        if !short.is_empty() {
            extensions::decide_without_extension(
                db,
                &chair,
                round,
                &short,
                "Demo: tidak ada lagi warga yang dapat diharapkan mendaftar.",
                now,
            )
            .await?;
        }
        stages::close(db, &chair, round, Stage::Administrasi, now).await?;
    }
    if let Some(ppk) = ppk_round {
        run_tests(db, &mut rng, &chair, &verifier, ppk, now).await?;
        stages::open(db, &chair, ppk, Stage::Penetapan, now).await?;
        stages::close(db, &chair, ppk, Stage::Penetapan, now).await?;
        stages::open(db, &chair, ppk, Stage::MasaKerja, now).await?;
        one_paw(db, &chair, ppk, now).await?;
        let staff = pilkada::Staff {
            admin: &admin,
            chair: &chair,
            verifier: &verifier,
        };
        rounds.push(
            pilkada::pilkada_round(db, &mut rng, &staff, ppk, &desa_by_kec, seed, now).await?,
        );
    }
    if let Some(pps) = pps_round {
        stages::open(db, &chair, pps, Stage::Tertulis, now).await?;
        let sheet = scores::score_sheet(db, &verifier, pps, Stage::Tertulis, None).await?;
        let mut csv = String::from("nomor_pendaftaran,nilai\n");
        for row in sheet.rows.iter().take(sheet.rows.len() / 2) {
            csv.push_str(&format!("{},{}\n", row.reg_number, written_score(&mut rng)));
        }
        scores::import_marks(db, &verifier, pps, Stage::Tertulis, csv.as_bytes(), now).await?;
    }
    Ok(DemoReport {
        accounts: created,
        rounds,
    })
}

/// Inserts a round's invented applicants with their documents: most handed
/// in every document at the desk, some still owe one, now and then one is
/// not in order. One transaction, audited as an import.
#[allow(clippy::too_many_arguments)]
async fn insert_applicants<R: Rng>(
    db: &Db,
    rng: &mut R,
    admin: &Session,
    verifier: &Session,
    round_id: i64,
    rows: &[NewApplicant],
    seed: u64,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut tx = db.begin_write().await?;
    insert_many(&mut tx, round_id, rows, admin.user_id, now).await?;
    // Most handed in every document at the desk; some still owe one.
    let standard: Vec<&str> = documents::required(false, false)
        .iter()
        .map(|d| d.code)
        .collect();
    let mut receipts = Vec::new();
    let mut verdicts = Vec::new();
    for id in ids_in_order(&mut tx, round_id).await? {
        let missing = rng.gen_bool(0.1).then(|| rng.gen_range(0..standard.len()));
        for (i, code) in standard.iter().enumerate() {
            if Some(i) != missing {
                receipts.push((id, *code));
            }
            // Files are checked: what was not handed in is missing,
            // and now and then a document is not in order.
            {
                let (verdict, reason) = if Some(i) == missing {
                    (DocVerdict::TidakAda, None)
                } else if rng.gen_bool(0.01) {
                    (
                        DocVerdict::TidakSesuai,
                        Some(pick(rng, &COMMON_REASONS).to_string()),
                    )
                } else {
                    (DocVerdict::Sesuai, None)
                };
                verdicts.push(NewCheck {
                    applicant_id: id,
                    code: code.to_string(),
                    verdict,
                    reason,
                });
            }
        }
    }
    insert_receipts(&mut tx, &receipts, admin.user_id, now).await?;
    upsert_checks(&mut tx, &verdicts, verifier.user_id, now).await?;
    let change = Change::new("applicants.import", "round", round_id)
        .after(serde_json::json!({ "source": "demo", "seed": seed, "applicants": rows.len() }));
    audit::record(&mut tx, admin, now, change).await?;
    tx.commit().await?;
    Ok(())
}
