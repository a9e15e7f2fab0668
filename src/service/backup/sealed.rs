//! Sealed backups: a backup written to another folder (a USB drive that can
//! be lost or lent) may be sealed with a passphrase, since it holds every
//! applicant's NIK, address and scanned KTP.
//!
//! The seal is [age](https://age-encryption.org) (the `age` crate, by the
//! format's authors): the passphrase goes through scrypt, tuned to about a
//! second on the PC that seals, and the content is encrypted and
//! authenticated in 64 KiB chunks with ChaCha20-Poly1305, so a changed or
//! cut file is refused, not half-read. No cryptography is written here.
//! Inside is a plain tar stream with three kinds of entries: the database
//! (`cadangan.db`), its manifest (`cadangan.db.json`) and the scans
//! (`berkas/<sha256>.<ext>`); with the passphrase, the `age` and `tar`
//! tools open it too.
//!
//! Opening treats the file as hostile even after the passphrase matched
//! (whoever made it may have told the passphrase): the age header must end
//! within its first 64 KiB, scrypt's work is bounded (the crate's limit,
//! about 16 times what sealing takes here), tar entries are read raw (no
//! long names or extensions are interpreted), only regular files under the
//! three expected names are taken, each no larger than such a file may be,
//! and nothing is written outside a private folder that is removed again
//! when the restore is done.

use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};

use age::secrecy::SecretString;

use crate::domain::scan;
use crate::error::{Error, Result};
use crate::store::backup as store;

/// File name ending of a sealed backup: `seleksi-adhoc-…-manual.tar.age`.
pub const SUFFIX: &str = ".tar.age";
/// The form field errors about the passphrase are reported on; a restore of
/// a sealed file without it fails on this field, and the UI then asks.
pub const FIELD: &str = "kata_sandi_cadangan";
/// Shortest passphrase accepted for sealing.
pub const MIN_CHARS: usize = 10;

const INNER_DB: &str = "cadangan.db";
const INNER_SCANS: &str = "berkas/";
/// Everything an age file starts with.
const MAGIC: &[u8] = b"age-encryption.org/";
/// The age header (recipients and MAC) ends within this many bytes.
const HEADER_MAX: usize = 64 * 1024;
/// Largest database taken out (ustar's own limit for one file).
const DB_MAX: u64 = 8 << 30;
/// Most entries read: a database, a manifest and the scans of the largest
/// office many times over.
const ENTRIES_MAX: u64 = 1_000_000;

/// Refuses a passphrase too short (or with control characters) to seal with.
pub fn check_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < MIN_CHARS {
        return Err(Error::validation(
            FIELD,
            format!(
                "Kata sandi cadangan paling sedikit {MIN_CHARS} karakter. Pakai kalimat pendek yang mudah diingat, misalnya \"cadangan kpu pasuruan 2026\"."
            ),
        ));
    }
    if passphrase.chars().any(char::is_control) {
        return Err(Error::validation(
            FIELD,
            "Kata sandi cadangan tidak boleh berisi karakter kendali (Tab, baris baru).",
        ));
    }
    Ok(())
}

/// Whether `file` is a sealed backup (starts like an age file).
pub fn is_sealed(file: &Path) -> Result<bool> {
    let mut head = [0u8; MAGIC.len()];
    let read = std::fs::File::open(file).and_then(|mut f| f.read_exact(&mut head));
    match read {
        Ok(()) => Ok(head == MAGIC),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(false),
        // Not found and the like: the plain restore says it in its words.
        Err(_) => Ok(false),
    }
}

