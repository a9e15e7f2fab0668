//! What is read and printed of the test schedule: the overview on screen
//! (venues with rooms, sessions, counts), the participants with number
//! and seat (what cards and attendance lists print too), the schedule as a
//! list (CSV/Excel, for staff) and the public announcement of the schedule
//! by participant number (PDF). Public documents carry only the number,
//! the name, and where and when: never a NIK, birth date, phone or address
//! of a participant.

use chrono::{DateTime, Local, NaiveDate, Utc};
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use super::state;
use crate::docs::lists::{Cell, Column as ListColumn, Kind, Table};
use crate::domain::permission::{Operation, Session};
use crate::domain::round::Stage;
use crate::domain::round_rules::legal_basis_lines;
use crate::error::{Error, Result};
use crate::pdf::official::{
    render, Column, Group, Letterhead, Official, Signature, Table as PdfTable,
};
use crate::pdf::{hari, tanggal, Paper};
use crate::service::audit::{self, Change};
use crate::service::{publications, setup};
use crate::store::seating::{self as store, ParticipantRow};
use crate::store::{meta, publications as pub_store, rounds, test_sites, Db};

/// A room on screen.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RoomView {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub capacity: u32,
    pub ground_floor: bool,
    pub note: String,
    /// Participants seated in it, over all sessions.
    pub seated: u32,
}

/// A venue with its rooms.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct VenueView {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub address: String,
    pub rooms: Vec<RoomView>,
}

/// A session on screen.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TestSessionView {
    #[ts(type = "number")]
    pub id: i64,
    pub label: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// "Senin, 14 Desember 2026".
    pub date_text: String,
    pub starts_at: String,
    pub ends_at: String,
    pub seated: u32,
}

/// The round's test schedule at a glance.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TestSchedule {
    #[ts(type = "number")]
    pub round_id: i64,
    pub number_format: String,
    /// The first number as the format makes it.
    pub example_number: String,
    /// When the announcement was first made (local time): numbers and
    /// seats are kept from then on.
    pub published_at: Option<String>,
    pub venues: Vec<VenueView>,
    pub sessions: Vec<TestSessionView>,
    /// Active MS applicants.
    pub participants: u32,
    pub numbered: u32,
    pub seated: u32,
    /// Seats of all rooms in one session.
    pub seats_per_session: u32,
    /// Participants with a disability noted at registration.
    pub ground_floor_needed: u32,
    /// The written test is the stage in progress: numbers and seats can
    /// be given.
    pub in_progress: bool,
}

/// A participant of the written test: number, name, unit and where and
/// when they sit. For the screen, the schedule, participant cards and
/// attendance lists; no NIK, birth date, phone or address.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Participant {
    #[ts(type = "number")]
    pub applicant_id: i64,
    pub number: Option<String>,
    pub reg_number: String,
    pub full_name: String,
    pub sex: String,
    /// Digits.
    pub unit_code: String,
    pub needs_ground_floor: bool,
    #[ts(type = "number | null")]
    pub session_id: Option<i64>,
    pub session_label: Option<String>,
    /// `YYYY-MM-DD`.
    pub session_date: Option<String>,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    #[ts(type = "number | null")]
    pub venue_id: Option<i64>,
    pub venue_name: Option<String>,
    #[ts(type = "number | null")]
    pub room_id: Option<i64>,
    pub room_name: Option<String>,
    pub seat: Option<u32>,
}

impl From<ParticipantRow> for Participant {
    fn from(r: ParticipantRow) -> Self {
        Participant {
            applicant_id: r.applicant_id,
            number: r.number,
            reg_number: r.reg_number,
            full_name: r.full_name,
            sex: r.sex,
            unit_code: r.unit_code,
            needs_ground_floor: r.needs_ground_floor,
            session_id: r.session_id,
            session_label: r.session_label,
            session_date: r.session_date,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            venue_id: r.venue_id,
            venue_name: r.venue_name,
            room_id: r.room_id,
            room_name: r.room_name,
            seat: r.seat.map(|s| s as u32),
        }
    }
}

pub(super) fn date_text(date: &str) -> String {
    NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map(|d| format!("{}, {}", hari(d), tanggal(d)))
        .unwrap_or_else(|_| date.to_string())
}

