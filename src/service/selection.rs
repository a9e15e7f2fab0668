//! The selection after the administrative check: the ranking of every unit
//! (the written test's cut and the final list) and the plenary's decisions
//! on ties. Scores are entered in [`crate::service::scores`]; the quota
//! dashboard is [`crate::service::quota`].
//!
//! Every figure is computed from the stored scores and the round's settings
//! by [`crate::domain::ranking`]; nothing is cached, so what is shown is
//! always what the data says. A closed stage's results are frozen per
//! applicant when the stage closes, and then decide who went on.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use crate::domain::permission::{Operation, Session};
use crate::domain::ranking::{format_final, format_score, Mark, Placed, Status};
use crate::domain::region::RegionCode;
use crate::domain::round::Stage;
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::service::evaluation;
pub(crate) use crate::service::evaluation::Computed;
use crate::store::selection as store;
use crate::store::Db;

pub(crate) fn dotted(code: &str) -> String {
    RegionCode::from_trusted(code.to_string()).dotted()
}

pub(crate) fn mark_text(m: Option<Mark>) -> String {
    match m {
        Some(Mark::Score(s)) => format_score(s),
        Some(Mark::Absent) => "absen".into(),
        None => String::new(),
    }
}

pub(crate) fn test_stage(stage: Stage) -> Result<()> {
    if !matches!(stage, Stage::Tertulis | Stage::Wawancara) {
        return Err(Error::stage(format!(
            "Nilai hanya dimasukkan untuk tes tertulis atau wawancara, bukan {}.",
            stage.label().to_lowercase()
        )));
    }
    Ok(())
}

/// One line of a result list (written test or final), in ranking order
/// within its unit.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SelectionRow {
    #[ts(type = "number")]
    pub applicant_id: i64,
    pub reg_number: String,
    pub full_name: String,
    /// `L` or `P`.
    pub sex: String,
    /// Dotted unit code.
    pub unit_code: String,
    pub unit_name: String,
    pub kecamatan_name: String,
    /// `78,50`, `absen`, or empty.
    pub written: String,
    pub interview: String,
    /// The final score by the round's setting, when there is one.
    pub final_score: String,
    /// Rank by score (equal scores share it).
    pub rank: Option<u32>,
    /// Place in the list.
    pub position: Option<u32>,
    /// Order among the Cadangan.
    pub reserve: Option<u32>,
    pub status: Status,
    pub status_label: String,
    /// Tied across a cut; waits for the plenary.
    pub unresolved_tie: bool,
    pub explanation: String,
    /// What happened after the list during the term: "Berhenti; diganti
    /// melalui PAW" (a member who left), "Pengganti antarwaktu sejak …"
    /// (the Cadangan who took her seat).
    pub paw_note: Option<String>,
}

