//! The quota dashboard's rules: what a unit's counts say needs attention,
//! and how units add up to a kecamatan and to the kabupaten.
//!
//! Why here: the flags are the rules staff act on (extend registration, go
//! to the plenary, look for women candidates); the dashboard, the PDF recap
//! and the CLI all show them, so they are decided once, from counts, with
//! no I/O. The service only counts (from the round's evaluation) and calls
//! [`unit_row`], [`subtotals`] and [`total`].
//!
//! The women's share at every stage is [`crate::domain::women`]'s; a row
//! carries it and the sums here add it up.
//!
//! Arithmetic is on whole numbers: "women under 30%" is
//! `women × 10 < terpilih × 3`, never a rounded percentage, so a unit at
//! exactly 30% is not flagged.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use ts_rs::TS;

use crate::domain::extension::ExtensionState;
use crate::domain::round::Stage;
use crate::domain::women::{self, WomenShare};

/// A flag on a unit of the quota dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum QuotaFlag {
    /// Registration closed with fewer applicants than threshold × quota.
    PerluPerpanjangan,
    /// An extension is running.
    Diperpanjang,
    /// Extended, and still fewer applicants than the quota.
    PerluPerpanjanganLagi,
    /// Fewer candidates left than the quota (MS, or Terpilih at the end).
    KurangCalon,
    /// A tie across a cut of the final ranking waits for the plenary.
    SeriBelumDiputuskan,
    /// Women are under 30% of the Terpilih.
    PerempuanKurang30,
    /// Every extension the round allows is over and the unit is still
    /// short: the seats left are filled by appointment.
    PerluPenunjukan,
}

/// The flags in the order the summary line names them.
pub const FLAG_ORDER: [QuotaFlag; 7] = [
    QuotaFlag::PerluPerpanjangan,
    QuotaFlag::Diperpanjang,
    QuotaFlag::PerluPerpanjanganLagi,
    QuotaFlag::PerluPenunjukan,
    QuotaFlag::KurangCalon,
    QuotaFlag::SeriBelumDiputuskan,
    QuotaFlag::PerempuanKurang30,
];

impl QuotaFlag {
    pub fn label(self) -> &'static str {
        match self {
            QuotaFlag::PerluPerpanjangan => "perlu perpanjangan",
            QuotaFlag::Diperpanjang => "sedang diperpanjang",
            QuotaFlag::PerluPerpanjanganLagi => "perlu perpanjangan lagi",
            QuotaFlag::KurangCalon => "calon kurang dari kuota",
            QuotaFlag::SeriBelumDiputuskan => "nilai seri menunggu pleno",
            QuotaFlag::PerempuanKurang30 => "perempuan < 30%",
            QuotaFlag::PerluPenunjukan => "perlu penunjukan",
        }
    }
}

/// One unit (or a kecamatan's subtotal, or the kabupaten's total) on the
/// quota dashboard.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct QuotaRow {
    /// Dotted unit code (empty on the total).
    pub unit_code: String,
    pub unit_name: String,
    pub kecamatan_code: String,
    pub kecamatan_name: String,
    pub quota: u32,
    /// The applicants the unit needs to go on without an extension
    /// (threshold × quota; summed on subtotals).
    pub registration_target: u32,
    /// Fewer applicants than `registration_target` (on a sum: the summed
    /// applicants against the summed target).
    pub below_target: bool,
    /// Seats held by appointed or kept members (penunjukan, dilanjutkan):
    /// they count toward the quota beside the Terpilih.
    pub held: u32,
    /// Active applicants (withdrawn ones not counted).
    pub registered: u32,
    pub ms: u32,
    pub passed_written: u32,
    pub terpilih: u32,
    pub cadangan: u32,
    pub women_terpilih: u32,
    /// Women among the Terpilih, in whole percent (none without Terpilih).
    pub women_percent: Option<u32>,
    /// Women's share at each stage the round has reached, in order
    /// ([`crate::domain::women`]); a stage not reached is absent.
    pub women: Vec<WomenShare>,
    /// The end of the latest registration extension, if the unit had one.
    pub extended_until: Option<String>,
    pub flags: Vec<QuotaFlag>,
}

