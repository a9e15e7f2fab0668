//! What every import of marks shares, whatever the file (the score CSV or
//! a sheet through a mapping): the stage must be open; each line must name
//! an applicant of the round (by registration number or NIK) who sits the
//! test, once; then all marks are stored in one transaction with one audit
//! entry, or none.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::docs::problems::{ProblemCollector, Problems, RowProblem};
use crate::docs::scores_csv::{ScoreKey, ScoreLine};
use crate::domain::nik::Nik;
use crate::domain::permission::Session;
use crate::domain::ranking::{Mark, Status};
use crate::domain::round::Stage;
use crate::domain::text::shown;
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::service::selection::test_stage;
use crate::store::rounds;
use crate::store::selection::{self as store, NewMark, RankingRow, RosterRow};

/// Lines kept for a preview.
pub const PREVIEW_ROWS: usize = 50;

/// What a score import did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ScoreImport {
    pub stored: u32,
    pub absent: u32,
    /// Marks that replaced a different mark entered before.
    pub replaced: u32,
    pub problems: Problems,
}

/// Refuses unless `stage` is the round's stage in progress and open.
pub(crate) async fn ensure_scoring(
    conn: &mut SqliteConnection,
    round_id: i64,
    stage: Stage,
) -> Result<rounds::Round> {
    test_stage(stage)?;
    let round = rounds::get(conn, round_id).await?;
    if round.current_stage != stage || !round.stage_open {
        let why = if round.current_stage > stage {
            "sudah ditutup; nilainya dibekukan".to_string()
        } else if round.current_stage == stage {
            "belum dibuka oleh Pimpinan".to_string()
        } else {
            format!(
                "belum berjalan (tahap sekarang: {})",
                round.current_stage.label().to_lowercase()
            )
        };
        return Err(Error::stage(format!(
            "Nilai {} tidak dapat diubah: tahap itu {why}.",
            stage.label().to_lowercase()
        )));
    }
    Ok(round)
}

/// Who sits a test: for the written test the MS applicants, for the
/// interview those who passed the written test (both frozen by then).
pub(crate) fn sits(row: &RankingRow, stage: Stage) -> bool {
    match stage {
        Stage::Tertulis => row.admin_ms == Some(true),
        _ => row.written_result == Some(Status::Lulus),
    }
}

pub(crate) fn not_sitting(stage: Stage) -> String {
    match stage {
        Stage::Tertulis => "Pendaftar ini tidak mengikuti tes tertulis (hanya yang MS pada penelitian administrasi).".into(),
        _ => "Pendaftar ini tidak mengikuti wawancara (hanya yang lulus tes tertulis).".into(),
    }
}

/// Why a mark is refused for someone the attendance list has as absent.
pub(crate) const ABSENT_ON_LIST: &str = "tercatat tidak hadir di daftar hadir tes tertulis, jadi nilainya tetap absen. Bila catatan itu keliru, batalkan catatan kehadirannya lebih dulu.";

/// The mark of `stage` in a ranking row.
pub(crate) fn mark_in(row: &RankingRow, stage: Stage) -> Option<Mark> {
    if stage == Stage::Tertulis {
        row.written_mark()
    } else {
        row.interview_mark()
    }
}

/// A line that would be stored.
pub(crate) struct Accepted<'a> {
    pub line: u64,
    pub applicant: &'a RosterRow,
    pub mark: Mark,
    pub before: Option<Mark>,
}

/// The lines of a file checked against a round.
pub(crate) struct Checked<'a> {
    pub marks: Vec<NewMark>,
    pub absent: u32,
    pub replaced: u32,
    pub problems: ProblemCollector,
    /// The first [`PREVIEW_ROWS`] lines that would be stored.
    pub first: Vec<Accepted<'a>>,
}

/// The applicants of a round a file may name, by number and by NIK.
pub(crate) struct Roster {
    people: Vec<RosterRow>,
    rows: HashMap<i64, RankingRow>,
    /// Candidates whose interview mark is derived from panel scores.
    panel_scored: HashSet<i64>,
    /// Participant numbers of the written test (upper case) → applicant.
    participants: HashMap<String, i64>,
    /// Recorded absent on the written test's attendance list.
    absent: HashSet<i64>,
}

