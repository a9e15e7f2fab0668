//! One evaluation of a round: every active application judged, the
//! administrative verdicts, and every unit's ranking, read on the
//! connection or transaction the caller holds.
//!
//! Why one place: the applicant list's details, the administrative
//! results, the quota dashboard, tie decisions, stage closes, documents and
//! PAW all read the same round. Each of them calls this module instead of
//! another service, so services do not call each other in circles, and a
//! stage close freezes exactly what it evaluated inside its own
//! transaction. The facts are loaded in bulk by the store (one query per
//! table, [`crate::store::round_facts`] and friends); everything derived
//! from them is pure ([`applicants`], [`admin`], [`ranking`], and the
//! domain rules they call).

mod admin;
mod applicants;
mod ranking;

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

pub(crate) use admin::circumstances as admin_circumstances;
pub use admin::AdminResultRow;
pub(crate) use applicants::{detail_from, draft_from};
pub use applicants::{ApplicantDetail, StandingDetail};
pub(crate) use ranking::Computed;

use crate::domain::party_check::PartyCheck;
use crate::domain::permission::{Operation, Session};
use crate::domain::region::RegionCode;
use crate::domain::registration_check::Desk;
use crate::domain::round::{Round, Stage};
use crate::domain::verification::{AdminVerdict, DocCheck, Requirement};
use crate::error::{Error, Result};
use crate::store::extensions as ext_store;
use crate::store::{
    meta, parties as party_store, responses, round_facts, rounds, selection, verification, Db,
};

/// The meta key set when a party-membership list was imported.
pub const PARTY_LIST_IMPORTED_AT: &str = "party_list_imported_at";

/// What an application is judged against: the round, the kabupaten and the
/// party-membership check.
pub(crate) struct Context {
    pub round: Round,
    pub kabupaten: RegionCode,
    pub party_list_imported: bool,
    /// How membership was checked for the round when no list was imported.
    pub party_check: Option<PartyCheck>,
    /// The documents the round asks for.
    pub requirements: Vec<Requirement>,
}

impl Context {
    pub fn desk(&self) -> Desk<'_> {
        Desk {
            round: &self.round,
            kabupaten: &self.kabupaten,
            party_list_imported: self.party_list_imported,
            party_check: self.party_check.as_ref(),
            requirements: &self.requirements,
        }
    }
}

/// Reads a round's [`Context`].
pub(crate) async fn context_in(
    conn: &mut sqlx::SqliteConnection,
    round_id: i64,
) -> Result<Context> {
    let code = meta::get(&mut *conn, meta::KABUPATEN_CODE)
        .await?
        .ok_or(Error::NotInitialized)?;
    let kabupaten = RegionCode::parse(&code)?;
    let round = rounds::get(conn, round_id).await?;
    let party_list_imported = meta::get(&mut *conn, PARTY_LIST_IMPORTED_AT)
        .await?
        .is_some();
    let party_check = party_store::check_of(conn, round_id).await?;
    let requirements = crate::store::verification::requirements(conn, round_id).await?;
    Ok(Context {
        round,
        kabupaten,
        party_list_imported,
        party_check,
        requirements,
    })
}

/// Every active application of a round in full, judged as of `now`, in
/// registration order.
pub(crate) async fn details_in(
    conn: &mut sqlx::SqliteConnection,
    round_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<ApplicantDetail>> {
    let ctx = context_in(conn, round_id).await?;
    let facts = round_facts::applications(conn, round_id, &ctx.round.election).await?;
    Ok(applicants::judge_round(&ctx, facts, now.date_naive()))
}

/// The administrative results of every active application of a round, in
/// registration order.
pub(crate) async fn admin_in(
    conn: &mut sqlx::SqliteConnection,
    round_id: i64,
    now: DateTime<Utc>,
) -> Result<Vec<AdminResultRow>> {
    let details = details_in(conn, round_id, now).await?;
    let requirements = verification::requirements(conn, round_id).await?;
    let mut checks: HashMap<i64, Vec<DocCheck>> = HashMap::new();
    for (id, c) in verification::checks_of_round(conn, round_id).await? {
        checks.entry(id).or_default().push(c);
    }
    let decisions = verification::decisions_of_round(conn, round_id)
        .await?
        .into_iter()
        .map(|d| (d.applicant_id, d))
        .collect();
    Ok(admin::results(&requirements, checks, decisions, details))
}

/// [`ranking_in`] on a connection of its own, for any logged-in role.
pub(crate) async fn ranking(
    db: &Db,
    session: &Session,
    round_id: i64,
    now: DateTime<Utc>,
    explain: bool,
) -> Result<Computed> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    ranking_in(&mut conn, round_id, now, explain).await
}

/// Every unit's ranking. The MS list comes from the frozen administrative
/// results once that stage is closed, else it is derived ([`admin_in`]).
/// `explain`: write each place's explanation (for lists people read).
pub(crate) async fn ranking_in(
    conn: &mut sqlx::SqliteConnection,
    round_id: i64,
    now: DateTime<Utc>,
    explain: bool,
) -> Result<Computed> {
    let round = rounds::get(conn, round_id).await?;
    let live_ms: Option<HashSet<i64>> = if round.current_stage > Stage::Administrasi {
        None
    } else {
        Some(
            admin_in(conn, round_id, now)
                .await?
                .into_iter()
                .filter(|r| r.result == Some(AdminVerdict::MS))
                .map(|r| r.id)
                .collect(),
        )
    };
    let facts = ranking::Facts {
        units: rounds::unit_quota_rows(conn, round_id, round.body).await?,
        rows: selection::ranking_rows(conn, round_id).await?,
        extensions: ext_store::extensions(conn, round_id).await?,
        extension_decisions: ext_store::decisions(conn, round_id).await?,
        held: crate::store::seat_holders::held_per_unit(conn, round_id)
            .await?
            .into_iter()
            .collect(),
        dropped: responses::dropped(conn, round_id)
            .await?
            .into_iter()
            .collect(),
        live_ms,
    };
    Ok(ranking::rank(round, facts, explain))
}
