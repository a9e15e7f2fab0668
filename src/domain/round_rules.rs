//! The settings of a round that differ between offices and elections but
//! are not numbers (issue 18): until when the public may respond about a
//! candidate, what the surat pernyataan states, and the legal basis the
//! official documents cite. Each preset carries its own (DOMAIN.md: the
//! 2024 Pilkada statement adds "no comorbidity"; the Pilkada rests on the
//! Pilkada law, not on UU 7/2017), and staff may change them before
//! registration opens like every other rule of the round.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::round::{RoundSettings, Stage};
use crate::domain::text::{check, Lines};
use crate::error::{Error, Result};

/// Until when the office takes public responses (tanggapan masyarakat).
/// The window opens with the announcement of the administrative check;
/// where it ends is the office's choice (DOMAIN.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ResponseWindow {
    /// Until before the interviews (the national rule; default).
    Wawancara,
    /// Until the swearing in: while the decision (penetapan) stage is not
    /// closed. A founded response then still drops the candidate and the
    /// next reserve moves up.
    Pelantikan,
}

impl ResponseWindow {
    pub const ALL: [ResponseWindow; 2] = [ResponseWindow::Wawancara, ResponseWindow::Pelantikan];

    /// Database and CLI spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ResponseWindow::Wawancara => "wawancara",
            ResponseWindow::Pelantikan => "pelantikan",
        }
    }

    /// As staff read it: "Tanggapan masyarakat diterima sampai …".
    pub fn label(self) -> &'static str {
        match self {
            ResponseWindow::Wawancara => "sebelum tes wawancara",
            ResponseWindow::Pelantikan => "sebelum pelantikan",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        ResponseWindow::ALL
            .into_iter()
            .find(|w| w.as_str() == s.trim().to_lowercase())
            .ok_or_else(|| {
                Error::validation(
                    "responses_until",
                    format!(
                        "Batas tanggapan masyarakat \"{}\" tidak dikenal; pilih wawancara atau pelantikan.",
                        crate::domain::text::shown(s)
                    ),
                )
            })
    }

    /// The first stage in which responses are no longer taken.
    pub fn closes_at(self) -> Stage {
        match self {
            ResponseWindow::Wawancara => Stage::Wawancara,
            ResponseWindow::Pelantikan => Stage::MasaKerja,
        }
    }

    /// Whether a response may be recorded while the round is at `stage`.
    pub fn is_open(self, stage: Stage) -> bool {
        stage < self.closes_at()
    }

    /// What staff read about the window while the round is at `stage`.
    pub fn note(self, stage: Stage) -> String {
        let span = format!(
            "diterima sejak pengumuman hasil penelitian administrasi sampai {} (pengaturan seleksi)",
            self.label()
        );
        if stage == Stage::MasaKerja {
            "Seleksi sudah memasuki masa kerja: tanggapan baru tidak lagi dicatat dan tidak lagi diputuskan. Anggota yang diberhentikan diganti melalui PAW.".to_string()
        } else if self.is_open(stage) {
            format!("Tanggapan dan masukan masyarakat tentang calon {span}.")
        } else {
            format!(
                "Masa tanggapan masyarakat sudah berakhir: tanggapan {span}. Tanggapan yang sudah dicatat tetap dapat diklarifikasi dan diputuskan."
            )
        }
    }
}

/// Most items a surat pernyataan may list.
pub const MAX_STATEMENT_ITEMS: usize = 30;
/// Longest item, in characters.
pub const MAX_STATEMENT_ITEM_CHARS: usize = 400;
/// Longest legal basis, in characters (all lines together).
pub const MAX_LEGAL_BASIS_CHARS: usize = 3000;
/// Most lines (legal instruments) of a legal basis.
pub const MAX_LEGAL_BASIS_LINES: usize = 20;

/// The health statement of the 2024 rules.
const HEALTH: &str = "Sehat jasmani, rohani, dan bebas dari penyalahgunaan narkotika";
/// What the 2024 Pilkada adds to it (Keputusan KPU 475/2024).
pub const COMORBIDITY: &str = "tidak memiliki penyakit penyerta (komorbid)";

