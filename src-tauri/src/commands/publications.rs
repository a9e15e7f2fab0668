//! The commission's official documents: which a round has, exporting one
//! as PDF (save dialog, then the system's PDF viewer), and their settings:
//! kop, logo, signatories, numbering templates and texts.

use adhoc::domain::permission::Operation;
use adhoc::domain::publication::{NumberingPreview, PublicationKind, Texts};
use adhoc::pdf::Paper;
use adhoc::service::publications::{
    self, KindTexts, Placeholder, PublicationItem, PublicationRequest, PublicationSettings,
};
use base64::Engine;
use chrono::Utc;
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};

use crate::commands::files;
use crate::state::{AppState, CmdResult};

/// Every document kind of a round and whether it can be made now.
#[tauri::command]
pub async fn publication_list(
    state: State<'_, AppState>,
    round_id: i64,
) -> CmdResult<Vec<PublicationItem>> {
    let session = state.session().await?;
    Ok(publications::list(&state.db()?, &session, round_id).await?)
}

/// Makes a document, asks where to save it, writes it and opens it.
/// `None` when the save dialog was cancelled.
#[tauri::command]
pub async fn export_publication<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    round_id: i64,
    kind: PublicationKind,
    unit: Option<String>,
    paper: String,
    number: Option<String>,
) -> CmdResult<Option<files::Written>> {
    let session = state.session().await?;
    let req = PublicationRequest {
        kind,
        unit: unit.filter(|u| !u.trim().is_empty()),
        paper: Paper::parse(&paper)?,
        number,
        signer: None,
    };
    let made = publications::make(&state.db()?, &session, round_id, &req, Utc::now()).await?;
    Ok(files::save_pdf(&app, made.file, &made.bytes)?)
}

/// The settings of the documents, the logo as a data URL for the preview,
/// and the placeholders the texts may use.
#[derive(Debug, Clone, Serialize)]
pub struct PublicationSettingsView {
    pub settings: PublicationSettings,
    pub logo: Option<String>,
    pub placeholders: Vec<Placeholder>,
    /// Whether this user may change them (Administrator).
    pub editable: bool,
}

#[tauri::command]
pub async fn publication_settings(
    state: State<'_, AppState>,
) -> CmdResult<PublicationSettingsView> {
    let session = state.session().await?;
    let db = &state.db()?;
    let logo = publications::logo(db, &session)
        .await?
        .map(|(media, bytes)| {
            format!(
                "data:{media};base64,{}",
                base64::engine::general_purpose::STANDARD.encode(bytes)
            )
        });
    Ok(PublicationSettingsView {
        settings: publications::settings(db, &session).await?,
        logo,
        placeholders: publications::placeholders(),
        editable: session.require(Operation::ManageRounds).is_ok(),
    })
}

/// A numbering template's first number this year and what is wrong with
/// it, while it is typed.
#[tauri::command]
pub async fn preview_numbering(
    state: State<'_, AppState>,
    template: String,
) -> CmdResult<NumberingPreview> {
    let session = state.session().await?;
    Ok(publications::preview_numbering(&state.db()?, &session, &template, Utc::now()).await?)
}

/// Saves the kop, signatories and numbering templates (Administrator).
#[tauri::command]
pub async fn save_publication_settings(
    state: State<'_, AppState>,
    settings: PublicationSettings,
) -> CmdResult<PublicationSettings> {
    let session = state.session().await?;
    Ok(publications::save_settings(&state.db()?, &session, &settings, Utc::now()).await?)
}

/// Asks for a PNG or JPEG and makes it the kop's logo (Administrator).
/// `false` when the file dialog was cancelled.
#[tauri::command]
pub async fn upload_logo<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<bool> {
    let session = state.session().await?;
    session.require(Operation::ManageRounds)?;
    let Some(path) = files::pick(&app, "Gambar logo (PNG, JPG)", &["png", "jpg", "jpeg"])? else {
        return Ok(false);
    };
    let bytes = adhoc::bounded_read::read_file(&path, &adhoc::pdf::logo::LIMIT)?;
    publications::set_logo(&state.db()?, &session, &bytes, Utc::now()).await?;
    Ok(true)
}

/// Removes the logo: the kop is printed as text (Administrator).
#[tauri::command]
pub async fn remove_logo(state: State<'_, AppState>) -> CmdResult<()> {
    let session = state.session().await?;
    Ok(publications::remove_logo(&state.db()?, &session, Utc::now()).await?)
}

/// The texts of every document kind, with their defaults.
#[tauri::command]
pub async fn publication_texts(state: State<'_, AppState>) -> CmdResult<Vec<KindTexts>> {
    let session = state.session().await?;
    Ok(publications::texts(&state.db()?, &session).await?)
}

/// Saves the texts of a kind (Administrator).
#[tauri::command]
pub async fn save_publication_texts(
    state: State<'_, AppState>,
    kind: PublicationKind,
    texts: Texts,
) -> CmdResult<()> {
    let session = state.session().await?;
    Ok(publications::save_texts(&state.db()?, &session, kind, &texts, Utc::now()).await?)
}

/// Back to the default texts of a kind (Administrator).
#[tauri::command]
pub async fn reset_publication_texts(
    state: State<'_, AppState>,
    kind: PublicationKind,
) -> CmdResult<()> {
    let session = state.session().await?;
    Ok(publications::reset_texts(&state.db()?, &session, kind, Utc::now()).await?)
}
