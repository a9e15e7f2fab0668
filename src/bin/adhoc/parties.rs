//! `adhoc parties`: the party-membership list (SIPOL export), its hits,
//! and membership checked another way for a round.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::Subcommand;

use adhoc::domain::party_check::PartyCheckMethod;
use adhoc::domain::permission::Session;
use adhoc::error::Result;
use adhoc::service::exports::{party_hits_table, ListRequest};
use adhoc::service::parties;
use adhoc::store::Db;

use crate::lists::{self, ListOutput};
use crate::{csv_out, flush, read_file, report_problems};

#[derive(Subcommand)]
pub enum PartiesCommand {
    /// Mengganti daftar dengan isi berkas CSV (kolom nik,partai). Semua atau
    /// tidak sama sekali: bila ada baris salah, tidak ada yang disimpan dan
    /// setiap masalah dicetak (CSV: baris,kolom,alasan).
    Import { file: PathBuf },
    /// Pendaftar yang NIK-nya ada dalam daftar (CSV atau Excel:
    /// nomor_pendaftaran,nama,seleksi,partai).
    Hits {
        #[command(flatten)]
        output: ListOutput,
    },
    /// Mencatat bahwa keanggotaan partai pendaftar satu seleksi sudah
    /// diperiksa tanpa berkas daftar; pendaftar lalu memenuhi aturan itu
    /// dengan catatan ini (daftar yang diimpor kemudian tetap didahulukan).
    Periksa {
        #[arg(long)]
        round: i64,
        /// sipol_daring, surat_kpu_ri, atau tanpa_daftar.
        #[arg(long)]
        cara: String,
        /// Keterangan, mis. nomor surat atau tanggal pemeriksaan.
        #[arg(long, default_value = "")]
        catatan: String,
    },
    /// Menghapus catatan pemeriksaan tanpa berkas daftar dari satu seleksi.
    HapusPeriksa {
        #[arg(long)]
        round: i64,
    },
    /// Keadaan aturan keanggotaan partai untuk satu seleksi.
    Status {
        #[arg(long)]
        round: i64,
    },
}

/// The hits an import found, as CSV on stdout.
fn print_hits(hits: Vec<parties::PartyHit>) -> Result<()> {
    let mut w = csv_out();
    party_hits_table(hits).write_csv(&mut w)?;
    flush(w)
}

pub async fn run(
    db: &Db,
    session: &Session,
    cmd: PartiesCommand,
    now: DateTime<Utc>,
) -> Result<()> {
    match cmd {
        PartiesCommand::Import { file } => {
            let bytes = read_file(&file)?;
            let report = parties::import(db, session, &bytes, now).await?;
            if !report.is_stored() {
                return report_problems(&report.problems, &file, "daftar lama tetap berlaku");
            }
            let hits = report.hits.len();
            print_hits(report.hits)?;
            eprintln!(
                "{} anggota partai disimpan; {hits} pendaftar tercantum di dalamnya.",
                report.members,
            );
            Ok(())
        }
        PartiesCommand::Hits { output } => {
            lists::export(db, session, ListRequest::PartyHits, output, now).await?;
            Ok(())
        }
        PartiesCommand::Periksa {
            round,
            cara,
            catatan,
        } => {
            let method = PartyCheckMethod::parse(&cara)?;
            let check = parties::record_check(db, session, round, method, &catatan, now).await?;
            eprintln!("Dicatat untuk seleksi {round}: {}", check.reason());
            Ok(())
        }
        PartiesCommand::HapusPeriksa { round } => {
            parties::clear_check(db, session, round, now).await?;
            eprintln!("Catatan pemeriksaan keanggotaan partai seleksi {round} dihapus.");
            Ok(())
        }
        PartiesCommand::Status { round } => {
            let state = parties::list_state(db, session, round).await?;
            println!("{}", state.summary);
            Ok(())
        }
    }
}
