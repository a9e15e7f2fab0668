//! `adhoc results` and `adhoc quota`: the selection after the
//! administrative check, as CSV or Excel.

use chrono::{DateTime, Utc};
use clap::Args;

use adhoc::domain::permission::Session;
use adhoc::domain::round::Stage;
use adhoc::error::Result;
use adhoc::service::exports::ListRequest;
use adhoc::store::Db;

use crate::lists::{self, ListOutput};

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

/// The quota recap of a round, or (`women`) the women's share at every
/// stage; the kabupaten's total last.
pub async fn print_quota(
    db: &Db,
    session: &Session,
    round: i64,
    women: bool,
    output: ListOutput,
    now: DateTime<Utc>,
) -> Result<()> {
    let request = if women {
        ListRequest::Women { round_id: round }
    } else {
        ListRequest::Quota { round_id: round }
    };
    lists::export(db, session, request, output, now).await?;
    Ok(())
}
