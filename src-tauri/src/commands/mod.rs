//! Thin commands: take the session's user, call the core, map errors.

pub mod accounts;
pub mod applicant_sheets;
pub mod applicants;
pub mod attendance;
pub mod audit;
pub mod backup;
pub mod exports;
pub mod extensions;
pub mod files;
pub mod home;
pub mod interview;
pub mod paper_test;
pub mod parties;
pub mod paw;
pub mod publications;
pub mod quota;
pub mod reconciliation;
pub mod responses;
pub mod rounds;
pub mod scores;
pub mod seating;
pub mod selection;
pub mod session;
pub mod setup;
pub mod stages;
pub mod verification;
