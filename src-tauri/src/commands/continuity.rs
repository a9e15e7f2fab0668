//! Continuity between elections: keeping members of an earlier round, the
//! evaluation of members during the term, and a person's history by NIK.

use adhoc::domain::continuity::{Evaluation, MemberRef};
use adhoc::service::continuity::history::{self, PersonHistory};
use adhoc::service::continuity::takeover::{self, KeepInput, Takeover};
use adhoc::service::continuity::term::{self, MemberTerm, ReportInput};
use adhoc::service::continuity::{self, Member};
use chrono::Utc;
use tauri::State;

use crate::state::{AppState, CmdResult};

/// The takeover screen of a round, with an earlier round's members when
/// one is chosen.
#[tauri::command]
pub async fn takeover_view(
    state: State<'_, AppState>,
    round_id: i64,
    from_round_id: Option<i64>,
) -> CmdResult<Takeover> {
    let session = state.session().await?;
    Ok(takeover::view(&state.db()?, &session, round_id, from_round_id).await?)
}

/// Keeps members of an earlier round (Pimpinan), all or none.
#[tauri::command]
pub async fn keep_members(
    state: State<'_, AppState>,
    round_id: i64,
    input: KeepInput,
) -> CmdResult<Takeover> {
    let session = state.session().await?;
    Ok(takeover::keep(&state.db()?, &session, round_id, &input, Utc::now()).await?)
}

/// Cancels a kept member with a reason (Pimpinan).
#[tauri::command]
pub async fn cancel_kept_member(
    state: State<'_, AppState>,
    holder_id: i64,
    reason: String,
) -> CmdResult<Takeover> {
    let session = state.session().await?;
    Ok(takeover::cancel(&state.db()?, &session, holder_id, &reason, Utc::now()).await?)
}

/// The members of a round now, with reports and evaluations.
#[tauri::command]
pub async fn round_members(state: State<'_, AppState>, round_id: i64) -> CmdResult<Vec<Member>> {
    let session = state.session().await?;
    Ok(continuity::members(&state.db()?, &session, round_id).await?)
}

/// One member's monthly reports and end-of-term evaluation.
#[tauri::command]
pub async fn member_term(
    state: State<'_, AppState>,
    round_id: i64,
    member: MemberRef,
) -> CmdResult<MemberTerm> {
    let session = state.session().await?;
    Ok(term::member_term(&state.db()?, &session, round_id, member).await?)
}

/// Records a monthly report (the help desk).
#[tauri::command]
pub async fn record_member_report(
    state: State<'_, AppState>,
    round_id: i64,
    input: ReportInput,
) -> CmdResult<MemberTerm> {
    let session = state.session().await?;
    Ok(term::record_report(&state.db()?, &session, round_id, &input, Utc::now()).await?)
}

/// Records the end-of-term evaluation (Pimpinan).
#[tauri::command]
pub async fn evaluate_member(
    state: State<'_, AppState>,
    round_id: i64,
    member: MemberRef,
    evaluation: Evaluation,
) -> CmdResult<MemberTerm> {
    let session = state.session().await?;
    Ok(term::evaluate_end(
        &state.db()?,
        &session,
        round_id,
        member,
        &evaluation,
        Utc::now(),
    )
    .await?)
}

/// A person's history by NIK across rounds.
#[tauri::command]
pub async fn person_history(state: State<'_, AppState>, nik: String) -> CmdResult<PersonHistory> {
    let session = state.session().await?;
    Ok(history::person(&state.db()?, &session, &nik).await?)
}
