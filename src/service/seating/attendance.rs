//! Attendance at the written test: recording a participant present by the
//! number on their card (typed, or scanned: a scanner types the number and
//! Enter), marking one absent by hand, undoing a wrong record with a
//! reason, and closing the attendance of a session (or of the whole test):
//! everyone not recorded becomes absent and their written mark `absen`
//! (an absent applicant is out; there is no make-up test). Closing never
//! overrides a written score already entered: it is refused, naming who
//! (they sat the test; record them present). Every write is audited;
//! closing is one transaction. Staff who enter scores (and the
//! Administrator) record attendance, while the written test is open.

use std::collections::HashMap;

use chrono::{DateTime, Local, Utc};
use serde::Serialize;
use serde_json::json;
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::Participant;
use crate::domain::permission::{Operation, Session};
use crate::domain::ranking::Mark;
use crate::domain::round::Stage;
use crate::domain::seating::attendance::{closing, counts, totals, Attendee, RoomCount};
use crate::domain::text::shown;
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::service::score_import::ensure_scoring;
use crate::store::attendance::{self as store, NewRecord, Record, BY_CLOSING, BY_HAND, BY_NUMBER};
use crate::store::seating::{self as seats, ParticipantRow};
use crate::store::selection::{upsert_marks, NewMark};
use crate::store::{rounds, test_sites, Db};

/// The answer to a typed or scanned number: the participant to confirm
/// (name, room, seat), or why it was refused.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ScanAnswer {
    pub accepted: bool,
    /// The number as typed.
    pub number: String,
    pub message: String,
    pub participant: Option<Participant>,
}

/// Counts of one room in one session.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RoomAttendance {
    #[ts(type = "number | null")]
    pub session_id: Option<i64>,
    #[ts(type = "number | null")]
    pub room_id: Option<i64>,
    /// "Sesi 1", or "Belum mendapat tempat duduk".
    pub session_label: String,
    pub venue_name: String,
    pub room_name: String,
    pub seated: u32,
    pub present: u32,
    pub absent: u32,
    /// Not recorded yet.
    pub open: u32,
}

/// One participant's attendance as recorded.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AttendanceEntry {
    pub participant: Participant,
    /// `true` present, `false` absent, `null` not recorded.
    pub present: Option<bool>,
    /// "nomor", "tandai" or "tutup".
    pub source: Option<String>,
    pub reason: String,
    /// Local "dd-mm-yyyy HH:MM".
    pub recorded_at: Option<String>,
    pub recorded_by: Option<String>,
}

/// The round's attendance at a glance.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AttendanceView {
    #[ts(type = "number")]
    pub round_id: i64,
    pub rooms: Vec<RoomAttendance>,
    pub totals: RoomAttendance,
    pub entries: Vec<AttendanceEntry>,
    /// The written test is open: attendance can be recorded.
    pub open: bool,
}

/// What closing would do, for the confirmation.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ClosingPreview {
    /// "nomor — nama" of those who become absent.
    pub becomes_absent: Vec<String>,
    /// Not recorded but with a written score: closing is refused.
    pub scored: Vec<String>,
}

/// What a close did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AttendanceClosed {
    pub absent: u32,
}

fn label(p: &ParticipantRow) -> String {
    format!(
        "{} — {}",
        p.number.as_deref().unwrap_or(&p.reg_number),
        p.full_name
    )
}

fn hour(at: &str) -> String {
    DateTime::parse_from_rfc3339(at)
        .map(|t| t.with_timezone(&Local).format("%H:%M").to_string())
        .unwrap_or_else(|_| at.to_string())
}

/// Participants, records and marks of a round, as the domain reads them.
pub(crate) struct Loaded {
    pub people: Vec<ParticipantRow>,
    pub records: HashMap<i64, Record>,
    pub attendees: Vec<Attendee>,
}

