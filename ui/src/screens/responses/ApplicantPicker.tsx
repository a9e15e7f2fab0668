import { useEffect, useRef, useState, type KeyboardEvent } from "react";

import { call, toErrorPayload } from "../../api";
import { angka } from "../../api/format";
import type { ApplicantListRow } from "../../bindings/ApplicantListRow";

/** The candidate search waits this long after the last key. */
export const PICKER_DELAY_MS = 200;
/** Candidates offered at most for what was typed. */
export const PICKER_LIMIT = 10;

/** "PPK-3514-0007 – Siti Nur'aini": how a picked candidate reads in the search box. */
const candidateText = (a: { reg_number: string; full_name: string }) => `${a.reg_number} – ${a.full_name}`;

interface PickerProps {
  inputId: string;
  roundId: number;
  value: ApplicantListRow | null;
  /** A candidate was picked, or (null) the text was changed after picking. */
  onChange: (a: ApplicantListRow | null) => void;
  error: string | null;
}

/**
 * Finds the candidate by name or registration number as one types: ↓/↑ move
 * through the results, Enter picks, Escape closes the list (WAI-ARIA
 * combobox pattern).
 */
export function ApplicantPicker({ inputId, roundId, value, onChange, error }: PickerProps) {
  const [query, setQuery] = useState(value ? candidateText(value) : "");
  const [options, setOptions] = useState<ApplicantListRow[]>([]);
  const [total, setTotal] = useState(0);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<string | null>(null);
  const ticket = useRef(0);
  const listId = `${inputId}-list`;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;

  const picked = value !== null && query === candidateText(value);
  useEffect(() => {
    const mine = ++ticket.current;
    const text = query.trim();
    if (text === "" || picked) {
      setOptions([]);
      setSearching(false);
      return;
    }
    setSearching(true);
    const t = setTimeout(() => {
      call("list_applicants", {
        query: { round_id: roundId, text, unit: "", status: "terdaftar", order: "nama", offset: 0, limit: PICKER_LIMIT },
      }).then(
        (page) => {
          // An answer to an older text (typed on since) is dropped.
          if (mine !== ticket.current) return;
          setOptions(page.rows);
          setTotal(page.total);
          setActive(page.rows.length > 0 ? 0 : -1);
          setSearching(false);
          setSearchError(null);
        },
        (e) => {
          if (mine !== ticket.current) return;
          setOptions([]);
          setSearching(false);
          setSearchError(toErrorPayload(e).message);
        },
      );
    }, PICKER_DELAY_MS);
    return () => clearTimeout(t);
  }, [query, roundId, picked]);

  const choose = (a: ApplicantListRow) => {
    onChange(a);
    setQuery(candidateText(a));
    setOpen(false);
    setOptions([]);
  };

  const showList = open && !picked && options.length > 0;

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (options.length === 0) return;
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      if (!showList) {
        setOpen(true);
        setActive(step === 1 ? 0 : options.length - 1);
      } else {
        setActive((i) => (i + step + options.length) % options.length);
      }
    } else if (e.key === "Enter") {
      const option = showList ? options[active] : undefined;
      if (option) {
        e.preventDefault();
        choose(option);
      }
    } else if (e.key === "Escape" && showList) {
      // Only the list closes, not the dialog around it.
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  };

  let hint: string;
  if (picked && value) hint = `Dipilih: ${value.full_name}, ${value.reg_number}, ${value.unit_label}.`;
  else if (query.trim() === "") hint = "Ketik nama atau nomor pendaftaran, lalu pilih dengan ↑/↓ dan Enter.";
  else if (searching) hint = "Mencari…";
  else if (searchError) hint = "";
  else if (options.length === 0) hint = `Tidak ada pendaftar yang cocok dengan “${query.trim()}”.`;
  else if (total > options.length)
    hint = `${angka(options.length)} dari ${angka(total)} pendaftar yang cocok ditampilkan; ketik lebih lengkap untuk mempersempit.`;
  else hint = `${angka(options.length)} pendaftar cocok; pilih dengan ↑/↓ dan Enter.`;

  const failed = error ?? searchError;
  return (
    <div className={`field response-picker${failed ? " has-error" : ""}`}>
      <label htmlFor={inputId}>Calon yang ditanggapi</label>
      <input
        id={inputId}
        type="text"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && active >= 0 ? `${inputId}-opt-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, failed ? errorId : null].filter(Boolean).join(" ")}
        autoComplete="off"
        spellCheck={false}
        placeholder="Nama atau nomor pendaftaran"
        data-autofocus
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          if (value) onChange(null);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
      />
      {showList && (
        <ul id={listId} role="listbox" className="listbox" aria-label="Pendaftar yang cocok">
          {options.map((a, i) => (
            <li
              key={a.id}
              id={`${inputId}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? "active" : undefined}
              // Keep the focus in the input; the click picks.
              onMouseDown={(e) => e.preventDefault()}
              onMouseMove={() => setActive(i)}
              onClick={() => choose(a)}
            >
              <span className="mono">{a.reg_number}</span> · {a.full_name} · <span className="muted">{a.unit_label}</span>
            </li>
          ))}
        </ul>
      )}
      <small id={hintId} className={picked ? "ok-text" : "muted"} aria-live="polite" data-testid="picker-hint">
        {hint}
      </small>
      {failed && (
        <small id={errorId} className="error-text" role="alert">
          {failed}
        </small>
      )}
    </div>
  );
}
