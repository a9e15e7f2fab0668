//! The interview by panels (DOMAIN.md, stage 7): each interviewer of a
//! candidate's panel scores every aspect of the form 0–100; an
//! interviewer's score is the weighted sum of their aspect scores; the
//! candidate's interview score is the mean of the interviewers' scores.
//!
//! The aspects below are the defaults a round starts with. They follow
//! the headings of the interview scoring form (formulir penilaian
//! wawancara, Lampiran II Keputusan KPU 476/2022) as offices use it, but
//! the exact wording and weights of a round's form are the office's to
//! set: staff edit names and weights until the first score is entered.
//!
//! Arithmetic is exact. Scores are hundredths of a point (as
//! [`ranking::Mark`](crate::domain::ranking::Mark)); weights are positive
//! integers (percentages are simply weights summing to 100). With weights
//! `w_a` summing to `W` and interviewer `i`'s scores `s_ia`, interviewer
//! `i`'s weighted sum is `N_i / W` with `N_i = Σ_a w_a·s_ia`, and the
//! candidate's score is `(Σ_i N_i) / (n·W)`: a fraction of integers,
//! rounded **once**, half up, to whole hundredths. Nothing is rounded
//! before that. An interviewer's weighted sum is shown rounded the same
//! way, for reading only; the mean is never computed from the shown parts.
//!
//! A candidate has a score only when every interviewer of the panel has
//! scored every aspect: a mean over some of them would quietly change the
//! panel's judgement.

use serde::Serialize;
use ts_rs::TS;

use crate::domain::ranking::MAX_SCORE;

/// Aspects a form may have at most.
pub const MAX_ASPECTS: usize = 20;
/// The largest weight of one aspect.
pub const MAX_WEIGHT: u32 = 1_000;
/// Interviewers a panel may have at most.
pub const MAX_INTERVIEWERS: usize = 10;
/// Characters of an aspect's name at most.
pub const MAX_NAME_CHARS: usize = 120;

/// One aspect of the form and its weight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[ts(export)]
pub struct Aspect {
    pub name: String,
    pub weight: u32,
}

/// The aspects a round starts with, each weighing 20 (of 100): a
/// reasonable reading of the official form, for staff to edit.
pub fn default_aspects() -> Vec<Aspect> {
    [
        "Pengetahuan kepemiluan",
        "Integritas dan netralitas",
        "Kemampuan kerja sama dan kepemimpinan",
        "Komunikasi",
        "Motivasi dan komitmen",
    ]
    .into_iter()
    .map(|name| Aspect {
        name: name.into(),
        weight: 20,
    })
    .collect()
}

/// Checks a form's aspects: at least one, at most [`MAX_ASPECTS`]; each
/// with a name (distinct, ignoring case and spaces) and a weight of
/// 1–[`MAX_WEIGHT`]. Names are trimmed.
pub fn validate_aspects(aspects: &[Aspect]) -> Result<Vec<Aspect>, String> {
    if aspects.is_empty() {
        return Err("Formulir wawancara memerlukan paling sedikit satu aspek penilaian.".into());
    }
    if aspects.len() > MAX_ASPECTS {
        return Err(format!(
            "Aspek penilaian paling banyak {MAX_ASPECTS}; yang diisi {}.",
            aspects.len()
        ));
    }
    let mut out: Vec<Aspect> = Vec::with_capacity(aspects.len());
    for (i, a) in aspects.iter().enumerate() {
        let name = a.name.split_whitespace().collect::<Vec<_>>().join(" ");
        let n = i + 1;
        if name.is_empty() {
            return Err(format!("Nama aspek ke-{n} masih kosong."));
        }
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(format!(
                "Nama aspek ke-{n} terlalu panjang (paling banyak {MAX_NAME_CHARS} huruf)."
            ));
        }
        if a.weight == 0 || a.weight > MAX_WEIGHT {
            return Err(format!(
                "Bobot aspek \"{name}\" harus bilangan bulat 1–{MAX_WEIGHT} (mis. persen: 20)."
            ));
        }
        if out
            .iter()
            .any(|o| o.name.to_lowercase() == name.to_lowercase())
        {
            return Err(format!("Aspek \"{name}\" tertulis dua kali."));
        }
        out.push(Aspect {
            name,
            weight: a.weight,
        });
    }
    Ok(out)
}

