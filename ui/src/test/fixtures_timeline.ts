// Command results for the stage timeline and registration extensions, shaped
// by the generated bindings.
import type { ExtensionUnit } from "../bindings/ExtensionUnit";
import type { Stage } from "../bindings/Stage";
import type { StageState } from "../bindings/StageState";
import type { Timeline } from "../bindings/Timeline";
import type { TimelineStage } from "../bindings/TimelineStage";
import { STAGE_LABEL } from "../screens/stages";
import { STAGE_ORDER as STAGES } from "./fixtures";

/** Planned dates of a PPK round (both inclusive). */
const SCHEDULE: Record<Stage, [string, string]> = {
  pendaftaran: ["2026-11-20", "2026-11-26"],
  administrasi: ["2026-11-27", "2026-12-03"],
  tertulis: ["2026-12-05", "2026-12-07"],
  wawancara: ["2026-12-09", "2026-12-11"],
  akhir: ["2026-12-12", "2026-12-14"],
  penetapan: ["2026-12-16", "2026-12-18"],
  masa_kerja: ["2026-12-19", "2027-03-31"],
};

interface TimelineOptions {
  /** The stage in progress. */
  current?: Stage;
  /** Whether it has been opened (else it waits for the Pimpinan). */
  open?: boolean;
  /** The core's today (YYYY-MM-DD). */
  today?: string;
  /** Recorded events per stage, as the core words them. */
  events?: Partial<Record<Stage, string[]>>;
}

/**
 * A timeline as the core builds it: stages before `current` are done, the
 * current one runs or waits to be opened, later ones have not started.
 */
export function timeline(options: TimelineOptions = {}): Timeline {
  const { current = "administrasi", open = false, today = "2026-11-28", events = {} } = options;
  const at = STAGES.indexOf(current);
  const stages = STAGES.map((stage, i): TimelineStage => {
    const [starts_on, ends_on] = SCHEDULE[stage];
    const state: StageState = i < at ? "selesai" : i > at ? "belum" : open ? "berjalan" : "menunggu_dibuka";
    const mine = events[stage] ?? [];
    return {
      stage,
      label: STAGE_LABEL[stage],
      starts_on,
      ends_on,
      state,
      today_within: starts_on <= today && today <= ends_on,
      opened: [...mine].reverse().find((e) => !e.startsWith("ditutup")) ?? null,
      closed: state === "selesai" ? ([...mine].reverse().find((e) => e.startsWith("ditutup")) ?? null) : null,
      events: mine,
    };
  });
  return { round_id: 1, round_name: "Pemilu 2024 – PPK", today, stages };
}

/** A unit that registration left short; by default one that needs an extension. */
export function extensionUnit(code: string, label: string, patch: Partial<ExtensionUnit> = {}): ExtensionUnit {
  return {
    unit_code: code,
    unit_label: label,
    quota: 5,
    held: 0,
    seats_left: 5,
    registered: 4,
    needed: 10,
    extensions: 0,
    extended_until: null,
    state: "perlu_perpanjangan",
    next_step: "Perpanjang pendaftaran 3 hari",
    allowed: 2,
    decision: null,
    can_extend: true,
    ...patch,
  };
}

/** Four kecamatan in every state an extension can be in. */
export function extensionUnits(): ExtensionUnit[] {
  return [
    extensionUnit("35.14.02", "Kecamatan Tutur"),
    extensionUnit("35.14.05", "Kecamatan Tosari", {
      registered: 6,
      extensions: 1,
      extended_until: "2026-12-01",
      state: "diperpanjang",
      can_extend: false,
    }),
    extensionUnit("35.14.07", "Kecamatan Lumbang", {
      registered: 3,
      extensions: 1,
      extended_until: "2026-11-27",
      state: "perlu_perpanjangan_lagi",
    }),
    extensionUnit("35.14.09", "Kecamatan Puspo", {
      registered: 7,
      extensions: 1,
      extended_until: "2026-11-27",
      state: "boleh_lanjut",
      can_extend: false,
    }),
  ];
}
