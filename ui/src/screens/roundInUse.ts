// The round in use: the one a user last chose on any page (Pendaftar,
// Penelitian berkas, Seleksi), remembered per user on this computer; until
// they choose, the one the core proposes (HomeView.round_in_use).
import type { RoundSummary } from "../bindings/RoundSummary";

const key = (username: string) => `seleksi-adhoc:seleksi-dipakai:${username}`;

/** Remembers `roundId` as `username`'s round in use. */
export function rememberRound(username: string, roundId: number): void {
  try {
    window.localStorage.setItem(key(username), String(roundId));
  } catch {
    // Storage full or off: the choice lasts for this page only.
  }
}

/** The round to open: the remembered one when it still exists, else the core's proposal, else the first. */
export function roundInUse(username: string, rounds: RoundSummary[], proposed: number | null): RoundSummary | undefined {
  let remembered: number | null = null;
  try {
    const stored = window.localStorage.getItem(key(username));
    remembered = stored === null ? null : Number(stored);
  } catch {
    remembered = null;
  }
  return (
    rounds.find((r) => r.id === remembered) ?? rounds.find((r) => r.id === proposed) ?? rounds[0]
  );
}
