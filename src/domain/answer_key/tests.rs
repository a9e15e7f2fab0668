//! Tests of marking: a sheet worked by hand (penalty, blanks, a double
//! mark, an annulled question), the readers of keys and answers, the
//! analysis, then properties over random keys and sheets.

use super::*;

fn answers(text: &str) -> Vec<Answer> {
    parse_answers(text).unwrap()
}

#[test]
fn a_sheet_is_marked_as_by_hand_with_penalty_blanks_and_an_annulled_question() {
    // Ten questions; question 7 annulled.
    let key = AnswerKey::parse("ABCDE ABC*E").unwrap();
    assert_eq!(key.text(), "ABCDEABC*E");
    // Question by question:   1 A=A correct, 2 B=B correct, 3 D≠C wrong,
    // 4 blank, 5 E=E correct, 6 A and B both marked (*): wrong,
    // 7 C≠B wrong, 8 C=C correct, 9 annulled (blank, still earns),
    // 10 blank.
    let sheet = answers("ABD-E*CC--");
    let t = tally(&key, &sheet).unwrap();
    assert_eq!(
        t,
        Tally {
            correct: 4,
            wrong: 3,
            blank: 2,
            annulled: 1
        }
    );
    // 4 points per correct, 1 off per wrong:
    // (4 correct + 1 annulled) × 4 − 3 wrong × 1 = 20 − 3 = 17 of 10 × 4 = 40.
    let s = MarkingSettings {
        points_correct: 4,
        penalty_wrong: 1,
        scale: Scale::Seratus,
    };
    let m = mark(&key, &sheet, &s).unwrap();
    assert_eq!((m.points, m.max_points), (17, 40));
    // 17 / 40 × 100 = 42,5 exactly → 42,50.
    assert_eq!(format_score(m.mark), "42,50");
    // No penalty: 5 × 4 = 20 of 40 → 50,00.
    let free = MarkingSettings {
        penalty_wrong: 0,
        ..s
    };
    assert_eq!(
        format_score(mark(&key, &sheet, &free).unwrap().mark),
        "50,00"
    );
    // 1 point each, penalty 1: 5 − 3 = 2 of 10 → 20,00; raw points: 2,00.
    let one = MarkingSettings {
        points_correct: 1,
        penalty_wrong: 1,
        scale: Scale::Seratus,
    };
    assert_eq!(
        format_score(mark(&key, &sheet, &one).unwrap().mark),
        "20,00"
    );
    let raw = MarkingSettings {
        scale: Scale::Poin,
        ..one
    };
    assert_eq!(format_score(mark(&key, &sheet, &raw).unwrap().mark), "2,00");
}

#[test]
fn rounding_is_half_up_once_and_the_total_is_never_negative() {
    let key = AnswerKey::parse("AAA").unwrap();
    let s = MarkingSettings::default();
    // 1 of 3 = 33,333… → 33,33; 2 of 3 = 66,666… → 66,67.
    assert_eq!(
        format_score(mark(&key, &answers("ABB"), &s).unwrap().mark),
        "33,33"
    );
    assert_eq!(
        format_score(mark(&key, &answers("AAB"), &s).unwrap().mark),
        "66,67"
    );
    // Half up: 1 of 160 = 0,625 → 0,63.
    let key160 = AnswerKey::parse(&"A".repeat(160)).unwrap();
    let mut one = vec![Answer::Blank; 160];
    one[0] = Answer::Chose(0);
    assert_eq!(format_score(mark(&key160, &one, &s).unwrap().mark), "0,63");
    // All wrong with a penalty: 0 − 3 × 2 is clamped to 0.
    let harsh = MarkingSettings {
        points_correct: 1,
        penalty_wrong: 2,
        scale: Scale::Seratus,
    };
    let m = mark(&key, &answers("BCD"), &harsh).unwrap();
    assert_eq!((m.points, m.mark), (0, 0));
}

#[test]
fn keys_and_answers_are_read_as_staff_write_them() {
    assert_eq!(AnswerKey::parse("abcde  e").unwrap().text(), "ABCDEE");
    assert!(AnswerKey::parse("").unwrap_err().contains("kosong"));
    assert!(AnswerKey::parse("ABF")
        .unwrap_err()
        .contains("soal 3 \"F\""));
    assert!(AnswerKey::parse(&"A".repeat(201)).is_err());
    assert_eq!(answers_text(&answers("ab -*e")), "AB--*E");
    let e = parse_answers("ABX").unwrap_err();
    assert_eq!(e.question, Some(3));
    assert_eq!(parse_answer_cell(4, " "), Ok(Answer::Blank));
    assert_eq!(parse_answer_cell(4, "c"), Ok(Answer::Chose(2)));
    assert!(parse_answer_cell(4, "AB")
        .unwrap_err()
        .reason
        .contains("soal 4"));
    assert_eq!(parse_version(" b "), Ok("B".into()));
    assert!(parse_version("A B").is_err());
    let key = AnswerKey::parse("ABC").unwrap();
    assert!(tally(&key, &answers("AB")).unwrap_err().contains("2 soal"));
}

