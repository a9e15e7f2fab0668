import { useRef, useState } from "react";

import { call, toErrorPayload } from "../api";
import { angka } from "../api/format";
import type { IdKind } from "../bindings/IdKind";
import type { ScoreImport } from "../bindings/ScoreImport";
import type { ScoreMapping } from "../bindings/ScoreMapping";
import type { ScoreSheetPreview } from "../bindings/ScoreSheetPreview";
import type { Stage } from "../bindings/Stage";
import { ErrorBox } from "../components/ErrorBox";
import { Modal } from "../components/Modal";
import { SheetAndHeaderRow } from "../components/SheetAndHeaderRow";
import { MoreProblems, problemCount, ProblemTable } from "../components/ProblemTable";
import { useMounted } from "../components/useMounted";
import { columnLabel } from "./ImportSheetDialog";
import { STAGE_LABEL } from "./stages";

/** A score sheet picked in the panel: its name and its first preview. */
export interface PickedScores {
  name: string;
  preview: ScoreSheetPreview;
}

interface Props {
  roundId: number;
  stage: Stage;
  picked: PickedScores;
  onClose: () => void;
  /** Marks were stored: the sheet should reload. */
  onImported: (report: ScoreImport) => void;
}

const KIND_LABEL: Record<IdKind, string> = { nomor: "Nomor pendaftaran", nik: "NIK" };

/** A mark for reading in the preview: "78,50", "Tidak hadir", or a dash. */
function shownMark(mark: string): string {
  if (mark === "") return "—";
  return mark === "absen" ? "Tidak hadir" : mark;
}

/** "Simpan 12 nilai". */
export function saveLabel(p: ScoreSheetPreview): string {
  return `Simpan ${angka(p.to_store)} nilai`;
}

/**
 * Marks from a spreadsheet (the CAT system's export, a marking sheet, the interview recap; xlsx,
 * xls, ods or CSV): the columns of the identifier (registration number or NIK), the mark and the
 * attendance are proposed by the core and corrected here, the first rows are shown as they will
 * be stored beside the marks they replace, and nothing is written until "Simpan" — all rows or
 * none, only when the file has no problem.
 */
