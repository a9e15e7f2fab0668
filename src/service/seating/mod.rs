//! Test-day logistics of the written test (issue 17): participant numbers,
//! venues with rooms, sessions, the seat of every participant, and the
//! schedule (per venue on screen and as a list, and the public
//! announcement by participant number as PDF).
//!
//! Numbers are given when the written test is opened (and again with
//! [`give_numbers`]); until the schedule is published (its announcement
//! made or its list exported) numbers and seats may be redone from
//! scratch, in the order of unit code then name. Once published they stay:
//! new participants (after a reopened administrative check) get the next
//! free numbers and the free seats left, and a participant is moved only
//! by hand, with a reason, audited. Administrator only, while the written
//! test is the stage in progress (venues may be prepared earlier).
//!
//! By use case: `sites.rs` venues, rooms and sessions; `numbers.rs`
//! participant numbers; `seats.rs` automatic seating and moves;
//! `schedule.rs` what is read and printed; `attendance.rs` attendance on
//! test day (present by number, absent, closing); `attendance_docs.rs`
//! the daftar hadir and the Berita Acara of the test's execution;
//! `cards.rs` the participant cards.

mod attendance;
mod attendance_docs;
mod cards;
mod numbers;
mod schedule;
mod seats;
mod sites;

pub use attendance::{
    attendance, close as close_attendance, closing_preview, mark_absent, record_present,
    undo as undo_attendance, AttendanceClosed, AttendanceEntry, AttendanceView, ClosingPreview,
    RoomAttendance, ScanAnswer,
};
pub use attendance_docs::{attendance_list_pdf, attendance_report_pdf, AttendanceDoc};
pub use cards::{cards_pdf, CardFilter, CardsDoc};
pub use numbers::{give_numbers, number_in, set_number_format, NumbersGiven};
pub use schedule::{
    overview, participants, schedule_pdf, schedule_table, Participant, RoomView, ScheduleDoc,
    TestSchedule, TestSessionView, VenueView,
};
pub use seats::{auto_assign, move_participant, SeatMove, SeatsAssigned};
pub use sites::{
    add_room, add_session, add_venue, delete_room, delete_session, delete_venue, edit_room,
    edit_session, edit_venue, RoomInput, SessionInput, SiteChange, VenueInput,
};

use sqlx::SqliteConnection;

use crate::domain::round::{Round, Stage};
use crate::domain::seating::NumberFormat;
use crate::error::{Error, Result};
use crate::store::test_sites;

/// Where a round's schedule stands.
pub(crate) struct State {
    pub format: NumberFormat,
    pub published: bool,
}

pub(crate) async fn state(conn: &mut SqliteConnection, round_id: i64) -> Result<State> {
    let row = test_sites::schedule(conn, round_id).await?;
    let format = match &row {
        Some(r) => NumberFormat::parse(&r.number_format)
            .map_err(|m| Error::Internal(format!("format nomor peserta tersimpan: {m}")))?,
        None => NumberFormat::default(),
    };
    Ok(State {
        format,
        published: row.is_some_and(|r| r.published_at.is_some()),
    })
}

/// Refuses unless the written test is the stage in progress (numbers and
/// seats are given for it, and frozen with it).
pub(crate) fn ensure_written_test(round: &Round) -> Result<()> {
    if round.current_stage != Stage::Tertulis {
        let when = if round.current_stage < Stage::Tertulis {
            "setelah penelitian administrasi ditutup"
        } else {
            "selama tes tertulis belum ditutup; buka kembali tahapnya bila perlu"
        };
        return Err(Error::stage(format!(
            "Nomor peserta dan tempat duduk diatur pada tahap tes tertulis ({when}); \
             {} sedang pada tahap {}.",
            round.name,
            round.current_stage.label().to_lowercase()
        )));
    }
    Ok(())
}
