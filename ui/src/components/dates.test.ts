import { describe, expect, it } from "vitest";

import { addMonths, assistTyping, isIsoDate, monthGrid, parseDate, shownDate, todayIso, unreadableDate } from "./dates";

/** Types `keys` one at a time into an empty box, as the input would see them. */
function typeInto(keys: string): string {
  let text = "";
  for (const k of keys) text = assistTyping(text, text + k);
  return text;
}

describe("dates", () => {
  it("reads DD-MM-YYYY and its everyday variants, day first", () => {
    for (const typed of ["05-03-2026", "5-3-2026", "05/03/2026", "5/3/2026", "5.3.2026", "05 03 2026", "05032026", "2026-03-05", " 05-03-2026 "]) {
      expect(parseDate(typed), typed).toBe("2026-03-05");
    }
    expect(parseDate("29-02-2024")).toBe("2024-02-29");
  });

  it("reads no day that does not exist, and no half date", () => {
    for (const typed of ["31-02-2026", "29-02-2025", "00-03-2026", "05-13-2026", "05-03-26", "05-03", "", "kemarin", "2026-3"]) {
      expect(parseDate(typed), typed).toBeNull();
    }
    expect(isIsoDate("2026-02-31")).toBe(false);
    expect(isIsoDate("2026-03-05")).toBe(true);
    expect(unreadableDate("05-03-20")).toBe('Tanggal "05-03-20" tidak terbaca; tulis DD-MM-YYYY, mis. 05-03-2026.');
    expect(unreadableDate("")).toBeNull();
    expect(unreadableDate("2026-03-05")).toBeNull();
  });

  it("shows a date DD-MM-YYYY, and other text as it is", () => {
    expect(shownDate("2026-03-05")).toBe("05-03-2026");
    expect(shownDate("5/3/2026")).toBe("05-03-2026");
    expect(shownDate("31-02-2026")).toBe("31-02-2026");
    expect(shownDate("")).toBe("");
  });

  it("puts the dashes in while digits are typed", () => {
    expect(typeInto("05032026")).toBe("05-03-2026");
    // Typing the dashes too does not double them; a slash becomes a dash.
    expect(typeInto("05-03-2026")).toBe("05-03-2026");
    expect(typeInto("05/03/2026")).toBe("05-03-2026");
    // One-digit day and month are left as typed (and still read).
    expect(typeInto("5-3-2026")).toBe("5-3-2026");
    expect(typeInto("5/3/2026")).toBe("5/3/2026");
    // No more than a date.
    expect(typeInto("050320261")).toBe("05-03-2026");
    // Deleting is never undone: the dash just put in can be removed.
    expect(assistTyping("05-", "05")).toBe("05");
    // A pasted date is kept as pasted.
    expect(assistTyping("", "2026-03-05")).toBe("2026-03-05");
  });

  it("moves by months onto the last day when the month is shorter", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2026-03-05", -3)).toBe("2025-12-05");
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
  });

  it("lays a month out in weeks from Senin", () => {
    const weeks = monthGrid("2026-03-17");
    // 1 March 2026 is a Sunday: its week starts on Monday 23 February.
    expect(weeks[0]![0]).toBe("2026-02-23");
    expect(weeks[0]![6]).toBe("2026-03-01");
    expect(weeks).toHaveLength(6);
    expect(weeks.flat()).toContain("2026-03-31");
  });

  it("knows today on this computer", () => {
    expect(todayIso(new Date(2026, 2, 5, 23, 30))).toBe("2026-03-05");
  });
});
