//! Seating participants: session, room and seat for each one.
//!
//! Every room is used in every session, so the seats are the product
//! sessions × rooms × 1..=capacity, walked in a fixed order (session, then
//! room as given, then seat): a session fills up before the next one
//! starts, and participants, ordered by unit code, then name, then id, sit
//! together by kecamatan. Applicants whose registration notes a disability
//! are seated first, in the rooms marked as on the ground floor. Seats
//! already taken (a schedule that was published keeps its seats) are
//! skipped, never reused.

use std::collections::HashSet;

/// A seat: (session id, room id, seat number from 1).
pub type SeatKey = (i64, i64, u32);

/// A participant to seat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: i64,
    /// Digits of the unit.
    pub unit_code: String,
    pub name_key: String,
    /// A disability was noted at registration: seat on the ground floor.
    pub needs_ground_floor: bool,
}

/// A room, in the order its seats are filled (venue, then room).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Room {
    pub id: i64,
    /// Seats (or CAT computers), at least 1.
    pub capacity: u32,
    pub ground_floor: bool,
}

/// Where one participant sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Placement {
    pub applicant_id: i64,
    pub session_id: i64,
    pub room_id: i64,
    pub seat: u32,
}

impl Placement {
    pub fn key(&self) -> SeatKey {
        (self.session_id, self.room_id, self.seat)
    }
}

/// Why participants cannot all be seated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeatingError {
    NoRooms,
    NoSessions,
    /// Fewer free seats (capacity × sessions) than participants.
    Short {
        needed: u32,
        available: u32,
    },
    /// Fewer free ground-floor seats than participants who need one.
    GroundFloorShort {
        needed: u32,
        available: u32,
    },
}

impl SeatingError {
    /// What staff read, with what to do.
    pub fn message(&self) -> String {
        match *self {
            SeatingError::NoRooms => {
                "Belum ada ruang tes. Tambahkan tempat dan ruangnya terlebih dahulu.".into()
            }
            SeatingError::NoSessions => {
                "Belum ada sesi tes. Tambahkan sesi (tanggal dan jam) terlebih dahulu.".into()
            }
            SeatingError::Short { needed, available } => format!(
                "Kursi tidak cukup: {needed} peserta, tersedia {available} kursi \
                 (kapasitas ruang × jumlah sesi); kurang {} kursi. Tambahkan ruang atau sesi.",
                needed - available
            ),
            SeatingError::GroundFloorShort { needed, available } => format!(
                "{needed} peserta dengan catatan disabilitas perlu duduk di lantai dasar, \
                 tetapi kursi di ruang lantai dasar hanya {available}; kurang {} kursi. \
                 Tandai ruang lantai dasar lainnya atau tambahkan sesi.",
                needed - available
            ),
        }
    }
}

/// Seats every candidate, or refuses with the shortage. `rooms` and
/// `sessions` are in the order they are filled; `taken` are seats that
/// stay as they are. Guarantees: each candidate gets exactly one seat; no
/// seat is given twice or is in `taken`; every seat number is within its
/// room's capacity (so no room holds more than its capacity in a
/// session); when any room is on the ground floor, every candidate who
/// needs one sits in such a room.
pub fn assign(
    mut candidates: Vec<Candidate>,
    rooms: &[Room],
    sessions: &[i64],
    taken: &HashSet<SeatKey>,
) -> Result<Vec<Placement>, SeatingError> {
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    if rooms.is_empty() {
        return Err(SeatingError::NoRooms);
    }
    if sessions.is_empty() {
        return Err(SeatingError::NoSessions);
    }
    candidates
        .sort_by(|a, b| (&a.unit_code, &a.name_key, a.id).cmp(&(&b.unit_code, &b.name_key, b.id)));
    // Free seats in filling order, with whether each is on the ground floor.
    let free: Vec<(SeatKey, bool)> = sessions
        .iter()
        .flat_map(|&s| {
            rooms.iter().flat_map(move |r| {
                (1..=r.capacity).map(move |seat| ((s, r.id, seat), r.ground_floor))
            })
        })
        .filter(|(k, _)| !taken.contains(k))
        .collect();
    let needed = candidates.len() as u32;
    let available = free.len().min(u32::MAX as usize) as u32;
    if available < needed {
        return Err(SeatingError::Short { needed, available });
    }
    let any_ground = rooms.iter().any(|r| r.ground_floor);
    let (first, rest): (Vec<Candidate>, Vec<Candidate>) = candidates
        .into_iter()
        .partition(|c| any_ground && c.needs_ground_floor);
    let ground = free.iter().filter(|(_, g)| *g).count() as u32;
    if (first.len() as u32) > ground {
        return Err(SeatingError::GroundFloorShort {
            needed: first.len() as u32,
            available: ground,
        });
    }
    let mut used = vec![false; free.len()];
    let mut out = Vec::with_capacity(needed as usize);
    let mut place = |c: &Candidate, i: usize, used: &mut Vec<bool>| {
        used[i] = true;
        let (session_id, room_id, seat) = free[i].0;
        out.push(Placement {
            applicant_id: c.id,
            session_id,
            room_id,
            seat,
        });
    };
    let mut grounds = free
        .iter()
        .enumerate()
        .filter(|(_, (_, g))| *g)
        .map(|(i, _)| i);
    for c in &first {
        // Counted above: there is a ground-floor seat for each.
        if let Some(i) = grounds.next() {
            place(c, i, &mut used);
        }
    }
    let mut next = 0;
    for c in &rest {
        while used[next] {
            next += 1;
        }
        place(c, next, &mut used);
    }
    Ok(out)
}

/// Checks a manual move to `seat` of a room with `capacity` seats, where
/// `occupied` says whether someone else sits there already.
pub fn check_move(seat: u32, capacity: u32, occupied: bool) -> Result<(), String> {
    if seat == 0 || seat > capacity {
        return Err(format!(
            "Kursi {seat} tidak ada di ruang ini: kapasitasnya {capacity} kursi (nomor 1–{capacity})."
        ));
    }
    if occupied {
        return Err(format!(
            "Kursi {seat} pada sesi dan ruang itu sudah ditempati peserta lain; pilih kursi yang kosong."
        ));
    }
    Ok(())
}
