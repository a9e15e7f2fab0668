//! The native open and save dialogs the commands use.

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
    app.dialog()
        .file()
        .add_filter(filter, extensions)
        .set_file_name(name)
        .blocking_save_file()
        .map(|f| f.into_path().map_err(|e| Error::Internal(e.to_string())))
        .transpose()
}
