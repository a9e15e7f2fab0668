//! Participant numbers: the round's format and giving them.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::{ensure_written_test, state};
use crate::domain::permission::{Operation, Session};
use crate::domain::round::Round;
use crate::domain::seating::{numbering_order, NumberFormat};
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::store::{meta, rounds, seating as store, test_sites, Db};

/// What giving numbers did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct NumbersGiven {
    /// Numbers given now.
    pub given: u32,
    /// Participants with a number in all.
    pub total: u32,
    /// The schedule is not published yet, so every participant was
    /// numbered again from 1 in unit and name order.
    pub renumbered: bool,
}

/// The kabupaten's code as 4 digits (`3514`).
async fn kab4(conn: &mut SqliteConnection) -> Result<String> {
    let code = meta::get(&mut *conn, meta::KABUPATEN_CODE)
        .await?
        .ok_or(Error::NotInitialized)?;
    Ok(code.replace('.', ""))
}

/// Gives numbers inside the caller's transaction (opening the written test
/// calls this; the caller has authorised the session). Before the schedule
/// is published every participant is numbered again from 1; after, only
/// those without a number get the next free ones.
pub async fn number_in(
    conn: &mut SqliteConnection,
    session: &Session,
    round: &Round,
    now: DateTime<Utc>,
) -> Result<NumbersGiven> {
    let st = state(conn, round.id).await?;
    if !st.published {
        store::delete_numbers(conn, round.id).await?;
    }
    let last = store::last_seq(conn, round.id).await?;
    let fresh = store::unnumbered(conn, round.id).await?;
    let order = numbering_order(last, fresh);
    let kab = kab4(conn).await?;
    let rows: Vec<(i64, u32, String)> = order
        .iter()
        .map(|&(id, seq)| (id, seq, st.format.render(round.body, &kab, seq)))
        .collect();
    store::insert_numbers(conn, round.id, &rows, &now.to_rfc3339()).await?;
    let total = store::sequences(conn, round.id).await?.len() as u32;
    let given = NumbersGiven {
        given: rows.len() as u32,
        total,
        renumbered: !st.published,
    };
    let change = Change::new("seating.numbers", "round", round.id).after(json!({
        "given": given.given,
        "total": total,
        "renumbered": given.renumbered,
        "first": rows.first().map(|r| r.2.clone()),
        "last": rows.last().map(|r| r.2.clone()),
    }));
    audit::record(conn, session, now, change).await?;
    Ok(given)
}

/// "Beri nomor peserta": numbers every MS participant (see [`number_in`]).
/// Administrator, while the written test is in progress.
pub async fn give_numbers(
    db: &Db,
    session: &Session,
    round_id: i64,
    now: DateTime<Utc>,
) -> Result<NumbersGiven> {
    session.require(Operation::ManageRounds)?;
    let mut tx = db.begin_write().await?;
    let round = rounds::get(&mut tx, round_id).await?;
    ensure_written_test(&round)?;
    let given = number_in(&mut tx, session, &round, now).await?;
    tx.commit().await?;
    Ok(given)
}

/// Sets the round's participant number format; numbers already given are
/// written again in it. Refused once the schedule is published. Returns
/// the first number as the format makes it.
pub async fn set_number_format(
    db: &Db,
    session: &Session,
    round_id: i64,
    template: &str,
    now: DateTime<Utc>,
) -> Result<String> {
    session.require(Operation::ManageRounds)?;
    let format = NumberFormat::parse(template).map_err(|m| Error::validation("format", m))?;
    let mut tx = db.begin_write().await?;
    let round = rounds::get(&mut tx, round_id).await?;
    round.ensure_unfrozen(crate::domain::round::Stage::Tertulis)?;
    let st = state(&mut tx, round_id).await?;
    if st.published {
        return Err(Error::stage(
            "Jadwal tes sudah diumumkan; format nomor peserta tidak dapat diubah lagi.",
        ));
    }
    test_sites::set_number_format(&mut tx, round_id, format.as_str()).await?;
    let kab = kab4(&mut tx).await?;
    let given = store::sequences(&mut tx, round_id).await?;
    if !given.is_empty() {
        let rows: Vec<(i64, u32, String)> = given
            .iter()
            .map(|&(id, seq)| (id, seq, format.render(round.body, &kab, seq)))
            .collect();
        store::delete_numbers(&mut tx, round_id).await?;
        store::insert_numbers(&mut tx, round_id, &rows, &now.to_rfc3339()).await?;
    }
    let change = Change::new("seating.number_format", "round", round_id)
        .before(json!({ "format": st.format.as_str() }))
        .after(json!({ "format": format.as_str(), "numbers_rewritten": given.len() }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(format.render(round.body, &kab, 1))
}
