//! The seats a round's registration no longer offers: a unit whose seats
//! are all held by appointed or kept members takes no applicant, and a
//! person holding a seat in the round does not apply for one. Read once
//! per registration or import ([`SeatGate::load`]), judged per row.

use std::collections::{HashMap, HashSet};

use crate::domain::applicant_input::FieldProblem;
use crate::domain::continuity;
use crate::domain::region::{atlas, RegionCode};
use crate::domain::round::Round;
use crate::domain::seat_holder;
use crate::error::Result;
use crate::store::rounds;
use crate::store::seat_holders as holders;

/// A round's full units and its seat holders' NIKs.
pub(crate) struct SeatGate {
    round_name: String,
    /// Unit digits → quota, for units with every seat held.
    full: HashMap<String, u32>,
    holders: HashSet<String>,
}

impl SeatGate {
    pub(crate) async fn load(conn: &mut sqlx::SqliteConnection, round: &Round) -> Result<Self> {
        // Units with seat holders whose seats are all held: no seat left
        // for the selection (the rule of `seat_holder::seats_left`).
        let mut full = HashMap::new();
        for (code, held) in holders::held_per_unit(conn, round.id).await? {
            let quota = rounds::unit_quota(conn, round.id, &code)
                .await?
                .map_or(round.settings.quota_per_unit, |q| q.quota);
            if seat_holder::seats_left(quota, held) == 0 {
                full.insert(code, quota);
            }
        }
        let holders = holders::of_round(conn, round.id)
            .await?
            .into_iter()
            .map(|h| h.nik)
            .collect();
        Ok(SeatGate {
            round_name: round.name.clone(),
            full,
            holders,
        })
    }

    /// Why a new application of `nik` to `unit` is refused, field by field.
    pub(crate) fn problems(&self, unit: Option<&RegionCode>, nik: &str) -> Vec<FieldProblem> {
        let mut out = Vec::new();
        if let Some((u, quota)) = unit.and_then(|u| Some((u, self.full.get(u.digits())?))) {
            out.push(FieldProblem {
                field: "kode_wilayah_tugas".into(),
                reason: continuity::full_unit_message(&atlas().unit_label(u), *quota),
            });
        }
        if self.holders.contains(nik.trim()) {
            out.push(FieldProblem {
                field: "nik".into(),
                reason: continuity::holder_applies_message(&self.round_name),
            });
        }
        out
    }
}
