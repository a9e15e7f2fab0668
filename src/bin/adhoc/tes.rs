//! `adhoc tes`: the written test's logistics: participant numbers, venues,
//! rooms, sessions, seating, the schedule list and its announcement; the
//! attendance commands come from `hadir.rs`.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};

use adhoc::domain::permission::Session;
use adhoc::error::{Error, Result};
use adhoc::pdf::participant_card::CardLayout;
use adhoc::service::exports::ListRequest;
use adhoc::service::seating::{self, RoomInput, SeatMove, SessionInput, SiteChange, VenueInput};
use adhoc::store::Db;

use crate::hadir::{self, HadirCommand};
use crate::lists::{self, ListOutput};

#[derive(Subcommand)]
pub enum TesCommand {
    /// Memberi nomor peserta kepada setiap pendaftar MS (sebelum jadwal
    /// diumumkan: semua dinomori ulang urut kecamatan/desa lalu nama;
    /// sesudahnya hanya yang belum bernomor).
    Nomor {
        #[arg(long)]
        round: i64,
    },
    /// Mengubah format nomor peserta, mis. "{BODY}-{KAB4}-T{NNNN}".
    Format {
        #[arg(long)]
        round: i64,
        format: String,
    },
    /// Tempat, ruang, dan sesi dengan nomornya (id) sebagai CSV:
    /// jenis,id,tempat,nama,kapasitas,lantai_dasar,tanggal,mulai,selesai,terisi.
    Daftar {
        #[arg(long)]
        round: i64,
    },
    /// Tempat tes: tambah, ubah, hapus.
    #[command(subcommand)]
    Tempat(TempatCommand),
    /// Ruang di tempat tes: tambah, ubah, hapus.
    #[command(subcommand)]
    Ruang(RuangCommand),
    /// Sesi tes (tanggal dan jam): tambah, ubah, hapus.
    #[command(subcommand)]
    Sesi(SesiCommand),
    /// Mengatur tempat duduk otomatis (urut kecamatan/desa lalu nama;
    /// peserta dengan catatan disabilitas lebih dulu di ruang lantai dasar).
    Atur {
        #[arg(long)]
        round: i64,
    },
    /// Memindahkan satu peserta ke kursi yang kosong.
    Pindah {
        #[arg(long)]
        round: i64,
        /// Nomor peserta.
        nomor: String,
        /// Nomor sesi (id, lihat `tes jadwal`).
        #[arg(long)]
        sesi: i64,
        /// Nomor ruang (id).
        #[arg(long)]
        ruang: i64,
        #[arg(long)]
        kursi: u32,
        /// Wajib setelah jadwal diumumkan.
        #[arg(long, default_value = "")]
        alasan: String,
    },
    /// Jadwal tes per nomor peserta sebagai CSV atau Excel.
    Jadwal {
        #[arg(long)]
        round: i64,
        /// Hanya satu tempat (id).
        #[arg(long)]
        tempat: Option<i64>,
        #[command(flatten)]
        output: ListOutput,
    },
    /// Pengumuman jadwal tes (PDF, tanpa data pribadi). Pencetakan pertama
    /// mengumumkan jadwal: sesudahnya nomor dan kursi tidak berubah lagi.
    #[command(name = "pengumuman-jadwal")]
    PengumumanJadwal {
        #[arg(long)]
        round: i64,
        #[arg(long)]
        out: PathBuf,
        /// Ukuran kertas: a4 atau f4.
        #[arg(long, default_value = "a4")]
        kertas: String,
        /// Nomor pengumuman (bila kosong, titik-titik untuk diisi tangan).
        #[arg(long)]
        nomor: Option<String>,
    },
    #[command(flatten)]
    Hadir(HadirCommand),
    /// Foto peserta untuk kartunya (JPG atau PNG), bila tidak ada pas foto
    /// atau DRH berupa gambar; sampai tes tertulis ditutup.
    Foto {
        #[arg(long)]
        round: i64,
        /// Nomor pendaftaran, mis. PPK-3514-0001.
        nomor: String,
        /// Berkas foto.
        file: PathBuf,
    },
    /// Kartu peserta tes tertulis sebagai PDF (8 kartu per lembar A4):
    /// semua peserta, atau satu peserta, satu wilayah, satu sesi.
    Kartu {
        #[arg(long)]
        round: i64,
        #[arg(long)]
        out: PathBuf,
        /// Hanya peserta dengan nomor ini.
        #[arg(long)]
        nomor: Option<String>,
        /// Hanya satu kecamatan atau desa (kode wilayah).
        #[arg(long)]
        wilayah: Option<String>,
        /// Hanya satu sesi (id, lihat `tes daftar`).
        #[arg(long)]
        sesi: Option<i64>,
        /// Hanya satu tempat tes (id).
        #[arg(long)]
        tempat: Option<i64>,
        /// Satu kartu per halaman.
        #[arg(long)]
        satu_per_halaman: bool,
    },
}