pub(crate) async fn load(conn: &mut SqliteConnection, round_id: i64) -> Result<Loaded> {
    let people = seats::participants(conn, round_id).await?;
    let records: HashMap<i64, Record> = store::records(conn, round_id)
        .await?
        .into_iter()
        .map(|r| (r.applicant_id, r))
        .collect();
    let marks: HashMap<i64, Mark> = store::written_marks(conn, round_id)
        .await?
        .into_iter()
        .collect();
    let attendees = people
        .iter()
        .map(|p| Attendee {
            applicant_id: p.applicant_id,
            session_id: p.session_id,
            room_id: p.room_id,
            present: records.get(&p.applicant_id).map(|r| r.present),
            mark: marks.get(&p.applicant_id).copied(),
        })
        .collect();
    Ok(Loaded {
        people,
        records,
        attendees,
    })
}

/// Counts per room and session with the room's names.
pub(crate) fn room_counts(l: &Loaded) -> (Vec<RoomAttendance>, RoomAttendance) {
    let named = |c: &RoomCount| {
        let p = l
            .people
            .iter()
            .find(|p| p.session_id == c.session_id && p.room_id == c.room_id);
        RoomAttendance {
            session_id: c.session_id,
            room_id: c.room_id,
            session_label: p
                .and_then(|p| p.session_label.clone())
                .unwrap_or_else(|| "Belum mendapat tempat duduk".into()),
            venue_name: p.and_then(|p| p.venue_name.clone()).unwrap_or_default(),
            room_name: p.and_then(|p| p.room_name.clone()).unwrap_or_default(),
            seated: c.seated,
            present: c.present,
            absent: c.absent,
            open: c.open,
        }
    };
    let per_room = counts(&l.attendees);
    let mut total = named(&totals(&per_room));
    total.session_label = "Jumlah".into();
    (per_room.iter().map(named).collect(), total)
}

/// The attendance of a round. Any logged-in role.
pub async fn attendance(db: &Db, session: &Session, round_id: i64) -> Result<AttendanceView> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    let round = rounds::get(&mut conn, round_id).await?;
    let l = load(&mut conn, round_id).await?;
    let (rooms, totals) = room_counts(&l);
    let entries = l
        .people
        .iter()
        .map(|p| {
            let r = l.records.get(&p.applicant_id);
            AttendanceEntry {
                participant: Participant::from(p.clone()),
                present: r.map(|r| r.present),
                source: r.map(|r| r.source.clone()),
                reason: r.map(|r| r.reason.clone()).unwrap_or_default(),
                recorded_at: r.map(|r| super::super::local_time(&r.recorded_at)),
                recorded_by: r.and_then(|r| r.recorded_by.clone()),
            }
        })
        .collect();
    Ok(AttendanceView {
        round_id,
        rooms,
        totals,
        entries,
        open: round.current_stage == Stage::Tertulis && round.stage_open,
    })
}

/// Finds the participant holding `number`, or says why not.
async fn find(
    conn: &mut SqliteConnection,
    round_id: i64,
    number: &str,
) -> Result<std::result::Result<ParticipantRow, String>> {
    let n = number.trim();
    if n.is_empty() {
        return Ok(Err("Ketik atau pindai nomor peserta.".into()));
    }
    if let Some(p) = seats::by_number(conn, round_id, n).await? {
        return Ok(Ok(p));
    }
    Ok(Err(match store::round_of_number(conn, n).await? {
        Some((id, name)) if id != round_id => {
            format!("Nomor {} adalah peserta seleksi lain ({name}).", shown(n))
        }
        Some(_) => format!(
            "Nomor {} tidak lagi mengikuti tes tertulis (mengundurkan diri atau tidak MS).",
            shown(n)
        ),
        None => format!("Nomor peserta {} tidak dikenal.", shown(n)),
    }))
}