/// The items of the surat pernyataan under the 2024 rules (DOMAIN.md,
/// requirements table: party, health and integrity rows), in the order of
/// the model statement; with `comorbidity`, the health item also states
/// that the applicant has no comorbidity (the 2024 Pilkada).
pub fn statement_items_2024(comorbidity: bool) -> Vec<String> {
    let health = if comorbidity {
        format!("{HEALTH}, serta {COMORBIDITY}")
    } else {
        HEALTH.to_string()
    };
    [
        "Setia kepada Pancasila sebagai dasar negara, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, Negara Kesatuan Republik Indonesia, Bhinneka Tunggal Ika, dan cita-cita Proklamasi 17 Agustus 1945",
        "Tidak menjadi anggota partai politik, atau telah keluar dari keanggotaan partai politik paling singkat 5 (lima) tahun",
        health.as_str(),
        "Tidak pernah dipidana penjara berdasarkan putusan pengadilan yang telah berkekuatan hukum tetap karena melakukan tindak pidana yang diancam dengan pidana penjara 5 (lima) tahun atau lebih",
        "Tidak pernah diberhentikan tetap oleh KPU, KPU Provinsi, KPU Kabupaten/Kota, atau DKPP",
        "Tidak menjadi tim kampanye atau saksi peserta pemilihan dalam 5 (lima) tahun terakhir",
        "Tidak berada dalam ikatan perkawinan dengan sesama penyelenggara pemilihan",
        "Mampu membaca, menulis, berhitung, dan menggunakan teknologi informasi",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// The legal basis of the 2024 general election's recruitment, one
/// instrument a line.
pub const LEGAL_BASIS_PEMILU_2024: &str = "\
Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum
Peraturan Komisi Pemilihan Umum Nomor 8 Tahun 2022 tentang Pembentukan dan Tata Kerja Badan Ad Hoc Penyelenggara Pemilihan Umum dan Pemilihan Gubernur dan Wakil Gubernur, Bupati dan Wakil Bupati, serta Wali Kota dan Wakil Wali Kota
Keputusan Komisi Pemilihan Umum Nomor 476 Tahun 2022, sebagaimana telah diubah dengan Keputusan Komisi Pemilihan Umum Nomor 534 Tahun 2022 dan Keputusan Komisi Pemilihan Umum Nomor 67 Tahun 2023";

/// The legal basis of the 2024 Pilkada's recruitment, one instrument a line.
pub const LEGAL_BASIS_PILKADA_2024: &str = "\
Undang-Undang Nomor 1 Tahun 2015 tentang Penetapan Peraturan Pemerintah Pengganti Undang-Undang Nomor 1 Tahun 2014 tentang Pemilihan Gubernur, Bupati, dan Walikota menjadi Undang-Undang, sebagaimana telah beberapa kali diubah terakhir dengan Undang-Undang Nomor 6 Tahun 2020
Peraturan Komisi Pemilihan Umum Nomor 8 Tahun 2022 tentang Pembentukan dan Tata Kerja Badan Ad Hoc Penyelenggara Pemilihan Umum dan Pemilihan Gubernur dan Wakil Gubernur, Bupati dan Wakil Bupati, serta Wali Kota dan Wakil Wali Kota
Keputusan Komisi Pemilihan Umum Nomor 476 Tahun 2022 beserta perubahannya
Keputusan Komisi Pemilihan Umum Nomor 475 Tahun 2024";

/// The code of the document whose contents are the statement items.
pub const STATEMENT_DOCUMENT: &str = "surat_pernyataan";

/// What a document must state, as the requirement checklists show under
/// it: the round's statement items under the surat pernyataan, nothing
/// under the others.
pub fn contents_of(code: &str, settings: &RoundSettings) -> Vec<String> {
    if code == STATEMENT_DOCUMENT {
        settings.statement_items.clone()
    } else {
        Vec::new()
    }
}

/// Spaces folded, blank items dropped: how the items are kept.
pub fn tidy_items(items: &[String]) -> Vec<String> {
    items
        .iter()
        .map(|i| i.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|i| !i.is_empty())
        .collect()
}

/// Each line's spaces folded, blank lines dropped: how the text is kept.
pub fn tidy_legal_basis(text: &str) -> String {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// At least one item and at most [`MAX_STATEMENT_ITEMS`], each one line of
/// at most [`MAX_STATEMENT_ITEM_CHARS`] characters, none blank or twice.
/// A wrong item is named `statement_items.<i>` (from 0).
pub fn check_statement_items(items: &[String]) -> Result<()> {
    if items.is_empty() {
        return Err(Error::validation(
            "statement_items",
            "Isi surat pernyataan wajib memuat paling sedikit satu butir.",
        ));
    }
    if items.len() > MAX_STATEMENT_ITEMS {
        return Err(Error::validation(
            "statement_items",
            format!(
                "Isi surat pernyataan paling banyak {MAX_STATEMENT_ITEMS} butir (sekarang {}).",
                items.len()
            ),
        ));
    }
    for (i, item) in items.iter().enumerate() {
        let field = format!("statement_items.{i}");
        let label = format!("Butir pernyataan ke-{}", i + 1);
        check(&label, item, MAX_STATEMENT_ITEM_CHARS, Lines::One)
            .map_err(|m| Error::validation(field.clone(), m))?;
        if item.trim().is_empty() {
            return Err(Error::validation(
                field,
                format!("{label} kosong; isi atau hapus butir itu."),
            ));
        }
        let key = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        if let Some(j) = items[..i].iter().position(|o| key(o) == key(item)) {
            return Err(Error::validation(
                field,
                format!(
                    "{label} sama dengan butir ke-{}; hapus salah satunya.",
                    j + 1
                ),
            ));
        }
    }
    Ok(())
}

/// At most [`MAX_LEGAL_BASIS_CHARS`] characters on at most
/// [`MAX_LEGAL_BASIS_LINES`] lines, no control character. May be empty:
/// the documents then print no "Dasar" part.
pub fn check_legal_basis(text: &str) -> Result<()> {
    check("Dasar hukum", text, MAX_LEGAL_BASIS_CHARS, Lines::Many)
        .map_err(|m| Error::validation("legal_basis", m))?;
    if text.contains('\t') {
        return Err(Error::validation(
            "legal_basis",
            "Dasar hukum tidak boleh berisi tab; tulis satu peraturan per baris.",
        ));
    }
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    if lines > MAX_LEGAL_BASIS_LINES {
        return Err(Error::validation(
            "legal_basis",
            format!(
                "Dasar hukum paling banyak {MAX_LEGAL_BASIS_LINES} baris, satu peraturan per baris (sekarang {lines})."
            ),
        ));
    }
    Ok(())
}

/// The legal basis as the documents number it: one instrument a line.
pub fn legal_basis_lines(text: &str) -> Vec<String> {
    tidy_legal_basis(text).lines().map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_closes_at_the_interviews_or_at_the_term() {
        use Stage::*;
        let w = ResponseWindow::Wawancara;
        assert!(w.is_open(Tertulis));
        assert!(!w.is_open(Wawancara));
        assert!(!w.is_open(Penetapan));
        let p = ResponseWindow::Pelantikan;
        assert!(p.is_open(Wawancara));
        assert!(p.is_open(Penetapan));
        assert!(!p.is_open(MasaKerja));
        assert!(w.note(Tertulis).contains("sampai sebelum tes wawancara"));
        assert!(w
            .note(Wawancara)
            .starts_with("Masa tanggapan masyarakat sudah berakhir"));
        assert!(p.note(Penetapan).contains("sampai sebelum pelantikan"));
        assert!(p.note(MasaKerja).contains("PAW"));
        for w in ResponseWindow::ALL {
            assert_eq!(ResponseWindow::parse(w.as_str()).unwrap(), w);
            assert_eq!(serde_json::to_value(w).unwrap(), w.as_str());
        }
        assert_eq!(
            ResponseWindow::parse("lantik").unwrap_err().field(),
            Some("responses_until")
        );
    }

    #[test]
    fn only_the_pilkada_statement_says_no_comorbidity() {
        let pemilu = statement_items_2024(false);
        let pilkada = statement_items_2024(true);
        assert_eq!(pemilu.len(), pilkada.len());
        assert!(!pemilu.iter().any(|i| i.contains("komorbid")));
        assert!(pilkada.iter().any(|i| i.contains(COMORBIDITY)));
        check_statement_items(&pemilu).unwrap();
        check_statement_items(&pilkada).unwrap();
        // The checklist shows them under the statement, and only there.
        let settings = crate::domain::round::Preset::Pilkada2024
            .draft(crate::domain::round::Body::Pps)
            .settings;
        assert_eq!(contents_of(STATEMENT_DOCUMENT, &settings), pilkada);
        assert!(contents_of("surat_sehat", &settings).is_empty());
        assert!(crate::domain::documents::by_code(STATEMENT_DOCUMENT).is_some());
    }

    #[test]
    fn statement_items_are_bounded_and_distinct() {
        let field = |items: Vec<String>| {
            check_statement_items(&items)
                .unwrap_err()
                .field()
                .map(str::to_string)
        };
        assert_eq!(field(vec![]), Some("statement_items".into()));
        assert_eq!(
            field(vec!["a".repeat(MAX_STATEMENT_ITEM_CHARS + 1)]),
            Some("statement_items.0".into())
        );
        check_statement_items(&["a".repeat(MAX_STATEMENT_ITEM_CHARS)]).unwrap();
        assert_eq!(
            field(vec!["Sehat".into(), "  sehat ".into()]),
            Some("statement_items.1".into())
        );
        assert_eq!(
            field(vec!["Sehat".into(), "baris\nbaru".into()]),
            Some("statement_items.1".into())
        );
        assert_eq!(
            field(vec!["x".into(); MAX_STATEMENT_ITEMS + 1]),
            Some("statement_items".into())
        );
        assert_eq!(
            tidy_items(&["  a   b ".into(), " ".into()]),
            vec!["a b".to_string()]
        );
    }

    /// Rounds stored before the settings existed get the same texts as a
    /// new round of their election.
    #[test]
    fn the_migration_fills_in_the_preset_texts() {
        let sql = include_str!("../../migrations/0021_round_rules_2024.sql");
        let quoted = |s: &str| format!("'{}'", s.replace('\'', "''"));
        for item in statement_items_2024(false) {
            assert!(sql.contains(&quoted(&item)), "{item}");
        }
        let health = &statement_items_2024(true)[2];
        assert!(sql.contains(&format!("'$[2]',\n    {}", quoted(health))));
        for basis in [LEGAL_BASIS_PEMILU_2024, LEGAL_BASIS_PILKADA_2024] {
            let joined: Vec<String> = basis.lines().map(quoted).collect();
            assert!(
                sql.contains(&joined.join(" || char(10) ||\n    ")),
                "{basis}"
            );
        }
    }

    #[test]
    fn the_legal_basis_is_bounded_and_refuses_control_characters() {
        check_legal_basis(LEGAL_BASIS_PEMILU_2024).unwrap();
        check_legal_basis(LEGAL_BASIS_PILKADA_2024).unwrap();
        check_legal_basis("").unwrap();
        check_legal_basis(&"a".repeat(MAX_LEGAL_BASIS_CHARS)).unwrap();
        for bad in [
            "a".repeat(MAX_LEGAL_BASIS_CHARS + 1),
            "UU 7/2017\u{1b}[31m".to_string(),
            "UU 7/2017\u{202e}".to_string(),
            "UU\t7/2017".to_string(),
            "UU\n".repeat(MAX_LEGAL_BASIS_LINES + 1),
        ] {
            assert_eq!(
                check_legal_basis(&bad).unwrap_err().field(),
                Some("legal_basis"),
                "{bad:?}"
            );
        }
        check_legal_basis(&"UU\n".repeat(MAX_LEGAL_BASIS_LINES)).unwrap();
        assert_eq!(
            legal_basis_lines("  UU 7/2017 \n\n PKPU   8/2022"),
            vec!["UU 7/2017".to_string(), "PKPU 8/2022".to_string()]
        );
        assert!(LEGAL_BASIS_PILKADA_2024.contains("Nomor 6 Tahun 2020"));
        assert!(!LEGAL_BASIS_PILKADA_2024.contains("Nomor 7 Tahun 2017"));
    }
}
