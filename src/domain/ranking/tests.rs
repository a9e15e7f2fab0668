//! Tests of the ranking: worked examples of each rule, then properties
//! over random units (quota never exceeded, every pass explained, ties at a
//! cut treated alike, order of input irrelevant). In their own file so
//! that the rules read on their own in `mod.rs`.

use super::*;

fn rules(quota: u32) -> Rules {
    Rules {
        quota,
        pass_multiple: 3,
        final_multiple: 2,
        combination: ScoreCombination::Wawancara,
        explain: true,
    }
}

fn cand(id: i64, w: Option<u32>, i: Option<u32>) -> Candidate {
    Candidate {
        id,
        seq: id,
        ms: true,
        dropped: false,
        written: w.map(Mark::Score),
        interview: i.map(Mark::Score),
        passed_written: None,
        final_frozen: None,
        plenary: None,
    }
}

#[test]
fn marks_parse_as_staff_write_them() {
    assert_eq!(parse_mark("78"), Ok(Mark::Score(7800)));
    assert_eq!(parse_mark("78,5"), Ok(Mark::Score(7850)));
    assert_eq!(parse_mark(" 78.05 "), Ok(Mark::Score(7805)));
    assert_eq!(parse_mark("100"), Ok(Mark::Score(10_000)));
    assert_eq!(parse_mark("0"), Ok(Mark::Score(0)));
    assert_eq!(parse_mark("Absen"), Ok(Mark::Absent));
    assert_eq!(parse_mark("TH"), Ok(Mark::Absent));
    for bad in [
        "", "100,01", "101", "7a", "78,555", ",5", "-3", "1e2", "78,5,1",
    ] {
        assert!(parse_mark(bad).is_err(), "{bad:?}");
    }
    assert_eq!(format_score(7805), "78,05");
    let weights = ScoreCombination::Bobot {
        tertulis: 30,
        wawancara: 70,
    };
    assert_eq!(format_final(785_000, ScoreCombination::Wawancara), "78,50");
    assert_eq!(format_final(1_570_000, ScoreCombination::Jumlah), "157,00");
    // Under weights, one width down the column, whole hundredths or not.
    assert_eq!(format_final(785_530, weights), "78,5530");
    assert_eq!(format_final(785_000, weights), "78,5000");
}

#[test]
fn final_score_follows_the_setting() {
    assert_eq!(
        final_score(ScoreCombination::Wawancara, 8000, 7000),
        700_000
    );
    assert_eq!(final_score(ScoreCombination::Jumlah, 8000, 7000), 1_500_000);
    let b = ScoreCombination::Bobot {
        tertulis: 40,
        wawancara: 60,
    };
    assert_eq!(final_score(b, 8000, 7000), 740_000);
}

#[test]
fn written_cut_keeps_everyone_tied_at_the_last_place() {
    // Quota 1, pass 3: scores 90, 80, 70, 70, 60 → four pass.
    let cs = vec![
        cand(1, Some(9000), None),
        cand(2, Some(8000), None),
        cand(3, Some(7000), None),
        cand(4, Some(7000), None),
        cand(5, Some(6000), None),
    ];
    let r = rank_unit(&rules(1), &cs);
    let lulus: Vec<i64> = r
        .written
        .iter()
        .filter(|p| p.status == Status::Lulus)
        .map(|p| p.id)
        .collect();
    assert_eq!(lulus, vec![1, 2, 3, 4]);
    assert_eq!(r.written[3].rank, Some(3));
    assert!(r.written[3].explanation.contains("batas lulus"));
    assert_eq!(r.written[4].status, Status::TidakLulus);
}

#[test]
fn absent_tms_and_unscored_are_out_of_the_written_ranking() {
    let mut absent = cand(2, None, None);
    absent.written = Some(Mark::Absent);
    let mut tms = cand(3, Some(9900), None);
    tms.ms = false;
    let cs = vec![cand(1, Some(5000), None), absent, tms, cand(4, None, None)];
    let r = rank_unit(&rules(1), &cs);
    let st = |id| r.written.iter().find(|p| p.id == id).unwrap().status;
    assert_eq!(st(1), Status::Lulus);
    assert_eq!(st(2), Status::TidakHadir);
    assert_eq!(st(3), Status::Tms);
    assert_eq!(st(4), Status::BelumDinilai);
    assert_eq!(r.written_pending, 1);
    assert_eq!(r.final_.len(), 1);
}

