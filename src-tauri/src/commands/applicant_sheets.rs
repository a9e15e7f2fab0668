//! Applicants from a spreadsheet: pick the file, preview it through a
//! column mapping, import it with progress; saved mappings.

use adhoc::docs::csv_in::read_file;
use adhoc::domain::permission::Operation;
use adhoc::domain::sheet_mapping::{SavedMapping, SheetMapping};
use adhoc::service::applicant_sheets::{self, SheetChoice, SheetPreview};
use adhoc::service::applicants::{ApplicantImport, ImportProgress};
use adhoc::Error;
use chrono::Utc;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};

use crate::commands::files;
use crate::state::{AppState, CmdResult};

/// A picked file: its name, and its preview with what was proposed.
#[derive(Serialize)]
pub struct PickedSheet {
    pub name: String,
    pub preview: SheetPreview,
}

/// The bytes of the picked file, or why there is none.
fn picked_bytes(state: &AppState) -> CmdResult<Vec<u8>> {
    let path = state
        .picked_sheet()
        .ok_or_else(|| Error::validation("file", "Pilih berkas spreadsheet terlebih dahulu."))?;
    Ok(read_file(&path)?)
}

/// Asks for a spreadsheet (xlsx, xls, ods or csv) and previews it for the
/// round with the mapping proposed (or `saved`); `None` when cancelled.
#[tauri::command]
pub async fn pick_applicant_sheet<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    round_id: i64,
    saved: Option<String>,
    online: Option<bool>,
) -> CmdResult<Option<PickedSheet>> {
    let session = state.session().await?;
    session.require(Operation::RegisterApplicants)?;
    let Some(path) = files::pick(&app, "Spreadsheet", &["xlsx", "xls", "ods", "csv", "txt"])?
    else {
        return Ok(None);
    };
    let bytes = read_file(&path)?;
    let choice = SheetChoice {
        saved,
        online: online.unwrap_or(false),
        ..Default::default()
    };
    let preview = applicant_sheets::preview(
        &state.db()?,
        &session,
        round_id,
        &bytes,
        &choice,
        Utc::now(),
    )
    .await?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    state.set_picked_sheet(Some(path));
    Ok(Some(PickedSheet { name, preview }))
}

/// The picked file previewed again with the sheet and mapping chosen.
#[tauri::command]
pub async fn preview_applicant_sheet(
    state: State<'_, AppState>,
    round_id: i64,
    choice: SheetChoice,
) -> CmdResult<SheetPreview> {
    let session = state.session().await?;
    let bytes = picked_bytes(&state)?;
    Ok(applicant_sheets::preview(
        &state.db()?,
        &session,
        round_id,
        &bytes,
        &choice,
        Utc::now(),
    )
    .await?)
}

/// Imports the picked file with the sheet and mapping chosen, all or
/// nothing, reporting progress on `on_progress`.
#[tauri::command]
pub async fn import_applicant_sheet(
    state: State<'_, AppState>,
    round_id: i64,
    choice: SheetChoice,
    on_progress: Channel<ImportProgress>,
) -> CmdResult<ApplicantImport> {
    let session = state.session().await?;
    let bytes = picked_bytes(&state)?;
    let report = applicant_sheets::import(
        &state.db()?,
        &session,
        round_id,
        &bytes,
        &choice,
        Utc::now(),
        &mut |p| {
            // A closed window stops listening; the import goes on.
            let _ = on_progress.send(p);
        },
    )
    .await?;
    if report.is_stored() {
        state.set_picked_sheet(None);
    }
    Ok(report)
}

#[tauri::command]
pub async fn list_sheet_mappings(state: State<'_, AppState>) -> CmdResult<Vec<SavedMapping>> {
    let session = state.session().await?;
    Ok(applicant_sheets::mappings(&state.db()?, &session).await?)
}

/// Saves `mapping` under `name` by the headers of the file's columns.
#[tauri::command]
pub async fn save_sheet_mapping(
    state: State<'_, AppState>,
    name: String,
    mapping: SheetMapping,
    headers: Vec<String>,
) -> CmdResult<SavedMapping> {
    let session = state.session().await?;
    Ok(applicant_sheets::save_mapping(
        &state.db()?,
        &session,
        &name,
        &mapping,
        &headers,
        Utc::now(),
    )
    .await?)
}

#[tauri::command]
pub async fn delete_sheet_mapping(state: State<'_, AppState>, name: String) -> CmdResult<()> {
    let session = state.session().await?;
    Ok(applicant_sheets::delete_mapping(&state.db()?, &session, &name, Utc::now()).await?)
}
