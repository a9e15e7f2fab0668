//! Making what was written survive a power cut, the same way on Linux and
//! Windows. Files are written under a temporary name, flushed, then renamed
//! into place; the folder is flushed too where the system allows it.

use std::path::Path;

/// Flushes a written file to the disk. The file is opened for writing:
/// Windows refuses to flush a handle opened only for reading.
pub fn sync_file(path: &Path) -> std::io::Result<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)?
        .sync_all()
}

/// Flushes a folder's entries (a rename into it) on Unix. Windows has no
/// handle to a folder for this (NTFS journals its metadata); best effort
/// everywhere, since the file itself is already flushed.
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Renames `from` to `to`, replacing `to`. On Windows a file cannot be
/// replaced while any program still has it open, and a handle SQLite or a
/// virus scanner has just let go of can take a moment to close: a refusal
/// is retried for up to two seconds before it is the answer.
pub fn replace(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut waited = std::time::Duration::ZERO;
    let step = std::time::Duration::from_millis(100);
    loop {
        match std::fs::rename(from, to) {
            Err(e)
                if e.kind() == std::io::ErrorKind::PermissionDenied
                    && waited < std::time::Duration::from_secs(2) =>
            {
                std::thread::sleep(step);
                waited += step;
            }
            done => return done,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_file_is_flushed_and_a_missing_one_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.txt");
        std::fs::write(&f, "isi").unwrap();
        sync_file(&f).unwrap();
        sync_dir(dir.path());
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "isi");
        assert!(sync_file(&dir.path().join("tidak-ada")).is_err());
    }

    #[test]
    fn replace_puts_the_new_file_in_place_of_the_old() {
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = (dir.path().join("db"), dir.path().join("db.new"));
        std::fs::write(&old, "lama").unwrap();
        std::fs::write(&new, "baru").unwrap();
        replace(&new, &old).unwrap();
        assert_eq!(std::fs::read_to_string(&old).unwrap(), "baru");
        assert!(!new.exists());
        assert!(replace(&new, &old).is_err(), "nothing left to move");
    }
}