/// Reads a weight as staff write it: a whole number, optionally with `%`.
pub fn parse_weight(text: &str) -> Result<u32, String> {
    let t = text.trim().trim_end_matches('%').trim();
    t.parse::<u32>()
        .ok()
        .filter(|w| (1..=MAX_WEIGHT).contains(w))
        .ok_or_else(|| {
            format!(
                "Bobot \"{}\" tidak dapat dibaca; tulis bilangan bulat 1–{MAX_WEIGHT} (mis. 20 atau 20%).",
                crate::domain::text::shown(text)
            )
        })
}

/// An exact non-negative fraction of hundredths of a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exact {
    pub numerator: u64,
    pub denominator: u64,
}

impl Exact {
    /// Rounded half up to whole hundredths.
    pub fn rounded(self) -> u32 {
        let v = (2 * self.numerator + self.denominator) / (2 * self.denominator);
        u32::try_from(v).unwrap_or(MAX_SCORE)
    }
}

/// `N_i`: an interviewer's scores (hundredths, one per aspect, in the
/// aspects' order) times the weights, summed. `None` when an aspect is
/// not scored yet.
fn weighted_numerator(weights: &[u32], scores: &[Option<u32>]) -> Option<u64> {
    if scores.len() != weights.len() {
        return None;
    }
    weights
        .iter()
        .zip(scores)
        .map(|(w, s)| s.map(|s| u64::from(*w) * u64::from(s.min(MAX_SCORE))))
        .sum()
}

fn total_weight(weights: &[u32]) -> u64 {
    weights.iter().map(|w| u64::from(*w)).sum::<u64>().max(1)
}

/// One interviewer's weighted sum, exactly; `None` until every aspect is
/// scored.
pub fn interviewer_score(weights: &[u32], scores: &[Option<u32>]) -> Option<Exact> {
    Some(Exact {
        numerator: weighted_numerator(weights, scores)?,
        denominator: total_weight(weights),
    })
}

/// The candidate's interview score: the mean of the interviewers'
/// weighted sums, exactly. `None` without interviewers, or while any of
/// them has an aspect not scored.
pub fn candidate_score(weights: &[u32], interviewers: &[Vec<Option<u32>>]) -> Option<Exact> {
    if interviewers.is_empty() {
        return None;
    }
    let mut sum = 0u64;
    for scores in interviewers {
        sum += weighted_numerator(weights, scores)?;
    }
    Some(Exact {
        numerator: sum,
        denominator: total_weight(weights) * interviewers.len() as u64,
    })
}

