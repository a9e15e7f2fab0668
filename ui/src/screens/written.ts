// What the user is told about a file the app wrote and opened.
import type { Written } from "../api";

/**
 * "Tanda terima disimpan di X dan dibuka di penampil PDF." — or, when no
 * viewer could be started, where the file is and what to do.
 */
export function writtenText(what: string, w: Written): string {
  return w.not_opened ? `${what} disimpan di ${w.path}. ${w.not_opened}` : `${what} disimpan di ${w.path} dan dibuka.`;
}
