//! The selection after the administrative check: test scores (one at a time
//! or from a CSV), the ranking of every unit, the quota dashboard and the
//! plenary's decisions on ties.
//!
//! Every figure is computed from the stored scores and the round's settings
//! by [`crate::domain::ranking`]; nothing is cached, so what is shown is
//! always what the data says. A closed stage's results are frozen per
//! applicant when the stage closes, and then decide who went on.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use crate::docs::csv_in::RowProblem;
use crate::docs::scores_csv;
use crate::domain::extension::{self, ExtensionState, UnitRegistration};
use crate::domain::permission::Operation;
use crate::domain::permission::Session;
use crate::domain::ranking::{
    self, format_final, format_score, Candidate, Mark, Placed, Rules, Status, UnitRanking,
};
use crate::domain::region::RegionCode;
use crate::domain::round::{Body, Stage};
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::service::verification;
use crate::store::extensions::{self as ext_store, Decision, Extension};
use crate::store::selection::{self as store, NewMark, RankingRow};
use crate::store::{applicants, responses, rounds, Db};

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

fn dotted(code: &str) -> String {
    RegionCode::from_trusted(code.to_string()).dotted()
}

fn mark_text(m: Option<Mark>) -> String {
    match m {
        Some(Mark::Score(s)) => format_score(s),
        Some(Mark::Absent) => "absen".into(),
        None => String::new(),
    }
}

fn test_stage(stage: Stage) -> Result<()> {
    if !matches!(stage, Stage::Tertulis | Stage::Wawancara) {
        return Err(Error::validation(
            "tahapan",
            format!(
                "Nilai hanya dimasukkan untuk tes tertulis atau wawancara, bukan {}.",
                stage.label().to_lowercase()
            ),
        ));
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
        return Err(Error::validation(
            "tahapan",
            "Hasil tersedia untuk tahap tertulis dan akhir (hasil administrasi: tahap administrasi).",
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

/// A flag on a unit of the quota dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum QuotaFlag {
    /// Registration closed with fewer applicants than threshold × quota.
    PerluPerpanjangan,
    /// An extension is running.
    Diperpanjang,
    /// Extended, and still fewer applicants than the quota.
    PerluPerpanjanganLagi,
    /// Fewer candidates left than the quota (MS, or Terpilih at the end).
    KurangCalon,
    /// A tie across a cut of the final ranking waits for the plenary.
    SeriBelumDiputuskan,
    /// Women are under 30% of the Terpilih.
    PerempuanKurang30,
}

impl QuotaFlag {
    pub fn label(self) -> &'static str {
        match self {
            QuotaFlag::PerluPerpanjangan => "perlu perpanjangan",
            QuotaFlag::Diperpanjang => "sedang diperpanjang",
            QuotaFlag::PerluPerpanjanganLagi => "perlu perpanjangan lagi",
            QuotaFlag::KurangCalon => "calon kurang dari kuota",
            QuotaFlag::SeriBelumDiputuskan => "nilai seri menunggu pleno",
            QuotaFlag::PerempuanKurang30 => "perempuan < 30%",
        }
    }
}

/// One unit (or a kecamatan's subtotal, or the kabupaten's total) on the
/// quota dashboard.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct QuotaRow {
    /// Dotted unit code (empty on the total).
    pub unit_code: String,
    pub unit_name: String,
    pub kecamatan_code: String,
    pub kecamatan_name: String,
    pub quota: u32,
    /// Active applicants (withdrawn ones not counted).
    pub registered: u32,
    pub ms: u32,
    pub passed_written: u32,
    pub terpilih: u32,
    pub cadangan: u32,
    pub women_terpilih: u32,
    /// Women among the Terpilih, in whole percent (none without Terpilih).
    pub women_percent: Option<u32>,
    /// The end of the latest registration extension, if the unit had one.
    pub extended_until: Option<String>,
    pub flags: Vec<QuotaFlag>,
}

impl QuotaRow {
    fn add(&mut self, o: &QuotaRow) {
        self.quota += o.quota;
        self.registered += o.registered;
        self.ms += o.ms;
        self.passed_written += o.passed_written;
        self.terpilih += o.terpilih;
        self.cadangan += o.cadangan;
        self.women_terpilih += o.women_terpilih;
    }

    fn finish_women(&mut self) {
        self.women_percent = (self.terpilih > 0)
            .then(|| (self.women_terpilih * 100 + self.terpilih / 2) / self.terpilih);
        if self.terpilih > 0 && self.women_terpilih * 10 < self.terpilih * 3 {
            self.flags.push(QuotaFlag::PerempuanKurang30);
        }
    }
}

/// The quota dashboard of a round.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct QuotaDashboard {
    #[ts(type = "number")]
    pub round_id: i64,
    pub round_name: String,
    pub body: Body,
    pub current_stage: Stage,
    /// One row per unit, in code order (for PPS, desa of a kecamatan together).
    pub units: Vec<QuotaRow>,
    /// For PPS: one subtotal per kecamatan; for PPK: empty.
    pub kecamatan: Vec<QuotaRow>,
    pub total: QuotaRow,
    /// Units with each flag, for the summary line.
    pub flagged: Vec<(QuotaFlag, u32)>,
}