/// Writes the database copy `db` (with its manifest beside it) and the
/// scans named in `scans` found in `scans_dir` as one sealed file `dest`,
/// which appears under its name only once complete. Returns its size and
/// the number of scans in it.
pub fn seal(
    db: &Path,
    scans_dir: &Path,
    scans: &[String],
    dest: &Path,
    passphrase: &str,
) -> Result<(u64, u64)> {
    check_passphrase(passphrase)?;
    let dir = dest.parent().unwrap_or_else(|| Path::new("."));
    let tmp = dir.join(format!(
        ".{}.part",
        dest.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    ));
    let written = (|| {
        let file = crate::private::create(&tmp)?;
        let age = age::Encryptor::with_user_passphrase(SecretString::from(passphrase.to_owned()))
            .wrap_output(std::io::BufWriter::new(file))?;
        let mut tar = tar::Builder::new(age);
        tar.mode(tar::HeaderMode::Deterministic);
        append(&mut tar, db, INNER_DB)?;
        append(
            &mut tar,
            &store::manifest_path(db),
            &format!("{INNER_DB}{}", store::MANIFEST_SUFFIX),
        )?;
        let mut taken = 0;
        for name in scans.iter().filter(|n| scan::is_stored_name(n)) {
            let src = scans_dir.join(name);
            // A scan missing here is missing from the plain backup too: the
            // restore reports it.
            if std::fs::symlink_metadata(&src).is_ok_and(|m| m.file_type().is_file()) {
                append(&mut tar, &src, &format!("{INNER_SCANS}{name}"))?;
                taken += 1;
            }
        }
        let mut out = tar.into_inner()?.finish()?;
        out.flush()?;
        drop(out);
        crate::durable::sync_file(&tmp)?;
        std::fs::rename(&tmp, dest)?;
        crate::durable::sync_dir(dir);
        std::fs::metadata(dest).map(|m| (m.len(), taken))
    })();
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io_at("menulis cadangan terkunci", dest, e)
    })
}

fn append<W: Write>(tar: &mut tar::Builder<W>, src: &Path, name: &str) -> std::io::Result<()> {
    let mut file = std::fs::File::open(src)?;
    let mut header = tar::Header::new_ustar();
    header.set_size(file.metadata()?.len());
    header.set_mode(0o600);
    header.set_entry_type(tar::EntryType::Regular);
    tar.append_data(&mut header, name, &mut file)
}

/// A private folder beside the live database for a sealed backup on its
/// way in or out; the folder goes when this does.
pub struct Workspace {
    dir: PathBuf,
}

impl Workspace {
    /// A new, empty private folder in `parent`.
    pub fn new(parent: &Path, prefix: &str) -> Result<Self> {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let dir = parent.join(format!(".{prefix}-{}-{stamp}", std::process::id()));
        let made = crate::private::dir(&dir.join("berkas"));
        // Made (even partly) or not, it is this workspace's to remove.
        let workspace = Self { dir };
        made.map_err(|e| Error::io_at("membuat folder", &workspace.dir, e))?;
        Ok(workspace)
    }

    /// The database inside, with its manifest beside it and its scans in
    /// `berkas/`: what a plain backup on a USB drive looks like.
    pub fn db(&self) -> PathBuf {
        self.dir.join(INNER_DB)
    }
}

impl Drop for Workspace {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn refused(message: impl Into<String>) -> Error {
    Error::validation("berkas", message)
}

/// Opens the sealed backup `file` with `passphrase` into a new private
/// folder in `work` (the live database's folder, so that the database can
/// later be moved in with a rename).
pub fn open(file: &Path, passphrase: Option<&str>, work: &Path) -> Result<Workspace> {
    let Some(passphrase) = passphrase.filter(|p| !p.is_empty()) else {
        return Err(Error::validation(
            FIELD,
            "Cadangan ini dikunci dengan kata sandi. Masukkan kata sandi yang dipakai saat cadangan dibuat.",
        ));
    };
    let reading = |e: std::io::Error| Error::io_at("membaca cadangan terkunci", file, e);
    // age reads its header line by line without a limit of its own.
    let mut head = Vec::with_capacity(4096);
    std::fs::File::open(file)
        .map_err(reading)?
        .take(HEADER_MAX as u64)
        .read_to_end(&mut head)
        .map_err(reading)?;
    if !head.windows(5).any(|w| w == b"\n--- ") {
        return Err(refused(
            "Berkas ini bukan cadangan terkunci yang sah (kepala berkas rusak). Berkas tidak dipulihkan.",
        ));
    }
    let input = BufReader::new(std::fs::File::open(file).map_err(reading)?);
    let decryptor = age::Decryptor::new_buffered(input).map_err(|e| unseal_error(&e))?;
    if !decryptor.is_scrypt() {
        return Err(refused(
            "Berkas ini dikunci dengan kunci, bukan kata sandi; aplikasi hanya membuka cadangan yang dikunci dengan kata sandi.",
        ));
    }
    let identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
    let plain = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| unseal_error(&e))?;

