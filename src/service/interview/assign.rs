//! Who is interviewed by which panel, in what order and at what time: the
//! interview schedule (jadwal wawancara) per panel.
//!
//! The automatic assignment keeps each unit whole: candidates are ranked
//! against the others of their unit, so one team should judge them all.
//! Units go, in code order, to the panel with the fewest candidates so
//! far (the first such panel on a tie); within a panel candidates follow
//! unit and registration order. Candidates already assigned stay where
//! they are; by hand a candidate without scores can be moved.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::{ensure_preparing, short_text};
use crate::domain::permission::{Operation, Session};
use crate::domain::round::Stage;
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::service::score_import::sits;
use crate::service::selection::{dotted, mark_text};
use crate::store::interview as store;
use crate::store::selection::{self as selection_store, RankingRow};
use crate::store::{rounds, Db};

/// The candidates of a round who sit the interview, by unit and
/// registration order.
pub(crate) async fn sitting(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<RankingRow>> {
    let mut rows = selection_store::ranking_rows(conn, round_id).await?;
    rows.retain(|r| sits(r, Stage::Wawancara));
    rows.sort_by(|a, b| {
        a.unit_code
            .cmp(&b.unit_code)
            .then(a.reg_seq.cmp(&b.reg_seq))
    });
    Ok(rows)
}

/// Gives every candidate without a panel one (units whole, to the least
/// busy panel). Returns how many were assigned.
pub async fn assign_automatically(
    db: &Db,
    session: &Session,
    round_id: i64,
    now: DateTime<Utc>,
) -> Result<u32> {
    session.require(Operation::EnterScores)?;
    let mut tx = db.begin_write().await?;
    ensure_preparing(&mut tx, round_id).await?;
    let panels = store::panels(&mut tx, round_id).await?;
    if panels.is_empty() {
        return Err(Error::validation(
            "panel",
            "Belum ada panel wawancara; buat panel lebih dulu.",
        ));
    }
    let sitting = sitting(&mut tx, round_id).await?;
    if sitting.is_empty() {
        return Err(Error::stage(
            "Belum ada peserta wawancara: yang diwawancarai adalah yang lulus tes tertulis, setelah tahap tes tertulis ditutup.",
        ));
    }
    let existing = store::assignments(&mut tx, round_id).await?;
    let assigned: HashSet<i64> = existing.iter().map(|a| a.applicant_id).collect();
    let mut load: Vec<(usize, i64)> = panels
        .iter()
        .map(|p| (existing.iter().filter(|a| a.panel_id == p.id).count(), p.id))
        .collect();
    let mut units: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    for r in sitting.iter().filter(|r| !assigned.contains(&r.id)) {
        units.entry(&r.unit_code).or_default().push(r.id);
    }
    let mut count = 0u32;
    for ids in units.values() {
        let slot = load
            .iter_mut()
            .min_by_key(|(n, _)| *n)
            .expect("at least one panel");
        for id in ids {
            store::assign(&mut tx, *id, slot.1, "").await?;
        }
        slot.0 += ids.len();
        count += ids.len() as u32;
    }
    let change = Change::new("interview.assign_auto", "round", round_id)
        .after(json!({ "dibagi": count, "panel": panels.len() }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(count)
}

/// Puts one candidate in a panel's schedule (at its end when moved from
/// another panel) with an optional time ("08.30"). Refused for a
/// candidate the panel has started to score.
pub async fn assign(
    db: &Db,
    session: &Session,
    round_id: i64,
    applicant_id: i64,
    panel_id: i64,
    time: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    session.require(Operation::EnterScores)?;
    let time = short_text(time, "Waktu", false, 40)?;
    let mut tx = db.begin_write().await?;
    ensure_preparing(&mut tx, round_id).await?;
    let panel = store::panel(&mut tx, panel_id)
        .await?
        .filter(|p| p.round_id == round_id)
        .ok_or_else(|| Error::NotFound(format!("Panel nomor {panel_id} pada seleksi ini")))?;
    let row = selection_store::ranking_row(&mut tx, applicant_id)
        .await?
        .filter(|r| sits(r, Stage::Wawancara))
        .ok_or_else(|| {
            Error::validation(
                "peserta",
                "Pendaftar ini tidak mengikuti wawancara (hanya yang lulus tes tertulis).",
            )
        })?;
    if crate::store::applicants::round_of(&mut tx, row.id).await? != round_id {
        return Err(Error::NotFound(format!(
            "Pendaftar nomor {applicant_id} pada seleksi ini"
        )));
    }
    let before = store::assignments(&mut tx, round_id)
        .await?
        .into_iter()
        .find(|a| a.applicant_id == applicant_id);
    if before.as_ref().is_some_and(|b| b.panel_id != panel_id)
        && !store::scores_of(&mut tx, applicant_id).await?.is_empty()
    {
        return Err(Error::validation(
            "panel",
            "Peserta ini sudah mendapat nilai dari panelnya; tidak dapat dipindah ke panel lain.",
        ));
    }
    store::assign(&mut tx, applicant_id, panel_id, &time).await?;
    let change = Change::new("interview.assign", "applicant", applicant_id)
        .before(json!({ "panel_id": before.as_ref().map(|b| b.panel_id), "waktu": before.map(|b| b.time) }))
        .after(json!({ "panel": panel.name, "waktu": time }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(())
}

/// One line of a panel's schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ScheduleRow {
    pub turn: u32,
    pub time: String,
    #[ts(type = "number")]
    pub applicant_id: i64,
    pub reg_number: String,
    pub full_name: String,
    pub sex: String,
    /// `35.14.01 Purwodadi`.
    pub unit: String,
    /// The interview mark so far (`78,50`, `absen`, or empty).
    pub mark: String,
}

/// A panel's schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PanelSchedule {
    #[ts(type = "number")]
    pub panel_id: i64,
    pub panel: String,
    pub room: String,
    pub interviewers: Vec<String>,
    pub rows: Vec<ScheduleRow>,
}

/// The interview schedule of every panel, in turn order, and the
/// candidates still without a panel (`panel_id` 0) last.
pub async fn schedule(db: &Db, session: &Session, round_id: i64) -> Result<Vec<PanelSchedule>> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    let round = rounds::get(&mut conn, round_id).await?;
    let units: HashMap<String, String> = rounds::unit_quota_rows(&mut conn, round_id, round.body)
        .await?
        .into_iter()
        .map(|u| (u.code, u.name))
        .collect();
    let names: HashMap<i64, (String, String)> = selection_store::names(&mut conn, round_id)
        .await?
        .into_iter()
        .map(|n| (n.id, (n.reg_number, n.full_name)))
        .collect();
    let sitting = sitting(&mut conn, round_id).await?;
    let by_id: HashMap<i64, &RankingRow> = sitting.iter().map(|r| (r.id, r)).collect();
    let interviewers = store::interviewers(&mut conn, round_id).await?;
    let assignments = store::assignments(&mut conn, round_id).await?;
    let row = |turn: u32, time: &str, r: &RankingRow| {
        let (reg_number, full_name) = names.get(&r.id).cloned().unwrap_or_default();
        ScheduleRow {
            turn,
            time: time.to_string(),
            applicant_id: r.id,
            reg_number,
            full_name,
            sex: r.sex().to_string(),
            unit: format!(
                "{} {}",
                dotted(&r.unit_code),
                units.get(&r.unit_code).map_or("", String::as_str)
            ),
            mark: mark_text(r.interview_mark()),
        }
    };
    let mut out: Vec<PanelSchedule> = store::panels(&mut conn, round_id)
        .await?
        .into_iter()
        .map(|p| {
            let rows = assignments
                .iter()
                .filter(|a| a.panel_id == p.id)
                .filter_map(|a| by_id.get(&a.applicant_id).map(|r| (a, *r)))
                .enumerate()
                .map(|(i, (a, r))| row(i as u32 + 1, &a.time, r))
                .collect();
            PanelSchedule {
                panel_id: p.id,
                interviewers: interviewers
                    .iter()
                    .filter(|i| i.panel_id == p.id)
                    .map(|i| i.name.clone())
                    .collect(),
                panel: p.name,
                room: p.room,
                rows,
            }
        })
        .collect();
    let assigned: HashSet<i64> = assignments.iter().map(|a| a.applicant_id).collect();
    let waiting: Vec<ScheduleRow> = sitting
        .iter()
        .filter(|r| !assigned.contains(&r.id))
        .enumerate()
        .map(|(i, r)| row(i as u32 + 1, "", r))
        .collect();
    if !waiting.is_empty() {
        out.push(PanelSchedule {
            panel_id: 0,
            panel: "Belum dibagi ke panel".into(),
            room: String::new(),
            interviewers: Vec::new(),
            rows: waiting,
        });
    }
    Ok(out)
}
