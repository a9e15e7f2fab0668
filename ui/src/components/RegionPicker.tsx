import { useEffect, useMemo, useRef, useState } from "react";

import { TypeAhead } from "./TypeAhead";

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
 * A type-ahead over a fixed list of regions: type part of a name, ↓ to move
 * into the list, Enter to choose. The value is the code; the input shows the
 * chosen label.
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

  const onType = (t: string) => {
    setText(t);
    const exact = options.find((o) => o.code === t.trim() || normalise(o.label) === normalise(t));
    // A typed code, or text that names nothing, is passed on as it is: the
    // core accepts the code or says why the text is wrong.
    emit(exact ? exact.code : t.trim());
  };

  return (
    <TypeAhead
      id={id}
      label={label}
      text={text}
      onTextChange={onType}
      options={matches}
      optionKey={(o) => o.code}
      renderOption={(o) => o.label}
      onPick={(o) => {
        setText(o.label);
        emit(o.code);
      }}
      onBlur={onBlur}
      // A code typed by hand is not a failed search.
      sayNoMatch={!(acceptCode && looksLikeCode(text))}
      hint={hint}
      error={error}
      placeholder={placeholder}
    />
  );
}
