import { call } from "../api";
import type { CardFilter } from "../bindings/CardFilter";

/** No condition: every participant's card. */
export const ALL_CARDS: CardFilter = {
  applicant_id: null,
  number: null,
  unit: null,
  session_id: null,
  venue_id: null,
};

/**
 * Makes participant cards (the core refuses while someone chosen has no
 * number or seat), asks where to save them and opens the file; returns
 * what to tell the user.
 */
export async function printCards(roundId: number, filter: CardFilter, onePerPage: boolean): Promise<string> {
  const written = await call("export_participant_cards", { roundId, filter, onePerPage });
  if (written === null) return "Pencetakan kartu dibatalkan; tidak ada berkas yang disimpan.";
  const opened = written.not_opened ? ` ${written.not_opened}` : "";
  return `Kartu peserta disimpan di ${written.path}.${opened}`;
}
