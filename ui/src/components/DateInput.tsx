import { type InputHTMLAttributes, useEffect, useRef, useState } from "react";

import { Calendar } from "./Calendar";
import { assistTyping, parseDate, shownDate } from "./dates";
import { opensUpward } from "./placement";

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange" | "type" | "defaultValue">;

export interface DateInputProps extends InputProps {
  /** ISO YYYY-MM-DD; "" for none; or text typed that names no date yet. */
  value: string;
  /**
   * The date as ISO as soon as the text names one, "" when it is cleared,
   * otherwise the text as typed (the core, or the form, says it is not a date).
   */
  onChange: (value: string) => void;
  /** Today on this computer (ISO), for the calendar; tests pass a fixed one. */
  today?: string;
}

/** Rough height of the open calendar, to choose whether it opens above. */
const CALENDAR_HEIGHT = 330;

/**
 * One date, typed DD-MM-YYYY (the dashes come by themselves; 5-3-2026,
 * 05/03/2026 and 2026-03-05 are read too) or picked from a calendar in
 * Indonesian: the button beside it, or Alt+↓ in the box. What it hands on
 * is ISO, as the core takes it.
 */
export function DateInput({ value, onChange, onBlur, onKeyDown, today, disabled, ...input }: DateInputProps) {
  const [text, setText] = useState(() => shownDate(value));
  const [open, setOpen] = useState<null | { up: boolean }>(null);
  const emitted = useRef(value);
  const wrap = useRef<HTMLSpanElement>(null);
  const box = useRef<HTMLInputElement>(null);

  // A value set from outside (a preset, the schedule moved, a new form) is shown as DD-MM-YYYY.
  useEffect(() => {
    if (value !== emitted.current) {
      emitted.current = value;
      setText(shownDate(value));
    }
  }, [value]);

  const emit = (v: string) => {
    emitted.current = v;
    onChange(v);
  };

  const openCalendar = () => {
    if (disabled) return;
    setOpen({ up: !!box.current && opensUpward(box.current, CALENDAR_HEIGHT) });
  };
  const closeCalendar = (refocus: boolean) => {
    setOpen(null);
    if (refocus) box.current?.focus();
  };

  // A click or the focus going anywhere outside the field closes the calendar.
  useEffect(() => {
    if (!open) return;
    const outside = (e: Event) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(null);
    };
    document.addEventListener("mousedown", outside);
    document.addEventListener("focusin", outside);
    return () => {
      document.removeEventListener("mousedown", outside);
      document.removeEventListener("focusin", outside);
    };
  }, [open]);

  const picked = parseDate(text);
  return (
    <span className="date-input" ref={wrap}>
      <input
        ref={box}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder="DD-MM-YYYY"
        maxLength={10}
        disabled={disabled}
        {...input}
        value={text}
        onChange={(e) => {
          const next = assistTyping(text, e.target.value);
          setText(next);
          const iso = parseDate(next);
          emit(iso ?? (next.trim() === "" ? "" : next));
        }}
        onKeyDown={(e) => {
          if (e.altKey && e.key === "ArrowDown") {
            e.preventDefault();
            openCalendar();
          }
          onKeyDown?.(e);
        }}
        onBlur={(e) => {
          // Read as a date: shown the way staff write it.
          const iso = parseDate(text);
          if (iso) setText(shownDate(iso));
          onBlur?.(e);
        }}
      />
      <button
        type="button"
        className="calendar-toggle"
        // Out of the Tab order: typing is the quick way; Alt+↓ opens it from the box.
        tabIndex={-1}
        aria-label="Buka kalender"
        title="Kalender (Alt+↓)"
        aria-expanded={!!open}
        disabled={disabled}
        onClick={() => (open ? closeCalendar(true) : openCalendar())}
      >
        <span aria-hidden="true">📅</span>
      </button>
      {open && (
        <Calendar
          value={picked}
          today={today}
          up={open.up}
          onPick={(iso) => {
            setText(shownDate(iso));
            emit(iso);
            closeCalendar(true);
          }}
          onClose={() => closeCalendar(true)}
        />
      )}
    </span>
  );
}
