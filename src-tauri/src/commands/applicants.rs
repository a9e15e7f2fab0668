//! The help desk: live check, register, edit, withdraw, find; bulk import
//! with progress and its problem report.

use adhoc::docs::csv_in::read_file;
use adhoc::docs::problems::{write_problems, Problems};
use adhoc::domain::permission::Operation;
use adhoc::domain::registration::RegistrationDraft;
use adhoc::pdf::Paper;
use adhoc::service::applicants::{self, ApplicantImport, ImportProgress};
use adhoc::service::regions::{self, KecamatanOption};
use adhoc::service::registration::{
    self, ApplicantDetail, ApplicantPage, ApplicantQuery, RegistrationCheck, RegistrationResult,
};
use adhoc::Error;
use chrono::Utc;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};

use crate::commands::files;
use crate::state::{AppState, CmdResult};

/// The kecamatan and desa/kelurahan of the kabupaten, for the pickers.
#[tauri::command]
pub async fn list_regions(state: State<'_, AppState>) -> CmdResult<Vec<KecamatanOption>> {
    state.session().await?;
    Ok(regions::regions(&state.db()?).await?)
}

#[tauri::command]
pub async fn check_registration(
    state: State<'_, AppState>,
    round_id: i64,
    draft: RegistrationDraft,
    editing: Option<i64>,
) -> CmdResult<RegistrationCheck> {
    let session = state.session().await?;
    Ok(registration::check(
        &state.db()?,
        &session,
        round_id,
        &draft,
        editing,
        Utc::now(),
    )
    .await?)
}

#[tauri::command]
pub async fn register_applicant(
    state: State<'_, AppState>,
    round_id: i64,
    draft: RegistrationDraft,
) -> CmdResult<RegistrationResult> {
    let session = state.session().await?;
    Ok(registration::register(&state.db()?, &session, round_id, &draft, Utc::now()).await?)
}

#[tauri::command]
pub async fn update_applicant(
    state: State<'_, AppState>,
    id: i64,
    draft: RegistrationDraft,
) -> CmdResult<RegistrationResult> {
    let session = state.session().await?;
    Ok(registration::update(&state.db()?, &session, id, &draft, Utc::now()).await?)
}

#[tauri::command]
pub async fn withdraw_applicant(
    state: State<'_, AppState>,
    id: i64,
    reason: String,
) -> CmdResult<()> {
    let session = state.session().await?;
    Ok(registration::withdraw(&state.db()?, &session, id, &reason, Utc::now()).await?)
}

#[tauri::command]
pub async fn applicant_detail(state: State<'_, AppState>, id: i64) -> CmdResult<ApplicantDetail> {
    let session = state.session().await?;
    Ok(registration::detail(&state.db()?, &session, id, Utc::now()).await?)
}

#[tauri::command]
pub async fn list_applicants(
    state: State<'_, AppState>,
    query: ApplicantQuery,
) -> CmdResult<ApplicantPage> {
    let session = state.session().await?;
    Ok(registration::list(&state.db()?, &session, &query).await?)
}

/// The standings an applicant can have, with their labels (the list's
/// filter).
#[tauri::command]
pub async fn standing_options(
    state: State<'_, AppState>,
) -> CmdResult<Vec<adhoc::domain::standing::StandingOption>> {
    state.session().await?;
    Ok(adhoc::domain::standing::options())
}

/// Asks for a CSV file and imports it into the round, reporting progress on
/// `on_progress`; `None` when the user cancelled.
#[tauri::command]
pub async fn import_applicants<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    round_id: i64,
    on_progress: Channel<ImportProgress>,
) -> CmdResult<Option<ApplicantImport>> {
    let session = state.session().await?;
    session.require(Operation::RegisterApplicants)?;
    let Some(path) = files::pick(&app, "CSV", &["csv", "txt"])? else {
        return Ok(None);
    };
    let bytes = read_file(&path)?;
    let report = applicants::import_reporting(
        &state.db()?,
        &session,
        round_id,
        &bytes,
        Utc::now(),
        &mut |p| {
            // A closed window stops listening; the import goes on.
            let _ = on_progress.send(p);
        },
    )
    .await?;
    Ok(Some(report))
}

/// Asks where to save, then writes the problems of a refused import as CSV
/// (those listed, and a last row saying how many more there were).
/// Returns whether a file was written.
#[tauri::command]
pub async fn save_import_problems<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    problems: Problems,
) -> CmdResult<bool> {
    state.session().await?;
    let Some(path) = files::save_as(&app, "CSV", &["csv"], "masalah-impor.csv")? else {
        return Ok(false);
    };
    let file = std::fs::File::create(&path).map_err(Error::from)?;
    write_problems(&problems, std::io::BufWriter::new(file))?;
    Ok(true)
}

/// Asks where to save the registration receipt, writes the PDF and opens it
/// in the system's PDF viewer. `None` when cancelled.
#[tauri::command]
pub async fn save_receipt<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
) -> CmdResult<Option<files::Written>> {
    let session = state.session().await?;
    let (name, bytes) =
        registration::receipt_pdf(&state.db()?, &session, id, Paper::A4, Utc::now()).await?;
    Ok(files::save_pdf(&app, name, &bytes)?)
}

/// Prints the registration receipt: writes it to `cetak/` beside the
/// database (replacing an earlier copy) and opens it in the system's PDF
/// viewer, whose print command prints it. No dialog asks where.
#[tauri::command]
pub async fn print_receipt(state: State<'_, AppState>, id: i64) -> CmdResult<files::Written> {
    let session = state.session().await?;
    let db = state.db()?;
    let (name, bytes) = registration::receipt_pdf(&db, &session, id, Paper::A4, Utc::now()).await?;
    let dir = files::print_dir(db.path());
    Ok(files::write_and_open(&dir.join(name), &bytes)?)
}
