//! Appointment (penunjukan): when a unit's seats may be filled by the
//! commission's choice instead of the selection, and how many.
//!
//! Why: DOMAIN.md "Stages" 2 — a unit still short after the extensions the
//! round allows is filled by appointment (the commission asks schools,
//! universities or the village government for names and records the
//! decision with its reason). Appointment is the last resort, so it must
//! not take a seat that an applicant can still win, and it must not come
//! before the extensions have run.
//!
//! The window: from the moment the unit's extensions are used up (every
//! extension the round allows is over, or the administrative stage has
//! closed so none can be given any more; see
//! [`crate::domain::extension::used_up`]) until the end of the term
//! (masa kerja), since a seat can fall empty during the term when a member
//! leaves and no reserve is left.
//!
//! How many: the seats the selection fills (quota less the seats already
//! held) less the candidates who can still be chosen — the active
//! applicants before the final result, then the members and the reserves
//! still available. Whole numbers, never below zero.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::domain::applicant::Education;
use crate::domain::extension::ExtensionState;
use crate::error::{Error, Result};

/// Seats of a unit that appointment may fill now: `quota` less the seats
/// `held` less the `candidates` who can still be chosen.
pub fn appointable(quota: u32, held: u32, candidates: u32) -> u32 {
    quota.saturating_sub(held).saturating_sub(candidates)
}

/// Where a unit stands on the way to its full membership.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Situation {
    /// Registration is still open: nothing to decide yet.
    PendaftaranBerjalan,
    /// Enough candidates for the seats.
    Cukup,
    /// Registration left it short (see [`ExtensionState`]).
    PerluPerpanjangan,
    Diperpanjang,
    PerluPerpanjanganLagi,
    LanjutKeputusan,
    /// The extensions are used up and seats have no candidate left.
    PerluPenunjukan,
}

impl Situation {
    /// The situation of a unit from its extension state, whether its
    /// extensions are used up, the seats appointment may fill, and whether
    /// registration is still open.
    pub fn of(
        state: Option<ExtensionState>,
        used_up: bool,
        appointable: u32,
        registration_open: bool,
    ) -> Situation {
        if registration_open {
            return Situation::PendaftaranBerjalan;
        }
        if used_up && appointable > 0 {
            return Situation::PerluPenunjukan;
        }
        match state {
            // Still running or still to be extended: the extension speaks.
            Some(ExtensionState::PerluPerpanjangan) if !used_up => Situation::PerluPerpanjangan,
            Some(ExtensionState::Diperpanjang) => Situation::Diperpanjang,
            Some(ExtensionState::PerluPerpanjanganLagi) if !used_up => {
                Situation::PerluPerpanjanganLagi
            }
            Some(ExtensionState::LanjutKeputusan) => Situation::LanjutKeputusan,
            _ => Situation::Cukup,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Situation::PendaftaranBerjalan => "pendaftaran berjalan",
            Situation::Cukup => "cukup",
            Situation::PerluPerpanjangan => "perlu perpanjangan",
            Situation::Diperpanjang => "sedang diperpanjang",
            Situation::PerluPerpanjanganLagi => "perlu perpanjangan lagi",
            Situation::LanjutKeputusan => "lanjut dengan keputusan pimpinan",
            Situation::PerluPenunjukan => "perlu penunjukan",
        }
    }

    /// What the office does next; `days` is the length of one extension,
    /// `appointable` the seats appointment may fill.
    pub fn next_step(self, days: u32, appointable: u32) -> String {
        match self {
            Situation::PendaftaranBerjalan => "Tunggu pendaftaran ditutup".into(),
            Situation::Cukup => "Tidak ada langkah tambahan".into(),
            Situation::PerluPerpanjangan => ExtensionState::PerluPerpanjangan.next_step(days),
            Situation::Diperpanjang => ExtensionState::Diperpanjang.next_step(days),
            Situation::PerluPerpanjanganLagi => {
                ExtensionState::PerluPerpanjanganLagi.next_step(days)
            }
            Situation::LanjutKeputusan => ExtensionState::LanjutKeputusan.next_step(days),
            Situation::PerluPenunjukan => {
                format!("Isi {appointable} kursi yang kosong dengan penunjukan")
            }
        }
    }
}

/// Whole years between `birth` and `on`.
fn age_on(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years
}

/// An appointed member meets the same age and education requirements as an
/// applicant: at least `min_age` on the round's reference date and at least
/// SMA.
pub fn check_person(
    birth: NaiveDate,
    education: Education,
    min_age: u32,
    reference: NaiveDate,
) -> Result<()> {
    if birth > reference || age_on(birth, reference) < min_age as i32 {
        return Err(Error::validation(
            "tanggal_lahir",
            format!(
                "Yang ditunjuk harus berusia paling rendah {min_age} tahun pada tanggal acuan {}.",
                reference.format("%d-%m-%Y")
            ),
        ));
    }
    if education < Education::SMA {
        return Err(Error::validation(
            "pendidikan",
            "Yang ditunjuk harus berpendidikan paling rendah SMA atau sederajat.",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn appointment_takes_only_seats_no_candidate_can_win() {
        assert_eq!(appointable(5, 0, 2), 3);
        assert_eq!(appointable(5, 3, 2), 0);
        assert_eq!(appointable(5, 0, 5), 0);
        // More candidates than seats, or more holders than the quota.
        assert_eq!(appointable(5, 0, 9), 0);
        assert_eq!(appointable(3, 4, 0), 0);
    }

    #[test]
    fn a_short_unit_needs_appointment_only_once_its_extensions_are_used_up() {
        use ExtensionState as E;
        let s = Situation::of(Some(E::PerluPerpanjanganLagi), false, 1, false);
        assert_eq!(s, Situation::PerluPerpanjanganLagi);
        assert_eq!(
            Situation::of(Some(E::PerluPenunjukan), true, 1, false),
            Situation::PerluPenunjukan
        );
        // Filled by appointment: nothing left to do.
        assert_eq!(
            Situation::of(Some(E::BolehLanjut), true, 0, false),
            Situation::Cukup
        );
        // Never extended but the window closed: short is appointment.
        assert_eq!(
            Situation::of(Some(E::PerluPerpanjangan), true, 2, false),
            Situation::PerluPenunjukan
        );
        assert_eq!(
            Situation::of(None, false, 5, true),
            Situation::PendaftaranBerjalan
        );
        assert_eq!(
            Situation::PerluPenunjukan.next_step(3, 2),
            "Isi 2 kursi yang kosong dengan penunjukan"
        );
    }

    #[test]
    fn the_person_meets_age_and_education_like_an_applicant() {
        let reference = day(2026, 12, 1);
        // 17 exactly on the reference date is enough; a day less is not.
        check_person(day(2009, 12, 1), Education::SMA, 17, reference).unwrap();
        let young = check_person(day(2009, 12, 2), Education::SMA, 17, reference);
        assert_eq!(young.unwrap_err().field(), Some("tanggal_lahir"));
        let smp = check_person(day(1990, 1, 1), Education::SMP, 17, reference);
        assert_eq!(smp.unwrap_err().field(), Some("pendidikan"));
    }
}
