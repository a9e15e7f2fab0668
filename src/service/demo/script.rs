//! The demo's later steps, scripted as staff would do them: the written
//! test, the interview and the final ranking of a round (ties decided by
//! the plenary), the marks themselves, and one PAW in the term. Apart from
//! `mod.rs`, which builds the database, because these steps only call
//! services, as the application's windows do.

use chrono::{DateTime, Utc};
use rand::Rng;

use crate::domain::permission::Session;
use crate::domain::round::Stage;
use crate::error::{Error, Result};
use crate::service::{paw, scores, selection, stages};
use crate::store::Db;

/// The written test, the interview and the final ranking of a round whose
/// administrative stage is closed: scores (a few absent), every tie at a
/// cut ordered by the plenary, each stage opened and closed by the chair.
pub(super) async fn run_tests<R: Rng>(
    db: &Db,
    rng: &mut R,
    chair: &Session,
    verifier: &Session,
    round: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    for (stage, mean, absent) in [
        (Stage::Tertulis, 62.0, 0.03),
        (Stage::Wawancara, 72.0, 0.02),
    ] {
        stages::open(db, chair, round, stage, now).await?;
        let sheet = scores::score_sheet(db, verifier, round, stage, None).await?;
        let mut csv = String::from("nomor_pendaftaran,nilai\n");
        for row in &sheet.rows {
            if rng.gen_bool(absent) {
                csv.push_str(&format!("{},absen\n", row.reg_number));
            } else {
                // Whole and half points, so that some scores tie.
                let spread: f64 = (0..4).map(|_| rng.gen_range(-9.0..9.0)).sum();
                let score = ((mean + spread) * 2.0).round().clamp(0.0, 200.0) / 2.0;
                csv.push_str(&format!("{},{score}\n", row.reg_number));
            }
        }
        let report = scores::import_marks(db, verifier, round, stage, csv.as_bytes(), now).await?;
        if let Some(p) = report.problems.listed.first() {
            return Err(Error::Internal(format!("nilai demo ditolak: {}", p.reason)));
        }
        stages::close(db, chair, round, stage, now).await?;
    }
    stages::open(db, chair, round, Stage::Akhir, now).await?;
    let finals = selection::results(db, chair, round, Stage::Akhir, None, now).await?;
    let mut groups: Vec<Vec<i64>> = Vec::new();
    let mut last: Option<(&str, &str)> = None;
    for r in finals.iter().filter(|r| r.unresolved_tie) {
        let key = (r.unit_code.as_str(), r.final_score.as_str());
        if last != Some(key) {
            groups.push(Vec::new());
            last = Some(key);
        }
        groups
            .last_mut()
            .expect("pushed above")
            .push(r.applicant_id);
    }
    for group in groups {
        selection::decide_tie(
            db,
            chair,
            round,
            &group,
            "Berita Acara rapat pleno penetapan hasil akhir (demo)",
            now,
        )
        .await?;
    }
    stages::close(db, chair, round, Stage::Akhir, now).await?;
    Ok(())
}

/// A written-test mark around 62 in half points.
pub(super) fn written_score<R: Rng>(rng: &mut R) -> f64 {
    let spread: f64 = (0..4).map(|_| rng.gen_range(-9.0..9.0)).sum();
    ((62.0 + spread) * 2.0).round().clamp(0.0, 200.0) / 2.0
}

/// The first member of the first unit with a reserve resigns; the best
/// reserve is confirmed in their place.
pub(super) async fn one_paw(
    db: &Db,
    chair: &Session,
    round: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let units = paw::members(db, chair, round, None, now).await?;
    let Some(unit) = units
        .iter()
        .find(|u| !u.reserves.is_empty() && !u.members.is_empty())
    else {
        return Ok(());
    };
    let leave = paw::LeaveInput {
        member_id: unit.members[0].applicant_id,
        cause: paw::LeaveCause::MengundurkanDiri,
        left_on: now.date_naive(),
        reason: "Surat pengunduran diri (demo)".into(),
    };
    let unit = paw::record_leave(db, chair, round, &leave, now).await?;
    if let (Some(pending), Some(proposed)) = (unit.pending, &unit.proposed) {
        paw::confirm(
            db,
            chair,
            round,
            pending,
            proposed.applicant_id,
            "Keputusan KPU Kabupaten tentang PAW (demo)",
            now,
        )
        .await?;
    }
    Ok(())
}
