//! `adhoc lembar-jawaban`: a paper written test marked against its keys —
//! keys per version, scoring settings, the answer sheets imported, the
//! analysis per question, and the marks previewed then stored.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use clap::Subcommand;

use adhoc::domain::answer_key::{MarkingSettings, Scale};
use adhoc::domain::permission::Session;
use adhoc::error::{Error, Result};
use adhoc::service::{answer_keys, answer_sheets, marking};
use adhoc::store::Db;

use crate::{csv_out, flush, read_file, report_problems};

#[derive(Subcommand)]
pub enum AnswerSheetsCommand {
    /// Menyimpan kunci jawaban satu versi soal (satu huruf A–E per soal,
    /// tanda bintang untuk soal yang dianulir; spasi diabaikan), atau
    /// menghapusnya dengan --hapus. Tanpa --versi: mencetak kunci dan pengaturan (CSV).
    Kunci {
        #[arg(long)]
        round: i64,
        /// Versi soal, mis. A atau B.
        #[arg(long, requires = "kunci_or_hapus")]
        versi: Option<String>,
        /// Kunci, mis. "ABCDE ABCDE".
        #[arg(long, group = "kunci_or_hapus")]
        kunci: Option<String>,
        #[arg(long, group = "kunci_or_hapus")]
        hapus: bool,
    },
    /// Cara penilaian: poin per jawaban benar, pengurangan per jawaban
    /// salah (0 bila tidak ada), kosong 0; nilai diskala 0–100 atau poin
    /// apa adanya (--skala poin).
    Pengaturan {
        #[arg(long)]
        round: i64,
        #[arg(long)]
        benar: u32,
        #[arg(long, default_value_t = 0)]
        salah: u32,
        /// seratus (bawaan) atau poin.
        #[arg(long, default_value = "seratus")]
        skala: String,
    },
    /// Mengimpor lembar jawaban dari CSV atau spreadsheet (xlsx, xls, ods):
    /// kolom nomor_pendaftaran, versi, dan jawaban (satu teks, mis.
    /// ABCDA-BC) atau satu kolom per soal (1, 2, 3, …). Semua atau tidak
    /// sama sekali.
    Impor {
        #[arg(long)]
        round: i64,
        file: PathBuf,
    },
    /// Analisis per soal (CSV): persentase peserta yang menjawab benar;
    /// di bawah 20% ditandai "periksa kunci".
    Analisis {
        #[arg(long)]
        round: i64,
    },
    /// Menilai lembar jawaban dan menyimpan nilai tes tertulis (semua atau
    /// tidak sama sekali). Dengan --periksa hanya mencetak nilainya (CSV).
    Nilai {
        #[arg(long)]
        round: i64,
        #[arg(long)]
        periksa: bool,
    },
}

pub async fn run(
    db: &Db,
    session: &Session,
    cmd: AnswerSheetsCommand,
    now: DateTime<Utc>,
) -> Result<()> {
    match cmd {
        AnswerSheetsCommand::Kunci {
            round,
            versi,
            kunci,
            hapus,
        } => match (versi, kunci) {
            (None, _) => print_keys(db, session, round).await,
            (Some(v), _) if hapus => {
                answer_keys::delete_key(db, session, round, &v, now).await?;
                eprintln!("Kunci jawaban versi {} dihapus.", v.trim().to_uppercase());
                Ok(())
            }
            (Some(v), Some(k)) => {
                let saved = answer_keys::save_key(db, session, round, &v, &k, now).await?;
                eprintln!(
                    "Kunci jawaban versi {} disimpan: {} soal ({} dianulir).",
                    saved.version, saved.questions, saved.annulled
                );
                Ok(())
            }
            (Some(_), None) => Err(Error::validation("kunci", "Tulis kuncinya dengan --kunci.")),
        },
        AnswerSheetsCommand::Pengaturan {
            round,
            benar,
            salah,
            skala,
        } => {
            let scale = match skala.trim().to_lowercase().as_str() {
                "seratus" | "100" => Scale::Seratus,
                "poin" => Scale::Poin,
                _ => {
                    return Err(Error::validation(
                        "skala",
                        "Skala harus \"seratus\" atau \"poin\".",
                    ))
                }
            };
            let settings = MarkingSettings {
                points_correct: benar,
                penalty_wrong: salah,
                scale,
            };
            answer_keys::save_settings(db, session, round, settings, now).await?;
            eprintln!("Pengaturan penilaian disimpan: benar {benar}, salah −{salah}, kosong 0.");
            Ok(())
        }
        AnswerSheetsCommand::Impor { round, file } => {
            let bytes = read_file(&file)?;
            let report = answer_sheets::import(db, session, round, &bytes, now).await?;
            if !report.problems.is_empty() {
                return report_problems(&report.problems, &file, "lembar lama tidak berubah");
            }
            eprintln!(
                "{} lembar jawaban disimpan ({} menimpa lembar sebelumnya). Periksa analisis, lalu simpan nilainya dengan `adhoc lembar-jawaban nilai`.",
                report.stored, report.replaced
            );
            Ok(())
        }
        AnswerSheetsCommand::Analisis { round } => print_analysis(db, session, round).await,
        AnswerSheetsCommand::Nilai { round, periksa } => {
            if periksa {
                return print_marks(db, session, round).await;
            }
            let report = marking::store_marks(db, session, round, now).await?;
            if !report.problems.is_empty() {
                return report_problems(
                    &report.problems,
                    Path::new("lembar jawaban"),
                    "nilai lama tidak berubah",
                );
            }
            eprintln!(
                "{} nilai tes tertulis disimpan dari lembar jawaban ({} menimpa nilai sebelumnya).",
                report.stored, report.replaced
            );
            Ok(())
        }
    }
}

