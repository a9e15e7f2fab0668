//! Pure domain types and rules: no I/O, no SQL.

pub mod account;
pub mod applicant;
pub mod applicant_input;
pub mod audit;
pub mod documents;
pub mod eligibility;
pub mod extension;
pub mod gates;
pub mod lockout;
pub mod nik;
pub mod party_check;
pub mod permission;
pub mod personal_data;
pub mod preset;
pub mod publication;
pub mod quota;
pub mod ranking;
pub mod region;
pub mod registration;
pub mod registration_check;
pub mod round;
pub mod round_schedule;
pub mod scan;
pub mod size_limit;
pub mod text;
pub mod verification;
