//! Marking the imported answer sheets of a paper written test against the
//! keys: first a preview (every participant's counts, points and mark
//! beside the mark entered before, and the share answering each question
//! correctly, with questions to check flagged), then storing the marks as
//! written-test marks through the same checks and the same store as any
//! import of marks, all or nothing. After a key is fixed, marking again
//! replaces the marks, while the written test is open.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::docs::problems::{ProblemCollector, Problems, RowProblem};
use crate::docs::scores_csv::{ScoreKey, ScoreLine};
use crate::domain::answer_key::{
    analyse, mark, parse_answers, Answer, AnswerKey, MarkingSettings, QuestionStat,
};
use crate::domain::permission::{Operation, Session};
use crate::domain::ranking::{format_score, Mark};
use crate::domain::round::Stage;
use crate::error::{Error, Result};
use crate::service::answer_keys::load_keys;
use crate::service::audit::{self, Change};
use crate::service::score_import::{ensure_scoring, store_checked, Roster, ScoreImport};
use crate::service::selection::{dotted, mark_text};
use crate::store::answer_keys::{self as store, SheetRow};
use crate::store::Db;

/// One participant marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MarkRow {
    pub reg_number: String,
    pub full_name: String,
    /// `35.14.01`.
    pub unit: String,
    pub version: String,
    pub correct: u32,
    pub wrong: u32,
    pub blank: u32,
    pub points: u32,
    pub max_points: u32,
    /// `42,50`.
    pub mark: String,
    /// The mark entered before, empty when none.
    pub before: String,
}

/// What marking would store, and how each question went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MarkingPreview {
    pub settings: MarkingSettings,
    pub rows: Vec<MarkRow>,
    pub analysis: Vec<QuestionStat>,
    /// Questions flagged "periksa kunci".
    pub flagged: u32,
    /// Marks that would replace a different one entered before.
    pub replacing: u32,
    /// Sheets that cannot be marked (a key deleted or changed in length
    /// since they were imported); with any, nothing is stored.
    pub problems: Problems,
}

/// The sheets marked, the analysis and what keeps a sheet from a mark.
struct Marking {
    settings: MarkingSettings,
    marked: Vec<(SheetRow, crate::domain::answer_key::Marked)>,
    analysis: Vec<QuestionStat>,
    problems: ProblemCollector,
}

async fn marking(conn: &mut SqliteConnection, round_id: i64) -> Result<Marking> {
    let settings = store::settings(conn, round_id).await?;
    let keys: HashMap<String, AnswerKey> = load_keys(conn, round_id).await?.into_iter().collect();
    let sheets = store::sheets(conn, round_id).await?;
    let mut problems = ProblemCollector::new();
    let problem = |s: &SheetRow, reason: String| RowProblem {
        line: s.source_line as u64,
        column: s.reg_number.clone(),
        reason,
    };
    let mut by_version: HashMap<&str, Vec<Vec<Answer>>> = HashMap::new();
    let mut marked = Vec::new();
    for (version, key) in &keys {
        if let Err(e) = settings.fits(version, key.len()) {
            problems.push(RowProblem {
                line: 0,
                column: String::new(),
                reason: e,
            });
        }
    }
    for s in &sheets {
        let Some(key) = keys.get(&s.version) else {
            problems.push(problem(
                s,
                format!(
                    "Versi soal \"{}\" tidak punya kunci jawaban lagi.",
                    s.version
                ),
            ));
            continue;
        };
        let answers = match parse_answers(&s.answers) {
            Ok(a) => a,
            Err(e) => {
                problems.push(problem(s, e.reason));
                continue;
            }
        };
        match mark(key, &answers, &settings) {
            Ok(m) => {
                marked.push((s.clone(), m));
                by_version.entry(&s.version).or_default().push(answers);
            }
            Err(e) => problems.push(problem(s, format!("Versi {}: {e}", s.version))),
        }
    }
    let mut versions: Vec<&String> = keys.keys().collect();
    versions.sort();
    let analysis = versions
        .into_iter()
        .flat_map(|v| {
            let sheets = by_version.get(v.as_str()).map_or(&[][..], Vec::as_slice);
            analyse(v, &keys[v], sheets)
        })
        .collect();
    Ok(Marking {
        settings,
        marked,
        analysis,
        problems,
    })
}

