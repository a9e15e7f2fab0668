//! The quota dashboard: per unit (PPS desa grouped by kecamatan) the quota,
//! applicants, MS, who passed the written test, Terpilih, Cadangan and women
//! among them, with the flags that call for action, and the kabupaten's
//! totals. Computed from the round's ranking ([`crate::service::selection`]).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use crate::domain::extension::{self, ExtensionState};
use crate::domain::permission::Session;
use crate::domain::ranking::Status;
use crate::domain::round::{Body, Stage};
use crate::error::Result;
use crate::service::extensions;
use crate::service::selection::{compute, dotted, Computed};
use crate::store::Db;

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
    let history = extensions::histories(&c.extensions, &c.extension_decisions);
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
        let h = history.get(u.code.as_str()).copied().unwrap_or_default();
        row.extended_until = h.until.map(|end| end.to_string());
        // Extensions matter between the close of registration and the close
        // of the administrative stage.
        if stage == Stage::Administrasi {
            let facts = h.facts(row.registered, u.quota, settings.extension_threshold);
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
