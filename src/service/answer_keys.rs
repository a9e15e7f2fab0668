//! The answer keys of a paper written test, one per version, and how its
//! answers earn points (DOMAIN.md, stage 5). Keys are typed before or
//! after the test and may be fixed while the written test's marks are not
//! frozen; a fixed key re-marks the sheets already imported (see
//! `marking`). Every change is audited with the key before and after.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::domain::answer_key::{parse_version, AnswerKey, MarkingSettings};
use crate::domain::permission::{Operation, Session};
use crate::domain::round::Stage;
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::store::{answer_keys as store, rounds, Db};

/// The key of one version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct KeyView {
    pub version: String,
    /// One character per question: A–E, `*` annulled.
    pub key: String,
    pub questions: u32,
    /// Questions annulled.
    pub annulled: u32,
}

/// What the paper test of a round holds: keys, settings, sheets imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PaperTest {
    pub keys: Vec<KeyView>,
    pub settings: MarkingSettings,
    pub sheets: u32,
    /// Whether keys and settings may still be changed (the written test's
    /// marks are not frozen).
    pub editable: bool,
    /// Whether sheets may be imported and marks stored (the written test
    /// is open).
    pub open: bool,
}

fn view(version: String, key: &AnswerKey) -> KeyView {
    let text = key.text();
    KeyView {
        version,
        questions: key.len() as u32,
        annulled: text.matches('*').count() as u32,
        key: text,
    }
}

/// The keys of a round, parsed (they were checked when saved).
pub(crate) async fn load_keys(
    conn: &mut SqliteConnection,
    round_id: i64,
) -> Result<Vec<(String, AnswerKey)>> {
    store::keys(conn, round_id)
        .await?
        .into_iter()
        .map(|k| {
            AnswerKey::parse(&k.answers)
                .map(|key| (k.version, key))
                .map_err(|e| Error::Internal(format!("kunci jawaban tersimpan: {e}")))
        })
        .collect()
}

/// Refuses once the written test's marks are frozen.
async fn ensure_editable(conn: &mut SqliteConnection, round_id: i64) -> Result<()> {
    let round = rounds::get(conn, round_id).await?;
    if round.current_stage > Stage::Tertulis {
        return Err(Error::stage(
            "Kunci jawaban tidak dapat diubah: tahap tes tertulis sudah ditutup; nilainya dibekukan.",
        ));
    }
    Ok(())
}

/// The paper test of a round as staff see it.
pub async fn paper_test(db: &Db, session: &Session, round_id: i64) -> Result<PaperTest> {
    session.require(Operation::EnterScores)?;
    let mut conn = db.pool().acquire().await?;
    let round = rounds::get(&mut conn, round_id).await?;
    let keys = load_keys(&mut conn, round_id)
        .await?
        .into_iter()
        .map(|(v, k)| view(v, &k))
        .collect();
    Ok(PaperTest {
        keys,
        settings: store::settings(&mut conn, round_id).await?,
        sheets: store::sheet_count(&mut conn, round_id).await?,
        editable: round.current_stage <= Stage::Tertulis,
        open: round.current_stage == Stage::Tertulis && round.stage_open,
    })
}

/// Saves the key of `version` as typed (`ABCDE ABCDE…`, `*` for an
/// annulled question), replacing the one before.
pub async fn save_key(
    db: &Db,
    session: &Session,
    round_id: i64,
    version: &str,
    key: &str,
    now: DateTime<Utc>,
) -> Result<KeyView> {
    session.require(Operation::EnterScores)?;
    let version = parse_version(version).map_err(|e| Error::validation("versi", e))?;
    let key = AnswerKey::parse(key).map_err(|e| Error::validation("kunci", e))?;
    let mut tx = db.begin_write().await?;
    ensure_editable(&mut tx, round_id).await?;
    let settings = store::settings(&mut tx, round_id).await?;
    settings
        .fits(&version, key.len())
        .map_err(|e| Error::validation("kunci", e))?;
    let before = store::put_key(
        &mut tx,
        round_id,
        &version,
        &key.text(),
        session.user_id,
        now,
    )
    .await?;
    let change = Change::new("answer_key.save", "round", round_id)
        .before(json!({ "versi": version, "kunci": before }))
        .after(json!({ "versi": version, "kunci": key.text() }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(view(version, &key))
}

/// Deletes the key of `version`.
pub async fn delete_key(
    db: &Db,
    session: &Session,
    round_id: i64,
    version: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    session.require(Operation::EnterScores)?;
    let version = parse_version(version).map_err(|e| Error::validation("versi", e))?;
    let mut tx = db.begin_write().await?;
    ensure_editable(&mut tx, round_id).await?;
    let Some(before) = store::delete_key(&mut tx, round_id, &version).await? else {
        return Err(Error::validation(
            "versi",
            format!("Belum ada kunci jawaban versi {version}."),
        ));
    };
    let change = Change::new("answer_key.delete", "round", round_id)
        .before(json!({ "versi": version, "kunci": before }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(())
}

/// Saves how answers earn points in the round.
pub async fn save_settings(
    db: &Db,
    session: &Session,
    round_id: i64,
    settings: MarkingSettings,
    now: DateTime<Utc>,
) -> Result<MarkingSettings> {
    session.require(Operation::EnterScores)?;
    settings
        .check()
        .map_err(|e| Error::validation("pengaturan", e))?;
    let mut tx = db.begin_write().await?;
    ensure_editable(&mut tx, round_id).await?;
    for (version, key) in load_keys(&mut tx, round_id).await? {
        settings
            .fits(&version, key.len())
            .map_err(|e| Error::validation("pengaturan", e))?;
    }
    let before = store::settings(&mut tx, round_id).await?;
    store::put_settings(&mut tx, round_id, &settings, session.user_id, now).await?;
    let change = Change::new("answer_key.settings", "round", round_id)
        .before(json!(before))
        .after(json!(settings));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(settings)
}
