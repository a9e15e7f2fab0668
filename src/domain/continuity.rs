//! Continuity between elections: the evaluation of members during their
//! term, keeping members of an earlier round (dilanjutkan), and the service
//! a person has recorded in this database.
//!
//! Why: for the 2024 Pilkada, PPK/PPS members who served in the 2024 Pemilu
//! could be kept after a performance evaluation (evaluasi kinerja: monthly
//! reports and an end-of-term evaluation, Keputusan KPU 475/2024) instead
//! of an open selection. The office therefore needs (1) the evaluation
//! recorded during the term, (2) a new round that takes members over unit
//! by unit and opens the selection only for the seats left, and (3) a
//! person's history kept by NIK across rounds, which the periods-served
//! rule (`max_periods`) must see without staff typing it again.
//!
//! The window for a takeover is the new round's registration
//! ([`ensure_takeover_window`]): the administrative check and everything
//! after it rank against the unit's seats, so the seats kept must be known
//! before registration closes. The earlier round must be in its term of
//! office (masa kerja): its members are settled and their evaluation is
//! recorded there.
//!
//! Counting periods ([`periods_served`]): every earlier round of the same
//! body in which the person was a member (chosen, PAW replacement,
//! appointed or kept) is one period, once per round; the service the
//! applicant typed still counts for service elsewhere (another office, a
//! time before this database), except a typed entry of the same body and
//! election as a recorded round, which is the same period told twice.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::registration::PreviousService;
use crate::domain::round::{Body, Round, Stage};
use crate::domain::seat_holder::HolderSource;
use crate::error::{Error, Result};

/// A member of a round: an applicant its selection chose (or a reserve who
/// replaced one), or a seat holder (appointed or kept). Exactly one is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MemberRef {
    #[ts(type = "number | null")]
    pub applicant_id: Option<i64>,
    #[ts(type = "number | null")]
    pub holder_id: Option<i64>,
}

impl MemberRef {
    pub fn applicant(id: i64) -> Self {
        MemberRef {
            applicant_id: Some(id),
            holder_id: None,
        }
    }

    pub fn holder(id: i64) -> Self {
        MemberRef {
            applicant_id: None,
            holder_id: Some(id),
        }
    }

    /// Refuses a reference that names none or both.
    pub fn check(self) -> Result<Self> {
        match (self.applicant_id, self.holder_id) {
            (Some(_), None) | (None, Some(_)) => Ok(self),
            _ => Err(Error::validation(
                "anggota",
                "Pilih satu anggota: anggota hasil seleksi atau anggota penunjukan/lanjutan.",
            )),
        }
    }

    /// The short key lists and the command line use: `A12` for applicant
    /// 12, `H3` for seat holder 3.
    pub fn key(self) -> String {
        match (self.applicant_id, self.holder_id) {
            (Some(a), _) => format!("A{a}"),
            (None, Some(h)) => format!("H{h}"),
            (None, None) => String::new(),
        }
    }

    /// Reads a [`MemberRef::key`].
    pub fn parse_key(s: &str) -> Result<Self> {
        let s = s.trim();
        let bad = || {
            Error::validation(
                "anggota",
                format!(
                    "Kode anggota \"{s}\" tidak dikenal; tulis A diikuti nomor pendaftar (mis. A12) atau H diikuti nomor anggota penunjukan/lanjutan (mis. H3), seperti pada daftar anggota."
                ),
            )
        };
        let (kind, digits) = s.split_at(s.chars().next().map_or(0, char::len_utf8));
        let id: i64 = digits.parse().map_err(|_| bad())?;
        if id <= 0 {
            return Err(bad());
        }
        match kind {
            "A" | "a" => Ok(MemberRef::applicant(id)),
            "H" | "h" => Ok(MemberRef::holder(id)),
            _ => Err(bad()),
        }
    }
}

/// A performance evaluation: a score 0–100, a grade (e.g. "Baik"), or
/// both, with notes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Evaluation {
    pub score: Option<u32>,
    pub grade: Option<String>,
    pub notes: String,
}

/// The longest grade: a word or two ("Sangat baik", "B").
const MAX_GRADE_CHARS: usize = 30;

