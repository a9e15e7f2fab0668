//! The interview by panels: a round's form (aspects and weights), its
//! panels and interviewers, which panel interviews whom, and each
//! interviewer's score per aspect (migration 0019).

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use crate::domain::interview::Aspect;
use crate::error::Result;

/// A stored aspect of a round's form.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AspectRow {
    pub id: i64,
    pub position: i64,
    pub name: String,
    pub weight: u32,
}

/// The stored aspects of a round, in order (empty: the defaults apply).
pub async fn aspects(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<AspectRow>> {
    Ok(sqlx::query_as(
        "SELECT id, position, name, weight FROM interview_aspects WHERE round_id = ? ORDER BY position",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Replaces the aspects of a round (only while it has no panel score).
pub async fn replace_aspects(
    conn: &mut SqliteConnection,
    round_id: i64,
    aspects: &[Aspect],
) -> Result<()> {
    sqlx::query("DELETE FROM interview_aspects WHERE round_id = ?")
        .bind(round_id)
        .execute(&mut *conn)
        .await?;
    for (i, a) in aspects.iter().enumerate() {
        sqlx::query(
            "INSERT INTO interview_aspects (round_id, position, name, weight) VALUES (?, ?, ?, ?)",
        )
        .bind(round_id)
        .bind(i as i64 + 1)
        .bind(&a.name)
        .bind(a.weight)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Panel scores entered in a round.
pub async fn score_count(conn: &mut SqliteConnection, round_id: i64) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM interview_scores s JOIN applicants a ON a.id = s.applicant_id
         WHERE a.round_id = ?",
    )
    .bind(round_id)
    .fetch_one(&mut *conn)
    .await?)
}

/// The applicants of a round with at least one panel score.
pub async fn scored_applicants(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT DISTINCT s.applicant_id FROM interview_scores s
         JOIN applicants a ON a.id = s.applicant_id WHERE a.round_id = ?",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// A panel and where it sits.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PanelRow {
    pub id: i64,
    pub round_id: i64,
    pub name: String,
    pub room: String,
}

pub async fn panels(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<PanelRow>> {
    Ok(sqlx::query_as(
        "SELECT id, round_id, name, room FROM interview_panels WHERE round_id = ? ORDER BY id",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}

pub async fn panel(conn: &mut SqliteConnection, panel_id: i64) -> Result<Option<PanelRow>> {
    Ok(
        sqlx::query_as("SELECT id, round_id, name, room FROM interview_panels WHERE id = ?")
            .bind(panel_id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

/// A new panel; its id.
pub async fn insert_panel(
    conn: &mut SqliteConnection,
    round_id: i64,
    name: &str,
    room: &str,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO interview_panels (round_id, name, room) VALUES (?, ?, ?) RETURNING id",
    )
    .bind(round_id)
    .bind(name)
    .bind(room)
    .fetch_one(&mut *conn)
    .await?)
}

/// Deletes a panel with its interviewers and assignments (only when none
/// of its interviewers has given a score).
pub async fn delete_panel(conn: &mut SqliteConnection, panel_id: i64) -> Result<()> {
    sqlx::query("DELETE FROM interview_panels WHERE id = ?")
        .bind(panel_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Scores given by a panel's interviewers.
pub async fn panel_score_count(conn: &mut SqliteConnection, panel_id: i64) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM interview_scores s JOIN interviewers i ON i.id = s.interviewer_id
         WHERE i.panel_id = ?",
    )
    .bind(panel_id)
    .fetch_one(&mut *conn)
    .await?)
}

/// An interviewer of a panel.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct InterviewerRow {
    pub id: i64,
    pub panel_id: i64,
    pub position: i64,
    pub name: String,
    pub nip: String,
    pub jabatan: String,
}

/// The interviewers of every panel of a round, by panel and position.
pub async fn interviewers(
    conn: &mut SqliteConnection,
    round_id: i64,
) -> Result<Vec<InterviewerRow>> {
    Ok(sqlx::query_as(
        "SELECT i.id, i.panel_id, i.position, i.name, i.nip, i.jabatan FROM interviewers i
         JOIN interview_panels p ON p.id = i.panel_id WHERE p.round_id = ?
         ORDER BY i.panel_id, i.position",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Adds an interviewer at the end of a panel; their id.
pub async fn insert_interviewer(
    conn: &mut SqliteConnection,
    panel_id: i64,
    name: &str,
    nip: &str,
    jabatan: &str,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO interviewers (panel_id, position, name, nip, jabatan)
         VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM interviewers WHERE panel_id = ?1), ?2, ?3, ?4)
         RETURNING id",
    )
    .bind(panel_id)
    .bind(name)
    .bind(nip)
    .bind(jabatan)
    .fetch_one(&mut *conn)
    .await?)
}

/// Which panel interviews a candidate, and when.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AssignmentRow {
    pub applicant_id: i64,
    pub panel_id: i64,
    pub turn: i64,
    pub time: String,
}

/// Every assignment of a round, by panel and turn.
pub async fn assignments(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<AssignmentRow>> {
    Ok(sqlx::query_as(
        "SELECT s.applicant_id, s.panel_id, s.turn, s.time FROM interview_assignments s
         JOIN interview_panels p ON p.id = s.panel_id WHERE p.round_id = ?
         ORDER BY s.panel_id, s.turn",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// The assignment of one candidate of a round, if any.
pub async fn assignment_of(
    conn: &mut SqliteConnection,
    round_id: i64,
    applicant_id: i64,
) -> Result<Option<AssignmentRow>> {
    Ok(sqlx::query_as(
        "SELECT s.applicant_id, s.panel_id, s.turn, s.time FROM interview_assignments s
         JOIN interview_panels p ON p.id = s.panel_id WHERE p.round_id = ? AND s.applicant_id = ?",
    )
    .bind(round_id)
    .bind(applicant_id)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Puts a candidate at the end of a panel's schedule (moving them from
/// another panel), with a time as written.
pub async fn assign(
    conn: &mut SqliteConnection,
    applicant_id: i64,
    panel_id: i64,
    time: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO interview_assignments (applicant_id, panel_id, turn, time)
         VALUES (?1, ?2, (SELECT coalesce(max(turn), 0) + 1 FROM interview_assignments WHERE panel_id = ?2), ?3)
         ON CONFLICT (applicant_id) DO UPDATE SET
           turn = CASE WHEN panel_id = excluded.panel_id THEN turn ELSE excluded.turn END,
           panel_id = excluded.panel_id, time = excluded.time",
    )
    .bind(applicant_id)
    .bind(panel_id)
    .bind(time)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// One stored panel score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct ScoreRow {
    pub interviewer_id: i64,
    pub aspect_id: i64,
    pub score: u32,
}

/// A candidate's panel scores.
pub async fn scores_of(conn: &mut SqliteConnection, applicant_id: i64) -> Result<Vec<ScoreRow>> {
    Ok(sqlx::query_as(
        "SELECT interviewer_id, aspect_id, score FROM interview_scores WHERE applicant_id = ?",
    )
    .bind(applicant_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Replaces a candidate's panel scores by `scores`.
pub async fn replace_scores(
    conn: &mut SqliteConnection,
    applicant_id: i64,
    scores: &[ScoreRow],
    user_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query("DELETE FROM interview_scores WHERE applicant_id = ?")
        .bind(applicant_id)
        .execute(&mut *conn)
        .await?;
    let at = now.to_rfc3339();
    for s in scores {
        sqlx::query(
            "INSERT INTO interview_scores (applicant_id, interviewer_id, aspect_id, score, updated_at, updated_by)
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(applicant_id)
        .bind(s.interviewer_id)
        .bind(s.aspect_id)
        .bind(s.score)
        .bind(&at)
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
