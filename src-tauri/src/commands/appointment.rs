//! Appointment (penunjukan) for the seats left empty after the extensions,
//! and where every unit stands.

use adhoc::service::appointment::{self, AppointmentInput, SeatHolderView, UnitSituation};
use chrono::Utc;
use tauri::State;

use crate::state::{AppState, CmdResult};

/// Every unit's situation and next step (extensions, appointment).
#[tauri::command]
pub async fn unit_situations(
    state: State<'_, AppState>,
    round_id: i64,
) -> CmdResult<Vec<UnitSituation>> {
    let session = state.session().await?;
    Ok(appointment::unit_situations(&state.db()?, &session, round_id, Utc::now()).await?)
}

/// The round's seat holders (appointed and kept members).
#[tauri::command]
pub async fn seat_holders(
    state: State<'_, AppState>,
    round_id: i64,
) -> CmdResult<Vec<SeatHolderView>> {
    let session = state.session().await?;
    Ok(appointment::seat_holders(&state.db()?, &session, round_id).await?)
}

/// Appoints a person to an empty seat (Pimpinan).
#[tauri::command]
pub async fn appoint_member(
    state: State<'_, AppState>,
    round_id: i64,
    input: AppointmentInput,
) -> CmdResult<SeatHolderView> {
    let session = state.session().await?;
    Ok(appointment::appoint(&state.db()?, &session, round_id, &input, Utc::now()).await?)
}

/// Cancels a wrong appointment with a reason (Pimpinan).
#[tauri::command]
pub async fn cancel_appointment(
    state: State<'_, AppState>,
    round_id: i64,
    holder_id: i64,
    reason: String,
) -> CmdResult<()> {
    let session = state.session().await?;
    Ok(appointment::cancel_appointment(
        &state.db()?,
        &session,
        round_id,
        holder_id,
        &reason,
        Utc::now(),
    )
    .await?)
}