impl Evaluation {
    /// Whether nothing was given (the takeover then uses the end-of-term
    /// evaluation recorded in the earlier round).
    pub fn is_empty(&self) -> bool {
        self.score.is_none()
            && self.grade.as_deref().is_none_or(|g| g.trim().is_empty())
            && self.notes.trim().is_empty()
    }

    /// The evaluation with its grade and notes tidied; refuses a score
    /// above 100, a long grade, no score and no grade, or notes shorter
    /// than 10 characters.
    pub fn validated(&self) -> Result<Evaluation> {
        if let Some(s) = self.score {
            if s > 100 {
                return Err(Error::validation(
                    "nilai",
                    format!("Nilai evaluasi antara 0 dan 100 (sekarang {s})."),
                ));
            }
        }
        let grade = self
            .grade
            .as_deref()
            .map(|g| g.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|g| !g.is_empty());
        if grade
            .as_deref()
            .is_some_and(|g| g.chars().count() > MAX_GRADE_CHARS)
        {
            return Err(Error::validation(
                "predikat",
                format!("Predikat paling panjang {MAX_GRADE_CHARS} karakter, mis. \"Baik\"."),
            ));
        }
        if self.score.is_none() && grade.is_none() {
            return Err(Error::validation(
                "nilai",
                "Isi nilai evaluasi (0–100) atau predikatnya (mis. Baik).",
            ));
        }
        let notes = self.notes.split_whitespace().collect::<Vec<_>>().join(" ");
        if notes.chars().count() < 10 {
            return Err(Error::validation(
                "catatan",
                "Tuliskan catatan evaluasi kinerja, paling sedikit 10 karakter.",
            ));
        }
        Ok(Evaluation {
            score: self.score,
            grade,
            notes,
        })
    }

    /// "85", "Baik" or "85 (Baik)".
    pub fn summary(&self) -> String {
        match (self.score, self.grade.as_deref()) {
            (Some(s), Some(g)) => format!("{s} ({g})"),
            (Some(s), None) => s.to_string(),
            (None, Some(g)) => g.to_string(),
            (None, None) => String::new(),
        }
    }
}

/// A month of a monthly report, `YYYY-MM`.
pub fn parse_month(s: &str) -> Result<String> {
    let t = s.trim();
    let ok = t.len() == 7
        && t.as_bytes()[4] == b'-'
        && t[..4].chars().all(|c| c.is_ascii_digit())
        && t[5..].parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
        && t[..4].parse::<u32>().is_ok_and(|y| y >= 2000);
    if !ok {
        return Err(Error::validation(
            "bulan",
            format!("Bulan laporan \"{s}\" tidak dikenal; tulis tahun-bulan, mis. 2024-03."),
        ));
    }
    Ok(t.to_string())
}

/// Refuses a monthly report outside the term of office.
pub fn ensure_report_window(round: &Round) -> Result<()> {
    if round.current_stage != Stage::MasaKerja {
        return Err(Error::stage(format!(
            "Laporan bulanan dicatat pada masa kerja; {} belum sampai tahap masa kerja.",
            round.name
        )));
    }
    Ok(())
}

/// Refuses an end-of-term evaluation before the term: it is decided during
/// the term or after it (the round stays in masa kerja, its last stage).
pub fn ensure_evaluation_window(round: &Round) -> Result<()> {
    if round.current_stage != Stage::MasaKerja {
        return Err(Error::stage(format!(
            "Evaluasi akhir masa kerja dicatat pada masa kerja atau sesudahnya; {} belum sampai tahap masa kerja.",
            round.name
        )));
    }
    Ok(())
}

