//! Scores, plenary tie decisions and the frozen result of each closed
//! stage.

use chrono::{DateTime, Utc};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use crate::domain::ranking::{Mark, Status};
use crate::domain::round::Stage;
use crate::error::Result;
use crate::store::raw;
use crate::store::BULK_CHUNK;

/// What the ranking needs of one active applicant: one row per applicant,
/// read in a single pass (a national round has a million of them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankingRow {
    pub id: i64,
    pub reg_seq: i64,
    /// Digits.
    pub unit_code: String,
    pub woman: bool,
    /// The frozen administrative result: `Some(true)` for MS.
    pub admin_ms: Option<bool>,
    pub written_result: Option<Status>,
    pub final_result: Option<Status>,
    pub written: Option<u32>,
    pub written_absent: bool,
    pub interview: Option<u32>,
    pub interview_absent: bool,
    pub plenary: Option<u32>,
}

impl RankingRow {
    pub fn written_mark(&self) -> Option<Mark> {
        mark(self.written, Some(self.written_absent))
    }

    pub fn interview_mark(&self) -> Option<Mark> {
        mark(self.interview, Some(self.interview_absent))
    }

    /// `L` or `P`.
    pub fn sex(&self) -> &'static str {
        if self.woman {
            "P"
        } else {
            "L"
        }
    }
}

fn mark(score: Option<u32>, absent: Option<bool>) -> Option<Mark> {
    match (score, absent) {
        (Some(s), _) => Some(Mark::Score(s)),
        (None, Some(true)) => Some(Mark::Absent),
        _ => None,
    }
}

const RANKING_COLUMNS: &str = "SELECT a.id, a.reg_seq, a.unit_code, a.sex = 'P',
        CASE a.admin_result WHEN 'MS' THEN 1 WHEN 'TMS' THEN 0 END,
        a.written_result, a.final_result,
        s.written, coalesce(s.written_absent, 0), s.interview, coalesce(s.interview_absent, 0),
        t.position
     FROM applicants a
     LEFT JOIN scores s ON s.applicant_id = a.id
     LEFT JOIN tie_decisions t ON t.applicant_id = a.id";

/// Every active (not withdrawn) applicant of a round with scores and frozen
/// results, in id order.
///
/// Read through [`raw::query`] (a national round has a million rows).
pub async fn ranking_rows(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<RankingRow>> {
    // Counted first, so the million rows are read into one allocation.
    let n = raw::query(
        conn,
        "SELECT COUNT(*) FROM applicants WHERE round_id = ?1 AND status <> 'mundur'",
        round_id,
        0,
        |r| r.i64(0),
    )
    .await?;
    let capacity = n.first().copied().unwrap_or(0).max(0) as usize;
    let sql = format!("{RANKING_COLUMNS} WHERE a.round_id = ?1 AND a.status <> 'mundur'");
    let mut rows = raw::query(conn, &sql, round_id, capacity, read_ranking_row).await?;
    // Sorted here: an ORDER BY makes SQLite sort a million rows on disk.
    rows.sort_unstable_by_key(|r| r.id);
    Ok(rows)
}

/// One active applicant's ranking row.
pub async fn ranking_row(
    conn: &mut SqliteConnection,
    applicant_id: i64,
) -> Result<Option<RankingRow>> {
    let sql = format!("{RANKING_COLUMNS} WHERE a.id = ?1 AND a.status <> 'mundur'");
    Ok(raw::query(conn, &sql, applicant_id, 1, read_ranking_row)
        .await?
        .pop())
}

fn read_ranking_row(r: &raw::Row) -> RankingRow {
    RankingRow {
        id: r.i64(0),
        reg_seq: r.i64(1),
        unit_code: r.text(2),
        woman: r.i64(3) == 1,
        admin_ms: r.opt_i64(4).map(|v| v == 1),
        written_result: r.opt_text_with(5, Status::parse),
        final_result: r.opt_text_with(6, Status::parse),
        written: r.opt_i64(7).map(|v| v as u32),
        written_absent: r.i64(8) == 1,
        interview: r.opt_i64(9).map(|v| v as u32),
        interview_absent: r.i64(10) == 1,
        plenary: r.opt_i64(11).map(|v| v as u32),
    }
}

/// Names and numbers of a round's active applicants, for result lists.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NameRow {
    pub id: i64,
    pub reg_number: String,
    pub full_name: String,
}

