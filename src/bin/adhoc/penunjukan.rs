//! `adhoc penunjukan`: appointing people to the seats of a unit still short
//! after its registration extensions, listing seat holders and where every
//! unit stands, and cancelling a wrong appointment.

use chrono::{DateTime, NaiveDate, Utc};
use clap::{Args, Subcommand};

use adhoc::domain::applicant::{Education, Sex};
use adhoc::domain::permission::Session;
use adhoc::domain::seat_holder::ProposerKind;
use adhoc::error::Result;
use adhoc::service::appointment::{self, AppointmentInput};
use adhoc::store::Db;

#[derive(Subcommand)]
pub enum PenunjukanCommand {
    /// Menunjuk satu orang untuk kursi yang kosong di wilayah yang masih
    /// kurang sesudah perpanjangan pendaftaran habis (keputusan pimpinan).
    Tambah(Box<TambahArgs>),
    /// Anggota yang memegang kursi tanpa seleksi ini (penunjukan dan
    /// dilanjutkan), CSV.
    Daftar {
        #[arg(long)]
        round: i64,
    },
    /// Keadaan setiap wilayah dan langkah berikutnya (perpanjangan,
    /// penunjukan), CSV.
    Keadaan {
        #[arg(long)]
        round: i64,
    },
    /// Membatalkan penunjukan yang salah dicatat, dengan alasan.
    Batal {
        #[arg(long)]
        round: i64,
        /// Nomor penunjukan (kolom id pada `penunjukan daftar`).
        id: i64,
        #[arg(long)]
        alasan: String,
    },
}

/// The person appointed and the decision.
#[derive(Args)]
pub struct TambahArgs {
    #[arg(long)]
    round: i64,
    /// Kode kecamatan (PPK) atau desa (PPS).
    #[arg(long)]
    wilayah: String,
    #[arg(long)]
    nik: String,
    #[arg(long)]
    nama: String,
    /// L atau P.
    #[arg(long)]
    jenis_kelamin: String,
    /// YYYY-MM-DD.
    #[arg(long)]
    tanggal_lahir: NaiveDate,
    #[arg(long)]
    alamat: String,
    #[arg(long)]
    telepon: Option<String>,
    /// SMA, D3, S1, S2 atau S3.
    #[arg(long)]
    pendidikan: String,
    /// sekolah, perguruan_tinggi, pemerintah_desa atau lainnya.
    #[arg(long)]
    pengusul: String,
    /// Nama pengusul, mis. "SMA Negeri 1 Bangil".
    #[arg(long)]
    nama_pengusul: String,
    /// Nomor keputusan atau Berita Acara pleno.
    #[arg(long)]
    keputusan: String,
    /// Alasan penunjukan (paling sedikit 10 karakter).
    #[arg(long)]
    alasan: String,
    /// KTP-el sudah diperiksa walaupun jenis kelamin atau tanggal lahir
    /// berbeda dengan NIK.
    #[arg(long)]
    nik_sudah_diperiksa: bool,
}

pub async fn run(
    db: &Db,
    session: &Session,
    cmd: PenunjukanCommand,
    now: DateTime<Utc>,
) -> Result<()> {
    match cmd {
        PenunjukanCommand::Tambah(args) => {
            let TambahArgs {
                round,
                wilayah,
                nik,
                nama,
                jenis_kelamin,
                tanggal_lahir,
                alamat,
                telepon,
                pendidikan,
                pengusul,
                nama_pengusul,
                keputusan,
                alasan,
                nik_sudah_diperiksa,
            } = *args;
            let input = AppointmentInput {
                unit_code: wilayah,
                nik,
                full_name: nama,
                sex: Sex::parse(&jenis_kelamin)?,
                birth_date: tanggal_lahir,
                address: alamat,
                phone: telepon,
                education: Education::parse(&pendidikan)?,
                proposer_kind: ProposerKind::parse(&pengusul)?,
                proposer_name: nama_pengusul,
                decision: keputusan,
                reason: alasan,
                acknowledge_nik_warnings: nik_sudah_diperiksa,
            };
            let h = appointment::appoint(db, session, round, &input, now).await?;
            eprintln!(
                "{} ditunjuk sebagai anggota {} (penunjukan nomor {}).",
                h.full_name, h.unit_label, h.id
            );
        }
        PenunjukanCommand::Daftar { round } => {
            let mut w = crate::csv_out();
            w.write_record([
                "id",
                "kode_wilayah",
                "wilayah",
                "asal",
                "nama",
                "jenis_kelamin",
                "pengusul",
                "keputusan",
                "alasan",
                "diputuskan",
            ])?;
            for h in appointment::seat_holders(db, session, round).await? {
                w.write_record([
                    h.id.to_string(),
                    h.unit_code,
                    h.unit_label,
                    h.source_label,
                    h.full_name,
                    h.sex,
                    h.proposer.unwrap_or_default(),
                    h.decision,
                    h.reason,
                    h.decided_at,
                ])?;
            }
            crate::flush(w)?;
        }
        PenunjukanCommand::Keadaan { round } => {
            let mut w = crate::csv_out();
            w.write_record([
                "kode_wilayah",
                "wilayah",
                "kuota",
                "kursi_dipegang",
                "calon",
                "perpanjangan",
                "dibolehkan",
                "kursi_penunjukan",
                "keadaan",
                "langkah_berikutnya",
            ])?;
            for u in appointment::unit_situations(db, session, round, now).await? {
                w.write_record([
                    u.unit_code,
                    u.unit_label,
                    u.quota.to_string(),
                    u.held.to_string(),
                    u.candidates.to_string(),
                    u.extensions.to_string(),
                    u.allowed.to_string(),
                    u.appointable.to_string(),
                    u.situation_label,
                    u.next_step,
                ])?;
            }
            crate::flush(w)?;
        }
        PenunjukanCommand::Batal { round, id, alasan } => {
            appointment::cancel_appointment(db, session, round, id, &alasan, now).await?;
            eprintln!("Penunjukan nomor {id} dibatalkan.");
        }
    }
    Ok(())
}
