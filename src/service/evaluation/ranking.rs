//! Every unit's ranking of a round ([`crate::domain::ranking`]) from the
//! facts the store read: the units and their quotas, each applicant's
//! marks and frozen results, extensions, and the candidates dropped after
//! a proven public response.

use std::collections::{HashMap, HashSet};

use crate::domain::ranking::{self, Candidate, Rules, Status, UnitRanking};
use crate::domain::round::Round;
use crate::domain::seat_holder;
use crate::store::extensions::{Decision, Extension};
use crate::store::rounds::UnitQuotaRow;
use crate::store::selection::RankingRow;

/// One unit of a round (kecamatan for PPK, desa for PPS) and its quota.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Digits, as stored.
    pub code: String,
    pub name: String,
    pub kecamatan_code: String,
    pub kecamatan_name: String,
    pub quota: u32,
    /// Seats held by appointed or kept members
    /// ([`crate::domain::seat_holder`]); the selection ranks only the rest.
    pub held: u32,
}

impl Unit {
    /// The seats this round's selection fills.
    pub fn seats_left(&self) -> u32 {
        seat_holder::seats_left(self.quota, self.held)
    }
}

/// A round's data and every unit's ranking, computed in one pass.
pub struct Computed {
    pub round: Round,
    pub units: Vec<Unit>,
    /// Sorted by applicant id (see [`Computed::row`]).
    pub rows: Vec<RankingRow>,
    /// While the administrative stage is open: the applicants derived MS
    /// (afterwards the frozen result on each row says it).
    pub(super) live_ms: Option<HashSet<i64>>,
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

/// What a round's ranking is computed from.
pub(super) struct Facts {
    pub units: Vec<UnitQuotaRow>,
    pub rows: Vec<RankingRow>,
    pub extensions: Vec<Extension>,
    pub extension_decisions: Vec<Decision>,
    /// Seats held per unit (digits) by appointed or kept members.
    pub held: HashMap<String, u32>,
    /// Candidates dropped after a proven public response.
    pub dropped: HashSet<i64>,
    /// While the administrative stage is open: the applicants derived MS.
    pub live_ms: Option<HashSet<i64>>,
}

/// Ranks every unit of `round`. An applicant's unit outside the
/// kabupaten's list (not expected) still gets a row, with the round's quota.
pub(super) fn rank(round: Round, facts: Facts, explain: bool) -> Computed {
    let default_quota = round.settings.quota_per_unit;
    let mut units: Vec<Unit> = facts
        .units
        .into_iter()
        .map(|r| Unit {
            kecamatan_code: r.code[..6.min(r.code.len())].to_string(),
            name: r.name,
            kecamatan_name: r.kecamatan_name,
            quota: r.quota.unwrap_or(default_quota),
            held: facts.held.get(&r.code).copied().unwrap_or(0),
            code: r.code,
        })
        .collect();
    let (rows, live_ms, dropped) = (facts.rows, facts.live_ms, facts.dropped);
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
            held: facts.held.get(&code).copied().unwrap_or(0),
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
        extensions: facts.extensions,
        extension_decisions: facts.extension_decisions,
    };
    let mut rankings = HashMap::with_capacity(by_unit.len());
    for u in &computed.units {
        if let Some(cs) = by_unit.get(u.code.as_str()) {
            rankings.insert(
                u.code.clone(),
                ranking::rank_unit(&computed.rules(u.seats_left(), explain), cs),
            );
        }
    }
    drop(by_unit);
    computed.rankings = rankings;
    computed.rows = rows;
    computed
}