/// The schedule at a glance. Any logged-in role.
pub async fn overview(db: &Db, session: &Session, round_id: i64) -> Result<TestSchedule> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    let round = rounds::get(&mut conn, round_id).await?;
    let st = state(&mut conn, round_id).await?;
    let published_at = test_sites::schedule(&mut conn, round_id)
        .await?
        .and_then(|s| s.published_at)
        .map(|at| super::super::local_time(&at));
    let people = store::participants(&mut conn, round_id).await?;
    let count = |f: &dyn Fn(&ParticipantRow) -> bool| people.iter().filter(|p| f(p)).count() as u32;
    let rooms = test_sites::rooms(&mut conn, round_id).await?;
    let mut venues: Vec<VenueView> = test_sites::venues(&mut conn, round_id)
        .await?
        .into_iter()
        .map(|v| VenueView {
            id: v.id,
            name: v.name,
            address: v.address,
            rooms: Vec::new(),
        })
        .collect();
    for r in &rooms {
        if let Some(v) = venues.iter_mut().find(|v| v.id == r.venue_id) {
            v.rooms.push(RoomView {
                id: r.id,
                name: r.name.clone(),
                capacity: r.capacity as u32,
                ground_floor: r.ground_floor,
                note: r.note.clone(),
                seated: count(&|p| p.room_id == Some(r.id)),
            });
        }
    }
    let sessions = test_sites::sessions(&mut conn, round_id)
        .await?
        .into_iter()
        .map(|s| TestSessionView {
            seated: count(&|p| p.session_id == Some(s.id)),
            id: s.id,
            date_text: date_text(&s.date),
            label: s.label,
            date: s.date,
            starts_at: s.starts_at,
            ends_at: s.ends_at,
        })
        .collect();
    let kab = meta::get(&mut *conn, meta::KABUPATEN_CODE)
        .await?
        .unwrap_or_default()
        .replace('.', "");
    Ok(TestSchedule {
        round_id,
        number_format: st.format.as_str().to_string(),
        example_number: st.format.render(round.body, &kab, 1),
        published_at,
        venues,
        sessions,
        participants: people.len() as u32,
        numbered: count(&|p| p.number.is_some()),
        seated: count(&|p| p.seat.is_some()),
        seats_per_session: rooms.iter().map(|r| r.capacity as u32).sum(),
        ground_floor_needed: count(&|p| p.needs_ground_floor),
        in_progress: round.current_stage == Stage::Tertulis,
    })
}

/// The participants of the round's written test, numbered ones in number
/// order, with their seats; `venue` keeps those seated in one venue (the
/// schedule per venue). Any logged-in role.
pub async fn participants(
    db: &Db,
    session: &Session,
    round_id: i64,
    venue: Option<i64>,
) -> Result<Vec<Participant>> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    rounds::get(&mut conn, round_id).await?;
    Ok(store::participants(&mut conn, round_id)
        .await?
        .into_iter()
        .filter(|p| venue.is_none() || p.venue_id == venue)
        .map(Participant::from)
        .collect())
}

/// The schedule as a list for staff (CSV or Excel), in number order; one
/// venue's when `venue` is given. Any logged-in role.
pub async fn schedule_table(
    db: &Db,
    session: &Session,
    round_id: i64,
    venue: Option<i64>,
) -> Result<Table> {
    let rows = participants(db, session, round_id, venue).await?;
    let mut table = Table::new(
        "Jadwal tes tertulis",
        &[
            ListColumn::new("nomor_peserta", Kind::Code, 16),
            ListColumn::new("nama", Kind::Text, 28),
            ListColumn::new("jenis_kelamin", Kind::Text, 6),
            ListColumn::new("kode_wilayah_tugas", Kind::Code, 14),
            ListColumn::new("sesi", Kind::Text, 14),
            ListColumn::new("tanggal", Kind::Date, 12),
            ListColumn::new("jam", Kind::Text, 12),
            ListColumn::new("tempat", Kind::Text, 28),
            ListColumn::new("ruang", Kind::Text, 16),
            ListColumn::new("kursi", Kind::Integer, 6),
        ],
    );
    for p in rows {
        let date = p
            .session_date
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        table.push(vec![
            Cell::optional(p.number),
            Cell::Text(p.full_name),
            Cell::Text(p.sex),
            Cell::Text(p.unit_code),
            Cell::optional(p.session_label),
            date.map(Cell::Date).unwrap_or(Cell::Empty),
            match (p.starts_at, p.ends_at) {
                (Some(s), Some(e)) => Cell::Text(format!("{s}–{e}")),
                _ => Cell::Empty,
            },
            Cell::optional(p.venue_name),
            Cell::optional(p.room_name),
            p.seat
                .map(|s| Cell::Integer(i64::from(s)))
                .unwrap_or(Cell::Empty),
        ]);
    }
    Ok(table)
}

/// The announcement of the schedule as made.
#[derive(Debug, Clone)]
pub struct ScheduleDoc {
    pub file: String,
    pub bytes: Vec<u8>,
    /// This print published the schedule: numbers and seats are kept from
    /// now on.
    pub published_now: bool,
}

