//! Who may do what: the one table of roles and operations, and the
//! [`Session`] of whoever is acting. Services call [`Session::require`]
//! with an [`Operation`] before reading or writing anything; the UI
//! receives a [`SessionView`] listing the operations the session may
//! perform and only hides what is not listed.

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
/// the role before touching anything. Not sent to the UI as it is: the UI
/// receives its [`SessionView`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// `None` for the command line, which acts as the installation itself.
    pub user_id: Option<i64>,
    pub username: String,
    pub full_name: String,
    pub role: Role,
    /// The `adhoc` command line: it acts as the installation itself and may
    /// do everything (whoever can run it holds the database file anyway);
    /// its changes are still audited under `cli:<os user>`.
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

    /// Whether this session may perform `op`: what [`allowed`] grants its
    /// role, or everything for the command line.
    pub fn may(&self, op: Operation) -> bool {
        self.command_line || allowed(self.role, op)
    }

    /// The operations this session may perform, in the order of [`Operation::ALL`].
    pub fn operations(&self) -> Vec<Operation> {
        Operation::ALL
            .into_iter()
            .filter(|op| self.may(*op))
            .collect()
    }

    /// The session as the UI receives it.
    pub fn view(&self) -> SessionView {
        SessionView {
            user_id: self.user_id,
            username: self.username.clone(),
            full_name: self.full_name.clone(),
            role: self.role,
            operations: self.operations(),
        }
    }

    /// Refuses unless the session's role may perform `op` (see
    /// [`crate::domain::permission::allowed`]).
    pub fn require(&self, op: Operation) -> Result<()> {
        if self.may(op) {
            Ok(())
        } else {
            Err(Error::Forbidden {
                role: self.role.label().to_string(),
                action: op.describe().to_string(),
            })
        }
    }
}

/// The logged-in session as the UI receives it: who it is and the
/// operations the core lets them perform, so that the UI asks this list
/// instead of repeating the table of [`allowed`].
// Named `Session` in the TypeScript bindings: the UI knows no other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "Session")]
pub struct SessionView {
    /// `None` for the command line, which acts as the installation itself.
    #[ts(type = "number | null")]
    pub user_id: Option<i64>,
    pub username: String,
    pub full_name: String,
    pub role: Role,
    /// What this session may do, in the order of [`Operation::ALL`].
    pub operations: Vec<Operation>,
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

    fn staff(role: Role) -> Session {
        Session {
            user_id: Some(7),
            username: "petugas".into(),
            full_name: "Petugas Uji".into(),
            role,
            command_line: false,
        }
    }

    /// The UI shows what the view lists, so the list must be the table.
    #[test]
    fn the_view_lists_exactly_what_allowed_grants() {
        for role in Role::ALL {
            let view = staff(role).view();
            let granted: Vec<Operation> = Operation::ALL
                .into_iter()
                .filter(|op| allowed(role, *op))
                .collect();
            assert_eq!(view.operations, granted, "{role:?}");
            for op in Operation::ALL {
                assert_eq!(
                    view.operations.contains(&op),
                    allowed(role, op),
                    "{role:?} {op:?}"
                );
            }
            assert_eq!(
                (
                    view.user_id,
                    view.username.as_str(),
                    view.full_name.as_str(),
                    view.role
                ),
                (Some(7), "petugas", "Petugas Uji", role)
            );
        }
        // The command line may do everything, whatever its role says.
        assert_eq!(Session::cli().view().operations, Operation::ALL.to_vec());
    }

    #[test]
    fn the_view_is_sent_with_snake_case_operations() {
        let json = serde_json::to_value(staff(Role::Operator).view()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "user_id": 7,
                "username": "petugas",
                "full_name": "Petugas Uji",
                "role": "operator",
                "operations": ["register_applicants", "record_documents", "read"],
            })
        );
    }

    /// Writes each role's operations, as a logged-in view lists them, for
    /// the UI tests (`ui/src/test/permissions.ts`), so that their sessions
    /// carry the core's table rather than a copy. Like the bindings, the
    /// file is committed and CI checks it is what this test writes.
    #[test]
    fn writes_the_operations_of_each_role_for_the_ui_tests() {
        let mut ts = String::from(
            "// Generated by `cargo test -p adhoc` from the table `allowed` in src/domain/permission.rs.\n\
             // Do not edit this file manually.\n\
             import type { Operation } from \"../bindings/Operation\";\n\
             import type { Role } from \"../bindings/Role\";\n\
             \n\
             /** The operations the core grants each role (what a logged-in session lists). */\n\
             export const OPERATIONS: Record<Role, Operation[]> = {\n",
        );
        for role in Role::ALL {
            let ops: Vec<String> = staff(role)
                .view()
                .operations
                .iter()
                .map(|op| serde_json::to_string(op).unwrap())
                .collect();
            ts.push_str(&format!("  {}: [{}],\n", role.as_str(), ops.join(", ")));
        }
        ts.push_str("};\n");
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/ui/src/test/permissions.ts");
        if std::fs::read_to_string(path).ok().as_deref() != Some(ts.as_str()) {
            std::fs::write(path, ts).unwrap();
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
