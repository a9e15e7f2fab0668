//! The interview by panels (issue 17, item 6): the round's form (aspects
//! and weights), its panels and interviewers, who is interviewed by which
//! panel and when (`assign`), each interviewer's scores per aspect typed
//! in (`marks`) or imported (`import`), and the signed scoring form as a
//! PDF (`form`).
//!
//! A round uses panels once it has one. The candidate's interview mark is
//! then derived from the panel scores (`domain::interview`: the mean of
//! the interviewers' weighted sums, rounded once, half up) and written to
//! the same interview mark the single-mark sheet writes, so the ranking,
//! results and exports read it as before. A candidate with panel scores
//! cannot have a mark typed directly (`scores::record_mark` refuses it).
//!
//! Panels, interviewers and aspects can be prepared before the interview
//! opens; scores only while it is open. The aspects are frozen by the
//! round's first panel score: every candidate is weighed alike.

pub mod assign;
pub mod form;
pub mod import;
pub mod marks;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::domain::interview::{self, default_aspects, validate_aspects, Aspect};
use crate::domain::permission::{Operation, Session};
use crate::domain::round::Stage;
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::store::interview::{self as store, AspectRow};
use crate::store::{rounds, Db};

/// An aspect of the form as the screens show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AspectView {
    /// 0 while the round uses the defaults and has no panel yet (they are
    /// stored with the first panel).
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub weight: u32,
}

/// An interviewer to add.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct NewInterviewer {
    pub name: String,
    /// Optional.
    #[serde(default)]
    pub nip: String,
    /// Optional, e.g. "Anggota KPU Kabupaten".
    #[serde(default)]
    pub jabatan: String,
}

/// An interviewer as the screens show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct InterviewerView {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub nip: String,
    pub jabatan: String,
}

/// A panel with its interviewers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PanelView {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub room: String,
    pub interviewers: Vec<InterviewerView>,
    /// Candidates assigned to it.
    pub candidates: u32,
}

/// A round's interview set-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct InterviewSetup {
    pub aspects: Vec<AspectView>,
    pub weight_total: u32,
    /// Whether the aspects can still be changed (no panel score yet).
    pub aspects_editable: bool,
    /// Whether panels and assignments can still be changed (the interview
    /// is not closed).
    pub editable: bool,
    /// Whether scores can be entered now (the interview is open).
    pub scoring: bool,
    pub panels: Vec<PanelView>,
    /// Candidates who sit the interview and have no panel yet.
    pub unassigned: u32,
}

/// Refuses once the interview stage is closed (its marks are frozen).
pub(crate) async fn ensure_preparing(
    conn: &mut SqliteConnection,
    round_id: i64,
) -> Result<rounds::Round> {
    let round = rounds::get(conn, round_id).await?;
    round.ensure_unfrozen(Stage::Wawancara)?;
    Ok(round)
}

/// The round's aspects as stored, or the defaults (id 0) when none are.
pub(crate) async fn aspects_of(
    conn: &mut SqliteConnection,
    round_id: i64,
) -> Result<Vec<AspectRow>> {
    let stored = store::aspects(conn, round_id).await?;
    if !stored.is_empty() {
        return Ok(stored);
    }
    Ok(default_aspects()
        .into_iter()
        .enumerate()
        .map(|(i, a)| AspectRow {
            id: 0,
            position: i as i64 + 1,
            name: a.name,
            weight: a.weight,
        })
        .collect())
}

/// The round's aspects, the defaults stored first when none are (a score
/// names a stored aspect).
pub(crate) async fn fixed_aspects(
    conn: &mut SqliteConnection,
    round_id: i64,
) -> Result<Vec<AspectRow>> {
    let stored = store::aspects(conn, round_id).await?;
    if !stored.is_empty() {
        return Ok(stored);
    }
    store::replace_aspects(conn, round_id, &default_aspects()).await?;
    store::aspects(conn, round_id).await
}

/// A short text staff typed (a name, a room, a NIP): trimmed, spaces
/// folded, at most `max` characters; `what` names it in the message.
pub(crate) fn short_text(text: &str, what: &str, required: bool, max: usize) -> Result<String> {
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if required && t.is_empty() {
        return Err(Error::validation(what, format!("{what} masih kosong.")));
    }
    if t.chars().count() > max || t.chars().any(char::is_control) {
        return Err(Error::validation(
            what,
            format!("{what} terlalu panjang atau memuat karakter yang tidak dapat dicetak (paling banyak {max} huruf)."),
        ));
    }
    Ok(t)
}

