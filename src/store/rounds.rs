//! Selection rounds, their schedule and per-unit quota overrides.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::sqlite::SqliteArguments;
use sqlx::{Sqlite, SqliteConnection};

use crate::domain::round::{
    Body, ResponseWindow, RoundDraft, RoundSettings, ScoreCombination, Stage, StageDates,
};
use crate::error::{Error, Result};
use crate::store::raw;

pub use crate::domain::round::Round;

#[derive(sqlx::FromRow)]
struct RoundRow {
    id: i64,
    name: String,
    election: String,
    body: String,
    quota_per_unit: u32,
    written_pass_multiple: u32,
    final_rank_multiple: u32,
    extension_threshold: u32,
    extension_days: u32,
    extensions_allowed: u32,
    min_age: u32,
    max_periods: Option<u32>,
    reference_date: NaiveDate,
    score_mode: String,
    written_weight: u32,
    interview_weight: u32,
    responses_until: String,
    statement_items: String,
    legal_basis: String,
    current_stage: String,
    stage_open: bool,
}

#[derive(sqlx::FromRow)]
struct StageRow {
    stage: String,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
}

/// A query with the settings bound in the order of the `rounds` columns
/// from `quota_per_unit` (with `extensions_allowed` after
/// `extension_days`) to `interview_weight`, then `responses_until`,
/// `statement_items` (a JSON array) and `legal_basis`.
fn bind_settings<'q>(
    q: sqlx::query::Query<'q, Sqlite, SqliteArguments<'q>>,
    s: &RoundSettings,
) -> Result<sqlx::query::Query<'q, Sqlite, SqliteArguments<'q>>> {
    let items =
        serde_json::to_string(&s.statement_items).map_err(|e| Error::Internal(e.to_string()))?;
    let (ww, iw) = match s.score_combination {
        ScoreCombination::Bobot {
            tertulis,
            wawancara,
        } => (tertulis, wawancara),
        _ => (0, 0),
    };
    Ok(q.bind(s.quota_per_unit)
        .bind(s.written_pass_multiple)
        .bind(s.final_rank_multiple)
        .bind(s.extension_threshold)
        .bind(s.extension_days)
        .bind(s.extensions_allowed)
        .bind(s.min_age)
        .bind(s.max_periods)
        .bind(s.reference_date)
        .bind(s.score_combination.mode_str())
        .bind(ww)
        .bind(iw)
        .bind(s.responses_until.as_str())
        .bind(items)
        .bind(s.legal_basis.clone()))
}