#[derive(Args)]
pub struct VenueArgs {
    #[arg(long)]
    nama: String,
    #[arg(long, default_value = "")]
    alamat: String,
}

#[derive(Subcommand)]
pub enum TempatCommand {
    /// Menambah tempat tes; mencetak nomornya (id).
    Tambah {
        #[arg(long)]
        round: i64,
        #[command(flatten)]
        tempat: VenueArgs,
    },
    Ubah {
        id: i64,
        #[command(flatten)]
        tempat: VenueArgs,
    },
    Hapus {
        id: i64,
    },
}

#[derive(Args)]
pub struct RoomArgs {
    #[arg(long)]
    nama: String,
    /// Jumlah kursi (atau komputer untuk CAT).
    #[arg(long)]
    kapasitas: u32,
    /// Ruang di lantai dasar.
    #[arg(long = "lantai-dasar")]
    lantai_dasar: bool,
    #[arg(long, default_value = "")]
    catatan: String,
}

impl RoomArgs {
    fn input(self) -> RoomInput {
        RoomInput {
            name: self.nama,
            capacity: self.kapasitas,
            ground_floor: self.lantai_dasar,
            note: self.catatan,
        }
    }
}

#[derive(Subcommand)]
pub enum RuangCommand {
    /// Menambah ruang di satu tempat; mencetak nomornya (id).
    Tambah {
        /// Nomor tempat (id).
        #[arg(long)]
        tempat: i64,
        #[command(flatten)]
        ruang: RoomArgs,
    },
    Ubah {
        id: i64,
        #[command(flatten)]
        ruang: RoomArgs,
    },
    Hapus {
        id: i64,
    },
}

#[derive(Args)]
pub struct SessionArgs {
    /// Nama sesi, mis. "Sesi 1".
    #[arg(long)]
    nama: String,
    /// Tanggal, mis. 14-12-2026.
    #[arg(long)]
    tanggal: String,
    /// Jam mulai, mis. 08:00.
    #[arg(long)]
    mulai: String,
    /// Jam selesai, mis. 10:00.
    #[arg(long)]
    selesai: String,
}

impl SessionArgs {
    fn input(self) -> SessionInput {
        SessionInput {
            label: self.nama,
            date: self.tanggal,
            starts_at: self.mulai,
            ends_at: self.selesai,
        }
    }
}

#[derive(Subcommand)]
pub enum SesiCommand {
    /// Menambah sesi; mencetak nomornya (id).
    Tambah {
        #[arg(long)]
        round: i64,
        #[command(flatten)]
        sesi: SessionArgs,
    },
    Ubah {
        id: i64,
        #[command(flatten)]
        sesi: SessionArgs,
    },
    Hapus {
        id: i64,
    },
}

/// Prints the id; says on stderr when seats were cleared.
fn said(change: SiteChange) -> Result<()> {
    println!("{}", change.id);
    if change.seats_cleared > 0 {
        eprintln!(
            "Penempatan {} peserta dihapus; jalankan lagi `adhoc tes atur`.",
            change.seats_cleared
        );
    }
    Ok(())
}

