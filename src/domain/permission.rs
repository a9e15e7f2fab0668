//! Who may do what: the one table of roles and operations, and the
//! [`Session`] of whoever is acting. Services call [`Session::require`]
//! with an [`Operation`] before reading or writing anything; the UI only
//! hides what a role cannot do.

use serde::Serialize;
use ts_rs::TS;

use crate::domain::account::Role;
use crate::error::{Error, Result};

/// Classes of operations, each checked in the core.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Operation {
    /// Create, deactivate, unlock accounts; reset passwords; change roles.
    ManageAccounts,
    /// Create rounds, change their settings and quotas, app settings.
    ManageRounds,
    /// Reopen a closed stage.
    UnlockStages,
    /// Register and edit applicants at the help desk.
    RegisterApplicants,
    /// Record documents received at the help desk.
    RecordDocuments,
    /// Give document verdicts and the administrative verdict.
    VerifyDocuments,
    /// Enter written-test and interview scores.
    EnterScores,
    /// Record public responses (tanggapan masyarakat).
    RecordResponses,
    /// Open and close a stage.
    CloseStages,
    /// Record the commission's plenary decisions: registration extensions,
    /// the order of a tie, the outcome of a public response, a PAW.
    PlenaryDecisions,
    /// Sign off announcements.
    SignAnnouncements,
    /// Read the audit trail and export it.
    ReadAudit,
    /// Take a backup to a chosen folder and restore one.
    ManageBackups,
    /// Read rounds, applicants, results (every role).
    Read,
}

impl Operation {
    pub const ALL: [Operation; 14] = [
        Operation::ManageAccounts,
        Operation::ManageRounds,
        Operation::UnlockStages,
        Operation::RegisterApplicants,
        Operation::RecordDocuments,
        Operation::VerifyDocuments,
        Operation::EnterScores,
        Operation::RecordResponses,
        Operation::CloseStages,
        Operation::PlenaryDecisions,
        Operation::SignAnnouncements,
        Operation::ReadAudit,
        Operation::ManageBackups,
        Operation::Read,
    ];

    /// What the operation is, in the words of a refusal ("... tidak berwenang untuk ...").
    pub fn describe(self) -> &'static str {
        match self {
            Operation::ManageAccounts => "mengelola akun petugas",
            Operation::ManageRounds => "mengelola seleksi dan pengaturannya",
            Operation::UnlockStages => "membuka kembali tahapan yang sudah ditutup",
            Operation::RegisterApplicants => "mendaftarkan atau mengubah data pendaftar",
            Operation::RecordDocuments => "mencatat berkas yang diterima",
            Operation::VerifyDocuments => "memberi hasil penelitian berkas",
            Operation::EnterScores => "memasukkan nilai tes",
            Operation::RecordResponses => "mencatat tanggapan masyarakat",
            Operation::CloseStages => "membuka dan menutup tahapan",
            Operation::PlenaryDecisions => "mencatat keputusan rapat pleno",
            Operation::SignAnnouncements => "mengesahkan pengumuman",
            Operation::ReadAudit => "melihat jejak audit",
            Operation::ManageBackups => "mencadangkan dan memulihkan database",
            Operation::Read => "melihat data",
        }
    }
}

/// Whether `role` may perform `op`.
pub fn allowed(role: Role, op: Operation) -> bool {
    use Operation::*;
    match role {
        Role::Administrator => matches!(
            op,
            ManageAccounts | ManageRounds | UnlockStages | ReadAudit | ManageBackups | Read
        ),
        Role::Operator => matches!(op, RegisterApplicants | RecordDocuments | Read),
        Role::Verifikator => matches!(op, VerifyDocuments | EnterScores | RecordResponses | Read),
        Role::Pimpinan => matches!(
            op,
            CloseStages | PlenaryDecisions | SignAnnouncements | ReadAudit | Read
        ),
    }
}

/// Who is acting. Every service that reads or writes takes one and checks
/// the role before touching anything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Session {
    /// `None` for the command line, which acts as the installation itself.
    #[ts(type = "number | null")]
    pub user_id: Option<i64>,
    pub username: String,
    pub full_name: String,
    pub role: Role,
    /// The `adhoc` command line: it acts as the installation itself and may
    /// do everything (whoever can run it holds the database file anyway);
    /// its changes are still audited under `cli:<os user>`.
    #[serde(skip)]
    #[ts(skip)]
    pub command_line: bool,
}

impl Session {
    /// The actor of the `adhoc` command line: whoever can run it on this
    /// machine already holds the database file. Audit entries name the
    /// operating-system account that ran it (`cli:budi`).
    pub fn cli() -> Session {
        let os_user = std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "tidak-diketahui".into());
        Session {
            user_id: None,
            username: format!("cli:{os_user}"),
            full_name: format!("Baris perintah ({os_user})"),
            role: Role::Administrator,
            command_line: true,
        }
    }

    /// Refuses unless the session's role may perform `op` (see
    /// [`crate::domain::permission::allowed`]).
    pub fn require(&self, op: Operation) -> Result<()> {
        if self.command_line || allowed(self.role, op) {
            Ok(())
        } else {
            Err(Error::Forbidden {
                role: self.role.label().to_string(),
                action: op.describe().to_string(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Operation::*;

    #[test]
    fn require_checks_the_role() {
        let s = Session {
            role: Role::Operator,
            command_line: false,
            ..Session::cli()
        };
        s.require(RegisterApplicants).unwrap();
        let err = s.require(ManageRounds).unwrap_err();
        assert_eq!(err.code(), "forbidden");
        assert_eq!(
            err.to_string(),
            "Peran Anda (Operator) tidak berwenang untuk mengelola seleksi dan pengaturannya."
        );
    }

    /// The whole matrix, written out once more so that any change to
    /// `allowed` must be made twice, on purpose.
    #[test]
    fn the_role_matrix() {
        let expected: &[(Role, &[Operation])] = &[
            (
                Role::Administrator,
                &[
                    ManageAccounts,
                    ManageRounds,
                    UnlockStages,
                    ReadAudit,
                    ManageBackups,
                    Read,
                ],
            ),
            (Role::Operator, &[RegisterApplicants, RecordDocuments, Read]),
            (
                Role::Verifikator,
                &[VerifyDocuments, EnterScores, RecordResponses, Read],
            ),
            (
                Role::Pimpinan,
                &[
                    CloseStages,
                    PlenaryDecisions,
                    SignAnnouncements,
                    ReadAudit,
                    Read,
                ],
            ),
        ];
        for (role, ops) in expected {
            for op in Operation::ALL {
                assert_eq!(allowed(*role, op), ops.contains(&op), "{role:?} {op:?}");
            }
        }
    }

    #[test]
    fn pimpinan_is_read_only_except_closing_and_signing() {
        let writes = [
            ManageAccounts,
            ManageRounds,
            UnlockStages,
            RegisterApplicants,
            RecordDocuments,
            VerifyDocuments,
            EnterScores,
            RecordResponses,
            ManageBackups,
        ];
        assert!(writes.iter().all(|op| !allowed(Role::Pimpinan, *op)));
    }
}
