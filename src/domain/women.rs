//! Women's representation at every stage of a round: among the applicants,
//! those found MS, those who passed the written test, the final list
//! (Terpilih and Cadangan) and the members serving now.
//!
//! Why here: the rule (PKPU 8/2022) is to "pay attention to" at least 30%
//! women; it is not a quota and never reorders a ranking. Offices watch the
//! share from registration on, so the dashboard, the CLI and the charts all
//! show it per stage, per unit, per kecamatan and for the kabupaten, and
//! warn below 30%. The warning is decided once, here, on whole numbers:
//! `women × 10 < total × 3`, so exactly 30% is not flagged and an empty
//! stage (total 0) never is. A stage the round has not reached is absent,
//! not 0%: [`shares`] leaves it out.

use serde::Serialize;
use ts_rs::TS;

use crate::domain::round::Stage;

/// A stage at which the women's share is reported, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum WomenStage {
    /// Active applicants (withdrawn ones not counted).
    Pendaftar,
    /// Found MS in the administrative check.
    Ms,
    /// Passed the written test (go on to the interview).
    LulusTertulis,
    /// The final list: Terpilih and Cadangan.
    DaftarAkhir,
    /// Members serving now, PAW applied.
    Anggota,
}

impl WomenStage {
    /// Every stage, in order.
    pub const ALL: [WomenStage; 5] = [
        WomenStage::Pendaftar,
        WomenStage::Ms,
        WomenStage::LulusTertulis,
        WomenStage::DaftarAkhir,
        WomenStage::Anggota,
    ];

    /// Name shown to staff.
    pub fn label(self) -> &'static str {
        match self {
            WomenStage::Pendaftar => "Pendaftar",
            WomenStage::Ms => "MS",
            WomenStage::LulusTertulis => "Lulus tes tertulis",
            WomenStage::DaftarAkhir => "Daftar akhir",
            WomenStage::Anggota => "Anggota",
        }
    }

    /// Short column name for lists (CSV, Excel).
    pub fn column(self) -> &'static str {
        match self {
            WomenStage::Pendaftar => "pendaftar",
            WomenStage::Ms => "ms",
            WomenStage::LulusTertulis => "lulus_tertulis",
            WomenStage::DaftarAkhir => "daftar_akhir",
            WomenStage::Anggota => "anggota",
        }
    }

    /// Whether a round whose current stage is `current` has reached this
    /// one: applicants from the start, MS from the administrative check,
    /// passes from the written test, the final list from the final results,
    /// members once the final results are settled (penetapan on).
    pub fn reached_at(self, current: Stage) -> bool {
        match self {
            WomenStage::Pendaftar => true,
            WomenStage::Ms => current >= Stage::Administrasi,
            WomenStage::LulusTertulis => current >= Stage::Tertulis,
            WomenStage::DaftarAkhir => current >= Stage::Akhir,
            WomenStage::Anggota => current > Stage::Akhir,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Women under 30% of `total`: `women × 10 < total × 3`; never for an
/// empty total.
pub fn below_30(women: u32, total: u32) -> bool {
    total > 0 && u64::from(women) * 10 < u64::from(total) * 3
}

/// The women's share at one stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct WomenShare {
    pub stage: WomenStage,
    pub women: u32,
    pub total: u32,
    /// Whole percent, rounded down so that a share under 30% never shows
    /// as 30 (none when the total is 0).
    pub percent: Option<u32>,
    /// Under 30% ([`below_30`]).
    pub below_30: bool,
}

impl WomenShare {
    /// The share of `women` among `total` at `stage`.
    pub fn new(stage: WomenStage, women: u32, total: u32) -> WomenShare {
        WomenShare {
            stage,
            women,
            total,
            percent: (total > 0).then(|| (u64::from(women) * 100 / u64::from(total)) as u32),
            below_30: below_30(women, total),
        }
    }
}

/// Women and everyone at each stage, counted person by person.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StageCounts {
    women: [u32; 5],
    total: [u32; 5],
}

impl StageCounts {
    /// Counts one person at `stage`.
    pub fn count(&mut self, stage: WomenStage, woman: bool) {
        let i = stage.index();
        self.total[i] += 1;
        self.women[i] += u32::from(woman);
    }

    /// (women, total) at `stage`.
    pub fn at(&self, stage: WomenStage) -> (u32, u32) {
        (self.women[stage.index()], self.total[stage.index()])
    }
}

/// The shares of the stages a round at `current` has reached, in order.
pub fn shares(counts: &StageCounts, current: Stage) -> Vec<WomenShare> {
    WomenStage::ALL
        .into_iter()
        .filter(|s| s.reached_at(current))
        .map(|s| {
            let (women, total) = counts.at(s);
            WomenShare::new(s, women, total)
        })
        .collect()
}