impl QuotaRow {
    fn add(&mut self, o: &QuotaRow) {
        self.quota += o.quota;
        self.registration_target += o.registration_target;
        self.held += o.held;
        self.registered += o.registered;
        self.ms += o.ms;
        self.passed_written += o.passed_written;
        self.terpilih += o.terpilih;
        self.cadangan += o.cadangan;
        self.women_terpilih += o.women_terpilih;
        self.women = women::sum([self.women.as_slice(), o.women.as_slice()]);
    }

    /// The women's share, and its flag when under 30% of the Terpilih;
    /// whether the applicants fall short of the target.
    fn finish_women(&mut self) {
        self.below_target = self.registered < self.registration_target;
        self.women_percent = (self.terpilih > 0)
            .then(|| (self.women_terpilih * 100 + self.terpilih / 2) / self.terpilih);
        if self.terpilih > 0 && self.women_terpilih * 10 < self.terpilih * 3 {
            self.flags.push(QuotaFlag::PerempuanKurang30);
        }
    }
}

/// What a unit's flags are decided from, beyond its counts.
#[derive(Debug, Clone, Copy)]
pub struct UnitFacts {
    pub stage: Stage,
    /// Where the unit's registration stands (see
    /// [`crate::domain::extension::state`]); only counted while the
    /// administrative stage is in progress.
    pub extension: Option<ExtensionState>,
    /// Ties across a cut of the final ranking not yet decided.
    pub unresolved_ties: u32,
}

/// A unit's row with its counts filled in: adds its flags and women's share.
pub fn unit_row(mut row: QuotaRow, facts: UnitFacts) -> QuotaRow {
    if facts.unresolved_ties > 0 {
        row.flags.push(QuotaFlag::SeriBelumDiputuskan);
    }
    // Extensions matter between the close of registration and the close of
    // the administrative stage.
    if facts.stage == Stage::Administrasi {
        match facts.extension {
            Some(ExtensionState::PerluPerpanjangan) => row.flags.push(QuotaFlag::PerluPerpanjangan),
            Some(ExtensionState::Diperpanjang) => row.flags.push(QuotaFlag::Diperpanjang),
            Some(ExtensionState::PerluPerpanjanganLagi) => {
                row.flags.push(QuotaFlag::PerluPerpanjanganLagi)
            }
            _ => {}
        }
    }
    // Short after the last extension: appointment, until the seats are held.
    if facts.extension == Some(ExtensionState::PerluPenunjukan) {
        row.flags.push(QuotaFlag::PerluPenunjukan);
    }
    // Short of candidates: of MS while the tests run, of Terpilih once the
    // final list is out; held seats count toward the quota.
    let short = if facts.stage > Stage::Akhir {
        row.terpilih + row.held < row.quota
    } else if facts.stage > Stage::Administrasi {
        row.ms + row.held < row.quota
    } else {
        false
    };
    if short {
        row.flags.push(QuotaFlag::KurangCalon);
        // No extension can be given any more: the seats no candidate can
        // win are filled by appointment (see crate::domain::appointment).
        if !row.flags.contains(&QuotaFlag::PerluPenunjukan) {
            row.flags.push(QuotaFlag::PerluPenunjukan);
        }
    }
    row.finish_women();
    row
}

/// One subtotal per kecamatan (PPS), in code order. A kecamatan carries
/// its desa's flags once each, except the women's flag, which is its own.
pub fn subtotals(units: &[QuotaRow]) -> Vec<QuotaRow> {
    let mut by_kec: BTreeMap<&str, QuotaRow> = BTreeMap::new();
    for u in units {
        let k = by_kec
            .entry(u.kecamatan_code.as_str())
            .or_insert_with(|| QuotaRow {
                unit_code: u.kecamatan_code.clone(),
                unit_name: u.kecamatan_name.clone(),
                kecamatan_code: u.kecamatan_code.clone(),
                kecamatan_name: u.kecamatan_name.clone(),
                ..Default::default()
            });
        k.add(u);
        for f in &u.flags {
            if !k.flags.contains(f) && *f != QuotaFlag::PerempuanKurang30 {
                k.flags.push(*f);
            }
        }
    }
    let mut out: Vec<QuotaRow> = by_kec.into_values().collect();
    for k in &mut out {
        k.finish_women();
    }
    out
}

