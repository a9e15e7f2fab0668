//! Tests of the eligibility rules, one use case each (age, education,
//! domicile, periods, party), with the boundaries the regulation sets. In
//! their own file so that the rules read on their own in `mod.rs`.

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn code(s: &str) -> RegionCode {
    RegionCode::parse(s).unwrap()
}

fn settings() -> RoundSettings {
    RoundSettings::defaults(Body::Ppk, d(2022, 11, 20))
}

fn verdict_of(results: &[RuleResult], rule: Rule) -> Verdict {
    results.iter().find(|r| r.rule == rule).unwrap().verdict
}

struct Case {
    birth: NaiveDate,
    education: Option<Education>,
    unit: RegionCode,
    home: Option<RegionCode>,
    exception: Option<&'static str>,
    periods: u32,
    list: PartyList,
    statement: bool,
    statement_of_party: PartyStatement,
}

impl Case {
    fn ok() -> Case {
        Case {
            birth: d(1990, 1, 1),
            education: Some(Education::S1),
            unit: code("35.14.01"),
            home: Some(code("35.14.01.2001")),
            exception: None,
            periods: 0,
            list: PartyList::NotListed,
            statement: false,
            statement_of_party: PartyStatement::NeverMember,
        }
    }

    fn run(&self, s: &RoundSettings, body: Body) -> Vec<RuleResult> {
        check(
            s,
            body,
            &Applicant {
                birth_date: Some(self.birth),
                education: self.education,
                unit: Some(&self.unit),
                domicile_desa: self.home.as_ref(),
                domicile_exception: self.exception,
                periods_served: self.periods,
                party_statement: self.statement_of_party,
                party_list: &self.list,
                misuse_statement: self.statement,
            },
        )
    }
}

#[test]
fn a_typical_applicant_passes_every_rule_in_order() {
    let r = Case::ok().run(&settings(), Body::Ppk);
    let rules: Vec<Rule> = r.iter().map(|x| x.rule).collect();
    assert_eq!(
        rules,
        [
            Rule::Usia,
            Rule::Pendidikan,
            Rule::Domisili,
            Rule::PeriodeMenjabat,
            Rule::StatusPartai,
            Rule::KeanggotaanPartai
        ]
    );
    assert!(r.iter().all(|x| x.verdict == Verdict::Pass), "{r:?}");
}

#[test]
fn the_17th_birthday_on_the_reference_date_is_enough() {
    let s = settings();
    let on_the_day = Case {
        birth: d(2005, 11, 20),
        ..Case::ok()
    };
    assert_eq!(
        verdict_of(&on_the_day.run(&s, Body::Ppk), Rule::Usia),
        Verdict::Pass
    );
    let a_day_late = Case {
        birth: d(2005, 11, 21),
        ..Case::ok()
    };
    let r = a_day_late.run(&s, Body::Ppk);
    assert_eq!(verdict_of(&r, Rule::Usia), Verdict::Fail);
    assert!(r[0]
        .reason
        .contains("Berusia 16 tahun pada 20-11-2022; paling rendah 17"));
    // The minimum is a setting.
    let older = RoundSettings { min_age: 21, ..s };
    assert_eq!(
        verdict_of(
            &Case {
                birth: d(2002, 1, 1),
                ..Case::ok()
            }
            .run(&older, Body::Ppk),
            Rule::Usia
        ),
        Verdict::Fail
    );
}

#[test]
fn leap_day_birthdays() {
    assert_eq!(age_on(d(2004, 2, 29), d(2021, 2, 28)), 16);
    assert_eq!(age_on(d(2004, 2, 29), d(2021, 3, 1)), 17);
    assert_eq!(age_on(d(2004, 2, 29), d(2024, 2, 29)), 20);
}

#[test]
fn education_below_sma_fails_and_missing_needs_review() {
    let s = settings();
    assert_eq!(
        verdict_of(
            &Case {
                education: Some(Education::SMA),
                ..Case::ok()
            }
            .run(&s, Body::Ppk),
            Rule::Pendidikan
        ),
        Verdict::Pass
    );
    assert_eq!(
        verdict_of(
            &Case {
                education: Some(Education::SMP),
                ..Case::ok()
            }
            .run(&s, Body::Ppk),
            Rule::Pendidikan
        ),
        Verdict::Fail
    );
    assert_eq!(
        verdict_of(
            &Case {
                education: None,
                ..Case::ok()
            }
            .run(&s, Body::Ppk),
            Rule::Pendidikan
        ),
        Verdict::Review
    );
}

