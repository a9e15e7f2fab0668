import type { Role } from "../bindings/Role";

// How roles are named on screen. Who may do what is not decided here: the
// session lists its operations (see may.ts).
export const ROLE_LABEL: Record<Role, string> = {
  administrator: "Administrator",
  operator: "Operator",
  verifikator: "Verifikator",
  pimpinan: "Pimpinan",
};

export const ROLES: Role[] = ["administrator", "operator", "verifikator", "pimpinan"];