/// Per unit: quota, registered, MS, passed the written test, Terpilih,
/// Cadangan, women among the Terpilih, and what needs attention.
pub async fn quota(
    db: &Db,
    session: &Session,
    round_id: i64,
    now: DateTime<Utc>,
) -> Result<QuotaDashboard> {
    let c = compute(db, session, round_id, now, false).await?;
    Ok(dashboard(&c, now))
}

pub(crate) fn dashboard(c: &Computed, now: DateTime<Utc>) -> QuotaDashboard {
    let today = now.date_naive();
    let settings = &c.round.settings;
    let stage = c.round.current_stage;
    let mut registered: HashMap<&str, u32> = HashMap::new();
    let mut ms: HashMap<&str, u32> = HashMap::new();
    for r in &c.rows {
        *registered.entry(r.unit_code.as_str()).or_default() += 1;
        if c.is_ms(r) {
            *ms.entry(r.unit_code.as_str()).or_default() += 1;
        }
    }
    // Per unit: (extensions, end of the latest), and the extension count a
    // decision to go on was taken at.
    let mut extended: HashMap<&str, (u32, NaiveDate)> = HashMap::new();
    for e in &c.extensions {
        let entry = extended
            .entry(e.unit_code.as_str())
            .or_insert((0, e.ends_on));
        *entry = (entry.0 + 1, e.ends_on);
    }
    let decided: HashMap<&str, u32> = c
        .extension_decisions
        .iter()
        .map(|d| (d.unit_code.as_str(), d.extensions))
        .collect();
    let mut units = Vec::with_capacity(c.units.len());
    let mut flagged: HashMap<QuotaFlag, u32> = HashMap::new();
    for u in &c.units {
        let mut row = QuotaRow {
            unit_code: dotted(&u.code),
            unit_name: u.name.clone(),
            kecamatan_code: dotted(&u.kecamatan_code),
            kecamatan_name: u.kecamatan_name.clone(),
            quota: u.quota,
            registered: registered.get(u.code.as_str()).copied().unwrap_or(0),
            ms: ms.get(u.code.as_str()).copied().unwrap_or(0),
            ..Default::default()
        };
        if let Some(r) = c.rankings.get(&u.code) {
            row.passed_written = r
                .written
                .iter()
                .filter(|p| p.status == Status::Lulus)
                .count() as u32;
            for p in &r.final_ {
                match p.status {
                    Status::Terpilih => {
                        row.terpilih += 1;
                        row.women_terpilih += u32::from(c.row(p.id).is_some_and(|r| r.woman));
                    }
                    Status::Cadangan => row.cadangan += 1,
                    _ => {}
                }
            }
            if r.unresolved_ties > 0 {
                row.flags.push(QuotaFlag::SeriBelumDiputuskan);
            }
        }
        let ext = extended.get(u.code.as_str()).copied();
        row.extended_until = ext.map(|(_, end)| end.to_string());
        // Extensions matter between the close of registration and the close
        // of the administrative stage.
        if stage == Stage::Administrasi {
            let facts = UnitRegistration {
                registered: row.registered,
                quota: u.quota,
                threshold: settings.extension_threshold,
                extensions: ext.map_or(0, |(n, _)| n),
                extended_until: ext.map(|(_, end)| end),
                decided_after: decided.get(u.code.as_str()).copied(),
            };
            match extension::state(&facts, today) {
                Some(ExtensionState::PerluPerpanjangan) => {
                    row.flags.push(QuotaFlag::PerluPerpanjangan)
                }
                Some(ExtensionState::Diperpanjang) => row.flags.push(QuotaFlag::Diperpanjang),
                Some(ExtensionState::PerluPerpanjanganLagi) => {
                    row.flags.push(QuotaFlag::PerluPerpanjanganLagi)
                }
                _ => {}
            }
        }
        let short = if stage > Stage::Akhir {
            row.terpilih < u.quota
        } else if stage > Stage::Administrasi {
            row.ms < u.quota
        } else {
            false
        };
        if short {
            row.flags.push(QuotaFlag::KurangCalon);
        }
        row.finish_women();
        for f in &row.flags {
            *flagged.entry(*f).or_default() += 1;
        }
        units.push(row);
    }
    let mut kecamatan: Vec<QuotaRow> = Vec::new();
    if c.round.body == Body::Pps {
        let mut by_kec: std::collections::BTreeMap<&str, QuotaRow> = Default::default();
        for u in &units {
            let k = by_kec
                .entry(u.kecamatan_code.as_str())
                .or_insert_with(|| QuotaRow {
                    unit_code: u.kecamatan_code.clone(),
                    unit_name: u.kecamatan_name.clone(),
                    kecamatan_code: u.kecamatan_code.clone(),
                    kecamatan_name: u.kecamatan_name.clone(),
                    ..Default::default()
                });
            k.add(u);
            for f in &u.flags {
                if !k.flags.contains(f) && *f != QuotaFlag::PerempuanKurang30 {
                    k.flags.push(*f);
                }
            }
        }
        kecamatan = by_kec.into_values().collect();
        for k in &mut kecamatan {
            k.finish_women();
        }
    }
    let mut total = QuotaRow {
        unit_name: "Jumlah".into(),
        ..Default::default()
    };
    for u in &units {
        total.add(u);
    }
    total.finish_women();
    let order = [
        QuotaFlag::PerluPerpanjangan,
        QuotaFlag::Diperpanjang,
        QuotaFlag::PerluPerpanjanganLagi,
        QuotaFlag::KurangCalon,
        QuotaFlag::SeriBelumDiputuskan,
        QuotaFlag::PerempuanKurang30,
    ];
    QuotaDashboard {
        round_id: c.round.id,
        round_name: c.round.name.clone(),
        body: c.round.body,
        current_stage: stage,
        units,
        kecamatan,
        total,
        flagged: order
            .into_iter()
            .filter_map(|f| flagged.get(&f).map(|n| (f, *n)))
            .collect(),
    }
}

