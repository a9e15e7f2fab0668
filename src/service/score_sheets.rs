//! Marks from a spreadsheet (xlsx, xls, ods, or a CSV with any header):
//! the CAT system's export of the written test, a marking sheet, or the
//! interview recap. The file's columns are mapped (identifier by
//! registration number or NIK, mark, optional attendance), the rows are
//! previewed as they would be stored with the marks they replace and every
//! problem, and the import stores all of them or none, through the same
//! checks as the score CSV.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::docs::problems::Problems;
use crate::docs::spreadsheet::head::SourceColumn;
use crate::docs::spreadsheet::scores::{self as sheet, SheetLines};
use crate::docs::spreadsheet::{SheetFormat, Workbook};
use crate::domain::permission::{Operation, Session};
use crate::domain::round::Stage;
use crate::domain::score_mapping::ScoreMapping;
use crate::domain::sheet_field::header_key;
use crate::domain::text::shown;
use crate::error::{Error, Result};
use crate::service::score_import::{ensure_scoring, store_checked, Checked, Roster, ScoreImport};
use crate::service::selection::{dotted, mark_text, test_stage};
use crate::store::{rounds, Db};

/// What staff chose for a score sheet. Without a mapping, one is proposed
/// from the headers and the cells.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScoreSheetChoice {
    /// The sheet; the first when `None`.
    pub sheet: Option<String>,
    pub mapping: Option<ScoreMapping>,
    /// Without a mapping, the header row to map from (counted from 1);
    /// found when `None`.
    pub header_row: Option<u32>,
}

/// A row as it would be stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ScorePreviewRow {
    /// The row in the file.
    #[ts(type = "number")]
    pub line: u64,
    pub reg_number: String,
    pub full_name: String,
    /// `35.14.01 Purwodadi`.
    pub unit: String,
    /// `78,50` or `absen`.
    pub mark: String,
    /// The mark entered before, empty when none.
    pub before: String,
}

/// What a score sheet would give: its sheets and columns, the mapping
/// used, the first rows as they would be stored, the counts and every
/// problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ScoreSheetPreview {
    pub stage: Stage,
    pub format: SheetFormat,
    pub sheets: Vec<String>,
    pub sheet: String,
    pub columns: Vec<SourceColumn>,
    pub mapping: ScoreMapping,
    /// What keeps the mapping from being used. Empty when all is well.
    pub notes: Vec<String>,
    /// Whether the mapping is complete, so the rows were read.
    pub ready: bool,
    /// The first rows that would be stored.
    pub rows: Vec<ScorePreviewRow>,
    /// Marks that would be stored (when there is no problem).
    pub to_store: u32,
    pub absent: u32,
    /// Marks that would replace a different one entered before.
    pub replacing: u32,
    pub problems: Problems,
}

/// A file opened, the sheet and mapping its choice comes to, and the
/// columns shown.
struct Opened<'a> {
    book: Workbook<'a>,
    sheet: String,
    columns: Vec<SourceColumn>,
    mapping: ScoreMapping,
}

fn open<'a>(bytes: &'a [u8], choice: &ScoreSheetChoice) -> Result<Opened<'a>> {
    let mut book = Workbook::open(bytes)?;
    let sheet = book.sheet_name(choice.sheet.as_deref())?;
    let header_row = choice.mapping.map(|m| m.header_row).or(choice.header_row);
    let head = sheet::describe(&mut book, &sheet, header_row)?;
    let mapping = match choice.mapping {
        Some(m) => ScoreMapping {
            header_row: head.proposed.header_row,
            ..m
        },
        None => head.proposed,
    };
    Ok(Opened {
        book,
        sheet,
        columns: head.columns,
        mapping,
    })
}

/// The source name an audit entry gives the file.
fn source(format: SheetFormat) -> &'static str {
    match format {
        SheetFormat::Xlsx => "xlsx",
        SheetFormat::Xls => "xls",
        SheetFormat::Ods => "ods",
        SheetFormat::Csv => "csv-pemetaan",
    }
}

