//! `adhoc`: the command-line face of Seleksi Ad Hoc. It parses arguments,
//! calls the core's services and prints: CSV for machines on stdout, messages
//! for people on stderr; exit code 0 only on success.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use clap::{Args, Parser, Subcommand};

use adhoc::domain::account::Role;
use adhoc::domain::publication::PublicationKind;
use adhoc::domain::region::atlas;
use adhoc::domain::round::{Body, Preset, Stage};
use adhoc::error::{Error, Result};
use adhoc::service::audit::AuditQuery;
use adhoc::service::auth::Session;
use adhoc::service::setup::NewAccount;
use adhoc::service::{
    accounts, applicants, audit, backup, demo, parties, publications, registration, rounds,
    selection, setup, stages, verification,
};
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
    /// Akun petugas. Kata sandi dibaca dari terminal (tanpa tampil) atau dari stdin.
    #[command(subcommand)]
    User(UserCommand),
    /// Jejak audit.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Daftar anggota partai politik (ekspor SIPOL).
    #[command(subcommand)]
    Parties(PartiesCommand),
    /// Pendaftar: impor dan ekspor CSV.
    #[command(subcommand)]
    Applicants(ApplicantsCommand),
    /// Hasil pemeriksaan berkas (penelitian administrasi).
    #[command(subcommand)]
    Documents(DocumentsCommand),
    /// Membuka, menutup, membuka kembali tahapan; perpanjangan pendaftaran.
    #[command(subcommand)]
    Stage(StageCommand),
    /// Nilai tes tertulis dan wawancara.
    #[command(subcommand)]
    Scores(ScoresCommand),
    /// Hasil satu tahap seleksi sebagai CSV.
    Results {
        #[arg(long)]
        round: i64,
        /// Tahap: administrasi, tertulis, atau akhir.
        #[arg(long)]
        stage: String,
        /// Hanya satu kecamatan atau desa (kode), mis. 35.14.01.
        #[arg(long)]
        wilayah: Option<String>,
    },
    /// Dokumen resmi dari satu tahap yang sudah ditutup, sebagai PDF:
    /// pengumuman (administrasi, tertulis, akhir), berita acara (setiap
    /// tahap), atau lampiran SK penetapan (tahap akhir).
    Announce {
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
    },
    /// Rekap kuota per wilayah sebagai CSV (kuota, pendaftar, MS, lulus
    /// tertulis, terpilih, cadangan, perempuan, catatan).
    Quota {
        #[arg(long)]
        round: i64,
    },
    /// Mencadangkan database (salinan utuh + manifest + berkas pindaian),
    /// misalnya ke flashdisk.
    Backup {
        /// Folder tujuan; bila tidak diisi, folder cadangan otomatis
        /// (cadangan/ di samping database).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Memulihkan database dari berkas cadangan: diperiksa dulu, database
    /// yang sekarang disimpan sebagai cadangan, lalu ditukar.
    Restore {
        file: PathBuf,
        /// Hanya memeriksa dan menampilkan isinya, tanpa memulihkan.
        #[arg(long)]
        periksa: bool,
    },
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

#[derive(Subcommand)]
enum UserCommand {
    /// Membuat akun.
    Add {
        #[arg(long)]
        username: String,
        /// Nama lengkap.
        #[arg(long)]
        nama: String,
        /// administrator, operator, verifikator atau pimpinan.
        #[arg(long)]
        peran: String,
    },
    /// Daftar akun (CSV: username,nama,peran,aktif,gagal_masuk,terkunci_sampai).
    List,
    /// Mengganti kata sandi akun (dan membuka kuncinya).
    Passwd { username: String },
    /// Menonaktifkan akun (akun tidak pernah dihapus).
    Deactivate { username: String },
    /// Mengaktifkan kembali akun.
    Activate { username: String },
    /// Membuka kunci akun setelah salah kata sandi berulang.
    Unlock { username: String },
    /// Mengganti peran akun.
    Role {
        username: String,
        #[arg(long)]
        peran: String,
    },
}

#[derive(Subcommand)]
enum StageCommand {
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
        sampai: Option<chrono::NaiveDate>,
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
}

#[derive(Subcommand)]
enum ScoresCommand {
    /// Mengimpor nilai dari CSV (nomor_pendaftaran,nilai[,hadir]); nilai
    /// "absen" atau hadir=tidak untuk yang tidak hadir. Semua atau tidak sama
    /// sekali.
    Import {
        #[arg(long)]
        round: i64,
        /// tertulis atau wawancara.
        #[arg(long)]
        stage: String,
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum DocumentsCommand {
    /// Mengimpor hasil pemeriksaan berkas dari CSV
    /// (nomor_pendaftaran,kode_dokumen,status,alasan). Semua atau tidak sama
    /// sekali; status: sesuai, tidak_sesuai (alasan wajib), tidak_ada.
    Import {
        #[arg(long)]
        round: i64,
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum ApplicantsCommand {
    /// Mengimpor pendaftar dari CSV ke satu seleksi. Semua atau tidak sama
    /// sekali: bila ada baris salah, tidak ada yang disimpan dan setiap
    /// masalah dicetak (CSV: baris,kolom,alasan).
    Import {
        /// Nomor (id) seleksi.
        #[arg(long)]
        round: i64,
        file: PathBuf,
    },
    /// Mengekspor pendaftar satu seleksi sebagai CSV (format yang sama dengan impor).
    Export {
        #[arg(long)]
        round: i64,
    },
    /// Mencari pendaftar satu seleksi (awal nama, awal NIK, atau nomor
    /// pendaftaran) dan mencetak CSV.
    List {
        #[arg(long)]
        round: i64,
        /// Teks yang dicari; kosong untuk semua.
        #[arg(long, default_value = "")]
        cari: String,
        /// Paling banyak sekian baris.
        #[arg(long, default_value_t = 100)]
        batas: u32,
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

#[derive(Subcommand)]
enum PartiesCommand {
    /// Mengganti daftar dengan isi berkas CSV (kolom nik,partai). Semua atau
    /// tidak sama sekali: bila ada baris salah, tidak ada yang disimpan dan
    /// setiap masalah dicetak (CSV: baris,kolom,alasan).
    Import { file: PathBuf },
    /// Pendaftar yang NIK-nya ada dalam daftar (CSV: nomor_pendaftaran,nama,seleksi,partai).
    Hits,
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Memeriksa rantai jejak audit; menyebut catatan pertama yang rusak.
    Verify,
    /// Mengekspor jejak audit sebagai CSV ke stdout.
    Export {
        /// Hanya catatan pengguna ini.
        #[arg(long)]
        pengguna: Option<String>,
        /// Hanya objek jenis ini (mis. user, round).
        #[arg(long)]
        objek: Option<String>,
        /// Tanggal awal (YYYY-MM-DD).
        #[arg(long)]
        dari: Option<chrono::NaiveDate>,
        /// Tanggal akhir (YYYY-MM-DD).
        #[arg(long)]
        sampai: Option<chrono::NaiveDate>,
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

async fn run(cli: Cli) -> Result<()> {
    let now = Utc::now();
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
            let kab = setup::initialize(&db, &Session::cli(), &wilayah, now).await?;
            db.close().await;
            eprintln!(
                "Database {} disiapkan untuk {} ({}). Buka aplikasi untuk membuat akun administrator.",
                path.display(),
                kab.name,
                kab.code
            );
            Ok(())
        }
        Command::Backup { out } => {
            let db = Db::open(&db_path(cli.db)?, OpenMode::MustExist).await?;
            let result = match &out {
                Some(dir) => backup::manual(&db, &Session::cli(), dir, now).await,
                None => backup::take(&db, None, "manual", now).await,
            };
            db.close().await;
            let done = result?;
            eprintln!(
                "Cadangan dibuat: {} ({:.1} MB, {} berkas pindaian).",
                done.path,
                done.bytes as f64 / 1e6,
                done.scans
            );
            println!("{}", done.path);
            Ok(())
        }
        Command::Restore { file, periksa } => {
            let live = db_path(cli.db)?;
            // Nothing else may have the database open while it is swapped.
            let _lock = adhoc::store::InstanceLock::take(&live)?;
            let check = if periksa {
                backup::inspect(&live, &Session::cli(), &file, now).await?
            } else {
                backup::restore(&live, &Session::cli(), &file, now).await?
            };
            eprintln!("Berkas: {}", check.path);
            eprintln!("SHA-256: {}", check.sha256);
            eprintln!("Manifest: {}", check.manifest);
            eprintln!(
                "Wilayah: {}; skema {}",
                check.kabupaten, check.schema_version
            );
            for r in &check.rounds {
                eprintln!("  {r}");
            }
            eprintln!(
                "Pendaftar: {}; jejak audit: {} catatan, utuh",
                check.applicants, check.audit_entries
            );
            if let Some(last) = &check.last_audit {
                eprintln!("Catatan audit terakhir: {last}");
            }
            if !check.scans_missing.is_empty() {
                eprintln!(
                    "Perhatian: {} berkas pindaian tidak ada di cadangan maupun di folder berkas.",
                    check.scans_missing.len()
                );
            }
            eprintln!(
                "{}",
                if periksa {
                    "Berkas cadangan baik; belum dipulihkan (jalankan tanpa --periksa untuk memulihkan)."
                } else {
                    "Database dipulihkan. Database sebelumnya disimpan di folder cadangan (sebelum-pemulihan)."
                }
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
            let result = rounds_command(&db, &Session::cli(), cmd, now).await;
            db.close().await;
            result
        }
        Command::User(cmd) => {
            let db = Db::open(&db_path(cli.db)?, OpenMode::MustExist).await?;
            let result = user_command(&db, &Session::cli(), cmd, now).await;
            db.close().await;
            result
        }
        Command::Documents(DocumentsCommand::Import { round, file }) => {
            let db = Db::open(&db_path(cli.db)?, OpenMode::MustExist).await?;
            let bytes = std::fs::read(&file)?;
            let result = verification::import(&db, &Session::cli(), round, &bytes, now).await;
            db.close().await;
            let report = result?;
            if !report.problems.is_empty() {
                return report_problems(&report.problems, &file, "hasil lama tidak berubah");
            }
            eprintln!("{} hasil pemeriksaan berkas disimpan.", report.stored);
            Ok(())
        }
        Command::Stage(cmd) => {
            let db = Db::open(&db_path(cli.db)?, OpenMode::MustExist).await?;
            let session = Session::cli();
            let result = match cmd {
                StageCommand::Open { round, stage } => {
                    let stage = Stage::parse(&stage)?;
                    stages::open(&db, &session, round, stage, now)
                        .await
                        .map(|()| eprintln!("Tahap {} dibuka.", stage.label().to_lowercase()))
                }
                StageCommand::Extend {
                    round,
                    wilayah,
                    sampai,
                } => stages::extend(&db, &session, round, &wilayah, sampai, now)
                    .await
                    .map(|until| {
                        eprintln!(
                            "Pendaftaran diperpanjang sampai {until} untuk {} wilayah.",
                            wilayah.len()
                        )
                    }),
                StageCommand::Close { round, stage } => {
                    match stages::close(&db, &session, round, Stage::parse(&stage)?, now).await {
                        Ok(c) => {
                            eprintln!(
                                "Tahap {} ditutup; sekarang berjalan: {}.",
                                c.closed.label().to_lowercase(),
                                c.current.label().to_lowercase()
                            );
                            Ok(())
                        }
                        Err(e) => Err(e),
                    }
                }
                StageCommand::Reopen {
                    round,
                    stage,
                    alasan,
                } => {
                    let stage = Stage::parse(&stage)?;
                    stages::reopen(&db, &session, round, stage, &alasan, now)
                        .await
                        .map(|()| {
                            eprintln!("Tahap {} dibuka kembali.", stage.label().to_lowercase())
                        })
                }
            };
            db.close().await;
            result
        }
        Command::Results {
            round,
            stage,
            wilayah,
        } => {
            let stage = Stage::parse(&stage)?;
            let db = Db::open(&db_path(cli.db)?, OpenMode::MustExist).await?;
            let result = print_results(&db, &Session::cli(), round, stage, wilayah, now).await;
            db.close().await;
            result
        }
        Command::Announce {
            round,
            stage,
            out,
            jenis,
            wilayah,
            nomor,
            ketua,
            kertas,
        } => {
            let stage = Stage::parse(&stage)?;
            let kind = match jenis.trim().to_ascii_lowercase().replace('_', "-").as_str() {
                "lampiran-sk" => PublicationKind::LampiranSk,
                "berita-acara" => PublicationKind::BeritaAcara(stage),
                "pengumuman" => PublicationKind::Pengumuman(stage),
                other => PublicationKind::parse(other)?,
            };
            let req = publications::PublicationRequest {
                kind,
                unit: wilayah,
                paper: adhoc::pdf::Paper::parse(&kertas)?,
                number: nomor,
                signer: ketua,
            };
            let db = Db::open(&db_path(cli.db)?, OpenMode::MustExist).await?;
            let result = publications::make(&db, &Session::cli(), round, &req, now).await;
            db.close().await;
            let made = result?;
            std::fs::write(&out, &made.bytes)?;
            eprintln!(
                "{} nomor {} ditulis ke {}.",
                kind.label(),
                made.number,
                out.display()
            );
            Ok(())
        }
        Command::Quota { round } => {
            let db = Db::open(&db_path(cli.db)?, OpenMode::MustExist).await?;
            let result = selection::quota(&db, &Session::cli(), round, now).await;
            db.close().await;
            let board = result?;
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
        Command::Scores(ScoresCommand::Import { round, stage, file }) => {
            let stage = Stage::parse(&stage)?;
            let db = Db::open(&db_path(cli.db)?, OpenMode::MustExist).await?;
            let bytes = std::fs::read(&file)?;
            let result =
                selection::import_marks(&db, &Session::cli(), round, stage, &bytes, now).await;
            db.close().await;
            let report = result?;
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
        Command::Applicants(cmd) => {
            let db = Db::open(&db_path(cli.db)?, OpenMode::MustExist).await?;
            let result = applicants_command(&db, &Session::cli(), cmd, now).await;
            db.close().await;
            result
        }
        Command::Parties(cmd) => {
            let db = Db::open(&db_path(cli.db)?, OpenMode::MustExist).await?;
            let result = parties_command(&db, &Session::cli(), cmd, now).await;
            db.close().await;
            result
        }
        Command::Audit(cmd) => {
            let db = Db::open(&db_path(cli.db)?, OpenMode::MustExist).await?;
            let result = audit_command(&db, &Session::cli(), cmd, now).await;
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
            w.write_record(["id", "pemilihan", "badan", "tahapan", "nama", "pendaftar"])?;
            for r in rounds::list_rounds(db).await? {
                w.write_record([
                    r.id.to_string(),
                    r.election,
                    r.body.to_string(),
                    r.current_stage.as_str().to_string(),
                    r.name,
                    r.applicants.to_string(),
                ])?;
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
            rounds::set_unit_quota(db, session, round, &wilayah, quota, &alasan, now).await?;
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

/// Prints import problems as CSV and returns the error that says nothing was stored.
/// Prints a stage's results as CSV: the administrative verdicts, or the
/// written test's and the final ranking with scores, rank and status.
async fn print_results(
    db: &Db,
    session: &Session,
    round: i64,
    stage: Stage,
    unit: Option<String>,
    now: chrono::DateTime<Utc>,
) -> Result<()> {
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
                &r.result,
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

fn report_problems(
    problems: &[adhoc::docs::csv_in::RowProblem],
    file: &std::path::Path,
    what: &str,
) -> Result<()> {
    adhoc::docs::csv_in::write_problems(problems, std::io::stdout().lock())?;
    Err(Error::validation(
        "file",
        format!(
            "{} masalah di {}; tidak ada yang disimpan, {what}.",
            problems.len(),
            file.display()
        ),
    ))
}

async fn applicants_command(
    db: &Db,
    session: &Session,
    cmd: ApplicantsCommand,
    now: chrono::DateTime<Utc>,
) -> Result<()> {
    match cmd {
        ApplicantsCommand::Import { round, file } => {
            let bytes = std::fs::read(&file)?;
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
        ApplicantsCommand::Export { round } => {
            let n = applicants::export_csv(db, session, round, std::io::stdout(), now).await?;
            eprintln!("{n} pendaftar diekspor.");
            Ok(())
        }
        ApplicantsCommand::List { round, cari, batas } => {
            let page = registration::list(
                db,
                session,
                &registration::ApplicantQuery {
                    round_id: round,
                    text: cari,
                    limit: batas,
                    ..Default::default()
                },
            )
            .await?;
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
            for r in &page.rows {
                w.write_record([
                    &r.reg_number,
                    &r.nik,
                    &r.full_name,
                    &r.sex,
                    &r.unit_code,
                    &r.unit_label,
                    &r.status,
                ])?;
            }
            flush(w)?;
            eprintln!(
                "{} dari {} pendaftar yang cocok.",
                page.rows.len(),
                page.total
            );
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

fn print_hits(hits: &[parties::PartyHit]) -> Result<()> {
    let mut w = csv_out();
    w.write_record(["nomor_pendaftaran", "nama", "seleksi", "partai"])?;
    for h in hits {
        w.write_record([&h.reg_number, &h.full_name, &h.round_name, &h.parties])?;
    }
    flush(w)
}

async fn parties_command(
    db: &Db,
    session: &Session,
    cmd: PartiesCommand,
    now: chrono::DateTime<Utc>,
) -> Result<()> {
    match cmd {
        PartiesCommand::Import { file } => {
            let bytes = std::fs::read(&file)?;
            let report = parties::import(db, session, &bytes, now).await?;
            if !report.is_stored() {
                return report_problems(&report.problems, &file, "daftar lama tetap berlaku");
            }
            print_hits(&report.hits)?;
            eprintln!(
                "{} anggota partai disimpan; {} pendaftar tercantum di dalamnya.",
                report.members,
                report.hits.len()
            );
            Ok(())
        }
        PartiesCommand::Hits => print_hits(&parties::hits(db, session).await?),
    }
}

/// Reads a password: from the terminal without echo (asked twice when
/// `confirm`), or the first line of stdin when it is not a terminal. Never
/// from an argument, where it would land in the shell history.
fn read_password(prompt: &str, confirm: bool) -> Result<String> {
    use std::io::{BufRead, IsTerminal};
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(prompt)?;
        if confirm && rpassword::prompt_password("Ulangi kata sandi: ")? != first {
            return Err(Error::validation(
                "password",
                "Kedua kata sandi tidak sama.",
            ));
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}

async fn user_command(
    db: &Db,
    session: &Session,
    cmd: UserCommand,
    now: chrono::DateTime<Utc>,
) -> Result<()> {
    match cmd {
        UserCommand::Add {
            username,
            nama,
            peran,
        } => {
            let role = Role::parse(&peran)?;
            let password = read_password("Kata sandi baru: ", true)?;
            let input = NewAccount {
                username,
                full_name: nama,
                password,
            };
            let a = accounts::create(db, session, &input, role, now).await?;
            eprintln!("Akun {} ({}) dibuat.", a.username, a.role.label());
        }
        UserCommand::List => {
            let mut w = csv_out();
            w.write_record([
                "username",
                "nama",
                "peran",
                "aktif",
                "gagal_masuk",
                "terkunci_sampai",
            ])?;
            for a in accounts::list(db, session, now).await? {
                w.write_record([
                    a.username,
                    a.full_name,
                    a.role.as_str().to_string(),
                    if a.active { "ya" } else { "tidak" }.to_string(),
                    a.failed_logins.to_string(),
                    a.locked_until.unwrap_or_default(),
                ])?;
            }
            flush(w)?;
        }
        UserCommand::Passwd { username } => {
            let password = read_password(&format!("Kata sandi baru untuk {username}: "), true)?;
            accounts::reset_password(db, session, &username, &password, now).await?;
            eprintln!("Kata sandi {username} diganti.");
        }
        UserCommand::Deactivate { username } => {
            accounts::set_active(db, session, &username, false, now).await?;
            eprintln!("Akun {username} dinonaktifkan.");
        }
        UserCommand::Activate { username } => {
            accounts::set_active(db, session, &username, true, now).await?;
            eprintln!("Akun {username} diaktifkan.");
        }
        UserCommand::Unlock { username } => {
            accounts::unlock(db, session, &username, now).await?;
            eprintln!("Kunci akun {username} dibuka.");
        }
        UserCommand::Role { username, peran } => {
            accounts::set_role(db, session, &username, Role::parse(&peran)?, now).await?;
            eprintln!("Peran {username} menjadi {peran}.");
        }
    }
    Ok(())
}

async fn audit_command(
    db: &Db,
    session: &Session,
    cmd: AuditCommand,
    now: chrono::DateTime<Utc>,
) -> Result<()> {
    match cmd {
        AuditCommand::Verify => {
            let report = audit::verify(db).await?;
            let mut w = csv_out();
            w.write_record(["status", "catatan", "rusak_pertama", "hash_terakhir"])?;
            w.write_record([
                if report.is_intact() { "utuh" } else { "rusak" }.to_string(),
                report.entries.to_string(),
                report
                    .first_broken
                    .map(|i| i.to_string())
                    .unwrap_or_default(),
                report.last_hash.clone().unwrap_or_default(),
            ])?;
            flush(w)?;
            match (report.first_broken, report.problem) {
                (Some(id), Some(problem)) => Err(Error::AuditBroken { id, problem }),
                _ => {
                    eprintln!("Jejak audit utuh: {} catatan.", report.entries);
                    Ok(())
                }
            }
        }
        AuditCommand::Export {
            pengguna,
            objek,
            dari,
            sampai,
        } => {
            let q = AuditQuery {
                username: pengguna,
                object_type: objek,
                from: dari,
                until: sampai,
                ..Default::default()
            };
            let n = audit::export_csv(db, session, &q, std::io::stdout(), now).await?;
            eprintln!("{n} catatan diekspor.");
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
