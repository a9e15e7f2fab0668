import type { Role } from "../bindings/Role";

export const ROLE_LABEL: Record<Role, string> = {
  administrator: "Administrator",
  operator: "Operator",
  verifikator: "Verifikator",
  pimpinan: "Pimpinan",
};

export const ROLES: Role[] = ["administrator", "operator", "verifikator", "pimpinan"];

// What the UI shows to whom. The core decides what is allowed
// (src/domain/permission.rs); this only hides what a role cannot use.
export const canManageAccounts = (r: Role) => r === "administrator";
export const canManageRounds = (r: Role) => r === "administrator";
export const canReadAudit = (r: Role) => r === "administrator" || r === "pimpinan";
/** Backups and restore (the restore replaces the whole database). */
export const canManageBackups = (r: Role) => r === "administrator";
/** The documents' settings: the Pimpinan reads them, the Administrator changes them. */
export const canSeeDocumentSettings = (r: Role) => r === "administrator" || r === "pimpinan";
export const canRegister = (r: Role) => r === "operator";
export const canSeeVerification = (r: Role) => r === "verifikator" || r === "pimpinan" || r === "administrator";
export const canVerify = (r: Role) => r === "verifikator";
/** Scans are attached at the help desk and by verifiers. */
export const canAttachScans = (r: Role) => r === "operator" || r === "verifikator";
/** The chair closes the stage in progress; its results are then frozen. */
export const canCloseStages = (r: Role) => r === "pimpinan";
/** Only an Administrator reopens a closed stage, with a reason. */
export const canReopenStages = (r: Role) => r === "administrator";
/** Verifiers enter written-test and interview scores. */
export const canEnterScores = (r: Role) => r === "verifikator";
/**
 * The chair records the commission's plenary decisions: registration
 * extensions, the order of a tie, the outcome of a public response, a PAW.
 */
export const canDecidePlenary = (r: Role) => r === "pimpinan";
