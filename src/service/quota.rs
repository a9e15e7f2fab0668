//! The quota dashboard: per unit (PPS desa grouped by kecamatan) the quota,
//! applicants, MS, who passed the written test, Terpilih, Cadangan and women
//! among them, with the flags that call for action, and the kabupaten's
//! totals. Counted from the round's ranking ([`crate::service::selection`]);
//! the flags and sums are [`crate::domain::quota`]'s rules. Each row also
//! carries the women's share at every stage reached
//! ([`crate::domain::women`]), members counted with PAW applied
//! ([`crate::domain::membership`]).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::domain::extension;
use crate::domain::membership::{self, Departure, Member, MembershipFacts};
use crate::domain::permission::Session;
use crate::domain::quota::{self, UnitFacts};
pub use crate::domain::quota::{QuotaFlag, QuotaRow};
use crate::domain::ranking::{Status, UnitRanking};
use crate::domain::round::{Body, Stage};
use crate::domain::women::{self, StageCounts, WomenStage};
use crate::error::Result;
use crate::service::evaluation::{self, Computed};
use crate::service::extensions;
use crate::service::selection::dotted;
use crate::store::{responses, seat_holders, Db};

/// The quota dashboard of a round.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct QuotaDashboard {
    #[ts(type = "number")]
    pub round_id: i64,
    pub round_name: String,
    pub body: Body,
    pub current_stage: Stage,
    /// The round's registration threshold: a unit with fewer applicants
    /// than this × its quota needs an extension (each row's
    /// `registration_target`).
    pub extension_threshold: u32,
    /// One row per unit, in code order (for PPS, desa of a kecamatan together).
    pub units: Vec<QuotaRow>,
    /// For PPS: one subtotal per kecamatan; for PPK: empty.
    pub kecamatan: Vec<QuotaRow>,
    pub total: QuotaRow,
    /// Units with each flag, for the summary line.
    pub flagged: Vec<(QuotaFlag, u32)>,
    /// The stages at which women are under 30% in the kabupaten's total.
    pub women_low: Vec<WomenStage>,
}

/// Per unit: quota, registered, MS, passed the written test, Terpilih,
/// Cadangan, women among the Terpilih, and what needs attention.
pub async fn quota(
    db: &Db,
    session: &Session,
    round_id: i64,
    now: DateTime<Utc>,
) -> Result<QuotaDashboard> {
    let c = evaluation::ranking(db, session, round_id, now, false).await?;
    // Departures and seat holders matter once there are members.
    let mut terms = Terms::default();
    if WomenStage::Anggota.reached_at(c.round.current_stage) {
        let mut conn = db.pool().acquire().await?;
        for e in responses::paw_events(&mut conn, round_id).await? {
            let member = match (e.member_id, e.member_holder_id) {
                (Some(id), _) => Member::Applicant(id),
                (None, Some(h)) => Member::Holder(h),
                (None, None) => continue,
            };
            terms
                .departures
                .entry(e.unit_code)
                .or_default()
                .push(Departure {
                    member,
                    replacement_id: e.replacement_id,
                });
        }
        for h in seat_holders::of_round(&mut conn, round_id).await? {
            terms
                .holders
                .entry(h.unit_code)
                .or_default()
                .push((h.id, h.sex == "P"));
        }
    }
    Ok(dashboard(&c, &terms, now))
}

/// What the members serving now are derived from, per unit (digits).
#[derive(Default)]
pub(crate) struct Terms {
    pub departures: HashMap<String, Vec<Departure>>,
    /// Seat holders: id, and whether she is a woman.
    pub holders: HashMap<String, Vec<(i64, bool)>>,
}

