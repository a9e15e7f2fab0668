//! Penelitian administrasi: each required document gets a verdict, and the
//! applicant's administrative verdict (MS / TMS with every reason) follows
//! from those verdicts and the eligibility rules (DOMAIN.md "Documents").

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::documents::Applies;
use crate::domain::eligibility::{RuleResult, Verdict};
use crate::error::{Error, Result};

/// The verdict on one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DocVerdict {
    /// Ada dan sesuai.
    Sesuai,
    /// Ada tetapi tidak sesuai (a reason is required).
    TidakSesuai,
    /// Tidak ada.
    TidakAda,
}

impl DocVerdict {
    pub fn as_str(self) -> &'static str {
        match self {
            DocVerdict::Sesuai => "sesuai",
            DocVerdict::TidakSesuai => "tidak_sesuai",
            DocVerdict::TidakAda => "tidak_ada",
        }
    }

    /// Reads the stored spelling and the ways staff write it in a CSV.
    pub fn parse(s: &str) -> Result<Self> {
        let norm = s.trim().to_lowercase().replace([' ', '-'], "_");
        match norm.as_str() {
            "sesuai" | "ada_dan_sesuai" | "ada" => Ok(DocVerdict::Sesuai),
            "tidak_sesuai" | "ada_tidak_sesuai" => Ok(DocVerdict::TidakSesuai),
            "tidak_ada" | "belum_ada" => Ok(DocVerdict::TidakAda),
            _ => Err(Error::validation(
                "status",
                format!("Status berkas \"{}\" tidak dikenal; tulis sesuai, tidak_sesuai, atau tidak_ada.", crate::domain::text::shown(s)),
            )),
        }
    }
}

/// Common reasons a document is "tidak sesuai", offered by the form.
pub const COMMON_REASONS: [&str; 5] = [
    "Nama tidak sesuai dengan KTP-el",
    "Tidak ditandatangani",
    "Isian tidak lengkap",
    "Tidak terbaca",
    "Masa berlaku habis",
];

/// A document a round asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    pub code: String,
    pub name: String,
    pub mandatory: bool,
    pub applies: Applies,
}

impl Requirement {
    /// Whether it is asked of an applicant with these circumstances.
    pub fn applies_to(&self, former_member: bool, listed: bool) -> bool {
        match self.applies {
            Applies::Always => true,
            Applies::FormerPartyMember => former_member,
            Applies::ListedInPartyList => listed,
        }
    }
}

/// A recorded document verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocCheck {
    pub code: String,
    pub verdict: DocVerdict,
    pub reason: Option<String>,
}

/// Memenuhi Syarat / Tidak Memenuhi Syarat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum AdminVerdict {
    MS,
    TMS,
}

impl AdminVerdict {
    pub fn as_str(self) -> &'static str {
        match self {
            AdminVerdict::MS => "MS",
            AdminVerdict::TMS => "TMS",
        }
    }

    /// `MS` or `TMS` as written (stored, or typed in a file).
    pub fn parse(s: &str) -> Result<Self> {
        match s.trim().to_ascii_uppercase().as_str() {
            "MS" => Ok(AdminVerdict::MS),
            "TMS" => Ok(AdminVerdict::TMS),
            _ => Err(Error::validation(
                "hasil",
                format!("Hasil \"{}\" tidak dikenal; tulis MS atau TMS.", s.trim()),
            )),
        }
    }
}

/// The administrative verdict as derived from the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Derived {
    /// `None` while something is still to be checked or decided.
    pub verdict: Option<AdminVerdict>,
    /// Why TMS: every failed rule and every document missing or not in order.
    pub reasons: Vec<String>,
    /// The same reasons as a document that may be published prints them
    /// ([`crate::domain::eligibility::Rule::printed_failure`]): no party named.
    #[serde(skip)]
    #[ts(skip)]
    pub printed_reasons: Vec<String>,
    /// What is still open: unchecked documents, rules that need a decision.
    pub pending: Vec<String>,
}

