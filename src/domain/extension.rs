//! Registration extensions (perpanjangan), unit by unit.
//!
//! When registration closes, a unit with fewer active applicants than
//! `threshold × seats` gets an extension; after it, a unit still below its
//! seats gets another, up to the number of extensions the round allows
//! (Keputusan KPU 534/2022: two in all, the default). A unit still short
//! after the last one is filled by appointment (penunjukan). "Seats" are
//! the seats the selection fills: the quota less the seats already held by
//! appointed or kept members ([`crate::domain::seat_holder::seats_left`]),
//! so an appointment settles the shortfall it fills. The Pimpinan may
//! instead decide, with a written reason, that a unit goes on as it stands.
//! One function says where a unit is, so the extension list, the quota
//! flags, the stage close, the appointment and the Berita Acara of
//! registration cannot disagree; each state says the next step in words.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

/// Where a unit stands once registration has closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ExtensionState {
    /// Fewer applicants than threshold × quota, never extended.
    PerluPerpanjangan,
    /// An extension runs until today or later.
    Diperpanjang,
    /// Extended, and still fewer applicants than the quota.
    PerluPerpanjanganLagi,
    /// Extended, and at least the quota now.
    BolehLanjut,
    /// The Pimpinan decided the unit goes on without (another) extension.
    LanjutKeputusan,
    /// Every extension the round allows is used and over, and the unit is
    /// still below its seats: the seats left are filled by appointment.
    PerluPenunjukan,
}

impl ExtensionState {
    /// Whether the unit still waits for an extension or a decision: the
    /// registration and administrative stages cannot close over it.
    pub fn needs_action(self) -> bool {
        matches!(
            self,
            ExtensionState::PerluPerpanjangan | ExtensionState::PerluPerpanjanganLagi
        )
    }

    /// In words, for lists and documents.
    pub fn label(self) -> &'static str {
        match self {
            ExtensionState::PerluPerpanjangan => "perlu perpanjangan",
            ExtensionState::Diperpanjang => "sedang diperpanjang",
            ExtensionState::PerluPerpanjanganLagi => "perlu perpanjangan lagi",
            ExtensionState::BolehLanjut => "boleh lanjut",
            ExtensionState::LanjutKeputusan => "lanjut dengan keputusan pimpinan",
            ExtensionState::PerluPenunjukan => "perlu penunjukan",
        }
    }

    /// What the office does next, in words staff act on; `days` is the
    /// round's length of one extension.
    pub fn next_step(self, days: u32) -> String {
        match self {
            ExtensionState::PerluPerpanjangan => format!("Perpanjang pendaftaran {days} hari"),
            ExtensionState::Diperpanjang => "Tunggu akhir perpanjangan".into(),
            ExtensionState::PerluPerpanjanganLagi => {
                format!("Perpanjang pendaftaran sekali lagi ({days} hari)")
            }
            ExtensionState::BolehLanjut => "Lanjutkan dengan pendaftar yang ada".into(),
            ExtensionState::LanjutKeputusan => "Lanjutkan sesuai keputusan pimpinan".into(),
            ExtensionState::PerluPenunjukan => "Isi kursi yang kosong dengan penunjukan".into(),
        }
    }
}

/// What decides a unit's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitRegistration {
    /// Active applicants.
    pub registered: u32,
    /// The seats the selection fills: the quota less the seats held
    /// ([`crate::domain::seat_holder::seats_left`]).
    pub quota: u32,
    /// The round's threshold (2: fewer than 2 × quota calls for an extension).
    pub threshold: u32,
    /// Extensions so far.
    pub extensions: u32,
    /// Extensions the round allows in all (at least 1).
    pub allowed: u32,
    /// End of the latest extension.
    pub extended_until: Option<NaiveDate>,
    /// The Pimpinan decided to go on after this many extensions.
    pub decided_after: Option<u32>,
}

impl UnitRegistration {
    /// The applicants a unit needs to go on without an extension:
    /// threshold × quota (10 for a PPK of 5 at the default 2×).
    pub fn target(&self) -> u32 {
        self.threshold * self.quota
    }
}

/// The state of a unit on `today`, or `None` when it never fell short (no
/// extension, at least threshold × quota applicants, no decision).
pub fn state(u: &UnitRegistration, today: NaiveDate) -> Option<ExtensionState> {
    if u.decided_after == Some(u.extensions) {
        return Some(ExtensionState::LanjutKeputusan);
    }
    match u.extended_until {
        None if u.registered >= u.target() => None,
        None => Some(ExtensionState::PerluPerpanjangan),
        Some(end) if end >= today => Some(ExtensionState::Diperpanjang),
        Some(_) if u.registered >= u.quota => Some(ExtensionState::BolehLanjut),
        Some(_) if u.extensions < u.allowed => Some(ExtensionState::PerluPerpanjanganLagi),
        Some(_) => Some(ExtensionState::PerluPenunjukan),
    }
}

