//! `adhoc backup` and `adhoc restore`.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use adhoc::domain::permission::Session;
use adhoc::error::Result;
use adhoc::service::backup;
use adhoc::store::Db;

use crate::users::read_password;

/// A backup now: into `out` (sealed with a passphrase asked for when
/// `seal`), or the automatic backup folder.
pub async fn backup(db: &Db, out: Option<PathBuf>, seal: bool, now: DateTime<Utc>) -> Result<()> {
    let done = match &out {
        Some(dir) => {
            let passphrase = if seal {
                let p = read_password("Kata sandi cadangan: ", true)?;
                backup::sealed::check_passphrase(&p)?;
                Some(p)
            } else {
                None
            };
            backup::manual(db, &Session::cli(), dir, passphrase.as_deref(), now).await?
        }
        None => backup::take(db, None, "manual", now).await?,
    };
    eprintln!(
        "Cadangan dibuat: {} ({:.1} MB, {} berkas pindaian).",
        done.path,
        done.bytes as f64 / 1e6,
        done.scans
    );
    println!("{}", done.path);
    Ok(())
}

/// Checks a backup (`periksa`) or restores it over the database at `live`.
pub async fn restore(
    live: &Path,
    file: &Path,
    periksa: bool,
    from_elsewhere: bool,
    now: DateTime<Utc>,
) -> Result<()> {
    // Nothing else may have the database open while it is swapped.
    let _lock = adhoc::store::InstanceLock::take(live)?;
    let passphrase = if backup::sealed::is_sealed(file)? {
        Some(read_password("Kata sandi cadangan: ", false)?)
    } else {
        None
    };
    let passphrase = passphrase.as_deref();
    let check = if periksa {
        backup::inspect(live, &Session::cli(), file, passphrase, now).await?
    } else {
        backup::restore(live, &Session::cli(), file, passphrase, from_elsewhere, now).await?
    };
    eprintln!("Berkas: {}", check.path);
    eprintln!("SHA-256: {}", check.sha256);
    eprintln!("Manifest: {}", check.manifest);
    if check.sealed {
        eprintln!("Terkunci dengan kata sandi: ya (terbuka dengan kata sandi yang diberikan)");
    }
    eprintln!(
        "Wilayah: {}; skema {}",
        check.kabupaten, check.schema_version
    );
    for r in &check.rounds {
        eprintln!("  {r}");
    }
    eprintln!(
        "Pendaftar: {}; jejak audit: {} catatan, utuh",
        check.applicants, check.audit_entries
    );
    if let Some(last) = &check.last_audit {
        eprintln!("Catatan audit terakhir: {last}");
    }
    if !check.continues {
        eprintln!(
            "Perhatian: jejak audit cadangan ini bukan lanjutan database ini (dari database lain){}.",
            if periksa { "; memulihkannya memerlukan --dari-tempat-lain" } else { "" }
        );
    }
    if !check.scans_missing.is_empty() {
        eprintln!(
            "Perhatian: {} berkas pindaian tidak ada di cadangan maupun di folder berkas.",
            check.scans_missing.len()
        );
    }
    eprintln!(
        "{}",
        if periksa {
            "Berkas cadangan baik; belum dipulihkan (jalankan tanpa --periksa untuk memulihkan)."
        } else {
            "Database dipulihkan. Database sebelumnya disimpan di folder cadangan (sebelum-pemulihan)."
        }
    );
    Ok(())
}