/// The candidate's interview mark: [`candidate_score`] rounded half up
/// to hundredths, once.
pub fn candidate_mark(weights: &[u32], interviewers: &[Vec<Option<u32>>]) -> Option<u32> {
    candidate_score(weights, interviewers).map(Exact::rounded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn defaults_are_five_aspects_of_twenty() {
        let d = default_aspects();
        assert_eq!(d.len(), 5);
        assert_eq!(d.iter().map(|a| a.weight).sum::<u32>(), 100);
        assert_eq!(validate_aspects(&d).unwrap(), d);
    }

    #[test]
    fn aspects_are_checked() {
        let a = |name: &str, weight| Aspect {
            name: name.into(),
            weight,
        };
        assert!(validate_aspects(&[]).is_err());
        assert!(validate_aspects(&[a(" ", 10)]).is_err());
        assert!(validate_aspects(&[a("A", 0)]).is_err());
        assert!(validate_aspects(&[a("A", 1001)]).is_err());
        let e = validate_aspects(&[a("Komunikasi", 10), a(" komunikasi ", 20)]).unwrap_err();
        assert!(e.contains("dua kali"), "{e}");
        assert_eq!(
            validate_aspects(&[a("  Sikap   dan  etika ", 3)]).unwrap()[0].name,
            "Sikap dan etika"
        );
        assert_eq!(parse_weight("20%"), Ok(20));
        assert_eq!(parse_weight(" 35 "), Ok(35));
        assert!(parse_weight("0").is_err());
        assert!(parse_weight("12,5").is_err());
    }

    #[test]
    fn rounding_is_half_up_once() {
        // 80,665 → 80,67; 80,664999… → 80,66.
        assert_eq!(
            Exact {
                numerator: 16_133,
                denominator: 2
            }
            .rounded(),
            8_067
        );
        assert_eq!(
            Exact {
                numerator: 24_199,
                denominator: 3
            }
            .rounded(),
            8_066
        );
        // Weights 1, 1, 1 and scores 80, 80, 81: 80,333… → 80,33.
        let one = interviewer_score(&[1, 1, 1], &[Some(8000), Some(8000), Some(8100)]).unwrap();
        assert_eq!(one.rounded(), 8_033);
        // Two such interviewers and one of 80,5 flat: the mean is taken of
        // the exact sums, (80,333… × 2 + 80,5) / 3 = 80,3888… → 80,39.
        let m = candidate_mark(
            &[1, 1, 1],
            &[
                vec![Some(8000), Some(8000), Some(8100)],
                vec![Some(8000), Some(8000), Some(8100)],
                vec![Some(8050), Some(8050), Some(8050)],
            ],
        );
        assert_eq!(m, Some(8_039));
    }

    #[test]
    fn a_missing_score_leaves_no_mark() {
        assert_eq!(candidate_mark(&[1, 2], &[]), None);
        assert_eq!(
            candidate_mark(&[1, 2], &[vec![Some(1), Some(2)], vec![Some(1), None]]),
            None
        );
        assert_eq!(candidate_mark(&[1, 2], &[vec![Some(1)]]), None);
    }

    fn form() -> impl Strategy<Value = (Vec<u32>, Vec<Vec<Option<u32>>>)> {
        (1usize..=8).prop_flat_map(|aspects| {
            (
                prop::collection::vec(1u32..=MAX_WEIGHT, aspects),
                prop::collection::vec(
                    prop::collection::vec((0u32..=MAX_SCORE).prop_map(Some), aspects),
                    1..=5,
                ),
            )
        })
    }

    proptest! {
        #[test]
        fn the_mark_lies_within_0_and_100_and_the_interviewers_extremes(
            (weights, scores) in form()
        ) {
            let m = candidate_mark(&weights, &scores).unwrap();
            prop_assert!(m <= MAX_SCORE);
            let each: Vec<u32> = scores
                .iter()
                .map(|s| interviewer_score(&weights, s).unwrap().rounded())
                .collect();
            prop_assert!(m >= *each.iter().min().unwrap());
            prop_assert!(m <= *each.iter().max().unwrap());
        }

        #[test]
        fn identical_interviewers_give_their_own_weighted_sum(
            (weights, scores) in form(), n in 1usize..=5
        ) {
            let one = scores[0].clone();
            let panel = vec![one.clone(); n];
            prop_assert_eq!(
                candidate_mark(&weights, &panel),
                interviewer_score(&weights, &one).map(Exact::rounded)
            );
        }

        #[test]
        fn the_order_of_interviewers_and_of_aspects_does_not_matter(
            (weights, scores) in form(), rotate in 0usize..8
        ) {
            let m = candidate_mark(&weights, &scores);
            let mut reversed = scores.clone();
            reversed.reverse();
            prop_assert_eq!(candidate_mark(&weights, &reversed), m);
            let k = rotate % weights.len();
            let mut w = weights.clone();
            w.rotate_left(k);
            let turned: Vec<Vec<Option<u32>>> = scores
                .iter()
                .map(|s| {
                    let mut s = s.clone();
                    s.rotate_left(k);
                    s
                })
                .collect();
            prop_assert_eq!(candidate_mark(&w, &turned), m);
        }

        #[test]
        fn equal_scores_on_every_aspect_give_that_score(
            weights in prop::collection::vec(1u32..=MAX_WEIGHT, 1..8),
            s in 0u32..=MAX_SCORE,
            n in 1usize..=5,
        ) {
            let panel = vec![vec![Some(s); weights.len()]; n];
            prop_assert_eq!(candidate_mark(&weights, &panel), Some(s));
        }

        #[test]
        fn scaling_the_weights_changes_nothing(
            (weights, scores) in form(), k in 1u32..=10
        ) {
            let scaled: Vec<u32> = weights.iter().map(|w| w * k).collect();
            prop_assert_eq!(candidate_mark(&scaled, &scores), candidate_mark(&weights, &scores));
        }
    }
}