/// Refuses a takeover into `new` from `from`: `new` must still be taking
/// registrations (the selection must know its seats before the
/// administrative check), and `from` must be another round of the same
/// body in its term of office.
pub fn ensure_takeover_window(new: &Round, from: &Round) -> Result<()> {
    if new.current_stage != Stage::Pendaftaran {
        return Err(Error::stage(format!(
            "Anggota lanjutan ditetapkan sebelum pendaftaran {} ditutup: sesudahnya seleksi sudah berjalan untuk kursi yang ada.",
            new.name
        )));
    }
    if from.id == new.id {
        return Err(Error::validation(
            "dari",
            "Pilih seleksi sebelumnya, bukan seleksi ini sendiri.",
        ));
    }
    if from.body != new.body {
        return Err(Error::validation(
            "dari",
            format!(
                "{} merekrut {}, sedangkan {} merekrut {}; anggota hanya dilanjutkan pada badan yang sama.",
                from.name, from.body, new.name, new.body
            ),
        ));
    }
    if from.current_stage != Stage::MasaKerja {
        return Err(Error::stage(format!(
            "{} belum sampai masa kerja; anggotanya baru dapat dilanjutkan sesudah ditetapkan dan menjalani masa kerja.",
            from.name
        )));
    }
    Ok(())
}

/// Refuses keeping `adding` more members in a unit whose `quota` seats
/// already have `held` holders.
pub fn ensure_seats(unit_label: &str, quota: u32, held: u32, adding: u32) -> Result<()> {
    if held + adding > quota {
        let left = quota.saturating_sub(held);
        return Err(Error::validation(
            "anggota",
            format!(
                "{unit_label} hanya memiliki {quota} kursi dan {held} sudah terisi; paling banyak {left} anggota lagi yang dapat dilanjutkan (dipilih {adding})."
            ),
        ));
    }
    Ok(())
}

/// Why a unit takes no registration: every seat is held by appointed or
/// kept members.
pub fn full_unit_message(unit_label: &str, quota: u32) -> String {
    format!(
        "Semua {quota} kursi di {unit_label} sudah terisi anggota lanjutan/penunjukan; wilayah ini tidak membuka pendaftaran. Pilih wilayah tugas lain."
    )
}

/// Why a person holding a seat in a round (appointed or kept) does not
/// apply in it.
pub fn holder_applies_message(round_name: &str) -> String {
    format!(
        "NIK ini sudah memegang kursi pada {round_name} sebagai anggota lanjutan/penunjukan; tidak perlu mendaftar. Batalkan dulu penetapannya bila ia memang ikut seleksi."
    )
}

/// One round in which a person was a member, as this database records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RecordedService {
    #[ts(type = "number")]
    pub round_id: i64,
    pub round_name: String,
    pub election: String,
    pub body: Body,
    /// e.g. "Kecamatan Purwodadi".
    pub unit_label: String,
    /// How the seat was held: "Hasil seleksi", "Pengganti antar waktu",
    /// "Penunjukan", "Dilanjutkan (evaluasi kinerja)".
    pub how: String,
}

/// How a membership came about (`seleksi`, `paw`, `penunjukan`,
/// `dilanjutkan`), in the words of the lists.
pub fn source_label(source: &str) -> &'static str {
    match source {
        "seleksi" => "Hasil seleksi",
        "paw" => "Pengganti antar waktu",
        // Seat holders: as their source names itself.
        other => HolderSource::parse(other).map_or("Anggota", HolderSource::label),
    }
}