/// Everything staff see before storing the marks of the paper test:
/// every participant's mark beside the one entered before, the analysis
/// per question, and what keeps a sheet from a mark. Writes nothing;
/// refused, as storing is, when the written test is not open.
pub async fn preview(db: &Db, session: &Session, round_id: i64) -> Result<MarkingPreview> {
    session.require(Operation::EnterScores)?;
    let mut conn = db.pool().acquire().await?;
    ensure_scoring(&mut conn, round_id, Stage::Tertulis).await?;
    let roster = Roster::of(&mut conn, round_id).await?;
    let m = marking(&mut conn, round_id).await?;
    let mut replacing = 0;
    let rows = m
        .marked
        .into_iter()
        .map(|(s, marked)| {
            let before = roster.mark_before(s.applicant_id, Stage::Tertulis);
            replacing += u32::from(before.is_some_and(|b| b != Mark::Score(marked.mark)));
            MarkRow {
                unit: dotted(&s.unit_code),
                reg_number: s.reg_number,
                full_name: s.full_name,
                version: s.version,
                correct: marked.tally.correct + marked.tally.annulled,
                wrong: marked.tally.wrong,
                blank: marked.tally.blank,
                points: marked.points,
                max_points: marked.max_points,
                mark: format_score(marked.mark),
                before: mark_text(before),
            }
        })
        .collect();
    Ok(MarkingPreview {
        settings: m.settings,
        rows,
        flagged: m.analysis.iter().filter(|q| q.check).count() as u32,
        analysis: m.analysis,
        replacing,
        problems: m.problems.finish(),
    })
}

/// Marks every imported sheet and stores the marks as the written test's,
/// through the checks of any import of marks, all or none; with the keys
/// and settings used in the audit. Marking again after a key is fixed
/// replaces them. Only while the written test is open.
pub async fn store_marks(
    db: &Db,
    session: &Session,
    round_id: i64,
    now: DateTime<Utc>,
) -> Result<ScoreImport> {
    session.require(Operation::EnterScores)?;
    let mut tx = db.begin_write().await?;
    ensure_scoring(&mut tx, round_id, Stage::Tertulis).await?;
    let m = marking(&mut tx, round_id).await?;
    if m.marked.is_empty() && m.problems.is_empty() {
        return Err(Error::validation(
            "lembar",
            "Belum ada lembar jawaban yang diimpor untuk seleksi ini.",
        ));
    }
    let roster = Roster::of(&mut tx, round_id).await?;
    let lines = m.marked.iter().map(|(s, marked)| {
        Ok(ScoreLine {
            line: s.source_line as u64,
            key: Ok(ScoreKey::Number(s.reg_number.clone())),
            mark: Ok(Mark::Score(marked.mark)),
        })
    });
    let mut checked = roster.check(Stage::Tertulis, lines, "nomor_pendaftaran");
    checked.problems.extend(m.problems.finish().listed);
    let keys: Vec<_> = load_keys(&mut tx, round_id)
        .await?
        .into_iter()
        .map(|(v, k)| json!({ "versi": v, "kunci": k.text() }))
        .collect();
    let change = Change::new("answer_sheet.mark", "round", round_id).after(json!({
        "kunci": keys,
        "pengaturan": m.settings,
        "lembar": m.marked.len(),
    }));
    audit::record(&mut tx, session, now, change).await?;
    store_checked(
        tx,
        session,
        round_id,
        Stage::Tertulis,
        checked,
        "lembar-jawaban",
        now,
    )
    .await
}
