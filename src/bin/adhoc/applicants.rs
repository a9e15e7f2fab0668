//! `adhoc applicants`: importing, exporting and finding applicants, and the
//! registration receipt.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::Subcommand;

use adhoc::domain::permission::Session;
use adhoc::error::Result;
use adhoc::service::applicants;
use adhoc::service::exports::ListRequest;
use adhoc::service::registration::{self, ApplicantQuery, MAX_PAGE};
use adhoc::store::Db;

use crate::lists::{self, ListOutput};
use crate::{csv_out, flush, read_file, report_problems};

#[derive(Subcommand)]
pub enum ApplicantsCommand {
    /// Mengimpor pendaftar dari CSV ke satu seleksi. Semua atau tidak sama
    /// sekali: bila ada baris salah, tidak ada yang disimpan dan setiap
    /// masalah dicetak (CSV: baris,kolom,alasan).
    Import {
        /// Nomor (id) seleksi.
        #[arg(long)]
        round: i64,
        file: PathBuf,
    },
    /// Mengekspor pendaftar satu seleksi sebagai CSV atau Excel: nomor
    /// pendaftaran lalu kolom yang sama dengan impor (impor mengabaikan nomornya).
    Export {
        #[arg(long)]
        round: i64,
        #[command(flatten)]
        output: ListOutput,
    },
    /// Mencari pendaftar satu seleksi (awal nama, awal NIK, atau nomor
    /// pendaftaran) dan mencetak CSV.
    List {
        #[arg(long)]
        round: i64,
        /// Teks yang dicari; kosong untuk semua.
        #[arg(long, default_value = "")]
        cari: String,
        /// Baris per halaman (bawaan 100); berapa pun, tidak dipotong diam-diam.
        #[arg(long, default_value_t = 100)]
        batas: u32,
        /// Halaman yang dicetak, mulai dari 1.
        #[arg(long, default_value_t = 1)]
        halaman: u32,
        /// Semua pendaftar yang cocok, tanpa halaman.
        #[arg(long, conflicts_with_all = ["batas", "halaman"])]
        semua: bool,
    },
    /// Menulis tanda terima pendaftaran (PDF) satu pendaftar.
    TandaTerima {
        #[arg(long)]
        round: i64,
        /// Nomor pendaftaran, mis. PPK-3514-0001.
        nomor: String,
        /// Berkas PDF yang ditulis.
        #[arg(long)]
        out: PathBuf,
        /// Ukuran kertas: a4 atau f4.
        #[arg(long, default_value = "a4")]
        kertas: String,
    },
}

pub async fn run(
    db: &Db,
    session: &Session,
    cmd: ApplicantsCommand,
    now: DateTime<Utc>,
) -> Result<()> {
    match cmd {
        ApplicantsCommand::Import { round, file } => {
            let bytes = read_file(&file)?;
            let report = applicants::import(db, session, round, &bytes, now).await?;
            if !report.is_stored() {
                return report_problems(&report.problems, &file, "data lama tidak berubah");
            }
            eprintln!(
                "{} pendaftar disimpan ({} sampai {}); {} dengan peringatan NIK untuk diperiksa.",
                report.stored,
                report.first_number.unwrap_or_default(),
                report.last_number.unwrap_or_default(),
                report.with_nik_warnings
            );
            Ok(())
        }
        ApplicantsCommand::Export { round, output } => {
            let request = ListRequest::Applicants { round_id: round };
            let n = lists::export(db, session, request, output, now).await?;
            eprintln!("{n} pendaftar diekspor.");
            Ok(())
        }
        ApplicantsCommand::List {
            round,
            cari,
            batas,
            halaman,
            semua,
        } => {
            // Pages of the core (at most MAX_PAGE rows each) until the
            // rows asked for are printed: nothing is cut off unsaid.
            let (mut offset, wanted) = if semua {
                (0, u64::MAX)
            } else {
                let size = u64::from(batas.max(1));
                (u64::from(halaman.max(1) - 1) * size, size)
            };
            let mut w = csv_out();
            w.write_record([
                "nomor_pendaftaran",
                "nik",
                "nama",
                "jenis_kelamin",
                "kode_wilayah_tugas",
                "wilayah_tugas",
                "status",
            ])?;
            let first = offset;
            let (mut printed, mut total) = (0u64, 0u64);
            while printed < wanted {
                let page = registration::list(
                    db,
                    session,
                    &ApplicantQuery {
                        round_id: round,
                        text: cari.clone(),
                        offset: u32::try_from(offset).unwrap_or(u32::MAX),
                        limit: u32::try_from((wanted - printed).min(u64::from(MAX_PAGE)))
                            .unwrap_or(MAX_PAGE),
                        ..Default::default()
                    },
                )
                .await?;
                total = page.total as u64;
                for r in &page.rows {
                    w.write_record([
                        r.reg_number.as_str(),
                        &r.nik,
                        &r.full_name,
                        r.sex.as_str(),
                        &r.unit_code,
                        &r.unit_label,
                        r.status.as_str(),
                    ])?;
                }
                printed += page.rows.len() as u64;
                offset += page.rows.len() as u64;
                if page.rows.is_empty() || offset >= total {
                    break;
                }
            }
            flush(w)?;
            if printed == 0 {
                eprintln!("Tidak ada baris pada halaman ini; {total} pendaftar yang cocok.");
            } else {
                eprintln!(
                    "Baris {}–{} dari {total} pendaftar yang cocok.",
                    first + 1,
                    first + printed
                );
            }
            if first + printed < total {
                eprintln!(
                    "Masih ada {} lagi: --halaman {} (atau --semua).",
                    total - first - printed,
                    halaman + 1
                );
            }
            Ok(())
        }
        ApplicantsCommand::TandaTerima {
            round,
            nomor,
            out,
            kertas,
        } => {
            let paper = adhoc::pdf::Paper::parse(&kertas)?;
            let id = registration::id_by_number(db, round, &nomor).await?;
            let (_, bytes) = registration::receipt_pdf(db, session, id, paper, now).await?;
            std::fs::write(&out, bytes)?;
            eprintln!("Tanda terima {nomor} ditulis ke {}.", out.display());
            Ok(())
        }
    }
}
