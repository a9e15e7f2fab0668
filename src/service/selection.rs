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
use crate::domain::ranking::{
    self, format_final, format_score, Candidate, Mark, Placed, Rules, Status, UnitRanking,
};
use crate::domain::region::RegionCode;
use crate::domain::round::Stage;
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::service::verification;
use crate::store::extensions::{self as ext_store, Decision, Extension};
use crate::store::selection::{self as store, RankingRow};
use crate::store::{responses, rounds, Db};

/// One unit of a round (kecamatan for PPK, desa for PPS) and its quota.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    /// Digits, as stored.
    pub code: String,
    pub name: String,
    pub kecamatan_code: String,
    pub kecamatan_name: String,
    pub quota: u32,
}

/// A round's data and every unit's ranking, computed in one pass.
pub(crate) struct Computed {
    pub round: rounds::Round,
    pub units: Vec<Unit>,
    /// Sorted by applicant id (see [`Computed::row`]).
    pub rows: Vec<RankingRow>,
    /// While the administrative stage is open: the applicants derived MS
    /// (afterwards the frozen result on each row says it).
    live_ms: Option<HashSet<i64>>,
    /// Unit code (digits) → ranking.
    pub rankings: HashMap<String, UnitRanking>,
    pub extensions: Vec<Extension>,
    /// The Pimpinan's decisions to go on without an extension.
    pub extension_decisions: Vec<Decision>,
}

impl Computed {
    /// MS in the administrative check.
    pub fn is_ms(&self, row: &RankingRow) -> bool {
        match &self.live_ms {
            Some(ms) => ms.contains(&row.id),
            None => row.admin_ms == Some(true),
        }
    }

    /// One applicant's row (rows are in id order).
    pub fn row(&self, id: i64) -> Option<&RankingRow> {
        self.rows
            .binary_search_by_key(&id, |r| r.id)
            .ok()
            .map(|i| &self.rows[i])
    }

    fn rules(&self, quota: u32, explain: bool) -> Rules {
        Rules {
            explain,
            quota,
            pass_multiple: self.round.settings.written_pass_multiple,
            final_multiple: self.round.settings.final_rank_multiple,
            combination: self.round.settings.score_combination,
        }
    }
}

/// Reads a round and ranks every unit. The MS list comes from the frozen
/// administrative results once that stage is closed, else it is derived.
/// `explain`: write each place's explanation (for lists people read).
pub(crate) async fn compute(
    db: &Db,
    session: &Session,
    round_id: i64,
    now: DateTime<Utc>,
    explain: bool,
) -> Result<Computed> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    compute_in(&mut conn, round_id, now, explain).await
}

/// [`compute`] read on the connection (or transaction) given, so that a
/// stage close freezes exactly what it ranked.
pub(crate) async fn compute_in(
    conn: &mut sqlx::SqliteConnection,
    round_id: i64,
    now: DateTime<Utc>,
    explain: bool,
) -> Result<Computed> {
    let round = rounds::get(conn, round_id).await?;
    let quota_rows = rounds::unit_quota_rows(conn, round_id, round.body).await?;
    let rows = store::ranking_rows(conn, round_id).await?;
    let extensions = ext_store::extensions(conn, round_id).await?;
    let extension_decisions = ext_store::decisions(conn, round_id).await?;
    let dropped: HashSet<i64> = responses::dropped(conn, round_id)
        .await?
        .into_iter()
        .collect();
    let default_quota = round.settings.quota_per_unit;
    let mut units: Vec<Unit> = quota_rows
        .into_iter()
        .map(|r| Unit {
            kecamatan_code: r.code[..6.min(r.code.len())].to_string(),
            code: r.code,
            name: r.name,
            kecamatan_name: r.kecamatan_name,
            quota: r.quota.unwrap_or(default_quota),
        })
        .collect();
    let live_ms: Option<HashSet<i64>> = if round.current_stage > Stage::Administrasi {
        None
    } else {
        Some(
            verification::results_in(conn, round_id, now)
                .await?
                .into_iter()
                .filter(|r| r.result == "MS")
                .map(|r| r.id)
                .collect(),
        )
    };
    let is_ms = |r: &RankingRow| match &live_ms {
        Some(ms) => ms.contains(&r.id),
        None => r.admin_ms == Some(true),
    };
    let mut by_unit: HashMap<&str, Vec<Candidate>> = HashMap::with_capacity(units.len());
    for r in &rows {
        by_unit.entry(&r.unit_code).or_default().push(Candidate {
            id: r.id,
            seq: r.reg_seq,
            ms: is_ms(r),
            dropped: dropped.contains(&r.id),
            written: r.written_mark(),
            interview: r.interview_mark(),
            passed_written: r.written_result.map(|s| s == Status::Lulus),
            final_frozen: r.final_result,
            plenary: r.plenary,
        });
    }
    // An applicant's unit outside the kabupaten's list (not expected) still
    // gets a row, with the round's quota.
    let known: HashSet<&str> = units.iter().map(|u| u.code.as_str()).collect();
    let mut strays: Vec<String> = by_unit
        .keys()
        .filter(|c| !known.contains(*c))
        .map(|c| c.to_string())
        .collect();
    strays.sort();
    for code in strays {
        units.push(Unit {
            kecamatan_code: code[..6.min(code.len())].to_string(),
            name: code.clone(),
            kecamatan_name: String::new(),
            code,
            quota: default_quota,
        });
    }
    let mut computed = Computed {
        round,
        units,
        rows: Vec::new(),
        live_ms,
        rankings: HashMap::new(),
        extensions,
        extension_decisions,
    };
    let mut rankings = HashMap::with_capacity(by_unit.len());
    for u in &computed.units {
        if let Some(cs) = by_unit.get(u.code.as_str()) {
            rankings.insert(
                u.code.clone(),
                ranking::rank_unit(&computed.rules(u.quota, explain), cs),
            );
        }
    }
    drop(by_unit);
    computed.rankings = rankings;
    computed.rows = rows;
    Ok(computed)
}

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
    let c = compute(db, session, round_id, now, true).await?;
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
    let c = compute_in(&mut tx, round_id, now, false).await?;
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
