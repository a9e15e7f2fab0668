//! Panel scores from a recap sheet (CSV, xlsx, xls, ods): one row per
//! candidate and interviewer, keyed by registration number, one column per
//! aspect. A row replaces that interviewer's scores of that candidate.
//! Every row is checked first; one problem and nothing is stored, and the
//! problems are listed by row and column.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use super::fixed_aspects;
use super::marks::{parse_score, Scoring};
use crate::docs::problems::{ProblemCollector, Problems, RowProblem};
use crate::docs::spreadsheet::panel_scores;
use crate::docs::spreadsheet::Workbook;
use crate::domain::permission::{Operation, Session};
use crate::domain::round::Stage;
use crate::domain::text::shown;
use crate::error::Result;
use crate::service::audit::{self, Change};
use crate::service::score_import::{ensure_scoring, not_sitting, sits};
use crate::store::selection as selection_store;
use crate::store::Db;

/// What an import of panel scores did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PanelImport {
    /// Candidates whose scores were stored.
    pub candidates: u32,
    /// Aspect scores stored.
    pub scores: u32,
    /// Candidates whose interview mark is now complete.
    pub marks: u32,
    pub problems: Problems,
}

/// Imports a recap of panel scores. Verifikator; only while the interview
/// is open; all or nothing.
pub async fn import_scores(
    db: &Db,
    session: &Session,
    round_id: i64,
    bytes: &[u8],
    sheet: Option<&str>,
    now: DateTime<Utc>,
) -> Result<PanelImport> {
    session.require(Operation::EnterScores)?;
    let mut tx = db.begin_write().await?;
    ensure_scoring(&mut tx, round_id, Stage::Wawancara).await?;
    let aspects = fixed_aspects(&mut tx, round_id).await?;
    let names: Vec<String> = aspects.iter().map(|a| a.name.clone()).collect();
    let mut book = Workbook::open(bytes)?;
    let file = panel_scores::read(&mut book, sheet, &names)?;
    let roster: HashMap<String, selection_store::RosterRow> =
        selection_store::roster(&mut tx, round_id)
            .await?
            .into_iter()
            .map(|r| (r.reg_number.clone(), r))
            .collect();
    let mut problems = ProblemCollector::new();
    let mut loaded: BTreeMap<i64, Scoring> = BTreeMap::new();
    let mut seen: HashMap<(i64, i64), u64> = HashMap::new();
    let mut count = 0usize;
    let mut cells = 0u32;
    for line in file.lines {
        count += 1;
        let Some(line) = problems.row(line) else {
            continue;
        };
        let at = |column: &str, reason: String| RowProblem {
            line: line.line,
            column: column.to_string(),
            reason,
        };
        let Some(who) = roster.get(&line.number) else {
            problems.push(at(
                &file.number_column,
                format!(
                    "Nomor pendaftaran \"{}\" tidak ada pada seleksi ini.",
                    shown(&line.number)
                ),
            ));
            continue;
        };
        let named = format!("{} ({})", who.reg_number, shown(&who.full_name));
        if who.withdrawn {
            problems.push(at(
                &file.number_column,
                format!("{named} sudah mundur dari seleksi ini."),
            ));
            continue;
        }
        let s = match loaded.entry(who.id) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert(Scoring::load(&mut tx, round_id, who.id, true).await?),
        };
        if !sits(&s.row, Stage::Wawancara) {
            problems.push(at(
                &file.number_column,
                format!("{named}: {}", not_sitting(Stage::Wawancara)),
            ));
            continue;
        }
        if s.panel_id == 0 {
            problems.push(at(
                &file.number_column,
                format!("{named} belum dibagi ke panel wawancara."),
            ));
            continue;
        }
        let wanted = line.interviewer.trim();
        let found = s
            .interviewers
            .iter()
            .find(|i| {
                i.name.to_lowercase() == wanted.to_lowercase() || i.position.to_string() == wanted
            })
            .map(|i| i.id);
        let Some(interviewer) = found else {
            let members: Vec<&str> = s.interviewers.iter().map(|i| i.name.as_str()).collect();
            problems.push(at(
                &file.interviewer_column,
                format!(
                    "\"{}\" bukan pewawancara {} (anggotanya: {}).",
                    shown(wanted),
                    s.panel,
                    members.join(", ")
                ),
            ));
            continue;
        };
        if let Some(first) = seen.insert((who.id, interviewer), line.line) {
            problems.push(at(
                &file.interviewer_column,
                format!("Nilai {named} dari pewawancara ini sudah ada di baris {first}."),
            ));
            continue;
        }
        for ((text, column), aspect) in line.scores.iter().zip(&file.aspect_columns).zip(&aspects) {
            match parse_score(text) {
                Ok(None) => problems.push(at(column, "Nilai kosong; isi setiap aspek.".into())),
                Ok(Some(v)) => {
                    s.set(interviewer, aspect.id, Some(v))?;
                    cells += 1;
                }
                Err(reason) => problems.push(at(column, reason)),
            }
        }
    }
    if count == 0 {
        problems.push(RowProblem {
            line: 1,
            column: String::new(),
            reason: "Berkas tidak berisi nilai.".into(),
        });
    }
    if !problems.is_empty() {
        return Ok(PanelImport {
            candidates: 0,
            scores: 0,
            marks: 0,
            problems: problems.finish(),
        });
    }
    let mut marks = 0u32;
    for s in loaded.values_mut() {
        let (_, after) = s.store(&mut tx, session, now).await?;
        marks += u32::from(after.is_some());
    }
    let change = Change::new("interview.import", "round", round_id).after(json!({
        "peserta": loaded.len(),
        "nilai_aspek": cells,
        "nilai_lengkap": marks,
    }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(PanelImport {
        candidates: loaded.len() as u32,
        scores: cells,
        marks,
        problems: Problems::default(),
    })
}
