//! Penelitian administrasi: the verifier's screen.

use adhoc::domain::verification::{AdminVerdict, DocVerdict};
use adhoc::service::scans::{self, Attachment};
use adhoc::service::verification::{
    self, RequirementInput, RequirementList, UnitProgress, VerificationView,
};
use chrono::Utc;
use tauri::{AppHandle, Runtime, State};

use crate::commands::files;
use crate::state::{AppState, CmdResult};

#[tauri::command]
pub async fn verification_view(state: State<'_, AppState>, id: i64) -> CmdResult<VerificationView> {
    let session = state.session().await?;
    Ok(verification::view(&state.db()?, &session, id, Utc::now()).await?)
}

/// Records one document's verdict and returns the file as it now stands.
#[tauri::command]
pub async fn record_document_check(
    state: State<'_, AppState>,
    applicant_id: i64,
    code: String,
    verdict: DocVerdict,
    reason: String,
) -> CmdResult<VerificationView> {
    let session = state.session().await?;
    let db = &state.db()?;
    let now = Utc::now();
    verification::record(db, &session, applicant_id, &code, verdict, &reason, now).await?;
    Ok(verification::view(db, &session, applicant_id, now).await?)
}

#[tauri::command]
pub async fn set_admin_override(
    state: State<'_, AppState>,
    applicant_id: i64,
    verdict: Option<AdminVerdict>,
    reason: String,
) -> CmdResult<VerificationView> {
    let session = state.session().await?;
    let db = &state.db()?;
    let now = Utc::now();
    verification::set_override(db, &session, applicant_id, verdict, &reason, now).await?;
    Ok(verification::view(db, &session, applicant_id, now).await?)
}

#[tauri::command]
pub async fn set_needs_fix(
    state: State<'_, AppState>,
    applicant_id: i64,
    needs_fix: bool,
    note: String,
) -> CmdResult<VerificationView> {
    let session = state.session().await?;
    let db = &state.db()?;
    let now = Utc::now();
    verification::set_needs_fix(db, &session, applicant_id, needs_fix, &note, now).await?;
    Ok(verification::view(db, &session, applicant_id, now).await?)
}

#[tauri::command]
pub async fn verification_progress(
    state: State<'_, AppState>,
    round_id: i64,
) -> CmdResult<Vec<UnitProgress>> {
    let session = state.session().await?;
    Ok(verification::progress(&state.db()?, &session, round_id, Utc::now()).await?)
}

/// The next file with an unchecked document after `after` (wrapping).
#[tauri::command]
pub async fn next_unchecked(
    state: State<'_, AppState>,
    round_id: i64,
    after: Option<i64>,
) -> CmdResult<Option<i64>> {
    let session = state.session().await?;
    Ok(verification::next_unchecked(&state.db()?, &session, round_id, after).await?)
}

/// Asks for a scan (PDF, JPG, PNG) and attaches it to one document;
/// `None` when the user cancelled.
#[tauri::command]
pub async fn attach_scan<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    applicant_id: i64,
    code: String,
) -> CmdResult<Option<Attachment>> {
    let session = state.session().await?;
    let Some(path) = files::pick(
        &app,
        "Pindaian (PDF, JPG, PNG)",
        &["pdf", "jpg", "jpeg", "png"],
    )?
    else {
        return Ok(None);
    };
    // Never more than the limit is read, whatever size the file reports.
    let bytes = scans::read_picked(&path)?;
    let name = path.display().to_string();
    Ok(Some(
        scans::attach(
            &state.db()?,
            &session,
            applicant_id,
            &code,
            &name,
            &bytes,
            Utc::now(),
        )
        .await?,
    ))
}

#[tauri::command]
pub async fn list_scans(
    state: State<'_, AppState>,
    applicant_id: i64,
) -> CmdResult<Vec<Attachment>> {
    let session = state.session().await?;
    Ok(scans::list(&state.db()?, &session, applicant_id).await?)
}

/// Opens a stored scan (checked against its hash) in the system's viewer;
/// says why when no viewer could be started.
#[tauri::command]
pub async fn open_scan(state: State<'_, AppState>, sha256: String) -> CmdResult<Option<String>> {
    let session = state.session().await?;
    let (path, _) = scans::file(&state.db()?, &session, &sha256).await?;
    Ok(crate::open_file(&path).err())
}

#[tauri::command]
pub async fn requirement_list(
    state: State<'_, AppState>,
    round_id: i64,
) -> CmdResult<RequirementList> {
    let session = state.session().await?;
    Ok(verification::requirement_list(&state.db()?, &session, round_id).await?)
}

/// Adds or changes one document requirement (Administrator, before the
/// first verdict); returns the list as it now stands.
#[tauri::command]
pub async fn save_requirement(
    state: State<'_, AppState>,
    round_id: i64,
    input: RequirementInput,
) -> CmdResult<RequirementList> {
    let session = state.session().await?;
    Ok(
        verification::save_requirement(&state.db()?, &session, round_id, &input, Utc::now())
            .await?,
    )
}

/// A stored image scan (JPG, PNG) as a `data:` URL to show in the app;
/// `None` for a PDF, which opens in the system's viewer (`open_scan`).
#[tauri::command]
pub async fn scan_image(state: State<'_, AppState>, sha256: String) -> CmdResult<Option<String>> {
    use base64::Engine as _;
    let session = state.session().await?;
    let (bytes, kind) = scans::bytes(&state.db()?, &session, &sha256).await?;
    if kind == adhoc::domain::scan::ScanKind::Pdf {
        return Ok(None);
    }
    Ok(Some(format!(
        "data:{};base64,{}",
        kind.media_type(),
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )))
}
