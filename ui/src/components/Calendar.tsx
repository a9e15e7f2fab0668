import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";

import { addDays, addMonths, longDate, MONTHS, monthGrid, todayIso, WEEKDAYS, weekdayIndex } from "./dates";

interface Props {
  /** The date chosen now (ISO), if any: the calendar opens on it. */
  value: string | null;
  onPick: (iso: string) => void;
  /** Closed without a pick (Escape). */
  onClose: () => void;
  /** Opens above the input rather than below it. */
  up?: boolean;
  /** Today on this computer (ISO); tests pass a fixed one. */
  today?: string;
}

/**
 * A month in Indonesian (weeks from Senin) to pick a day from, by mouse or
 * keyboard: arrows move a day or a week, PageUp/PageDown a month (with
 * Shift a year), Home/End the week's Senin/Minggu, Enter or Space picks,
 * Escape closes. The focus starts on the chosen day, else today.
 */
export function Calendar({ value, onPick, onClose, up, today = todayIso() }: Props) {
  const [focused, setFocused] = useState(value ?? today);
  const grid = useRef<HTMLTableElement>(null);
  const titleId = useId();
  const month = focused.slice(0, 7);

  // The focused day's button has the focus, and follows the keys.
  useEffect(() => {
    grid.current?.querySelector<HTMLButtonElement>(`button[data-day="${focused}"]`)?.focus();
  }, [focused]);

  const onKeyDown = (e: KeyboardEvent) => {
    const moves: Record<string, () => string> = {
      ArrowLeft: () => addDays(focused, -1),
      ArrowRight: () => addDays(focused, 1),
      ArrowUp: () => addDays(focused, -7),
      ArrowDown: () => addDays(focused, 7),
      PageUp: () => addMonths(focused, e.shiftKey ? -12 : -1),
      PageDown: () => addMonths(focused, e.shiftKey ? 12 : 1),
      Home: () => addDays(focused, -weekdayIndex(focused)),
      End: () => addDays(focused, 6 - weekdayIndex(focused)),
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      setFocused(move());
    } else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      onPick(focused);
    }
  };

  const [y, m] = month.split("-").map(Number);
  return (
    <div
      className={up ? "calendar up" : "calendar"}
      role="dialog"
      aria-label="Pilih tanggal"
      onKeyDown={(e) => {
        // Escape closes the calendar only, not a dialog around the field.
        if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="calendar-head">
        <button type="button" className="small" aria-label="Bulan sebelumnya" onClick={() => setFocused(addMonths(focused, -1))}>
          ‹
        </button>
        <span id={titleId} aria-live="polite">
          {MONTHS[m! - 1]} {y}
        </span>
        <button type="button" className="small" aria-label="Bulan berikutnya" onClick={() => setFocused(addMonths(focused, 1))}>
          ›
        </button>
      </div>
      <table ref={grid} role="grid" aria-labelledby={titleId} onKeyDown={onKeyDown}>
        <thead>
          <tr>
            {WEEKDAYS.map((d) => (
              <th key={d} scope="col" abbr={d}>
                {d.slice(0, 3)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthGrid(focused).map((week) => (
            <tr key={week[0]}>
              {week.map((day) => (
                <td key={day} role="gridcell" aria-selected={day === value}>
                  <button
                    type="button"
                    data-day={day}
                    tabIndex={day === focused ? 0 : -1}
                    aria-label={longDate(day)}
                    aria-current={day === today ? "date" : undefined}
                    className={[
                      day.slice(0, 7) === month ? null : "other-month",
                      day === value ? "chosen" : null,
                      day === today ? "today" : null,
                    ]
                      .filter(Boolean)
                      .join(" ") || undefined}
                    onClick={() => onPick(day)}
                  >
                    {Number(day.slice(8))}
                  </button>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted calendar-keys">Panah: pindah hari · PgUp/PgDn: bulan · Enter: pilih · Esc: tutup</p>
    </div>
  );
}
