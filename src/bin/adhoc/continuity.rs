//! `adhoc lanjutan`, `adhoc evaluasi` and `adhoc riwayat`: keeping members
//! of an earlier round, the evaluation of members during the term, and a
//! person's history by NIK.

use chrono::{DateTime, Utc};
use clap::{Args, Subcommand};

use adhoc::domain::continuity::{Evaluation, MemberRef};
use adhoc::domain::permission::Session;
use adhoc::error::Result;
use adhoc::service::continuity::takeover::{self, KeepInput, KeepMember, Takeover};
use adhoc::service::continuity::{self, history, term};
use adhoc::store::Db;

use crate::{csv_out, flush};

/// An evaluation as typed on the command line.
#[derive(Args)]
pub struct EvaluationArgs {
    /// Nilai evaluasi kinerja 0–100.
    #[arg(long)]
    nilai: Option<u32>,
    /// Predikat, mis. "Baik".
    #[arg(long)]
    predikat: Option<String>,
    /// Catatan evaluasi.
    #[arg(long, default_value = "")]
    catatan: String,
}

impl EvaluationArgs {
    fn evaluation(self) -> Evaluation {
        Evaluation {
            score: self.nilai,
            grade: self.predikat,
            notes: self.catatan,
        }
    }
}

#[derive(Subcommand)]
pub enum LanjutanCommand {
    /// Anggota seleksi sebelumnya per wilayah dan kursi seleksi ini (CSV:
    /// kode_wilayah,wilayah,kuota,terisi,sisa,anggota,nama,asal,evaluasi,keterangan).
    Daftar {
        /// Seleksi baru.
        #[arg(long)]
        round: i64,
        /// Seleksi sebelumnya (badan sama, sudah masa kerja).
        #[arg(long)]
        dari: Option<i64>,
    },
    /// Melanjutkan anggota seleksi sebelumnya (semua atau tidak sama
    /// sekali). Tanpa nilai/predikat/catatan: evaluasi akhir masa kerja
    /// yang tercatat dipakai.
    Ambil {
        #[arg(long)]
        round: i64,
        #[arg(long)]
        dari: i64,
        /// Kode anggota dari daftar (A12, H3); boleh berulang.
        #[arg(long = "anggota", required = true)]
        anggota: Vec<String>,
        #[command(flatten)]
        evaluasi: EvaluationArgs,
        /// Nomor atau rujukan keputusan KPU.
        #[arg(long)]
        keputusan: String,
        #[arg(long)]
        alasan: String,
    },
    /// Membatalkan anggota lanjutan (nomor dari kolom "anggota" hasil
    /// daftar, tanpa huruf H), dengan alasan.
    Batal {
        #[arg(long)]
        id: i64,
        #[arg(long)]
        alasan: String,
    },
}

#[derive(Subcommand)]
pub enum EvaluasiCommand {
    /// Anggota satu seleksi dengan jumlah laporan dan evaluasi akhirnya (CSV).
    Anggota {
        #[arg(long)]
        round: i64,
    },
    /// Mencatat laporan bulanan seorang anggota (menggantikan laporan bulan
    /// yang sama).
    Bulanan {
        #[arg(long)]
        round: i64,
        /// Kode anggota (A12, H3).
        #[arg(long)]
        anggota: String,
        /// Bulan, mis. 2024-03.
        #[arg(long)]
        bulan: String,
        #[arg(long)]
        ringkasan: String,
        /// Penilaian singkat, mis. "Baik".
        #[arg(long)]
        penilaian: Option<String>,
    },
    /// Mencatat evaluasi akhir masa kerja seorang anggota.
    Akhir {
        #[arg(long)]
        round: i64,
        #[arg(long)]
        anggota: String,
        #[command(flatten)]
        evaluasi: EvaluationArgs,
    },
}

fn print_takeover(t: &Takeover) -> Result<()> {
    let mut w = csv_out();
    w.write_record([
        "kode_wilayah",
        "wilayah",
        "kuota",
        "terisi",
        "sisa",
        "anggota",
        "nama",
        "asal",
        "evaluasi",
        "keterangan",
    ])?;
    for u in &t.units {
        let head = [
            u.unit_code.clone(),
            u.unit_label.clone(),
            u.quota.to_string(),
            u.held.to_string(),
            u.seats_left.to_string(),
        ];
        for k in &u.kept {
            let mut row = head.to_vec();
            row.extend([
                format!("H{}", k.id),
                k.full_name.clone(),
                "Dilanjutkan".into(),
                k.summary.clone(),
                format!("{} — {}", k.decision, k.reason),
            ]);
            w.write_record(&row)?;
        }
        for c in &u.candidates {
            let mut row = head.to_vec();
            row.extend([
                c.member.key.clone(),
                c.member.full_name.clone(),
                c.member.source_label.clone(),
                c.member
                    .evaluation
                    .as_ref()
                    .map(|e| e.summary.clone())
                    .unwrap_or_default(),
                c.blocked
                    .clone()
                    .unwrap_or_else(|| "dapat dilanjutkan".into()),
            ]);
            w.write_record(&row)?;
        }
    }
    flush(w)
}

