//! Test scores: the score sheet of the written test or the interview, one
//! mark at a time from the keyboard, or a whole CSV file (all or nothing;
//! sheets of any format are read by `score_sheets`).
//! Only those who sit a test get a mark, and only while its stage is open.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use crate::docs::scores_csv;
use crate::domain::permission::{Operation, Session};
use crate::domain::ranking::{self, Mark};
use crate::domain::region::RegionCode;
use crate::domain::round::Stage;
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
pub use crate::service::score_import::ScoreImport;
use crate::service::score_import::{
    ensure_scoring, mark_in, not_sitting, sits, store_checked, Roster,
};
use crate::service::selection::{dotted, mark_text, test_stage};
use crate::store::selection::{self as store, NewMark};
use crate::store::{applicants, rounds, Db};

/// One line of the score sheet of a test.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ScoreSheetRow {
    #[ts(type = "number")]
    pub applicant_id: i64,
    pub reg_number: String,
    pub full_name: String,
    pub sex: String,
    pub unit_code: String,
    pub unit_name: String,
    /// `78,50`, `absen`, or empty when not entered yet.
    pub mark: String,
}

/// The score sheet of a test.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ScoreSheet {
    pub stage: Stage,
    /// Whether marks can be entered now (the test's stage is open).
    pub editable: bool,
    pub rows: Vec<ScoreSheetRow>,
    pub entered: u32,
    pub missing: u32,
}

/// Everyone who sits the test of `stage`, in unit and registration order,
/// with the mark entered so far. `unit` narrows it to one unit (or kecamatan).
pub async fn score_sheet(
    db: &Db,
    session: &Session,
    round_id: i64,
    stage: Stage,
    unit: Option<&str>,
) -> Result<ScoreSheet> {
    session.require(Operation::Read)?;
    test_stage(stage)?;
    let unit = unit.map(RegionCode::parse).transpose()?;
    let mut conn = db.pool().acquire().await?;
    let round = rounds::get(&mut conn, round_id).await?;
    let units: HashMap<String, String> = rounds::unit_quota_rows(&mut conn, round_id, round.body)
        .await?
        .into_iter()
        .map(|u| (u.code, u.name))
        .collect();
    let mut rows = store::ranking_rows(&mut conn, round_id).await?;
    let names: HashMap<i64, (String, String)> = store::names(&mut conn, round_id)
        .await?
        .into_iter()
        .map(|n| (n.id, (n.reg_number, n.full_name)))
        .collect();
    rows.retain(|r| {
        sits(r, stage)
            && unit
                .as_ref()
                .is_none_or(|u| r.unit_code.starts_with(u.digits()))
    });
    rows.sort_by(|a, b| {
        a.unit_code
            .cmp(&b.unit_code)
            .then(a.reg_seq.cmp(&b.reg_seq))
    });
    let mut entered = 0;
    let out: Vec<ScoreSheetRow> = rows
        .into_iter()
        .map(|r| {
            let mark = mark_in(&r, stage);
            entered += u32::from(mark.is_some());
            let (reg_number, full_name) = names.get(&r.id).cloned().unwrap_or_default();
            ScoreSheetRow {
                applicant_id: r.id,
                reg_number,
                full_name,
                sex: r.sex().to_string(),
                unit_name: units.get(&r.unit_code).cloned().unwrap_or_default(),
                unit_code: dotted(&r.unit_code),
                mark: mark_text(mark),
            }
        })
        .collect();
    Ok(ScoreSheet {
        stage,
        editable: round.current_stage == stage && round.stage_open,
        missing: out.len() as u32 - entered,
        entered,
        rows: out,
    })
}

/// Why an interview mark cannot be typed for a candidate with panel scores.
pub(crate) const PANEL_SCORED: &str = "Nilai wawancara peserta ini dihitung dari nilai panel (rata-rata nilai berbobot para pewawancara), sehingga tidak dapat diketik langsung. Ubah nilai per aspek pada formulir panel.";

/// Enters (or, with an empty text, clears) one applicant's mark for the
/// test of `stage`. Verifikator; only while that stage is open. An
/// interview mark derived from panel scores cannot be typed over.
pub async fn record_mark(
    db: &Db,
    session: &Session,
    round_id: i64,
    stage: Stage,
    applicant_id: i64,
    text: &str,
    now: DateTime<Utc>,
) -> Result<String> {
    session.require(Operation::EnterScores)?;
    let mark = if text.trim().is_empty() {
        None
    } else {
        Some(ranking::parse_mark(text).map_err(|e| Error::validation("nilai", e))?)
    };
    let mut tx = db.begin_write().await?;
    ensure_scoring(&mut tx, round_id, stage).await?;
    let not_here = || Error::NotFound(format!("Pendaftar nomor {applicant_id} pada seleksi ini"));
    if applicants::round_of(&mut tx, applicant_id).await? != round_id {
        return Err(not_here());
    }
    let row = store::ranking_row(&mut tx, applicant_id)
        .await?
        .ok_or_else(not_here)?;
    if !sits(&row, stage) {
        return Err(Error::validation("nilai", not_sitting(stage)));
    }
    if stage == Stage::Tertulis
        && mark.is_some_and(|m| m != Mark::Absent)
        && crate::store::attendance::record_of(&mut tx, applicant_id)
            .await?
            .is_some_and(|r| !r.present)
    {
        return Err(Error::validation(
            "nilai",
            format!(
                "Pendaftar ini {}",
                crate::service::score_import::ABSENT_ON_LIST
            ),
        ));
    }
    if stage == Stage::Wawancara
        && !crate::store::interview::scores_of(&mut tx, applicant_id)
            .await?
            .is_empty()
    {
        return Err(Error::validation("nilai", PANEL_SCORED));
    }
    let before = mark_in(&row, stage);
    store::upsert_marks(
        &mut tx,
        stage,
        &[NewMark { applicant_id, mark }],
        session.user_id,
        now,
    )
    .await?;
    let change = Change::new("score.record", "applicant", applicant_id)
        .before(json!({ "stage": stage.as_str(), "nilai": mark_text(before) }))
        .after(json!({ "stage": stage.as_str(), "nilai": mark_text(mark) }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(mark_text(mark))
}

/// Imports marks of one test from CSV (`nomor_pendaftaran,nilai`, and an
/// optional `hadir` column: `tidak` marks an absence, as does a `nilai` of
/// `absen`). Every row is checked first; one bad row and nothing is stored.
pub async fn import_marks(
    db: &Db,
    session: &Session,
    round_id: i64,
    stage: Stage,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<ScoreImport> {
    session.require(Operation::EnterScores)?;
    test_stage(stage)?;
    let input = scores_csv::read(bytes)?;
    let mut tx = db.begin_write().await?;
    ensure_scoring(&mut tx, round_id, stage).await?;
    let roster = Roster::of(&mut tx, round_id).await?;
    let checked = roster.check(stage, input.lines(), scores_csv::COLUMNS[0].name);
    store_checked(tx, session, round_id, stage, checked, "csv", now).await
}
