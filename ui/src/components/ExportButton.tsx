import "./ExportButton.css";

import { useState } from "react";

import { call, toErrorPayload } from "../api";
import { angka } from "../api/format";
import type { ExportedList } from "../bindings/ExportedList";
import type { ExportFormat } from "../bindings/ExportFormat";
import type { ListRequest } from "../bindings/ListRequest";
import { useMounted } from "./useMounted";

interface Props {
  /** The list as the core builds it; the core checks the role and the size. */
  list: ListRequest;
  format?: ExportFormat;
  /** The button's words; "Ekspor Excel" by default. */
  label?: string;
  /** What the file holds, for the button's tooltip. */
  title?: string;
  /** Called after a file was written. */
  onSaved?: (saved: ExportedList) => void;
}

/**
 * Saves a list as the core writes it (an Excel workbook by default) to a
 * file chosen in the save dialog, then says how many rows went where, or
 * why nothing was written.
 */
export function ExportButton({ list, format = "xlsx", label, title, onSaved }: Props) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const mounted = useMounted();

  const run = async () => {
    setBusy(true);
    setNote(null);
    try {
      const saved = await call("export_list", { list, format });
      if (!mounted.current) return;
      if (saved) {
        setNote({ ok: true, text: `${angka(saved.rows)} baris disimpan ke ${saved.path}` });
        onSaved?.(saved);
      }
    } catch (e) {
      if (mounted.current) setNote({ ok: false, text: toErrorPayload(e).message });
    } finally {
      if (mounted.current) setBusy(false);
    }
  };

  return (
    <span className="export-button">
      <button type="button" onClick={() => void run()} disabled={busy} title={title}>
        {busy ? "Mengekspor…" : (label ?? (format === "xlsx" ? "Ekspor Excel" : "Ekspor CSV"))}
      </button>
      {note && (
        <span role={note.ok ? "status" : "alert"} className={note.ok ? "export-note" : "export-note error"}>
          {note.text}
        </span>
      )}
    </span>
  );
}
