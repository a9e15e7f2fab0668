//! `adhoc`: the command-line face of Seleksi Ad Hoc. It parses arguments,
//! calls the core's services and prints: CSV for machines on stdout, messages
//! for people on stderr; exit code 0 only on success.
//!
//! One module per command group; each has a `run` that takes the open
//! database. [`on_db!`] opens the database, runs one and closes it again
//! (checkpointing the WAL) whatever the outcome.

mod answer_sheets;
mod applicants;
mod audit;
mod continuity;
mod documents;
mod hadir;
mod interview;
mod lists;
mod parties;
mod penunjukan;
mod rounds;
mod scores;
mod selection;
mod stage;
mod storage;
mod tes;
mod users;

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use clap::{Parser, Subcommand};

use adhoc::docs::csv_out::CsvOut;
use adhoc::docs::problems::{write_problems, Problems};
use adhoc::domain::permission::Session;
use adhoc::domain::region::atlas;
use adhoc::domain::text::number;
use adhoc::error::{Error, Result};
use adhoc::service::{demo, setup};
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
    /// Seleksi (rounds): membuat, mengatur aturan, kuota per wilayah.
    #[command(subcommand)]
    Rounds(rounds::RoundsCommand),
    /// Akun petugas. Kata sandi dibaca dari terminal (tanpa tampil) atau dari stdin.
    #[command(subcommand)]
    User(users::UserCommand),
    /// Jejak audit.
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Daftar anggota partai politik (ekspor SIPOL), atau catatan bahwa
    /// keanggotaan sudah diperiksa dengan cara lain.
    #[command(subcommand)]
    Parties(parties::PartiesCommand),
    /// Pendaftar: impor, ekspor, pencarian, tanda terima.
    #[command(subcommand)]
    Applicants(applicants::ApplicantsCommand),
    /// Hasil pemeriksaan berkas (penelitian administrasi).
    #[command(subcommand)]
    Documents(documents::DocumentsCommand),
    /// Membuka, menutup, membuka kembali tahapan; perpanjangan pendaftaran;
    /// keputusan pleno atas nilai seri.
    #[command(subcommand)]
    Stage(stage::StageCommand),
    /// Nilai tes tertulis dan wawancara.
    #[command(subcommand)]
    Scores(scores::ScoresCommand),
    /// Tes tertulis di kertas: kunci jawaban per versi, pengaturan
    /// penilaian, impor lembar jawaban, analisis per soal, nilai.
    #[command(subcommand, name = "lembar-jawaban")]
    AnswerSheets(answer_sheets::AnswerSheetsCommand),
    /// Wawancara dengan panel: panel dan pewawancara, aspek dan bobot,
    /// pembagian peserta, nilai per aspek, formulir penilaian (PDF), jadwal.
    #[command(subcommand)]
    Wawancara(interview::InterviewCommand),
    /// Tes tertulis: nomor peserta, tempat, ruang, sesi, tempat duduk,
    /// jadwal dan pengumumannya.
    #[command(subcommand)]
    Tes(tes::TesCommand),
    /// Penunjukan: mengisi kursi wilayah yang masih kurang sesudah
    /// perpanjangan pendaftaran habis; daftar, keadaan wilayah, pembatalan.
    #[command(subcommand)]
    Penunjukan(penunjukan::PenunjukanCommand),
    /// Hasil satu tahap seleksi sebagai CSV atau Excel (--format xlsx --out BERKAS).
    Results(selection::ResultsArgs),
    /// Dokumen resmi dari satu tahap yang sudah ditutup, sebagai PDF:
    /// pengumuman (administrasi, tertulis, akhir), berita acara (setiap
    /// tahap), atau lampiran SK penetapan (tahap akhir).
    Announce(documents::AnnounceArgs),
    /// Rekap kuota per wilayah sebagai CSV atau Excel (kuota, pendaftar, MS,
    /// lulus tertulis, terpilih, cadangan, perempuan, catatan); dengan
    /// --perempuan, keterwakilan perempuan di setiap tahap.
    Quota {
        #[arg(long)]
        round: i64,
        /// Keterwakilan perempuan per tahap (pendaftar, MS, lulus tes
        /// tertulis, daftar akhir, anggota) dengan catatan bila < 30%.
        #[arg(long)]
        perempuan: bool,
        #[command(flatten)]
        output: lists::ListOutput,
    },
    /// Mencadangkan database (salinan utuh + manifest + berkas pindaian),
    /// misalnya ke flashdisk.
    Backup {
        /// Folder tujuan; bila tidak diisi, folder cadangan otomatis
        /// (cadangan/ di samping database).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Mengunci cadangan dengan kata sandi (age: scrypt +
        /// ChaCha20-Poly1305) menjadi satu berkas .tar.age; hanya dengan
        /// --out. Kata sandi ditanyakan (tanpa terminal: satu baris dari
        /// stdin).
        #[arg(long, requires = "out")]
        kunci: bool,
    },
    /// Memulihkan database dari berkas cadangan: diperiksa dulu, database
    /// yang sekarang disimpan sebagai cadangan, lalu ditukar.
    Restore {
        file: PathBuf,
        /// Hanya memeriksa dan menampilkan isinya, tanpa memulihkan.
        #[arg(long)]
        periksa: bool,
        /// Cadangan memang dari database lain (jejak auditnya bukan
        /// lanjutan database ini), mis. dari kantor lain.
        #[arg(long = "dari-tempat-lain")]
        dari_tempat_lain: bool,
    },
    /// Anggota lanjutan: melanjutkan anggota seleksi sebelumnya (evaluasi
    /// kinerja) per wilayah; seleksi hanya mengisi kursi yang tersisa.
    #[command(subcommand)]
    Lanjutan(continuity::LanjutanCommand),
    /// Evaluasi kinerja anggota selama masa kerja: laporan bulanan dan
    /// evaluasi akhir masa kerja.
    #[command(subcommand)]
    Evaluasi(continuity::EvaluasiCommand),
    /// Riwayat seseorang menurut NIK di semua seleksi (CSV).
    Riwayat { nik: String },
    /// Membuat database demo Kabupaten Pasuruan dengan pendaftar fiktif.
    Demo {
        /// Benih acak; benih yang sama menghasilkan database yang sama.
        #[arg(long, default_value_t = demo::DEFAULT_SEED)]
        seed: u64,
    },
}

