import { useCallback, useState } from "react";

import { call } from "../../api";
import { angka } from "../../api/format";
import type { ApplicantListRow } from "../../bindings/ApplicantListRow";
import { TypeAhead, useSearch } from "../../components/TypeAhead";

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
 * Finds the candidate by name or registration number as one types: the
 * round's registered applicants, searched by the core a moment after the
 * last key. The first found is highlighted, so Enter picks it; the hint
 * says how the search stands.
 */
export function ApplicantPicker({ inputId, roundId, value, onChange, error }: PickerProps) {
  const [query, setQuery] = useState(value ? candidateText(value) : "");
  const picked = value !== null && query === candidateText(value);
  const search = useCallback(
    (text: string) =>
      call("list_applicants", {
        query: { round_id: roundId, text, unit: "", status: "terdaftar", order: "nama", offset: 0, limit: PICKER_LIMIT },
      }),
    [roundId],
  );
  // Once picked, the box holds the candidate's name: nothing to search for.
  const { found, searching, error: searchError } = useSearch(picked ? "" : query, search, PICKER_DELAY_MS);
  const options = found?.rows ?? [];
  const total = found?.total ?? 0;

  let hint: string;
  if (picked && value) hint = `Dipilih: ${value.full_name}, ${value.reg_number}, ${value.unit_label}.`;
  else if (query.trim() === "") hint = "Ketik nama atau nomor pendaftaran, lalu pilih dengan ↑/↓ dan Enter.";
  else if (searching) hint = "Mencari…";
  else if (searchError) hint = "";
  else if (options.length === 0) hint = `Tidak ada pendaftar yang cocok dengan “${query.trim()}”.`;
  else if (total > options.length)
    hint = `${angka(options.length)} dari ${angka(total)} pendaftar yang cocok ditampilkan; ketik lebih lengkap untuk mempersempit.`;
  else hint = `${angka(options.length)} pendaftar cocok; pilih dengan ↑/↓ dan Enter.`;

  return (
    <TypeAhead
      id={inputId}
      label="Calon yang ditanggapi"
      className="response-picker"
      listLabel="Pendaftar yang cocok"
      placeholder="Nama atau nomor pendaftaran"
      spellCheck={false}
      data-autofocus
      text={query}
      onTextChange={(text) => {
        setQuery(text);
        if (value) onChange(null);
      }}
      options={options}
      optionKey={(a) => a.id}
      renderOption={(a) => (
        <>
          <span className="mono">{a.reg_number}</span> · {a.full_name} · <span className="muted">{a.unit_label}</span>
        </>
      )}
      onPick={(a) => {
        onChange(a);
        setQuery(candidateText(a));
      }}
      autoSelect
      live
      hint={
        <span className={picked ? "ok-text" : undefined} data-testid="picker-hint">
          {hint}
        </span>
      }
      error={error ?? searchError}
    />
  );
}