impl Roster {
    pub async fn of(conn: &mut SqliteConnection, round_id: i64) -> Result<Roster> {
        Ok(Roster {
            people: store::roster(conn, round_id).await?,
            rows: store::ranking_rows(conn, round_id)
                .await?
                .into_iter()
                .map(|r| (r.id, r))
                .collect(),
            panel_scored: crate::store::interview::scored_applicants(conn, round_id)
                .await?
                .into_iter()
                .collect(),
            participants: crate::store::seating::numbers(conn, round_id)
                .await?
                .into_iter()
                .map(|(number, id)| (number.to_ascii_uppercase(), id))
                .collect(),
            absent: crate::store::attendance::records(conn, round_id)
                .await?
                .into_iter()
                .filter(|r| !r.present)
                .map(|r| r.applicant_id)
                .collect(),
        })
    }

    /// Who an answer sheet may name, looked up by identifier: the
    /// participant number of the written test, or the registration number.
    pub fn sitters(&self) -> Sitters<'_> {
        let by_id: HashMap<i64, &RosterRow> = self.people.iter().map(|p| (p.id, p)).collect();
        Sitters {
            by_number: self
                .people
                .iter()
                .map(|p| (p.reg_number.as_str(), p))
                .chain(
                    self.participants
                        .iter()
                        .filter_map(|(n, id)| Some((n.as_str(), *by_id.get(id)?))),
                )
                .collect(),
            roster: self,
        }
    }

    /// The mark of `stage` entered before for `applicant_id`.
    pub fn mark_before(&self, applicant_id: i64, stage: Stage) -> Option<Mark> {
        self.rows.get(&applicant_id).and_then(|r| mark_in(r, stage))
    }

    /// Checks every line: the applicant it names exists, has not
    /// withdrawn, sits the test of `stage` and is named once; its mark is
    /// valid. Problems of the identifier are shown under `key_column`.
    pub fn check(
        &self,
        stage: Stage,
        lines: impl IntoIterator<Item = std::result::Result<ScoreLine, Vec<RowProblem>>>,
        key_column: &str,
    ) -> Checked<'_> {
        let mut by_number: HashMap<&str, &RosterRow> = HashMap::new();
        let mut by_nik: HashMap<&str, &RosterRow> = HashMap::new();
        let by_id: HashMap<i64, &RosterRow> = self.people.iter().map(|p| (p.id, p)).collect();
        // A CAT export names participants by the participant number on
        // their card; a marking sheet may use the registration number.
        for (number, id) in &self.participants {
            if let Some(p) = by_id.get(id) {
                by_number.insert(number.as_str(), p);
            }
        }
        for p in &self.people {
            by_number.insert(&p.reg_number, p);
            // An active application wins over a withdrawn one of the same NIK.
            if !p.withdrawn || !by_nik.contains_key(p.nik.as_str()) {
                by_nik.insert(&p.nik, p);
            }
        }
        let mut out = Checked {
            marks: Vec::new(),
            absent: 0,
            replaced: 0,
            problems: ProblemCollector::new(),
            first: Vec::new(),
        };
        let mut seen: HashMap<i64, u64> = HashMap::new();
        let mut count = 0usize;
        for line in lines {
            count += 1;
            let Some(line) = out.problems.row(line) else {
                continue;
            };
            let problem = |reason: String| RowProblem {
                line: line.line,
                column: key_column.to_string(),
                reason,
            };
            let found = match &line.key {
                Err(p) => Err(p.clone()),
                Ok(ScoreKey::Number(number)) => by_number
                    .get(number.as_str())
                    .or_else(|| by_number.get(number.to_ascii_uppercase().as_str()))
                    .ok_or_else(|| {
                        problem(format!(
                            "Nomor pendaftaran \"{}\" tidak ada pada seleksi ini.",
                            shown(number)
                        ))
                    }),
                Ok(ScoreKey::Nik(text)) => match Nik::parse(text) {
                    Err(e) => Err(problem(format!("NIK \"{}\" tidak sah: {e}", shown(text)))),
                    Ok(nik) => by_nik.get(nik.as_str()).ok_or_else(|| {
                        problem(format!("NIK {nik} tidak terdaftar pada seleksi ini."))
                    }),
                },
            };
            let who = match found {
                Ok(who) => *who,
                Err(p) => {
                    out.problems.push(p);
                    continue;
                }
            };
            let named = format!("{} ({})", who.reg_number, shown(&who.full_name));
            if who.withdrawn {
                out.problems.push(problem(format!(
                    "{named} sudah mundur dari seleksi ini; nilainya tidak dicatat."
                )));
                continue;
            }
            if let Some(first) = seen.insert(who.id, line.line) {
                out.problems.push(problem(format!(
                    "{named} sudah ada di baris {first}; satu baris untuk satu pendaftar."
                )));
                continue;
            }
            let Some(row) = self.rows.get(&who.id).filter(|r| sits(r, stage)) else {
                out.problems
                    .push(problem(format!("{named}: {}", not_sitting(stage))));
                continue;
            };
            if stage == Stage::Wawancara && self.panel_scored.contains(&who.id) {
                out.problems.push(problem(format!(
                    "{named}: nilai wawancaranya dihitung dari nilai panel pewawancara, sehingga tidak dapat diimpor sebagai satu nilai. Ubah nilai per aspek pada formulir panel."
                )));
                continue;
            }
            match line.mark {
                Ok(mark)
                    if stage == Stage::Tertulis
                        && mark != Mark::Absent
                        && self.absent.contains(&who.id) =>
                {
                    out.problems
                        .push(problem(format!("{named}: {}", ABSENT_ON_LIST)));
                }
                Ok(mark) => {
                    let before = mark_in(row, stage);
                    out.absent += u32::from(mark == Mark::Absent);
                    out.replaced += u32::from(before.is_some_and(|b| b != mark));
                    out.marks.push(NewMark {
                        applicant_id: who.id,
                        mark: Some(mark),
                    });
                    if out.first.len() < PREVIEW_ROWS {
                        out.first.push(Accepted {
                            line: line.line,
                            applicant: who,
                            mark,
                            before,
                        });
                    }
                }
                Err(p) => out.problems.push(p),
            }
        }
        if count == 0 {
            out.problems.push(RowProblem {
                line: 1,
                column: String::new(),
                reason: "Berkas tidak berisi nilai.".into(),
            });
        }
        out
    }
}

