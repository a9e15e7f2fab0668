//! Where applications stand ([`crate::domain::standing`]) as the list, its
//! filter and the detail show it: the stored facts of each application
//! (frozen results, PAW, withdrawal) with the closed stages' lists as they
//! stand now, since a founded public response after a close drops a
//! candidate and moves the next Cadangan up.

use std::collections::HashMap;

use chrono::Utc;

use crate::domain::ranking::{Placed, Status, UnitRanking};
use crate::domain::round::{Round, Stage};
use crate::domain::standing::{Facts, Standing};
use crate::error::Result;
use crate::service::evaluation::{self, StandingDetail};
use crate::store::applicant_search::{standing_of, StandingRow};

/// The lists of a round's closed test stages as they stand now: frozen at
/// the close, then moved by what came after it (a founded public response
/// drops a candidate and the next Cadangan moves up).
pub(crate) struct ClosedLists {
    written: Option<HashMap<i64, Status>>,
    final_: Option<HashMap<i64, Status>>,
}

impl ClosedLists {
    pub(crate) async fn of(
        conn: &mut sqlx::SqliteConnection,
        round: &Round,
    ) -> Result<ClosedLists> {
        if round.current_stage <= Stage::Tertulis {
            return Ok(ClosedLists {
                written: None,
                final_: None,
            });
        }
        // Past the administrative stage the ranking reads its frozen
        // results, not the clock.
        let c = evaluation::ranking_in(conn, round.id, Utc::now(), false).await?;
        let list = |pick: fn(&UnitRanking) -> &Vec<Placed>| {
            c.rankings
                .values()
                .flat_map(|r| pick(r).iter().map(|p| (p.id, p.status)))
                .collect::<HashMap<_, _>>()
        };
        Ok(ClosedLists {
            written: Some(list(|r| &r.written)),
            final_: (round.current_stage > Stage::Akhir).then(|| list(|r| &r.final_)),
        })
    }

    /// The facts of one application, with the closed lists as they stand.
    pub(crate) fn facts(&self, id: i64, row: &StandingRow) -> Facts {
        let mut f = row.facts();
        if let Some(w) = &self.written {
            f.written = w.get(&id).copied().or(f.written);
        }
        if let Some(l) = &self.final_ {
            f.final_ = l.get(&id).copied().or(f.final_);
        }
        f
    }

    pub(crate) fn standing(&self, id: i64, row: &StandingRow) -> Standing {
        Standing::of(&self.facts(id, row))
    }
}

/// One application's standing, each closed stage's result and its marks.
pub(crate) async fn standing_detail(
    conn: &mut sqlx::SqliteConnection,
    round: &Round,
    id: i64,
) -> Result<StandingDetail> {
    let row = standing_of(conn, id).await?;
    let facts = ClosedLists::of(conn, round).await?.facts(id, &row);
    let standing = Standing::of(&facts);
    let (written, interview) = crate::store::selection::marks_of(conn, id).await?;
    let mut lines = Vec::new();
    if let Some(ms) = facts.admin_ms {
        let verdict = if ms {
            "MS (memenuhi syarat)"
        } else {
            "TMS (tidak memenuhi syarat)"
        };
        lines.push(("Penelitian administrasi".to_string(), verdict.to_string()));
    }
    let with_result = |mark: String, result: Option<Status>| match (mark.is_empty(), result) {
        (true, None) => None,
        (false, None) => Some(format!("{mark} (tahap belum ditutup)")),
        (true, Some(r)) => Some(r.label().to_string()),
        (false, Some(r)) => Some(format!("{mark} – {}", r.label())),
    };
    if let Some(text) = with_result(crate::service::selection::mark_text(written), facts.written) {
        lines.push(("Tes tertulis".to_string(), text));
    }
    let interview = crate::service::selection::mark_text(interview);
    if !interview.is_empty() {
        lines.push(("Wawancara".to_string(), interview));
    }
    if let Some(result) = facts.final_.filter(|r| *r != Status::TidakLanjut) {
        let place = row
            .final_position
            .map(|p| format!(", urutan ke-{p}"))
            .unwrap_or_default();
        lines.push((
            "Hasil akhir".to_string(),
            format!("{}{place}", result.label()),
        ));
    }
    if facts.replaced_in {
        lines.push((
            "Pergantian antarwaktu".to_string(),
            "Ditetapkan sebagai pengganti anggota yang berhenti".to_string(),
        ));
    }
    if facts.left_term {
        lines.push((
            "Pergantian antarwaktu".to_string(),
            "Berhenti sebagai anggota; diganti melalui PAW".to_string(),
        ));
    }
    Ok(StandingDetail {
        standing,
        label: standing.label().to_string(),
        lines,
    })
}
