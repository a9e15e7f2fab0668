//! `adhoc applicants`: importing, exporting and finding applicants, and the
//! registration receipt.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::Subcommand;

use adhoc::domain::permission::Session;
use adhoc::domain::sheet_mapping::SheetField;
use adhoc::error::Result;
use adhoc::service::applicant_sheets::{self, SheetChoice, SheetPreview};
use adhoc::service::applicants;
use adhoc::service::exports::ListRequest;
use adhoc::service::reconciliation;
use adhoc::service::registration::{self, ApplicantQuery, MAX_PAGE};
use adhoc::store::Db;

use crate::lists::{self, ListOutput};
use crate::{csv_out, flush, read_file, report_problems};

#[derive(Subcommand)]
pub enum ApplicantsCommand {
    /// Mengimpor pendaftar ke satu seleksi dari xlsx, xls, ods atau CSV
    /// (kolom CSV aplikasi ini, atau kolom apa pun, mis. ekspor SIAKBA, yang
    /// dipetakan menurut judulnya). Semua atau tidak sama sekali: bila ada
    /// baris salah, tidak ada yang disimpan dan setiap masalah dicetak (CSV:
    /// baris,kolom,alasan).
    Import {
        /// Nomor (id) seleksi.
        #[arg(long)]
        round: i64,
        file: PathBuf,
        /// Lembar kerja yang dibaca; bawaan lembar pertama.
        #[arg(long)]
        sheet: Option<String>,
        /// Nama pemetaan kolom yang tersimpan (mis. "Ekspor SIAKBA"); tanpa
        /// ini kolom dipetakan menurut judulnya.
        #[arg(long)]
        mapping: Option<String>,
        /// Hanya memeriksa: mencetak pemetaan, baris pertama seperti akan
        /// disimpan, dan setiap masalah; tidak ada yang disimpan.
        #[arg(long)]
        periksa: bool,
        /// Menyimpan pemetaan kolom yang dipakai dengan nama ini.
        #[arg(long)]
        simpan_pemetaan: Option<String>,
        /// Berkas ini daftar pendaftaran daring (ekspor SIAKBA): berkas
        /// fisiknya diterima kemudian di loket (`terima-berkas`); NIK yang
        /// sudah terdaftar pada seleksi ini ditandai daring, tidak ditolak.
        #[arg(long)]
        daring: bool,
    },
    /// Rekonsiliasi pendaftaran daring dengan berkas fisik: jumlahnya
    /// (stderr) dan daftar setiap pendaftar dengan keterangannya, yang
    /// berkasnya belum diterima lebih dulu.
    Rekonsiliasi {
        #[arg(long)]
        round: i64,
        #[command(flatten)]
        output: ListOutput,
    },
    /// Mencatat berkas fisik pendaftar daring sebagai diterima di loket.
    TerimaBerkas {
        #[arg(long)]
        round: i64,
        /// Nomor pendaftaran atau NIK.
        nomor: String,
        /// Membatalkan penerimaan yang keliru.
        #[arg(long)]
        batal: bool,
    },
    /// Mengekspor pendaftar satu seleksi sebagai CSV atau Excel: nomor
    /// pendaftaran lalu kolom yang sama dengan impor (impor mengabaikan nomornya).
    Export {
        #[arg(long)]
        round: i64,
        #[command(flatten)]
        output: ListOutput,
    },
    /// Mencari pendaftar satu seleksi (awal nama, awal NIK, atau nomor
    /// pendaftaran) dan mencetak CSV.
    List {
        #[arg(long)]
        round: i64,
        /// Teks yang dicari; kosong untuk semua.
        #[arg(long, default_value = "")]
        cari: String,
        /// Baris per halaman (bawaan 100); berapa pun, tidak dipotong diam-diam.
        #[arg(long, default_value_t = 100)]
        batas: u32,
        /// Halaman yang dicetak, mulai dari 1.
        #[arg(long, default_value_t = 1)]
        halaman: u32,
        /// Semua pendaftar yang cocok, tanpa halaman.
        #[arg(long, conflicts_with_all = ["batas", "halaman"])]
        semua: bool,
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

pub async fn run(
    db: &Db,
    session: &Session,
    cmd: ApplicantsCommand,
    now: DateTime<Utc>,
) -> Result<()> {
    match cmd {
        ApplicantsCommand::Import {
            round,
            file,
            sheet,
            mapping,
            periksa,
            simpan_pemetaan,
            daring,
        } => {
            let bytes = read_file(&file)?;
            let own_csv = !daring
                && sheet.is_none()
                && mapping.is_none()
                && !periksa
                && simpan_pemetaan.is_none()
                && applicant_sheets::is_own_csv(&bytes);
            let report = if own_csv {
                applicants::import(db, session, round, &bytes, now).await?
            } else {
                let choice = SheetChoice {
                    sheet,
                    mapping: None,
                    saved: mapping,
                    header_row: None,
                    online: daring,
                };
                // Only --periksa reads the rows here; the import reads them once.
                let preview = if periksa {
                    applicant_sheets::preview(db, session, round, &bytes, &choice, now).await?
                } else {
                    applicant_sheets::mapping(db, session, round, &bytes, &choice, now).await?
                };
                describe_mapping(&preview);
                if let Some(name) = simpan_pemetaan {
                    let headers: Vec<String> =
                        preview.columns.iter().map(|c| c.header.clone()).collect();
                    let saved = applicant_sheets::save_mapping(
                        db,
                        session,
                        &name,
                        &preview.mapping,
                        &headers,
                        now,
                    )
                    .await?;
                    eprintln!("Pemetaan kolom disimpan sebagai \"{}\".", saved.name);
                }
                if !preview.ready {
                    return Err(adhoc::Error::validation("mapping", preview.notes.join(" ")));
                }
                if periksa {
                    return print_preview(&preview, &file);
                }
                let choice = SheetChoice {
                    mapping: Some(preview.mapping),
                    ..choice
                };
                applicant_sheets::import(db, session, round, &bytes, &choice, now, &mut |_| {})
                    .await?
            };
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
            if daring {
                eprintln!(
                    "Pendaftaran daring: berkas fisiknya menunggu diterima di loket; {} pendaftar yang sudah terdaftar ditandai daring.",
                    report.marked_online
                );
            }
            Ok(())
        }
        ApplicantsCommand::Rekonsiliasi { round, output } => {
            let r = reconciliation::reconciliation(db, session, round, None).await?;
            let c = r.counts;
            if !r.has_online_list {
                eprintln!("Belum ada daftar pendaftaran daring yang diimpor (applicants import --daring).");
            }
            eprintln!(
                "Daring {}: berkas diterima {}, belum diterima {}. Berkas tanpa pendaftaran daring: {}.",
                c.online, c.lengkap, c.menunggu_berkas, c.tanpa_daring
            );
            let request = ListRequest::Reconciliation { round_id: round };
            lists::export(db, session, request, output, now).await?;
            Ok(())
        }
        ApplicantsCommand::TerimaBerkas {
            round,
            nomor,
            batal,
        } => {
            let id = reconciliation::find(db, session, round, &nomor).await?;
            if batal {
                reconciliation::cancel_receipt(db, session, id, now).await?;
                eprintln!("Penerimaan berkas {nomor} dibatalkan.");
            } else {
                let r = reconciliation::receive_files(db, session, id, now).await?;
                eprintln!(
                    "Berkas {} ({}) diterima pada {}.",
                    r.reg_number, r.full_name, r.received_at
                );
            }
            Ok(())
        }
        ApplicantsCommand::Export { round, output } => {
            let request = ListRequest::Applicants { round_id: round };
            let n = lists::export(db, session, request, output, now).await?;
            eprintln!("{n} pendaftar diekspor.");
            Ok(())
        }
        ApplicantsCommand::List {
            round,
            cari,
            batas,
            halaman,
            semua,
        } => {
            // Pages of the core (at most MAX_PAGE rows each) until the
            // rows asked for are printed: nothing is cut off unsaid.
            let (mut offset, wanted) = if semua {
                (0, u64::MAX)
            } else {
                let size = u64::from(batas.max(1));
                (u64::from(halaman.max(1) - 1) * size, size)
            };
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
            let first = offset;
            let (mut printed, mut total) = (0u64, 0u64);
            while printed < wanted {
                let page = registration::list(
                    db,
                    session,
                    &ApplicantQuery {
                        round_id: round,
                        text: cari.clone(),
                        offset: u32::try_from(offset).unwrap_or(u32::MAX),
                        limit: u32::try_from((wanted - printed).min(u64::from(MAX_PAGE)))
                            .unwrap_or(MAX_PAGE),
                        ..Default::default()
                    },
                )
                .await?;
                total = page.total as u64;
                for r in &page.rows {
                    w.write_record([
                        r.reg_number.as_str(),
                        &r.nik,
                        &r.full_name,
                        r.sex.as_str(),
                        &r.unit_code,
                        &r.unit_label,
                        r.status.as_str(),
                    ])?;
                }
                printed += page.rows.len() as u64;
                offset += page.rows.len() as u64;
                if page.rows.is_empty() || offset >= total {
                    break;
                }
            }
            flush(w)?;
            if printed == 0 {
                eprintln!("Tidak ada baris pada halaman ini; {total} pendaftar yang cocok.");
            } else {
                eprintln!(
                    "Baris {}–{} dari {total} pendaftar yang cocok.",
                    first + 1,
                    first + printed
                );
            }
            if first + printed < total {
                eprintln!(
                    "Masih ada {} lagi: --halaman {} (atau --semua).",
                    total - first - printed,
                    halaman + 1
                );
            }
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

/// The sheet and mapping used, on standard error.
fn describe_mapping(p: &SheetPreview) {
    eprintln!(
        "Lembar \"{}\", baris judul {}. Pemetaan kolom:",
        p.sheet, p.mapping.header_row
    );
    for c in &p.mapping.columns {
        let column = p.columns.iter().find(|s| s.index == c.column);
        let letter = column.map_or(String::new(), |s| s.letter.clone());
        let header = column.map_or(String::new(), |s| s.header.clone());
        eprintln!(
            "  {:<45} <- {}{}{}",
            c.field.label(),
            letter,
            if letter.is_empty() { "" } else { " " },
            header
        );
    }
    if p.mapping.unit_from_domicile && p.mapping.column_of(SheetField::KodeWilayahTugas).is_none() {
        eprintln!("  Wilayah tugas: ikut desa/kecamatan domisili pendaftar.");
    }
    for note in &p.notes {
        eprintln!("Catatan: {note}");
    }
}

/// `--periksa`: the first rows as they would be stored (CSV on standard
/// output), then the problems, if any, as an import prints them.
fn print_preview(p: &SheetPreview, file: &std::path::Path) -> Result<()> {
    let mut w = csv_out();
    w.write_record([
        "baris",
        "nik",
        "nama",
        "jenis_kelamin",
        "tempat_lahir",
        "tanggal_lahir",
        "alamat",
        "desa",
        "pendidikan",
        "telepon",
        "email",
        "wilayah_tugas",
    ])?;
    for r in &p.rows {
        w.write_record([
            r.line.to_string().as_str(),
            &r.nik,
            &r.nama,
            &r.jenis_kelamin,
            &r.tempat_lahir,
            &r.tanggal_lahir,
            &r.alamat,
            &r.desa,
            &r.pendidikan,
            &r.telepon,
            &r.email,
            &r.wilayah_tugas,
        ])?;
    }
    flush(w)?;
    if !p.problems.is_empty() {
        println!();
        return report_problems(&p.problems, file, "pemeriksaan saja");
    }
    eprintln!(
        "{} pendaftar siap disimpan (pemeriksaan saja: belum ada yang disimpan).",
        p.valid
    );
    if p.matched > 0 {
        eprintln!(
            "{} baris sudah terdaftar pada seleksi ini: tidak disimpan lagi, ditandai daring.",
            p.matched
        );
    }
    Ok(())
}