pub async fn names(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<NameRow>> {
    Ok(sqlx::query_as(
        "SELECT id, reg_number, full_name FROM applicants WHERE round_id = ? AND status <> 'mundur'",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// An applicant a score file may name: every one of a round, those who
/// withdrew too (so the file is told why their mark is refused).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RosterRow {
    pub id: i64,
    pub reg_number: String,
    pub nik: String,
    pub full_name: String,
    /// Digits.
    pub unit_code: String,
    pub withdrawn: bool,
}

pub async fn roster(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<RosterRow>> {
    Ok(sqlx::query_as(
        "SELECT id, reg_number, nik, full_name, unit_code, status = 'mundur' AS withdrawn
         FROM applicants WHERE round_id = ?",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// One test's mark to write for one applicant.
#[derive(Debug, Clone, Copy)]
pub struct NewMark {
    pub applicant_id: i64,
    /// `None` clears the mark.
    pub mark: Option<Mark>,
}

/// Writes marks of one test (`Tertulis` or `Wawancara`), replacing earlier ones.
pub async fn upsert_marks(
    conn: &mut SqliteConnection,
    stage: Stage,
    marks: &[NewMark],
    user_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<()> {
    let (score_col, absent_col) = match stage {
        Stage::Wawancara => ("interview", "interview_absent"),
        _ => ("written", "written_absent"),
    };
    let at = now.to_rfc3339();
    for chunk in marks.chunks(BULK_CHUNK / 5) {
        let mut q = QueryBuilder::<Sqlite>::new(format!(
            "INSERT INTO scores (applicant_id, {score_col}, {absent_col}, updated_at, updated_by) "
        ));
        q.push_values(chunk, |mut b, m| {
            let (score, absent) = match m.mark {
                Some(Mark::Score(s)) => (Some(s), false),
                Some(Mark::Absent) => (None, true),
                None => (None, false),
            };
            b.push_bind(m.applicant_id)
                .push_bind(score)
                .push_bind(absent)
                .push_bind(at.clone())
                .push_bind(user_id);
        });
        q.push(format!(
            " ON CONFLICT (applicant_id) DO UPDATE SET {score_col} = excluded.{score_col},
              {absent_col} = excluded.{absent_col}, updated_at = excluded.updated_at,
              updated_by = excluded.updated_by"
        ));
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// One applicant's marks (written, interview).
pub async fn marks_of(
    conn: &mut SqliteConnection,
    applicant_id: i64,
) -> Result<(Option<Mark>, Option<Mark>)> {
    let row: Option<(Option<u32>, bool, Option<u32>, bool)> = sqlx::query_as(
        "SELECT written, written_absent, interview, interview_absent FROM scores WHERE applicant_id = ?",
    )
    .bind(applicant_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map_or((None, None), |(w, wa, i, ia)| {
        (mark(w, Some(wa)), mark(i, Some(ia)))
    }))
}

/// Stores the frozen result of a stage for each applicant (`None` clears).
/// `stage` is `Administrasi`, `Tertulis` or `Akhir`.
pub async fn freeze_results(
    conn: &mut SqliteConnection,
    stage: Stage,
    results: &[(i64, &str, Option<u32>)],
) -> Result<()> {
    let sql = match stage {
        Stage::Administrasi => "UPDATE applicants SET admin_result = ? WHERE id = ?",
        Stage::Tertulis => "UPDATE applicants SET written_result = ? WHERE id = ?",
        _ => "UPDATE applicants SET final_result = ?, final_position = ? WHERE id = ?",
    };
    for (id, result, position) in results {
        let q = sqlx::query(sql).bind(*result);
        let q = if stage == Stage::Akhir {
            q.bind(*position)
        } else {
            q
        };
        q.bind(*id).execute(&mut *conn).await?;
    }
    Ok(())
}

/// Clears the frozen results of `stage` and every later stage of a round.
pub async fn thaw_results(conn: &mut SqliteConnection, round_id: i64, stage: Stage) -> Result<()> {
    let mut sets = Vec::new();
    if stage <= Stage::Administrasi {
        sets.push("admin_result = NULL");
    }
    if stage <= Stage::Tertulis {
        sets.push("written_result = NULL");
    }
    if stage <= Stage::Akhir {
        sets.push("final_result = NULL, final_position = NULL");
    }
    if sets.is_empty() {
        return Ok(());
    }
    sqlx::query(&format!(
        "UPDATE applicants SET {} WHERE round_id = ?",
        sets.join(", ")
    ))
    .bind(round_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Records the plenary's order for a tied group (positions from 1).
pub async fn decide_tie(
    conn: &mut SqliteConnection,
    round_id: i64,
    ordered: &[i64],
    note: &str,
    user_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<()> {
    for (i, id) in ordered.iter().enumerate() {
        sqlx::query(
            "INSERT INTO tie_decisions (applicant_id, round_id, position, note, decided_at, decided_by)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (applicant_id) DO UPDATE SET position = excluded.position,
               note = excluded.note, decided_at = excluded.decided_at, decided_by = excluded.decided_by",
        )
        .bind(id)
        .bind(round_id)
        .bind(i as i64 + 1)
        .bind(note)
        .bind(now.to_rfc3339())
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Active applicants per unit of a round.
pub async fn registered_per_unit(
    conn: &mut SqliteConnection,
    round_id: i64,
) -> Result<Vec<(String, u32)>> {
    Ok(sqlx::query_as(
        "SELECT unit_code, COUNT(*) FROM applicants WHERE round_id = ? AND status <> 'mundur'
         GROUP BY unit_code",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// Opens the stage in progress (`open = true`) or marks it not yet opened.
pub async fn set_stage_open(conn: &mut SqliteConnection, round_id: i64, open: bool) -> Result<()> {
    sqlx::query("UPDATE rounds SET stage_open = ? WHERE id = ?")
        .bind(open)
        .bind(round_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Whether the stage in progress has been opened.
pub async fn stage_open(conn: &mut SqliteConnection, round_id: i64) -> Result<bool> {
    Ok(
        sqlx::query_scalar("SELECT stage_open FROM rounds WHERE id = ?")
            .bind(round_id)
            .fetch_one(&mut *conn)
            .await?,
    )
}