/// Refuses unless `stage` is the round's stage in progress and open.
async fn ensure_scoring(
    conn: &mut sqlx::SqliteConnection,
    round_id: i64,
    stage: Stage,
) -> Result<rounds::Round> {
    test_stage(stage)?;
    let round = rounds::get(conn, round_id).await?;
    if round.current_stage != stage || !round.stage_open {
        let why = if round.current_stage > stage {
            "sudah ditutup; nilainya dibekukan".to_string()
        } else if round.current_stage == stage {
            "belum dibuka oleh Pimpinan".to_string()
        } else {
            format!(
                "belum berjalan (tahap sekarang: {})",
                round.current_stage.label().to_lowercase()
            )
        };
        return Err(Error::validation(
            "tahapan",
            format!(
                "Nilai {} tidak dapat diubah: tahap itu {why}.",
                stage.label().to_lowercase()
            ),
        ));
    }
    Ok(round)
}

/// Who sits a test: for the written test the MS applicants, for the
/// interview those who passed the written test (both frozen by then).
fn sits(row: &RankingRow, stage: Stage) -> bool {
    match stage {
        Stage::Tertulis => row.admin_ms == Some(true),
        _ => row.written_result == Some(Status::Lulus),
    }
}

/// One line of the score sheet of a test.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ScoreSheetRow {
    #[ts(type = "number")]
    pub applicant_id: i64,
    pub reg_number: String,
    pub full_name: String,
    pub sex: String,
    pub unit_code: String,
    pub unit_name: String,
    /// `78,50`, `absen`, or empty when not entered yet.
    pub mark: String,
}

