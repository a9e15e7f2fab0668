//! Participant numbers and seats of a round's written test, and the
//! participants list every test-day document reads (schedule, cards,
//! attendance lists).

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use crate::domain::seating::{Numbered, Placement, SeatKey};
use crate::error::Result;
use crate::store::BULK_CHUNK;

/// The highest sequence given in the round (0 when none).
pub async fn last_seq(conn: &mut SqliteConnection, round_id: i64) -> Result<u32> {
    let n: Option<i64> =
        sqlx::query_scalar("SELECT MAX(seq) FROM participant_numbers WHERE round_id = ?")
            .bind(round_id)
            .fetch_one(&mut *conn)
            .await?;
    Ok(n.unwrap_or(0).max(0) as u32)
}

/// Active MS applicants of the round without a participant number.
pub async fn unnumbered(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<Numbered>> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT a.id, a.unit_code, a.name_key FROM applicants a
         WHERE a.round_id = ? AND a.status <> 'mundur' AND a.admin_result = 'MS'
           AND NOT EXISTS (SELECT 1 FROM participant_numbers p WHERE p.applicant_id = a.id)",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, unit_code, name_key)| Numbered {
            id,
            unit_code,
            name_key,
        })
        .collect())
}

/// Every number given in the round: (applicant, sequence).
pub async fn sequences(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<(i64, u32)>> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT applicant_id, seq FROM participant_numbers WHERE round_id = ? ORDER BY seq",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|(a, s)| (a, s as u32)).collect())
}

/// Stores numbers: (applicant, sequence, number).
pub async fn insert_numbers(
    conn: &mut SqliteConnection,
    round_id: i64,
    numbers: &[(i64, u32, String)],
    at: &str,
) -> Result<()> {
    for chunk in numbers.chunks(BULK_CHUNK / 5) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO participant_numbers (applicant_id, round_id, seq, number, given_at) ",
        );
        q.push_values(chunk, |mut b, (id, seq, number)| {
            b.push_bind(*id)
                .push_bind(round_id)
                .push_bind(*seq)
                .push_bind(number.clone())
                .push_bind(at.to_string());
        });
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Removes every number of the round (before the schedule is published).
pub async fn delete_numbers(conn: &mut SqliteConnection, round_id: i64) -> Result<u64> {
    Ok(
        sqlx::query("DELETE FROM participant_numbers WHERE round_id = ?")
            .bind(round_id)
            .execute(&mut *conn)
            .await?
            .rows_affected(),
    )
}

/// Every seat taken in the round.
pub async fn taken(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<SeatKey>> {
    let rows: Vec<(i64, i64, i64)> =
        sqlx::query_as("SELECT session_id, room_id, seat FROM seat_assignments WHERE round_id = ?")
            .bind(round_id)
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows.into_iter().map(|(s, r, n)| (s, r, n as u32)).collect())
}

/// Removes every seat of the round; returns how many there were.
pub async fn delete_seats(conn: &mut SqliteConnection, round_id: i64) -> Result<u64> {
    Ok(
        sqlx::query("DELETE FROM seat_assignments WHERE round_id = ?")
            .bind(round_id)
            .execute(&mut *conn)
            .await?
            .rows_affected(),
    )
}

pub async fn insert_seats(
    conn: &mut SqliteConnection,
    round_id: i64,
    seats: &[Placement],
    at: &str,
) -> Result<()> {
    for chunk in seats.chunks(BULK_CHUNK / 6) {
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO seat_assignments (applicant_id, round_id, session_id, room_id, seat, assigned_at) ",
        );
        q.push_values(chunk, |mut b, p| {
            b.push_bind(p.applicant_id)
                .push_bind(round_id)
                .push_bind(p.session_id)
                .push_bind(p.room_id)
                .push_bind(p.seat)
                .push_bind(at.to_string());
        });
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Who sits on a seat, if anyone.
pub async fn holder(
    conn: &mut SqliteConnection,
    (session, room, seat): SeatKey,
) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT applicant_id FROM seat_assignments WHERE session_id = ? AND room_id = ? AND seat = ?",
    )
    .bind(session)
    .bind(room)
    .bind(seat)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Seats one participant (replacing the seat they had).
pub async fn put_seat(
    conn: &mut SqliteConnection,
    round_id: i64,
    p: &Placement,
    at: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO seat_assignments (applicant_id, round_id, session_id, room_id, seat, assigned_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (applicant_id) DO UPDATE SET session_id = excluded.session_id,
            room_id = excluded.room_id, seat = excluded.seat, assigned_at = excluded.assigned_at",
    )
    .bind(p.applicant_id)
    .bind(round_id)
    .bind(p.session_id)
    .bind(p.room_id)
    .bind(p.seat)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Seats given in a room (any session), or in a session (any room).
pub async fn seats_in(
    conn: &mut SqliteConnection,
    room_id: Option<i64>,
    session_id: Option<i64>,
) -> Result<(u32, u32)> {
    let (n, max): (i64, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(*), MAX(seat) FROM seat_assignments
         WHERE (?1 IS NULL OR room_id = ?1) AND (?2 IS NULL OR session_id = ?2)",
    )
    .bind(room_id)
    .bind(session_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok((n as u32, max.unwrap_or(0) as u32))
}

/// Seats given in any room of a venue.
pub async fn seats_in_venue(conn: &mut SqliteConnection, venue_id: i64) -> Result<u32> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM seat_assignments s JOIN test_rooms r ON r.id = s.room_id
         WHERE r.venue_id = ?",
    )
    .bind(venue_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n as u32)
}

