//! Use cases. Each authorises the session, runs the domain rules and writes
//! through `store/` in one transaction.

pub mod about;
pub mod accounts;
pub mod answer_keys;
pub mod answer_sheets;
pub mod applicant_sheets;
pub mod applicants;
pub mod appointment;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod continuity;
pub mod demo;
pub mod document_import;
pub mod evaluation;
pub mod exports;
pub mod extensions;
pub mod home;
pub mod interview;
pub mod marking;
pub mod parties;
pub mod paw;
pub mod publications;
pub mod quota;
pub mod reconciliation;
pub mod regions;
pub mod registration;
pub mod responses;
pub mod rounds;
pub mod scans;
pub mod score_import;
pub mod score_sheets;
pub mod scores;
pub mod seating;
pub mod selection;
pub mod session;
pub mod settings;
pub mod setup;
pub mod stages;
pub mod standing;
pub mod verification;

use chrono::{DateTime, Local};

use crate::error::{Error, Result};

/// A stored time (RFC 3339) as staff read it, local: "26-11-2026 08:15";
/// what cannot be read is shown as stored.
pub(crate) fn local_time(at: &str) -> String {
    DateTime::parse_from_rfc3339(at)
        .map(|t| t.with_timezone(&Local).format("%d-%m-%Y %H:%M").to_string())
        .unwrap_or_else(|_| at.to_string())
}

/// The longest reason or note staff write: a paragraph, printed as it is
/// on the official records.
pub(crate) const MAX_WRITTEN_CHARS: usize = 1_000;

/// A written reason or note: at most [`MAX_WRITTEN_CHARS`] characters
/// without control characters (line breaks and tabs are allowed),
/// whitespace runs folded to one space, and at least `min` characters, else
/// a validation error on `field` with `message` (which says what to write).
pub(crate) fn written_text(text: &str, field: &str, min: usize, message: &str) -> Result<String> {
    crate::domain::text::check(
        "Teks",
        text,
        MAX_WRITTEN_CHARS,
        crate::domain::text::Lines::Many,
    )
    .map_err(|m| Error::validation(field, m))?;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() < min {
        return Err(Error::validation(field, message));
    }
    Ok(text)
}
