import "./ScoresPanel.css";

import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";

import { call, toErrorPayload } from "../api";
import { angka } from "../api/format";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { ScoreImport } from "../bindings/ScoreImport";
import type { ScoreSheet } from "../bindings/ScoreSheet";
import type { ScoreSheetRow } from "../bindings/ScoreSheetRow";
import type { Session } from "../bindings/Session";
import type { Stage } from "../bindings/Stage";
import { ErrorBox } from "../components/ErrorBox";
import { useMounted } from "../components/useMounted";
import { ImportScoresDialog, type PickedScores } from "./ImportScoresDialog";
import { may } from "./may";
import { InterviewPanelsPanel } from "./InterviewPanelsPanel";
import { PaperTestPanel } from "./PaperTestPanel";
import { STAGE_LABEL } from "./stages";

interface Props {
  session: Session;
  round: RoundSummary;
  /** The test: "tertulis" or "wawancara". */
  stage: Stage;
}

/** What happened to the last save of a row. */
type RowState = { kind: "saving" } | { kind: "saved"; cleared: boolean } | { kind: "error"; message: string };

/** "Nilai tes tertulis" / "Nilai tes wawancara". */
function sheetTitle(stage: Stage): string {
  return `Nilai ${STAGE_LABEL[stage].toLowerCase()}`;
}

/** A stored mark for reading: "78,50", "Tidak hadir", or a dash. */
function markText(mark: string): string {
  if (mark === "") return "—";
  if (mark.toLowerCase() === "absen") return "Tidak hadir";
  return mark;
}

/** Whether a row matches the text filter (name, number or unit). */
function matches(row: ScoreSheetRow, text: string): boolean {
  if (!text) return true;
  const t = text.toLowerCase();
  return (
    row.full_name.toLowerCase().includes(t) ||
    row.reg_number.toLowerCase().includes(t) ||
    row.unit_name.toLowerCase().includes(t) ||
    row.unit_code.includes(t)
  );
}

/** "N nilai disimpan (A tidak hadir; R menimpa nilai sebelumnya)". */
export function importedText(r: ScoreImport): string {
  const replaced = r.replaced > 0 ? `; ${angka(r.replaced)} menimpa nilai sebelumnya` : "";
  return `${angka(r.stored)} nilai disimpan (${angka(r.absent)} tidak hadir${replaced})`;
}

interface RowProps {
  no: number;
  row: ScoreSheetRow;
  /** The text in the input (may differ from the stored mark). */
  draft: string;
  state: RowState | undefined;
  editable: boolean;
  inputs: React.RefObject<Map<number, HTMLInputElement>>;
  onDraft: (id: number, value: string) => void;
  onKey: (id: number, e: KeyboardEvent<HTMLInputElement>) => void;
  onLeave: (id: number) => void;
}

/** One line of the sheet; memoised so typing in one row does not redraw thousands. */
const ScoreRow = memo(function ScoreRow({ no, row, draft, state, editable, inputs, onDraft, onKey, onLeave }: RowProps) {
  const id = row.applicant_id;
  const stateId = `mark-${id}-state`;
  const failed = state?.kind === "error";
  return (
    <tr data-testid="score-row" className={failed ? "row-error" : undefined}>
      <td className="num">{no}</td>
      <td className="mono">{row.reg_number}</td>
      <td>{row.full_name}</td>
      <td>{row.sex}</td>
      <td>{row.unit_name}</td>
      <td className="mark-cell">
        {editable ? (
          <input
            ref={(el) => {
              if (el) inputs.current.set(id, el);
              else inputs.current.delete(id);
            }}
            className="mark-input"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            value={draft}
            aria-label={`Nilai ${row.full_name} (${row.reg_number})`}
            aria-invalid={failed ? true : undefined}
            aria-describedby={state ? stateId : undefined}
            data-testid="mark-input"
            onChange={(e) => onDraft(id, e.target.value)}
            onKeyDown={(e) => onKey(id, e)}
            onFocus={(e) => e.target.select()}
            onBlur={() => onLeave(id)}
          />
        ) : (
          <span data-testid="mark-text">{markText(row.mark)}</span>
        )}
      </td>
      {editable && (
        <td className="row-state" data-testid="row-state">
          {state?.kind === "saving" && (
            <span id={stateId} className="muted">
              Menyimpan…
            </span>
          )}
          {state?.kind === "saved" && (
            <span id={stateId} className="ok-text">
              {state.cleared ? "Nilai dihapus" : "Tersimpan"}
            </span>
          )}
          {state?.kind === "error" && (
            <span id={stateId} className="error-text" role="alert">
              {state.message}
            </span>
          )}
        </td>
      )}
    </tr>
  );
});

