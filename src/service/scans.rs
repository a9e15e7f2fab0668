//! Scanned documents: stored in the folder `berkas/` beside the database
//! under their SHA-256 (written once, never overwritten, the same scan kept
//! once), recorded against an applicant's document, and read back.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::bounded_read::{read_at_most, read_file};
use crate::domain::permission::{Operation, Session};
use crate::domain::round::Stage;
use crate::domain::scan::{sniff, ScanKind, LIMIT, MAX_BYTES};
use crate::error::{Error, Result};
use crate::service::audit::{self, Change};

use crate::store::verification::{self as store, AttachmentRow};
use crate::store::{applicants, rounds, Db};

/// The folder of scans of a database (see [`Db::scans_dir`]).
pub fn folder(db: &Db) -> PathBuf {
    db.scans_dir()
}

/// Where a scan with this hash and kind is stored.
fn path_of(db: &Db, sha256: &str, kind: ScanKind) -> PathBuf {
    folder(db).join(format!("{sha256}.{}", kind.extension()))
}

/// Writes the scan unless a file with its hash is there already: to a
/// temporary file first, flushed to disk, then renamed into place, so a
/// crash never leaves a half-written scan under a real name. (Two saves of
/// the same scan at once write identical bytes.)
fn store_file(path: &Path, bytes: &[u8]) -> Result<()> {
    if path.exists() {
        return Ok(());
    }
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    crate::private::dir(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.part", std::process::id()));
    let written = (|| -> std::io::Result<()> {
        let mut f = crate::private::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    Ok(written?)
}

/// Keeps a file (PDF, JPG or PNG, judged from the bytes, size limited)
/// under its SHA-256 in the scans folder; returns the hash and kind.
pub(crate) fn keep(db: &Db, bytes: &[u8]) -> Result<(String, ScanKind)> {
    let kind = sniff(bytes)?;
    let sha256 = format!("{:x}", Sha256::digest(bytes));
    store_file(&path_of(db, &sha256, kind), bytes)?;
    Ok((sha256, kind))
}

/// Only the name of a file, whichever separator its path used.
pub(crate) fn base_name(path: &str) -> Option<String> {
    Some(path.rsplit(['/', '\\']).next().unwrap_or("").trim())
        .filter(|n| !n.is_empty())
        .map(str::to_string)
}

/// A scan as listed.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Attachment {
    pub code: String,
    pub sha256: String,
    pub media_type: String,
    pub file_name: String,
    #[ts(type = "number")]
    pub size: i64,
    pub added_at: String,
}

impl From<AttachmentRow> for Attachment {
    fn from(r: AttachmentRow) -> Self {
        Attachment {
            code: r.code,
            sha256: r.sha256,
            media_type: r.media_type,
            file_name: r.file_name,
            size: r.size,
            added_at: r.added_at,
        }
    }
}

/// Attaches a scan to one of an applicant's documents. The kind is judged
/// from the bytes (PDF, JPG or PNG), the size is limited, and the file is
/// kept once under its SHA-256. Help desk and Verifikator; audited.
pub async fn attach(
    db: &Db,
    session: &Session,
    applicant_id: i64,
    code: &str,
    file_name: &str,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<Attachment> {
    session
        .require(Operation::RecordDocuments)
        .or_else(|_| session.require(Operation::VerifyDocuments))?;
    let kind = sniff(bytes)?;
    let sha256 = format!("{:x}", Sha256::digest(bytes));
    let mut tx = db.begin_write().await?;
    let round_id = applicants::round_of(&mut tx, applicant_id).await?;
    rounds::get(&mut tx, round_id)
        .await?
        .ensure_unfrozen(Stage::Administrasi)?;
    let requirements = store::requirements(&mut tx, round_id).await?;
    if !requirements.iter().any(|r| r.code == code) {
        return Err(Error::validation(
            "kode_dokumen",
            format!("Kode berkas \"{code}\" tidak diminta pada seleksi ini."),
        ));
    }
    store_file(&path_of(db, &sha256, kind), bytes)?;
    let row = AttachmentRow {
        code: code.to_string(),
        sha256: sha256.clone(),
        media_type: kind.media_type().to_string(),
        // Only the name, whichever separator the path used.
        file_name: base_name(file_name).unwrap_or_else(|| format!("pindaian.{}", kind.extension())),
        size: bytes.len() as i64,
        added_at: now.to_rfc3339(),
    };
    if store::add_attachment(&mut tx, applicant_id, &row, session.user_id).await? {
        let change = Change::new("document.attach", "applicant", applicant_id).after(json!({
            "code": row.code,
            "sha256": row.sha256,
            "media_type": row.media_type,
            "size": row.size,
        }));
        audit::record(&mut tx, session, now, change).await?;
    }
    tx.commit().await?;
    Ok(row.into())
}

/// The document code of a participant's photo (pas foto 3×4), which
/// their card prints.
pub const PHOTO_CODE: &str = "pas_foto";

/// Attaches a participant's photo (PNG or JPEG) for their card, whether or
/// not the round asks for a pas foto among its documents, until the
/// written test is closed (cards are printed after the administrative
/// check). Operator or Verifikator. The newest photo is the one printed.
pub async fn attach_photo(
    db: &Db,
    session: &Session,
    applicant_id: i64,
    file_name: &str,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<Attachment> {
    session
        .require(Operation::RecordDocuments)
        .or_else(|_| session.require(Operation::VerifyDocuments))?;
    let kind = sniff(bytes)?;
    if kind == ScanKind::Pdf {
        return Err(Error::validation(
            "foto",
            "Foto peserta harus berupa gambar JPG atau PNG, bukan PDF.",
        ));
    }
    let sha256 = format!("{:x}", Sha256::digest(bytes));
    let mut tx = db.begin_write().await?;
    let round_id = applicants::round_of(&mut tx, applicant_id).await?;
    rounds::get(&mut tx, round_id)
        .await?
        .ensure_unfrozen(Stage::Tertulis)?;
    store_file(&path_of(db, &sha256, kind), bytes)?;
    let row = AttachmentRow {
        code: PHOTO_CODE.to_string(),
        sha256: sha256.clone(),
        media_type: kind.media_type().to_string(),
        file_name: base_name(file_name).unwrap_or_else(|| format!("foto.{}", kind.extension())),
        size: bytes.len() as i64,
        added_at: now.to_rfc3339(),
    };
    if store::add_attachment(&mut tx, applicant_id, &row, session.user_id).await? {
        let change = Change::new("participant.photo", "applicant", applicant_id).after(json!({
            "sha256": row.sha256,
            "media_type": row.media_type,
            "size": row.size,
        }));
        audit::record(&mut tx, session, now, change).await?;
    }
    tx.commit().await?;
    Ok(row.into())
}

/// The scans of an applicant. Any logged-in role.
pub async fn list(db: &Db, session: &Session, applicant_id: i64) -> Result<Vec<Attachment>> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    Ok(store::attachments_of(&mut conn, applicant_id)
        .await?
        .into_iter()
        .map(Attachment::from)
        .collect())
}

/// The stored file of a scan (checked against its hash). Any logged-in role.
pub async fn file(db: &Db, session: &Session, sha256: &str) -> Result<(PathBuf, ScanKind)> {
    let (path, kind, _) = stored(db, session, sha256).await?;
    Ok((path, kind))
}

/// The bytes of a stored scan, checked against its hash (the bytes shown
/// are the bytes checked). Any logged-in role.
pub async fn bytes(db: &Db, session: &Session, sha256: &str) -> Result<(Vec<u8>, ScanKind)> {
    let (_, kind, bytes) = stored(db, session, sha256).await?;
    Ok((bytes, kind))
}

async fn stored(db: &Db, session: &Session, sha256: &str) -> Result<(PathBuf, ScanKind, Vec<u8>)> {
    session.require(Operation::Read)?;
    let mut conn = db.pool().acquire().await?;
    let kind = store::media_type_of(&mut conn, sha256)
        .await?
        .and_then(|m| ScanKind::from_media_type(&m))
        .ok_or_else(|| Error::NotFound(format!("Pindaian {sha256}")))?;
    let (path, bytes) = read_stored(db, sha256, kind)?;
    Ok((path, kind, bytes))
}

/// Reads a kept scan from the scans folder, checked against its hash.
fn read_stored(db: &Db, sha256: &str, kind: ScanKind) -> Result<(PathBuf, Vec<u8>)> {
    read_stored_in(&folder(db), sha256, kind)
}

/// Reads a kept scan from the scans folder `dir` (see [`folder`]), checked
/// against its hash. A name read from the database that is not a hash is
/// refused before it names a file.
pub(crate) fn read_stored_in(
    dir: &Path,
    sha256: &str,
    kind: ScanKind,
) -> Result<(PathBuf, Vec<u8>)> {
    let name = format!("{sha256}.{}", kind.extension());
    if !crate::domain::scan::is_stored_name(&name) {
        return Err(Error::validation(
            "berkas",
            "Nama berkas pindaian di basis data tidak sah.",
        ));
    }
    let path = dir.join(name);
    // No scan larger than the limit was ever kept: a larger file under this
    // name has changed, and is not read whole to find that out.
    let bytes = std::fs::File::open(&path)
        .and_then(|f| read_at_most(f, MAX_BYTES as u64))
        .map_err(|e| {
            Error::validation(
                "berkas",
                format!(
                    "Berkas pindaian {} tidak dapat dibaca: {e}. Pulihkan folder berkas dari cadangan.",
                    path.display()
                ),
            )
        })?;
    match bytes {
        Some(bytes) if format!("{:x}", Sha256::digest(&bytes)) == sha256 => Ok((path, bytes)),
        _ => Err(Error::validation(
            "berkas",
            format!(
                "Berkas pindaian {} sudah berubah sejak disimpan. Pulihkan dari cadangan.",
                path.display()
            ),
        )),
    }
}

/// Reads a scan picked from outside (a file dialog, a path), refusing
/// more than [`MAX_BYTES`] however large the file says it is.
pub fn read_picked(path: &Path) -> Result<Vec<u8>> {
    read_file(path, &LIMIT)
}