/// Records a participant present by the number on their card. A refusal
/// (unknown number, another round's, already recorded) is an answer, not
/// an error, so a scanner can go on; a closed stage or a role that may not
/// enter scores is an error.
pub async fn record_present(
    db: &Db,
    session: &Session,
    round_id: i64,
    number: &str,
    now: DateTime<Utc>,
) -> Result<ScanAnswer> {
    session.require(Operation::EnterScores)?;
    let mut tx = db.begin_write().await?;
    ensure_scoring(&mut tx, round_id, Stage::Tertulis).await?;
    let refuse = |message: String, p: Option<ParticipantRow>| ScanAnswer {
        accepted: false,
        number: number.trim().to_string(),
        message,
        participant: p.map(Participant::from),
    };
    let p = match find(&mut tx, round_id, number).await? {
        Ok(p) => p,
        Err(m) => return Ok(refuse(m, None)),
    };
    if let Some(r) = store::record_of(&mut tx, p.applicant_id).await? {
        let what = if r.present { "hadir" } else { "tidak hadir" };
        let m = format!(
            "{} sudah tercatat {what} pukul {}.",
            label(&p),
            hour(&r.recorded_at)
        );
        return Ok(refuse(m, Some(p)));
    }
    let at = now.to_rfc3339();
    let record = NewRecord {
        present: true,
        source: BY_NUMBER,
        reason: "",
        user_id: session.user_id,
        at: &at,
    };
    store::insert(&mut tx, round_id, &[p.applicant_id], record).await?;
    let change = Change::new("attendance.present", "applicant", p.applicant_id)
        .after(json!({ "number": p.number, "present": true }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    let message = format!(
        "Hadir: {}, {} {} kursi {}.",
        label(&p),
        p.venue_name.as_deref().unwrap_or(""),
        p.room_name.as_deref().unwrap_or(""),
        p.seat.map(|s| s.to_string()).unwrap_or_else(|| "-".into())
    );
    Ok(ScanAnswer {
        accepted: true,
        number: number.trim().to_string(),
        message,
        participant: Some(Participant::from(p)),
    })
}

/// Gets the participant or refuses with a not-found error.
async fn participant(
    conn: &mut SqliteConnection,
    round_id: i64,
    number: &str,
) -> Result<ParticipantRow> {
    find(conn, round_id, number)
        .await?
        .map_err(|m| Error::validation("number", m))
}

/// Marks one participant absent by hand, with a reason; their written
/// mark becomes `absen`. Refused when already recorded or when a written
/// score was entered.
pub async fn mark_absent(
    db: &Db,
    session: &Session,
    round_id: i64,
    number: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    session.require(Operation::EnterScores)?;
    let reason = super::super::written_text(
        reason,
        "reason",
        5,
        "Tuliskan alasan (paling sedikit 5 karakter), mis. \"tidak datang\".",
    )?;
    let mut tx = db.begin_write().await?;
    ensure_scoring(&mut tx, round_id, Stage::Tertulis).await?;
    let p = participant(&mut tx, round_id, number).await?;
    if let Some(r) = store::record_of(&mut tx, p.applicant_id).await? {
        let what = if r.present { "hadir" } else { "tidak hadir" };
        return Err(Error::stage(format!(
            "{} sudah tercatat {what} pukul {}; batalkan catatan itu dahulu bila keliru.",
            label(&p),
            hour(&r.recorded_at)
        )));
    }
    let (written, _) = crate::store::selection::marks_of(&mut tx, p.applicant_id).await?;
    if let Some(Mark::Score(_)) = written {
        return Err(Error::stage(format!(
            "{} sudah mendapat nilai tes tertulis; nilai itu tidak ditimpa.",
            label(&p)
        )));
    }
    write_absent(
        &mut tx,
        session,
        round_id,
        &[p.applicant_id],
        BY_HAND,
        &reason,
        now,
    )
    .await?;
    let change = Change::new("attendance.absent", "applicant", p.applicant_id)
        .after(json!({ "number": p.number, "present": false, "reason": reason }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(())
}

async fn write_absent(
    conn: &mut SqliteConnection,
    session: &Session,
    round_id: i64,
    ids: &[i64],
    source: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let at = now.to_rfc3339();
    let record = NewRecord {
        present: false,
        source,
        reason,
        user_id: session.user_id,
        at: &at,
    };
    store::insert(conn, round_id, ids, record).await?;
    let marks: Vec<NewMark> = ids
        .iter()
        .map(|&applicant_id| NewMark {
            applicant_id,
            mark: Some(Mark::Absent),
        })
        .collect();
    upsert_marks(conn, Stage::Tertulis, &marks, session.user_id, now).await
}

/// Removes a wrong record, with a reason, while the written test is open.
/// An absence undone also clears the written mark `absen` it set.
pub async fn undo(
    db: &Db,
    session: &Session,
    round_id: i64,
    number: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    session.require(Operation::EnterScores)?;
    let reason = super::super::written_text(
        reason,
        "reason",
        10,
        "Tuliskan alasan pembatalan (paling sedikit 10 karakter).",
    )?;
    let mut tx = db.begin_write().await?;
    ensure_scoring(&mut tx, round_id, Stage::Tertulis).await?;
    let p = participant(&mut tx, round_id, number).await?;
    let Some(r) = store::record_of(&mut tx, p.applicant_id).await? else {
        return Err(Error::stage(format!(
            "{} belum tercatat hadir atau tidak hadir.",
            label(&p)
        )));
    };
    store::delete(&mut tx, p.applicant_id).await?;
    let (written, _) = crate::store::selection::marks_of(&mut tx, p.applicant_id).await?;
    if !r.present && written == Some(Mark::Absent) {
        let clear = [NewMark {
            applicant_id: p.applicant_id,
            mark: None,
        }];
        upsert_marks(&mut tx, Stage::Tertulis, &clear, session.user_id, now).await?;
    }
    let change = Change::new("attendance.undo", "applicant", p.applicant_id)
        .before(json!({ "number": p.number, "present": r.present, "source": r.source }))
        .after(json!({ "reason": reason }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(())
}

async fn check_session(conn: &mut SqliteConnection, round_id: i64, id: Option<i64>) -> Result<()> {
    if let Some(id) = id {
        test_sites::session(conn, id)
            .await?
            .filter(|s| s.round_id == round_id)
            .ok_or_else(|| Error::NotFound("Sesi tes".into()))?;
    }
    Ok(())
}

fn names(l: &Loaded, ids: &[i64]) -> Vec<String> {
    ids.iter()
        .filter_map(|id| l.people.iter().find(|p| p.applicant_id == *id))
        .map(label)
        .collect()
}

/// Who closing the attendance of `test_session` (all when `None`) would
/// make absent. Any logged-in role.
pub async fn closing_preview(
    db: &Db,
    session: &Session,
    round_id: i64,
    test_session: Option<i64>,
) -> Result<ClosingPreview> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    rounds::get(&mut conn, round_id).await?;
    check_session(&mut conn, round_id, test_session).await?;
    let l = load(&mut conn, round_id).await?;
    let c = closing(&l.attendees, test_session);
    Ok(ClosingPreview {
        becomes_absent: names(&l, &c.absent),
        scored: names(&l, &c.scored),
    })
}

/// Closes the attendance of `test_session` (all when `None`): everyone not
/// recorded is recorded absent and their written mark set to `absen`, all
/// in one transaction with one audit entry. Refused, naming them, while a
/// participant not recorded already has a written score.
pub async fn close(
    db: &Db,
    session: &Session,
    round_id: i64,
    test_session: Option<i64>,
    now: DateTime<Utc>,
) -> Result<AttendanceClosed> {
    session.require(Operation::EnterScores)?;
    let mut tx = db.begin_write().await?;
    ensure_scoring(&mut tx, round_id, Stage::Tertulis).await?;
    check_session(&mut tx, round_id, test_session).await?;
    let l = load(&mut tx, round_id).await?;
    let c = closing(&l.attendees, test_session);
    if !c.scored.is_empty() {
        return Err(Error::stage(format!(
            "Daftar hadir tidak ditutup: {} peserta belum tercatat hadir tetapi sudah mendapat \
             nilai tes tertulis ({}). Catat mereka hadir dahulu; nilainya tidak ditimpa.",
            c.scored.len(),
            names(&l, &c.scored).join("; ")
        )));
    }
    write_absent(&mut tx, session, round_id, &c.absent, BY_CLOSING, "", now).await?;
    let numbers: Vec<&str> = c
        .absent
        .iter()
        .filter_map(|id| l.people.iter().find(|p| p.applicant_id == *id))
        .filter_map(|p| p.number.as_deref())
        .collect();
    let change = Change::new("attendance.close", "round", round_id).after(json!({
        "session": test_session, "absent": c.absent.len(), "numbers": numbers
    }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(AttendanceClosed {
        absent: c.absent.len() as u32,
    })
}
