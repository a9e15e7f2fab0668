// The only way the UI talks to the core: typed Tauri commands. A command name
// or argument that does not exist fails to compile.
import { invoke } from "@tauri-apps/api/core";

import type { AboutInfo } from "../bindings/AboutInfo";
import type { ErrorPayload } from "../bindings/ErrorPayload";
import type { HomeView } from "../bindings/HomeView";
import type { KabupatenChoice } from "../bindings/KabupatenChoice";
import type { NewAccount } from "../bindings/NewAccount";
import type { PresetChoice } from "../bindings/PresetChoice";
import type { RoundDraft } from "../bindings/RoundDraft";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { Session } from "../bindings/Session";
import type { SetupStatus } from "../bindings/SetupStatus";
import type { UnitQuotaList } from "../bindings/UnitQuotaList";

/** Every command of the desktop shell: its arguments and its result. */
export interface Commands {
  setup_status: { args: Record<string, never>; result: SetupStatus };
  search_kabupaten: { args: { query: string }; result: KabupatenChoice[] };
  complete_first_run: { args: { kabupaten: string | null; admin: NewAccount }; result: Session };
  login: { args: { username: string; password: string }; result: Session };
  logout: { args: Record<string, never>; result: null };
  current_session: { args: Record<string, never>; result: Session | null };
  home: { args: { election: string | null }; result: HomeView };
  about: { args: Record<string, never>; result: AboutInfo };
  round_presets: { args: Record<string, never>; result: PresetChoice[] };
  create_round: { args: { draft: RoundDraft }; result: RoundSummary };
  unit_quotas: { args: { roundId: number }; result: UnitQuotaList };
  set_unit_quota: {
    args: { roundId: number; unitCode: string; quota: number | null; reason: string };
    result: UnitQuotaList;
  };
}

export type CommandName = keyof Commands;

/** Calls a command. Failures are thrown as an {@link ErrorPayload}. */
export async function call<K extends CommandName>(
  command: K,
  ...args: Commands[K]["args"] extends Record<string, never> ? [] : [Commands[K]["args"]]
): Promise<Commands[K]["result"]> {
  try {
    return await invoke<Commands[K]["result"]>(command, args[0] ?? {});
  } catch (e) {
    throw toErrorPayload(e);
  }
}

export function isErrorPayload(e: unknown): e is ErrorPayload {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** Whatever was thrown, as something with a message staff can read. */
export function toErrorPayload(e: unknown): ErrorPayload {
  if (isErrorPayload(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return { code: "internal", message: `Terjadi kesalahan tak terduga: ${message}`, field: null };
}

export type { ErrorPayload };