/// Replaces the rule settings of a round (validated by the caller).
pub async fn update_settings(
    conn: &mut SqliteConnection,
    round_id: i64,
    s: &RoundSettings,
) -> Result<()> {
    bind_settings(
        sqlx::query(
            "UPDATE rounds SET quota_per_unit = ?, written_pass_multiple = ?, final_rank_multiple = ?,
                 extension_threshold = ?, extension_days = ?, extensions_allowed = ?, min_age = ?, max_periods = ?,
                 reference_date = ?, score_mode = ?, written_weight = ?, interview_weight = ?, responses_until = ?,
                 statement_items = ?, legal_basis = ?
             WHERE id = ?",
        ),
        s,
    )?
    .bind(round_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Inserts a validated draft with its schedule; returns the new id.
pub async fn insert(
    conn: &mut SqliteConnection,
    draft: &RoundDraft,
    created_by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64> {
    let res = bind_settings(
        sqlx::query(
            "INSERT INTO rounds (name, election, body, quota_per_unit, written_pass_multiple, final_rank_multiple,
                 extension_threshold, extension_days, extensions_allowed, min_age, max_periods, reference_date,
                 score_mode, written_weight, interview_weight, responses_until, statement_items, legal_basis,
                 current_stage, created_at, created_by)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(draft.name.trim())
        .bind(draft.election.trim())
        .bind(draft.body.as_str()),
        &draft.settings,
    )?
    .bind(Stage::Pendaftaran.as_str())
    .bind(now.to_rfc3339())
    .bind(created_by)
    .execute(&mut *conn)
    .await;
    let id = match res {
        Ok(done) => done.last_insert_rowid(),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(Error::validation(
                "name",
                format!(
                    "Seleksi bernama \"{}\" sudah ada. Beri nama lain.",
                    draft.name.trim()
                ),
            ))
        }
        Err(e) => return Err(e.into()),
    };
    for (seq, st) in draft.schedule.iter().enumerate() {
        sqlx::query("INSERT INTO round_stages (round_id, stage, seq, starts_on, ends_on) VALUES (?, ?, ?, ?, ?)")
            .bind(id)
            .bind(st.stage.as_str())
            .bind(seq as i64)
            .bind(st.starts_on)
            .bind(st.ends_on)
            .execute(&mut *conn)
            .await?;
    }
    Ok(id)
}

fn corrupt(what: &str, e: Error) -> Error {
    Error::Internal(format!("data seleksi tidak sah di database ({what}): {e}"))
}

async fn load_schedule(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<StageDates>> {
    let rows: Vec<StageRow> = sqlx::query_as(
        "SELECT stage, starts_on, ends_on FROM round_stages WHERE round_id = ? ORDER BY seq",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(StageDates {
                stage: Stage::parse(&r.stage).map_err(|e| corrupt("tahapan", e))?,
                starts_on: r.starts_on,
                ends_on: r.ends_on,
            })
        })
        .collect()
}

impl RoundRow {
    fn into_round(self, schedule: Vec<StageDates>) -> Result<Round> {
        Ok(Round {
            id: self.id,
            name: self.name,
            election: self.election,
            body: Body::parse(&self.body).map_err(|e| corrupt("badan", e))?,
            settings: RoundSettings {
                quota_per_unit: self.quota_per_unit,
                written_pass_multiple: self.written_pass_multiple,
                final_rank_multiple: self.final_rank_multiple,
                extension_threshold: self.extension_threshold,
                extension_days: self.extension_days,
                extensions_allowed: self.extensions_allowed,
                min_age: self.min_age,
                max_periods: self.max_periods,
                reference_date: self.reference_date,
                score_combination: ScoreCombination::from_parts(
                    &self.score_mode,
                    self.written_weight,
                    self.interview_weight,
                )
                .map_err(|e| corrupt("gabungan nilai", e))?,
                responses_until: ResponseWindow::parse(&self.responses_until)
                    .map_err(|e| corrupt("batas tanggapan", e))?,
                statement_items: serde_json::from_str(&self.statement_items)
                    .map_err(|e| corrupt("isi surat pernyataan", Error::Internal(e.to_string())))?,
                legal_basis: self.legal_basis,
            },
            schedule,
            current_stage: Stage::parse(&self.current_stage).map_err(|e| corrupt("tahapan", e))?,
            stage_open: self.stage_open,
        })
    }
}

const ROUND_COLUMNS: &str = "id, name, election, body, quota_per_unit, written_pass_multiple, final_rank_multiple,
    extension_threshold, extension_days, extensions_allowed, min_age, max_periods, reference_date, score_mode,
    written_weight, interview_weight, responses_until, statement_items, legal_basis, current_stage, stage_open";

/// One round with its schedule.
pub async fn get(conn: &mut SqliteConnection, id: i64) -> Result<Round> {
    let row: Option<RoundRow> =
        sqlx::query_as(&format!("SELECT {ROUND_COLUMNS} FROM rounds WHERE id = ?"))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let row = row.ok_or_else(|| Error::NotFound(format!("Seleksi dengan nomor {id}")))?;
    let schedule = load_schedule(conn, id).await?;
    row.into_round(schedule)
}

/// Every round, oldest first, with its schedule.
pub async fn list(conn: &mut SqliteConnection) -> Result<Vec<Round>> {
    let rows: Vec<RoundRow> =
        sqlx::query_as(&format!("SELECT {ROUND_COLUMNS} FROM rounds ORDER BY id"))
            .fetch_all(&mut *conn)
            .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let schedule = load_schedule(conn, row.id).await?;
        out.push(row.into_round(schedule)?);
    }
    Ok(out)
}

/// Sets (or replaces) one unit's quota override.
pub async fn set_unit_quota(
    conn: &mut SqliteConnection,
    round_id: i64,
    unit_code: &str,
    quota: u32,
    reason: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO unit_quotas (round_id, unit_code, quota, reason) VALUES (?, ?, ?, ?)
         ON CONFLICT (round_id, unit_code) DO UPDATE SET quota = excluded.quota, reason = excluded.reason",
    )
    .bind(round_id)
    .bind(unit_code)
    .bind(quota)
    .bind(reason)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Removes one unit's override, so the round's default applies again.
pub async fn clear_unit_quota(
    conn: &mut SqliteConnection,
    round_id: i64,
    unit_code: &str,
) -> Result<bool> {
    let done = sqlx::query("DELETE FROM unit_quotas WHERE round_id = ? AND unit_code = ?")
        .bind(round_id)
        .bind(unit_code)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// A unit's quota override.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct UnitQuota {
    pub unit_code: String,
    pub quota: u32,
    pub reason: String,
}

/// One unit's override in a round, if it has one.
pub async fn unit_quota(
    conn: &mut SqliteConnection,
    round_id: i64,
    unit_code: &str,
) -> Result<Option<UnitQuota>> {
    Ok(sqlx::query_as(
        "SELECT unit_code, quota, reason FROM unit_quotas WHERE round_id = ? AND unit_code = ?",
    )
    .bind(round_id)
    .bind(unit_code)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Every override of a round.
pub async fn unit_quotas(conn: &mut SqliteConnection, round_id: i64) -> Result<Vec<UnitQuota>> {
    Ok(sqlx::query_as(
        "SELECT unit_code, quota, reason FROM unit_quotas WHERE round_id = ? ORDER BY unit_code",
    )
    .bind(round_id)
    .fetch_all(&mut *conn)
    .await?)
}

/// A unit of a round with its override, if any.
#[derive(Debug, Clone)]
pub struct UnitQuotaRow {
    pub code: String,
    pub name: String,
    pub kecamatan_name: String,
    pub quota: Option<u32>,
    pub reason: Option<String>,
}

/// Every unit a round recruits for (kecamatan for PPK, desa for PPS), in
/// code order, with its quota override where one is set. Read through
/// [`raw::query`]: a national PPS round has 83,000 desa.
pub async fn unit_quota_rows(
    conn: &mut SqliteConnection,
    round_id: i64,
    body: Body,
) -> Result<Vec<UnitQuotaRow>> {
    let sql = match body {
        Body::Ppk => {
            "SELECT k.code, k.name, k.name AS kecamatan_name, q.quota, q.reason
             FROM kecamatan k LEFT JOIN unit_quotas q ON q.round_id = ?1 AND q.unit_code = k.code
             ORDER BY k.code"
        }
        Body::Pps => {
            "SELECT d.code, d.name, k.name AS kecamatan_name, q.quota, q.reason
             FROM desa d JOIN kecamatan k ON k.code = d.kecamatan_code
             LEFT JOIN unit_quotas q ON q.round_id = ?1 AND q.unit_code = d.code
             ORDER BY d.code"
        }
    };
    raw::query(conn, sql, round_id, 0, |r| UnitQuotaRow {
        code: r.text(0),
        name: r.text(1),
        kecamatan_name: r.text(2),
        quota: r.opt_i64(3).map(|q| q as u32),
        reason: r.opt_text_with(4, |s| Some(s.to_string())),
    })
    .await
}