pub async fn run(db: &Db, session: &Session, cmd: TesCommand, now: DateTime<Utc>) -> Result<()> {
    match cmd {
        TesCommand::Nomor { round } => {
            let g = seating::give_numbers(db, session, round, now).await?;
            eprintln!(
                "{} nomor peserta diberikan; {} peserta bernomor{}.",
                g.given,
                g.total,
                if g.renumbered {
                    " (semua dinomori ulang: jadwal belum diumumkan)"
                } else {
                    ""
                }
            );
            Ok(())
        }
        TesCommand::Daftar { round } => {
            let s = seating::overview(db, session, round).await?;
            let mut w = crate::csv_out();
            w.write_record([
                "jenis",
                "id",
                "tempat",
                "nama",
                "kapasitas",
                "lantai_dasar",
                "tanggal",
                "mulai",
                "selesai",
                "terisi",
            ])?;
            for v in &s.venues {
                let id = v.id.to_string();
                w.write_record(["tempat", &id, &v.name, &v.address, "", "", "", "", "", ""])?;
                for r in &v.rooms {
                    let ground = if r.ground_floor { "ya" } else { "tidak" };
                    w.write_record([
                        "ruang",
                        &r.id.to_string(),
                        &v.name,
                        &r.name,
                        &r.capacity.to_string(),
                        ground,
                        "",
                        "",
                        "",
                        &r.seated.to_string(),
                    ])?;
                }
            }
            for x in &s.sessions {
                w.write_record([
                    "sesi",
                    &x.id.to_string(),
                    "",
                    &x.label,
                    "",
                    "",
                    &x.date,
                    &x.starts_at,
                    &x.ends_at,
                    &x.seated.to_string(),
                ])?;
            }
            crate::flush(w)
        }
        TesCommand::Format { round, format } => {
            let first = seating::set_number_format(db, session, round, &format, now).await?;
            eprintln!("Format nomor peserta disimpan; nomor pertama: {first}.");
            Ok(())
        }
        TesCommand::Tempat(c) => said(match c {
            TempatCommand::Tambah { round, tempat } => {
                seating::add_venue(db, session, round, &venue(tempat), now).await?
            }
            TempatCommand::Ubah { id, tempat } => {
                seating::edit_venue(db, session, id, &venue(tempat), now).await?
            }
            TempatCommand::Hapus { id } => seating::delete_venue(db, session, id, now).await?,
        }),
        TesCommand::Ruang(c) => said(match c {
            RuangCommand::Tambah { tempat, ruang } => {
                seating::add_room(db, session, tempat, &ruang.input(), now).await?
            }
            RuangCommand::Ubah { id, ruang } => {
                seating::edit_room(db, session, id, &ruang.input(), now).await?
            }
            RuangCommand::Hapus { id } => seating::delete_room(db, session, id, now).await?,
        }),
        TesCommand::Sesi(c) => said(match c {
            SesiCommand::Tambah { round, sesi } => {
                seating::add_session(db, session, round, &sesi.input(), now).await?
            }
            SesiCommand::Ubah { id, sesi } => {
                seating::edit_session(db, session, id, &sesi.input(), now).await?
            }
            SesiCommand::Hapus { id } => seating::delete_session(db, session, id, now).await?,
        }),
        TesCommand::Hadir(c) => hadir::run(db, session, c, now).await,
        TesCommand::Atur { round } => {
            let a = seating::auto_assign(db, session, round, now).await?;
            eprintln!(
                "{} peserta mendapat tempat duduk{}.",
                a.placed,
                if a.kept > 0 {
                    format!("; {} tetap di kursinya", a.kept)
                } else {
                    String::new()
                }
            );
            if a.ground_floor_unmet > 0 {
                eprintln!(
                    "Perhatian: {} peserta dengan catatan disabilitas, tetapi tidak ada ruang \
                     yang ditandai lantai dasar.",
                    a.ground_floor_unmet
                );
            }
            Ok(())
        }
        TesCommand::Pindah {
            round,
            nomor,
            sesi,
            ruang,
            kursi,
            alasan,
        } => {
            let m = SeatMove {
                number: nomor,
                session_id: sesi,
                room_id: ruang,
                seat: kursi,
                reason: alasan,
            };
            seating::move_participant(db, session, round, &m, now).await?;
            eprintln!("Peserta {} dipindahkan.", m.number);
            Ok(())
        }
        TesCommand::Jadwal {
            round,
            tempat,
            output,
        } => {
            let request = ListRequest::Schedule {
                round_id: round,
                venue: tempat,
            };
            lists::export(db, session, request, output, now).await?;
            Ok(())
        }
        TesCommand::PengumumanJadwal {
            round,
            out,
            kertas,
            nomor,
        } => {
            let paper = adhoc::pdf::Paper::parse(&kertas)?;
            let doc =
                seating::schedule_pdf(db, session, round, paper, nomor.as_deref(), now).await?;
            std::fs::write(&out, &doc.bytes).map_err(|e| Error::io_at("menulis", &out, e))?;
            eprintln!(
                "Pengumuman jadwal tes ditulis ke {}.{}",
                out.display(),
                if doc.published_now {
                    " Jadwal kini diumumkan: nomor peserta dan tempat duduk tidak berubah lagi."
                } else {
                    ""
                }
            );
            Ok(())
        }
        TesCommand::Foto { round, nomor, file } => {
            let id = adhoc::service::registration::id_by_number(db, round, &nomor).await?;
            let bytes = adhoc::service::scans::read_picked(&file)?;
            let name = file.display().to_string();
            adhoc::service::scans::attach_photo(db, session, id, &name, &bytes, now).await?;
            eprintln!("Foto {nomor} disimpan; kartu pesertanya memakai foto ini.");
            Ok(())
        }
        TesCommand::Kartu {
            round,
            out,
            nomor,
            wilayah,
            sesi,
            tempat,
            satu_per_halaman,
        } => {
            let filter = seating::CardFilter {
                applicant_id: None,
                number: nomor,
                unit: wilayah,
                session_id: sesi,
                venue_id: tempat,
            };
            let layout = if satu_per_halaman {
                CardLayout::Single
            } else {
                CardLayout::Sheet
            };
            let doc = seating::cards_pdf(db, session, round, &filter, layout).await?;
            std::fs::write(&out, &doc.bytes).map_err(|e| Error::io_at("menulis", &out, e))?;
            eprintln!(
                "{} kartu peserta ditulis ke {}{}.",
                doc.cards,
                out.display(),
                if doc.without_photo > 0 {
                    format!(
                        " ({} tanpa foto: tempel pas foto 3×4 pada kotaknya)",
                        doc.without_photo
                    )
                } else {
                    String::new()
                }
            );
            Ok(())
        }
    }
}

fn venue(a: VenueArgs) -> VenueInput {
    VenueInput {
        name: a.nama,
        address: a.alamat,
    }
}