    let opened = Workspace::new(work, "pemulihan-terkunci")?;
    unpack(plain, &opened.dir)?;
    if !opened.db().exists() {
        return Err(refused(
            "Cadangan terkunci ini tidak berisi database. Berkas tidak dipulihkan.",
        ));
    }
    Ok(opened)
}

/// Takes the expected entries of the tar stream into `dir`, refusing
/// anything else; then reads the stream to its authenticated end.
fn unpack<R: Read>(plain: R, dir: &Path) -> Result<()> {
    let broken = |e: std::io::Error| {
        refused(format!(
            "Isi cadangan terkunci rusak atau telah diubah ({e}). Berkas tidak dipulihkan."
        ))
    };
    let manifest_name = format!("{INNER_DB}{}", store::MANIFEST_SUFFIX);
    let mut archive = tar::Archive::new(plain);
    let mut count = 0u64;
    for entry in archive.entries().map_err(broken)?.raw(true) {
        let mut entry = entry.map_err(broken)?;
        count += 1;
        if count > ENTRIES_MAX {
            return Err(refused(format!(
                "Cadangan terkunci ini berisi lebih dari {ENTRIES_MAX} berkas. Berkas tidak dipulihkan."
            )));
        }
        let name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let shown: String = name.chars().take(60).collect();
        let (target, limit) = if name == INNER_DB {
            (dir.join(INNER_DB), DB_MAX)
        } else if name == manifest_name {
            (dir.join(&manifest_name), store::MANIFEST_MAX_BYTES)
        } else if let Some(scan_name) = name
            .strip_prefix(INNER_SCANS)
            .filter(|n| scan::is_stored_name(n))
        {
            (dir.join("berkas").join(scan_name), scan::MAX_BYTES as u64)
        } else {
            return Err(refused(format!(
                "Cadangan terkunci ini berisi berkas yang tidak dikenal (\"{shown}\"). Berkas tidak dipulihkan."
            )));
        };
        if entry.header().entry_type() != tar::EntryType::Regular {
            return Err(refused(format!(
                "Cadangan terkunci ini berisi \"{shown}\" yang bukan berkas biasa (tautan atau folder). Berkas tidak dipulihkan."
            )));
        }
        let size = entry.size();
        if size > limit {
            return Err(refused(format!(
                "Berkas \"{shown}\" di cadangan terkunci terlalu besar. Berkas tidak dipulihkan."
            )));
        }
        if target.exists() {
            return Err(refused(format!(
                "Cadangan terkunci ini berisi \"{shown}\" dua kali. Berkas tidak dipulihkan."
            )));
        }
        let mut out = crate::private::create(&target)
            .map_err(|e| Error::io_at("membuka cadangan terkunci", &target, e))?;
        let copied = std::io::copy(&mut (&mut entry).take(size), &mut out).map_err(broken)?;
        if copied != size {
            return Err(broken(std::io::ErrorKind::UnexpectedEof.into()));
        }
    }
    // The tar stream ends before the age stream does (padding up to a
    // record): read on to the end, where the last chunk's tag is checked.
    let mut rest = archive.into_inner().take(1 << 20);
    std::io::copy(&mut rest, &mut std::io::sink()).map_err(broken)?;
    let mut more = [0u8; 1];
    if rest.into_inner().read(&mut more).map_err(broken)? != 0 {
        return Err(refused(
            "Cadangan terkunci ini berisi data tambahan setelah isinya. Berkas tidak dipulihkan.",
        ));
    }
    Ok(())
}

fn unseal_error(e: &age::DecryptError) -> Error {
    use age::DecryptError as D;
    match e {
        D::DecryptionFailed | D::NoMatchingKeys | D::KeyDecryptionFailed | D::InvalidMac => { Error::validation(
            FIELD,
            "Kata sandi cadangan salah (atau berkas telah diubah). Periksa huruf besar/kecil dan coba lagi.",
        )
        }
        D::ExcessiveWork { .. } => refused(
            "Cadangan terkunci ini meminta kerja pembukaan yang terlalu berat untuk komputer ini; berkas tidak dibuat oleh aplikasi ini. Berkas tidak dipulihkan.",
        ),
        D::UnknownFormat => refused(
            "Cadangan terkunci ini memakai format yang lebih baru. Perbarui aplikasi dulu.",
        ),
        other => refused(format!(
            "Berkas cadangan terkunci rusak ({other}). Berkas tidak dipulihkan."
        )),
    }
}
