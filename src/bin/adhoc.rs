//! `adhoc`: the command-line face of Seleksi Ad Hoc. It parses arguments,
//! calls the core's services and prints: CSV for machines on stdout, messages
//! for people on stderr; exit code 0 only on success.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use clap::{Args, Parser, Subcommand};

use adhoc::domain::region::atlas;
use adhoc::domain::round::{Body, Preset};
use adhoc::error::{Error, Result};
use adhoc::service::auth::Session;
use adhoc::service::{demo, rounds, setup};
use adhoc::store::{Db, OpenMode};

#[derive(Parser)]
#[command(
    name = "adhoc",
    version,
    about = "Seleksi Ad Hoc: seleksi anggota PPK dan PPS dari baris perintah"
)]
struct Cli {
    /// Berkas database (bawaan: database aplikasi desktop).
    #[arg(long, global = true, env = "ADHOC_DB")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Membuat database baru untuk satu kabupaten/kota.
    Init {
        /// Kode kabupaten/kota Kemendagri, mis. 3514 atau 35.14.
        #[arg(long)]
        wilayah: String,
    },
    /// Mencari kode kabupaten/kota (CSV: kode,nama,provinsi).
    Wilayah {
        /// Kata kunci nama atau kode, mis. "pasuruan".
        cari: String,
    },
    /// Seleksi (rounds).
    #[command(subcommand)]
    Rounds(RoundsCommand),
    /// Membuat database demo Kabupaten Pasuruan dengan pendaftar fiktif.
    Demo {
        /// Benih acak; benih yang sama menghasilkan database yang sama.
        #[arg(long, default_value_t = demo::DEFAULT_SEED)]
        seed: u64,
    },
}

#[derive(Subcommand)]
enum RoundsCommand {
    /// Daftar seleksi (CSV: id,pemilihan,badan,tahapan,nama,pendaftar).
    List,
    /// Membuat seleksi dari preset.
    Create(CreateRound),
    /// Mengatur kuota satu wilayah tugas (kecamatan untuk PPK, desa untuk PPS).
    Kuota {
        /// Nomor (id) seleksi.
        #[arg(long)]
        round: i64,
        /// Kode wilayah tugas, mis. 35.14.01 atau 35.14.01.2001.
        #[arg(long)]
        wilayah: String,
        /// Kuota baru.
        #[arg(long, required_unless_present = "hapus")]
        kuota: Option<u32>,
        /// Alasan perubahan kuota.
        #[arg(long, default_value = "")]
        alasan: String,
        /// Menghapus pengaturan khusus sehingga kuota bawaan berlaku lagi.
        #[arg(long, conflicts_with = "kuota")]
        hapus: bool,
    },
}

#[derive(Args)]
struct CreateRound {
    /// pemilu-2024 atau pilkada-2024.
    #[arg(long)]
    preset: String,
    /// PPK atau PPS.
    #[arg(long)]
    badan: String,
    /// Nama seleksi (bawaan: "<pemilihan> – <badan>").
    #[arg(long)]
    nama: Option<String>,
}

fn db_path(cli_db: Option<PathBuf>) -> Result<PathBuf> {
    cli_db
        .or_else(adhoc::paths::default_db_path)
        .ok_or_else(|| {
            Error::validation(
                "db",
                "Folder data tidak diketahui; sebutkan berkas database dengan --db PATH.",
            )
        })
}

fn csv_out() -> csv::Writer<std::io::Stdout> {
    csv::Writer::from_writer(std::io::stdout())
}

fn flush(mut w: csv::Writer<std::io::Stdout>) -> Result<()> {
    w.flush()?;
    Ok(())
}

fn csv_err(e: csv::Error) -> Error {
    Error::Io(std::io::Error::other(e))
}

async fn run(cli: Cli) -> Result<()> {
    let now = Utc::now();
    match cli.command {
        Command::Wilayah { cari } => {
            let mut w = csv_out();
            w.write_record(["kode", "nama", "provinsi"])
                .map_err(csv_err)?;
            for k in atlas().search_kabupaten(&cari, 600) {
                w.write_record([&k.code, &k.name, &k.provinsi])
                    .map_err(csv_err)?;
            }
            flush(w)
        }
        Command::Init { wilayah } => {
            let path = db_path(cli.db)?;
            let db = Db::open(&path, OpenMode::CreateIfMissing).await?;
            let kab = setup::initialize(&db, &wilayah, now).await?;
            db.close().await;
            eprintln!(
                "Database {} disiapkan untuk {} ({}). Buka aplikasi untuk membuat akun administrator.",
                path.display(),
                kab.name,
                kab.code
            );
            Ok(())
        }
        Command::Demo { seed } => {
            let path = db_path(cli.db)?;
            let report = demo::build_demo(&path, seed, now).await?;
            eprintln!("Database demo dibuat: {}", path.display());
            for (name, n) in &report.rounds {
                eprintln!("  {name}: {n} pendaftar (fiktif)");
            }
            let users: Vec<&str> = report.accounts.iter().map(|(u, _)| u.as_str()).collect();
            eprintln!(
                "  Akun: {} (kata sandi: {})",
                users.join(", "),
                demo::DEMO_PASSWORD
            );
            Ok(())
        }
        Command::Rounds(cmd) => {
            let db = Db::open(&db_path(cli.db)?, OpenMode::MustExist).await?;
            let session = Session::cli();
            let result = rounds_command(&db, &session, cmd, now).await;
            db.close().await;
            result
        }
    }
}

async fn rounds_command(
    db: &Db,
    session: &Session,
    cmd: RoundsCommand,
    now: chrono::DateTime<Utc>,
) -> Result<()> {
    match cmd {
        RoundsCommand::List => {
            let mut w = csv_out();
            w.write_record(["id", "pemilihan", "badan", "tahapan", "nama", "pendaftar"])
                .map_err(csv_err)?;
            for r in rounds::list_rounds(db).await? {
                w.write_record([
                    r.id.to_string(),
                    r.election,
                    r.body.to_string(),
                    r.current_stage.as_str().to_string(),
                    r.name,
                    r.applicants.to_string(),
                ])
                .map_err(csv_err)?;
            }
            flush(w)
        }
        RoundsCommand::Create(c) => {
            let preset = Preset::parse(&c.preset)?;
            let body = Body::parse(&c.badan)?;
            let r = rounds::create_from_preset(db, session, preset, body, c.nama.as_deref(), now)
                .await?;
            eprintln!("Seleksi \"{}\" dibuat dengan nomor {}.", r.name, r.id);
            let mut out = std::io::stdout();
            writeln!(out, "{}", r.id)?;
            Ok(())
        }
        RoundsCommand::Kuota {
            round,
            wilayah,
            kuota,
            alasan,
            hapus,
        } => {
            let quota = if hapus { None } else { kuota };
            rounds::set_unit_quota(db, session, round, &wilayah, quota, &alasan).await?;
            match quota {
                Some(q) => eprintln!("Kuota {wilayah} pada seleksi {round} menjadi {q}."),
                None => eprintln!(
                    "Kuota khusus {wilayah} pada seleksi {round} dihapus; kuota bawaan berlaku."
                ),
            }
            Ok(())
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Galat: {e}");
            ExitCode::FAILURE
        }
    }
}
