//! The help desk's check of one application while it is typed: which
//! fields are wrong, what the NIK says, whether the NIK already holds an
//! application in the election, eligibility rule by rule, and the documents
//! asked of this applicant.
//!
//! Why here, without I/O: the form's live panel, saving, editing and the
//! round's evaluation (every applicant at once) must judge an application
//! the same way. The store's answers about the NIK (another application,
//! party membership) are looked up by the caller, one at a time or in
//! bulk, and passed in as [`NikRecords`].

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::domain::applicant::{Education, Sex};
use crate::domain::applicant_input::{self, parse_date, FieldProblem, ValidApplicant};
use crate::domain::continuity::{self, RecordedService};
use crate::domain::documents;
use crate::domain::eligibility::{self, PartyList, RuleResult};
use crate::domain::nik::{Nik, NikWarning};
use crate::domain::party_check::PartyCheck;
use crate::domain::region::{atlas, RegionCode, RegionLevel};
use crate::domain::registration::RegistrationDraft;
use crate::domain::round::{Body, Round};
use crate::domain::verification::Requirement;

/// What the NIK itself says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct NikInfo {
    pub sex: Sex,
    /// `DD-MM-YYYY`, when the date exists.
    pub birth_date: Option<String>,
    /// Where the KTP was first issued, e.g. "Kecamatan Purwodadi".
    pub issued_in: String,
}

/// The application a NIK already holds in the same election.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExistingApplication {
    #[ts(type = "number")]
    pub id: i64,
    pub reg_number: String,
    pub full_name: String,
    pub round_name: String,
    /// Registered online (an imported list) and the paper file not yet
    /// received: the help desk receives it against this application rather
    /// than registering the applicant again.
    pub awaiting_files: bool,
}

/// A document asked of the applicant, and whether it was handed over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DocumentItem {
    pub code: String,
    pub name: String,
    /// Asked of every applicant, or of this one because of a condition.
    pub required: bool,
    pub received: bool,
    /// What it must state, item by item (the round's surat pernyataan
    /// items; empty for other documents).
    pub contents: Vec<String>,
}

/// Everything the form shows while it is typed, and whether it can be saved.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RegistrationCheck {
    /// Fields that are wrong (saving is refused while there are any).
    pub problems: Vec<FieldProblem>,
    pub nik_info: Option<NikInfo>,
    /// What the operator must look at and acknowledge before saving.
    pub nik_warnings: Vec<String>,
    /// The same warnings, each under the field it is about (e.g. the birth
    /// date that disagrees with the NIK is `tanggal_lahir`).
    pub field_warnings: Vec<FieldProblem>,
    /// Set when the NIK already holds an active application in the election.
    pub duplicate: Option<ExistingApplication>,
    /// Eligibility, rule by rule.
    pub rules: Vec<RuleResult>,
    /// Service in the same body recorded in earlier rounds of this
    /// database ("riwayat tercatat"), shown beside the typed history.
    pub recorded_service: Vec<RecordedService>,
    /// The documents asked of this applicant.
    pub documents: Vec<DocumentItem>,
    /// No problems, no duplicate, and any NIK warning acknowledged.
    pub can_save: bool,
}

/// The round an application is judged for.
pub struct Desk<'a> {
    pub round: &'a Round,
    pub kabupaten: &'a RegionCode,
    /// A party-membership list (SIPOL export) was imported.
    pub party_list_imported: bool,
    /// How membership was checked for the round when no list was imported.
    pub party_check: Option<&'a PartyCheck>,
    /// The documents the round asks for, as its settings keep them.
    pub requirements: &'a [Requirement],
}

/// What the store knows of the application's NIK.
#[derive(Debug, Clone, Default)]
pub struct NikRecords {
    /// Another active application of the NIK in the same election.
    pub duplicate: Option<ExistingApplication>,
    /// The parties the imported list names the NIK under.
    pub parties: Vec<String>,
    /// The NIK's membership in earlier rounds of the same body recorded in
    /// this database (it counts toward the periods served).
    pub recorded_service: Vec<RecordedService>,
}

/// A judged application: the check, and the valid record with the NIK's
/// warnings when it can be saved.
pub struct Judged {
    pub check: RegistrationCheck,
    pub valid: Option<(ValidApplicant, Vec<NikWarning>)>,
}

/// A region code of the wanted level, leniently (for the live panel).
fn code_of(input: &str, level: RegionLevel) -> Option<RegionCode> {
    RegionCode::parse(input)
        .ok()
        .filter(|c| c.level() == level && atlas().get(c).is_some())
}

