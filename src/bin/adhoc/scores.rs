//! `adhoc scores`: marks of the written test or the interview from a file,
//! the app's own CSV or any spreadsheet (the CAT system's export, a
//! marking sheet, the interview recap) through a column mapping.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use clap::Subcommand;

use adhoc::domain::permission::Session;
use adhoc::domain::round::Stage;
use adhoc::domain::score_mapping::IdKind;
use adhoc::error::{Error, Result};
use adhoc::service::score_sheets::{self, ScoreSheetChoice, ScoreSheetPreview};
use adhoc::service::scores::{self, ScoreImport};
use adhoc::store::Db;

use crate::{csv_out, flush, read_file, report_problems};

#[derive(Subcommand)]
pub enum ScoresCommand {
    /// Mengimpor nilai dari CSV (nomor_pendaftaran,nilai[,hadir]) atau dari
    /// spreadsheet xlsx, xls, ods (mis. ekspor CAT, lembar penilaian,
    /// rekap wawancara) yang kolomnya dipetakan menurut judulnya: pendaftar
    /// dikenali dari nomor pendaftaran atau NIK. Nilai "absen" atau
    /// hadir=tidak (nilai dikosongkan) untuk yang tidak hadir. Semua atau
    /// tidak sama sekali.
    Import {
        #[arg(long)]
        round: i64,
        /// tertulis atau wawancara.
        #[arg(long)]
        stage: String,
        file: PathBuf,
        /// Lembar kerja yang dibaca; bawaan lembar pertama.
        #[arg(long)]
        sheet: Option<String>,
        /// Kolom nomor pendaftaran: judul kolom atau hurufnya (mis. B).
        #[arg(long, conflicts_with = "kolom_nik")]
        kolom_nomor: Option<String>,
        /// Kolom NIK (pendaftar dikenali dari NIK): judul kolom atau hurufnya.
        #[arg(long)]
        kolom_nik: Option<String>,
        /// Kolom nilai: judul kolom atau hurufnya (mis. "NILAI AKHIR" atau F).
        #[arg(long)]
        kolom_nilai: Option<String>,
        /// Kolom kehadiran (hadir/tidak/absen/TH): judul kolom atau hurufnya.
        #[arg(long)]
        kolom_hadir: Option<String>,
        /// Hanya memeriksa: mencetak pemetaan, baris pertama seperti akan
        /// disimpan, dan setiap masalah; tidak ada yang disimpan.
        #[arg(long)]
        periksa: bool,
    },
}

pub async fn run(db: &Db, session: &Session, cmd: ScoresCommand, now: DateTime<Utc>) -> Result<()> {
    let ScoresCommand::Import {
        round,
        stage,
        file,
        sheet,
        kolom_nomor,
        kolom_nik,
        kolom_nilai,
        kolom_hadir,
        periksa,
    } = cmd;
    let stage = Stage::parse(&stage)?;
    let bytes = read_file(&file)?;
    let plain = sheet.is_none()
        && kolom_nomor.is_none()
        && kolom_nik.is_none()
        && kolom_nilai.is_none()
        && kolom_hadir.is_none()
        && !periksa;
    if plain && score_sheets::is_own_csv(&bytes) {
        let report = scores::import_marks(db, session, round, stage, &bytes, now).await?;
        return stored(&report, stage, &file);
    }
    let mut choice = ScoreSheetChoice {
        sheet,
        ..Default::default()
    };
    let mut preview = score_sheets::preview(db, session, round, stage, &bytes, &choice).await?;
    let mut mapping = preview.mapping;
    let column = |name: &str| score_sheets::column_named(&preview.columns, name);
    if let Some(c) = &kolom_nomor {
        mapping.id_column = Some(column(c)?);
        mapping.id_kind = IdKind::Nomor;
    }
    if let Some(c) = &kolom_nik {
        mapping.id_column = Some(column(c)?);
        mapping.id_kind = IdKind::Nik;
    }
    if let Some(c) = &kolom_nilai {
        mapping.mark_column = Some(column(c)?);
    }
    if let Some(c) = &kolom_hadir {
        mapping.attendance_column = Some(column(c)?);
    }
    choice.sheet = Some(preview.sheet.clone());
    choice.mapping = Some(mapping);
    if mapping != preview.mapping && periksa {
        preview = score_sheets::preview(db, session, round, stage, &bytes, &choice).await?;
    } else {
        preview.mapping = mapping;
    }
    describe_mapping(&preview);
    if !mapping.is_ready() {
        let mut why = mapping.missing().join(", ");
        if let Some(c) = mapping.conflict() {
            why = c;
        }
        return Err(Error::validation(
            "mapping",
            format!(
                "Pemetaan kolom belum lengkap ({why}). Sebutkan kolomnya dengan --kolom-nomor atau --kolom-nik, --kolom-nilai, --kolom-hadir (judul kolom atau hurufnya)."
            ),
        ));
    }
    if periksa {
        return print_preview(&preview, &file);
    }
    let report = score_sheets::import(db, session, round, stage, &bytes, &choice, now).await?;
    stored(&report, stage, &file)
}

/// What an import stored, or its problems.
fn stored(report: &ScoreImport, stage: Stage, file: &Path) -> Result<()> {
    if !report.problems.is_empty() {
        return report_problems(&report.problems, file, "nilai lama tidak berubah");
    }
    let replaced = if report.replaced > 0 {
        format!("; {} menimpa nilai sebelumnya", report.replaced)
    } else {
        String::new()
    };
    eprintln!(
        "{} nilai {} disimpan ({} tidak hadir{replaced}).",
        report.stored,
        stage.label().to_lowercase(),
        report.absent
    );
    Ok(())
}

/// The sheet and mapping used, on standard error.
fn describe_mapping(p: &ScoreSheetPreview) {
    eprintln!(
        "Lembar \"{}\", baris judul {}. Pemetaan kolom:",
        p.sheet, p.mapping.header_row
    );
    let named = |c: Option<u32>| {
        c.and_then(|c| p.columns.iter().find(|s| s.index == c))
            .map_or("(tidak ada)".to_string(), |s| {
                format!("{} {}", s.letter, s.header).trim().to_string()
            })
    };
    let m = &p.mapping;
    eprintln!("  {:<20} <- {}", m.id_kind.label(), named(m.id_column));
    eprintln!("  {:<20} <- {}", "Nilai", named(m.mark_column));
    eprintln!("  {:<20} <- {}", "Kehadiran", named(m.attendance_column));
}

/// `--periksa`: the first rows as they would be stored (CSV on standard
/// output), then the problems, if any, as an import prints them.
fn print_preview(p: &ScoreSheetPreview, file: &Path) -> Result<()> {
    let mut w = csv_out();
    w.write_record([
        "baris",
        "nomor_pendaftaran",
        "nama",
        "wilayah_tugas",
        "nilai",
        "nilai_sebelumnya",
    ])?;
    for r in &p.rows {
        w.write_record([
            r.line.to_string().as_str(),
            &r.reg_number,
            &r.full_name,
            &r.unit,
            &r.mark,
            &r.before,
        ])?;
    }
    flush(w)?;
    if !p.problems.is_empty() {
        println!();
        return report_problems(&p.problems, file, "pemeriksaan saja");
    }
    eprintln!(
        "{} nilai siap disimpan ({} tidak hadir, {} menimpa nilai sebelumnya); pemeriksaan saja: belum ada yang disimpan.",
        p.to_store, p.absent, p.replacing
    );
    Ok(())
}
