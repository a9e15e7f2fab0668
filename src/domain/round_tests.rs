//! Tests of the round settings, presets and schedule rules.

use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn defaults_follow_the_2024_rules() {
    let ppk = RoundSettings::defaults(Body::Ppk, date(2022, 11, 20));
    assert_eq!(ppk.quota_per_unit, 5);
    assert_eq!(
        RoundSettings::defaults(Body::Pps, date(2022, 11, 20)).quota_per_unit,
        3
    );
    assert_eq!(ppk.written_pass_multiple, 3);
    assert_eq!(ppk.final_rank_multiple, 2);
    assert_eq!(ppk.extension_threshold, 2);
    assert_eq!(ppk.extension_days, 3);
    assert_eq!(ppk.min_age, 17);
    assert_eq!(ppk.max_periods, None);
    ppk.validate().unwrap();
}

#[test]
fn every_preset_is_a_valid_round() {
    for preset in Preset::ALL {
        for body in [Body::Ppk, Body::Pps] {
            let draft = preset.draft(body);
            draft.validate().unwrap();
            assert_eq!(draft.body, body);
            assert_eq!(draft.settings.reference_date, draft.schedule[0].starts_on);
            assert!(draft.name.contains(preset.election()));
        }
    }
}

#[test]
fn settings_out_of_range_name_their_field() {
    let base = RoundSettings::defaults(Body::Ppk, date(2024, 1, 1));
    let cases: Vec<(&str, RoundSettings)> = vec![
        (
            "quota_per_unit",
            RoundSettings {
                quota_per_unit: 0,
                ..base.clone()
            },
        ),
        (
            "min_age",
            RoundSettings {
                min_age: 16,
                ..base.clone()
            },
        ),
        (
            "max_periods",
            RoundSettings {
                max_periods: Some(0),
                ..base.clone()
            },
        ),
        (
            "written_pass_multiple",
            RoundSettings {
                written_pass_multiple: 0,
                ..base.clone()
            },
        ),
        (
            "score_combination",
            RoundSettings {
                score_combination: ScoreCombination::Bobot {
                    tertulis: 40,
                    wawancara: 50,
                },
                ..base.clone()
            },
        ),
    ];
    for (field, settings) in cases {
        let err = settings.validate().unwrap_err();
        assert_eq!(err.field(), Some(field), "{err}");
    }
    let weighted = RoundSettings {
        score_combination: ScoreCombination::Bobot {
            tertulis: 40,
            wawancara: 60,
        },
        max_periods: Some(2),
        ..base
    };
    weighted.validate().unwrap();
}

#[test]
fn schedule_must_be_complete_and_ordered() {
    let mut draft = Preset::Pemilu2024.draft(Body::Ppk);
    draft.schedule.swap(1, 2);
    assert!(draft.validate().is_err());

    let mut draft = Preset::Pemilu2024.draft(Body::Ppk);
    draft.schedule.pop();
    assert!(draft.validate().is_err());

    let mut draft = Preset::Pemilu2024.draft(Body::Ppk);
    draft.schedule[3].ends_on = draft.schedule[3].starts_on.pred_opt().unwrap();
    assert_eq!(
        draft.validate().unwrap_err().field(),
        Some("schedule.3.ends_on")
    );

    // The wrong date is named: the written test starting before the check.
    let mut draft = Preset::Pemilu2024.draft(Body::Ppk);
    draft.schedule[2].starts_on = draft.schedule[1].starts_on.pred_opt().unwrap();
    assert_eq!(
        draft.validate().unwrap_err().field(),
        Some("schedule.2.starts_on")
    );

    let mut draft = Preset::Pemilu2024.draft(Body::Ppk);
    draft.name = "  ".into();
    assert_eq!(draft.validate().unwrap_err().field(), Some("name"));
}

#[test]
fn names_parse_back() {
    for stage in Stage::ALL {
        assert_eq!(Stage::parse(stage.as_str()).unwrap(), stage);
    }
    assert_eq!(Body::parse("pps").unwrap(), Body::Pps);
    assert!(Body::parse("kpps").is_err());
    assert_eq!(Preset::parse("Pilkada-2024").unwrap(), Preset::Pilkada2024);
    for p in Preset::ALL {
        // The UI (serde) and the CLI (as_str) spell a preset the same way.
        assert_eq!(serde_json::to_value(p).unwrap(), p.as_str());
    }
    for c in [
        ScoreCombination::Wawancara,
        ScoreCombination::Jumlah,
        ScoreCombination::Bobot {
            tertulis: 30,
            wawancara: 70,
        },
    ] {
        let (t, w) = match c {
            ScoreCombination::Bobot {
                tertulis,
                wawancara,
            } => (tertulis, wawancara),
            _ => (0, 0),
        };
        assert_eq!(ScoreCombination::from_parts(c.mode_str(), t, w).unwrap(), c);
    }
}
