//! One candidate's panel scores: the grid of interviewers × aspects typed
//! in, the interview mark derived from it (written to the same interview
//! mark the ranking reads) and the breakdown shown beside the grid: each
//! interviewer's weighted sum and the mean, from the core, never
//! recomputed by the screen.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::SqliteConnection;
use ts_rs::TS;

use super::{aspects_of, fixed_aspects, AspectView};
use crate::domain::interview::{candidate_mark, candidate_score, interviewer_score, Exact};
use crate::domain::permission::{Operation, Session};
use crate::domain::ranking::{format_score, parse_mark, Mark};
use crate::domain::round::Stage;
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::service::score_import::{ensure_scoring, not_sitting, sits};
use crate::service::selection::{dotted, mark_text};
use crate::store::interview::{self as store, AspectRow, InterviewerRow, ScoreRow};
use crate::store::selection::{self as selection_store, NewMark, RankingRow};
use crate::store::{applicants, rounds, Db};

/// One interviewer's row of the grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct InterviewerScores {
    #[ts(type = "number")]
    pub interviewer_id: i64,
    pub name: String,
    pub nip: String,
    pub jabatan: String,
    /// One per aspect, in the form's order: `80,00`, or empty.
    pub scores: Vec<String>,
    /// The weighted sum rounded to hundredths for reading (`81,40`), empty
    /// until every aspect is scored.
    pub weighted: String,
}

/// A candidate's interview by their panel, with its parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct InterviewCard {
    #[ts(type = "number")]
    pub applicant_id: i64,
    pub reg_number: String,
    pub full_name: String,
    /// `35.14.01 Purwodadi`.
    pub unit: String,
    /// 0 when the candidate has no panel yet.
    #[ts(type = "number")]
    pub panel_id: i64,
    pub panel: String,
    pub aspects: Vec<AspectView>,
    pub interviewers: Vec<InterviewerScores>,
    /// The interview mark: `80,39`, `absen`, or empty.
    pub mark: String,
    /// How the mark was reached, in words.
    pub explanation: String,
    /// Whether scores can be entered now.
    pub editable: bool,
}

/// One cell of the grid: an interviewer's score of an aspect; an empty
/// text clears it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct ScoreCell {
    #[ts(type = "number")]
    pub interviewer_id: i64,
    #[ts(type = "number")]
    pub aspect_id: i64,
    pub score: String,
}

/// What scoring a candidate needs: their row, panel, interviewers, form.
pub(crate) struct Scoring {
    pub row: RankingRow,
    pub panel_id: i64,
    pub panel: String,
    pub interviewers: Vec<InterviewerRow>,
    pub aspects: Vec<AspectRow>,
    pub scores: Vec<ScoreRow>,
}

impl Scoring {
    /// Loads a candidate of the round who sits the interview; `fix` stores
    /// the default aspects when none are (before a score is written).
    pub async fn load(
        conn: &mut SqliteConnection,
        round_id: i64,
        applicant_id: i64,
        fix: bool,
    ) -> Result<Scoring> {
        let not_here =
            || Error::NotFound(format!("Pendaftar nomor {applicant_id} pada seleksi ini"));
        if applicants::round_of(conn, applicant_id).await? != round_id {
            return Err(not_here());
        }
        let row = selection_store::ranking_row(conn, applicant_id)
            .await?
            .ok_or_else(not_here)?;
        let aspects = if fix {
            fixed_aspects(conn, round_id).await?
        } else {
            aspects_of(conn, round_id).await?
        };
        let assignment = store::assignment_of(conn, round_id, applicant_id).await?;
        let (panel_id, panel) = match &assignment {
            Some(a) => (
                a.panel_id,
                store::panel(conn, a.panel_id)
                    .await?
                    .map(|p| p.name)
                    .unwrap_or_default(),
            ),
            None => (0, String::new()),
        };
        let interviewers = store::interviewers(conn, round_id)
            .await?
            .into_iter()
            .filter(|i| i.panel_id == panel_id)
            .collect();
        Ok(Scoring {
            scores: store::scores_of(conn, applicant_id).await?,
            row,
            panel_id,
            panel,
            interviewers,
            aspects,
        })
    }

    fn weights(&self) -> Vec<u32> {
        self.aspects.iter().map(|a| a.weight).collect()
    }

