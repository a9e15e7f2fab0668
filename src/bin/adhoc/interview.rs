//! `adhoc wawancara`: the interview by panels: panels and interviewers,
//! the form's aspects and weights, who goes to which panel, each
//! interviewer's scores per aspect (typed or from a recap sheet), the
//! breakdown of a candidate's score, the scoring form as PDF and the
//! schedule per panel.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::Subcommand;

use adhoc::domain::interview::{parse_weight, Aspect};
use adhoc::domain::permission::Session;
use adhoc::error::{Error, Result};
use adhoc::service::interview::marks::{self, InterviewCard, ScoreCell};
use adhoc::service::interview::{self, assign, form, import, NewInterviewer};
use adhoc::service::registration;
use adhoc::store::Db;

use crate::{csv_out, flush, read_file, report_problems};

#[derive(Subcommand)]
pub enum InterviewCommand {
    /// Panel wawancara (ruang dan tim pewawancaranya).
    #[command(subcommand)]
    Panel(PanelCommand),
    /// Aspek penilaian dan bobotnya. Tanpa --aspek: mencetak aspek yang
    /// berlaku (CSV). Dengan --aspek "Nama=BOBOT" (berulang, berurutan):
    /// mengganti semuanya; hanya sebelum ada nilai panel.
    Aspek {
        #[arg(long)]
        round: i64,
        #[arg(long = "aspek")]
        aspek: Vec<String>,
    },
    /// Membagi peserta wawancara yang belum mendapat panel: satu wilayah
    /// utuh ke panel yang pesertanya paling sedikit.
    Bagi {
        #[arg(long)]
        round: i64,
    },
    /// Menempatkan satu peserta pada panel tertentu (dengan waktu bila ada).
    Tempatkan {
        #[arg(long)]
        round: i64,
        /// Nomor pendaftaran.
        nomor: String,
        /// Nama panel, mis. "Panel 2".
        #[arg(long)]
        panel: String,
        /// Waktu wawancara, mis. 08.30.
        #[arg(long, default_value = "")]
        waktu: String,
    },
    /// Memasukkan nilai satu pewawancara untuk satu peserta, lalu mencetak
    /// rinciannya. Tanpa --pewawancara: hanya mencetak rincian.
    Nilai {
        #[arg(long)]
        round: i64,
        /// Nomor pendaftaran.
        nomor: String,
        /// Nama pewawancara (anggota panel peserta).
        #[arg(long, requires = "aspek")]
        pewawancara: Option<String>,
        /// "Nama aspek=NILAI" (0–100, paling banyak dua desimal; kosong
        /// menghapus), berulang.
        #[arg(long = "aspek")]
        aspek: Vec<String>,
    },
    /// Mengimpor rekap nilai panel (CSV, xlsx, xls, ods): kolom
    /// nomor_pendaftaran, pewawancara, dan satu kolom per aspek (judulnya
    /// nama aspek). Semua atau tidak sama sekali.
    Impor {
        #[arg(long)]
        round: i64,
        file: PathBuf,
        /// Lembar kerja; bawaan lembar pertama.
        #[arg(long)]
        sheet: Option<String>,
    },
    /// Menulis formulir penilaian wawancara satu peserta (PDF) untuk
    /// ditandatangani pewawancara.
    Formulir {
        #[arg(long)]
        round: i64,
        nomor: String,
        #[arg(long)]
        out: PathBuf,
        /// Ukuran kertas: a4 atau f4.
        #[arg(long, default_value = "a4")]
        kertas: String,
    },
    /// Jadwal wawancara per panel (CSV).
    Jadwal {
        #[arg(long)]
        round: i64,
    },
}

#[derive(Subcommand)]
pub enum PanelCommand {
    /// Membuat panel dengan pewawancaranya; mencetak nomor panel.
    Tambah {
        #[arg(long)]
        round: i64,
        #[arg(long)]
        nama: String,
        #[arg(long, default_value = "")]
        ruang: String,
        /// Nama pewawancara, berulang; "Nama;NIP;Jabatan" bila perlu.
        #[arg(long = "pewawancara")]
        pewawancara: Vec<String>,
    },
    /// Menghapus panel yang belum memberi nilai.
    Hapus {
        #[arg(long)]
        panel: i64,
    },
    /// Daftar panel dan pewawancaranya (CSV).
    Daftar {
        #[arg(long)]
        round: i64,
    },
}

