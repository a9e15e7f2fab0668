//! The eligibility rules an applicant is checked against while being
//! registered (DOMAIN.md "Requirements"). Each rule gives pass, fail or needs
//! review, with the reason in Bahasa Indonesia. The numbers come from the
//! round's settings.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::domain::applicant::Education;
use crate::domain::region::RegionCode;
use crate::domain::round::{Body, RoundSettings};

/// Outcome of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Verdict {
    Pass,
    Fail,
    /// Staff (or the plenary) must decide.
    Review,
}

/// The rules checked at registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Rule {
    Usia,
    Pendidikan,
    Domisili,
    PeriodeMenjabat,
    /// The applicant's own statement: never a member, or left long enough ago.
    StatusPartai,
    /// The NIK against the imported party-membership list.
    KeanggotaanPartai,
}

impl Rule {
    pub fn label(self) -> &'static str {
        match self {
            Rule::Usia => "Usia",
            Rule::Pendidikan => "Pendidikan",
            Rule::Domisili => "Domisili",
            Rule::PeriodeMenjabat => "Periode menjabat",
            Rule::StatusPartai => "Pernyataan keanggotaan partai",
            Rule::KeanggotaanPartai => "Daftar anggota partai (SIPOL)",
        }
    }

    /// What a document that may be published says of this rule failed,
    /// when it must say less than the screens: `None` when the reason may
    /// be printed as it is.
    ///
    /// The Berita Acara of the administrative stage lists every TMS reason,
    /// and DOMAIN.md counts it among the documents the commission publishes.
    /// Which party an applicant is tied to is not printed there: the SIPOL
    /// list is often wrong (parties register NIKs without consent, which is
    /// why a statement can clear it), so "tercatat sebagai anggota Partai X"
    /// would publish a political affiliation that may be false. Both party
    /// rules print the same neutral wording, so the minutes do not tell a
    /// listing from the applicant's own statement either. The reason in
    /// full (the party named) stays on the screens and in the audit, for
    /// staff and the plenary.
    pub fn printed_failure(self) -> Option<&'static str> {
        match self {
            Rule::StatusPartai | Rule::KeanggotaanPartai => {
                Some("Tidak memenuhi syarat keanggotaan partai politik.")
            }
            _ => None,
        }
    }
}

/// One rule's outcome and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RuleResult {
    pub rule: Rule,
    pub verdict: Verdict,
    pub reason: String,
}

/// Whether the NIK is in the imported party-membership list (SIPOL export).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartyList {
    /// No list has been imported yet.
    NotImported,
    /// No list, but membership was checked another way for the round
    /// (see [`crate::domain::party_check`]); the reason says how, by whom
    /// and when.
    CheckedOtherwise {
        reason: String,
    },
    NotListed,
    /// Listed as a member of this party.
    Listed {
        party: String,
    },
}

/// What the applicant states about party membership.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartyStatement {
    /// Not answered yet (a form still being typed).
    NotStated,
    /// Never a member.
    NeverMember,
    /// A former member who left in this year (if given).
    FormerMember { left_year: Option<i32> },
}

/// Years a former party member must have left before the reference date.
pub const PARTY_EXIT_YEARS: i32 = 5;

/// What the rules look at. Anything not yet entered is `None` and gives
/// "needs review", so the rules can be shown while a form is being typed.
#[derive(Debug, Clone)]
pub struct Applicant<'a> {
    pub birth_date: Option<NaiveDate>,
    pub education: Option<Education>,
    /// The unit applied for: a kecamatan (PPK) or a desa (PPS).
    pub unit: Option<&'a RegionCode>,
    /// The desa/kelurahan the applicant lives in.
    pub domicile_desa: Option<&'a RegionCode>,
    /// A written reason staff gave to accept a domicile outside the unit.
    pub domicile_exception: Option<&'a str>,
    /// Periods already served in the same body.
    pub periods_served: u32,
    pub party_statement: PartyStatement,
    pub party_list: &'a PartyList,
    /// A stamped statement that a party used the NIK without consent.
    pub misuse_statement: bool,
}

/// Whole years of age on `on`. Someone born on 29 February turns a year
/// older on 1 March in years without one.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

fn result(rule: Rule, verdict: Verdict, reason: impl Into<String>) -> RuleResult {
    RuleResult {
        rule,
        verdict,
        reason: reason.into(),
    }
}

/// Checks every rule, in a fixed order.
pub fn check(settings: &RoundSettings, body: Body, a: &Applicant<'_>) -> Vec<RuleResult> {
    vec![
        age(settings, a),
        education(a),
        domicile(body, a),
        periods(settings, a),
        party_statement(settings, a),
        party(a),
    ]
}

fn age(settings: &RoundSettings, a: &Applicant<'_>) -> RuleResult {
    let on = settings.reference_date;
    let Some(birth) = a.birth_date else {
        return result(Rule::Usia, Verdict::Review, "Tanggal lahir belum diisi.");
    };
    let years = age_on(birth, on);
    let when = on.format("%d-%m-%Y");
    if years >= settings.min_age as i32 {
        result(
            Rule::Usia,
            Verdict::Pass,
            format!("Berusia {years} tahun pada {when}."),
        )
    } else {
        result(
            Rule::Usia,
            Verdict::Fail,
            format!(
                "Berusia {years} tahun pada {when}; paling rendah {} tahun.",
                settings.min_age
            ),
        )
    }
}