pub(crate) fn db_path(cli_db: Option<PathBuf>) -> Result<PathBuf> {
    cli_db
        .or_else(adhoc::paths::default_db_path)
        .ok_or_else(|| {
            Error::validation(
                "db",
                "Folder data tidak diketahui; sebutkan berkas database dengan --db PATH.",
            )
        })
}

/// Opens an existing database.
pub(crate) async fn open(cli_db: Option<PathBuf>) -> Result<Db> {
    Db::open(&db_path(cli_db)?, OpenMode::MustExist).await
}

/// Opens the database, runs `$db => $body` (an async expression using
/// `$db: &Db`) and closes the database whatever the outcome.
macro_rules! on_db {
    ($path:expr, |$db:ident| $body:expr) => {{
        let opened = open($path).await?;
        let result = {
            let $db = &opened;
            $body.await
        };
        // The audit chain's head is kept beside the database (issue 15).
        let _ = adhoc::service::audit::anchor(&opened, chrono::Utc::now()).await;
        opened.close().await;
        result
    }};
}

/// CSV on stdout, through the core's writer: formula-looking cells are
/// neutralised, as in every file the app writes.
pub(crate) fn csv_out() -> CsvOut<std::io::Stdout> {
    CsvOut::new(std::io::stdout())
}

pub(crate) fn flush(mut w: CsvOut<std::io::Stdout>) -> Result<()> {
    w.flush()
}