/// The public announcement of the test schedule (pengumuman jadwal) by
/// participant number: per session, number, name, venue, room and seat;
/// the venues' addresses below. Every participant must be numbered and
/// seated. The first print publishes the schedule (recorded, audited):
/// from then on numbers and seats stay. `number` is the document's number
/// as typed (dotted for filling in by hand when none). Any logged-in role.
pub async fn schedule_pdf(
    db: &Db,
    session: &Session,
    round_id: i64,
    paper: Paper,
    number: Option<&str>,
    now: DateTime<Utc>,
) -> Result<ScheduleDoc> {
    session.require(Operation::Read)?;
    let mut tx = db.begin_write().await?;
    let round = rounds::get(&mut tx, round_id).await?;
    let st = state(&mut tx, round_id).await?;
    let people = store::participants(&mut tx, round_id).await?;
    if people.is_empty() {
        return Err(Error::stage(
            "Belum ada peserta tes tertulis (pendaftar MS) pada seleksi ini.",
        ));
    }
    let unseated = people
        .iter()
        .filter(|p| p.seat.is_none() || p.number.is_none())
        .count();
    if unseated > 0 {
        return Err(Error::stage(format!(
            "{unseated} peserta belum mendapat nomor atau tempat duduk. Beri nomor peserta dan \
             atur tempat duduk dahulu."
        )));
    }
    let sessions = test_sites::sessions(&mut tx, round_id).await?;
    let venues = test_sites::venues(&mut tx, round_id).await?;
    let mut groups = Vec::new();
    for s in &sessions {
        let rows: Vec<Vec<String>> = people
            .iter()
            .filter(|p| p.session_id == Some(s.id))
            .map(|p| {
                vec![
                    p.number.clone().unwrap_or_default(),
                    p.full_name.clone(),
                    p.venue_name.clone().unwrap_or_default(),
                    p.room_name.clone().unwrap_or_default(),
                    p.seat.map(|n| n.to_string()).unwrap_or_default(),
                ]
            })
            .collect();
        if !rows.is_empty() {
            groups.push(Group {
                heading: format!(
                    "{}: {}, pukul {}–{}",
                    s.label,
                    date_text(&s.date),
                    s.starts_at,
                    s.ends_at
                ),
                rows,
            });
        }
    }
    let published_now = !st.published;
    if published_now {
        test_sites::set_published(
            &mut tx,
            round_id,
            st.format.as_str(),
            &now.to_rfc3339(),
            session.user_id,
        )
        .await?;
        let change = Change::new("seating.publish", "round", round_id)
            .after(json!({ "participants": people.len() }));
        audit::record(&mut tx, session, now, change).await?;
    }
    let head = audit::head_on(&mut tx).await?;
    tx.commit().await?;

    let kabupaten = setup::kabupaten(db).await?;
    let s = publications::settings(db, session).await?;
    let logo = match pub_store::logo(db.pool()).await? {
        Some((_, bytes)) => Some(crate::pdf::logo::Logo::read(&bytes)?),
        None => None,
    };
    let commission = kabupaten.commission();
    let body = round.body.full_name();
    let addresses: Vec<String> = venues
        .iter()
        .map(|v| {
            if v.address.is_empty() {
                format!("{}.", v.name)
            } else {
                format!("{}: {}.", v.name, v.address)
            }
        })
        .collect();
    let doc = Official {
        letterhead: Some(Letterhead {
            name: vec![commission.clone()],
            lines: vec![s.address.clone(), s.contacts.clone()],
            logo,
        }),
        title: "PENGUMUMAN".into(),
        number: number
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .unwrap_or("........................................")
            .to_string(),
        mark: None,
        legal_basis: legal_basis_lines(&round.settings.legal_basis),
        about: format!(
            "JADWAL DAN TEMPAT TES TERTULIS CALON ANGGOTA {} {}",
            body.to_uppercase(),
            round.election.to_uppercase()
        ),
        opening: format!(
            "Berdasarkan hasil penelitian administrasi, {commission} mengumumkan jadwal dan \
             tempat tes tertulis calon anggota {body} menurut nomor peserta sebagai berikut."
        ),
        table: PdfTable {
            columns: vec![
                Column::new("Nomor Peserta", 1.3),
                Column::new("Nama", 2.2),
                Column::new("Tempat", 1.6),
                Column::new("Ruang", 1.0),
                Column::figure("Kursi", 0.5),
            ],
            groups,
            empty: "Tidak ada peserta.".into(),
        },
        closing: format!(
            "Alamat tempat tes: {}\nPeserta hadir paling lambat 30 menit sebelum sesi dimulai \
             dengan membawa KTP-el dan kartu peserta. Peserta yang tidak hadir pada sesinya \
             dinyatakan gugur; tidak ada tes susulan.\nDemikian pengumuman ini untuk diketahui.",
            addresses.join(" ")
        ),
        place: kabupaten.town().to_string(),
        date: now.with_timezone(&Local).date_naive(),
        signature: Signature::Ketua {
            title: format!("KETUA {commission}"),
            name: if s.chair.is_empty() {
                "(.................................)".into()
            } else {
                s.chair.clone()
            },
        },
        audit_head: Some(format!("Jejak audit saat dokumen dibuat: {}", head.text)),
    };
    let bytes = tokio::task::spawn_blocking(move || render(&doc, paper))
        .await
        .map_err(|e| Error::Internal(e.to_string()))??;
    Ok(ScheduleDoc {
        file: format!(
            "pengumuman-jadwal-tes-{}-seleksi-{round_id}.pdf",
            round.body.as_str().to_lowercase()
        ),
        bytes,
        published_now,
    })
}