fn person(text: &str) -> NewInterviewer {
    let mut parts = text.split(';').map(str::trim);
    NewInterviewer {
        name: parts.next().unwrap_or_default().to_string(),
        nip: parts.next().unwrap_or_default().to_string(),
        jabatan: parts.next().unwrap_or_default().to_string(),
    }
}

/// "Nama=nilai" split at its last `=`.
fn pair(text: &str) -> Result<(String, String)> {
    text.rsplit_once('=')
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .ok_or_else(|| {
            Error::validation(
                "aspek",
                format!("Tulis --aspek sebagai \"Nama aspek=NILAI\", bukan \"{text}\"."),
            )
        })
}

pub async fn run(
    db: &Db,
    session: &Session,
    cmd: InterviewCommand,
    now: DateTime<Utc>,
) -> Result<()> {
    match cmd {
        InterviewCommand::Panel(PanelCommand::Tambah {
            round,
            nama,
            ruang,
            pewawancara,
        }) => {
            let people: Vec<NewInterviewer> = pewawancara.iter().map(|p| person(p)).collect();
            let id = interview::add_panel(db, session, round, &nama, &ruang, &people, now).await?;
            println!("{id}");
            eprintln!("{nama} dibuat dengan {} pewawancara.", people.len());
            Ok(())
        }
        InterviewCommand::Panel(PanelCommand::Hapus { panel }) => {
            interview::delete_panel(db, session, panel, now).await?;
            eprintln!("Panel {panel} dihapus.");
            Ok(())
        }
        InterviewCommand::Panel(PanelCommand::Daftar { round }) => {
            let setup = interview::setup(db, session, round).await?;
            let mut w = csv_out();
            w.write_record([
                "panel_id",
                "panel",
                "ruang",
                "pewawancara",
                "nip",
                "peserta",
            ])?;
            for p in &setup.panels {
                for i in &p.interviewers {
                    w.write_record([
                        p.id.to_string().as_str(),
                        &p.name,
                        &p.room,
                        &i.name,
                        &i.nip,
                        &p.candidates.to_string(),
                    ])?;
                }
            }
            flush(w)
        }
        InterviewCommand::Aspek { round, aspek } => {
            if !aspek.is_empty() {
                let aspects = aspek
                    .iter()
                    .map(|a| {
                        let (name, weight) = pair(a)?;
                        let weight =
                            parse_weight(&weight).map_err(|e| Error::validation("aspek", e))?;
                        Ok(Aspect { name, weight })
                    })
                    .collect::<Result<Vec<_>>>()?;
                interview::set_aspects(db, session, round, &aspects, now).await?;
                eprintln!("{} aspek penilaian disimpan.", aspects.len());
            }
            let setup = interview::setup(db, session, round).await?;
            let mut w = csv_out();
            w.write_record(["no", "aspek", "bobot"])?;
            for (i, a) in setup.aspects.iter().enumerate() {
                w.write_record([(i + 1).to_string(), a.name.clone(), a.weight.to_string()])?;
            }
            flush(w)
        }
        InterviewCommand::Bagi { round } => {
            let n = assign::assign_automatically(db, session, round, now).await?;
            eprintln!("{n} peserta dibagi ke panel.");
            Ok(())
        }
        InterviewCommand::Tempatkan {
            round,
            nomor,
            panel,
            waktu,
        } => {
            let id = registration::id_by_number(db, round, &nomor).await?;
            let setup = interview::setup(db, session, round).await?;
            let p = setup
                .panels
                .iter()
                .find(|p| p.name.eq_ignore_ascii_case(panel.trim()))
                .ok_or_else(|| Error::NotFound(format!("Panel \"{panel}\"")))?;
            assign::assign(db, session, round, id, p.id, &waktu, now).await?;
            eprintln!("{nomor} ditempatkan pada {}.", p.name);
            Ok(())
        }
        InterviewCommand::Nilai {
            round,
            nomor,
            pewawancara,
            aspek,
        } => {
            let id = registration::id_by_number(db, round, &nomor).await?;
            let mut card = marks::card(db, session, round, id).await?;
            if let Some(who) = pewawancara {
                let interviewer = card
                    .interviewers
                    .iter()
                    .find(|i| i.name.to_lowercase() == who.trim().to_lowercase())
                    .ok_or_else(|| {
                        Error::validation(
                            "pewawancara",
                            format!(
                                "\"{who}\" bukan pewawancara panel peserta ini ({}).",
                                if card.panel.is_empty() {
                                    "belum ada panel"
                                } else {
                                    &card.panel
                                }
                            ),
                        )
                    })?
                    .interviewer_id;
                let cells = aspek
                    .iter()
                    .map(|a| {
                        let (name, score) = pair(a)?;
                        let aspect = card
                            .aspects
                            .iter()
                            .find(|x| x.name.to_lowercase() == name.to_lowercase())
                            .ok_or_else(|| {
                                Error::validation(
                                    "aspek",
                                    format!(
                                        "Aspek \"{name}\" tidak ada pada formulir seleksi ini."
                                    ),
                                )
                            })?;
                        Ok(ScoreCell {
                            interviewer_id: interviewer,
                            aspect_id: aspect.id,
                            score,
                        })
                    })
                    .collect::<Result<Vec<_>>>()?;
                card = marks::record_scores(db, session, round, id, &cells, now).await?;
            }
            print_card(&card)
        }
        InterviewCommand::Impor { round, file, sheet } => {
            let bytes = read_file(&file)?;
            let report =
                import::import_scores(db, session, round, &bytes, sheet.as_deref(), now).await?;
            if !report.problems.is_empty() {
                return report_problems(&report.problems, &file, "nilai lama tidak berubah");
            }
            eprintln!(
                "{} nilai aspek untuk {} peserta disimpan; {} peserta sudah lengkap nilai wawancaranya.",
                report.scores, report.candidates, report.marks
            );
            Ok(())
        }
        InterviewCommand::Formulir {
            round,
            nomor,
            out,
            kertas,
        } => {
            let paper = adhoc::pdf::Paper::parse(&kertas)?;
            let id = registration::id_by_number(db, round, &nomor).await?;
            let (_, bytes) = form::scoring_form_pdf(db, session, round, id, paper, now).await?;
            std::fs::write(&out, bytes)?;
            eprintln!(
                "Formulir penilaian wawancara {nomor} ditulis ke {}.",
                out.display()
            );
            Ok(())
        }
        InterviewCommand::Jadwal { round } => {
            let schedule = assign::schedule(db, session, round).await?;
            let mut w = csv_out();
            w.write_record([
                "panel",
                "ruang",
                "urutan",
                "waktu",
                "nomor_pendaftaran",
                "nama",
                "jenis_kelamin",
                "wilayah_tugas",
                "nilai",
            ])?;
            for p in &schedule {
                for r in &p.rows {
                    w.write_record([
                        p.panel.as_str(),
                        &p.room,
                        &r.turn.to_string(),
                        &r.time,
                        &r.reg_number,
                        &r.full_name,
                        &r.sex,
                        &r.unit,
                        &r.mark,
                    ])?;
                }
            }
            flush(w)
        }
    }
}

/// The breakdown: one CSV row per interviewer (scores per aspect and the
/// weighted sum), then the mean; the explanation on standard error.
fn print_card(card: &InterviewCard) -> Result<()> {
    let mut w = csv_out();
    let mut head = vec!["pewawancara".to_string()];
    head.extend(
        card.aspects
            .iter()
            .map(|a| format!("{} ({})", a.name, a.weight)),
    );
    head.push("nilai_berbobot".into());
    w.write_record(&head)?;
    for i in &card.interviewers {
        let mut row = vec![i.name.clone()];
        row.extend(i.scores.iter().cloned());
        row.push(i.weighted.clone());
        w.write_record(&row)?;
    }
    let mut last = vec!["rata-rata".to_string()];
    last.extend(card.aspects.iter().map(|_| String::new()));
    last.push(card.mark.clone());
    w.write_record(&last)?;
    flush(w)?;
    eprintln!(
        "{} {}: {}",
        card.reg_number, card.full_name, card.explanation
    );
    Ok(())
}