pub async fn run_lanjutan(
    db: &Db,
    session: &Session,
    cmd: LanjutanCommand,
    now: DateTime<Utc>,
) -> Result<()> {
    match cmd {
        LanjutanCommand::Daftar { round, dari } => {
            let t = takeover::view(db, session, round, dari).await?;
            if dari.is_none() {
                let names: Vec<String> = t
                    .sources
                    .iter()
                    .map(|s| format!("{} ({})", s.id, s.name))
                    .collect();
                eprintln!(
                    "Seleksi sebelumnya yang dapat dipilih dengan --dari: {}",
                    if names.is_empty() {
                        "tidak ada".to_string()
                    } else {
                        names.join(", ")
                    }
                );
            }
            print_takeover(&t)
        }
        LanjutanCommand::Ambil {
            round,
            dari,
            anggota,
            evaluasi,
            keputusan,
            alasan,
        } => {
            let evaluation = evaluasi.evaluation();
            let members = anggota
                .iter()
                .map(|k| {
                    Ok(KeepMember {
                        member: MemberRef::parse_key(k)?,
                        evaluation: evaluation.clone(),
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            let n = members.len();
            let input = KeepInput {
                from_round_id: dari,
                members,
                decision: keputusan,
                reason: alasan,
            };
            let t = takeover::keep(db, session, round, &input, now).await?;
            eprintln!("{n} anggota dilanjutkan.");
            print_takeover(&t)
        }
        LanjutanCommand::Batal { id, alasan } => {
            let t = takeover::cancel(db, session, id, &alasan, now).await?;
            eprintln!("Anggota lanjutan H{id} dibatalkan; kursinya kembali ke seleksi.");
            print_takeover(&t)
        }
    }
}

pub async fn run_evaluasi(
    db: &Db,
    session: &Session,
    cmd: EvaluasiCommand,
    now: DateTime<Utc>,
) -> Result<()> {
    let term = match cmd {
        EvaluasiCommand::Anggota { round } => {
            let members = continuity::members(db, session, round).await?;
            let mut w = csv_out();
            w.write_record([
                "anggota",
                "nama",
                "kode_wilayah",
                "wilayah",
                "asal",
                "laporan_bulanan",
                "evaluasi_akhir",
            ])?;
            for m in members {
                w.write_record([
                    m.key,
                    m.full_name,
                    m.unit_code,
                    m.unit_label,
                    m.source_label,
                    m.reports.to_string(),
                    m.evaluation.map(|e| e.summary).unwrap_or_default(),
                ])?;
            }
            return flush(w);
        }
        EvaluasiCommand::Bulanan {
            round,
            anggota,
            bulan,
            ringkasan,
            penilaian,
        } => {
            let input = term::ReportInput {
                member: MemberRef::parse_key(&anggota)?,
                month: bulan,
                summary: ringkasan,
                assessment: penilaian,
            };
            term::record_report(db, session, round, &input, now).await?
        }
        EvaluasiCommand::Akhir {
            round,
            anggota,
            evaluasi,
        } => {
            let who = MemberRef::parse_key(&anggota)?;
            term::evaluate_end(db, session, round, who, &evaluasi.evaluation(), now).await?
        }
    };
    eprintln!(
        "{} ({}): {} laporan bulanan; evaluasi akhir: {}.",
        term.member.full_name,
        term.member.key,
        term.reports.len(),
        term.evaluation
            .as_ref()
            .map_or("belum ada".to_string(), |e| e.summary.clone())
    );
    Ok(())
}

/// A person's history by NIK as CSV.
pub async fn print_history(db: &Db, session: &Session, nik: &str) -> Result<()> {
    let h = history::person(db, session, nik).await?;
    let mut w = csv_out();
    w.write_record([
        "seleksi",
        "pemilihan",
        "badan",
        "wilayah",
        "peran",
        "hasil",
        "berhenti",
        "keputusan",
        "laporan_bulanan",
        "evaluasi_akhir",
    ])?;
    for e in h.entries {
        w.write_record([
            e.round_name,
            e.election,
            e.body,
            e.unit_label,
            e.role,
            e.outcome,
            e.left.unwrap_or_default(),
            e.decision.unwrap_or_default(),
            e.reports.to_string(),
            e.evaluation.map(|v| v.summary).unwrap_or_default(),
        ])?;
    }
    flush(w)
}
