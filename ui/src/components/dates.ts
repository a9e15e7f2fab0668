// Dates as staff type and read them (DD-MM-YYYY, Indonesian month names,
// weeks from Senin) and as the core takes them (ISO YYYY-MM-DD). Only the
// conversion between the two lives here; which dates are allowed is the
// core's business.

export const MONTHS = [
  "Januari",
  "Februari",
  "Maret",
  "April",
  "Mei",
  "Juni",
  "Juli",
  "Agustus",
  "September",
  "Oktober",
  "November",
  "Desember",
] as const;

/** Monday first, as Indonesian calendars print them. */
export const WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"] as const;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The ISO date of a calendar day, or null when there is no such day (31-02). */
function isoOf(y: number, m: number, d: number): string | null {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  const probe = new Date(Date.UTC(y, m - 1, d));
  if (probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return null;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Whether `value` is a real date written YYYY-MM-DD (what the core takes). */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return !!m && isoOf(Number(m[1]), Number(m[2]), Number(m[3])) === value;
}

/**
 * The ISO date a typed text names, or null. Takes DD-MM-YYYY and its
 * everyday variants (5-3-2026, 05/03/2026, 5.3.2026, 05 03 2026, 05032026)
 * and YYYY-MM-DD; the day always comes first unless the year does.
 */
export function parseDate(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/.exec(t);
  if (m) return isoOf(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{2})(\d{2})(\d{4})$/.exec(t);
  if (m) return isoOf(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/** A date as staff read it, DD-MM-YYYY; text that names no date is shown as it is. */
export function shownDate(value: string): string {
  const iso = parseDate(value);
  if (!iso) return value;
  const [y, m, d] = iso.split("-");
  return `${d}-${m}-${y}`;
}

/** A date in words: "5 Maret 2026". */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

/**
 * The dashes put in while a date is typed as digits: "05" becomes "05-",
 * "05-03" becomes "05-03-", "0503" becomes "05-03-". Deleting is never
 * undone, a separator typed right after one put in is not doubled (and a
 * slash there becomes a dash), and text that is not DD-MM-YYYY being typed
 * (a pasted date, 5/3/2026, 5-3-2026) is left as it is.
 */
export function assistTyping(before: string, after: string): string {
  const typedOne = after.length === before.length + 1 && after.startsWith(before);
  if (!typedOne) return after;
  if (/^\d{2}-?[-/. ]$/.test(after)) return `${after.slice(0, 2)}-`;
  if (/^\d{2}-\d{2}-?[-/. ]$/.test(after)) return `${after.slice(0, 5)}-`;
  if (!/^(\d{2}-){0,2}\d+$/.test(after)) return after;
  const d = after.replace(/-/g, "").slice(0, 8);
  if (d.length < 2) return d;
  if (d.length < 4) return `${d.slice(0, 2)}-${d.slice(2)}`;
  return `${d.slice(0, 2)}-${d.slice(2, 4)}-${d.slice(4)}`;
}

/** Message for a date field holding text that names no date. */
export function unreadableDate(value: string): string | null {
  if (value.trim() === "" || isIsoDate(value)) return null;
  return `Tanggal "${value.trim()}" tidak terbaca; tulis DD-MM-YYYY, mis. 05-03-2026.`;
}

/** Today on this computer, YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const asUtc = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
};
const fromUtc = (t: Date) => `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;

/** `iso` moved by `days` (negative: back). */
export function addDays(iso: string, days: number): string {
  const t = asUtc(iso);
  t.setUTCDate(t.getUTCDate() + days);
  return fromUtc(t);
}

/** `iso` moved by `months`, on the same day or the month's last if it has fewer. */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  const first = new Date(Date.UTC(y!, m! - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d!, last));
  return fromUtc(first);
}

/** 0 for Senin … 6 for Minggu. */
export function weekdayIndex(iso: string): number {
  return (asUtc(iso).getUTCDay() + 6) % 7;
}

/** The six weeks (Senin to Minggu) shown for the month of `iso`. */
export function monthGrid(iso: string): string[][] {
  const first = `${iso.slice(0, 7)}-01`;
  let day = addDays(first, -weekdayIndex(first));
  const weeks: string[][] = [];
  for (let w = 0; w < 6; w++) {
    const week: string[] = [];
    for (let i = 0; i < 7; i++) {
      week.push(day);
      day = addDays(day, 1);
    }
    weeks.push(week);
  }
  return weeks;
}