async fn print_keys(db: &Db, session: &Session, round: i64) -> Result<()> {
    let t = answer_keys::paper_test(db, session, round).await?;
    let mut w = csv_out();
    w.write_record(["versi", "soal", "dianulir", "kunci"])?;
    for k in &t.keys {
        w.write_record([
            k.version.as_str(),
            &k.questions.to_string(),
            &k.annulled.to_string(),
            &k.key,
        ])?;
    }
    flush(w)?;
    let s = t.settings;
    let scale = match s.scale {
        Scale::Seratus => "skala 0–100",
        Scale::Poin => "poin apa adanya",
    };
    eprintln!(
        "Penilaian: benar {}, salah −{}, kosong 0, {scale}; {} lembar jawaban diimpor.",
        s.points_correct, s.penalty_wrong, t.sheets
    );
    Ok(())
}

async fn print_analysis(db: &Db, session: &Session, round: i64) -> Result<()> {
    let p = marking::preview(db, session, round).await?;
    let mut w = csv_out();
    w.write_record([
        "versi",
        "soal",
        "kunci",
        "benar",
        "lembar",
        "persen_benar",
        "jawaban_terbanyak",
        "catatan",
    ])?;
    for q in &p.analysis {
        w.write_record([
            q.version.as_str(),
            &q.question.to_string(),
            &q.key,
            &q.correct.to_string(),
            &q.sheets.to_string(),
            &q.share,
            &q.most_chosen,
            if q.check { "periksa kunci" } else { "" },
        ])?;
    }
    flush(w)?;
    eprintln!(
        "{} soal ditandai \"periksa kunci\" (kurang dari 20% menjawab benar).",
        p.flagged
    );
    Ok(())
}

async fn print_marks(db: &Db, session: &Session, round: i64) -> Result<()> {
    let p = marking::preview(db, session, round).await?;
    let mut w = csv_out();
    w.write_record([
        "nomor_pendaftaran",
        "nama",
        "wilayah_tugas",
        "versi",
        "benar",
        "salah",
        "kosong",
        "poin",
        "nilai",
        "nilai_sebelumnya",
    ])?;
    for r in &p.rows {
        w.write_record([
            r.reg_number.as_str(),
            &r.full_name,
            &r.unit,
            &r.version,
            &r.correct.to_string(),
            &r.wrong.to_string(),
            &r.blank.to_string(),
            &format!("{}/{}", r.points, r.max_points),
            &r.mark,
            &r.before,
        ])?;
    }
    flush(w)?;
    if !p.problems.is_empty() {
        println!();
        return report_problems(&p.problems, Path::new("lembar jawaban"), "pemeriksaan saja");
    }
    eprintln!(
        "{} nilai siap disimpan ({} menimpa nilai sebelumnya, {} soal perlu diperiksa kuncinya); pemeriksaan saja: belum ada yang disimpan.",
        p.rows.len(),
        p.replacing,
        p.flagged
    );
    Ok(())
}
