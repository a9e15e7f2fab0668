//! The documents (berkas) an applicant hands in (DOMAIN.md "Documents").
//! Each has a stable code; the help desk records which ones it received,
//! and the receipt lists them.

use serde::Serialize;
use ts_rs::TS;

/// When a document is required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Applies {
    /// From every applicant.
    Always,
    /// From a former party member: a letter from the party.
    FormerPartyMember,
    /// From an applicant whose NIK is in the party list: a stamped statement
    /// that the party used it without consent.
    ListedInPartyList,
}

impl Applies {
    /// Database spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Applies::Always => "always",
            Applies::FormerPartyMember => "former_party_member",
            Applies::ListedInPartyList => "listed_in_party_list",
        }
    }

    /// Reads the database spelling (anything unknown applies always).
    pub fn from_db(s: &str) -> Self {
        match s {
            "former_party_member" => Applies::FormerPartyMember,
            "listed_in_party_list" => Applies::ListedInPartyList,
            _ => Applies::Always,
        }
    }
}

/// A document requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DocumentKind {
    pub code: &'static str,
    pub name: &'static str,
    pub applies: Applies,
}

/// The documents of DOMAIN.md, in the order staff check them.
pub const DOCUMENTS: [DocumentKind; 8] = [
    DocumentKind {
        code: "surat_pendaftaran",
        name: "Surat pendaftaran",
        applies: Applies::Always,
    },
    DocumentKind {
        code: "drh",
        name: "Daftar riwayat hidup dengan pas foto 4x6 berwarna",
        applies: Applies::Always,
    },
    DocumentKind {
        code: "ktp",
        name: "Fotokopi KTP-el",
        applies: Applies::Always,
    },
    DocumentKind {
        code: "ijazah",
        name: "Fotokopi ijazah terakhir",
        applies: Applies::Always,
    },
    DocumentKind {
        code: "surat_pernyataan",
        name: "Surat pernyataan",
        applies: Applies::Always,
    },
    DocumentKind {
        code: "surat_sehat",
        name: "Surat keterangan sehat",
        applies: Applies::Always,
    },
    DocumentKind {
        code: "surat_partai",
        name: "Surat keterangan dari partai politik (mantan anggota)",
        applies: Applies::FormerPartyMember,
    },
    DocumentKind {
        code: "pernyataan_dicatut",
        name: "Surat pernyataan bermeterai bahwa NIK dicatut partai politik",
        applies: Applies::ListedInPartyList,
    },
];

/// The requirement with this code.
pub fn by_code(code: &str) -> Option<&'static DocumentKind> {
    DOCUMENTS.iter().find(|d| d.code == code)
}

/// The documents asked of one applicant.
pub fn required(former_member: bool, listed: bool) -> Vec<&'static DocumentKind> {
    DOCUMENTS
        .iter()
        .filter(|d| match d.applies {
            Applies::Always => true,
            Applies::FormerPartyMember => former_member,
            Applies::ListedInPartyList => listed,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditional_documents_are_asked_only_when_they_apply() {
        assert_eq!(required(false, false).len(), 6);
        let former = required(true, false);
        assert!(former.iter().any(|d| d.code == "surat_partai"));
        assert!(!former.iter().any(|d| d.code == "pernyataan_dicatut"));
        assert_eq!(required(true, true).len(), 8);
        assert_eq!(by_code("ktp").unwrap().name, "Fotokopi KTP-el");
        assert!(by_code("paspor").is_none());
    }
}