fn check_interviewer(i: &NewInterviewer) -> Result<NewInterviewer> {
    Ok(NewInterviewer {
        name: short_text(&i.name, "Nama pewawancara", true, 120)?,
        nip: short_text(&i.nip, "NIP", false, 40)?,
        jabatan: short_text(&i.jabatan, "Jabatan", false, 120)?,
    })
}

/// The round's interview set-up: aspects, panels with their interviewers,
/// and how many candidates still wait for a panel.
pub async fn setup(db: &Db, session: &Session, round_id: i64) -> Result<InterviewSetup> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    let round = rounds::get(&mut conn, round_id).await?;
    let aspects = aspects_of(&mut conn, round_id).await?;
    let scored = store::score_count(&mut conn, round_id).await?;
    let interviewers = store::interviewers(&mut conn, round_id).await?;
    let assignments = store::assignments(&mut conn, round_id).await?;
    let sitting = assign::sitting(&mut conn, round_id).await?;
    let panels = store::panels(&mut conn, round_id)
        .await?
        .into_iter()
        .map(|p| PanelView {
            interviewers: interviewers
                .iter()
                .filter(|i| i.panel_id == p.id)
                .map(|i| InterviewerView {
                    id: i.id,
                    name: i.name.clone(),
                    nip: i.nip.clone(),
                    jabatan: i.jabatan.clone(),
                })
                .collect(),
            candidates: assignments.iter().filter(|a| a.panel_id == p.id).count() as u32,
            id: p.id,
            name: p.name,
            room: p.room,
        })
        .collect();
    let assigned: std::collections::HashSet<i64> =
        assignments.iter().map(|a| a.applicant_id).collect();
    let editable = round.current_stage <= Stage::Wawancara;
    Ok(InterviewSetup {
        weight_total: aspects.iter().map(|a| a.weight).sum(),
        aspects: aspects
            .into_iter()
            .map(|a| AspectView {
                id: a.id,
                name: a.name,
                weight: a.weight,
            })
            .collect(),
        aspects_editable: editable && scored == 0,
        editable,
        scoring: round.current_stage == Stage::Wawancara && round.stage_open,
        panels,
        unassigned: sitting.iter().filter(|r| !assigned.contains(&r.id)).count() as u32,
    })
}

/// Replaces the aspects of the round's form (names and weights). Only
/// until the round's first panel score: after it every candidate must be
/// weighed alike.
pub async fn set_aspects(
    db: &Db,
    session: &Session,
    round_id: i64,
    aspects: &[Aspect],
    now: DateTime<Utc>,
) -> Result<Vec<AspectView>> {
    session.require(Operation::EnterScores)?;
    let aspects = validate_aspects(aspects).map_err(|e| Error::validation("aspek", e))?;
    let mut tx = db.begin_write().await?;
    ensure_preparing(&mut tx, round_id).await?;
    let scored = store::score_count(&mut tx, round_id).await?;
    if scored > 0 {
        return Err(Error::validation(
            "aspek",
            format!("Aspek dan bobot tidak dapat diubah lagi: sudah ada {scored} nilai panel pada seleksi ini, dan semua peserta harus dinilai dengan bobot yang sama."),
        ));
    }
    let before = aspects_of(&mut tx, round_id).await?;
    store::replace_aspects(&mut tx, round_id, &aspects).await?;
    let shown = |a: &[(String, u32)]| {
        json!(a
            .iter()
            .map(|(n, w)| json!({ "aspek": n, "bobot": w }))
            .collect::<Vec<_>>())
    };
    let before: Vec<(String, u32)> = before.into_iter().map(|a| (a.name, a.weight)).collect();
    let after: Vec<(String, u32)> = aspects.iter().map(|a| (a.name.clone(), a.weight)).collect();
    let change = Change::new("interview.aspects", "round", round_id)
        .before(shown(&before))
        .after(shown(&after));
    audit::record(&mut tx, session, now, change).await?;
    let stored = store::aspects(&mut tx, round_id).await?;
    tx.commit().await?;
    Ok(stored
        .into_iter()
        .map(|a| AspectView {
            id: a.id,
            name: a.name,
            weight: a.weight,
        })
        .collect())
}