/// The score sheet of a test.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ScoreSheet {
    pub stage: Stage,
    /// Whether marks can be entered now (the test's stage is open).
    pub editable: bool,
    pub rows: Vec<ScoreSheetRow>,
    pub entered: u32,
    pub missing: u32,
}

/// Everyone who sits the test of `stage`, in unit and registration order,
/// with the mark entered so far. `unit` narrows it to one unit (or kecamatan).
pub async fn score_sheet(
    db: &Db,
    session: &Session,
    round_id: i64,
    stage: Stage,
    unit: Option<&str>,
) -> Result<ScoreSheet> {
    session.require(Operation::Read)?;
    test_stage(stage)?;
    let unit = unit.map(RegionCode::parse).transpose()?;
    let mut conn = db.pool().acquire().await?;
    let round = rounds::get(&mut conn, round_id).await?;
    let units: HashMap<String, String> = rounds::unit_quota_rows(&mut conn, round_id, round.body)
        .await?
        .into_iter()
        .map(|u| (u.code, u.name))
        .collect();
    let mut rows = store::ranking_rows(&mut conn, round_id).await?;
    let names: HashMap<i64, (String, String)> = store::names(&mut conn, round_id)
        .await?
        .into_iter()
        .map(|n| (n.id, (n.reg_number, n.full_name)))
        .collect();
    rows.retain(|r| {
        sits(r, stage)
            && unit
                .as_ref()
                .is_none_or(|u| r.unit_code.starts_with(u.digits()))
    });
    rows.sort_by(|a, b| {
        a.unit_code
            .cmp(&b.unit_code)
            .then(a.reg_seq.cmp(&b.reg_seq))
    });
    let mut entered = 0;
    let out: Vec<ScoreSheetRow> = rows
        .into_iter()
        .map(|r| {
            let mark = if stage == Stage::Tertulis {
                r.written_mark()
            } else {
                r.interview_mark()
            };
            entered += u32::from(mark.is_some());
            let (reg_number, full_name) = names.get(&r.id).cloned().unwrap_or_default();
            ScoreSheetRow {
                applicant_id: r.id,
                reg_number,
                full_name,
                sex: r.sex().to_string(),
                unit_name: units.get(&r.unit_code).cloned().unwrap_or_default(),
                unit_code: dotted(&r.unit_code),
                mark: mark_text(mark),
            }
        })
        .collect();
    Ok(ScoreSheet {
        stage,
        editable: round.current_stage == stage && round.stage_open,
        missing: out.len() as u32 - entered,
        entered,
        rows: out,
    })
}