#[test]
fn final_ranking_breaks_ties_by_interview_then_written() {
    // Quota 1, sum of scores: 2 and 3 have the same sum; 3 has the better interview.
    let mut rl = rules(1);
    rl.combination = ScoreCombination::Jumlah;
    let cs = vec![
        cand(1, Some(9000), Some(9000)),
        cand(2, Some(8000), Some(7000)),
        cand(3, Some(7000), Some(8000)),
    ];
    let r = rank_unit(&rl, &cs);
    let order: Vec<i64> = r.final_.iter().map(|p| p.id).collect();
    assert_eq!(order, vec![1, 3, 2]);
    assert_eq!(r.final_[0].status, Status::Terpilih);
    assert_eq!(r.final_[1].status, Status::Cadangan);
    assert_eq!(r.final_[1].reserve, Some(1));
    assert!(r.final_[1].explanation.contains("wawancara"));
    assert_eq!(r.unresolved_ties, 0);
}

#[test]
fn a_full_tie_at_the_cut_waits_for_the_plenary() {
    let cs = vec![
        cand(1, Some(8000), Some(8000)),
        cand(2, Some(8000), Some(8000)),
        cand(3, Some(6000), Some(6000)),
    ];
    let r = rank_unit(&rules(1), &cs);
    assert_eq!(r.unresolved_ties, 1);
    assert!(r.final_[0].unresolved_tie && r.final_[1].unresolved_tie);
    assert!(!r.final_[2].unresolved_tie);
    // The plenary puts 2 first.
    let mut decided = cs.clone();
    decided[1].plenary = Some(1);
    decided[0].plenary = Some(2);
    let r = rank_unit(&rules(1), &decided);
    assert_eq!(r.unresolved_ties, 0);
    assert_eq!(r.final_[0].id, 2);
    assert_eq!(r.final_[0].status, Status::Terpilih);
    assert!(r.final_[0].explanation.contains("pleno"));
}

#[test]
fn a_tie_inside_the_list_needs_no_plenary() {
    // Quota 2: 1 and 2 tie at the top; both are Terpilih either way.
    let cs = vec![
        cand(1, Some(8000), Some(8000)),
        cand(2, Some(8000), Some(8000)),
        cand(3, Some(6000), Some(6000)),
    ];
    let r = rank_unit(&rules(2), &cs);
    assert_eq!(r.unresolved_ties, 0);
    assert_eq!(r.final_[0].rank, Some(1));
    assert_eq!(r.final_[1].rank, Some(1));
    assert_eq!(r.final_[1].status, Status::Terpilih);
}

#[test]
fn frozen_final_list_moves_reserves_up_when_one_is_dropped() {
    // Quota 1, list 2: 1 Terpilih, 2 Cadangan, 3 not listed.
    let mut cs = vec![
        cand(1, Some(9000), Some(9000)),
        cand(2, Some(8000), Some(8000)),
        cand(3, Some(7000), Some(7000)),
    ];
    for c in cs.iter_mut() {
        c.passed_written = Some(true);
    }
    cs[0].final_frozen = Some(Status::Terpilih);
    cs[1].final_frozen = Some(Status::Cadangan);
    cs[2].final_frozen = Some(Status::TidakTerpilih);
    cs[0].dropped = true;
    let r = rank_unit(&rules(1), &cs);
    let st = |id| r.final_.iter().find(|p| p.id == id).unwrap().status;
    assert_eq!(st(2), Status::Terpilih);
    assert_eq!(st(1), Status::Gugur);
    assert_eq!(st(3), Status::TidakTerpilih);
}

mod properties {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    /// A unit of up to 40 candidates with coarse scores, so that ties
    /// are frequent; some TMS, absent or unscored.
    fn unit() -> impl Strategy<Value = (u32, ScoreCombination, Vec<Candidate>)> {
        let mark = prop_oneof![
            8 => (0u32..12).prop_map(|s| Some(Mark::Score(s * 500))),
            1 => Just(Some(Mark::Absent)),
            1 => Just(None),
        ];
        let candidate = (any::<bool>(), mark.clone(), mark, 0u8..10);
        let combination = prop_oneof![
            Just(ScoreCombination::Wawancara),
            Just(ScoreCombination::Jumlah),
            (0u32..=100).prop_map(|t| ScoreCombination::Bobot {
                tertulis: t,
                wawancara: 100 - t
            }),
        ];
        (
            1u32..6,
            combination,
            prop::collection::vec(candidate, 0..40),
        )
            .prop_map(|(quota, combination, cs)| {
                let cs = cs
                    .into_iter()
                    .enumerate()
                    .map(|(i, (ms_coin, w, iv, p))| Candidate {
                        id: i as i64 + 1,
                        seq: (i as i64 * 7919) % 101,
                        ms: ms_coin || p < 8,
                        dropped: p == 9,
                        written: w,
                        interview: iv,
                        passed_written: None,
                        final_frozen: None,
                        plenary: None,
                    })
                    .collect();
                (quota, combination, cs)
            })
    }