/**
 * The score sheet of one test (written or interview) for a round: everyone
 * who sits it, with the mark entered so far. A Verifikator types marks while
 * the test's stage is open, keyboard-first: Enter, Tab or ArrowDown saves and
 * goes to the next row, ArrowUp goes back, Escape restores the stored mark.
 * Marks can also be imported from a spreadsheet (xlsx, xls, ods or CSV), previewed in a dialog.
 */
export function ScoresPanel({ session, round, stage }: Props) {
  const [sheet, setSheet] = useState<ScoreSheet | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [filter, setFilter] = useState("");
  const [drafts, setDrafts] = useState<Record<number, string>>({});
  const [states, setStates] = useState<Record<number, RowState>>({});
  const [importing, setImporting] = useState(false);
  const [report, setReport] = useState<ScoreImport | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const [picked, setPicked] = useState<PickedScores | null>(null);

  // Mirrors for the key and blur handlers, which must stay stable.
  const inputs = useRef(new Map<number, HTMLInputElement>());
  const stored = useRef<Record<number, string>>({});
  const draftsRef = useRef(drafts);
  draftsRef.current = drafts;
  /** The value being saved per row, and a counter so a late answer does not win over a newer one. */
  const inFlight = useRef<Record<number, { value: string; seq: number }>>({});
  /** The value last refused per row: leaving the row does not send it again. */
  const refused = useRef<Record<number, string>>({});
  const seq = useRef(0);
  const mounted = useMounted();
  const current = useRef({ roundId: round.id, stage });
  current.current = { roundId: round.id, stage };


  const load = useCallback(async () => {
    const roundId = round.id;
    try {
      const s = await call("score_sheet", { roundId, stage, unit: null });
      if (!mounted.current || current.current.roundId !== roundId || current.current.stage !== stage) return;
      stored.current = Object.fromEntries(s.rows.map((r) => [r.applicant_id, r.mark]));
      inFlight.current = {};
      refused.current = {};
      setSheet(s);
      setDrafts(Object.fromEntries(s.rows.map((r) => [r.applicant_id, r.mark])));
      setStates({});
      setLoadError(null);
    } catch (e) {
      if (mounted.current) setLoadError(toErrorPayload(e).message);
    }
  }, [round.id, stage]);

  useEffect(() => {
    setSheet(null);
    setLoadError(null);
    setReport(null);
    setImportError(null);
    setPicked(null);
    void load();
  }, [load]);

  const mayEnter = may(session, "enter_scores");
  const editable = sheet !== null && sheet.editable && mayEnter;

  const visible = useMemo(() => {
    if (!sheet) return [];
    const text = filter.trim();
    return sheet.rows.map((row, i) => ({ row, no: i + 1 })).filter(({ row }) => matches(row, text));
  }, [sheet, filter]);
  const order = useRef<number[]>([]);
  order.current = visible.map((v) => v.row.applicant_id);

  /** Saves a row's mark when it differs from the stored one. `retry` sends a value refused before. */
  const commit = useCallback(
    (id: number, retry: boolean) => {
      const value = (draftsRef.current[id] ?? "").trim();
      if (value === (stored.current[id] ?? "")) {
        if (refused.current[id] !== undefined) {
          // Back to the stored mark (e.g. typed over a refused value): nothing to save.
          delete refused.current[id];
          setStates((s) => {
            const { [id]: _, ...rest } = s;
            return rest;
          });
        }
        return;
      }
      if (inFlight.current[id]?.value === value) return;
      if (!retry && refused.current[id] === value) return;
      const mine = ++seq.current;
      inFlight.current[id] = { value, seq: mine };
      setStates((s) => ({ ...s, [id]: { kind: "saving" } }));
      const { roundId, stage: st } = current.current;
      call("record_mark", { roundId, stage: st, applicantId: id, mark: value }).then(
        (result) => {
          if (!mounted.current || inFlight.current[id]?.seq !== mine) return;
          delete inFlight.current[id];
          delete refused.current[id];
          const before = stored.current[id] ?? "";
          stored.current[id] = result;
          setSheet((sh) => {
            if (!sh) return sh;
            const delta = (result !== "" ? 1 : 0) - (before !== "" ? 1 : 0);
            return {
              ...sh,
              rows: sh.rows.map((r) => (r.applicant_id === id ? { ...r, mark: result } : r)),
              entered: sh.entered + delta,
              missing: sh.missing - delta,
            };
          });
          // Show the mark as stored ("78,5" → "78,50") unless it was typed over meanwhile.
          setDrafts((d) => ((d[id] ?? "").trim() === value ? { ...d, [id]: result } : d));
          setStates((s) => ({ ...s, [id]: { kind: "saved", cleared: result === "" } }));
        },
        (e) => {
          if (!mounted.current || inFlight.current[id]?.seq !== mine) return;
          delete inFlight.current[id];
          refused.current[id] = value;
          setStates((s) => ({ ...s, [id]: { kind: "error", message: toErrorPayload(e).message } }));
        },
      );
    },
    [],
  );

  const focusRow = useCallback((id: number | undefined) => {
    if (id === undefined) return false;
    const el = inputs.current.get(id);
    if (!el) return false;
    el.focus();
    el.select();
    return true;
  }, []);

  const onDraft = useCallback((id: number, value: string) => {
    setDrafts((d) => ({ ...d, [id]: value }));
  }, []);

  const onKey = useCallback(
    (id: number, e: KeyboardEvent<HTMLInputElement>) => {
      if (e.nativeEvent.isComposing) return;
      const at = order.current.indexOf(id);
      const next = order.current[at + 1];
      const previous = at > 0 ? order.current[at - 1] : undefined;
      if (e.key === "Escape") {
        e.preventDefault();
        const mark = stored.current[id] ?? "";
        delete refused.current[id];
        setDrafts((d) => ({ ...d, [id]: mark }));
        setStates((s) => {
          const { [id]: _, ...rest } = s;
          return rest;
        });
        return;
      }
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const forward = e.key === "Enter" || e.key === "ArrowDown" || (e.key === "Tab" && !e.shiftKey);
      const back = e.key === "ArrowUp" || (e.key === "Tab" && e.shiftKey);
      if (!forward && !back) return;
      commit(id, e.key === "Enter");
      const target = forward ? next : previous;
      // Tab off the first or last row leaves the sheet as usual.
      if (target !== undefined || e.key !== "Tab") e.preventDefault();
      focusRow(target);
    },
    [commit, focusRow],
  );

  const onLeave = useCallback((id: number) => commit(id, false), [commit]);

  /** Asks for a score sheet; a picked one opens the dialog with its preview. */
  const pickSheet = async () => {
    setImporting(true);
    setImportError(null);
    setReport(null);
    try {
      const p = await call("pick_score_sheet", { roundId: round.id, stage });
      if (mounted.current && p) setPicked(p);
    } catch (e) {
      if (mounted.current) setImportError(toErrorPayload(e).message);
    } finally {
      if (mounted.current) setImporting(false);
    }
  };

  const imported = (r: ScoreImport) => {
    setPicked(null);
    setReport(r);
    void load();
  };

  const titleId = `scores-title-${stage}`;
  const helpId = `scores-help-${stage}`;
  const failures = Object.values(states).filter((s) => s.kind === "error").length;

  return (
    <section aria-labelledby={titleId} className="scores-panel">
      <div className="section-head">
        <h2 id={titleId}>{sheetTitle(stage)}</h2>
      </div>
      <ErrorBox message={loadError} />
      {!sheet && !loadError && <p aria-busy="true">Memuat…</p>}
      {sheet && (
        <>
          <p className="scores-counters" role="status" data-testid="score-counters">
            {angka(sheet.entered)} sudah dinilai, {angka(sheet.missing)} belum
          </p>
          {!mayEnter && (
            <p className="muted" data-testid="scores-readonly">
              Nilai diisi oleh verifikator; di sini nilai hanya dapat dilihat.
            </p>
          )}
          {mayEnter && !sheet.editable && (
            <p className="warn-box" data-testid="scores-readonly">
              Tahap {STAGE_LABEL[stage].toLowerCase()} tidak sedang dibuka; nilai hanya dapat dilihat.
            </p>
          )}
          {editable && (
            <>
              <p className="muted scores-help" id={helpId}>
                Ketik nilai 0–100 (paling banyak dua angka desimal, mis. 78,5) atau <code>absen</code> bagi yang tidak
                hadir, lalu tekan Enter untuk menyimpan dan pindah ke baris berikutnya. Panah atas/bawah berpindah baris;
                Esc mengembalikan nilai yang tersimpan; kosongkan isian untuk menghapus nilai.
              </p>
              <div className="actions start">
                <button type="button" onClick={() => void pickSheet()} disabled={importing}>
                  {importing ? "Membuka berkas…" : "Impor nilai dari berkas…"}
                </button>
              </div>
              <p className="muted scores-format" data-testid="import-format">
                Berkas xlsx, xls, ods, atau CSV (mis. ekspor CAT atau rekap wawancara): peserta dikenali dari nomor
                pendaftaran atau NIK. Tulis <code>absen</code> pada nilai, atau <code>tidak hadir</code> di kolom
                kehadiran, bagi yang tidak hadir.
              </p>
            </>
          )}
          {mayEnter && stage === "tertulis" && <PaperTestPanel roundId={round.id} onStored={() => void load()} />}
          {stage === "wawancara" && (
            <InterviewPanelsPanel roundId={round.id} mayEnter={mayEnter} onStored={() => void load()} />
          )}
          <ErrorBox message={importError} />
          {report && (
            <p className="ok-box" role="status" data-testid="import-stored">
              {importedText(report)}.
            </p>
          )}
          {picked && (
            <ImportScoresDialog
              roundId={round.id}
              stage={stage}
              picked={picked}
              onClose={() => setPicked(null)}
              onImported={imported}
            />
          )}
          {failures > 0 && (
            <p className="error-box" data-testid="scores-failures">
              {angka(failures)} nilai belum tersimpan. Perbaiki pada baris yang ditandai, lalu tekan Enter.
            </p>
          )}
          <div className="filters" role="search" aria-label="Saring lembar nilai">
            <label className="inline-field grow">
              <span>Cari</span>
              <input
                type="search"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
                placeholder="Nama, nomor pendaftaran, atau wilayah"
                autoComplete="off"
                aria-label="Cari nama, nomor pendaftaran, atau wilayah"
              />
            </label>
            {filter.trim() && (
              <span className="muted" role="status">
                {angka(visible.length)} dari {angka(sheet.rows.length)} peserta
              </span>
            )}
          </div>
          {sheet.rows.length === 0 ? (
            <p className="empty">Belum ada peserta {STAGE_LABEL[stage].toLowerCase()} pada seleksi ini.</p>
          ) : visible.length === 0 ? (
            <p className="empty">Tidak ada peserta yang cocok dengan pencarian.</p>
          ) : (
            <div className="table-wrap">
              <table
                className="data scores"
                aria-labelledby={titleId}
                aria-describedby={editable ? helpId : undefined}
              >
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      No
                    </th>
                    <th scope="col">Nomor pendaftaran</th>
                    <th scope="col">Nama</th>
                    <th scope="col">L/P</th>
                    <th scope="col">Wilayah tugas</th>
                    <th scope="col">Nilai</th>
                    {editable && <th scope="col">Keterangan</th>}
                  </tr>
                </thead>
                <tbody>
                  {visible.map(({ row, no }) => (
                    <ScoreRow
                      key={row.applicant_id}
                      no={no}
                      row={row}
                      draft={drafts[row.applicant_id] ?? row.mark}
                      state={states[row.applicant_id]}
                      editable={editable}
                      inputs={inputs}
                      onDraft={onDraft}
                      onKey={onKey}
                      onLeave={onLeave}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
