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
export const canRegister = (r: Role) => r === "operator";
export const canSeeVerification = (r: Role) => r === "verifikator" || r === "pimpinan" || r === "administrator";
export const canVerify = (r: Role) => r === "verifikator";
