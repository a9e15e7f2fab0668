// What the PAW panel's parts share: words for people and departures, and the shape of what is shown.

import { angka } from "../../api/format";
import type { LeaveCause } from "../../bindings/LeaveCause";
import type { PawEvent } from "../../bindings/PawEvent";
import type { Person } from "../../bindings/Person";
import type { UnitMembers } from "../../bindings/UnitMembers";

/** The causes of a departure in the order staff meet them. */
export const CAUSES: LeaveCause[] = ["meninggal", "mengundurkan_diri", "berhalangan_tetap", "diberhentikan"];

export const CAUSE_LABEL: Record<LeaveCause, string> = {
  meninggal: "Meninggal dunia",
  mengundurkan_diri: "Mengundurkan diri",
  berhalangan_tetap: "Berhalangan tetap",
  diberhentikan: "Diberhentikan",
};

export const SEX_LABEL: Record<string, string> = { L: "Laki-laki", P: "Perempuan" };

/** The unit has had a departure, settled or waiting. */
export const hasPaw = (u: UnitMembers) => u.pending !== null || u.history.length > 0;

/** The departure waiting for its replacement, if any. */
export const pendingEvent = (u: UnitMembers): PawEvent | null =>
  u.pending === null ? null : (u.history.find((e) => e.id === u.pending) ?? null);

export const rank = (p: Person) => (p.position === null ? "–" : angka(p.position));
/** A member as lists name them: the registration number, or the mark of a seat holder ("Penunjukan"). */
export const who = (p: Person) => `${p.full_name} (${p.source_label ?? p.reg_number})`;

/** A unit as listed: open onto its tables, or folded. */
export interface UnitView {
  unit: UnitMembers;
  open: boolean;
}

/** A kecamatan of a PPS round as listed, with its desa/kelurahan. */
export interface GroupView {
  code: string;
  name: string;
  /** Desa/kelurahan of the kecamatan in the round. */
  total: number;
  /** The desa shown (search and filter applied), attention first. */
  units: UnitView[];
  open: boolean;
}

/** What a unit card, or a kecamatan group of them, takes from the panel. */
export interface CardProps {
  idPrefix: string;
  mayAct: boolean;
  onToggle: (key: string, now: boolean) => void;
  onLeave: (unit: UnitMembers, member: Person) => void;
  onConfirm: (unit: UnitMembers) => void;
}
