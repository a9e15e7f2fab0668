//! `adhoc results`, `adhoc quota` and `adhoc scores`: the selection after
//! the administrative check, as CSV.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};

use adhoc::domain::permission::Session;
use adhoc::domain::round::Stage;
use adhoc::error::Result;
use adhoc::service::{quota, scores, selection, verification};
use adhoc::store::Db;

use crate::{csv_out, flush, read_file, report_problems};

#[derive(Args)]
pub struct ResultsArgs {
    #[arg(long)]
    round: i64,
    /// Tahap: administrasi, tertulis, atau akhir.
    #[arg(long)]
    stage: String,
    /// Hanya satu kecamatan atau desa (kode), mis. 35.14.01.
    #[arg(long)]
    wilayah: Option<String>,
}

#[derive(Subcommand)]
pub enum ScoresCommand {
    /// Mengimpor nilai dari CSV (nomor_pendaftaran,nilai[,hadir]); nilai
    /// "absen" atau hadir=tidak (nilai dikosongkan) untuk yang tidak hadir.
    /// Semua atau tidak sama sekali.
    Import {
        #[arg(long)]
        round: i64,
        /// tertulis atau wawancara.
        #[arg(long)]
        stage: String,
        file: PathBuf,
    },
}

/// Prints a stage's results as CSV: the administrative verdicts, or the
/// written test's and the final ranking with scores, rank and status.
pub async fn print_results(
    db: &Db,
    session: &Session,
    args: ResultsArgs,
    now: DateTime<Utc>,
) -> Result<()> {
    let ResultsArgs {
        round,
        stage,
        wilayah: unit,
    } = args;
    let stage = Stage::parse(&stage)?;
    if stage == Stage::Administrasi {
        let rows = verification::results(db, session, round, now).await?;
        let mut w = csv_out();
        w.write_record([
            "nomor_pendaftaran",
            "nama",
            "kode_wilayah_tugas",
            "hasil",
            "alasan",
        ])?;
        for r in rows {
            if unit
                .as_deref()
                .is_some_and(|u| !r.unit_code.starts_with(u.trim()))
            {
                continue;
            }
            w.write_record([
                &r.reg_number,
                &r.full_name,
                &r.unit_code,
                r.result_text(),
                &r.reasons,
            ])?;
        }
        return flush(w);
    }
    let rows = selection::results(db, session, round, stage, unit.as_deref(), now).await?;
    let mut w = csv_out();
    w.write_record([
        "nomor_pendaftaran",
        "nama",
        "jenis_kelamin",
        "kode_wilayah_tugas",
        "nilai_tertulis",
        "nilai_wawancara",
        "nilai_akhir",
        "peringkat",
        "status",
    ])?;
    for r in rows {
        let mut status = r.status.as_str().to_string();
        if let Some(k) = r.reserve {
            status = format!("{status} {k}");
        }
        if r.unresolved_tie {
            status.push_str(" (seri, menunggu pleno)");
        }
        w.write_record([
            &r.reg_number,
            &r.full_name,
            &r.sex,
            &r.unit_code,
            &r.written,
            &r.interview,
            &r.final_score,
            &r.rank.map(|x| x.to_string()).unwrap_or_default(),
            &status,
        ])?;
    }
    flush(w)
}

/// The quota recap of a round as CSV, the kabupaten's total last.
pub async fn print_quota(db: &Db, session: &Session, round: i64, now: DateTime<Utc>) -> Result<()> {
    let board = quota::quota(db, session, round, now).await?;
    let mut w = csv_out();
    w.write_record([
        "kode_wilayah",
        "wilayah",
        "kecamatan",
        "kuota",
        "pendaftar",
        "ms",
        "lulus_tertulis",
        "terpilih",
        "cadangan",
        "perempuan_terpilih",
        "persen_perempuan",
        "catatan",
    ])?;
    for u in board.units.iter().chain(std::iter::once(&board.total)) {
        let flags: Vec<&str> = u.flags.iter().map(|f| f.label()).collect();
        w.write_record([
            u.unit_code.as_str(),
            &u.unit_name,
            &u.kecamatan_name,
            &u.quota.to_string(),
            &u.registered.to_string(),
            &u.ms.to_string(),
            &u.passed_written.to_string(),
            &u.terpilih.to_string(),
            &u.cadangan.to_string(),
            &u.women_terpilih.to_string(),
            &u.women_percent.map(|p| p.to_string()).unwrap_or_default(),
            &flags.join("; "),
        ])?;
    }
    flush(w)
}

pub async fn scores(
    db: &Db,
    session: &Session,
    cmd: ScoresCommand,
    now: DateTime<Utc>,
) -> Result<()> {
    let ScoresCommand::Import { round, stage, file } = cmd;
    let stage = Stage::parse(&stage)?;
    let bytes = read_file(&file)?;
    let report = scores::import_marks(db, session, round, stage, &bytes, now).await?;
    if !report.problems.is_empty() {
        return report_problems(&report.problems, &file, "nilai lama tidak berubah");
    }
    eprintln!(
        "{} nilai {} disimpan ({} tidak hadir).",
        report.stored,
        stage.label().to_lowercase(),
        report.absent
    );
    Ok(())
}
