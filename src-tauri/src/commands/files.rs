//! The native open and save dialogs the commands use.
//!
//! End-to-end tests cannot drive a native dialog through WebDriver, so two
//! environment variables stand in for the user's choice: `ADHOC_SAVE_DIR`
//! (save under the suggested name in that folder, and do not open the
//! file afterwards) and `ADHOC_PICK_FILE` (the file picked).
//!
//! Only debug builds read them: those are what the tests drive (`make e2e`
//! builds with `cargo build` and tests/e2e/conftest.py starts
//! `target/debug/seleksi-adhoc`; the shell's tests run in the test
//! profile). A published program (`make dist`: the `dist` profile, which
//! inherits `release`) has no debug assertions, so nobody who can set a
//! variable in a user's session can choose which file it reads or where
//! it writes.

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
    if let Some(file) = test_hook("ADHOC_PICK_FILE") {
        return Ok(Some(file));
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
    let dialog = app
        .dialog()
        .file()
        .add_filter(filter, extensions)
        .set_file_name(name);
    // Not the program's working folder: the user's Documents (or home).
    let dialog = match dirs::document_dir().or_else(dirs::home_dir) {
        Some(dir) => dialog.set_directory(dir),
        None => dialog,
    };
    dialog
        .blocking_save_file()
        .map(|f| f.into_path().map_err(|e| Error::Internal(e.to_string())))
        .transpose()
}

/// A file written and handed to the system's viewer: where it is, and why
/// it could not be opened when it could not.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Written {
    pub path: String,
    /// Why the viewer could not be started (the file is written).
    pub not_opened: Option<String>,
}

/// The folder for files written to be printed: `cetak/` beside the
/// database, private like the data (a receipt names the applicant).
pub fn print_dir(db_path: &std::path::Path) -> PathBuf {
    let dir = db_path
        .parent()
        .unwrap_or_else(|| std::path::Path::new("."))
        .join("cetak");
    let _ = adhoc::private::dir(&dir);
    dir
}

/// Writes `bytes` to `path` and opens it in the system's viewer.
pub fn write_and_open(path: &std::path::Path, bytes: &[u8]) -> Result<Written, Error> {
    std::fs::write(path, bytes).map_err(|e| Error::io_at("menyimpan", path, e))?;
    Ok(Written {
        path: path.display().to_string(),
        not_opened: crate::open_file(path).err(),
    })
}

/// Asks where to save a PDF (suggesting `name`), writes `bytes` there and
/// opens it; `None` when the user cancelled.
pub fn save_pdf<R: Runtime>(
    app: &AppHandle<R>,
    name: impl Into<String>,
    bytes: &[u8],
) -> Result<Option<Written>, Error> {
    let Some(path) = save_as(app, "PDF", &["pdf"], name)? else {
        return Ok(None);
    };
    write_and_open(&path, bytes).map(Some)
}

/// The folder that stands in for the save dialog in end-to-end tests.
pub fn save_dir() -> Option<PathBuf> {
    test_hook("ADHOC_SAVE_DIR")
}

/// Whether this build reads the test hooks (see the module's comment).
const TEST_HOOKS: bool = cfg!(debug_assertions);

/// The path a test hook gives, in a build for tests only.
fn test_hook(name: &str) -> Option<PathBuf> {
    hook_of(name, TEST_HOOKS)
}

fn hook_of(name: &str, enabled: bool) -> Option<PathBuf> {
    if !enabled {
        return None;
    }
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A published program (no debug assertions: `make dist`, any release
    /// build) reads neither variable. Run with
    /// `cargo test -p adhoc-desktop --lib --config 'profile.dev.package.adhoc-desktop.debug-assertions=false'`.
    #[cfg(not(debug_assertions))]
    #[test]
    fn a_published_build_ignores_the_test_hooks() {
        std::env::set_var("ADHOC_SAVE_DIR", "/tmp");
        std::env::set_var("ADHOC_PICK_FILE", "/etc/passwd");
        assert!(!TEST_HOOKS);
        assert_eq!(save_dir(), None);
        assert_eq!(test_hook("ADHOC_PICK_FILE"), None);
    }

    #[test]
    fn a_hook_is_read_only_where_enabled() {
        let name = "ADHOC_TEST_HOOK_PROBE";
        std::env::set_var(name, "/tmp/dipilih.csv");
        assert_eq!(hook_of(name, false), None);
        assert_eq!(hook_of(name, true), Some(PathBuf::from("/tmp/dipilih.csv")));
        std::env::set_var(name, "");
        assert_eq!(hook_of(name, true), None);
        assert_eq!(TEST_HOOKS, cfg!(debug_assertions));
    }
}