export function ImportScoresDialog({ roundId, stage, picked, onClose, onImported }: Props) {
  const [fileName, setFileName] = useState(picked.name);
  const [preview, setPreview] = useState(picked.preview);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState<ScoreImport | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const mounted = useMounted();

  const busyWith = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNote(null);
    setConfirming(false);
    try {
      await work();
    } catch (e) {
      if (mounted.current) setError(toErrorPayload(e).message);
    } finally {
      if (mounted.current) setBusy(false);
    }
  };

  const pickAgain = () =>
    busyWith(async () => {
      const p = await call("pick_score_sheet", { roundId, stage });
      if (!p || !mounted.current) return;
      setRefused(null);
      setFileName(p.name);
      setPreview(p.preview);
    });

  const refresh = (sheet: string | null, mapping: ScoreMapping | null, headerRow: number | null = null) =>
    busyWith(async () => {
      const p = await call("preview_score_sheet", {
        roundId,
        stage,
        choice: { sheet, mapping, header_row: headerRow },
      });
      if (!mounted.current) return;
      setRefused(null);
      setPreview(p);
    });

  const remap = (patch: Partial<ScoreMapping>) => void refresh(preview.sheet, { ...preview.mapping, ...patch });

  const importNow = () =>
    busyWith(async () => {
      const r = await call("import_score_sheet", {
        roundId,
        stage,
        choice: { sheet: preview.sheet, mapping: preview.mapping, header_row: null },
      });
      if (!mounted.current) return;
      if (problemCount(r.problems) === 0) onImported(r);
      else setRefused(r);
    });

  const save = () => {
    if (preview.replacing > 0 && !confirming) {
      setConfirming(true);
      // Once the confirmation is on screen, the key that confirms is at hand.
      setTimeout(() => confirmRef.current?.focus(), 0);
      return;
    }
    void importNow();
  };

  const saveProblems = (problems: ScoreImport["problems"]) =>
    busyWith(async () => {
      const written = await call("save_import_problems", { problems });
      if (written && mounted.current) setNote("Daftar masalah disimpan.");
    });

  const problems = refused ? refused.problems : preview.problems;
  const problemTotal = problemCount(problems);
  const canSave = preview.ready && problemTotal === 0 && preview.to_store > 0;
  const m = preview.mapping;
  const columnSelect = (label: string, value: number | null, onPick: (c: number | null) => void, optional: boolean) => (
    <select
      aria-label={label}
      value={value ?? ""}
      disabled={busy}
      onChange={(e) => onPick(e.target.value === "" ? null : Number(e.target.value))}
    >
      <option value="">{optional ? "— tidak ada —" : "— pilih kolom —"}</option>
      {preview.columns.map((c) => (
        <option key={c.index} value={c.index}>
          {columnLabel(c)}
        </option>
      ))}
    </select>
  );

  return (
    <Modal title={`Impor nilai ${STAGE_LABEL[stage].toLowerCase()} dari berkas`} onClose={() => !busy && onClose()} wide>
      <p>
        Berkas: <strong>{fileName}</strong> ({preview.format.toUpperCase()}){" "}
        <button type="button" onClick={() => void pickAgain()} disabled={busy}>
          Pilih berkas lain…
        </button>
      </p>
      <p className="muted">
        Pilih kolom yang memuat nomor pendaftaran atau NIK peserta, kolom nilai, dan (bila ada) kolom kehadiran. Baris
        pertama ditampilkan seperti akan disimpan. Bila ada satu baris saja yang bermasalah, tidak ada nilai yang
        disimpan.
      </p>
      <SheetAndHeaderRow
        sheets={preview.sheets}
        sheet={preview.sheet}
        headerRow={m.header_row}
        busy={busy}
        onSheet={(sheet) => void refresh(sheet, null)}
        onHeaderRow={(row) => void refresh(preview.sheet, null, row)}
      />
      <div className="table-wrap">
        <table className="data" aria-label="Pemetaan kolom nilai">
          <thead>
            <tr>
              <th scope="col">Isian</th>
              <th scope="col">Kolom di berkas</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>
                <select
                  aria-label="Peserta dikenali dari"
                  value={m.id_kind}
                  disabled={busy}
                  onChange={(e) => remap({ id_kind: e.target.value as IdKind })}
                >
                  {(Object.keys(KIND_LABEL) as IdKind[]).map((k) => (
                    <option key={k} value={k}>
                      {KIND_LABEL[k]}
                    </option>
                  ))}
                </select>
              </td>
              <td>{columnSelect(`Kolom ${KIND_LABEL[m.id_kind]}`, m.id_column, (c) => remap({ id_column: c }), false)}</td>
            </tr>
            <tr>
              <td>Nilai</td>
              <td>{columnSelect("Kolom nilai", m.mark_column, (c) => remap({ mark_column: c }), false)}</td>
            </tr>
            <tr>
              <td>Kehadiran (boleh tidak ada)</td>
              <td>
                {columnSelect("Kolom kehadiran", m.attendance_column, (c) => remap({ attendance_column: c }), true)}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      {preview.notes.map((n) => (
        <p key={n} className="error-box" data-testid="mapping-note">
          {n}
        </p>
      ))}
      {preview.ready && (
        <p data-testid="scores-summary" role="status">
          {problemTotal === 0
            ? `${angka(preview.to_store)} nilai siap disimpan (${angka(preview.absent)} tidak hadir).` +
              (preview.replacing > 0 ? ` ${angka(preview.replacing)} nilai yang sudah ada akan ditimpa.` : "")
            : `${angka(problemTotal)} masalah; perbaiki berkas (atau pilihan kolomnya), lalu pilih berkas lagi.`}
        </p>
      )}
      {preview.rows.length > 0 && problemTotal === 0 && (
        <div className="table-wrap short">
          <table className="data" aria-label="Pratinjau nilai seperti akan disimpan">
            <thead>
              <tr>
                {["Baris", "Nomor pendaftaran", "Nama", "Wilayah tugas", "Nilai", "Nilai sebelumnya"].map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.line} data-testid="preview-row" className={r.before && r.before !== r.mark ? "replaced" : undefined}>
                  <td className="num">{r.line}</td>
                  <td className="mono">{r.reg_number}</td>
                  <td>{r.full_name}</td>
                  <td>{r.unit}</td>
                  <td>{shownMark(r.mark)}</td>
                  <td>{shownMark(r.before)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorBox message={error} />
      {note && (
        <p className="ok-box" role="status">
          {note}
        </p>
      )}
      {problemTotal > 0 && (
        <div data-testid="import-problems">
          {refused && (
            <p className="error-box" role="alert">
              Tidak ada nilai yang disimpan: {angka(problemTotal)} masalah pada berkas.
            </p>
          )}
          <MoreProblems problems={problems} />
          <div className="table-wrap short">
            <ProblemTable problems={problems} label="Masalah pada berkas nilai" blank="—" />
          </div>
          <div className="actions start">
            <button type="button" onClick={() => void saveProblems(problems)} disabled={busy}>
              Simpan daftar masalah…
            </button>
          </div>
        </div>
      )}
      {confirming && (
        <div className="warn-box" role="alert" data-testid="confirm-replace">
          <p>
            {angka(preview.replacing)} nilai yang sudah diisi akan ditimpa dengan nilai dari berkas ini. Lanjutkan?
          </p>
          <div className="actions start">
            <button type="button" className="primary" ref={confirmRef} onClick={() => void importNow()} disabled={busy}>
              Ya, timpa dan simpan
            </button>
            <button type="button" onClick={() => setConfirming(false)} disabled={busy}>
              Batal
            </button>
          </div>
        </div>
      )}
      <div className="actions">
        <button type="button" onClick={onClose} disabled={busy}>
          Tutup
        </button>
        <button
          type="button"
          className="primary"
          data-autofocus={canSave ? true : undefined}
          onClick={save}
          disabled={busy || !canSave || confirming}
        >
          {busy ? "Memproses…" : saveLabel(preview)}
        </button>
      </div>
    </Modal>
  );
}
