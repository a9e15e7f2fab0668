//! The home screen: the rounds, and per kecamatan its desa count and quota.

use std::collections::HashMap;

use serde::Serialize;
use ts_rs::TS;

use crate::domain::region::{KabupatenChoice, RegionCode};
use crate::domain::round::{Body, Stage};
use crate::error::Result;
use crate::service::rounds::{list_rounds, RoundSummary};
use crate::service::setup;
use crate::store::{applicants, regions, rounds, Db};

/// One kecamatan on the home screen, for the election shown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct KecamatanRow {
    /// Dotted code (`35.14.01`); empty on the totals row.
    pub code: String,
    pub name: String,
    pub desa: u32,
    pub kelurahan: u32,
    /// PPS units: every desa and kelurahan (and any unit the code does not classify).
    pub pps_units: u32,
    /// PPK members for this kecamatan (the PPK round's quota, or 5).
    pub quota_ppk: u32,
    /// PPS members over all its desa/kelurahan (the PPS round's quotas, or 3 each).
    pub quota_pps: u32,
    /// Applicants of the PPK round, when the election has one.
    pub applicants_ppk: Option<u32>,
    /// Applicants of the PPS round, when the election has one.
    pub applicants_pps: Option<u32>,
}

/// Everything the home screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct HomeView {
    pub kabupaten: KabupatenChoice,
    pub rounds: Vec<RoundSummary>,
    /// Elections that have rounds, newest first.
    pub elections: Vec<String>,
    /// The election the quotas are shown for (`None` when there is no round).
    pub election: Option<String>,
    pub kecamatan: Vec<KecamatanRow>,
    pub totals: KecamatanRow,
    /// The round staff most likely work on when they have not chosen one:
    /// the newest round whose current stage is open, else the newest round
    /// still before its term, else the newest.
    #[ts(type = "number | null")]
    pub round_in_use: Option<i64>,
}

/// See [`HomeView::round_in_use`].
fn round_in_use(rounds: &[RoundSummary]) -> Option<i64> {
    let newest = |f: &dyn Fn(&RoundSummary) -> bool| {
        rounds
            .iter()
            .filter(|r| f(r))
            .max_by_key(|r| r.id)
            .map(|r| r.id)
    };
    newest(&|r| r.stage_open)
        .or_else(|| newest(&|r| r.current_stage < Stage::MasaKerja))
        .or_else(|| newest(&|_| true))
}

/// Builds the home view for `election` (default: the newest round's election).
pub async fn home(db: &Db, election: Option<&str>) -> Result<HomeView> {
    let kabupaten = setup::kabupaten(db).await?;
    let all_rounds = list_rounds(db).await?;
    let mut elections: Vec<String> = Vec::new();
    for r in all_rounds.iter().rev() {
        if !elections.contains(&r.election) {
            elections.push(r.election.clone());
        }
    }
    let election = election
        .filter(|e| elections.iter().any(|x| x == e))
        .map(str::to_string)
        .or_else(|| elections.first().cloned());
    // The newest round of each body in the election shown.
    let pick = |body: Body| {
        all_rounds
            .iter()
            .rev()
            .find(|r| Some(&r.election) == election.as_ref() && r.body == body)
    };

    let mut conn = db.pool().acquire().await?;
    let counts = regions::kecamatan_counts(&mut conn).await?;
    let all_desa = regions::all_desa(&mut conn).await?;

    let quotas = |body: Body| {
        let round = pick(body);
        let default = round.map_or(body.default_quota(), |r| r.settings.quota_per_unit);
        (round.map(|r| r.id), default)
    };
    let (ppk_id, ppk_default) = quotas(Body::Ppk);
    let (pps_id, pps_default) = quotas(Body::Pps);
    let ppk_over = overrides(&mut conn, ppk_id).await?;
    let pps_over = overrides(&mut conn, pps_id).await?;
    let ppk_counts = applicant_counts(&mut conn, ppk_id).await?;
    let pps_counts = applicant_counts(&mut conn, pps_id).await?;

    let mut pps_quota_by_kec: HashMap<&str, u32> = HashMap::new();
    for d in &all_desa {
        let q = pps_over.get(&d.code).copied().unwrap_or(pps_default);
        *pps_quota_by_kec.entry(&d.kecamatan_code).or_default() += q;
    }

    let mut totals = KecamatanRow {
        name: "Jumlah".into(),
        applicants_ppk: ppk_counts.as_ref().map(|_| 0),
        applicants_pps: pps_counts.as_ref().map(|_| 0),
        ..Default::default()
    };
    let mut rows = Vec::with_capacity(counts.len());
    for k in counts {
        let row = KecamatanRow {
            code: RegionCode::from_trusted(k.code.clone()).dotted(),
            name: k.name,
            desa: k.desa as u32,
            kelurahan: k.kelurahan as u32,
            pps_units: (k.desa + k.kelurahan + k.lainnya) as u32,
            quota_ppk: ppk_over.get(&k.code).copied().unwrap_or(ppk_default),
            quota_pps: pps_quota_by_kec.get(k.code.as_str()).copied().unwrap_or(0),
            applicants_ppk: ppk_counts
                .as_ref()
                .map(|c| c.get(&k.code).copied().unwrap_or(0)),
            applicants_pps: pps_counts
                .as_ref()
                .map(|c| c.get(&k.code).copied().unwrap_or(0)),
        };
        totals.desa += row.desa;
        totals.kelurahan += row.kelurahan;
        totals.pps_units += row.pps_units;
        totals.quota_ppk += row.quota_ppk;
        totals.quota_pps += row.quota_pps;
        if let (Some(t), Some(n)) = (totals.applicants_ppk.as_mut(), row.applicants_ppk) {
            *t += n;
        }
        if let (Some(t), Some(n)) = (totals.applicants_pps.as_mut(), row.applicants_pps) {
            *t += n;
        }
        rows.push(row);
    }
    Ok(HomeView {
        kabupaten,
        round_in_use: round_in_use(&all_rounds),
        rounds: all_rounds,
        elections,
        election,
        kecamatan: rows,
        totals,
    })
}

async fn overrides(
    conn: &mut sqlx::SqliteConnection,
    round: Option<i64>,
) -> Result<HashMap<String, u32>> {
    Ok(match round {
        Some(id) => rounds::unit_quotas(conn, id)
            .await?
            .into_iter()
            .map(|q| (q.unit_code, q.quota))
            .collect(),
        None => HashMap::new(),
    })
}

async fn applicant_counts(
    conn: &mut sqlx::SqliteConnection,
    round: Option<i64>,
) -> Result<Option<HashMap<String, u32>>> {
    Ok(match round {
        Some(id) => Some(
            applicants::counts_by_kecamatan(conn, id)
                .await?
                .into_iter()
                .map(|c| (c.kecamatan_code, c.applicants as u32))
                .collect(),
        ),
        None => None,
    })
}