    /// Every interviewer's scores, aspect by aspect.
    fn matrix(&self) -> Vec<Vec<Option<u32>>> {
        let by: HashMap<(i64, i64), u32> = self
            .scores
            .iter()
            .map(|s| ((s.interviewer_id, s.aspect_id), s.score))
            .collect();
        self.interviewers
            .iter()
            .map(|i| {
                self.aspects
                    .iter()
                    .map(|a| by.get(&(i.id, a.id)).copied())
                    .collect()
            })
            .collect()
    }

    /// The derived mark: none without panel scores, or while one is missing.
    pub fn mark(&self) -> Option<u32> {
        if self.scores.is_empty() {
            return None;
        }
        candidate_mark(&self.weights(), &self.matrix())
    }

    /// Sets (or with `None` clears) one cell, after checking that the
    /// interviewer sits on the candidate's panel and the aspect is the form's.
    pub fn set(&mut self, interviewer_id: i64, aspect_id: i64, score: Option<u32>) -> Result<()> {
        if !self.interviewers.iter().any(|i| i.id == interviewer_id) {
            return Err(Error::validation(
                "pewawancara",
                format!(
                    "Pewawancara nomor {interviewer_id} bukan anggota panel peserta ini{}.",
                    if self.panel.is_empty() {
                        " (peserta belum dibagi ke panel)".to_string()
                    } else {
                        format!(" ({})", self.panel)
                    }
                ),
            ));
        }
        if !self.aspects.iter().any(|a| a.id == aspect_id) {
            return Err(Error::validation(
                "aspek",
                format!("Aspek nomor {aspect_id} tidak ada pada formulir seleksi ini."),
            ));
        }
        self.scores
            .retain(|s| !(s.interviewer_id == interviewer_id && s.aspect_id == aspect_id));
        if let Some(score) = score {
            self.scores.push(ScoreRow {
                interviewer_id,
                aspect_id,
                score,
            });
        }
        Ok(())
    }

    /// Writes the scores and the derived mark; returns the mark before and after.
    pub async fn store(
        &mut self,
        conn: &mut SqliteConnection,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<(Option<Mark>, Option<Mark>)> {
        let before = self.row.interview_mark();
        let after = self.mark().map(Mark::Score);
        store::replace_scores(conn, self.row.id, &self.scores, session.user_id, now).await?;
        // With no panel score left the typed mark (an absence) is kept.
        if !self.scores.is_empty() || before.is_some_and(|b| b != Mark::Absent) {
            selection_store::upsert_marks(
                conn,
                Stage::Wawancara,
                &[NewMark {
                    applicant_id: self.row.id,
                    mark: after,
                }],
                session.user_id,
                now,
            )
            .await?;
            self.row.interview = match after {
                Some(Mark::Score(v)) => Some(v),
                _ => None,
            };
            self.row.interview_absent = false;
            return Ok((before, after));
        }
        Ok((before, before))
    }
}

/// A score of one aspect as staff type it: 0–100, at most two decimals.
pub(crate) fn parse_score(text: &str) -> std::result::Result<Option<u32>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    match parse_mark(text)? {
        Mark::Score(s) => Ok(Some(s)),
        Mark::Absent => Err(
            "Ketidakhadiran dicatat untuk peserta, bukan per aspek; kosongkan nilai panel lalu tandai \"absen\" pada daftar nilai wawancara."
                .into(),
        ),
    }
}

fn rounded(e: Option<Exact>) -> String {
    e.map(|e| format_score(e.rounded())).unwrap_or_default()
}