/// Prints import problems as CSV (the first ones, then a row saying how
/// many more) and returns the error that says nothing was stored.
pub(crate) fn report_problems(
    problems: &Problems,
    file: &std::path::Path,
    what: &str,
) -> Result<()> {
    write_problems(problems, std::io::stdout().lock())?;
    let listed = if problems.more > 0 {
        format!(
            " ({} pertama dicetak, {} lainnya tidak)",
            number(problems.listed.len() as u64),
            number(u64::from(problems.more))
        )
    } else {
        String::new()
    };
    Err(Error::validation(
        "file",
        format!(
            "{} masalah di {}{listed}; tidak ada yang disimpan, {what}.",
            number(problems.total()),
            file.display()
        ),
    ))
}

/// Reads a whole input file (at most the size an import takes), saying
/// which one when it cannot.
pub(crate) fn read_file(path: &std::path::Path) -> Result<Vec<u8>> {
    adhoc::docs::csv_in::read_file(path)
}

async fn run(cli: Cli) -> Result<()> {
    let now = Utc::now();
    let cli_session = Session::cli();
    let session = &cli_session;
    match cli.command {
        Command::Wilayah { cari } => {
            let mut w = csv_out();
            w.write_record(["kode", "nama", "provinsi"])?;
            for k in atlas().search_kabupaten(&cari, 600) {
                w.write_record([&k.code, &k.name, &k.provinsi])?;
            }
            flush(w)
        }
        Command::Init { wilayah } => {
            let path = db_path(cli.db)?;
            let db = Db::open(&path, OpenMode::CreateIfMissing).await?;
            let result = setup::initialize(&db, session, &wilayah, now).await;
            db.close().await;
            let kab = result?;
            eprintln!(
                "Database {} disiapkan untuk {} ({}). Buka aplikasi untuk membuat akun administrator.",
                path.display(),
                kab.name,
                kab.code
            );
            Ok(())
        }
        Command::Backup { out, kunci } => {
            on_db!(cli.db, |db| storage::backup(db, out, kunci, now))
        }
        Command::Restore {
            file,
            periksa,
            dari_tempat_lain,
        } => storage::restore(&db_path(cli.db)?, &file, periksa, dari_tempat_lain, now).await,
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
        Command::Rounds(cmd) => on_db!(cli.db, |db| rounds::run(db, session, cmd, now)),
        Command::User(cmd) => on_db!(cli.db, |db| users::run(db, session, cmd, now)),
        Command::Documents(cmd) => on_db!(cli.db, |db| documents::run(db, session, cmd, now)),
        Command::Stage(cmd) => on_db!(cli.db, |db| stage::run(db, session, cmd, now)),
        Command::Results(args) => {
            on_db!(cli.db, |db| selection::print_results(
                db, session, args, now
            ))
        }
        Command::Announce(args) => {
            on_db!(cli.db, |db| documents::announce(db, session, args, now))
        }
        Command::Quota {
            round,
            perempuan,
            output,
        } => {
            on_db!(cli.db, |db| selection::print_quota(
                db, session, round, perempuan, output, now
            ))
        }
        Command::Scores(cmd) => on_db!(cli.db, |db| scores::run(db, session, cmd, now)),
        Command::AnswerSheets(cmd) => {
            on_db!(cli.db, |db| answer_sheets::run(db, session, cmd, now))
        }
        Command::Wawancara(cmd) => on_db!(cli.db, |db| interview::run(db, session, cmd, now)),
        Command::Tes(cmd) => on_db!(cli.db, |db| tes::run(db, session, cmd, now)),
        Command::Applicants(cmd) => on_db!(cli.db, |db| applicants::run(db, session, cmd, now)),
        Command::Parties(cmd) => on_db!(cli.db, |db| parties::run(db, session, cmd, now)),
        Command::Penunjukan(cmd) => on_db!(cli.db, |db| penunjukan::run(db, session, cmd, now)),
        Command::Audit(cmd) => on_db!(cli.db, |db| audit::run(db, session, cmd, now)),
        Command::Lanjutan(cmd) => {
            on_db!(cli.db, |db| continuity::run_lanjutan(db, session, cmd, now))
        }
        Command::Evaluasi(cmd) => {
            on_db!(cli.db, |db| continuity::run_evaluasi(db, session, cmd, now))
        }
        Command::Riwayat { nik } => {
            on_db!(cli.db, |db| continuity::print_history(db, session, &nik))
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
