//! `adhoc rounds`: creating rounds with their rule settings, changing the
//! settings before anyone registers, per-unit quotas.

use std::io::Write;

use chrono::{DateTime, NaiveDate, Utc};
use clap::{Args, Subcommand};

use adhoc::domain::permission::Session;
use adhoc::domain::round::{Body, Preset, ResponseWindow, RoundSettings, ScoreCombination};
use adhoc::error::{Error, Result};
use adhoc::service::rounds;
use adhoc::store::Db;

use crate::{csv_out, flush};

#[derive(Subcommand)]
pub enum RoundsCommand {
    /// Daftar seleksi (CSV: id,pemilihan,badan,tahapan,nama,pendaftar).
    List,
    /// Membuat seleksi dari preset; aturan bawaan (2024) dapat diganti
    /// dengan pilihan di bawah.
    Create(CreateRound),
    /// Mengganti aturan seleksi selama belum ada pendaftar.
    Set {
        /// Nomor (id) seleksi.
        #[arg(long)]
        round: i64,
        #[command(flatten)]
        settings: SettingsArgs,
    },
    /// Aturan satu seleksi (CSV: aturan,nilai).
    Show {
        #[arg(long)]
        round: i64,
    },
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
pub struct CreateRound {
    /// pemilu-2024 atau pilkada-2024.
    #[arg(long)]
    preset: String,
    /// PPK atau PPS.
    #[arg(long)]
    badan: String,
    /// Nama seleksi (bawaan: "<pemilihan> – <badan>").
    #[arg(long)]
    nama: Option<String>,
    #[command(flatten)]
    settings: SettingsArgs,
}

/// The rule settings of a round; what is not given keeps its value.
#[derive(Args, Default)]
pub struct SettingsArgs {
    /// Anggota per wilayah tugas (bawaan 5 untuk PPK, 3 untuk PPS).
    #[arg(long)]
    kuota: Option<u32>,
    /// Yang lulus tes tertulis: sekian × kuota (bawaan 3).
    #[arg(long)]
    kelipatan_tertulis: Option<u32>,
    /// Peringkat hasil akhir: sekian × kuota (bawaan 2).
    #[arg(long)]
    kelipatan_akhir: Option<u32>,
    /// Perpanjangan bila pendaftar kurang dari sekian × kuota (bawaan 2).
    #[arg(long)]
    ambang_perpanjangan: Option<u32>,
    /// Lama satu perpanjangan, hari (bawaan 3).
    #[arg(long)]
    hari_perpanjangan: Option<u32>,
    /// Jumlah perpanjangan pendaftaran yang dibolehkan (bawaan 2); wilayah
    /// yang masih kurang sesudahnya diisi dengan penunjukan.
    #[arg(long)]
    jumlah_perpanjangan: Option<u32>,
    /// Usia minimal pada tanggal acuan (bawaan 17).
    #[arg(long)]
    usia_minimal: Option<u32>,
    /// Batas periode menjabat di badan yang sama; "tidak" untuk tanpa batas (bawaan).
    #[arg(long)]
    batas_periode: Option<String>,
    /// Tanggal acuan usia (YYYY-MM-DD; bawaan: hari pertama pendaftaran).
    #[arg(long)]
    tanggal_acuan: Option<NaiveDate>,
    /// Nilai akhir: wawancara (bawaan), jumlah (tertulis + wawancara), atau
    /// bobot (dengan --bobot-tertulis dan --bobot-wawancara, berjumlah 100).
    #[arg(long)]
    nilai_akhir: Option<String>,
    /// Bobot tes tertulis dalam persen (untuk --nilai-akhir bobot).
    #[arg(long)]
    bobot_tertulis: Option<u32>,
    /// Bobot wawancara dalam persen (untuk --nilai-akhir bobot).
    #[arg(long)]
    bobot_wawancara: Option<u32>,
    /// Tanggapan masyarakat diterima sampai: wawancara (sebelum tes
    /// wawancara, bawaan) atau pelantikan (sampai sebelum masa kerja).
    #[arg(long)]
    tanggapan_sampai: Option<String>,
    /// Satu butir isi surat pernyataan; ulangi untuk setiap butir. Bila
    /// diberikan, seluruh daftar butir diganti (bawaan: butir preset).
    #[arg(long = "butir-pernyataan")]
    butir_pernyataan: Vec<String>,
    /// Satu baris dasar hukum dokumen resmi (satu peraturan); ulangi untuk
    /// setiap baris. Bila diberikan, seluruh dasar hukum diganti;
    /// --dasar-hukum "" mengosongkannya.
    #[arg(long = "dasar-hukum")]
    dasar_hukum: Vec<String>,
}

impl SettingsArgs {
    /// `base` with the given settings in place; validated by the core when stored.
    fn apply(&self, base: &RoundSettings) -> Result<RoundSettings> {
        let mut s = base.clone();
        let pick = |v: Option<u32>, into: &mut u32| {
            if let Some(v) = v {
                *into = v;
            }
        };
        pick(self.kuota, &mut s.quota_per_unit);
        pick(self.kelipatan_tertulis, &mut s.written_pass_multiple);
        pick(self.kelipatan_akhir, &mut s.final_rank_multiple);
        pick(self.ambang_perpanjangan, &mut s.extension_threshold);
        pick(self.hari_perpanjangan, &mut s.extension_days);
        pick(self.jumlah_perpanjangan, &mut s.extensions_allowed);
        pick(self.usia_minimal, &mut s.min_age);
        if let Some(cap) = &self.batas_periode {
            s.max_periods = match cap.trim().to_lowercase().as_str() {
                "tidak" | "tanpa" | "" => None,
                n => Some(n.parse().map_err(|_| {
                    Error::validation(
                        "batas_periode",
                        format!("Batas periode \"{cap}\" bukan angka; tulis angka atau \"tidak\"."),
                    )
                })?),
            };
        }
        if let Some(d) = self.tanggal_acuan {
            s.reference_date = d;
        }
        if let Some(w) = &self.tanggapan_sampai {
            s.responses_until = ResponseWindow::parse(w)?;
        }
        if !self.butir_pernyataan.is_empty() {
            s.statement_items = self.butir_pernyataan.clone();
        }
        if !self.dasar_hukum.is_empty() {
            s.legal_basis = self.dasar_hukum.join("\n");
        }
        let weights = self.bobot_tertulis.is_some() || self.bobot_wawancara.is_some();
        let mode = match &self.nilai_akhir {
            Some(m) => Some(m.trim().to_lowercase()),
            None if weights => Some("bobot".to_string()),
            None => None,
        };
        if let Some(mode) = mode {
            if mode == "bobot" && !weights {
                return Err(Error::validation(
                    "nilai_akhir",
                    "Nilai akhir berbobot perlu --bobot-tertulis dan/atau --bobot-wawancara (berjumlah 100).",
                ));
            }
            if mode != "bobot" && weights {
                return Err(Error::validation(
                    "nilai_akhir",
                    "Bobot hanya dipakai dengan --nilai-akhir bobot.",
                ));
            }
            // One weight given: the other is what makes 100.
            let t = self
                .bobot_tertulis
                .or(self.bobot_wawancara.map(|w| 100u32.saturating_sub(w)));
            let w = self
                .bobot_wawancara
                .or(self.bobot_tertulis.map(|t| 100u32.saturating_sub(t)));
            s.score_combination =
                ScoreCombination::from_parts(&mode, t.unwrap_or(0), w.unwrap_or(0))?;
        }
        Ok(s)
    }
}

/// The settings as `aturan,nilai` lines.
fn print_settings(s: &RoundSettings) -> Result<()> {
    let combination = match s.score_combination {
        ScoreCombination::Wawancara => "wawancara".to_string(),
        ScoreCombination::Jumlah => "jumlah".to_string(),
        ScoreCombination::Bobot {
            tertulis,
            wawancara,
        } => format!("bobot {tertulis}/{wawancara}"),
    };
    let mut w = csv_out();
    w.write_record(["aturan", "nilai"])?;
    for (k, v) in [
        ("kuota", s.quota_per_unit.to_string()),
        ("kelipatan_tertulis", s.written_pass_multiple.to_string()),
        ("kelipatan_akhir", s.final_rank_multiple.to_string()),
        ("ambang_perpanjangan", s.extension_threshold.to_string()),
        ("hari_perpanjangan", s.extension_days.to_string()),
        ("jumlah_perpanjangan", s.extensions_allowed.to_string()),
        ("usia_minimal", s.min_age.to_string()),
        (
            "batas_periode",
            s.max_periods.map_or("tidak".to_string(), |p| p.to_string()),
        ),
        ("tanggal_acuan", s.reference_date.to_string()),
        ("nilai_akhir", combination),
        ("tanggapan_sampai", s.responses_until.as_str().to_string()),
    ] {
        w.write_record([k, v.as_str()])?;
    }
    // One row per item and per line, in order.
    for item in &s.statement_items {
        w.write_record(["butir_pernyataan", item.as_str()])?;
    }
    for line in s.legal_basis.lines() {
        w.write_record(["dasar_hukum", line])?;
    }
    flush(w)
}

pub async fn run(db: &Db, session: &Session, cmd: RoundsCommand, now: DateTime<Utc>) -> Result<()> {
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
            let mut draft = Preset::parse(&c.preset)?.draft(Body::parse(&c.badan)?);
            if let Some(name) = c.nama.as_deref() {
                draft.name = name.trim().to_string();
            }
            draft.settings = c.settings.apply(&draft.settings)?;
            let r = rounds::create_round(db, session, &draft, now).await?;
            eprintln!("Seleksi \"{}\" dibuat dengan nomor {}.", r.name, r.id);
            writeln!(std::io::stdout(), "{}", r.id)?;
            Ok(())
        }
        RoundsCommand::Set { round, settings } => {
            let current = rounds::get_round(db, session, round).await?;
            let wanted = settings.apply(&current.settings)?;
            let r = rounds::update_settings(db, session, round, &wanted, now).await?;
            eprintln!("Aturan seleksi \"{}\" diganti.", r.name);
            print_settings(&r.settings)
        }
        RoundsCommand::Show { round } => {
            print_settings(&rounds::get_round(db, session, round).await?.settings)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> RoundSettings {
        RoundSettings::defaults(Body::Ppk, NaiveDate::from_ymd_opt(2024, 1, 1).unwrap())
    }

    #[test]
    fn settings_given_replace_the_defaults_and_the_rest_stay() {
        let args = SettingsArgs {
            kuota: Some(4),
            batas_periode: Some("2".into()),
            bobot_tertulis: Some(40),
            ..Default::default()
        };
        let s = args.apply(&base()).unwrap();
        assert_eq!(s.quota_per_unit, 4);
        assert_eq!(s.max_periods, Some(2));
        assert_eq!(
            s.score_combination,
            ScoreCombination::Bobot {
                tertulis: 40,
                wawancara: 60
            }
        );
        assert_eq!(s.written_pass_multiple, 3);
        let sum = SettingsArgs {
            nilai_akhir: Some("jumlah".into()),
            ..Default::default()
        };
        assert_eq!(
            sum.apply(&base()).unwrap().score_combination,
            ScoreCombination::Jumlah
        );
        let wrong = SettingsArgs {
            nilai_akhir: Some("bobot".into()),
            ..Default::default()
        };
        assert!(wrong.apply(&base()).is_err());
        let wrong = SettingsArgs {
            nilai_akhir: Some("wawancara".into()),
            bobot_tertulis: Some(30),
            ..Default::default()
        };
        assert!(wrong.apply(&base()).is_err());
    }

    #[test]
    fn the_window_items_and_legal_basis_replace_what_was_there() {
        let args = SettingsArgs {
            tanggapan_sampai: Some("Pelantikan".into()),
            butir_pernyataan: vec!["Sehat".into(), "Setia".into()],
            dasar_hukum: vec!["UU 7/2017".into(), "PKPU 8/2022".into()],
            ..Default::default()
        };
        let s = args.apply(&base()).unwrap();
        assert_eq!(s.responses_until, ResponseWindow::Pelantikan);
        assert_eq!(s.statement_items, ["Sehat", "Setia"]);
        assert_eq!(s.legal_basis, "UU 7/2017\nPKPU 8/2022");
        // Not given: kept.
        let kept = SettingsArgs::default().apply(&s).unwrap();
        assert_eq!(kept, s);
        let wrong = SettingsArgs {
            tanggapan_sampai: Some("besok".into()),
            ..Default::default()
        };
        assert_eq!(
            wrong.apply(&base()).unwrap_err().field(),
            Some("responses_until")
        );
    }
}
