//! `adhoc results`, `adhoc quota` and `adhoc scores`: the selection after
//! the administrative check, as CSV or Excel.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};

use adhoc::domain::permission::Session;
use adhoc::domain::round::Stage;
use adhoc::error::Result;
use adhoc::service::exports::ListRequest;
use adhoc::service::scores;
use adhoc::store::Db;

use crate::lists::{self, ListOutput};
use crate::{read_file, report_problems};

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
    #[command(flatten)]
    output: ListOutput,
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

/// Prints a stage's results as CSV, or writes them to a file: the
/// administrative verdicts, or the written test's and the final ranking
/// with scores, rank and status.
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
        output,
    } = args;
    let request = ListRequest::Results {
        round_id: round,
        stage: Stage::parse(&stage)?,
        unit,
    };
    lists::export(db, session, request, output, now).await?;
    Ok(())
}

/// The quota recap of a round, the kabupaten's total last.
pub async fn print_quota(
    db: &Db,
    session: &Session,
    round: i64,
    output: ListOutput,
    now: DateTime<Utc>,
) -> Result<()> {
    let request = ListRequest::Quota { round_id: round };
    lists::export(db, session, request, output, now).await?;
    Ok(())
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
