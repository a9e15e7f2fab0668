//! `adhoc audit`: checking and exporting the audit trail.

use chrono::{DateTime, Utc};
use clap::Subcommand;

use adhoc::domain::audit::ChainHead;
use adhoc::domain::permission::Session;
use adhoc::error::{Error, Result};
use adhoc::service::audit::{self, AuditQuery};
use adhoc::service::exports::ListRequest;
use adhoc::store::Db;

use crate::lists::{self, ListOutput};
use crate::{csv_out, flush};

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Memeriksa rantai jejak audit; menyebut catatan pertama yang rusak.
    /// Dengan --catatan dan --hash: juga mencocokkan jejak audit yang
    /// tercetak di kaki Berita Acara (atau dokumen resmi lain).
    Verify {
        /// Jumlah catatan yang tercetak di dokumen, mis. 1.234.
        #[arg(long, requires = "hash")]
        catatan: Option<String>,
        /// Hash terakhir yang tercetak di dokumen (64 karakter).
        #[arg(long, requires = "catatan")]
        hash: Option<String>,
    },
    /// Mengekspor jejak audit sebagai CSV ke stdout, atau ke berkas CSV
    /// atau Excel (--out, --format xlsx).
    Export {
        /// Hanya catatan pengguna ini.
        #[arg(long)]
        pengguna: Option<String>,
        /// Hanya objek jenis ini (mis. user, round).
        #[arg(long)]
        objek: Option<String>,
        /// Tanggal awal (YYYY-MM-DD).
        #[arg(long)]
        dari: Option<chrono::NaiveDate>,
        /// Tanggal akhir (YYYY-MM-DD).
        #[arg(long)]
        sampai: Option<chrono::NaiveDate>,
        #[command(flatten)]
        output: ListOutput,
    },
}

pub async fn run(db: &Db, session: &Session, cmd: AuditCommand, now: DateTime<Utc>) -> Result<()> {
    match cmd {
        AuditCommand::Verify { catatan, hash } => {
            let printed = match (catatan, hash) {
                (Some(c), Some(h)) => Some(ChainHead::typed(&c, &h)?),
                _ => None,
            };
            let report = match &printed {
                Some(p) => audit::verify_printed(db, session, p).await?,
                None => audit::verify(db).await?,
            };
            let mut w = csv_out();
            w.write_record(["status", "catatan", "rusak_pertama", "hash_terakhir"])?;
            w.write_record([
                if report.is_intact() { "utuh" } else { "rusak" }.to_string(),
                report.entries.to_string(),
                report
                    .first_broken
                    .map(|i| i.to_string())
                    .unwrap_or_default(),
                report.last_hash.clone().unwrap_or_default(),
            ])?;
            flush(w)?;
            match (report.first_broken, report.problem) {
                (Some(id), Some(problem)) => Err(Error::AuditBroken { id, problem }),
                _ => {
                    // The head in the words a Berita Acara prints it.
                    let head = ChainHead::new(report.entries, report.last_hash);
                    eprintln!("Jejak audit utuh: {}", head.text);
                    if let Some(p) = printed {
                        eprintln!(
                            "Cocok dengan yang tercetak ({}): jejak audit tidak ditulis ulang \
                             sejak dokumen itu dibuat.",
                            p.text
                        );
                    }
                    Ok(())
                }
            }
        }
        AuditCommand::Export {
            pengguna,
            objek,
            dari,
            sampai,
            output,
        } => {
            let q = AuditQuery {
                username: pengguna,
                object_type: objek,
                from: dari,
                until: sampai,
                ..Default::default()
            };
            let n =
                lists::export(db, session, ListRequest::Audit { query: q }, output, now).await?;
            eprintln!("{n} catatan diekspor.");
            Ok(())
        }
    }
}