/// Adds a panel (a name, e.g. "Panel 1", and an optional room) with its
/// interviewers; its id.
pub async fn add_panel(
    db: &Db,
    session: &Session,
    round_id: i64,
    name: &str,
    room: &str,
    interviewers: &[NewInterviewer],
    now: DateTime<Utc>,
) -> Result<i64> {
    session.require(Operation::EnterScores)?;
    let name = short_text(name, "Nama panel", true, 80)?;
    let room = short_text(room, "Ruang", false, 120)?;
    if interviewers.len() > interview::MAX_INTERVIEWERS {
        return Err(Error::validation(
            "pewawancara",
            format!(
                "Satu panel paling banyak {} pewawancara.",
                interview::MAX_INTERVIEWERS
            ),
        ));
    }
    let people = interviewers
        .iter()
        .map(check_interviewer)
        .collect::<Result<Vec<_>>>()?;
    let mut tx = db.begin_write().await?;
    ensure_preparing(&mut tx, round_id).await?;
    if store::panels(&mut tx, round_id)
        .await?
        .iter()
        .any(|p| p.name.to_lowercase() == name.to_lowercase())
    {
        return Err(Error::validation(
            "Nama panel",
            format!("Panel \"{name}\" sudah ada pada seleksi ini."),
        ));
    }
    // From the first panel on the form's aspects are stored, so that the
    // grids name them by id.
    fixed_aspects(&mut tx, round_id).await?;
    let id = store::insert_panel(&mut tx, round_id, &name, &room).await?;
    for p in &people {
        store::insert_interviewer(&mut tx, id, &p.name, &p.nip, &p.jabatan).await?;
    }
    let change = Change::new("interview.panel_add", "round", round_id).after(json!({
        "panel": name,
        "ruang": room,
        "pewawancara": people.iter().map(|p| p.name.clone()).collect::<Vec<_>>(),
    }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(id)
}

/// Adds an interviewer at the end of a panel. Refused once the panel has
/// scores: the candidates it scored would lack the newcomer's.
pub async fn add_interviewer(
    db: &Db,
    session: &Session,
    panel_id: i64,
    person: &NewInterviewer,
    now: DateTime<Utc>,
) -> Result<i64> {
    session.require(Operation::EnterScores)?;
    let person = check_interviewer(person)?;
    let mut tx = db.begin_write().await?;
    let panel = store::panel(&mut tx, panel_id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("Panel nomor {panel_id}")))?;
    ensure_preparing(&mut tx, panel.round_id).await?;
    if store::panel_score_count(&mut tx, panel_id).await? > 0 {
        return Err(Error::validation(
            "pewawancara",
            format!("{} sudah memberi nilai; pewawancara baru tidak dapat ditambahkan karena peserta yang sudah dinilai akan kekurangan nilainya. Buat panel baru bila perlu.", panel.name),
        ));
    }
    let count = store::interviewers(&mut tx, panel.round_id)
        .await?
        .iter()
        .filter(|i| i.panel_id == panel_id)
        .count();
    if count >= interview::MAX_INTERVIEWERS {
        return Err(Error::validation(
            "pewawancara",
            format!(
                "Satu panel paling banyak {} pewawancara.",
                interview::MAX_INTERVIEWERS
            ),
        ));
    }
    let id = store::insert_interviewer(
        &mut tx,
        panel_id,
        &person.name,
        &person.nip,
        &person.jabatan,
    )
    .await?;
    let change = Change::new("interview.interviewer_add", "panel", panel_id)
        .after(json!({ "panel": panel.name, "pewawancara": person.name }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(id)
}

/// Removes a panel with its interviewers; its candidates wait for another
/// panel. Refused once its interviewers have given a score.
pub async fn delete_panel(
    db: &Db,
    session: &Session,
    panel_id: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    session.require(Operation::EnterScores)?;
    let mut tx = db.begin_write().await?;
    let panel = store::panel(&mut tx, panel_id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("Panel nomor {panel_id}")))?;
    ensure_preparing(&mut tx, panel.round_id).await?;
    if store::panel_score_count(&mut tx, panel_id).await? > 0 {
        return Err(Error::validation(
            "panel",
            format!(
                "{} tidak dapat dihapus: pewawancaranya sudah memberi nilai.",
                panel.name
            ),
        ));
    }
    store::delete_panel(&mut tx, panel_id).await?;
    let change = Change::new("interview.panel_delete", "panel", panel_id)
        .before(json!({ "panel": panel.name, "ruang": panel.room }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(())
}
