//! The native open and save dialogs the commands use.
//!
//! End-to-end tests cannot drive a native dialog through WebDriver, so two
//! environment variables stand in for the user's choice: `ADHOC_SAVE_DIR`
//! (save under the suggested name in that folder, and do not open the
//! file afterwards) and `ADHOC_PICK_FILE` (the file picked).

use std::path::PathBuf;

use adhoc::Error;
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

/// Asks for a file to read; `None` when the user cancelled.
pub fn pick<R: Runtime>(
    app: &AppHandle<R>,
    filter: &str,
    extensions: &[&str],
) -> Result<Option<PathBuf>, Error> {
    if let Some(file) = std::env::var_os("ADHOC_PICK_FILE") {
        return Ok(Some(PathBuf::from(file)));
    }
    app.dialog()
        .file()
        .add_filter(filter, extensions)
        .blocking_pick_file()
        .map(|f| f.into_path().map_err(|e| Error::Internal(e.to_string())))
        .transpose()
}

/// Asks where to save, suggesting `name`; `None` when the user cancelled.
pub fn save_as<R: Runtime>(
    app: &AppHandle<R>,
    filter: &str,
    extensions: &[&str],
    name: impl Into<String>,
) -> Result<Option<PathBuf>, Error> {
    let name = name.into();
    if let Some(dir) = save_dir() {
        return Ok(Some(dir.join(name)));
    }
    app.dialog()
        .file()
        .add_filter(filter, extensions)
        .set_file_name(name)
        .blocking_save_file()
        .map(|f| f.into_path().map_err(|e| Error::Internal(e.to_string())))
        .transpose()
}

/// The folder that stands in for the save dialog in end-to-end tests.
pub fn save_dir() -> Option<PathBuf> {
    std::env::var_os("ADHOC_SAVE_DIR").map(PathBuf::from)
}

/// Asks for a folder (a USB drive, say); `None` when the user cancelled.
/// In end-to-end tests `ADHOC_SAVE_DIR` is the folder picked.
pub fn pick_folder<R: Runtime>(app: &AppHandle<R>) -> Result<Option<PathBuf>, Error> {
    if let Some(dir) = save_dir() {
        return Ok(Some(dir));
    }
    app.dialog()
        .file()
        .blocking_pick_folder()
        .map(|f| f.into_path().map_err(|e| Error::Internal(e.to_string())))
        .transpose()
}
