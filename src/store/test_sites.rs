//! Where and when the written test is held: a round's test schedule
//! settings (number format, publication), its venues, their rooms and its
//! sessions.

use sqlx::SqliteConnection;

use crate::error::Result;

/// A round's schedule settings.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ScheduleRow {
    pub number_format: String,
    pub published_at: Option<String>,
}

pub async fn schedule(conn: &mut SqliteConnection, round_id: i64) -> Result<Option<ScheduleRow>> {
    Ok(
        sqlx::query_as("SELECT number_format, published_at FROM test_schedules WHERE round_id = ?")
            .bind(round_id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

pub async fn set_number_format(
    conn: &mut SqliteConnection,
    round_id: i64,
    format: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO test_schedules (round_id, number_format) VALUES (?, ?)
         ON CONFLICT (round_id) DO UPDATE SET number_format = excluded.number_format",
    )
    .bind(round_id)
    .bind(format)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Marks the schedule published (kept as first published).
pub async fn set_published(
    conn: &mut SqliteConnection,
    round_id: i64,
    format: &str,
    at: &str,
    by: Option<i64>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO test_schedules (round_id, number_format, published_at, published_by)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (round_id) DO UPDATE SET
            published_at = coalesce(published_at, excluded.published_at),
            published_by = coalesce(published_by, excluded.published_by)",
    )
    .bind(round_id)
    .bind(format)
    .bind(at)
    .bind(by)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A venue (tempat tes).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct VenueRow {
    pub id: i64,
    pub round_id: i64,
    pub name: String,
    pub address: String,
}

pub async fn venues(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<VenueRow>> {
    Ok(sqlx::query_as(
        "SELECT id, round_id, name, address FROM test_venues WHERE round_id = ? ORDER BY id",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn venue(conn: &mut SqliteConnection, id: i64) -> Result<Option<VenueRow>> {
    Ok(
        sqlx::query_as("SELECT id, round_id, name, address FROM test_venues WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// Whether another venue of the round has this name.
pub async fn venue_name_taken(
    conn: &mut SqliteConnection,
    round_id: i64,
    name: &str,
    except: Option<i64>,
) -> Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM test_venues WHERE round_id = ? AND name = ? COLLATE NOCASE AND id IS NOT ?",
    )
    .bind(round_id)
    .bind(name)
    .bind(except)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.is_some())
}

pub async fn insert_venue(
    conn: &mut SqliteConnection,
    round_id: i64,
    name: &str,
    address: &str,
    at: &str,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO test_venues (round_id, name, address, created_at) VALUES (?, ?, ?, ?) RETURNING id",
    )
    .bind(round_id)
    .bind(name)
    .bind(address)
    .bind(at)
    .fetch_one(&mut *conn)
    .await?)
}

pub async fn update_venue(
    conn: &mut SqliteConnection,
    id: i64,
    name: &str,
    address: &str,
) -> Result<()> {
    sqlx::query("UPDATE test_venues SET name = ?, address = ? WHERE id = ?")
        .bind(name)
        .bind(address)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Deletes a venue with its rooms (the caller made sure no seat is in them).
pub async fn delete_venue(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM test_venues WHERE id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A room of a venue, with the venue it is in.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RoomRow {
    pub id: i64,
    pub venue_id: i64,
    pub venue_name: String,
    pub round_id: i64,
    pub name: String,
    pub capacity: i64,
    pub ground_floor: bool,
    pub note: String,
}

const ROOM_COLUMNS: &str = "SELECT r.id, r.venue_id, v.name AS venue_name, v.round_id, r.name,
        r.capacity, r.ground_floor, r.note
     FROM test_rooms r JOIN test_venues v ON v.id = r.venue_id";

/// A round's rooms in the order seats are filled: venue, then room, as
/// they were entered.
pub async fn rooms(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<RoomRow>> {
    Ok(sqlx::query_as(&format!(
        "{ROOM_COLUMNS} WHERE v.round_id = ? ORDER BY v.id, r.id"
    ))
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn room(conn: &mut SqliteConnection, id: i64) -> Result<Option<RoomRow>> {
    Ok(sqlx::query_as(&format!("{ROOM_COLUMNS} WHERE r.id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?)
}

/// Whether another room of the venue has this name.
pub async fn room_name_taken(
    conn: &mut SqliteConnection,
    venue_id: i64,
    name: &str,
    except: Option<i64>,
) -> Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM test_rooms WHERE venue_id = ? AND name = ? COLLATE NOCASE AND id IS NOT ?",
    )
    .bind(venue_id)
    .bind(name)
    .bind(except)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.is_some())
}

/// A room's fields as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomFields<'a> {
    pub name: &'a str,
    pub capacity: u32,
    pub ground_floor: bool,
    pub note: &'a str,
}

pub async fn insert_room(
    conn: &mut SqliteConnection,
    venue_id: i64,
    f: &RoomFields<'_>,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO test_rooms (venue_id, name, capacity, ground_floor, note)
         VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(venue_id)
    .bind(f.name)
    .bind(f.capacity)
    .bind(f.ground_floor)
    .bind(f.note)
    .fetch_one(&mut *conn)
    .await?)
}

pub async fn update_room(conn: &mut SqliteConnection, id: i64, f: &RoomFields<'_>) -> Result<()> {
    sqlx::query(
        "UPDATE test_rooms SET name = ?, capacity = ?, ground_floor = ?, note = ? WHERE id = ?",
    )
    .bind(f.name)
    .bind(f.capacity)
    .bind(f.ground_floor)
    .bind(f.note)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn delete_room(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM test_rooms WHERE id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A test session (sesi): a date and a time span.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SessionRow {
    pub id: i64,
    pub round_id: i64,
    pub label: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`.
    pub starts_at: String,
    pub ends_at: String,
}

/// A round's sessions in time order.
pub async fn sessions(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<SessionRow>> {
    Ok(sqlx::query_as(
        "SELECT id, round_id, label, date, starts_at, ends_at FROM test_sessions
         WHERE round_id = ? ORDER BY date, starts_at, id",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn session(conn: &mut SqliteConnection, id: i64) -> Result<Option<SessionRow>> {
    Ok(sqlx::query_as(
        "SELECT id, round_id, label, date, starts_at, ends_at FROM test_sessions WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Whether another session of the round has this label.
pub async fn session_label_taken(
    conn: &mut SqliteConnection,
    round_id: i64,
    label: &str,
    except: Option<i64>,
) -> Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM test_sessions WHERE round_id = ? AND label = ? COLLATE NOCASE AND id IS NOT ?",
    )
    .bind(round_id)
    .bind(label)
    .bind(except)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.is_some())
}

/// A session's fields as written (date `YYYY-MM-DD`, times `HH:MM`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionFields<'a> {
    pub label: &'a str,
    pub date: &'a str,
    pub starts_at: &'a str,
    pub ends_at: &'a str,
}

pub async fn insert_session(
    conn: &mut SqliteConnection,
    round_id: i64,
    f: &SessionFields<'_>,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO test_sessions (round_id, label, date, starts_at, ends_at)
         VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(round_id)
    .bind(f.label)
    .bind(f.date)
    .bind(f.starts_at)
    .bind(f.ends_at)
    .fetch_one(&mut *conn)
    .await?)
}

pub async fn update_session(
    conn: &mut SqliteConnection,
    id: i64,
    f: &SessionFields<'_>,
) -> Result<()> {
    sqlx::query(
        "UPDATE test_sessions SET label = ?, date = ?, starts_at = ?, ends_at = ? WHERE id = ?",
    )
    .bind(f.label)
    .bind(f.date)
    .bind(f.starts_at)
    .bind(f.ends_at)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn delete_session(conn: &mut SqliteConnection, id: i64) -> Result<()> {
    sqlx::query("DELETE FROM test_sessions WHERE id = ?")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
