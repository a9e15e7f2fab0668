//! Where the application keeps its data.

use std::path::PathBuf;

/// Identifier of the desktop application; also the name of its data folder.
pub const APP_IDENTIFIER: &str = "id.seleksiadhoc.desktop";

/// File name of the database inside the data folder.
pub const DB_FILE_NAME: &str = "seleksi-adhoc.db";

/// The application's data folder: `$XDG_DATA_HOME/id.seleksiadhoc.desktop`
/// (usually `~/.local/share/id.seleksiadhoc.desktop`) on Linux. The desktop
/// app and the CLI use the same folder.
pub fn data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER))
}

/// The database the desktop app uses, and the CLI's default `--db`.
pub fn default_db_path() -> Option<PathBuf> {
    data_dir().map(|d| d.join(DB_FILE_NAME))
}