/// Derives the verdict: any failed eligibility rule or any applicable,
/// mandatory document that is missing or not in order makes TMS (every
/// reason listed); otherwise, once every such document is "sesuai" and no
/// rule needs review, MS. Optional documents never decide.
pub fn derive(
    requirements: &[Requirement],
    former_member: bool,
    listed: bool,
    checks: &[DocCheck],
    rules: &[RuleResult],
) -> Derived {
    let mut reasons = Vec::new();
    let mut printed_reasons: Vec<String> = Vec::new();
    let mut pending = Vec::new();
    for r in rules {
        match r.verdict {
            Verdict::Pass => {}
            Verdict::Fail => {
                let full = format!("{}: {}", r.rule.label(), r.reason);
                let printed = r
                    .rule
                    .printed_failure()
                    .map_or_else(|| full.clone(), str::to_string);
                if !printed_reasons.contains(&printed) {
                    printed_reasons.push(printed);
                }
                reasons.push(full);
            }
            Verdict::Review => {
                pending.push(format!("{} perlu diputuskan: {}", r.rule.label(), r.reason))
            }
        }
    }
    for req in requirements
        .iter()
        .filter(|q| q.mandatory && q.applies_to(former_member, listed))
    {
        let reason = match checks.iter().find(|c| c.code == req.code) {
            None => {
                pending.push(format!("{} belum diperiksa.", req.name));
                continue;
            }
            Some(c) => match c.verdict {
                DocVerdict::Sesuai => continue,
                DocVerdict::TidakAda => format!("{} tidak ada.", req.name),
                DocVerdict::TidakSesuai => format!(
                    "{} tidak sesuai: {}",
                    req.name,
                    c.reason.as_deref().unwrap_or("tanpa alasan")
                ),
            },
        };
        // A document's reason names the document: printed as it is.
        printed_reasons.push(reason.clone());
        reasons.push(reason);
    }
    let verdict = if !reasons.is_empty() {
        Some(AdminVerdict::TMS)
    } else if pending.is_empty() {
        Some(AdminVerdict::MS)
    } else {
        None
    };
    Derived {
        verdict,
        reasons,
        printed_reasons,
        pending,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::documents::DOCUMENTS;
    use crate::domain::eligibility::Rule;

    fn requirements() -> Vec<Requirement> {
        DOCUMENTS
            .iter()
            .map(|d| Requirement {
                code: d.code.into(),
                name: d.name.into(),
                mandatory: true,
                applies: d.applies,
            })
            .collect()
    }

    fn all_in_order() -> Vec<DocCheck> {
        DOCUMENTS
            .iter()
            .take(6)
            .map(|d| DocCheck {
                code: d.code.into(),
                verdict: DocVerdict::Sesuai,
                reason: None,
            })
            .collect()
    }

    fn pass(rule: Rule) -> RuleResult {
        RuleResult {
            rule,
            verdict: Verdict::Pass,
            reason: "ok".into(),
        }
    }

    #[test]
    fn every_document_in_order_and_every_rule_passed_is_ms() {
        let d = derive(
            &requirements(),
            false,
            false,
            &all_in_order(),
            &[pass(Rule::Usia)],
        );
        assert_eq!(d.verdict, Some(AdminVerdict::MS));
        assert!(d.reasons.is_empty() && d.pending.is_empty());
    }

    #[test]
    fn each_failure_is_a_reason_and_all_are_listed() {
        let mut checks = all_in_order();
        checks[2].verdict = DocVerdict::TidakAda;
        checks[4] = DocCheck {
            code: "surat_pernyataan".into(),
            verdict: DocVerdict::TidakSesuai,
            reason: Some("Tidak ditandatangani".into()),
        };
        let rules = [RuleResult {
            rule: Rule::Usia,
            verdict: Verdict::Fail,
            reason: "Berusia 16 tahun.".into(),
        }];
        let d = derive(&requirements(), false, false, &checks, &rules);
        assert_eq!(d.verdict, Some(AdminVerdict::TMS));
        assert_eq!(
            d.reasons,
            [
                "Usia: Berusia 16 tahun.",
                "Fotokopi KTP-el tidak ada.",
                "Surat pernyataan tidak sesuai: Tidak ditandatangani"
            ]
        );
    }

    #[test]
    fn a_printed_reason_never_names_the_party() {
        let fail = |rule, reason: &str| RuleResult {
            rule,
            verdict: Verdict::Fail,
            reason: reason.into(),
        };
        let rules = [
            fail(Rule::Usia, "Berusia 16 tahun."),
            fail(
                Rule::StatusPartai,
                "Keluar dari partai politik tahun 2021, baru 1 tahun sebelum tanggal acuan; paling sedikit 5 tahun.",
            ),
            fail(
                Rule::KeanggotaanPartai,
                "NIK tercatat sebagai anggota Partai Contoh Sejahtera. Bila dicatut tanpa persetujuan, lampirkan surat pernyataan bermeterai.",
            ),
        ];
        let mut checks = all_in_order();
        checks[2].verdict = DocVerdict::TidakAda;
        let d = derive(&requirements(), false, false, &checks, &rules);
        assert_eq!(d.verdict, Some(AdminVerdict::TMS));
        // The screens keep the party for staff and the plenary.
        assert!(
            d.reasons[2].contains("Partai Contoh Sejahtera"),
            "{:?}",
            d.reasons
        );
        assert_eq!(
            d.printed_reasons,
            [
                "Usia: Berusia 16 tahun.",
                "Tidak memenuhi syarat keanggotaan partai politik.",
                "Fotokopi KTP-el tidak ada."
            ]
        );
        // Without a party rule failed, what is printed is what is shown.
        let d = derive(&requirements(), false, false, &checks, &rules[..1]);
        assert_eq!(d.printed_reasons, d.reasons);
    }

    #[test]
    fn unchecked_documents_and_rules_under_review_leave_it_open() {
        let mut checks = all_in_order();
        checks.pop();
        let d = derive(&requirements(), false, false, &checks, &[]);
        assert_eq!(d.verdict, None);
        assert_eq!(d.pending, ["Surat keterangan sehat belum diperiksa."]);
        let review = [RuleResult {
            rule: Rule::KeanggotaanPartai,
            verdict: Verdict::Review,
            reason: "Ada surat pernyataan.".into(),
        }];
        let d = derive(&requirements(), false, false, &all_in_order(), &review);
        assert_eq!(d.verdict, None);
        assert_eq!(d.pending.len(), 1);
    }

    #[test]
    fn conditional_and_optional_documents() {
        // A former member also owes the party's letter.
        let d = derive(&requirements(), true, false, &all_in_order(), &[]);
        assert_eq!(d.verdict, None);
        assert!(d.pending[0].starts_with("Surat keterangan dari partai politik"));
        // An optional document never decides.
        let mut reqs = requirements();
        reqs[5].mandatory = false;
        let mut checks = all_in_order();
        checks[5].verdict = DocVerdict::TidakAda;
        assert_eq!(
            derive(&reqs, false, false, &checks, &[]).verdict,
            Some(AdminVerdict::MS)
        );
    }

    #[test]
    fn verdict_spellings() {
        assert_eq!(
            DocVerdict::parse("Ada dan sesuai").unwrap(),
            DocVerdict::Sesuai
        );
        assert_eq!(
            DocVerdict::parse("tidak sesuai").unwrap(),
            DocVerdict::TidakSesuai
        );
        assert_eq!(
            DocVerdict::parse("TIDAK_ADA").unwrap(),
            DocVerdict::TidakAda
        );
        assert!(DocVerdict::parse("mungkin").is_err());
    }
}