/// Everything staff see before importing a score sheet for the test of
/// `stage`: the file's sheets and columns, the mapping (as chosen or
/// proposed), the first rows as they would be stored beside the marks
/// they replace, the counts, and every problem, checked as the import
/// checks them. Writes nothing; refused, as the import is, when the stage
/// is not open.
pub async fn preview(
    db: &Db,
    session: &Session,
    round_id: i64,
    stage: Stage,
    bytes: &[u8],
    choice: &ScoreSheetChoice,
) -> Result<ScoreSheetPreview> {
    session.require(Operation::EnterScores)?;
    test_stage(stage)?;
    let mut conn = db.pool().acquire().await?;
    let round = ensure_scoring(&mut conn, round_id, stage).await?;
    let mut opened = open(bytes, choice)?;
    let mapping = opened.mapping;
    let mut notes = Vec::new();
    let missing = mapping.missing();
    if !missing.is_empty() {
        notes.push(format!("Pilih kolom untuk: {}.", missing.join(", ")));
    }
    notes.extend(mapping.conflict());
    let mut preview = ScoreSheetPreview {
        stage,
        format: opened.book.format(),
        sheets: opened.book.sheet_names(),
        sheet: opened.sheet.clone(),
        columns: std::mem::take(&mut opened.columns),
        mapping,
        notes,
        ready: mapping.is_ready(),
        rows: Vec::new(),
        to_store: 0,
        absent: 0,
        replacing: 0,
        problems: Problems::default(),
    };
    if !preview.ready {
        return Ok(preview);
    }
    let SheetLines { lines, key_column } = sheet::read(&mut opened.book, &opened.sheet, &mapping)?;
    let roster = Roster::of(&mut conn, round_id).await?;
    let Checked {
        marks,
        absent,
        replaced,
        problems,
        first,
    } = roster.check(stage, lines, &key_column);
    let units: HashMap<String, String> = rounds::unit_quota_rows(&mut conn, round_id, round.body)
        .await?
        .into_iter()
        .map(|u| (u.code, u.name))
        .collect();
    preview.rows = first
        .into_iter()
        .map(|a| ScorePreviewRow {
            line: a.line,
            reg_number: a.applicant.reg_number.clone(),
            full_name: a.applicant.full_name.clone(),
            unit: format!(
                "{} {}",
                dotted(&a.applicant.unit_code),
                units.get(&a.applicant.unit_code).map_or("", String::as_str)
            )
            .trim()
            .to_string(),
            mark: mark_text(Some(a.mark)),
            before: mark_text(a.before),
        })
        .collect();
    preview.to_store = marks.len() as u32;
    preview.absent = absent;
    preview.replacing = replaced;
    preview.problems = problems.finish();
    Ok(preview)
}

/// Imports the marks of a score sheet for the test of `stage` through the
/// mapping chosen (or proposed): every row valid, or nothing stored and
/// the problems listed. Only while the stage is open; refused when the
/// mapping lacks a column.
pub async fn import(
    db: &Db,
    session: &Session,
    round_id: i64,
    stage: Stage,
    bytes: &[u8],
    choice: &ScoreSheetChoice,
    now: DateTime<Utc>,
) -> Result<ScoreImport> {
    session.require(Operation::EnterScores)?;
    test_stage(stage)?;
    let mut opened = open(bytes, choice)?;
    let SheetLines { lines, key_column } =
        sheet::read(&mut opened.book, &opened.sheet, &opened.mapping)?;
    let mut tx = db.begin_write().await?;
    ensure_scoring(&mut tx, round_id, stage).await?;
    let roster = Roster::of(&mut tx, round_id).await?;
    let checked = roster.check(stage, lines, &key_column);
    let source = source(opened.book.format());
    store_checked(tx, session, round_id, stage, checked, source, now).await
}

/// Whether `bytes` are a score CSV of this app's own columns
/// (`nomor_pendaftaran,nilai[,hadir]`), which the plain CSV import reads as
/// it always has.
pub fn is_own_csv(bytes: &[u8]) -> bool {
    SheetFormat::of(bytes) == SheetFormat::Csv && crate::docs::scores_csv::read(bytes).is_ok()
}

/// The column `name` means: one whose header is `name` (compared as
/// headers are, in any case and spacing), else the column of that letter
/// (`C`), else, for a CSV file, of that place (`3`).
pub fn column_named(columns: &[SourceColumn], name: &str) -> Result<u32> {
    let key = header_key(name);
    let by_header = columns
        .iter()
        .find(|c| !key.is_empty() && header_key(&c.header) == key);
    let by_letter = || {
        columns
            .iter()
            .find(|c| !c.letter.is_empty() && c.letter.eq_ignore_ascii_case(name.trim()))
    };
    let by_place = || {
        name.trim().parse::<u32>().ok().and_then(|n| {
            columns
                .iter()
                .find(|c| c.letter.is_empty() && c.index + 1 == n)
        })
    };
    by_header
        .or_else(by_letter)
        .or_else(by_place)
        .map(|c| c.index)
        .ok_or_else(|| {
            let listed: Vec<String> = columns
                .iter()
                .take(30)
                .map(|c| match (c.letter.as_str(), c.header.trim()) {
                    ("", h) => shown(h),
                    (l, "") => l.to_string(),
                    (l, h) => format!("{l} ({})", shown(h)),
                })
                .collect();
            Error::validation(
                "kolom",
                format!(
                    "Kolom \"{}\" tidak ada di berkas. Kolom yang ada: {}.",
                    shown(name),
                    listed.join(", ")
                ),
            )
        })
}