/// Enters (or, with an empty text, clears) one applicant's mark for the
/// test of `stage`. Verifikator; only while that stage is open.
pub async fn record_mark(
    db: &Db,
    session: &Session,
    round_id: i64,
    stage: Stage,
    applicant_id: i64,
    text: &str,
    now: DateTime<Utc>,
) -> Result<String> {
    session.require(Operation::EnterScores)?;
    let mark = if text.trim().is_empty() {
        None
    } else {
        Some(ranking::parse_mark(text).map_err(|e| Error::validation("nilai", e))?)
    };
    let mut tx = db.begin_write().await?;
    ensure_scoring(&mut tx, round_id, stage).await?;
    let not_here = || Error::NotFound(format!("Pendaftar nomor {applicant_id} pada seleksi ini"));
    if applicants::round_of(&mut tx, applicant_id).await? != round_id {
        return Err(not_here());
    }
    let row = store::ranking_row(&mut tx, applicant_id)
        .await?
        .ok_or_else(not_here)?;
    if !sits(&row, stage) {
        return Err(Error::validation("nilai", not_sitting(stage)));
    }
    let before = if stage == Stage::Tertulis {
        row.written_mark()
    } else {
        row.interview_mark()
    };
    store::upsert_marks(
        &mut tx,
        stage,
        &[NewMark { applicant_id, mark }],
        session.user_id,
        now,
    )
    .await?;
    let change = Change::new("score.record", "applicant", applicant_id)
        .before(json!({ "stage": stage.as_str(), "nilai": mark_text(before) }))
        .after(json!({ "stage": stage.as_str(), "nilai": mark_text(mark) }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(mark_text(mark))
}

fn not_sitting(stage: Stage) -> String {
    match stage {
        Stage::Tertulis => "Pendaftar ini tidak mengikuti tes tertulis (hanya yang MS pada penelitian administrasi).".into(),
        _ => "Pendaftar ini tidak mengikuti wawancara (hanya yang lulus tes tertulis).".into(),
    }
}

/// What a score import did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ScoreImport {
    pub stored: u32,
    pub absent: u32,
    pub problems: Vec<RowProblem>,
}

/// Imports marks of one test from CSV (`nomor_pendaftaran,nilai`, and an
/// optional `hadir` column: `tidak` marks an absence, as does a `nilai` of
/// `absen`). Every row is checked first; one bad row and nothing is stored.
pub async fn import_marks(
    db: &Db,
    session: &Session,
    round_id: i64,
    stage: Stage,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<ScoreImport> {
    session.require(Operation::EnterScores)?;
    test_stage(stage)?;
    let input = scores_csv::read(bytes)?;
    let mut tx = db.begin_write().await?;
    ensure_scoring(&mut tx, round_id, stage).await?;
    let names = store::names(&mut tx, round_id).await?;
    let rows: HashMap<i64, RankingRow> = store::ranking_rows(&mut tx, round_id)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let ids: HashMap<String, i64> = names.into_iter().map(|n| (n.reg_number, n.id)).collect();
    let mut marks = Vec::with_capacity(input.len());
    let mut seen: HashMap<i64, u64> = HashMap::new();
    let mut problems = Vec::new();
    let mut absent = 0;
    let problem = |line: u64, reason: String| RowProblem {
        line,
        column: "nomor_pendaftaran".into(),
        reason,
    };
    for row in &input {
        let row = match row {
            Ok(row) => row,
            Err(p) => {
                problems.push(p.clone());
                continue;
            }
        };
        let number = &row.number;
        let Some(&id) = ids.get(number) else {
            problems.push(problem(
                row.line,
                format!("Nomor pendaftaran \"{number}\" tidak ada (atau sudah mundur) pada seleksi ini."),
            ));
            continue;
        };
        if let Some(first) = seen.insert(id, row.line) {
            problems.push(problem(
                row.line,
                format!("Nomor pendaftaran {number} sudah ada di baris {first}."),
            ));
            continue;
        }
        if !sits(&rows[&id], stage) {
            problems.push(problem(
                row.line,
                format!("{number}: {}", not_sitting(stage)),
            ));
            continue;
        }
        match &row.mark {
            Ok(m) => {
                absent += u32::from(*m == Mark::Absent);
                marks.push(NewMark {
                    applicant_id: id,
                    mark: Some(*m),
                });
            }
            Err(p) => problems.push(p.clone()),
        }
    }
    if input.is_empty() {
        problems.push(RowProblem {
            line: 1,
            column: String::new(),
            reason: "Berkas tidak berisi nilai.".into(),
        });
    }
    if !problems.is_empty() {
        return Ok(ScoreImport {
            stored: 0,
            absent: 0,
            problems,
        });
    }
    store::upsert_marks(&mut tx, stage, &marks, session.user_id, now).await?;
    let change = Change::new("score.import", "round", round_id).after(json!({
        "stage": stage.as_str(),
        "nilai": marks.len(),
        "absen": absent,
    }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(ScoreImport {
        stored: marks.len() as u32,
        absent,
        problems: Vec::new(),
    })
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
        return Err(Error::validation(
            "tahapan",
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
