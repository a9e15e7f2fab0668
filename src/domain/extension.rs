//! Registration extensions (perpanjangan), unit by unit.
//!
//! When registration closes, a unit with fewer active applicants than
//! `threshold × quota` gets an extension; after it, a unit still below its
//! quota gets another (Keputusan KPU 534/2022). The Pimpinan may instead
//! decide, with a written reason, that a unit goes on as it stands. One
//! function says where a unit is, so the extension list, the quota flags,
//! the stage close and the Berita Acara of registration cannot disagree.

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
        }
    }
}

/// What decides a unit's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitRegistration {
    /// Active applicants.
    pub registered: u32,
    pub quota: u32,
    /// The round's threshold (2: fewer than 2 × quota calls for an extension).
    pub threshold: u32,
    /// Extensions so far.
    pub extensions: u32,
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
        Some(_) if u.registered < u.quota => Some(ExtensionState::PerluPerpanjanganLagi),
        Some(_) => Some(ExtensionState::BolehLanjut),
    }
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