/// Judges a draft on `today`.
pub fn judge(
    desk: &Desk,
    draft: &RegistrationDraft,
    known: NikRecords,
    today: NaiveDate,
) -> Judged {
    let body = desk.round.body;
    let f = &draft.fields;
    let valid = applicant_input::validate(f, body, desk.kabupaten, today);
    let mut problems = match &valid {
        Ok(_) => Vec::new(),
        Err(p) => p.clone(),
    };
    problems.extend(draft.check_extras(today));

    let nik = Nik::parse(&f.nik).ok();
    let nik_info = nik.as_ref().map(|n| NikInfo {
        sex: n.sex(),
        birth_date: n
            .birth_date(today)
            .map(|d| d.format("%d-%m-%Y").to_string()),
        issued_in: atlas().unit_label(&n.kecamatan()),
    });
    let sex = Sex::parse(&f.jenis_kelamin).ok();
    let birth_date = parse_date(&f.tanggal_lahir);
    let warnings: Vec<NikWarning> = match (&nik, sex, birth_date) {
        (Some(n), Some(s), Some(b)) => n.warnings(s, b, today),
        _ => Vec::new(),
    };
    let duplicate = if nik.is_some() { known.duplicate } else { None };
    let recorded_service = if nik.is_some() {
        known.recorded_service
    } else {
        Vec::new()
    };
    let party_list = if !desk.party_list_imported {
        match desk.party_check {
            Some(c) => PartyList::CheckedOtherwise { reason: c.reason() },
            None => PartyList::NotImported,
        }
    } else if nik.is_none() || known.parties.is_empty() {
        PartyList::NotListed
    } else {
        PartyList::Listed {
            party: known.parties.join(", "),
        }
    };
    let unit_level = match body {
        Body::Ppk => RegionLevel::Kecamatan,
        Body::Pps => RegionLevel::Desa,
    };
    let unit = code_of(&f.kode_wilayah_tugas, unit_level).filter(|u| desk.kabupaten.contains(u));
    let home = if f.kode_desa_domisili.trim().is_empty() {
        code_of(&f.kode_desa, RegionLevel::Desa)
    } else {
        code_of(&f.kode_desa_domisili, RegionLevel::Desa)
    };
    let rules = eligibility::check(
        &desk.round.settings,
        body,
        &eligibility::Applicant {
            birth_date,
            education: Education::parse(&f.pendidikan).ok(),
            unit: unit.as_ref(),
            domicile_desa: home.as_ref(),
            domicile_exception: Some(f.alasan_domisili.as_str()),
            periods_served: continuity::periods_served(
                &draft.previous_service,
                &recorded_service,
                body,
            ),
            party_statement: draft.party_statement(),
            party_list: &party_list,
            misuse_statement: draft.misuse_statement,
        },
    );
    let listed = matches!(party_list, PartyList::Listed { .. });
    let handed = |code: &str| draft.documents.iter().any(|c| c == code);
    let mut documents: Vec<DocumentItem> = desk
        .requirements
        .iter()
        .filter(|r| r.applies_to(draft.former_member(), listed))
        .map(|r| DocumentItem {
            code: r.code.clone(),
            name: r.name.clone(),
            required: r.mandatory,
            received: handed(&r.code),
            contents: crate::domain::round_rules::contents_of(&r.code, &desk.round.settings),
        })
        .collect();
    // Handed over though the round does not ask for it (any more): shown,
    // so that nothing handed over goes unseen.
    for code in &draft.documents {
        if !documents.iter().any(|d| &d.code == code) {
            documents.push(DocumentItem {
                code: code.clone(),
                name: documents::by_code(code).map_or_else(|| code.clone(), |k| k.name.to_string()),
                required: false,
                received: true,
                contents: Vec::new(),
            });
        }
    }

    let acknowledged = warnings.is_empty() || draft.acknowledge_nik_warnings;
    let can_save = problems.is_empty() && duplicate.is_none() && acknowledged;
    let check = RegistrationCheck {
        problems,
        nik_info,
        nik_warnings: warnings.iter().map(NikWarning::message).collect(),
        field_warnings: warnings
            .iter()
            .map(|w| FieldProblem {
                field: w.field().to_string(),
                reason: w.message(),
            })
            .collect(),
        duplicate,
        rules,
        recorded_service,
        documents,
        can_save,
    };
    Judged {
        check,
        valid: match valid {
            Ok(a) if can_save => Some((a, warnings)),
            _ => None,
        },
    }
}