/// The shares of several units added stage by stage (a kecamatan, the
/// kabupaten). A stage is present when any unit has it.
pub fn sum<'a>(units: impl IntoIterator<Item = &'a [WomenShare]>) -> Vec<WomenShare> {
    let mut women = [0u32; 5];
    let mut total = [0u32; 5];
    let mut present = [false; 5];
    for shares in units {
        for s in shares {
            let i = s.stage.index();
            women[i] += s.women;
            total[i] += s.total;
            present[i] = true;
        }
    }
    WomenStage::ALL
        .into_iter()
        .filter(|s| present[s.index()])
        .map(|s| WomenShare::new(s, women[s.index()], total[s.index()]))
        .collect()
}

/// The stages whose share is under 30%, in order.
pub fn low_stages(shares: &[WomenShare]) -> Vec<WomenStage> {
    shares
        .iter()
        .filter(|s| s.below_30)
        .map(|s| s.stage)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn exactly_thirty_percent_is_not_flagged_and_just_under_is() {
        let at = WomenShare::new(WomenStage::Pendaftar, 3, 10);
        assert_eq!((at.percent, at.below_30), (Some(30), false));
        // 299 of 1000 is 29.9%: flagged, and shown as 29, never as 30.
        let under = WomenShare::new(WomenStage::Pendaftar, 299, 1000);
        assert_eq!((under.percent, under.below_30), (Some(29), true));
        // 59 of 200 is 29.5%: rounding would say 30.
        let half = WomenShare::new(WomenStage::Ms, 59, 200);
        assert_eq!((half.percent, half.below_30), (Some(29), true));
        let over = WomenShare::new(WomenStage::Ms, 1, 3);
        assert_eq!((over.percent, over.below_30), (Some(33), false));
    }

    #[test]
    fn an_empty_stage_has_no_share_and_no_warning_but_no_women_among_some_is_flagged() {
        let empty = WomenShare::new(WomenStage::LulusTertulis, 0, 0);
        assert_eq!((empty.percent, empty.below_30), (None, false));
        let none = WomenShare::new(WomenStage::LulusTertulis, 0, 4);
        assert_eq!((none.percent, none.below_30), (Some(0), true));
    }

    #[test]
    fn stages_the_round_has_not_reached_are_absent() {
        let mut c = StageCounts::default();
        c.count(WomenStage::Pendaftar, true);
        c.count(WomenStage::Pendaftar, false);
        let stages = |at| {
            shares(&c, at)
                .into_iter()
                .map(|s| s.stage)
                .collect::<Vec<_>>()
        };
        assert_eq!(stages(Stage::Pendaftaran), vec![WomenStage::Pendaftar]);
        assert_eq!(
            stages(Stage::Tertulis),
            vec![
                WomenStage::Pendaftar,
                WomenStage::Ms,
                WomenStage::LulusTertulis
            ]
        );
        assert_eq!(stages(Stage::Akhir).last(), Some(&WomenStage::DaftarAkhir));
        assert_eq!(stages(Stage::Penetapan), WomenStage::ALL.to_vec());
        // Reached but nobody counted yet: present, without a share.
        let ms = shares(&c, Stage::Administrasi)[1];
        assert_eq!((ms.stage, ms.total, ms.percent), (WomenStage::Ms, 0, None));
    }

    #[test]
    fn low_stages_names_the_flagged_ones_in_order() {
        let s = [
            WomenShare::new(WomenStage::Pendaftar, 1, 10),
            WomenShare::new(WomenStage::Ms, 3, 10),
            WomenShare::new(WomenStage::LulusTertulis, 0, 2),
        ];
        assert_eq!(
            low_stages(&s),
            vec![WomenStage::Pendaftar, WomenStage::LulusTertulis]
        );
    }

    fn unit() -> impl Strategy<Value = Vec<WomenShare>> {
        prop::collection::vec((0u32..50, 0u32..50), 5).prop_map(|v| {
            WomenStage::ALL
                .into_iter()
                .zip(v)
                .map(|(s, (a, b))| WomenShare::new(s, a.min(b), b))
                .collect()
        })
    }

    proptest! {
        /// A sum adds every unit's women and totals, and its warning is the
        /// rule applied to the sums (not a count of flagged units).
        #[test]
        fn sums_add_up_and_decide_their_own_warning(units in prop::collection::vec(unit(), 0..20)) {
            let summed = sum(units.iter().map(Vec::as_slice));
            prop_assert_eq!(summed.len(), if units.is_empty() { 0 } else { 5 });
            for s in &summed {
                let women: u32 = units.iter().flatten().filter(|u| u.stage == s.stage).map(|u| u.women).sum();
                let total: u32 = units.iter().flatten().filter(|u| u.stage == s.stage).map(|u| u.total).sum();
                prop_assert_eq!((s.women, s.total), (women, total));
                prop_assert_eq!(s.below_30, total > 0 && women * 10 < total * 3);
            }
        }

        /// The percent shown and the warning never disagree.
        #[test]
        fn the_percent_is_under_30_exactly_when_flagged(women in 0u32..5000, extra in 0u32..5000) {
            let s = WomenShare::new(WomenStage::Anggota, women, women + extra);
            if let Some(p) = s.percent {
                prop_assert_eq!(p < 30, s.below_30);
            } else {
                prop_assert!(!s.below_30);
            }
        }
    }
}
