//! Importing the answer sheets of a paper written test (CSV, xlsx, xls,
//! ods): each row names a participant, the version of the test and the
//! answers. Every row is checked (the applicant exists, has not withdrawn,
//! sits the written test, appears once; the version has a key; the
//! answers are as many as the key's questions, each A–E, blank or double)
//! and all are stored, or none. The answers are kept as read, for audit
//! and so that a fixed key re-marks them; marks are given by `marking`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use crate::docs::problems::{ProblemCollector, Problems, RowProblem};
use crate::docs::spreadsheet::answers::{self as sheet, AnswerLines};
use crate::domain::answer_key::{answers_text, parse_version, wrong_length};
use crate::domain::permission::{Operation, Session};
use crate::domain::round::Stage;
use crate::domain::text::shown;
use crate::error::Result;
use crate::service::answer_keys::load_keys;
use crate::service::audit::{self, Change};
use crate::service::score_import::{ensure_scoring, Roster};
use crate::store::answer_keys::{self as store, NewSheet};
use crate::store::Db;

/// What an import of answer sheets did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AnswerImport {
    pub stored: u32,
    /// Sheets that replaced one imported before.
    pub replaced: u32,
    pub problems: Problems,
}

/// Imports the answer sheets of `bytes` for the round's written test,
/// all or none. Only while the written test is open, and after the keys
/// of the versions named were saved.
pub async fn import(
    db: &Db,
    session: &Session,
    round_id: i64,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<AnswerImport> {
    session.require(Operation::EnterScores)?;
    let AnswerLines {
        lines,
        id_column,
        version_column,
        answers_column,
    } = sheet::read(bytes)?;
    let mut tx = db.begin_write().await?;
    ensure_scoring(&mut tx, round_id, Stage::Tertulis).await?;
    let keys: HashMap<String, usize> = load_keys(&mut tx, round_id)
        .await?
        .into_iter()
        .map(|(v, k)| (v, k.len()))
        .collect();
    let before: HashMap<i64, String> = store::sheets(&mut tx, round_id)
        .await?
        .into_iter()
        .map(|s| (s.applicant_id, s.answers))
        .collect();
    let roster = Roster::of(&mut tx, round_id).await?;
    let sitters = roster.sitters();
    let mut problems = ProblemCollector::new();
    let mut seen: HashMap<i64, u64> = HashMap::new();
    let mut sheets = Vec::new();
    let mut count = 0usize;
    for line in lines {
        count += 1;
        let Some(line) = problems.row(line) else {
            continue;
        };
        let problem = |column: &str, reason: String| RowProblem {
            line: line.line,
            column: column.to_string(),
            reason,
        };
        let mut row_problems = Vec::new();
        let who = match sitters.identify(&line.identifier) {
            Ok(who) => match sitters.sitting(who, Stage::Tertulis) {
                Ok(()) => match seen.insert(who.id, line.line) {
                    Some(first) => {
                        row_problems.push(problem(
                            &id_column,
                            format!(
                                "{} sudah ada di baris {first}; satu lembar jawaban untuk satu peserta.",
                                who.reg_number
                            ),
                        ));
                        None
                    }
                    None => Some(who),
                },
                Err(e) => {
                    row_problems.push(problem(&id_column, e));
                    None
                }
            },
            Err(e) => {
                row_problems.push(problem(&id_column, e));
                None
            }
        };
        let questions = match parse_version(&line.version) {
            Ok(v) => match keys.get(&v) {
                Some(n) => Some((v, *n)),
                None => {
                    row_problems.push(problem(
                        &version_column,
                        format!(
                            "Versi soal \"{v}\" belum punya kunci jawaban; simpan kuncinya dahulu."
                        ),
                    ));
                    None
                }
            },
            Err(e) => {
                row_problems.push(problem(&version_column, e));
                None
            }
        };
        let answers = match line.answers {
            Ok(a) => Some(a),
            Err(p) => {
                row_problems.push(p);
                None
            }
        };
        if let (Some((_, n)), Some(a)) = (&questions, &answers) {
            if a.len() != *n {
                row_problems.push(problem(&answers_column, wrong_length(*n, a.len())));
            }
        }
        if !row_problems.is_empty() {
            problems.extend(row_problems);
            continue;
        }
        if let (Some(who), Some((version, _)), Some(answers)) = (who, questions, answers) {
            sheets.push(NewSheet {
                applicant_id: who.id,
                version,
                answers: answers_text(&answers),
                line: line.line,
            });
        }
    }
    if count == 0 {
        problems.push(RowProblem {
            line: 1,
            column: String::new(),
            reason: format!(
                "Berkas tidak berisi lembar jawaban di bawah baris judul ({}).",
                shown(&id_column)
            ),
        });
    }
    if !problems.is_empty() {
        return Ok(AnswerImport {
            stored: 0,
            replaced: 0,
            problems: problems.finish(),
        });
    }
    let replaced = sheets
        .iter()
        .filter(|s| before.contains_key(&s.applicant_id))
        .count() as u32;
    store::upsert_sheets(&mut tx, round_id, &sheets, session.user_id, now).await?;
    let change = Change::new("answer_sheet.import", "round", round_id).after(json!({
        "lembar": sheets.len(),
        "menimpa": replaced,
    }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(AnswerImport {
        stored: sheets.len() as u32,
        replaced,
        problems: Problems::default(),
    })
}
