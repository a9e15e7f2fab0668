//! `adhoc stage`: opening, closing and reopening stages, registration
//! extensions and the decisions that settle a unit or a tie.

use chrono::{DateTime, NaiveDate, Utc};
use clap::Subcommand;

use adhoc::domain::permission::Session;
use adhoc::domain::round::Stage;
use adhoc::error::Result;
use adhoc::service::{extensions, registration, selection, stages};
use adhoc::store::Db;

#[derive(Subcommand)]
pub enum StageCommand {
    /// Membuka tahap yang sedang berjalan (setelah tahap sebelumnya ditutup).
    Open {
        #[arg(long)]
        round: i64,
        stage: String,
    },
    /// Memperpanjang pendaftaran untuk wilayah yang pendaftarnya kurang.
    Extend {
        #[arg(long)]
        round: i64,
        /// Kode kecamatan (PPK) atau desa (PPS); boleh beberapa.
        #[arg(required = true)]
        wilayah: Vec<String>,
        /// Tanggal akhir (YYYY-MM-DD); bawaan: hari ini + lama perpanjangan.
        #[arg(long)]
        sampai: Option<NaiveDate>,
    },
    /// Wilayah yang pendaftarnya kurang dan keadaan perpanjangannya (CSV).
    Perpanjangan {
        #[arg(long)]
        round: i64,
    },
    /// Keputusan pimpinan: wilayah lanjut tanpa perpanjangan (lagi)
    /// walaupun pendaftarnya kurang, dengan alasan (dicetak di Berita Acara
    /// pendaftaran).
    Lanjut {
        #[arg(long)]
        round: i64,
        /// Kode kecamatan (PPK) atau desa (PPS); boleh beberapa.
        #[arg(required_unless_present = "semua")]
        wilayah: Vec<String>,
        /// Semua wilayah yang masih perlu perpanjangan.
        #[arg(long, conflicts_with = "wilayah")]
        semua: bool,
        #[arg(long)]
        alasan: String,
    },
    /// Menutup tahap yang sedang berjalan; hasilnya dibekukan.
    Close {
        #[arg(long)]
        round: i64,
        /// pendaftaran, administrasi, tertulis, wawancara, akhir, penetapan.
        stage: String,
    },
    /// Membuka kembali tahap yang sudah ditutup (dengan alasan).
    Reopen {
        #[arg(long)]
        round: i64,
        stage: String,
        #[arg(long)]
        alasan: String,
    },
    /// Keputusan pleno atas nilai seri di batas peringkat akhir: nomor
    /// pendaftaran semua yang seri, urut dari yang didahulukan.
    Seri {
        #[arg(long)]
        round: i64,
        /// Dasar keputusan, mis. nomor Berita Acara rapat pleno.
        #[arg(long)]
        catatan: String,
        /// Nomor pendaftaran, urut dari yang didahulukan.
        #[arg(required = true, num_args = 2..)]
        nomor: Vec<String>,
    },
}

pub async fn run(db: &Db, session: &Session, cmd: StageCommand, now: DateTime<Utc>) -> Result<()> {
    match cmd {
        StageCommand::Open { round, stage } => {
            let stage = Stage::parse(&stage)?;
            stages::open(db, session, round, stage, now).await?;
            eprintln!("Tahap {} dibuka.", stage.label().to_lowercase());
        }
        StageCommand::Extend {
            round,
            wilayah,
            sampai,
        } => {
            let until = extensions::extend(db, session, round, &wilayah, sampai, now).await?;
            eprintln!(
                "Pendaftaran diperpanjang sampai {until} untuk {} wilayah.",
                wilayah.len()
            );
        }
        StageCommand::Perpanjangan { round } => {
            let mut w = crate::csv_out();
            w.write_record([
                "kode_wilayah",
                "wilayah",
                "kuota",
                "pendaftar",
                "dibutuhkan",
                "perpanjangan",
                "sampai",
                "keadaan",
                "keputusan",
            ])?;
            for u in extensions::extension_list(db, session, round, now).await? {
                w.write_record([
                    u.unit_code,
                    u.unit_label,
                    u.quota.to_string(),
                    u.registered.to_string(),
                    u.needed.to_string(),
                    u.extensions.to_string(),
                    u.extended_until.map(|d| d.to_string()).unwrap_or_default(),
                    u.state.label().to_string(),
                    u.decision.unwrap_or_default(),
                ])?;
            }
            crate::flush(w)?;
        }
        StageCommand::Lanjut {
            round,
            wilayah,
            semua,
            alasan,
        } => {
            let units = if semua {
                extensions::extension_list(db, session, round, now)
                    .await?
                    .into_iter()
                    .filter(|u| u.can_extend)
                    .map(|u| u.unit_code)
                    .collect()
            } else {
                wilayah
            };
            let done =
                extensions::decide_without_extension(db, session, round, &units, &alasan, now)
                    .await?;
            for u in &done {
                eprintln!(
                    "{} lanjut tanpa perpanjangan ({} pendaftar, kuota {}).",
                    u.unit_label, u.registered, u.quota
                );
            }
        }
        StageCommand::Close { round, stage } => {
            let c = stages::close(db, session, round, Stage::parse(&stage)?, now).await?;
            eprintln!(
                "Tahap {} ditutup; sekarang berjalan: {}.",
                c.closed.label().to_lowercase(),
                c.current.label().to_lowercase()
            );
            if c.backup_failed {
                eprintln!("{}", c.backup);
            }
        }
        StageCommand::Reopen {
            round,
            stage,
            alasan,
        } => {
            let stage = Stage::parse(&stage)?;
            stages::reopen(db, session, round, stage, &alasan, now).await?;
            eprintln!("Tahap {} dibuka kembali.", stage.label().to_lowercase());
        }
        StageCommand::Seri {
            round,
            catatan,
            nomor,
        } => {
            let mut ids = Vec::with_capacity(nomor.len());
            for n in &nomor {
                ids.push(registration::id_by_number(db, round, n).await?);
            }
            selection::decide_tie(db, session, round, &ids, &catatan, now).await?;
            eprintln!(
                "Keputusan pleno atas nilai seri dicatat: {}.",
                nomor.join(", ")
            );
        }
    }
    Ok(())
}
