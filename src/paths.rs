//! Where the application keeps its data.

use std::path::PathBuf;

/// Identifier of the desktop application; also the name of its data folder.
pub const APP_IDENTIFIER: &str = "id.seleksiadhoc.desktop";

/// File name of the database inside the data folder.
pub const DB_FILE_NAME: &str = "seleksi-adhoc.db";

/// A file of this name (or `portable.txt`) beside the program makes it a
/// portable installation: its data folder is `data/` beside the program,
/// e.g. on a USB drive, instead of the user's.
pub const PORTABLE_MARKER: &str = "portable";

/// The application's data folder: `data/` beside the program when it is
/// portable (see [`PORTABLE_MARKER`]); else the user's application data:
/// `$XDG_DATA_HOME/id.seleksiadhoc.desktop` (usually
/// `~/.local/share/id.seleksiadhoc.desktop`) on Linux,
/// `%APPDATA%\id.seleksiadhoc.desktop` on Windows. The desktop app and the
/// CLI use the same folder.
pub fn data_dir() -> Option<PathBuf> {
    portable_dir().or_else(|| dirs::data_dir().map(|d| d.join(APP_IDENTIFIER)))
}

/// `data/` beside the running program, when a portable marker is there.
fn portable_dir() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let dir = exe.parent()?;
    [PORTABLE_MARKER, "portable.txt"]
        .iter()
        .any(|m| dir.join(m).is_file())
        .then(|| dir.join("data"))
}

/// The database the desktop app uses, and the CLI's default `--db`.
pub fn default_db_path() -> Option<PathBuf> {
    data_dir().map(|d| d.join(DB_FILE_NAME))
}