fn election_key(election: &str) -> String {
    election
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Periods served in `body`: one per recorded round of that body, plus one
/// per distinct typed election of that body that no recorded round already
/// covers (see the module doc).
pub fn periods_served(typed: &[PreviousService], recorded: &[RecordedService], body: Body) -> u32 {
    let mut rounds: Vec<i64> = recorded
        .iter()
        .filter(|r| r.body == body)
        .map(|r| r.round_id)
        .collect();
    rounds.sort_unstable();
    rounds.dedup();
    let covered: Vec<String> = recorded
        .iter()
        .filter(|r| r.body == body)
        .map(|r| election_key(&r.election))
        .collect();
    let mut elections: Vec<String> = typed
        .iter()
        .filter(|s| s.body.trim().eq_ignore_ascii_case(body.as_str()))
        .map(|s| election_key(&s.election))
        .filter(|e| !covered.contains(e))
        .collect();
    elections.sort();
    elections.dedup();
    (rounds.len() + elections.len()) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(body: &str, election: &str) -> PreviousService {
        PreviousService {
            body: body.into(),
            election: election.into(),
            year: 2019,
        }
    }

    fn recorded(round_id: i64, body: Body, election: &str) -> RecordedService {
        RecordedService {
            round_id,
            round_name: format!("Seleksi {round_id}"),
            election: election.into(),
            body,
            unit_label: "Kecamatan Purwodadi".into(),
            how: "Hasil seleksi".into(),
        }
    }

    #[test]
    fn recorded_rounds_count_once_each_and_typed_twins_do_not_double() {
        let rec = [
            recorded(1, Body::Ppk, "Pemilu 2024"),
            recorded(1, Body::Ppk, "Pemilu 2024"),
            recorded(2, Body::Pps, "Pilkada 2024"),
        ];
        assert_eq!(periods_served(&[], &rec, Body::Ppk), 1);
        assert_eq!(periods_served(&[], &rec, Body::Pps), 1);
        // The same period typed again (other spacing and case): still one.
        let same = [typed("ppk", " pemilu  2024")];
        assert_eq!(periods_served(&same, &rec, Body::Ppk), 1);
        // Service elsewhere still counts.
        let other = [typed("PPK", "Pemilu 2019"), typed("PPS", "Pemilu 2019")];
        assert_eq!(periods_served(&other, &rec, Body::Ppk), 2);
        assert_eq!(periods_served(&other, &[], Body::Ppk), 1);
        assert_eq!(periods_served(&[], &[], Body::Ppk), 0);
    }

    #[test]
    fn member_keys_round_trip_and_refuse_the_rest() {
        for m in [MemberRef::applicant(12), MemberRef::holder(3)] {
            assert_eq!(MemberRef::parse_key(&m.key()).unwrap(), m);
        }
        assert_eq!(
            MemberRef::parse_key(" a7 ").unwrap(),
            MemberRef::applicant(7)
        );
        for bad in ["", "A", "X12", "A0", "A-1", "12", "Hx"] {
            assert!(MemberRef::parse_key(bad).is_err(), "{bad}");
        }
        assert!(MemberRef {
            applicant_id: Some(1),
            holder_id: Some(2)
        }
        .check()
        .is_err());
        assert!(MemberRef {
            applicant_id: None,
            holder_id: None
        }
        .check()
        .is_err());
    }

    #[test]
    fn an_evaluation_needs_a_score_or_grade_and_notes() {
        let e = |score, grade: Option<&str>, notes: &str| Evaluation {
            score,
            grade: grade.map(str::to_string),
            notes: notes.into(),
        };
        assert!(e(Some(100), None, "Kinerja sangat baik")
            .validated()
            .is_ok());
        assert!(e(Some(101), None, "Kinerja sangat baik")
            .validated()
            .is_err());
        assert!(e(Some(0), None, "Tidak pernah hadir rapat")
            .validated()
            .is_ok());
        assert!(e(None, Some("  "), "Kinerja sangat baik")
            .validated()
            .is_err());
        let g = e(None, Some(" Sangat   baik "), "Kinerja  sangat baik")
            .validated()
            .unwrap();
        assert_eq!(g.grade.as_deref(), Some("Sangat baik"));
        assert_eq!(g.notes, "Kinerja sangat baik");
        assert!(e(Some(80), None, "singkat").validated().is_err());
        assert!(e(Some(80), Some(&"x".repeat(31)), "Kinerja sangat baik")
            .validated()
            .is_err());
        assert_eq!(e(Some(85), Some("Baik"), "").summary(), "85 (Baik)");
        assert!(e(None, Some(" "), " ").is_empty());
    }

    #[test]
    fn months_are_year_and_month() {
        assert_eq!(parse_month(" 2024-03 ").unwrap(), "2024-03");
        assert!(parse_month("2024-12").is_ok());
        for bad in [
            "2024-13", "2024-00", "2024-3", "24-03", "2024/03", "1999-01",
        ] {
            assert!(parse_month(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn seats_are_never_overfilled() {
        assert!(ensure_seats("Kecamatan A", 5, 2, 3).is_ok());
        let e = ensure_seats("Kecamatan A", 5, 2, 4)
            .unwrap_err()
            .to_string();
        assert!(e.contains("paling banyak 3"), "{e}");
        assert!(ensure_seats("Kecamatan A", 5, 5, 1).is_err());
    }
}