/// Adds to a unit's counts (applicants and MS already in) the stages its
/// ranking decides: passes, the final list and the members serving now.
fn ranked_counts(
    c: &Computed,
    unit: &str,
    departures: &[Departure],
    holders: &[(i64, bool)],
    mut counts: StageCounts,
) -> StageCounts {
    let woman = |id: i64| c.row(id).is_some_and(|r| r.woman);
    // A unit with no applicant may still have seat holders.
    let none = UnitRanking::default();
    let r = c.rankings.get(unit).unwrap_or(&none);
    for p in r.written.iter().filter(|p| p.status == Status::Lulus) {
        counts.count(WomenStage::LulusTertulis, woman(p.id));
    }
    let terpilih: Vec<i64> = r
        .final_
        .iter()
        .filter(|p| p.status == Status::Terpilih)
        .map(|p| p.id)
        .collect();
    for p in r
        .final_
        .iter()
        .filter(|p| matches!(p.status, Status::Terpilih | Status::Cadangan))
    {
        counts.count(WomenStage::DaftarAkhir, woman(p.id));
    }
    let held: Vec<i64> = holders.iter().map(|h| h.0).collect();
    let members = membership::serving(&MembershipFacts {
        terpilih: &terpilih,
        holders: &held,
        departures,
    });
    for m in members {
        let w = match m {
            Member::Applicant(id) => woman(id),
            Member::Holder(id) => holders.iter().any(|h| h.0 == id && h.1),
        };
        counts.count(WomenStage::Anggota, w);
    }
    counts
}

pub(crate) fn dashboard(c: &Computed, terms: &Terms, now: DateTime<Utc>) -> QuotaDashboard {
    let today = now.date_naive();
    let settings = &c.round.settings;
    let stage = c.round.current_stage;
    // Applicants and MS per unit, women among them.
    let mut counts: HashMap<&str, StageCounts> = HashMap::new();
    for r in &c.rows {
        let unit = counts.entry(r.unit_code.as_str()).or_default();
        unit.count(WomenStage::Pendaftar, r.woman);
        if c.is_ms(r) {
            unit.count(WomenStage::Ms, r.woman);
        }
    }
    let history = extensions::histories(&c.extensions, &c.extension_decisions);
    let mut units = Vec::with_capacity(c.units.len());
    for u in &c.units {
        let applied = counts.get(u.code.as_str()).copied().unwrap_or_default();
        let mut row = QuotaRow {
            unit_code: dotted(&u.code),
            unit_name: u.name.clone(),
            kecamatan_code: dotted(&u.kecamatan_code),
            kecamatan_name: u.kecamatan_name.clone(),
            quota: u.quota,
            held: u.held,
            registered: applied.at(WomenStage::Pendaftar).1,
            ms: applied.at(WomenStage::Ms).1,
            ..Default::default()
        };
        let mut unresolved_ties = 0;
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
            unresolved_ties = r.unresolved_ties;
        }
        let h = history.get(u.code.as_str()).copied().unwrap_or_default();
        row.extended_until = h.until.map(|end| end.to_string());
        let facts = h.facts(row.registered, u.seats_left(), settings);
        row.registration_target = facts.target();
        let gone = terms.departures.get(&u.code).map_or(&[][..], Vec::as_slice);
        let held = terms.holders.get(&u.code).map_or(&[][..], Vec::as_slice);
        row.women = women::shares(&ranked_counts(c, &u.code, gone, held, applied), stage);
        units.push(quota::unit_row(
            row,
            UnitFacts {
                stage,
                extension: extension::state(&facts, today),
                unresolved_ties,
            },
        ));
    }
    let total = quota::total(&units);
    QuotaDashboard {
        women_low: women::low_stages(&total.women),
        round_id: c.round.id,
        round_name: c.round.name.clone(),
        body: c.round.body,
        current_stage: stage,
        extension_threshold: settings.extension_threshold,
        kecamatan: if c.round.body == Body::Pps {
            quota::subtotals(&units)
        } else {
            Vec::new()
        },
        total,
        flagged: quota::flag_counts(&units),
        units,
    }
}