/// One participant of the written test: an active MS applicant with the
/// number and seat given so far. What the schedule, participant cards and
/// attendance lists print; no NIK, birth date, phone or address here.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ParticipantRow {
    pub applicant_id: i64,
    pub reg_number: String,
    pub full_name: String,
    /// `L` or `P`.
    pub sex: String,
    /// Digits.
    pub unit_code: String,
    pub kecamatan_code: String,
    pub name_key: String,
    /// A disability was noted at registration.
    pub needs_ground_floor: bool,
    pub seq: Option<i64>,
    pub number: Option<String>,
    pub session_id: Option<i64>,
    pub session_label: Option<String>,
    pub session_date: Option<String>,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub venue_id: Option<i64>,
    pub venue_name: Option<String>,
    pub venue_address: Option<String>,
    pub room_id: Option<i64>,
    pub room_name: Option<String>,
    pub seat: Option<i64>,
}

const PARTICIPANT_COLUMNS: &str = "SELECT a.id AS applicant_id, a.reg_number, a.full_name, a.sex,
        a.unit_code, a.kecamatan_code, a.name_key,
        length(trim(coalesce(a.disability, ''))) > 0 AS needs_ground_floor,
        p.seq, p.number,
        s.session_id, t.label AS session_label, t.date AS session_date, t.starts_at, t.ends_at,
        v.id AS venue_id, v.name AS venue_name, v.address AS venue_address,
        s.room_id, r.name AS room_name, s.seat
     FROM applicants a
     LEFT JOIN participant_numbers p ON p.applicant_id = a.id
     LEFT JOIN seat_assignments s ON s.applicant_id = a.id
     LEFT JOIN test_sessions t ON t.id = s.session_id
     LEFT JOIN test_rooms r ON r.id = s.room_id
     LEFT JOIN test_venues v ON v.id = r.venue_id";

/// Every participant of the round's written test (active MS applicants),
/// numbered ones in number order first, then the rest by unit and name.
pub async fn participants(
    conn: &mut SqliteConnection,
    round_id: i64,
) -> Result<Vec<ParticipantRow>> {
    Ok(sqlx::query_as(&format!(
        "{PARTICIPANT_COLUMNS}
         WHERE a.round_id = ? AND a.status <> 'mundur' AND a.admin_result = 'MS'
         ORDER BY p.seq IS NULL, p.seq, a.unit_code, a.name_key, a.id"
    ))
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// The participant number given to an applicant, if any.
pub async fn number_of(conn: &mut SqliteConnection, applicant_id: i64) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT number FROM participant_numbers WHERE applicant_id = ?")
            .bind(applicant_id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// Every participant number of a round with its applicant.
pub async fn numbers(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<(String, i64)>> {
    Ok(
        sqlx::query_as("SELECT number, applicant_id FROM participant_numbers WHERE round_id = ?")
            .bind(round_id)
            .fetch_all(&mut *conn)
            .await?,
    )
}

/// The participant of a round holding `number` (active and MS).
pub async fn by_number(
    conn: &mut SqliteConnection,
    round_id: i64,
    number: &str,
) -> Result<Option<ParticipantRow>> {
    Ok(sqlx::query_as(&format!(
        "{PARTICIPANT_COLUMNS}
         WHERE a.round_id = ? AND p.number = ? COLLATE NOCASE AND a.status <> 'mundur'
           AND a.admin_result = 'MS'"
    ))
    .bind(round_id)
    .bind(number)
    .fetch_optional(&mut *conn)
    .await?)
}

/// An image scan that can give a participant's photo.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PhotoScan {
    pub applicant_id: i64,
    /// `pas_foto` or `drh`.
    pub code: String,
    pub sha256: String,
    pub media_type: String,
}

/// The PNG and JPEG scans of the round's applicants under the codes
/// `pas_foto` and `drh`, the latest of each code last.
pub async fn photo_scans(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<PhotoScan>> {
    Ok(sqlx::query_as(
        "SELECT d.applicant_id, d.code, d.sha256, d.media_type
         FROM document_attachments d JOIN applicants a ON a.id = d.applicant_id
         WHERE a.round_id = ? AND d.code IN ('pas_foto', 'drh')
           AND d.media_type IN ('image/png', 'image/jpeg')
         ORDER BY d.applicant_id, d.added_at, d.rowid",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}
