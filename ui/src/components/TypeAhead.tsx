import { useEffect, useId, useLayoutEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from "react";

import { toErrorPayload } from "../api";
import { roomAround } from "./placement";

interface Props<T> {
  /** The input's id; the list's and the options' ids derive from it. Generated when not given. */
  id?: string;
  label: string;
  /** What the input holds. The caller owns it: it sets it to the option's name once one is picked. */
  text: string;
  onTextChange: (text: string) => void;
  /** The options for the text as it stands (already filtered, or as a search answered). */
  options: readonly T[];
  optionKey: (option: T) => string | number;
  renderOption: (option: T) => ReactNode;
  /** An option was picked with Enter or the mouse; the list has closed. */
  onPick: (option: T) => void;
  onBlur?: () => void;
  /**
   * A new list comes with its first option highlighted, so Enter alone picks
   * it (WAI-ARIA "automatic selection"); otherwise ↓ goes into the list first.
   */
  autoSelect?: boolean;
  /** Say under the input that nothing matches the text (when no hint says so already). */
  sayNoMatch?: boolean;
  /** The list's accessible name; the label by default. */
  listLabel?: string;
  /** Another class for the field, beside "field combobox". */
  className?: string;
  hint?: ReactNode;
  error?: string | null;
  /** The hint follows the typing (a search's progress): it is read out as it changes, and so is an error. */
  live?: boolean;
  placeholder?: string;
  autoFocus?: boolean;
  spellCheck?: boolean;
  /** The surrounding dialog focuses this input when it opens. */
  "data-autofocus"?: boolean;
}

/** The list's full height (16rem at 15px), and the least it is given when room is short. */
const LIST_HEIGHT = 240;
const MIN_LIST_HEIGHT = 96;
/** Pixels kept between the list and the edge of the room (its 2px margin, and a little air). */
const GAP = 8;

/**
 * A type-ahead (WAI-ARIA combobox with a list): type, ↓/↑ to move through
 * the list (wrapping at either end), Enter to pick, Escape to close the list,
 * or a click on an option. The caller supplies the options for the text
 * typed: a fixed list filtered, or a search's answer (see `useSearch`).
 */
export function TypeAhead<T>({
  id: givenId,
  label,
  text,
  onTextChange,
  options,
  optionKey,
  renderOption,
  onPick,
  onBlur,
  autoSelect = false,
  sayNoMatch = false,
  listLabel,
  className,
  hint,
  error,
  live = false,
  placeholder,
  autoFocus,
  spellCheck,
  "data-autofocus": dataAutofocus,
}: Props<T>) {
  const generatedId = useId();
  const id = givenId ?? generatedId;
  const first = autoSelect && options.length > 0 ? 0 : -1;
  const [open, setOpen] = useState(false);
  /** The highlighted option's index; -1 for none. */
  const [active, setActive] = useState(first);

  // A different list (a search answered, the filter narrowed) starts again
  // from the top. Compared by keys, not by identity: a caller may build the
  // same list anew on every render.
  const listKey = options.map(optionKey).join("\n");
  const [shownKey, setShownKey] = useState(listKey);
  if (listKey !== shownKey) {
    setShownKey(listKey);
    setActive(first);
  }

  const showList = open && options.length > 0;
  const showNoMatch = sayNoMatch && open && options.length === 0 && text.trim() !== "";

  // The list opens where it can be seen: below the box, or above it when a
  // sticky bar or the window's edge leaves too little room below.
  const fieldRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [placement, setPlacement] = useState<CSSProperties | undefined>(undefined);
  useLayoutEffect(() => {
    const box = inputRef.current;
    const field = fieldRef.current;
    if (!showList || !box || !field) return;
    const { above, below } = roomAround(box);
    const b = box.getBoundingClientRect();
    const f = field.getBoundingClientRect();
    // Right against the box (over its hint), as tall as the room allows.
    const height = (room: number) => Math.min(LIST_HEIGHT, Math.max(MIN_LIST_HEIGHT, room - GAP));
    setPlacement(
      below >= LIST_HEIGHT + GAP || below >= above
        ? { top: b.bottom - f.top, maxHeight: height(below) }
        : { top: "auto", bottom: f.bottom - b.top, maxHeight: height(above) },
    );
  }, [showList]);

  const pick = (option: T) => {
    setOpen(false);
    onPick(option);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // The keys of an input method still composing a character are not ours.
    if (e.nativeEvent.isComposing) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (options.length === 0) return;
      e.preventDefault();
      const down = e.key === "ArrowDown";
      const last = options.length - 1;
      if (!showList) {
        setOpen(true);
        setActive(down ? 0 : last);
      } else if (down) {
        setActive((i) => (i >= last ? 0 : i + 1));
      } else {
        setActive((i) => (i <= 0 ? last : i - 1));
      }
    } else if (e.key === "Enter") {
      // Enter is for the list: it never submits the form around the input.
      e.preventDefault();
      if (!showList) return;
      const option = options[active] ?? (options.length === 1 ? options[0] : undefined);
      if (option !== undefined) pick(option);
    } else if (e.key === "Escape" && (showList || showNoMatch)) {
      // Only the list closes, not a dialog around the input.
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  };

  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-opt-${i}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div ref={fieldRef} className={["field combobox", className, error ? "has-error" : null].filter(Boolean).join(" ")}>
      <label htmlFor={id}>{label}</label>
      <input
        ref={inputRef}
        id={id}
        type="text"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && active >= 0 ? optionId(active) : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        autoComplete="off"
        autoFocus={autoFocus}
        spellCheck={spellCheck}
        data-autofocus={dataAutofocus}
        placeholder={placeholder}
        value={text}
        onChange={(e) => {
          onTextChange(e.target.value);
          setOpen(true);
          setActive(first);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setOpen(false);
          onBlur?.();
        }}
      />
      {showList && (
        <ul
          id={listId}
          role="listbox"
          className={placement?.bottom !== undefined ? "listbox up" : "listbox"}
          style={placement}
          aria-label={listLabel ?? label}
        >
          {options.map((option, i) => (
            <li
              key={optionKey(option)}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? "active" : undefined}
              // Picks on the press, and keeps the focus in the input.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(option);
              }}
              onMouseMove={() => setActive(i)}
            >
              {renderOption(option)}
            </li>
          ))}
        </ul>
      )}
      {showNoMatch && <small className="muted">Tidak ada yang cocok dengan “{text.trim()}”.</small>}
      {hint && (
        <small id={`${id}-hint`} className="muted" aria-live={live ? "polite" : undefined}>
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="error-text" role={live ? "alert" : undefined}>
          {error}
        </small>
      )}
    </div>
  );
}

