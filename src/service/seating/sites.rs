//! Venues (tempat tes), their rooms and the sessions of the written test.
//!
//! Added and changed by an Administrator until the written test is
//! closed. A change that would leave a seat without its room (a room or
//! session deleted, a capacity cut below a seat in use) clears the
//! unpublished seating, which is then run again; once the schedule is
//! published it is refused instead, and participants are moved first.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::state;
use crate::domain::permission::{Operation, Session};
use crate::domain::round::Stage;
use crate::domain::text::{self, Lines};
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::store::test_sites::{self as store, RoomFields, SessionFields};
use crate::store::{rounds, seating as seats, Db};

/// A venue as staff write it.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct VenueInput {
    pub name: String,
    /// Printed on the public schedule (the venue's, not anyone's home).
    pub address: String,
}

/// A room as staff write it.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct RoomInput {
    pub name: String,
    /// Seats, or computers for a CAT test.
    pub capacity: u32,
    /// On the ground floor: participants with a disability noted at
    /// registration are seated here first.
    pub ground_floor: bool,
    pub note: String,
}

/// A session as staff write it: date `DD-MM-YYYY` (or `YYYY-MM-DD`),
/// times `HH:MM`.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct SessionInput {
    pub label: String,
    pub date: String,
    pub starts_at: String,
    pub ends_at: String,
}

/// What a change did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SiteChange {
    #[ts(type = "number")]
    pub id: i64,
    /// Seats of the unpublished seating cleared by the change (run the
    /// automatic seating again).
    pub seats_cleared: u32,
}

fn line(field: &str, label: &str, value: &str, max: usize, required: bool) -> Result<String> {
    text::check(label, value, max, Lines::One).map_err(|m| Error::validation(field, m))?;
    let v = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if required && v.is_empty() {
        return Err(Error::validation(field, format!("{label} wajib diisi.")));
    }
    Ok(v)
}

/// The round of `round_id`, checked for an Administrator while the written
/// test is not closed; and whether its schedule is published.
async fn writable(conn: &mut SqliteConnection, session: &Session, round_id: i64) -> Result<bool> {
    session.require(Operation::ManageRounds)?;
    let round = rounds::get(conn, round_id).await?;
    round.ensure_unfrozen(Stage::Tertulis)?;
    Ok(state(conn, round_id).await?.published)
}

/// Clears the round's seating when `affected` seats would lose their
/// place, or refuses once the schedule is published.
async fn clear_for(
    conn: &mut SqliteConnection,
    round_id: i64,
    published: bool,
    affected: u32,
    what: &str,
) -> Result<u32> {
    if affected == 0 {
        return Ok(0);
    }
    if published {
        return Err(Error::stage(format!(
            "Jadwal tes sudah diumumkan dan {affected} peserta duduk di {what}. \
             Pindahkan mereka dahulu (dengan alasan), lalu ulangi perubahan ini."
        )));
    }
    Ok(seats::delete_seats(conn, round_id).await? as u32)
}

