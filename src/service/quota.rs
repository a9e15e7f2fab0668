//! The quota dashboard: per unit (PPS desa grouped by kecamatan) the quota,
//! applicants, MS, who passed the written test, Terpilih, Cadangan and women
//! among them, with the flags that call for action, and the kabupaten's
//! totals. Counted from the round's ranking ([`crate::service::selection`]);
//! the flags and sums are [`crate::domain::quota`]'s rules.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::domain::extension;
use crate::domain::permission::Session;
use crate::domain::quota::{self, UnitFacts};
pub use crate::domain::quota::{QuotaFlag, QuotaRow};
use crate::domain::ranking::Status;
use crate::domain::round::{Body, Stage};
use crate::error::Result;
use crate::service::evaluation::{self, Computed};
use crate::service::extensions;
use crate::service::selection::dotted;
use crate::store::Db;

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
    let c = evaluation::ranking(db, session, round_id, now, false).await?;
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
    let history = extensions::histories(&c.extensions, &c.extension_decisions);
    let mut units = Vec::with_capacity(c.units.len());
    for u in &c.units {
        let mut row = QuotaRow {
            unit_code: dotted(&u.code),
            unit_name: u.name.clone(),
            kecamatan_code: dotted(&u.kecamatan_code),
            kecamatan_name: u.kecamatan_name.clone(),
            quota: u.quota,
            held: u.held,
            registered: registered.get(u.code.as_str()).copied().unwrap_or(0),
            ms: ms.get(u.code.as_str()).copied().unwrap_or(0),
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
        units.push(quota::unit_row(
            row,
            UnitFacts {
                stage,
                extension: extension::state(&facts, today),
                unresolved_ties,
            },
        ));
    }
    QuotaDashboard {
        round_id: c.round.id,
        round_name: c.round.name.clone(),
        body: c.round.body,
        current_stage: stage,
        kecamatan: if c.round.body == Body::Pps {
            quota::subtotals(&units)
        } else {
            Vec::new()
        },
        total: quota::total(&units),
        flagged: quota::flag_counts(&units),
        units,
    }
}
