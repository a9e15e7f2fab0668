//! The head of the audit chain kept outside the database: a small file
//! beside it (`<database>.jejak`), so that a chain cut short or rewritten
//! inside the file is found by comparing (see
//! [`crate::domain::audit::verify_chain_against`]). Written like every file
//! the app keeps: owner-only, flushed, renamed into place.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::domain::audit::Anchor;
use crate::error::{Error, Result};

/// Largest anchor file read: it holds a count, a hash and a time.
const MAX_BYTES: u64 = 4096;

/// Where the anchor of the database at `db_path` is kept.
pub fn path_of(db_path: &Path) -> PathBuf {
    let mut name = db_path.as_os_str().to_owned();
    name.push(".jejak");
    PathBuf::from(name)
}

/// The anchor beside the database, if one was written. A file that is not
/// an anchor is an error: someone changed it.
pub fn read(db_path: &Path) -> Result<Option<Anchor>> {
    let path = path_of(db_path);
    let file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io_at("membaca", &path, e)),
    };
    let mut text = String::new();
    file.take(MAX_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| Error::io_at("membaca", &path, e))?;
    let parsed: Option<Anchor> = (text.len() as u64 <= MAX_BYTES)
        .then(|| serde_json::from_str(&text).ok())
        .flatten();
    match parsed {
        Some(a) if a.entries >= 0 && a.hash.len() == 64 => Ok(Some(a)),
        _ => Err(Error::validation(
            "jejak",
            format!(
                "Berkas penanda jejak audit {} rusak atau diubah; jejak audit tidak dapat dipastikan utuh.",
                path.display()
            ),
        )),
    }
}

/// Writes the anchor beside the database.
pub fn write(db_path: &Path, anchor: &Anchor) -> Result<()> {
    let path = path_of(db_path);
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".part");
    let tmp = PathBuf::from(tmp);
    let text = serde_json::to_string(anchor).map_err(|e| Error::Internal(e.to_string()))?;
    crate::private::write(&tmp, text.as_bytes())
        .and_then(|()| crate::durable::sync_file(&tmp))
        .and_then(|()| crate::durable::replace(&tmp, &path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Error::io_at("menulis penanda jejak audit", &path, e)
        })
}
