//! The integration tests, one module per area, built as one test binary
//! (one link instead of one per file: faster and far smaller on disk).
//! Tests may query a database directly to check what was written.
#![allow(clippy::disallowed_methods)]

mod common;

mod accounts;
mod applicants;
mod appointment;
mod appointment_cli;
mod architecture;
mod attendance;
mod audit;
mod audit_anchor;
mod backup;
mod cards;
mod cli;
mod cli_round;
mod cli_sheets;
mod concurrency;
mod continuity;
mod continuity_cli;
mod continuity_seats;
mod crash;
mod demo;
mod evaluation;
mod exports;
mod exports_cli;
mod failures;
mod hostile;
mod intake;
mod interview;
mod official_pages;
mod paper_test;
mod parsers;
mod parties;
mod personal_data;
mod printed_head;
mod private_files;
mod publications;
mod receipt_pdf;
mod reconciliation;
mod registration;
mod responses_paw;
mod restore_hostile;
mod round_rules;
mod rounds;
mod scans;
mod score_sheets;
mod sealed_backup;
mod seating;
mod seating_cli;
mod selection;
mod setup;
mod spreadsheets;
mod spreadsheets_hostile;
mod spreadsheets_xls;
mod stages;
mod standing;
mod store_open;
mod verification;
mod women;