/// The applicants of a round indexed for the answer sheets of a paper test.
pub(crate) struct Sitters<'a> {
    by_number: HashMap<&'a str, &'a RosterRow>,
    roster: &'a Roster,
}

impl Sitters<'_> {
    /// The applicant an answer sheet's identifier names: a participant
    /// number (`PPK-3514-T0001`, the one on the card and the sheet) or a
    /// registration number (`PPK-3514-0001`); the two formats never meet
    /// (the seating module refuses a participant format that looks like a
    /// registration number).
    pub fn identify(&self, identifier: &str) -> std::result::Result<&RosterRow, String> {
        self.by_number
            .get(identifier.trim().to_ascii_uppercase().as_str())
            .copied()
            .ok_or_else(|| {
                format!(
                    "Nomor peserta atau nomor pendaftaran \"{}\" tidak ada pada seleksi ini.",
                    shown(identifier)
                )
            })
    }

    /// Refuses an applicant who withdrew or does not sit the test of
    /// `stage`, as an import of marks does.
    pub fn sitting(&self, who: &RosterRow, stage: Stage) -> std::result::Result<(), String> {
        let named = format!("{} ({})", who.reg_number, shown(&who.full_name));
        if who.withdrawn {
            return Err(format!(
                "{named} sudah mundur dari seleksi ini; nilainya tidak dicatat."
            ));
        }
        match self.roster.rows.get(&who.id) {
            Some(r) if sits(r, stage) => Ok(()),
            _ => Err(format!("{named}: {}", not_sitting(stage))),
        }
    }
}

/// Stores the checked marks and the audit entry (`source` says which kind
/// of file) in `tx` and commits; with any problem, stores nothing.
pub(crate) async fn store_checked(
    mut tx: sqlx::Transaction<'static, sqlx::Sqlite>,
    session: &Session,
    round_id: i64,
    stage: Stage,
    checked: Checked<'_>,
    source: &str,
    now: DateTime<Utc>,
) -> Result<ScoreImport> {
    if !checked.problems.is_empty() {
        return Ok(ScoreImport {
            stored: 0,
            absent: 0,
            replaced: 0,
            problems: checked.problems.finish(),
        });
    }
    store::upsert_marks(&mut tx, stage, &checked.marks, session.user_id, now).await?;
    let change = Change::new("score.import", "round", round_id).after(json!({
        "stage": stage.as_str(),
        "sumber": source,
        "nilai": checked.marks.len(),
        "absen": checked.absent,
        "menimpa": checked.replaced,
    }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(ScoreImport {
        stored: checked.marks.len() as u32,
        absent: checked.absent,
        replaced: checked.replaced,
        problems: Problems::default(),
    })
}
