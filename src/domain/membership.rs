//! Who serves on a unit's body now.
//!
//! Why one function: the PAW screen, the quota dashboard's women's share
//! among members, and the members who did not come through the round's own
//! selection (appointed by penunjukan, kept from an earlier round after an
//! evaluation: [`crate::domain::seat_holder`]) all need the same answer. The
//! facts are gathered by the caller; [`serving`] is the one place that turns
//! them into members, so a new way of becoming or ceasing to be a member is
//! added here once.

use std::collections::HashSet;

/// A member: an applicant chosen by the selection (or confirmed as a PAW
/// replacement), or a seat holder (appointed or kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Member {
    Applicant(i64),
    Holder(i64),
}

/// A recorded departure (PAW) and, once the commission confirmed it, the
/// reserve who took the seat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Departure {
    pub member: Member,
    pub replacement_id: Option<i64>,
}

/// What a unit's members are derived from.
#[derive(Debug, Clone, Copy)]
pub struct MembershipFacts<'a> {
    /// The Terpilih of the final ranking, best first.
    pub terpilih: &'a [i64],
    /// The unit's seat holders (not cancelled), in the order recorded.
    pub holders: &'a [i64],
    /// The unit's departures, oldest first.
    pub departures: &'a [Departure],
}

/// The unit's members now: the Terpilih, then each confirmed replacement,
/// then the seat holders, less everyone who left (a replacement may leave
/// in turn). A departure still waiting for its replacement leaves the seat
/// empty.
pub fn serving(facts: &MembershipFacts<'_>) -> Vec<Member> {
    let left: HashSet<Member> = facts.departures.iter().map(|d| d.member).collect();
    let mut seen = HashSet::new();
    facts
        .terpilih
        .iter()
        .copied()
        .chain(facts.departures.iter().filter_map(|d| d.replacement_id))
        .map(Member::Applicant)
        .chain(facts.holders.iter().copied().map(Member::Holder))
        .filter(|m| !left.contains(m) && seen.insert(*m))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use Member::{Applicant as A, Holder as H};

    fn left(member_id: i64, replacement_id: Option<i64>) -> Departure {
        Departure {
            member: A(member_id),
            replacement_id,
        }
    }

    #[test]
    fn without_departures_the_terpilih_serve() {
        let facts = MembershipFacts {
            terpilih: &[3, 1, 2],
            holders: &[],
            departures: &[],
        };
        assert_eq!(serving(&facts), vec![A(3), A(1), A(2)]);
    }

    #[test]
    fn a_confirmed_replacement_takes_the_seat_and_a_pending_one_leaves_it_empty() {
        let facts = MembershipFacts {
            terpilih: &[1, 2, 3],
            holders: &[],
            departures: &[left(2, Some(7)), left(3, None)],
        };
        assert_eq!(serving(&facts), vec![A(1), A(7)]);
    }

    #[test]
    fn a_replacement_who_leaves_in_turn_is_replaced_too() {
        let facts = MembershipFacts {
            terpilih: &[1, 2],
            holders: &[],
            departures: &[left(2, Some(7)), left(7, Some(8))],
        };
        assert_eq!(serving(&facts), vec![A(1), A(8)]);
    }

    #[test]
    fn seat_holders_serve_beside_the_selected_until_they_leave() {
        // Applicant 1 and holder 1 are different people: ids of two tables.
        let facts = MembershipFacts {
            terpilih: &[1, 2],
            holders: &[1, 5],
            departures: &[Departure {
                member: H(5),
                replacement_id: Some(9),
            }],
        };
        assert_eq!(serving(&facts), vec![A(1), A(2), A(9), H(1)]);
    }
}
