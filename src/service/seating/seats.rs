//! Seating participants: automatically (all or nothing), and moving one
//! participant to a free seat by hand.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use super::{ensure_written_test, state};
use crate::domain::permission::{Operation, Session};
use crate::domain::seating::{assign, check_move, Candidate, Placement, Room, SeatKey};
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::store::{rounds, seating as store, test_sites, Db};

/// What the automatic seating did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SeatsAssigned {
    /// Participants seated now.
    pub placed: u32,
    /// Participants who kept the seat of the published schedule.
    pub kept: u32,
    /// Participants with a disability noted while no room is marked as on
    /// the ground floor (seated as everyone else).
    pub ground_floor_unmet: u32,
}

/// "Atur tempat duduk otomatis". Administrator, while the written test is
/// in progress, after numbers are given. Before the schedule is published
/// every participant is seated again from scratch; after, only those
/// without a seat are seated, in the seats still free. All or nothing: a
/// shortage of seats stores nothing and says how many are missing.
pub async fn auto_assign(
    db: &Db,
    session: &Session,
    round_id: i64,
    now: DateTime<Utc>,
) -> Result<SeatsAssigned> {
    session.require(Operation::ManageRounds)?;
    let mut tx = db.begin_write().await?;
    let round = rounds::get(&mut tx, round_id).await?;
    ensure_written_test(&round)?;
    let published = state(&mut tx, round_id).await?.published;
    let people = store::participants(&mut tx, round_id).await?;
    let unnumbered = people.iter().filter(|p| p.number.is_none()).count();
    if unnumbered > 0 {
        return Err(Error::stage(format!(
            "{unnumbered} peserta belum mendapat nomor peserta. Beri nomor peserta dahulu."
        )));
    }
    if !published {
        store::delete_seats(&mut tx, round_id).await?;
    }
    let taken: HashSet<SeatKey> = if published {
        store::taken(&mut tx, round_id).await?.into_iter().collect()
    } else {
        HashSet::new()
    };
    let rooms: Vec<Room> = test_sites::rooms(&mut tx, round_id)
        .await?
        .iter()
        .map(|r| Room {
            id: r.id,
            capacity: r.capacity as u32,
            ground_floor: r.ground_floor,
        })
        .collect();
    let sessions: Vec<i64> = test_sites::sessions(&mut tx, round_id)
        .await?
        .iter()
        .map(|s| s.id)
        .collect();
    let kept = if published {
        people.iter().filter(|p| p.seat.is_some()).count() as u32
    } else {
        0
    };
    let candidates: Vec<Candidate> = people
        .iter()
        .filter(|p| !published || p.seat.is_none())
        .map(|p| Candidate {
            id: p.applicant_id,
            unit_code: p.unit_code.clone(),
            name_key: p.name_key.clone(),
            needs_ground_floor: p.needs_ground_floor,
        })
        .collect();
    let ground_floor_unmet = if rooms.iter().any(|r| r.ground_floor) {
        0
    } else {
        candidates.iter().filter(|c| c.needs_ground_floor).count() as u32
    };
    let seats = assign(candidates, &rooms, &sessions, &taken)
        .map_err(|e| Error::validation("tempat_duduk", e.message()))?;
    store::insert_seats(&mut tx, round_id, &seats, &now.to_rfc3339()).await?;
    let done = SeatsAssigned {
        placed: seats.len() as u32,
        kept,
        ground_floor_unmet,
    };
    let change = Change::new("seating.assign", "round", round_id).after(json!({
        "placed": done.placed, "kept": kept, "published": published,
        "ground_floor_unmet": ground_floor_unmet
    }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(done)
}

/// A participant moved by hand.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct SeatMove {
    /// The participant number.
    pub number: String,
    #[ts(type = "number")]
    pub session_id: i64,
    #[ts(type = "number")]
    pub room_id: i64,
    pub seat: u32,
    /// Why; required once the schedule is published.
    pub reason: String,
}

/// Moves one participant to a free seat. Administrator, while the written
/// test is in progress. The seat must exist in the room and be free; once
/// the schedule is published a reason is required. Audited with both
/// seats.
pub async fn move_participant(
    db: &Db,
    session: &Session,
    round_id: i64,
    m: &SeatMove,
    now: DateTime<Utc>,
) -> Result<()> {
    session.require(Operation::ManageRounds)?;
    let mut tx = db.begin_write().await?;
    let round = rounds::get(&mut tx, round_id).await?;
    ensure_written_test(&round)?;
    let published = state(&mut tx, round_id).await?.published;
    let reason = if published {
        super::super::written_text(
            &m.reason,
            "reason",
            10,
            "Jadwal sudah diumumkan: tuliskan alasan pemindahan (paling sedikit 10 karakter).",
        )?
    } else {
        super::super::written_text(&m.reason, "reason", 0, "")?
    };
    let who = store::by_number(&mut tx, round_id, m.number.trim())
        .await?
        .ok_or_else(|| {
            Error::NotFound(format!(
                "Peserta bernomor \"{}\"",
                crate::domain::text::shown(&m.number)
            ))
        })?;
    let room = test_sites::room(&mut tx, m.room_id)
        .await?
        .filter(|r| r.round_id == round_id)
        .ok_or_else(|| Error::NotFound("Ruang tes".into()))?;
    let sess = test_sites::session(&mut tx, m.session_id)
        .await?
        .filter(|s| s.round_id == round_id)
        .ok_or_else(|| Error::NotFound("Sesi tes".into()))?;
    let key = (sess.id, room.id, m.seat);
    let holder = store::holder(&mut tx, key).await?;
    let occupied = holder.is_some_and(|h| h != who.applicant_id);
    check_move(m.seat, room.capacity as u32, occupied).map_err(|e| Error::validation("seat", e))?;
    let placement = Placement {
        applicant_id: who.applicant_id,
        session_id: sess.id,
        room_id: room.id,
        seat: m.seat,
    };
    store::put_seat(&mut tx, round_id, &placement, &now.to_rfc3339()).await?;
    let change = Change::new("seating.move", "round", round_id)
        .before(json!({
            "number": who.number, "session": who.session_label,
            "venue": who.venue_name, "room": who.room_name, "seat": who.seat
        }))
        .after(json!({
            "number": who.number, "session": sess.label, "venue": room.venue_name,
            "room": room.name, "seat": m.seat, "reason": reason
        }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(())
}
