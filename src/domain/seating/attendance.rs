//! Attendance at the written test: counts per room and session, and what
//! closing the attendance does. An absent applicant is out; there is no
//! make-up test (DOMAIN.md, stage 5), so closing records everyone not yet
//! recorded as absent, and their written mark becomes `absen`. A written
//! score already entered for such a participant means they did sit the
//! test: closing never overrides it, it names them instead (record them
//! present first).

use crate::domain::ranking::Mark;

/// What is known of one participant on test day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attendee {
    pub applicant_id: i64,
    pub session_id: Option<i64>,
    pub room_id: Option<i64>,
    /// `Some(true)` present, `Some(false)` absent, `None` not recorded.
    pub present: Option<bool>,
    /// The written mark entered so far.
    pub mark: Option<Mark>,
}

/// Counts of one room in one session (`None` ids: not seated).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RoomCount {
    pub session_id: Option<i64>,
    pub room_id: Option<i64>,
    /// Participants seated there.
    pub seated: u32,
    pub present: u32,
    pub absent: u32,
    /// Not recorded yet.
    pub open: u32,
}

impl RoomCount {
    fn add(&mut self, present: Option<bool>) {
        self.seated += 1;
        match present {
            Some(true) => self.present += 1,
            Some(false) => self.absent += 1,
            None => self.open += 1,
        }
    }
}

/// Counts per (session, room), ordered by session then room id; those not
/// seated come last.
pub fn counts(people: &[Attendee]) -> Vec<RoomCount> {
    let mut out: Vec<RoomCount> = Vec::new();
    for p in people {
        match out
            .iter_mut()
            .find(|c| c.session_id == p.session_id && c.room_id == p.room_id)
        {
            Some(c) => c.add(p.present),
            None => {
                let mut c = RoomCount {
                    session_id: p.session_id,
                    room_id: p.room_id,
                    ..RoomCount::default()
                };
                c.add(p.present);
                out.push(c);
            }
        }
    }
    out.sort_by_key(|c| (c.session_id.is_none(), c.session_id, c.room_id));
    out
}

/// The sum of `counts` (ids left `None`).
pub fn totals(counts: &[RoomCount]) -> RoomCount {
    counts.iter().fold(RoomCount::default(), |mut t, c| {
        t.seated += c.seated;
        t.present += c.present;
        t.absent += c.absent;
        t.open += c.open;
        t
    })
}

/// What closing the attendance of a session (all sessions when `None`)
/// would do.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Closing {
    /// Not recorded: become absent, their written mark `absen`.
    pub absent: Vec<i64>,
    /// Not recorded but with a written score already entered: closing is
    /// refused while there are any (they sat the test; record them present).
    pub scored: Vec<i64>,
}

/// Who closing the attendance of `session` makes absent.
pub fn closing(people: &[Attendee], session: Option<i64>) -> Closing {
    let mut out = Closing::default();
    for p in people
        .iter()
        .filter(|p| p.present.is_none() && (session.is_none() || p.session_id == session))
    {
        match p.mark {
            Some(Mark::Score(_)) => out.scored.push(p.applicant_id),
            _ => out.absent.push(p.applicant_id),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(id: i64, session: i64, room: i64, present: Option<bool>, mark: Option<Mark>) -> Attendee {
        Attendee {
            applicant_id: id,
            session_id: Some(session),
            room_id: Some(room),
            present,
            mark,
        }
    }

    #[test]
    fn counts_per_room_and_session_add_up() {
        let people = [
            a(1, 2, 10, Some(true), None),
            a(2, 1, 11, Some(false), Some(Mark::Absent)),
            a(3, 1, 10, None, None),
            a(4, 1, 10, Some(true), None),
            Attendee {
                applicant_id: 5,
                session_id: None,
                room_id: None,
                present: None,
                mark: None,
            },
        ];
        let c = counts(&people);
        let keys: Vec<_> = c.iter().map(|c| (c.session_id, c.room_id)).collect();
        assert_eq!(
            keys,
            [
                (Some(1), Some(10)),
                (Some(1), Some(11)),
                (Some(2), Some(10)),
                (None, None)
            ]
        );
        assert_eq!(
            (c[0].seated, c[0].present, c[0].absent, c[0].open),
            (2, 1, 0, 1)
        );
        assert_eq!((c[1].seated, c[1].absent), (1, 1));
        let t = totals(&c);
        assert_eq!((t.seated, t.present, t.absent, t.open), (5, 2, 1, 2));
    }

    #[test]
    fn closing_makes_the_unrecorded_absent_and_names_scores() {
        let people = [
            a(1, 1, 10, Some(true), Some(Mark::Score(7000))),
            a(2, 1, 10, None, None),
            a(3, 1, 10, None, Some(Mark::Absent)),
            a(4, 1, 11, None, Some(Mark::Score(5000))),
            a(5, 2, 10, None, None),
            a(6, 1, 10, Some(false), Some(Mark::Absent)),
        ];
        let c = closing(&people, Some(1));
        assert_eq!(c.absent, [2, 3]);
        assert_eq!(c.scored, [4]);
        let all = closing(&people, None);
        assert_eq!(all.absent, [2, 3, 5]);
        assert!(closing(&people, Some(9)).absent.is_empty());
    }
}