#[test]
fn domicile_is_the_kecamatan_for_ppk_and_the_desa_for_pps() {
    let s = settings();
    // PPK: any desa of the kecamatan.
    let other_desa = Case {
        home: Some(code("35.14.01.2002")),
        ..Case::ok()
    };
    assert_eq!(
        verdict_of(&other_desa.run(&s, Body::Ppk), Rule::Domisili),
        Verdict::Pass
    );
    // PPS: only the desa applied for.
    let pps = |home: &str| Case {
        unit: code("35.14.01.2001"),
        home: Some(code(home)),
        ..Case::ok()
    };
    assert_eq!(
        verdict_of(&pps("35.14.01.2001").run(&s, Body::Pps), Rule::Domisili),
        Verdict::Pass
    );
    assert_eq!(
        verdict_of(&pps("35.14.01.2002").run(&s, Body::Pps), Rule::Domisili),
        Verdict::Fail
    );
    // Outside the kecamatan: fails, unless staff give a reason.
    let outside = Case {
        home: Some(code("35.14.02.2001")),
        ..Case::ok()
    };
    assert_eq!(
        verdict_of(&outside.run(&s, Body::Ppk), Rule::Domisili),
        Verdict::Fail
    );
    let blank = Case {
        exception: Some("   "),
        home: Some(code("35.14.02.2001")),
        ..Case::ok()
    };
    assert_eq!(
        verdict_of(&blank.run(&s, Body::Ppk), Rule::Domisili),
        Verdict::Fail
    );
    let excused = Case {
        exception: Some("Tidak ada pendaftar dari desa ini"),
        home: Some(code("35.14.02.2001")),
        ..Case::ok()
    };
    let r = excused.run(&s, Body::Ppk);
    assert_eq!(verdict_of(&r, Rule::Domisili), Verdict::Pass);
    assert!(r[2].reason.contains("Tidak ada pendaftar dari desa ini"));
    assert_eq!(
        verdict_of(
            &Case {
                home: None,
                ..Case::ok()
            }
            .run(&s, Body::Ppk),
            Rule::Domisili
        ),
        Verdict::Review
    );
}

#[test]
fn periods_served_only_count_when_the_round_caps_them() {
    let uncapped = settings();
    assert_eq!(
        verdict_of(
            &Case {
                periods: 5,
                ..Case::ok()
            }
            .run(&uncapped, Body::Ppk),
            Rule::PeriodeMenjabat
        ),
        Verdict::Pass
    );
    let capped = RoundSettings {
        max_periods: Some(2),
        ..settings()
    };
    assert_eq!(
        verdict_of(
            &Case {
                periods: 1,
                ..Case::ok()
            }
            .run(&capped, Body::Ppk),
            Rule::PeriodeMenjabat
        ),
        Verdict::Pass
    );
    assert_eq!(
        verdict_of(
            &Case {
                periods: 2,
                ..Case::ok()
            }
            .run(&capped, Body::Ppk),
            Rule::PeriodeMenjabat
        ),
        Verdict::Fail
    );
}

#[test]
fn the_party_list() {
    let s = settings();
    let listed = PartyList::Listed {
        party: "Partai Contoh".into(),
    };
    let r = Case {
        list: listed.clone(),
        ..Case::ok()
    }
    .run(&s, Body::Ppk);
    assert_eq!(verdict_of(&r, Rule::KeanggotaanPartai), Verdict::Fail);
    assert!(r[5].reason.contains("Partai Contoh"));
    let with_statement = Case {
        list: listed,
        statement: true,
        ..Case::ok()
    };
    assert_eq!(
        verdict_of(&with_statement.run(&s, Body::Ppk), Rule::KeanggotaanPartai),
        Verdict::Review
    );
    let none = Case {
        list: PartyList::NotImported,
        ..Case::ok()
    };
    assert_eq!(
        verdict_of(&none.run(&s, Body::Ppk), Rule::KeanggotaanPartai),
        Verdict::Review
    );
    let otherwise = Case {
        list: PartyList::CheckedOtherwise {
            reason: "Keanggotaan partai politik diperiksa langsung di SIPOL (daring).".into(),
        },
        ..Case::ok()
    };
    let r = otherwise.run(&s, Body::Ppk);
    assert_eq!(verdict_of(&r, Rule::KeanggotaanPartai), Verdict::Pass);
    assert!(r[5].reason.contains("SIPOL (daring)"));
}

#[test]
fn a_former_member_must_have_left_five_years_before_the_reference_date() {
    // Reference date 20-11-2022.
    let s = settings();
    let left = |year: Option<i32>| {
        verdict_of(
            &Case {
                statement_of_party: PartyStatement::FormerMember { left_year: year },
                ..Case::ok()
            }
            .run(&s, Body::Ppk),
            Rule::StatusPartai,
        )
    };
    assert_eq!(left(Some(2017)), Verdict::Pass);
    assert_eq!(left(Some(2018)), Verdict::Fail);
    assert_eq!(left(Some(2023)), Verdict::Fail);
    assert_eq!(left(None), Verdict::Review);
}

#[test]
fn what_is_not_entered_yet_needs_review() {
    let r = check(
        &settings(),
        Body::Pps,
        &Applicant {
            birth_date: None,
            education: None,
            unit: None,
            domicile_desa: None,
            domicile_exception: None,
            periods_served: 0,
            party_statement: PartyStatement::NotStated,
            party_list: &PartyList::NotListed,
            misuse_statement: false,
        },
    );
    assert_eq!(verdict_of(&r, Rule::Usia), Verdict::Review);
    assert_eq!(verdict_of(&r, Rule::StatusPartai), Verdict::Review);
    assert_eq!(verdict_of(&r, Rule::Pendidikan), Verdict::Review);
    assert_eq!(verdict_of(&r, Rule::Domisili), Verdict::Review);
    assert!(r[2].reason.starts_with("Desa/kelurahan tempat mendaftar"));
}