    fn rules_for(quota: u32, combination: ScoreCombination) -> Rules {
        Rules {
            quota,
            pass_multiple: 3,
            final_multiple: 2,
            combination,
            explain: true,
        }
    }

    proptest! {
        #[test]
        fn never_more_terpilih_than_the_quota((quota, comb, cs) in unit()) {
            let r = rank_unit(&rules_for(quota, comb), &cs);
            let terpilih = r.final_.iter().filter(|p| p.status == Status::Terpilih).count();
            let cadangan = r.final_.iter().filter(|p| p.status == Status::Cadangan).count();
            prop_assert!(terpilih as u32 <= quota);
            prop_assert!(cadangan as u32 <= quota);
            // Every candidate appears once in the written list.
            prop_assert_eq!(r.written.len(), cs.len());
        }

        #[test]
        fn every_pass_is_explained((quota, comb, cs) in unit()) {
            let r = rank_unit(&rules_for(quota, comb), &cs);
            for p in r.written.iter().chain(&r.final_) {
                prop_assert!(!p.explanation.is_empty());
                if matches!(p.status, Status::Lulus | Status::Terpilih | Status::Cadangan) {
                    let rank = p.rank.expect("a pass has a rank");
                    let expected = format!("peringkat {rank} dari");
                    prop_assert!(p.explanation.contains(&expected), "{}", p.explanation);
                }
            }
        }

        #[test]
        fn ties_at_the_written_cut_all_pass((quota, comb, cs) in unit()) {
            let r = rank_unit(&rules_for(quota, comb), &cs);
            let score: HashMap<i64, Option<Mark>> = cs.iter().map(|c| (c.id, c.written)).collect();
            let ranked: Vec<&Placed> = r.written.iter().filter(|p| p.rank.is_some()).collect();
            for a in &ranked {
                for b in &ranked {
                    if score[&a.id] == score[&b.id] {
                        prop_assert_eq!(a.status, b.status);
                        prop_assert_eq!(a.rank, b.rank);
                    }
                    // A better score never fares worse.
                    if score[&a.id].and_then(Mark::score) > score[&b.id].and_then(Mark::score) && b.status == Status::Lulus {
                        prop_assert_eq!(a.status, Status::Lulus);
                    }
                }
            }
            let passed = ranked.iter().filter(|p| p.status == Status::Lulus).count() as u32;
            let cut = 3 * quota;
            prop_assert!(passed >= cut.min(ranked.len() as u32));
        }

        #[test]
        fn the_result_does_not_depend_on_insertion_order(
            (quota, comb, cs) in unit(),
            seed in any::<u64>(),
        ) {
            let rl = rules_for(quota, comb);
            let a = rank_unit(&rl, &cs);
            let mut shuffled = cs.clone();
            // A deterministic shuffle from the seed.
            let mut x = seed | 1;
            for i in (1..shuffled.len()).rev() {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                shuffled.swap(i, (x % (i as u64 + 1)) as usize);
            }
            let b = rank_unit(&rl, &shuffled);
            prop_assert_eq!(a, b);
        }

        #[test]
        fn unresolved_ties_are_flagged_not_broken_silently((quota, comb, cs) in unit()) {
            let r = rank_unit(&rules_for(quota, comb), &cs);
            let key: HashMap<i64, Option<u64>> = r.final_.iter().map(|p| (p.id, p.final_score)).collect();
            let status: HashMap<i64, Status> = r.final_.iter().map(|p| (p.id, p.status)).collect();
            let by_id: HashMap<i64, &Candidate> = cs.iter().map(|c| (c.id, c)).collect();
            for a in &r.final_ {
                for b in &r.final_ {
                    let same = a.final_score.is_some()
                        && key[&a.id] == key[&b.id]
                        && by_id[&a.id].interview == by_id[&b.id].interview
                        && by_id[&a.id].written == by_id[&b.id].written;
                    if same && status[&a.id] != status[&b.id] {
                        prop_assert!(a.unresolved_tie && b.unresolved_tie);
                    }
                }
            }
        }
    }
}
