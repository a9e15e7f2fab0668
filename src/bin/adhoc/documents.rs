//! `adhoc documents` (verdicts on the applicants' documents) and `adhoc
//! announce` (the official documents of a closed stage as PDF).

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};

use adhoc::domain::permission::Session;
use adhoc::domain::publication::PublicationKind;
use adhoc::domain::round::Stage;
use adhoc::error::{Error, Result};
use adhoc::service::{document_import, publications};
use adhoc::store::Db;

use crate::{read_file, report_problems};

#[derive(Subcommand)]
pub enum DocumentsCommand {
    /// Mengimpor hasil pemeriksaan berkas dari CSV
    /// (nomor_pendaftaran,kode_dokumen,status,alasan). Semua atau tidak sama
    /// sekali; status: sesuai, tidak_sesuai (alasan wajib), tidak_ada.
    Import {
        #[arg(long)]
        round: i64,
        file: PathBuf,
    },
}

#[derive(Args)]
pub struct AnnounceArgs {
    #[arg(long)]
    round: i64,
    /// Tahap: pendaftaran, administrasi, tertulis, wawancara, akhir, penetapan.
    #[arg(long)]
    stage: String,
    #[arg(long)]
    out: PathBuf,
    /// Jenis dokumen: pengumuman, berita-acara, atau lampiran-sk.
    #[arg(long, default_value = "pengumuman")]
    jenis: String,
    /// Hanya satu kecamatan atau desa (kode), untuk ditempel di kantornya.
    #[arg(long)]
    wilayah: Option<String>,
    /// Nomor yang dicetak; bila tidak diisi, nomor berikutnya dari
    /// templat nomor (atau nomor yang sudah diberikan sebelumnya).
    #[arg(long)]
    nomor: Option<String>,
    /// Nama Ketua yang menandatangani.
    #[arg(long)]
    ketua: Option<String>,
    /// Ukuran kertas: a4 atau f4.
    #[arg(long, default_value = "a4")]
    kertas: String,
}

pub async fn run(
    db: &Db,
    session: &Session,
    cmd: DocumentsCommand,
    now: DateTime<Utc>,
) -> Result<()> {
    let DocumentsCommand::Import { round, file } = cmd;
    let bytes = read_file(&file)?;
    let report = document_import::import(db, session, round, &bytes, now).await?;
    if !report.problems.is_empty() {
        return report_problems(&report.problems, &file, "hasil lama tidak berubah");
    }
    eprintln!("{} hasil pemeriksaan berkas disimpan.", report.stored);
    Ok(())
}

pub async fn announce(
    db: &Db,
    session: &Session,
    a: AnnounceArgs,
    now: DateTime<Utc>,
) -> Result<()> {
    let stage = Stage::parse(&a.stage)?;
    let kind = match a
        .jenis
        .trim()
        .to_ascii_lowercase()
        .replace('_', "-")
        .as_str()
    {
        "lampiran-sk" => PublicationKind::LampiranSk,
        "berita-acara" => PublicationKind::BeritaAcara(stage),
        "pengumuman" => PublicationKind::Pengumuman(stage),
        other => PublicationKind::parse(other)?,
    };
    let req = publications::PublicationRequest {
        kind,
        unit: a.wilayah,
        paper: adhoc::pdf::Paper::parse(&a.kertas)?,
        number: a.nomor,
        signer: a.ketua,
    };
    let made = publications::make(db, session, a.round, &req, now).await?;
    std::fs::write(&a.out, &made.bytes).map_err(|e| Error::io_at("menulis", &a.out, e))?;
    if made.draft {
        eprintln!(
            "{} ditulis ke {} sebagai konsep tanpa nomor.",
            kind.label(),
            a.out.display()
        );
    } else {
        eprintln!(
            "{} nomor {} ditulis ke {}.",
            kind.label(),
            made.number,
            a.out.display()
        );
    }
    Ok(())
}