/// The kabupaten's total of the units.
pub fn total(units: &[QuotaRow]) -> QuotaRow {
    let mut total = QuotaRow {
        unit_name: "Jumlah".into(),
        ..Default::default()
    };
    for u in units {
        total.add(u);
    }
    total.finish_women();
    total
}

/// How many units carry each flag, in [`FLAG_ORDER`], flags no unit has left out.
pub fn flag_counts(units: &[QuotaRow]) -> Vec<(QuotaFlag, u32)> {
    let mut counted: HashMap<QuotaFlag, u32> = HashMap::new();
    for f in units.iter().flat_map(|u| &u.flags) {
        *counted.entry(*f).or_default() += 1;
    }
    FLAG_ORDER
        .into_iter()
        .filter_map(|f| counted.get(&f).map(|n| (f, *n)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn row(quota: u32, ms: u32, terpilih: u32, women: u32) -> QuotaRow {
        QuotaRow {
            quota,
            registered: ms,
            ms,
            terpilih,
            women_terpilih: women,
            ..Default::default()
        }
    }

    fn facts(stage: Stage) -> UnitFacts {
        UnitFacts {
            stage,
            extension: None,
            unresolved_ties: 0,
        }
    }

    #[test]
    fn exactly_thirty_percent_women_is_not_flagged_and_under_is() {
        // 3 of 10 is 30%: enough. 2 of 7 is 28.6%: short.
        let ok = unit_row(row(10, 20, 10, 3), facts(Stage::Penetapan));
        assert_eq!(ok.women_percent, Some(30));
        assert!(!ok.flags.contains(&QuotaFlag::PerempuanKurang30));
        let short = unit_row(row(7, 20, 7, 2), facts(Stage::Penetapan));
        assert_eq!(short.women_percent, Some(29));
        assert!(short.flags.contains(&QuotaFlag::PerempuanKurang30));
        // No Terpilih yet: no share, no flag.
        let none = unit_row(row(5, 20, 0, 0), facts(Stage::Tertulis));
        assert_eq!(none.women_percent, None);
        assert!(none.flags.is_empty());
    }

    #[test]
    fn short_of_candidates_counts_ms_during_the_tests_and_terpilih_after_the_final_list() {
        let during = |ms, stage| unit_row(row(5, ms, 0, 0), facts(stage)).flags;
        assert!(!during(4, Stage::Administrasi).contains(&QuotaFlag::KurangCalon));
        assert!(during(4, Stage::Tertulis).contains(&QuotaFlag::KurangCalon));
        assert!(during(4, Stage::Tertulis).contains(&QuotaFlag::PerluPenunjukan));
        assert!(!during(5, Stage::Tertulis).contains(&QuotaFlag::PerluPenunjukan));
        assert!(!during(5, Stage::Wawancara).contains(&QuotaFlag::KurangCalon));
        // At the final list itself, MS still counts.
        assert!(during(4, Stage::Akhir).contains(&QuotaFlag::KurangCalon));
        let after = unit_row(row(5, 30, 4, 2), facts(Stage::Penetapan));
        assert!(after.flags.contains(&QuotaFlag::KurangCalon));
        // One appointed member fills the fifth seat.
        let held = QuotaRow {
            held: 1,
            ..row(5, 30, 4, 2)
        };
        assert!(!unit_row(held, facts(Stage::Penetapan))
            .flags
            .contains(&QuotaFlag::KurangCalon));
    }

    #[test]
    fn extension_states_are_flags_only_during_the_administrative_stage() {
        let with = |stage| {
            unit_row(
                row(5, 2, 0, 0),
                UnitFacts {
                    stage,
                    extension: Some(ExtensionState::PerluPerpanjangan),
                    unresolved_ties: 1,
                },
            )
            .flags
        };
        assert_eq!(
            with(Stage::Administrasi),
            vec![QuotaFlag::SeriBelumDiputuskan, QuotaFlag::PerluPerpanjangan]
        );
        assert!(!with(Stage::Tertulis).contains(&QuotaFlag::PerluPerpanjangan));
    }

    #[test]
    fn a_kecamatan_takes_its_desas_flags_once_but_decides_the_womens_share_itself() {
        let mut a = unit_row(row(3, 1, 3, 0), facts(Stage::Penetapan));
        let mut b = unit_row(row(3, 2, 3, 3), facts(Stage::Penetapan));
        for (u, code) in [(&mut a, "35.14.01"), (&mut b, "35.14.01")] {
            u.kecamatan_code = code.into();
        }
        assert!(a.flags.contains(&QuotaFlag::PerempuanKurang30));
        let kec = subtotals(&[a.clone(), b.clone()]);
        assert_eq!(kec.len(), 1);
        // 3 women of 6 Terpilih: 50%, not flagged although one desa is.
        assert_eq!(kec[0].women_percent, Some(50));
        assert!(!kec[0].flags.contains(&QuotaFlag::PerempuanKurang30));
        assert_eq!(
            flag_counts(&[a, b]),
            vec![(QuotaFlag::PerempuanKurang30, 1)]
        );
    }

    #[test]
    fn subtotals_and_the_total_add_the_womens_shares_and_decide_their_own_warning() {
        use crate::domain::women::{WomenShare, WomenStage};
        let unit = |code: &str, women: u32, total: u32| QuotaRow {
            kecamatan_code: code.into(),
            registration_target: 6,
            women: vec![WomenShare::new(WomenStage::Pendaftar, women, total)],
            ..Default::default()
        };
        // 1 of 10 (flagged) and 5 of 5: 6 of 15 is 40%, not flagged.
        let units = [
            unit("35.14.01", 1, 10),
            unit("35.14.01", 5, 5),
            unit("35.14.02", 2, 7),
        ];
        let kec = subtotals(&units);
        assert_eq!(kec[0].registration_target, 12);
        // No applicants against a target of 12: short; 0 of 0 would not be.
        assert!(kec[0].below_target);
        let none = total(&[QuotaRow::default()]);
        assert!(!none.below_target);
        assert_eq!(
            kec[0].women,
            vec![WomenShare::new(WomenStage::Pendaftar, 6, 15)]
        );
        assert!(!kec[0].women[0].below_30);
        assert!(kec[1].women[0].below_30);
        let t = total(&units);
        assert_eq!((t.women[0].women, t.women[0].total), (8, 22));
        assert_eq!(t.registration_target, 18);
    }

    proptest! {
        /// The total is the sum of the units, whatever they hold.
        #[test]
        fn the_total_adds_every_unit(
            units in prop::collection::vec((0u32..10, 0u32..40, 0u32..10, 0u32..10), 0..30)
        ) {
            let rows: Vec<QuotaRow> = units
                .iter()
                .map(|&(q, ms, t, w)| unit_row(row(q, ms, t, w.min(t)), facts(Stage::Penetapan)))
                .collect();
            let t = total(&rows);
            prop_assert_eq!(t.quota, rows.iter().map(|r| r.quota).sum::<u32>());
            prop_assert_eq!(t.terpilih, rows.iter().map(|r| r.terpilih).sum::<u32>());
            prop_assert_eq!(t.women_terpilih, rows.iter().map(|r| r.women_terpilih).sum::<u32>());
            let flagged = t.flags.contains(&QuotaFlag::PerempuanKurang30);
            prop_assert_eq!(flagged, t.terpilih > 0 && t.women_terpilih * 10 < t.terpilih * 3);
        }
    }
}
