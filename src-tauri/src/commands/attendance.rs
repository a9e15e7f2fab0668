//! Attendance at the written test: the counts and records, a number typed
//! or scanned, absent by hand, an undo, closing a session, and the daftar
//! hadir and Berita Acara as PDF (save dialog, then the system's viewer).

use adhoc::pdf::Paper;
use adhoc::service::seating::{self, AttendanceClosed, AttendanceView, ClosingPreview, ScanAnswer};
use chrono::Utc;
use tauri::{AppHandle, Runtime, State};

use crate::commands::files;
use crate::state::{AppState, CmdResult};

#[tauri::command]
pub async fn test_attendance(
    state: State<'_, AppState>,
    round_id: i64,
) -> CmdResult<AttendanceView> {
    let session = state.session().await?;
    Ok(seating::attendance(&state.db()?, &session, round_id).await?)
}

/// A number typed or scanned: the participant to confirm, or the refusal.
#[tauri::command]
pub async fn record_attendance(
    state: State<'_, AppState>,
    round_id: i64,
    number: String,
) -> CmdResult<ScanAnswer> {
    let session = state.session().await?;
    Ok(seating::record_present(&state.db()?, &session, round_id, &number, Utc::now()).await?)
}

#[tauri::command]
pub async fn mark_participant_absent(
    state: State<'_, AppState>,
    round_id: i64,
    number: String,
    reason: String,
) -> CmdResult<()> {
    let session = state.session().await?;
    Ok(seating::mark_absent(
        &state.db()?,
        &session,
        round_id,
        &number,
        &reason,
        Utc::now(),
    )
    .await?)
}

#[tauri::command]
pub async fn undo_attendance(
    state: State<'_, AppState>,
    round_id: i64,
    number: String,
    reason: String,
) -> CmdResult<()> {
    let session = state.session().await?;
    Ok(seating::undo_attendance(
        &state.db()?,
        &session,
        round_id,
        &number,
        &reason,
        Utc::now(),
    )
    .await?)
}

#[tauri::command]
pub async fn attendance_closing_preview(
    state: State<'_, AppState>,
    round_id: i64,
    session_id: Option<i64>,
) -> CmdResult<ClosingPreview> {
    let session = state.session().await?;
    Ok(seating::closing_preview(&state.db()?, &session, round_id, session_id).await?)
}

#[tauri::command]
pub async fn close_attendance(
    state: State<'_, AppState>,
    round_id: i64,
    session_id: Option<i64>,
) -> CmdResult<AttendanceClosed> {
    let session = state.session().await?;
    Ok(seating::close_attendance(&state.db()?, &session, round_id, session_id, Utc::now()).await?)
}

/// The daftar hadir (one room and/or session, or all); `None` if cancelled.
#[tauri::command]
pub async fn export_attendance_list<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    round_id: i64,
    room_id: Option<i64>,
    session_id: Option<i64>,
    paper: String,
) -> CmdResult<Option<files::Written>> {
    let session = state.session().await?;
    let doc = seating::attendance_list_pdf(
        &state.db()?,
        &session,
        round_id,
        room_id,
        session_id,
        Paper::parse(&paper)?,
    )
    .await?;
    Ok(files::save_pdf(&app, doc.file, &doc.bytes)?)
}

/// The Berita Acara Pelaksanaan Tes Tertulis; `None` if cancelled.
#[tauri::command]
pub async fn export_attendance_report<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    round_id: i64,
    paper: String,
    number: Option<String>,
) -> CmdResult<Option<files::Written>> {
    let session = state.session().await?;
    let doc = seating::attendance_report_pdf(
        &state.db()?,
        &session,
        round_id,
        Paper::parse(&paper)?,
        number.as_deref(),
        Utc::now(),
    )
    .await?;
    Ok(files::save_pdf(&app, doc.file, &doc.bytes)?)
}
