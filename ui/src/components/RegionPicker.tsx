import { useEffect, useMemo, useRef, useState } from "react";

export interface PickerOption {
  /** Dotted region code: the value. */
  code: string;
  /** What the list shows and the input holds once chosen. */
  label: string;
  /** Extra words that find it (e.g. the kecamatan name); lower case. */
  keywords?: string;
}

interface Props {
  id: string;
  label: string;
  options: PickerOption[];
  /** The chosen code (or, when `acceptCode`, a typed code). */
  value: string;
  onChange: (code: string) => void;
  onBlur?: () => void;
  /** Accept a dotted code typed by hand (e.g. a KTP from another kabupaten). */
  acceptCode?: boolean;
  hint?: string;
  error?: string | null;
  placeholder?: string;
  /** Most options listed at once. */
  limit?: number;
}

const MAX_SHOWN = 50;

function normalise(s: string): string {
  return s.toLowerCase().replace(/\s+/g, " ").trim();
}

/** Whether the text is a region code (digits with or without dots). */
export function looksLikeCode(s: string): boolean {
  return /^\d{2}(\.?\d{2}){1,2}(\.?\d{4})?$/.test(s.trim());
}

/**
 * A type-ahead over a fixed list of regions (WAI-ARIA combobox): type part
 * of a name, ↓ to move into the list, Enter to choose, Escape to close.
 * The value is the code; the input shows the chosen label.
 */
export function RegionPicker({
  id,
  label,
  options,
  value,
  onChange,
  onBlur,
  acceptCode,
  hint,
  error,
  placeholder,
  limit = MAX_SHOWN,
}: Props) {
  const [text, setText] = useState(() => options.find((o) => o.code === value)?.label ?? value);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // The value this input last reported; anything else came from outside.
  const emitted = useRef(value);

  useEffect(() => {
    const chosen = options.find((o) => o.code === value)?.label;
    if (value !== emitted.current) {
      // Set from outside (a new form, an edit, the desa choosing its kecamatan).
      emitted.current = value;
      setText(chosen ?? value);
    } else if (chosen) {
      // The options may arrive after the value: show the name, not the code.
      setText((t) => (t === value ? chosen : t));
    }
  }, [value, options]);

  const matches = useMemo(() => {
    const q = normalise(text);
    if (q === "") return options.slice(0, limit);
    const words = q.split(" ");
    const found = options.filter((o) => {
      const hay = `${normalise(o.label)} ${o.keywords ?? ""} ${o.code}`;
      return words.every((w) => hay.includes(w));
    });
    // Labels with a word starting with what was typed come first.
    const rank = (o: PickerOption) => {
      const l = normalise(o.label);
      return l.startsWith(q) ? 0 : l.includes(` ${q}`) ? 1 : 2;
    };
    return found.sort((a, b) => rank(a) - rank(b)).slice(0, limit);
  }, [text, options, limit]);

  const emit = (code: string) => {
    emitted.current = code;
    onChange(code);
  };

  const choose = (o: PickerOption) => {
    setText(o.label);
    setOpen(false);
    setActive(-1);
    emit(o.code);
  };

  const onType = (t: string) => {
    setText(t);
    setOpen(true);
    setActive(-1);
    const exact = options.find((o) => o.code === t.trim() || normalise(o.label) === normalise(t));
    // A typed code, or text that names nothing, is passed on as it is: the
    // core accepts the code or says why the text is wrong.
    emit(exact ? exact.code : t.trim());
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, matches.length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === "Enter") {
      // Never submits the form from here.
      e.preventDefault();
      const pick = matches[active] ?? (open && matches.length === 1 ? matches[0] : undefined);
      if (open && pick) choose(pick);
    } else if (e.key === "Escape" && open) {
      // Close the list only, not the dialog around it.
      e.stopPropagation();
      setOpen(false);
      setActive(-1);
    }
  };

  const listId = `${id}-list`;
  const showList = open && matches.length > 0;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={`field combobox${error ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && active >= 0 ? `${id}-opt-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        autoComplete="off"
        placeholder={placeholder}
        value={text}
        onChange={(e) => onType(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setTimeout(() => setOpen(false), 150);
          onBlur?.();
        }}
      />
      {showList && (
        <ul id={listId} role="listbox" className="listbox" aria-label={label}>
          {matches.map((o, i) => (
            <li
              key={o.code}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? "active" : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(o);
              }}
            >
              {o.label}
            </li>
          ))}
        </ul>
      )}
      {open && text.trim() !== "" && matches.length === 0 && !(acceptCode && looksLikeCode(text)) && (
        <small className="muted">Tidak ada yang cocok dengan “{text.trim()}”.</small>
      )}
      {hint && (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="error-text">
          {error}
        </small>
      )}
    </div>
  );
}
