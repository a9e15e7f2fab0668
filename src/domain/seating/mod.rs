//! Test-day logistics of the written test (DOMAIN.md, stage 5): the
//! participant number every MS applicant gets, and where each one sits
//! (session, room, seat).
//!
//! Pure: no I/O. Both rules are deterministic functions of their input
//! (ordered by unit code, then name, then id), so running them twice on the
//! same data gives the same numbers and seats, and staff can explain the
//! result: "Kecamatan Purwodadi first, then by name". Nothing here ever
//! puts two applicants on one seat or more applicants in a room than its
//! capacity; a shortage of seats is refused with how many are missing,
//! never solved by squeezing.
//!
//! - [`number`]: the participant number format (a setting of the round)
//!   and the order numbers are given in.
//! - [`assign`]: the automatic seating and the check of a manual move.
//! - [`attendance`]: counts per room and session, and what closing the
//!   attendance does (who becomes absent).

pub mod assign;
pub mod attendance;
pub mod number;

pub use assign::{assign, check_move, Candidate, Placement, Room, SeatKey, SeatingError};
pub use attendance::{Attendee, Closing, RoomCount};
pub use number::{numbering_order, NumberFormat, Numbered, DEFAULT_NUMBER_FORMAT};

#[cfg(test)]
mod tests;
