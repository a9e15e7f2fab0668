//! `adhoc tes hadir|absen|batal-hadir|tutup-hadir|daftar-hadir|berita-acara`:
//! attendance at the written test, flattened into `adhoc tes`.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::Subcommand;

use adhoc::domain::permission::Session;
use adhoc::error::{Error, Result};
use adhoc::pdf::Paper;
use adhoc::service::seating;
use adhoc::store::Db;

#[derive(Subcommand)]
pub enum HadirCommand {
    /// Mencatat peserta hadir menurut nomor pada kartunya (diketik atau
    /// dipindai); mencetak nama, ruang, dan kursi untuk dicocokkan.
    Hadir {
        #[arg(long)]
        round: i64,
        /// Satu nomor peserta atau lebih.
        #[arg(required = true)]
        nomor: Vec<String>,
    },
    /// Mencatat satu peserta tidak hadir (nilai tes tertulisnya "absen").
    Absen {
        #[arg(long)]
        round: i64,
        nomor: String,
        #[arg(long)]
        alasan: String,
    },
    /// Membatalkan catatan hadir/tidak hadir yang keliru.
    #[command(name = "batal-hadir")]
    BatalHadir {
        #[arg(long)]
        round: i64,
        nomor: String,
        #[arg(long)]
        alasan: String,
    },
    /// Menutup daftar hadir satu sesi (atau seluruh tes): semua yang belum
    /// tercatat hadir dicatat tidak hadir dan gugur.
    #[command(name = "tutup-hadir")]
    TutupHadir {
        #[arg(long)]
        round: i64,
        /// Nomor sesi (id, lihat `tes daftar`); tanpa ini seluruh tes.
        #[arg(long)]
        sesi: Option<i64>,
    },
    /// Daftar hadir (PDF) per ruang dan sesi, dengan kolom tanda tangan.
    #[command(name = "daftar-hadir")]
    DaftarHadir {
        #[arg(long)]
        round: i64,
        #[arg(long)]
        out: PathBuf,
        /// Hanya satu ruang (id).
        #[arg(long)]
        ruang: Option<i64>,
        /// Hanya satu sesi (id).
        #[arg(long)]
        sesi: Option<i64>,
        #[arg(long, default_value = "a4")]
        kertas: String,
    },
    /// Berita Acara Pelaksanaan Tes Tertulis (PDF) dengan jumlah peserta,
    /// hadir, dan tidak hadir per ruang.
    #[command(name = "berita-acara")]
    BeritaAcara {
        #[arg(long)]
        round: i64,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value = "a4")]
        kertas: String,
        /// Nomor berita acara (bila kosong, titik-titik untuk diisi tangan).
        #[arg(long)]
        nomor: Option<String>,
    },
}

fn write(out: &PathBuf, bytes: &[u8]) -> Result<()> {
    std::fs::write(out, bytes).map_err(|e| Error::io_at("menulis", out, e))
}

pub async fn run(db: &Db, session: &Session, cmd: HadirCommand, now: DateTime<Utc>) -> Result<()> {
    match cmd {
        HadirCommand::Hadir { round, nomor } => {
            let mut refused = 0;
            for n in &nomor {
                let a = seating::record_present(db, session, round, n, now).await?;
                if a.accepted {
                    println!("{}", a.message);
                } else {
                    refused += 1;
                    eprintln!("Ditolak: {}", a.message);
                }
            }
            if refused > 0 {
                return Err(Error::validation(
                    "number",
                    format!("{refused} dari {} nomor ditolak.", nomor.len()),
                ));
            }
            Ok(())
        }
        HadirCommand::Absen {
            round,
            nomor,
            alasan,
        } => {
            seating::mark_absent(db, session, round, &nomor, &alasan, now).await?;
            eprintln!("Peserta {nomor} dicatat tidak hadir; nilai tes tertulisnya \"absen\".");
            Ok(())
        }
        HadirCommand::BatalHadir {
            round,
            nomor,
            alasan,
        } => {
            seating::undo_attendance(db, session, round, &nomor, &alasan, now).await?;
            eprintln!("Catatan kehadiran peserta {nomor} dibatalkan.");
            Ok(())
        }
        HadirCommand::TutupHadir { round, sesi } => {
            let c = seating::close_attendance(db, session, round, sesi, now).await?;
            eprintln!(
                "Daftar hadir ditutup: {} peserta dicatat tidak hadir.",
                c.absent
            );
            Ok(())
        }
        HadirCommand::DaftarHadir {
            round,
            out,
            ruang,
            sesi,
            kertas,
        } => {
            let paper = Paper::parse(&kertas)?;
            let doc = seating::attendance_list_pdf(db, session, round, ruang, sesi, paper).await?;
            write(&out, &doc.bytes)?;
            eprintln!("Daftar hadir ditulis ke {}.", out.display());
            Ok(())
        }
        HadirCommand::BeritaAcara {
            round,
            out,
            kertas,
            nomor,
        } => {
            let paper = Paper::parse(&kertas)?;
            let doc =
                seating::attendance_report_pdf(db, session, round, paper, nomor.as_deref(), now)
                    .await?;
            write(&out, &doc.bytes)?;
            eprintln!("Berita acara pelaksanaan tes ditulis ke {}.", out.display());
            Ok(())
        }
    }
}
