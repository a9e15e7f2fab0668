//! Where a list goes: CSV on stdout as always, or a file (`--out`) as CSV
//! or as an Excel workbook (`--format xlsx`, which needs `--out`: a
//! workbook is binary and never goes to a terminal).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use clap::{Args, ValueEnum};

use adhoc::docs::lists::ExportFormat;
use adhoc::domain::permission::Session;
use adhoc::error::{Error, Result};
use adhoc::service::exports::{self, ListRequest};
use adhoc::store::Db;

#[derive(Clone, Copy, Default, ValueEnum)]
pub enum FormatArg {
    #[default]
    Csv,
    /// Excel (xlsx): judul kolom tebal dan tetap terlihat, filter, angka
    /// sebagai angka, tanggal sebagai tanggal, NIK dan nomor sebagai teks.
    Xlsx,
}

/// `--format` and `--out` of every list command.
#[derive(Args)]
pub struct ListOutput {
    /// Bentuk berkas: csv (bawaan) atau xlsx (Excel; perlu --out).
    #[arg(long, value_enum, default_value_t)]
    format: FormatArg,
    /// Berkas yang ditulis; tanpa --out, CSV dicetak ke stdout.
    #[arg(long)]
    out: Option<PathBuf>,
}

impl ListOutput {
    fn format(&self) -> ExportFormat {
        match self.format {
            FormatArg::Csv => ExportFormat::Csv,
            FormatArg::Xlsx => ExportFormat::Xlsx,
        }
    }
}

/// Writes the list `request` names where `output` says; returns the rows
/// written. A file is said on stderr when written.
pub async fn export(
    db: &Db,
    session: &Session,
    request: ListRequest,
    output: ListOutput,
    now: DateTime<Utc>,
) -> Result<usize> {
    let format = output.format();
    if format == ExportFormat::Xlsx && output.out.is_none() {
        return Err(Error::validation(
            "out",
            "Berkas Excel tidak dicetak ke layar: sebutkan berkas tujuannya dengan --out, \
             mis. --out hasil.xlsx.",
        ));
    }
    let export = exports::prepare(db, session, request, format, now).await?;
    match &output.out {
        None => exports::save(db, session, &export, std::io::stdout().lock(), now).await,
        Some(path) => {
            let file = std::fs::File::create(path).map_err(|e| Error::io_at("menulis", path, e))?;
            let n = exports::save(db, session, &export, std::io::BufWriter::new(file), now).await?;
            say_written(n, path);
            Ok(n)
        }
    }
}

fn say_written(rows: usize, path: &Path) {
    eprintln!(
        "{} baris ditulis ke {}.",
        adhoc::domain::text::number(rows as u64),
        path.display()
    );
}
