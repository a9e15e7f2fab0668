//! Personal data at rest is readable by its owner only: the folders the
//! app makes (data, `cadangan/`, `berkas/`) are 0700 and the files it writes
//! (database, its WAL, backups, manifests, scans) 0600 on Unix, whatever
//! the umask. SQLite gives a database's `-wal` and `-shm` files the mode of
//! the database file, so the database is made 0600 before SQLite opens it.
//!
//! On Windows a file takes the access rules of its folder: the data folder
//! is in the user's profile (`%LOCALAPPDATA%`), which other ordinary
//! accounts cannot read, so nothing is changed there. A folder the user
//! chose (`--db` elsewhere, a USB drive) keeps its own rules on both.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// Creates `dir` (and missing parents) for the owner only. A folder that
/// already exists is left as it is: it may be the user's own (their home,
/// a USB drive), whose access is theirs to decide.
pub fn dir(dir: &Path) -> io::Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Creates (or truncates) a file for writing, readable by the owner only.
pub fn create(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path)?;
    // A file that existed keeps its mode through `open`: set it.
    restrict(path)?;
    Ok(file)
}

/// Writes `bytes` to a new file readable by the owner only.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    io::Write::write_all(&mut create(path)?, bytes)
}

/// Makes an existing file readable by its owner only (written by someone
/// else, e.g. SQLite's `VACUUM INTO`, or by an older version of the app).
pub fn restrict(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)?.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & 0o700))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn what_the_app_makes_is_the_owners_only_and_a_folder_it_finds_is_left_alone() {
        let t = tempfile::tempdir().unwrap();
        let made = t.path().join("data").join("cadangan");
        dir(&made).unwrap();
        assert_eq!(mode(&made), 0o700);
        assert_eq!(mode(&t.path().join("data")), 0o700);
        let file = made.join("x.db");
        write(&file, b"isi").unwrap();
        assert_eq!(mode(&file), 0o600);
        // A file written world-readable by someone else is tightened.
        let other = t.path().join("lain.db");
        std::fs::write(&other, b"isi").unwrap();
        std::fs::set_permissions(&other, std::fs::Permissions::from_mode(0o644)).unwrap();
        restrict(&other).unwrap();
        assert_eq!(mode(&other), 0o600);
        // The temporary folder itself (someone's) keeps its mode.
        let before = mode(t.path());
        dir(t.path()).unwrap();
        assert_eq!(mode(t.path()), before);
    }
}