/// The result of a stage for every unit: `Tertulis` (who goes on to the
/// interview) or `Akhir` (the final ranking: Terpilih, Cadangan). Units in
/// code order, applicants in ranking order. Any logged-in role.
pub async fn results(
    db: &Db,
    session: &Session,
    round_id: i64,
    stage: Stage,
    unit: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Vec<SelectionRow>> {
    if !matches!(stage, Stage::Tertulis | Stage::Akhir) {
        return Err(Error::stage("Hasil tersedia untuk tahap tertulis dan akhir (hasil administrasi: tahap administrasi).",
        ));
    }
    let unit = unit.map(RegionCode::parse).transpose()?;
    let c = evaluation::ranking(db, session, round_id, now, true).await?;
    listed(db, &c, stage, unit.as_ref()).await
}

/// The lines of `stage`'s list (`Tertulis` or `Akhir`) from an already
/// computed round, with names; `unit` narrows it to one unit or kecamatan.
pub(crate) async fn listed(
    db: &Db,
    c: &Computed,
    stage: Stage,
    unit: Option<&RegionCode>,
) -> Result<Vec<SelectionRow>> {
    let mut conn = db.pool().acquire().await?;
    listed_in(&mut conn, c, stage, unit).await
}

/// [`listed`] read on the connection (or transaction) given.
pub(crate) async fn listed_in(
    conn: &mut sqlx::SqliteConnection,
    c: &Computed,
    stage: Stage,
    unit: Option<&RegionCode>,
) -> Result<Vec<SelectionRow>> {
    let names: HashMap<i64, (String, String)> = store::names(conn, c.round.id)
        .await?
        .into_iter()
        .map(|n| (n.id, (n.reg_number, n.full_name)))
        .collect();
    // Departures during the term and confirmed replacements, on the list
    // beside the place the final results gave.
    let mut paw_notes: HashMap<i64, String> = HashMap::new();
    if stage == Stage::Akhir {
        let holders: HashMap<i64, String> = crate::store::seat_holders::of_round(conn, c.round.id)
            .await?
            .into_iter()
            .map(|h| (h.id, h.full_name))
            .collect();
        for e in crate::store::responses::paw_events(conn, c.round.id).await? {
            let left = e.left_on.format("%d-%m-%Y");
            if let Some(id) = e.member_id {
                paw_notes.insert(id, format!("Berhenti {left}; diganti melalui PAW"));
            }
            if let (Some(r), Some(_)) = (e.replacement_id, &e.confirmed_at) {
                let member = match (e.member_id, e.member_holder_id) {
                    (Some(id), _) => names.get(&id).map(|n| n.1.as_str()),
                    (None, Some(h)) => holders.get(&h).map(String::as_str),
                    _ => None,
                };
                paw_notes.insert(r, format!("Pengganti antarwaktu {}", member.unwrap_or("")));
            }
        }
    }
    let mut out = Vec::new();
    for u in &c.units {
        if unit.is_some_and(|x| x.digits() != u.code && x.digits() != u.kecamatan_code) {
            continue;
        }
        let Some(r) = c.rankings.get(&u.code) else {
            continue;
        };
        let list: &[Placed] = if stage == Stage::Tertulis {
            &r.written
        } else {
            &r.final_
        };
        for p in list {
            let Some(row) = c.row(p.id) else {
                continue;
            };
            let (number, name) = names.get(&p.id).cloned().unwrap_or_default();
            out.push(SelectionRow {
                applicant_id: p.id,
                reg_number: number,
                full_name: name,
                sex: row.sex().to_string(),
                unit_code: dotted(&u.code),
                unit_name: u.name.clone(),
                kecamatan_name: u.kecamatan_name.clone(),
                written: mark_text(row.written_mark()),
                interview: mark_text(row.interview_mark()),
                final_score: p
                    .final_score
                    .map(|f| format_final(f, c.round.settings.score_combination))
                    .unwrap_or_default(),
                rank: p.rank,
                position: p.position,
                reserve: p.reserve,
                status: p.status,
                status_label: p.status.label().to_string(),
                unresolved_tie: p.unresolved_tie,
                explanation: p.explanation.clone(),
                paw_note: paw_notes.get(&p.id).cloned(),
            });
        }
    }
    Ok(out)
}

/// Records the plenary's order for applicants still tied across a cut of
/// the final ranking: `ordered` is the whole tied group, best first.
/// Pimpinan; while the final results are being settled.
pub async fn decide_tie(
    db: &Db,
    session: &Session,
    round_id: i64,
    ordered: &[i64],
    note: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    session.require(Operation::PlenaryDecisions)?;
    let note = crate::service::written_text(
        note,
        "catatan",
        10,
        "Tuliskan dasar keputusan (mis. nomor Berita Acara rapat pleno), paling sedikit 10 karakter.",
    )?;
    // The group is checked and the order stored in one transaction that
    // holds the write lock: the marks it checked are the marks it orders.
    let mut tx = db.begin_write().await?;
    let c = evaluation::ranking_in(&mut tx, round_id, now, false).await?;
    if !matches!(c.round.current_stage, Stage::Wawancara | Stage::Akhir) {
        return Err(Error::stage(
            "Keputusan pleno atas nilai seri dicatat sebelum hasil akhir ditutup.",
        ));
    }
    let wanted: HashSet<i64> = ordered.iter().copied().collect();
    let marks = |id: i64| c.row(id).map(|x| (x.written_mark(), x.interview_mark()));
    // The tied group of the first applicant named: same final, interview
    // and written score in the same unit.
    let group: Option<HashSet<i64>> = c.rankings.values().find_map(|r| {
        let first = r
            .final_
            .iter()
            .find(|p| Some(p.id) == ordered.first().copied())?;
        let tied = |p: &&Placed| {
            p.final_score.is_some()
                && p.final_score == first.final_score
                && marks(p.id) == marks(first.id)
        };
        Some(r.final_.iter().filter(tied).map(|p| p.id).collect())
    });
    let Some(group) = group else {
        return Err(Error::validation(
            "urutan",
            "Pendaftar pertama tidak ada dalam peringkat akhir seleksi ini.",
        ));
    };
    if group.len() < 2 || group != wanted || wanted.len() != ordered.len() {
        return Err(Error::validation(
            "urutan",
            format!(
                "Urutan harus memuat tepat semua pendaftar yang nilainya sama ({} orang), masing-masing satu kali.",
                group.len()
            ),
        ));
    }
    store::decide_tie(&mut tx, round_id, ordered, &note, session.user_id, now).await?;
    let change = Change::new("tie.decide", "round", round_id)
        .after(json!({ "urutan": ordered, "catatan": note }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(())
}