#[test]
fn settings_are_bounded_and_raw_points_must_fit_a_mark() {
    assert!(MarkingSettings::default().check().is_ok());
    let zero = MarkingSettings {
        points_correct: 0,
        ..Default::default()
    };
    assert!(zero.check().is_err());
    let raw = MarkingSettings {
        points_correct: 2,
        penalty_wrong: 0,
        scale: Scale::Poin,
    };
    assert!(raw.fits("A", 50).is_ok());
    assert!(raw.fits("A", 51).unwrap_err().contains("102"));
}

#[test]
fn the_analysis_flags_a_question_few_answer_correctly() {
    // Five sheets. Question 1: 4 of 5 right. Question 2: key says B but
    // 4 chose D, 1 chose B: 20,00%, not below 20. Question 3: key C, no
    // one right: flagged, most chose A. Question 4 annulled.
    let key = AnswerKey::parse("ABC*").unwrap();
    let sheets: Vec<Vec<Answer>> = ["ADAA", "ADAB", "ADB-", "ABA-", "BDA-"]
        .iter()
        .map(|s| answers(s))
        .collect();
    let a = analyse("A", &key, &sheets);
    let row = |q: usize| {
        (
            a[q].correct,
            a[q].share.as_str(),
            a[q].most_chosen.as_str(),
            a[q].check,
        )
    };
    assert_eq!(row(0), (4, "80,00%", "A", false));
    assert_eq!(row(1), (1, "20,00%", "D", false));
    assert_eq!(row(2), (0, "0,00%", "A", true));
    assert_eq!((a[3].key.as_str(), a[3].check), ("*", false));
    assert!(analyse("A", &key, &[])
        .iter()
        .all(|q| !q.check && q.share.is_empty()));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn key_and_sheet() -> impl Strategy<Value = (AnswerKey, Vec<Answer>)> {
        let item =
            prop_oneof![9 => (0u8..5).prop_map(KeyItem::Correct), 1 => Just(KeyItem::Annulled)];
        let answer = prop_oneof![
            6 => (0u8..5).prop_map(Answer::Chose),
            2 => Just(Answer::Blank),
            1 => Just(Answer::Multiple),
        ];
        (1usize..=MAX_QUESTIONS).prop_flat_map(move |n| {
            (
                prop::collection::vec(item.clone(), n),
                prop::collection::vec(answer.clone(), n),
            )
                .prop_map(|(items, sheet)| (AnswerKey { items }, sheet))
        })
    }

    fn settings() -> impl Strategy<Value = MarkingSettings> {
        (1u32..=MAX_POINTS, 0u32..=MAX_POINTS).prop_map(|(p, q)| MarkingSettings {
            points_correct: p,
            penalty_wrong: q,
            scale: Scale::Seratus,
        })
    }

    proptest! {
        #[test]
        fn a_mark_is_within_0_and_100((key, sheet) in key_and_sheet(), s in settings()) {
            let m = mark(&key, &sheet, &s).unwrap();
            prop_assert!(m.mark <= MAX_SCORE);
            prop_assert!(m.points <= m.max_points);
            let t = m.tally;
            prop_assert_eq!((t.correct + t.wrong + t.blank + t.annulled) as usize, key.len());
        }

        #[test]
        fn every_answer_correct_gives_100((key, _) in key_and_sheet(), s in settings()) {
            let right: Vec<Answer> = key.items().iter().map(|k| match k {
                KeyItem::Correct(c) => Answer::Chose(*c),
                KeyItem::Annulled => Answer::Blank,
            }).collect();
            prop_assert_eq!(mark(&key, &right, &s).unwrap().mark, MAX_SCORE);
        }

        #[test]
        fn a_penalty_never_raises_a_mark_nor_takes_it_below_0(
            (key, sheet) in key_and_sheet(), s in settings()
        ) {
            let m = mark(&key, &sheet, &s).unwrap();
            let free = mark(&key, &sheet, &MarkingSettings { penalty_wrong: 0, ..s }).unwrap();
            prop_assert!(m.mark <= free.mark);
            // Without a wrong answer, the penalty changes nothing.
            if m.tally.wrong == 0 {
                prop_assert_eq!(m.mark, free.mark);
            }
        }

        #[test]
        fn the_mark_is_the_exact_ratio_rounded_half_up((key, sheet) in key_and_sheet(), s in settings()) {
            let m = mark(&key, &sheet, &s).unwrap();
            // |mark − points/max × 10 000| ≤ ½, and exactly ½ only rounds up.
            let exact = u64::from(m.points) * 10_000;
            let max = u64::from(m.max_points);
            let got = u64::from(m.mark) * max;
            prop_assert!(2 * got + max > 2 * exact && 2 * got <= 2 * exact + max);
        }

        #[test]
        fn answers_survive_their_stored_text((_, sheet) in key_and_sheet()) {
            prop_assert_eq!(parse_answers(&answers_text(&sheet)).unwrap(), sheet);
        }
    }
}
