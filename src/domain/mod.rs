//! Pure domain types and rules: no I/O, no SQL.

pub mod account;
pub mod applicant;
pub mod region;
pub mod round;
