//! Continuity between elections (issue 18; rules in
//! [`crate::domain::continuity`]): the members of a round with their
//! evaluation during the term ([`term`]), a new round keeping members of
//! an earlier one ([`takeover`]), and a person's history by NIK
//! ([`history`]).
//!
//! A round's members are read in one place, [`members_in`] (chosen
//! applicants and PAW replacements, appointed and kept seat holders, less
//! those who left by PAW), so that it can later give way to the members
//! list of [`crate::service::paw`] without touching its callers.

pub mod history;
mod seats;
pub mod takeover;
pub mod term;

pub(crate) use seats::SeatGate;

use std::collections::HashMap;

use serde::Serialize;
use ts_rs::TS;

use crate::domain::continuity::{source_label, Evaluation, MemberRef};
use crate::domain::permission::{Operation, Session};
use crate::domain::region::{atlas, RegionCode};
use crate::error::{Error, Result};
use crate::store::continuity::{self as store, EvaluationRow, MemberRow};
use crate::store::Db;

/// An end-of-term evaluation as decided.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct EvaluationView {
    pub evaluation: Evaluation,
    /// "85 (Baik)".
    pub summary: String,
    pub decided_at: String,
    pub decided_by: Option<String>,
}

impl From<EvaluationRow> for EvaluationView {
    fn from(e: EvaluationRow) -> Self {
        let evaluation = Evaluation {
            score: e.score.map(|s| s as u32),
            grade: e.grade,
            notes: e.notes,
        };
        EvaluationView {
            summary: evaluation.summary(),
            evaluation,
            decided_at: crate::service::local_time(&e.decided_at),
            decided_by: e.decided_by_name,
        }
    }
}

/// A member of a round now, with the evaluation of the term.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Member {
    pub member: MemberRef,
    /// `A12` / `H3` ([`MemberRef::key`]).
    pub key: String,
    pub nik: String,
    pub full_name: String,
    pub sex: String,
    /// Dotted unit code.
    pub unit_code: String,
    /// e.g. "Desa Gerbo, Kecamatan Purwodadi".
    pub unit_label: String,
    /// "Hasil seleksi", "Pengganti antar waktu", "Penunjukan",
    /// "Dilanjutkan (evaluasi kinerja)".
    pub source_label: String,
    /// Place in the final ranking (chosen applicants).
    pub position: Option<u32>,
    /// Monthly reports recorded.
    pub reports: u32,
    /// The end-of-term evaluation, once decided.
    pub evaluation: Option<EvaluationView>,
}

/// A unit's label from its digits.
pub(crate) fn unit_label(digits: &str) -> String {
    atlas().unit_label(&RegionCode::from_trusted(digits.to_string()))
}

/// A round's members with their reports and evaluations, plus the rows as
/// stored (what a takeover copies).
pub(crate) async fn members_in(
    conn: &mut sqlx::SqliteConnection,
    round_id: i64,
) -> Result<Vec<(Member, MemberRow)>> {
    let rows = store::members(conn, round_id).await?;
    let counts: HashMap<(Option<i64>, Option<i64>), i64> = store::report_counts(conn, round_id)
        .await?
        .into_iter()
        .map(|(a, h, n)| ((a, h), n))
        .collect();
    let mut evaluations: HashMap<(Option<i64>, Option<i64>), EvaluationRow> =
        store::evaluations_of_round(conn, round_id)
            .await?
            .into_iter()
            .map(|e| ((e.applicant_id, e.holder_id), e))
            .collect();
    Ok(rows
        .into_iter()
        .map(|r| {
            let member = MemberRef {
                applicant_id: r.applicant_id,
                holder_id: r.holder_id,
            };
            let k = (r.applicant_id, r.holder_id);
            let m = Member {
                member,
                key: member.key(),
                nik: r.nik.clone(),
                full_name: r.full_name.clone(),
                sex: r.sex.clone(),
                unit_code: RegionCode::from_trusted(r.unit_code.clone()).dotted(),
                unit_label: unit_label(&r.unit_code),
                source_label: source_label(&r.source).to_string(),
                position: r.position.map(|p| p as u32),
                reports: counts.get(&k).copied().unwrap_or(0) as u32,
                evaluation: evaluations.remove(&k).map(EvaluationView::from),
            };
            (m, r)
        })
        .collect())
}

/// The members of a round now, by unit. Any logged-in role.
pub async fn members(db: &Db, session: &Session, round_id: i64) -> Result<Vec<Member>> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    crate::store::rounds::get(&mut conn, round_id).await?;
    Ok(members_in(&mut conn, round_id)
        .await?
        .into_iter()
        .map(|(m, _)| m)
        .collect())
}

/// The member `who` of a round, or a refusal saying it is not one.
pub(crate) async fn member_of(
    conn: &mut sqlx::SqliteConnection,
    round_id: i64,
    who: MemberRef,
) -> Result<(Member, MemberRow)> {
    let who = who.check()?;
    members_in(conn, round_id)
        .await?
        .into_iter()
        .find(|(m, _)| m.member == who)
        .ok_or_else(|| {
            Error::validation(
                "anggota",
                format!(
                    "{} bukan anggota yang menjabat pada seleksi ini (mungkin sudah berhenti/PAW, mengundurkan diri, atau tidak terpilih).",
                    who.key()
                ),
            )
        })
}
