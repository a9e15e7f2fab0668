//! Where every unit of a round stands on the way to its full membership:
//! its extensions, the seats held, the candidates who can still be chosen,
//! the seats appointment may fill, and the next step in words
//! ([`crate::domain::appointment::Situation`]). The timeline, the quota
//! screen and the appointment check read the same rows.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::domain::appointment::{self, Situation};
use crate::domain::extension::{self, ExtensionState};
use crate::domain::permission::{Operation, Session};
use crate::domain::ranking::Status;
use crate::domain::region::{atlas, RegionCode};
use crate::domain::round::Stage;
use crate::error::Result;
use crate::service::evaluation;
use crate::service::extensions::histories;
use crate::service::paw;
use crate::store::Db;

/// One unit's situation.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct UnitSituation {
    /// Dotted code.
    pub unit_code: String,
    pub unit_label: String,
    pub quota: u32,
    /// Seats held by appointed or kept members (still serving).
    pub held: u32,
    /// Of them, appointed.
    pub appointed: u32,
    /// Candidates who can still be chosen: active applicants before the
    /// administrative check closes, MS ones during the written test, those
    /// who passed it until the final result, then the serving members
    /// chosen by the selection and the reserves still available.
    pub candidates: u32,
    pub extensions: u32,
    /// Extensions the round allows.
    pub allowed: u32,
    #[ts(type = "string | null")]
    pub extended_until: Option<NaiveDate>,
    /// Where the unit's registration extensions stand, if it fell short.
    pub extension_state: Option<ExtensionState>,
    /// Whether no more extensions can be given.
    pub extensions_used_up: bool,
    /// Seats appointment may fill now (only once the extensions are used up).
    pub appointable: u32,
    pub situation: Situation,
    pub situation_label: String,
    /// What the office does next, in words.
    pub next_step: String,
}

/// Every unit's situation, in code order. Any logged-in role.
pub async fn unit_situations(
    db: &Db,
    session: &Session,
    round_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<UnitSituation>> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    situations_in(&mut conn, round_id, now).await
}

/// [`unit_situations`] on a connection the caller holds.
pub(crate) async fn situations_in(
    conn: &mut SqliteConnection,
    round_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<UnitSituation>> {
    let today = now.date_naive();
    let c = evaluation::ranking_in(conn, round_id, now, false).await?;
    let stage = c.round.current_stage;
    let settings = &c.round.settings;
    let holders = crate::store::seat_holders::of_round(conn, round_id).await?;
    // After the final result the members list (PAW) says who serves and
    // which reserves are left.
    let members: HashMap<String, paw::UnitMembers> = if stage > Stage::Akhir {
        paw::members_in(conn, round_id, None, now)
            .await?
            .into_iter()
            .map(|u| (u.unit_code.clone(), u))
            .collect()
    } else {
        HashMap::new()
    };
    let mut registered: HashMap<&str, u32> = HashMap::new();
    let mut ms: HashMap<&str, u32> = HashMap::new();
    for r in &c.rows {
        *registered.entry(r.unit_code.as_str()).or_default() += 1;
        if c.is_ms(r) {
            *ms.entry(r.unit_code.as_str()).or_default() += 1;
        }
    }
    let history = histories(&c.extensions, &c.extension_decisions);
    let window_closed = stage > Stage::Administrasi;
    let mut out = Vec::with_capacity(c.units.len());
    for u in &c.units {
        let code = RegionCode::from_trusted(u.code.clone());
        let dotted = code.dotted();
        let mine: Vec<_> = holders.iter().filter(|h| h.unit_code == u.code).collect();
        let appointed = mine.iter().filter(|h| h.source == "penunjukan").count() as u32;
        let reg = registered.get(u.code.as_str()).copied().unwrap_or(0);
        let (held, candidates) = match members.get(&dotted) {
            Some(m) => {
                let serving_holders = m.members.iter().filter(|p| p.holder_id.is_some()).count();
                let chosen = m.members.len() - serving_holders;
                (serving_holders as u32, (chosen + m.reserves.len()) as u32)
            }
            None => {
                let still_in = match stage {
                    Stage::Pendaftaran | Stage::Administrasi => reg,
                    Stage::Tertulis => ms.get(u.code.as_str()).copied().unwrap_or(0),
                    _ => c.rankings.get(&u.code).map_or(0, |r| {
                        r.written
                            .iter()
                            .filter(|p| p.status == Status::Lulus)
                            .count() as u32
                    }),
                };
                (mine.len() as u32, still_in)
            }
        };
        let h = history.get(u.code.as_str()).copied().unwrap_or_default();
        let facts = h.facts(reg, u.seats_left(), settings);
        let state = extension::state(&facts, today);
        let used_up =
            stage > Stage::Pendaftaran && extension::used_up(&facts, today, window_closed);
        let appointable = appointment::appointable(u.quota, held, candidates);
        let situation = Situation::of(state, used_up, appointable, stage == Stage::Pendaftaran);
        out.push(UnitSituation {
            unit_label: atlas().unit_label(&code),
            unit_code: dotted,
            quota: u.quota,
            held,
            appointed,
            candidates,
            extensions: h.extensions,
            allowed: settings.extensions_allowed,
            extended_until: h.until,
            extension_state: state,
            extensions_used_up: used_up,
            appointable: if used_up { appointable } else { 0 },
            situation,
            situation_label: situation.label().to_string(),
            next_step: situation.next_step(settings.extension_days, appointable),
        });
    }
    Ok(out)
}