/** Where a search for the typed text stands. */
export interface Search<R> {
  /** The answer for the text typed last; null for blank text and before the first answer. */
  found: R | null;
  /** An answer is awaited; `found` is still the one for an earlier text. */
  searching: boolean;
  /** The search failed: the core's message. */
  error: string | null;
}

/**
 * Runs `search` for the typed text (trimmed; none for blank text),
 * `delayMs` after the last key so a quick typist sends one search rather
 * than one per key. An answer to an earlier text may come late: it is
 * dropped, never shown over a newer one. `search` should keep its identity
 * between renders (a module function or a `useCallback`).
 */
export function useSearch<R>(text: string, search: (text: string) => Promise<R>, delayMs = 0): Search<R> {
  const [state, setState] = useState<Search<R>>({ found: null, searching: false, error: null });
  const query = text.trim();
  useEffect(() => {
    if (query === "") {
      setState({ found: null, searching: false, error: null });
      return;
    }
    let stale = false;
    setState((s) => ({ ...s, searching: true }));
    const timer = setTimeout(() => {
      search(query).then(
        (found) => !stale && setState({ found, searching: false, error: null }),
        (e) => !stale && setState({ found: null, searching: false, error: toErrorPayload(e).message }),
      );
    }, delayMs);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [query, search, delayMs]);
  return state;
}
