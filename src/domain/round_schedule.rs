//! Adjusting a draft round's dates before it is created: moving the whole
//! schedule to a new start (a preset holds the national timetable of an
//! earlier year; staff move it to their own Keputusan in one step), and
//! noticing dates that are already past.

use chrono::NaiveDate;

use crate::domain::applicant_input::FieldProblem;
use crate::domain::round::RoundDraft;
use crate::error::{Error, Result};

impl RoundDraft {
    /// The same draft with every stage date and the date age is measured on
    /// moved by the same number of days, so that the first stage
    /// (registration) starts on `first_day`. Each stage keeps its length and
    /// the gaps between stages stay as they were.
    pub fn shifted_to(&self, first_day: NaiveDate) -> Result<RoundDraft> {
        let Some(first) = self.schedule.first() else {
            return Err(Error::validation(
                "schedule",
                "Jadwal belum memuat tahapan apa pun; tidak ada yang dapat digeser.",
            ));
        };
        let days = first_day - first.starts_on;
        let moved = |d: NaiveDate| {
            d.checked_add_signed(days).ok_or_else(|| {
                Error::validation(
                    "schedule",
                    "Jadwal tidak dapat digeser sejauh itu; pilih tanggal mulai yang lain.",
                )
            })
        };
        let mut out = self.clone();
        for s in &mut out.schedule {
            s.starts_on = moved(s.starts_on)?;
            s.ends_on = moved(s.ends_on)?;
        }
        out.settings.reference_date = moved(self.settings.reference_date)?;
        Ok(out)
    }

    /// The draft's dates that fall before `today`, each under its field:
    /// `reference_date`, `schedule.<i>.starts_on` or `schedule.<i>.ends_on`
    /// (`i` counts the stages from 0). A warning, not a refusal: a round may
    /// be entered after it started.
    pub fn past_dates(&self, today: NaiveDate) -> Vec<FieldProblem> {
        let past = |field: String, date: NaiveDate| {
            (date < today).then(|| FieldProblem {
                field,
                reason: format!(
                    "Tanggal {} sudah lewat (hari ini {}).",
                    date.format("%d-%m-%Y"),
                    today.format("%d-%m-%Y")
                ),
            })
        };
        let mut out: Vec<FieldProblem> =
            past("reference_date".to_string(), self.settings.reference_date)
                .into_iter()
                .collect();
        for (i, s) in self.schedule.iter().enumerate() {
            out.extend(past(format!("schedule.{i}.starts_on"), s.starts_on));
            out.extend(past(format!("schedule.{i}.ends_on"), s.ends_on));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::round::{Body, Preset, Stage};
    use chrono::Duration;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn shifting_moves_every_date_by_the_same_days() {
        for preset in Preset::ALL {
            for body in [Body::Ppk, Body::Pps] {
                let draft = preset.draft(body);
                let start = date(2026, 3, 5);
                let shifted = draft.shifted_to(start).unwrap();
                assert_eq!(shifted.schedule[0].starts_on, start);
                let days = start - draft.schedule[0].starts_on;
                for (before, after) in draft.schedule.iter().zip(&shifted.schedule) {
                    assert_eq!(after.stage, before.stage);
                    assert_eq!(after.starts_on - before.starts_on, days);
                    assert_eq!(after.ends_on - before.ends_on, days);
                }
                assert_eq!(
                    shifted.settings.reference_date - draft.settings.reference_date,
                    days
                );
                // Still a valid round, and nothing but the dates changed.
                shifted.validate().unwrap();
                assert_eq!(shifted.name, draft.name);
                assert_eq!(shifted.settings.min_age, draft.settings.min_age);
            }
        }
    }

    #[test]
    fn shifting_backwards_and_too_far() {
        let draft = Preset::Pilkada2024.draft(Body::Ppk);
        let earlier = draft.shifted_to(date(2024, 4, 20)).unwrap();
        assert_eq!(
            earlier.schedule[6].ends_on,
            draft.schedule[6].ends_on - Duration::days(3)
        );
        let err = draft.shifted_to(NaiveDate::MAX).unwrap_err();
        assert_eq!(err.field(), Some("schedule"));
        let empty = RoundDraft {
            schedule: Vec::new(),
            ..draft
        };
        assert_eq!(
            empty.shifted_to(date(2026, 1, 1)).unwrap_err().field(),
            Some("schedule")
        );
    }

    #[test]
    fn past_dates_are_named_by_their_field() {
        // Pilkada 2024 PPK: registration 23-04 to 29-04-2024, masa kerja to 27-01-2025.
        let draft = Preset::Pilkada2024.draft(Body::Ppk);
        assert!(draft.past_dates(date(2024, 4, 23)).is_empty());
        let notes = draft.past_dates(date(2024, 4, 24));
        let fields: Vec<&str> = notes.iter().map(|n| n.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "reference_date",
                "schedule.0.starts_on",
                "schedule.1.starts_on"
            ]
        );
        assert_eq!(
            notes[1].reason,
            "Tanggal 23-04-2024 sudah lewat (hari ini 24-04-2024)."
        );
        // Long after: every date is past, the last stage's end included.
        let all = draft.past_dates(date(2026, 1, 1));
        assert_eq!(all.len(), 1 + 2 * Stage::ALL.len());
        assert_eq!(all.last().unwrap().field, "schedule.6.ends_on");
        // Moved to start today: nothing is past any more.
        let today = date(2026, 3, 5);
        assert!(draft
            .shifted_to(today)
            .unwrap()
            .past_dates(today)
            .is_empty());
    }
}