fn education(a: &Applicant<'_>) -> RuleResult {
    match a.education {
        None => result(
            Rule::Pendidikan,
            Verdict::Review,
            "Pendidikan terakhir belum diisi.",
        ),
        Some(e) if e >= Education::SMA => result(
            Rule::Pendidikan,
            Verdict::Pass,
            format!("Pendidikan terakhir {}.", e.as_str()),
        ),
        Some(e) => result(
            Rule::Pendidikan,
            Verdict::Fail,
            format!(
                "Pendidikan terakhir {}; paling rendah SMA atau sederajat.",
                e.as_str()
            ),
        ),
    }
}

fn domicile(body: Body, a: &Applicant<'_>) -> RuleResult {
    let Some(unit) = a.unit else {
        return result(
            Rule::Domisili,
            Verdict::Review,
            format!(
                "{} tempat mendaftar belum dipilih.",
                match body {
                    Body::Ppk => "Kecamatan",
                    Body::Pps => "Desa/kelurahan",
                }
            ),
        );
    };
    let Some(home) = a.domicile_desa else {
        return result(
            Rule::Domisili,
            Verdict::Review,
            "Desa/kelurahan tempat tinggal belum diisi.",
        );
    };
    let inside = match body {
        Body::Ppk => unit.contains(home),
        Body::Pps => unit == home,
    };
    let area = match body {
        Body::Ppk => "kecamatan",
        Body::Pps => "desa/kelurahan",
    };
    match (inside, a.domicile_exception.map(str::trim).filter(|r| !r.is_empty())) {
        (true, _) => result(Rule::Domisili, Verdict::Pass, format!("Berdomisili di {area} tempat mendaftar.")),
        (false, Some(reason)) => result(
            Rule::Domisili,
            Verdict::Pass,
            format!("Berdomisili di luar {area} tempat mendaftar; dikecualikan: {reason}"),
        ),
        (false, None) => result(
            Rule::Domisili,
            Verdict::Fail,
            format!("Berdomisili di luar {area} tempat mendaftar ({home}); isi alasan pengecualian bila diterima."),
        ),
    }
}

fn periods(settings: &RoundSettings, a: &Applicant<'_>) -> RuleResult {
    match settings.max_periods {
        None => result(
            Rule::PeriodeMenjabat,
            Verdict::Pass,
            "Seleksi ini tidak membatasi periode menjabat.",
        ),
        Some(cap) if a.periods_served >= cap => result(
            Rule::PeriodeMenjabat,
            Verdict::Fail,
            format!(
                "Sudah {} periode di badan yang sama; paling banyak {cap}.",
                a.periods_served
            ),
        ),
        Some(cap) => result(
            Rule::PeriodeMenjabat,
            Verdict::Pass,
            format!(
                "{} periode di badan yang sama; batasnya {cap}.",
                a.periods_served
            ),
        ),
    }
}

fn party_statement(settings: &RoundSettings, a: &Applicant<'_>) -> RuleResult {
    let rule = Rule::StatusPartai;
    match a.party_statement {
        PartyStatement::NotStated => result(
            rule,
            Verdict::Review,
            "Pernyataan keanggotaan partai politik belum dipilih.",
        ),
        PartyStatement::NeverMember => result(
            rule,
            Verdict::Pass,
            "Menyatakan tidak pernah menjadi anggota partai politik.",
        ),
        PartyStatement::FormerMember { left_year: None } => result(
            rule,
            Verdict::Review,
            "Mantan anggota partai politik; tahun keluar belum diisi.",
        ),
        PartyStatement::FormerMember {
            left_year: Some(year),
        } => {
            let reference = settings.reference_date;
            // Counted in whole years: leaving in 2017 is 5 years before 2022.
            let since = reference.year() - year;
            if year > reference.year() {
                result(
                    rule,
                    Verdict::Fail,
                    format!("Tahun keluar dari partai ({year}) setelah tanggal acuan."),
                )
            } else if since >= PARTY_EXIT_YEARS {
                result(
                    rule,
                    Verdict::Pass,
                    format!("Keluar dari partai politik tahun {year} ({since} tahun sebelum tanggal acuan); lampirkan surat keterangan dari partai."),
                )
            } else {
                result(
                    rule,
                    Verdict::Fail,
                    format!("Keluar dari partai politik tahun {year}, baru {since} tahun sebelum tanggal acuan; paling sedikit {PARTY_EXIT_YEARS} tahun."),
                )
            }
        }
    }
}

fn party(a: &Applicant<'_>) -> RuleResult {
    match (a.party_list, a.misuse_statement) {
        (PartyList::NotImported, _) => result(
            Rule::KeanggotaanPartai,
            Verdict::Review,
            "Daftar anggota partai politik (SIPOL) belum diimpor; impor daftarnya, atau administrator mencatat bahwa keanggotaan sudah diperiksa dengan cara lain.",
        ),
        (PartyList::CheckedOtherwise { reason }, _) => {
            result(Rule::KeanggotaanPartai, Verdict::Pass, reason.clone())
        }
        (PartyList::NotListed, _) => result(Rule::KeanggotaanPartai, Verdict::Pass, "NIK tidak ada dalam daftar anggota partai politik."),
        (PartyList::Listed { party }, true) => result(
            Rule::KeanggotaanPartai,
            Verdict::Review,
            format!("NIK tercatat sebagai anggota {party}; ada surat pernyataan NIK dicatut tanpa persetujuan."),
        ),
        (PartyList::Listed { party }, false) => result(
            Rule::KeanggotaanPartai,
            Verdict::Fail,
            format!("NIK tercatat sebagai anggota {party}. Bila dicatut tanpa persetujuan, lampirkan surat pernyataan bermeterai."),
        ),
    }
}

#[cfg(test)]
mod tests;