pub async fn add_venue(
    db: &Db,
    session: &Session,
    round_id: i64,
    input: &VenueInput,
    now: DateTime<Utc>,
) -> Result<SiteChange> {
    let mut tx = db.begin_write().await?;
    writable(&mut tx, session, round_id).await?;
    let (name, address) = venue_fields(&mut tx, round_id, input, None).await?;
    let id = store::insert_venue(&mut tx, round_id, &name, &address, &now.to_rfc3339()).await?;
    let change = Change::new("test_venue.add", "test_venue", id)
        .after(json!({ "round": round_id, "name": name, "address": address }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(SiteChange {
        id,
        seats_cleared: 0,
    })
}

async fn venue_fields(
    conn: &mut SqliteConnection,
    round_id: i64,
    input: &VenueInput,
    except: Option<i64>,
) -> Result<(String, String)> {
    let name = line("name", "Nama tempat", &input.name, 100, true)?;
    let address = line("address", "Alamat tempat", &input.address, 200, false)?;
    if store::venue_name_taken(conn, round_id, &name, except).await? {
        return Err(Error::validation(
            "name",
            format!("Tempat \"{name}\" sudah ada pada seleksi ini."),
        ));
    }
    Ok((name, address))
}

pub async fn edit_venue(
    db: &Db,
    session: &Session,
    venue_id: i64,
    input: &VenueInput,
    now: DateTime<Utc>,
) -> Result<SiteChange> {
    let mut tx = db.begin_write().await?;
    let before = venue_of(&mut tx, venue_id).await?;
    writable(&mut tx, session, before.round_id).await?;
    let (name, address) = venue_fields(&mut tx, before.round_id, input, Some(venue_id)).await?;
    store::update_venue(&mut tx, venue_id, &name, &address).await?;
    let change = Change::new("test_venue.edit", "test_venue", venue_id)
        .before(json!({ "name": before.name, "address": before.address }))
        .after(json!({ "name": name, "address": address }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(SiteChange {
        id: venue_id,
        seats_cleared: 0,
    })
}

async fn venue_of(conn: &mut SqliteConnection, id: i64) -> Result<store::VenueRow> {
    store::venue(conn, id)
        .await?
        .ok_or_else(|| Error::NotFound("Tempat tes".into()))
}

/// Deletes a venue with its rooms.
pub async fn delete_venue(
    db: &Db,
    session: &Session,
    venue_id: i64,
    now: DateTime<Utc>,
) -> Result<SiteChange> {
    let mut tx = db.begin_write().await?;
    let before = venue_of(&mut tx, venue_id).await?;
    let published = writable(&mut tx, session, before.round_id).await?;
    let used = seats::seats_in_venue(&mut tx, venue_id).await?;
    let cleared = clear_for(&mut tx, before.round_id, published, used, "tempat ini").await?;
    store::delete_venue(&mut tx, venue_id).await?;
    let change = Change::new("test_venue.delete", "test_venue", venue_id)
        .before(json!({ "round": before.round_id, "name": before.name }))
        .after(json!({ "seats_cleared": cleared }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(SiteChange {
        id: venue_id,
        seats_cleared: cleared,
    })
}

fn room_fields(input: &RoomInput) -> Result<(String, String)> {
    let name = line("name", "Nama ruang", &input.name, 100, true)?;
    let note = line("note", "Catatan ruang", &input.note, 200, false)?;
    if !(1..=10_000).contains(&input.capacity) {
        return Err(Error::validation(
            "capacity",
            "Kapasitas ruang diisi 1 sampai 10.000 kursi (atau komputer untuk CAT).",
        ));
    }
    Ok((name, note))
}

pub async fn add_room(
    db: &Db,
    session: &Session,
    venue_id: i64,
    input: &RoomInput,
    now: DateTime<Utc>,
) -> Result<SiteChange> {
    let mut tx = db.begin_write().await?;
    let venue = venue_of(&mut tx, venue_id).await?;
    writable(&mut tx, session, venue.round_id).await?;
    let (name, note) = room_fields(input)?;
    if store::room_name_taken(&mut tx, venue_id, &name, None).await? {
        return Err(Error::validation(
            "name",
            format!("Ruang \"{name}\" sudah ada di {}.", venue.name),
        ));
    }
    let fields = RoomFields {
        name: &name,
        capacity: input.capacity,
        ground_floor: input.ground_floor,
        note: &note,
    };
    let id = store::insert_room(&mut tx, venue_id, &fields).await?;
    let change = Change::new("test_room.add", "test_room", id).after(json!({
        "venue": venue.name, "name": name, "capacity": input.capacity,
        "ground_floor": input.ground_floor, "note": note
    }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(SiteChange {
        id,
        seats_cleared: 0,
    })
}

async fn room_of(conn: &mut SqliteConnection, id: i64) -> Result<store::RoomRow> {
    store::room(conn, id)
        .await?
        .ok_or_else(|| Error::NotFound("Ruang tes".into()))
}

/// Changes a room; a capacity below a seat in use clears the unpublished
/// seating (refused once published).
pub async fn edit_room(
    db: &Db,
    session: &Session,
    room_id: i64,
    input: &RoomInput,
    now: DateTime<Utc>,
) -> Result<SiteChange> {
    let mut tx = db.begin_write().await?;
    let before = room_of(&mut tx, room_id).await?;
    let published = writable(&mut tx, session, before.round_id).await?;
    let (name, note) = room_fields(input)?;
    if store::room_name_taken(&mut tx, before.venue_id, &name, Some(room_id)).await? {
        return Err(Error::validation(
            "name",
            format!("Ruang \"{name}\" sudah ada di {}.", before.venue_name),
        ));
    }
    let (used, highest) = seats::seats_in(&mut tx, Some(room_id), None).await?;
    let affected = if highest > input.capacity { used } else { 0 };
    let what = "kursi di atas kapasitas baru ruang ini";
    let cleared = clear_for(&mut tx, before.round_id, published, affected, what).await?;
    let fields = RoomFields {
        name: &name,
        capacity: input.capacity,
        ground_floor: input.ground_floor,
        note: &note,
    };
    store::update_room(&mut tx, room_id, &fields).await?;
    let change = Change::new("test_room.edit", "test_room", room_id)
        .before(json!({
            "name": before.name, "capacity": before.capacity,
            "ground_floor": before.ground_floor, "note": before.note
        }))
        .after(json!({
            "name": name, "capacity": input.capacity, "ground_floor": input.ground_floor,
            "note": note, "seats_cleared": cleared
        }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(SiteChange {
        id: room_id,
        seats_cleared: cleared,
    })
}

pub async fn delete_room(
    db: &Db,
    session: &Session,
    room_id: i64,
    now: DateTime<Utc>,
) -> Result<SiteChange> {
    let mut tx = db.begin_write().await?;
    let before = room_of(&mut tx, room_id).await?;
    let published = writable(&mut tx, session, before.round_id).await?;
    let (used, _) = seats::seats_in(&mut tx, Some(room_id), None).await?;
    let cleared = clear_for(&mut tx, before.round_id, published, used, "ruang ini").await?;
    store::delete_room(&mut tx, room_id).await?;
    let change = Change::new("test_room.delete", "test_room", room_id)
        .before(json!({ "venue": before.venue_name, "name": before.name }))
        .after(json!({ "seats_cleared": cleared }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(SiteChange {
        id: room_id,
        seats_cleared: cleared,
    })
}

/// Reads a session: label, date, start before end. Returns the label, the
/// date `YYYY-MM-DD` and the times `HH:MM`.
fn session_fields(input: &SessionInput) -> Result<(String, String, String, String)> {
    let label = line("label", "Nama sesi", &input.label, 60, true)?;
    let d = input.date.trim();
    let date = NaiveDate::parse_from_str(d, "%d-%m-%Y")
        .or_else(|_| NaiveDate::parse_from_str(d, "%Y-%m-%d"))
        .map_err(|_| {
            Error::validation(
                "date",
                format!(
                    "Tanggal sesi \"{}\" tidak dapat dibaca; tulis seperti 14-12-2026.",
                    text::shown(d)
                ),
            )
        })?;
    let time = |field: &str, v: &str| {
        NaiveTime::parse_from_str(v.trim(), "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(v.trim(), "%H.%M"))
            .map_err(|_| {
                Error::validation(
                    field,
                    format!(
                        "Jam \"{}\" tidak dapat dibaca; tulis seperti 08:00.",
                        text::shown(v)
                    ),
                )
            })
    };
    let (start, end) = (
        time("starts_at", &input.starts_at)?,
        time("ends_at", &input.ends_at)?,
    );
    if start >= end {
        return Err(Error::validation(
            "ends_at",
            "Jam selesai sesi harus setelah jam mulainya.",
        ));
    }
    Ok((
        label,
        date.format("%Y-%m-%d").to_string(),
        start.format("%H:%M").to_string(),
        end.format("%H:%M").to_string(),
    ))
}

pub async fn add_session(
    db: &Db,
    session: &Session,
    round_id: i64,
    input: &SessionInput,
    now: DateTime<Utc>,
) -> Result<SiteChange> {
    let mut tx = db.begin_write().await?;
    writable(&mut tx, session, round_id).await?;
    let (label, date, starts_at, ends_at) = session_fields(input)?;
    if store::session_label_taken(&mut tx, round_id, &label, None).await? {
        return Err(Error::validation(
            "label",
            format!("Sesi \"{label}\" sudah ada pada seleksi ini."),
        ));
    }
    let fields = SessionFields {
        label: &label,
        date: &date,
        starts_at: &starts_at,
        ends_at: &ends_at,
    };
    let id = store::insert_session(&mut tx, round_id, &fields).await?;
    let change = Change::new("test_session.add", "test_session", id).after(json!({
        "round": round_id, "label": label, "date": date, "starts_at": starts_at, "ends_at": ends_at
    }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(SiteChange {
        id,
        seats_cleared: 0,
    })
}

async fn session_of(conn: &mut SqliteConnection, id: i64) -> Result<store::SessionRow> {
    store::session(conn, id)
        .await?
        .ok_or_else(|| Error::NotFound("Sesi tes".into()))
}

/// Changes a session's label, date or times (participants keep their
/// seats; a published schedule is announced again).
pub async fn edit_session(
    db: &Db,
    session: &Session,
    session_id: i64,
    input: &SessionInput,
    now: DateTime<Utc>,
) -> Result<SiteChange> {
    let mut tx = db.begin_write().await?;
    let before = session_of(&mut tx, session_id).await?;
    writable(&mut tx, session, before.round_id).await?;
    let (label, date, starts_at, ends_at) = session_fields(input)?;
    if store::session_label_taken(&mut tx, before.round_id, &label, Some(session_id)).await? {
        return Err(Error::validation(
            "label",
            format!("Sesi \"{label}\" sudah ada pada seleksi ini."),
        ));
    }
    let fields = SessionFields {
        label: &label,
        date: &date,
        starts_at: &starts_at,
        ends_at: &ends_at,
    };
    store::update_session(&mut tx, session_id, &fields).await?;
    let change = Change::new("test_session.edit", "test_session", session_id)
        .before(json!({
            "label": before.label, "date": before.date,
            "starts_at": before.starts_at, "ends_at": before.ends_at
        }))
        .after(json!({ "label": label, "date": date, "starts_at": starts_at, "ends_at": ends_at }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(SiteChange {
        id: session_id,
        seats_cleared: 0,
    })
}

pub async fn delete_session(
    db: &Db,
    session: &Session,
    session_id: i64,
    now: DateTime<Utc>,
) -> Result<SiteChange> {
    let mut tx = db.begin_write().await?;
    let before = session_of(&mut tx, session_id).await?;
    let published = writable(&mut tx, session, before.round_id).await?;
    let (used, _) = seats::seats_in(&mut tx, None, Some(session_id)).await?;
    let cleared = clear_for(&mut tx, before.round_id, published, used, "sesi ini").await?;
    store::delete_session(&mut tx, session_id).await?;
    let change = Change::new("test_session.delete", "test_session", session_id)
        .before(json!({ "round": before.round_id, "label": before.label }))
        .after(json!({ "seats_cleared": cleared }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(SiteChange {
        id: session_id,
        seats_cleared: cleared,
    })
}