/// Whether a unit can get no more extensions on `today`: every one the
/// round allows is used and over, or the window for extensions has closed
/// (`window_closed`: the administrative stage is over). From then on a
/// shortfall is filled by appointment.
pub fn used_up(u: &UnitRegistration, today: NaiveDate, window_closed: bool) -> bool {
    let running = u.extended_until.is_some_and(|end| end >= today);
    !running && (window_closed || u.extensions >= u.allowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    fn unit(registered: u32, until: Option<u32>, extensions: u32) -> UnitRegistration {
        UnitRegistration {
            registered,
            quota: 5,
            threshold: 2,
            extensions,
            allowed: 2,
            extended_until: until.map(day),
            decided_after: None,
        }
    }

    #[test]
    fn states_at_their_boundaries() {
        use ExtensionState::*;
        let today = day(10);
        // 2 × quota = 10: exactly 10 needs nothing, 9 needs an extension.
        assert_eq!(state(&unit(10, None, 0), today), None);
        assert_eq!(state(&unit(9, None, 0), today), Some(PerluPerpanjangan));
        // An extension ending today still runs.
        assert_eq!(state(&unit(3, Some(10), 1), today), Some(Diperpanjang));
        // After it: 1 × quota is enough, one fewer needs another.
        assert_eq!(state(&unit(5, Some(9), 1), today), Some(BolehLanjut));
        assert_eq!(
            state(&unit(4, Some(9), 1), today),
            Some(PerluPerpanjanganLagi)
        );
        assert!(PerluPerpanjangan.needs_action() && PerluPerpanjanganLagi.needs_action());
        assert!(!Diperpanjang.needs_action() && !BolehLanjut.needs_action());
    }

    #[test]
    fn after_the_last_extension_a_short_unit_needs_appointment() {
        use ExtensionState::*;
        let today = day(10);
        // Second of two extensions over: exactly 1 × quota goes on, one
        // fewer is filled by appointment (and does not hold the stages).
        assert_eq!(state(&unit(5, Some(9), 2), today), Some(BolehLanjut));
        assert_eq!(state(&unit(4, Some(9), 2), today), Some(PerluPenunjukan));
        assert!(!PerluPenunjukan.needs_action());
        // A round that allows one: short after the first is appointment.
        let one = UnitRegistration {
            allowed: 1,
            ..unit(4, Some(9), 1)
        };
        assert_eq!(state(&one, today), Some(PerluPenunjukan));
        // Measured on the seats left: 2 seats held leave 3, and 3 applicants
        // after an extension are enough.
        let held = UnitRegistration {
            quota: 3,
            ..unit(3, Some(9), 1)
        };
        assert_eq!(state(&held, today), Some(BolehLanjut));
        assert_eq!(
            PerluPerpanjangan.next_step(3),
            "Perpanjang pendaftaran 3 hari"
        );
    }

    #[test]
    fn extensions_are_used_up_when_the_last_is_over_or_the_window_closed() {
        let today = day(10);
        assert!(!used_up(&unit(4, Some(9), 1), today, false));
        assert!(used_up(&unit(4, Some(9), 2), today, false));
        // The last one still runs on its last day.
        assert!(!used_up(&unit(4, Some(10), 2), today, false));
        // Never extended, but the administrative stage is over.
        assert!(used_up(&unit(4, None, 0), today, true));
        assert!(!used_up(&unit(4, None, 0), today, false));
    }

    #[test]
    fn a_decision_covers_the_unit_as_it_stood() {
        let today = day(10);
        let decided = UnitRegistration {
            decided_after: Some(0),
            ..unit(2, None, 0)
        };
        assert_eq!(
            state(&decided, today),
            Some(ExtensionState::LanjutKeputusan)
        );
        assert!(!ExtensionState::LanjutKeputusan.needs_action());
        // Extended after the decision: the decision no longer speaks for it.
        let extended = UnitRegistration {
            decided_after: Some(0),
            ..unit(2, Some(9), 1)
        };
        assert_eq!(
            state(&extended, today),
            Some(ExtensionState::PerluPerpanjanganLagi)
        );
    }
}
