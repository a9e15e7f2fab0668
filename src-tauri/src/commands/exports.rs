//! Exporting a list shown on screen (applicants, a stage's results, the
//! quota recap, party-list hits, the audit trail) as an Excel workbook or
//! CSV, to a file the user chooses.

use adhoc::docs::lists::ExportFormat;
use adhoc::service::exports::{self, ExportedList, ListRequest};
use adhoc::Error;
use chrono::Utc;
use tauri::{AppHandle, Runtime, State};

use crate::commands::files;
use crate::state::{AppState, CmdResult};

/// Builds the list (the core checks the role and refuses a list too long
/// for the format) before asking where to save it, suggesting its name;
/// then writes it. `None` when the user cancelled.
#[tauri::command]
pub async fn export_list<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    list: ListRequest,
    format: ExportFormat,
) -> CmdResult<Option<ExportedList>> {
    let session = state.session().await?;
    let db = state.db()?;
    let export = exports::prepare(&db, &session, list, format, Utc::now()).await?;
    let Some(path) = files::save_as(
        &app,
        format.label(),
        &[format.extension()],
        export.file_name(),
    )?
    else {
        return Ok(None);
    };
    let file = std::fs::File::create(&path).map_err(|e| Error::io_at("menulis", &path, e))?;
    let rows = exports::save(
        &db,
        &session,
        &export,
        std::io::BufWriter::new(file),
        Utc::now(),
    )
    .await?;
    Ok(Some(ExportedList {
        rows: u32::try_from(rows).unwrap_or(u32::MAX),
        path: path.display().to_string(),
    }))
}
