//! Closing a stage (its results are then frozen) and reopening it.
//!
//! `rounds.current_stage` is the stage in progress: every stage before it is
//! closed. Closing the current stage moves the round to the next one and
//! keeps a snapshot of the stage's results (the data of its Berita Acara);
//! reopening a closed stage needs an Administrator and a written reason and
//! makes it the stage in progress again.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use ts_rs::TS;

use crate::domain::permission::Operation;
use crate::domain::round::Stage;
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};
use crate::service::auth::Session;
use crate::service::verification;
use crate::store::stages::{self as store, NewEvent};
use crate::store::{rounds, Db};

/// Refuses when `stage` of the round is closed (its results are frozen).
pub async fn ensure_open(
    conn: &mut sqlx::SqliteConnection,
    round_id: i64,
    stage: Stage,
) -> Result<()> {
    let round = rounds::get(conn, round_id).await?;
    if round.current_stage > stage {
        return Err(Error::validation(
            "tahapan",
            format!(
                "Tahap {} pada {} sudah ditutup; hasilnya dibekukan. Administrator dapat membukanya kembali dengan alasan.",
                stage.label().to_lowercase(),
                round.name
            ),
        ));
    }
    Ok(())
}

/// What closing a stage did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct StageClosed {
    pub closed: Stage,
    /// The stage now in progress.
    pub current: Stage,
    /// Applicants in the stage's frozen results.
    pub applicants: u32,
}

/// Closes the stage in progress. Pimpinan only. The administrative stage
/// closes only when every active applicant has a verdict (MS or TMS).
pub async fn close(
    db: &Db,
    session: &Session,
    round_id: i64,
    stage: Stage,
    now: DateTime<Utc>,
) -> Result<StageClosed> {
    session.require(Operation::CloseStages)?;
    let round = {
        let mut conn = db.pool().acquire().await?;
        rounds::get(&mut conn, round_id).await?
    };
    if round.current_stage != stage {
        return Err(Error::validation(
            "tahapan",
            format!(
                "Yang sedang berjalan pada {} adalah tahap {}; hanya tahap itu yang dapat ditutup.",
                round.name,
                round.current_stage.label().to_lowercase()
            ),
        ));
    }
    let Some(next) = stage.next() else {
        return Err(Error::validation(
            "tahapan",
            "Masa kerja adalah tahap terakhir dan tidak ditutup.",
        ));
    };
    let (snapshot, applicants) = match stage {
        Stage::Administrasi => {
            let rows = verification::results(db, session, round_id, now).await?;
            let open = rows.iter().filter(|r| r.result.is_empty()).count();
            if open > 0 {
                return Err(Error::validation(
                    "tahapan",
                    format!(
                        "Penelitian administrasi belum dapat ditutup: {open} pendaftar belum mendapat hasil MS atau TMS."
                    ),
                ));
            }
            let n = rows.len() as u32;
            (Some(json!(rows).to_string()), n)
        }
        _ => (None, 0),
    };
    let mut tx = db.pool().begin().await?;
    // Still the stage in progress (nobody closed it meanwhile).
    if rounds::get(&mut tx, round_id).await?.current_stage != stage {
        return Err(Error::validation(
            "tahapan",
            "Tahap ini baru saja ditutup oleh petugas lain.",
        ));
    }
    store::record(
        &mut tx,
        &NewEvent {
            round_id,
            stage,
            action: "close",
            user_id: session.user_id,
            username: &session.username,
            reason: None,
            snapshot,
        },
        now,
    )
    .await?;
    store::set_current(&mut tx, round_id, next).await?;
    let change = Change::new("stage.close", "round", round_id)
        .before(json!({ "stage": stage.as_str() }))
        .after(json!({ "stage": next.as_str(), "applicants": applicants }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(StageClosed {
        closed: stage,
        current: next,
        applicants,
    })
}

/// Reopens a closed stage with a written reason. Administrator only. The
/// stage becomes the one in progress again (later stages reopen with it).
pub async fn reopen(
    db: &Db,
    session: &Session,
    round_id: i64,
    stage: Stage,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    session.require(Operation::UnlockStages)?;
    let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
    if reason.chars().count() < 10 {
        return Err(Error::validation(
            "alasan",
            "Tuliskan alasan membuka kembali tahap ini (paling sedikit 10 karakter).",
        ));
    }
    let mut tx = db.pool().begin().await?;
    let round = rounds::get(&mut tx, round_id).await?;
    if round.current_stage <= stage {
        return Err(Error::validation(
            "tahapan",
            format!(
                "Tahap {} pada {} belum ditutup.",
                stage.label().to_lowercase(),
                round.name
            ),
        ));
    }
    store::record(
        &mut tx,
        &NewEvent {
            round_id,
            stage,
            action: "reopen",
            user_id: session.user_id,
            username: &session.username,
            reason: Some(&reason),
            snapshot: None,
        },
        now,
    )
    .await?;
    store::set_current(&mut tx, round_id, stage).await?;
    let change = Change::new("stage.reopen", "round", round_id)
        .before(json!({ "stage": round.current_stage.as_str() }))
        .after(json!({ "stage": stage.as_str(), "reason": reason }));
    audit::record(&mut tx, session, now, change).await?;
    tx.commit().await?;
    Ok(())
}