/// The card of a candidate as loaded.
pub(crate) async fn card_of(
    conn: &mut SqliteConnection,
    s: &Scoring,
    round_id: i64,
) -> Result<InterviewCard> {
    let round = rounds::get(conn, round_id).await?;
    let unit_name = rounds::unit_quota_rows(conn, round_id, round.body)
        .await?
        .into_iter()
        .find(|u| u.code == s.row.unit_code)
        .map(|u| u.name)
        .unwrap_or_default();
    let (reg_number, full_name) = selection_store::names(conn, round_id)
        .await?
        .into_iter()
        .find(|n| n.id == s.row.id)
        .map(|n| (n.reg_number, n.full_name))
        .unwrap_or_default();
    let weights = s.weights();
    let matrix = s.matrix();
    let interviewers: Vec<InterviewerScores> = s
        .interviewers
        .iter()
        .zip(&matrix)
        .map(|(i, scores)| InterviewerScores {
            interviewer_id: i.id,
            name: i.name.clone(),
            nip: i.nip.clone(),
            jabatan: i.jabatan.clone(),
            scores: scores
                .iter()
                .map(|v| v.map(format_score).unwrap_or_default())
                .collect(),
            weighted: rounded(interviewer_score(&weights, scores)),
        })
        .collect();
    let mark = s.row.interview_mark();
    let explanation = if s.panel_id == 0 {
        "Peserta belum dibagi ke panel wawancara.".to_string()
    } else if s.interviewers.is_empty() {
        format!("{} belum mempunyai pewawancara.", s.panel)
    } else if s.scores.is_empty() {
        match mark {
            Some(Mark::Absent) => "Tidak hadir pada tes wawancara.".into(),
            _ => "Belum ada nilai dari panel.".into(),
        }
    } else {
        match candidate_score(&weights, &matrix) {
            None => {
                let missing = matrix.iter().flatten().filter(|v| v.is_none()).count();
                format!("Nilai wawancara dihitung setelah setiap pewawancara mengisi setiap aspek; masih kosong {missing} nilai.")
            }
            Some(exact) => {
                let parts: Vec<&str> = interviewers.iter().map(|i| i.weighted.as_str()).collect();
                format!(
                    "Rata-rata nilai berbobot {} pewawancara: ({}) / {} = {}. Dihitung dari nilai yang tidak dibulatkan, lalu dibulatkan sekali ke dua desimal (setengah ke atas).",
                    parts.len(),
                    parts.join(" + "),
                    parts.len(),
                    format_score(exact.rounded())
                )
            }
        }
    };
    Ok(InterviewCard {
        applicant_id: s.row.id,
        reg_number,
        full_name,
        unit: format!("{} {}", dotted(&s.row.unit_code), unit_name),
        panel_id: s.panel_id,
        panel: s.panel.clone(),
        aspects: s
            .aspects
            .iter()
            .map(|a| AspectView {
                id: a.id,
                name: a.name.clone(),
                weight: a.weight,
            })
            .collect(),
        interviewers,
        mark: mark_text(mark),
        explanation,
        editable: round.current_stage == Stage::Wawancara && round.stage_open,
    })
}

/// A candidate's panel scores with their parts and the mark.
pub async fn card(
    db: &Db,
    session: &Session,
    round_id: i64,
    applicant_id: i64,
) -> Result<InterviewCard> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    let s = Scoring::load(&mut conn, round_id, applicant_id, false).await?;
    card_of(&mut conn, &s, round_id).await
}

/// Enters cells of a candidate's grid (each an interviewer's score of an
/// aspect; an empty text clears it), recomputes the interview mark and
/// returns the card. Verifikator; only while the interview is open; one
/// bad cell and nothing is stored.
pub async fn record_scores(
    db: &Db,
    session: &Session,
    round_id: i64,
    applicant_id: i64,
    cells: &[ScoreCell],
    now: DateTime<Utc>,
) -> Result<InterviewCard> {
    session.require(Operation::EnterScores)?;
    let parsed = cells
        .iter()
        .map(|c| parse_score(&c.score).map_err(|e| Error::validation("nilai", e)))
        .collect::<Result<Vec<_>>>()?;
    let mut tx = db.begin_write().await?;
    ensure_scoring(&mut tx, round_id, Stage::Wawancara).await?;
    let mut s = Scoring::load(&mut tx, round_id, applicant_id, true).await?;
    if !sits(&s.row, Stage::Wawancara) {
        return Err(Error::validation("nilai", not_sitting(Stage::Wawancara)));
    }
    if s.panel_id == 0 {
        return Err(Error::validation(
            "panel",
            "Peserta ini belum dibagi ke panel wawancara; bagi peserta ke panel lebih dulu.",
        ));
    }
    let before_scores = s.scores.len();
    for (c, v) in cells.iter().zip(parsed) {
        s.set(c.interviewer_id, c.aspect_id, v)?;
    }
    let (before, after) = s.store(&mut tx, session, now).await?;
    let change = Change::new("interview.score", "applicant", applicant_id)
        .before(json!({ "nilai_panel": before_scores, "nilai": mark_text(before) }))
        .after(json!({
            "nilai_panel": s.scores.len(),
            "diubah": cells.iter().map(|c| json!({
                "pewawancara": c.interviewer_id, "aspek": c.aspect_id, "nilai": c.score.trim()
            })).collect::<Vec<_>>(),
            "nilai": mark_text(after),
        }));
    audit::record(&mut tx, session, now, change).await?;
    let card = card_of(&mut tx, &s, round_id).await?;
    tx.commit().await?;
    Ok(card)
}
