import "./ScoresPanel.css";

import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";

import { call, toErrorPayload } from "../api";
import { angka } from "../api/format";
import type { Body } from "../bindings/Body";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { SelectionRow } from "../bindings/SelectionRow";
import type { Session } from "../bindings/Session";
import type { Stage } from "../bindings/Stage";
import { ErrorBox } from "../components/ErrorBox";
import { ExportButton } from "../components/ExportButton";
import { Modal } from "../components/Modal";
import { useMounted } from "../components/useMounted";
import { may } from "./may";

/** The shortest basis of a plenary decision the core accepts. */
export const MIN_NOTE_CHARS = 10;

interface Props {
  session: Session;
  round: RoundSummary;
  /** The list: "tertulis" (who goes on to the interview) or "akhir" (the final ranking). */
  stage: Stage;
  /** A plenary decision was recorded (counts elsewhere may change). */
  onChanged?: () => void;
}

/** The rows of one unit, in the order the core gave them. */
interface UnitGroup {
  code: string;
  label: string;
  rows: SelectionRow[];
}

/** Applicants with the same scores in one unit, tied across a cut. */
export interface TieGroup {
  key: string;
  unitCode: string;
  unitLabel: string;
  rows: SelectionRow[];
}

/** "Kecamatan Purwodadi" for PPK; "Gerbo — Kecamatan Purwodadi" for PPS. */
export function unitLabel(body: Body, row: SelectionRow): string {
  if (body === "PPS") return row.kecamatan_name ? `${row.unit_name} — Kecamatan ${row.kecamatan_name}` : row.unit_name;
  return `Kecamatan ${row.unit_name}`;
}

/** The status words of a row: "Cadangan 1" carries the reserve order. */
export function statusText(row: SelectionRow): string {
  if (row.status === "cadangan" && row.reserve !== null) return `Cadangan ${row.reserve}`;
  return row.status_label;
}

/** Whether a row goes on: Lulus after the written test; Terpilih or Cadangan in the final ranking. */
function passed(row: SelectionRow, stage: Stage): boolean {
  return stage === "tertulis" ? row.status === "lulus" : row.status === "terpilih" || row.status === "cadangan";
}

/** Tie groups are the same unit and the same scores (final, then interview, then written). */
const tieKey = (r: SelectionRow) => `${r.unit_code}|${r.final_score}|${r.interview}|${r.written}`;

/** Groups rows by unit, keeping the order given. */
function byUnit(rows: SelectionRow[], body: Body): UnitGroup[] {
  const groups = new Map<string, UnitGroup>();
  for (const r of rows) {
    let g = groups.get(r.unit_code);
    if (!g) {
      g = { code: r.unit_code, label: unitLabel(body, r), rows: [] };
      groups.set(r.unit_code, g);
    }
    g.rows.push(r);
  }
  return [...groups.values()];
}

/** The tied groups waiting for the plenary, with every member (in the provisional order). */
export function tieGroups(rows: SelectionRow[], body: Body): TieGroup[] {
  const flagged = new Set(rows.filter((r) => r.unresolved_tie).map(tieKey));
  const groups = new Map<string, TieGroup>();
  for (const r of rows) {
    const key = tieKey(r);
    if (!flagged.has(key)) continue;
    let g = groups.get(key);
    if (!g) {
      g = { key, unitCode: r.unit_code, unitLabel: unitLabel(body, r), rows: [] };
      groups.set(key, g);
    }
    g.rows.push(r);
  }
  return [...groups.values()].filter((g) => g.rows.length > 1);
}

/** "nilai akhir 85,00 (wawancara 85,00, tertulis 75,00)" or "nilai tertulis 75,00". */
function scoresText(r: SelectionRow): string {
  if (r.final_score) return `nilai akhir ${r.final_score} (wawancara ${r.interview || "—"}, tertulis ${r.written || "—"})`;
  return `nilai tertulis ${r.written || "—"}`;
}

const markCell = (m: string) => (m === "" ? "—" : m);

/**
 * A result list of a round: after the written test (who goes on to the
 * interview) or the final ranking (Terpilih, Cadangan in order), per unit,
 * with why each applicant stands where they do. A tie across a cut is
 * flagged; on the final ranking a Pimpinan records the plenary's order.
 */
export function ResultsPanel({ session, round, stage, onChanged }: Props) {
  const [rows, setRows] = useState<SelectionRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [unit, setUnit] = useState("");
  const [text, setText] = useState("");
  const [onlyPassed, setOnlyPassed] = useState(false);
  const [allExplained, setAllExplained] = useState(false);
  const [expanded, setExpanded] = useState<Set<number>>(() => new Set());
  const [deciding, setDeciding] = useState<TieGroup | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const mounted = useMounted();
  const current = useRef({ roundId: round.id, stage });
  current.current = { roundId: round.id, stage };
  const baseId = useId();


  const load = useCallback(async () => {
    const roundId = round.id;
    try {
      const r = await call("selection_results", { roundId, stage, unit: null });
      if (!mounted.current || current.current.roundId !== roundId || current.current.stage !== stage) return;
      setRows(r);
      setError(null);
    } catch (e) {
      if (mounted.current) setError(toErrorPayload(e).message);
    }
  }, [round.id, stage]);

  useEffect(() => {
    setRows(null);
    setError(null);
    setMessage(null);
    setUnit("");
    setExpanded(new Set());
    void load();
  }, [load]);

  const units = useMemo(() => byUnit(rows ?? [], round.body), [rows, round.body]);
  const ties = useMemo(() => tieGroups(rows ?? [], round.body), [rows, round.body]);
  const shown = useMemo(() => {
    const t = text.trim().toLowerCase();
    return units
      .filter((u) => unit === "" || u.code === unit)
      .map((u) => ({
        ...u,
        rows: u.rows.filter(
          (r) =>
            (!onlyPassed || passed(r, stage)) &&
            (!t || r.full_name.toLowerCase().includes(t) || r.reg_number.toLowerCase().includes(t)),
        ),
      }))
      .filter((u) => u.rows.length > 0);
  }, [units, unit, text, onlyPassed, stage]);

  const mayDecide = stage === "akhir" && may(session, "plenary_decisions");
  const isFinal = stage === "akhir";
  const closeDialog = useCallback(() => setDeciding(null), []);
  const toggle = (id: number) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const titleId = `${baseId}-title`;
  const columns = isFinal ? 9 : 7;
  const passedLabel = isFinal ? "Hanya yang terpilih dan cadangan" : "Hanya yang lulus";

  return (
    <section aria-labelledby={titleId} className="results-panel">
      <div className="section-head">
        <h2 id={titleId}>{isFinal ? "Hasil akhir" : "Hasil tes tertulis"}</h2>
        <ExportButton
          list={{ list: "results", round_id: round.id, stage, unit: unit || null }}
          title={unit ? "Hasil wilayah tugas yang dipilih" : "Hasil semua wilayah tugas"}
        />
      </div>
      <p className="muted">
        {isFinal
          ? `Per wilayah tugas: sebanyak kuotanya (biasanya ${angka(round.settings.quota_per_unit)}) teratas Terpilih, berikutnya Cadangan berurutan; diurutkan menurut nilai akhir, lalu nilai wawancara, lalu nilai tertulis.`
          : `Per wilayah tugas: peringkat teratas sampai ${angka(round.settings.written_pass_multiple)} × kuota lulus ke tes wawancara, ditambah semua yang nilainya sama dengan peringkat terakhir; yang tidak hadir tidak lulus.`}
      </p>
      <ErrorBox message={error} />
      {message && (
        <p className="ok-box" role="status" data-testid="results-message">
          {message}
        </p>
      )}
      {!rows && !error && <p aria-busy="true">Memuat…</p>}
      {rows && rows.length === 0 && <p className="empty">Belum ada peserta pada tahap ini.</p>}
      {rows && rows.length > 0 && (
        <>
          {ties.length > 0 && (
            <p className="warn-box" data-testid="ties-summary">
              {angka(ties.length)} kelompok nilai seri di batas menunggu keputusan rapat pleno.
              {mayDecide
                ? " Catat urutan yang diputuskan rapat pleno pada wilayah yang ditandai."
                : isFinal
                  ? " Pimpinan mencatat urutan yang diputuskan rapat pleno."
                  : ""}
            </p>
          )}
          <div className="filters" role="search" aria-label="Saring hasil">
            <label className="inline-field">
              <span>Wilayah tugas</span>
              <select value={unit} onChange={(e) => setUnit(e.target.value)}>
                <option value="">Semua wilayah</option>
                {units.map((u) => (
                  <option key={u.code} value={u.code}>
                    {u.label}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline-field grow">
              <span>Cari</span>
              <input
                type="search"
                value={text}
                onChange={(e) => setText(e.target.value)}
                placeholder="Nama atau nomor pendaftaran"
                aria-label="Cari nama atau nomor pendaftaran"
                autoComplete="off"
              />
            </label>
            <label className="check">
              <input type="checkbox" checked={onlyPassed} onChange={(e) => setOnlyPassed(e.target.checked)} />
              <span>{passedLabel}</span>
            </label>
            <label className="check">
              <input type="checkbox" checked={allExplained} onChange={(e) => setAllExplained(e.target.checked)} />
              <span>Tampilkan semua penjelasan</span>
            </label>
          </div>
          {shown.length === 0 && <p className="empty">Tidak ada peserta yang cocok dengan saringan.</p>}
          {shown.map((u, ui) => {
            const headId = `${baseId}-unit-${ui}`;
            const unitTies = ties.filter((t) => t.unitCode === u.code);
            return (
              <section key={u.code} className="results-unit" aria-labelledby={headId} data-testid="results-unit">
                <h3 id={headId}>
                  {u.label} <span className="muted">({u.code})</span>
                </h3>
                {unitTies.length > 0 && (
                  <div className="warn-box" data-testid="unit-ties">
                    <p>Nilai seri di batas, menunggu keputusan rapat pleno:</p>
                    <ul className="tie-groups">
                      {unitTies.map((t, ti) => {
                        const descId = `${headId}-tie-${ti}`;
                        return (
                          <li key={t.key}>
                            <span id={descId}>
                              {scoresText(t.rows[0]!)}: {t.rows.map((r) => r.full_name).join(", ")}
                            </span>
                            {mayDecide && (
                              <button type="button" className="small" aria-describedby={descId} onClick={() => setDeciding(t)}>
                                Catat keputusan pleno…
                              </button>
                            )}
                          </li>
                        );
                      })}
                    </ul>
                  </div>
                )}
                <div className="table-wrap">
                  <table className="data results" aria-labelledby={headId}>
                    <thead>
                      <tr>
                        <th scope="col" className="num">
                          Peringkat
                        </th>
                        <th scope="col">Nama</th>
                        <th scope="col">Nomor pendaftaran</th>
                        <th scope="col">L/P</th>
                        <th scope="col" className="num">
                          Nilai tertulis
                        </th>
                        {isFinal && (
                          <th scope="col" className="num">
                            Nilai wawancara
                          </th>
                        )}
                        {isFinal && (
                          <th scope="col" className="num">
                            Nilai akhir
                          </th>
                        )}
                        <th scope="col">Status</th>
                        <th scope="col">Penjelasan</th>
                      </tr>
                    </thead>
                    <tbody>
                      {u.rows.flatMap((r) => {
                        const open = allExplained || expanded.has(r.applicant_id);
                        const explainId = `${baseId}-explain-${r.applicant_id}`;
                        const out = [
                          <tr
                            key={r.applicant_id}
                            data-testid="result-row"
                            className={r.unresolved_tie ? "tie" : undefined}
                          >
                            <td className="num">{r.rank ?? "—"}</td>
                            <th scope="row">{r.full_name}</th>
                            <td className="mono">{r.reg_number}</td>
                            <td>{r.sex}</td>
                            <td className="num">{markCell(r.written)}</td>
                            {isFinal && <td className="num">{markCell(r.interview)}</td>}
                            {isFinal && <td className="num">{markCell(r.final_score)}</td>}
                            <td>
                              <span className={`badge st-${r.status}`} title={r.explanation} data-testid="status">
                                {statusText(r)}
                              </span>
                              {r.paw_note && (
                                <span className="badge paw" data-testid="paw-note">
                                  {r.paw_note}
                                </span>
                              )}
                              {r.unresolved_tie && (
                                <span className="badge warn" data-testid="tie-flag">
                                  Seri — menunggu keputusan pleno
                                </span>
                              )}
                            </td>
                            <td className="explain">
                              {allExplained ? (
                                <span className="muted">di bawah</span>
                              ) : (
                                <button
                                  type="button"
                                  className="small"
                                  aria-expanded={open}
                                  aria-controls={open ? explainId : undefined}
                                  aria-label={`Penjelasan untuk ${r.full_name}`}
                                  onClick={() => toggle(r.applicant_id)}
                                >
                                  {open ? "Tutup" : "Penjelasan"}
                                </button>
                              )}
                            </td>
                          </tr>,
                        ];
                        if (open) {
                          out.push(
                            <tr key={`${r.applicant_id}-explain`} className="explanation-row" id={explainId}>
                              <td colSpan={columns} data-testid="explanation">
                                {r.explanation}
                              </td>
                            </tr>,
                          );
                        }
                        return out;
                      })}
                    </tbody>
                  </table>
                </div>
              </section>
            );
          })}
        </>
      )}
      {deciding && (
        <TieDialog
          roundId={round.id}
          group={deciding}
          onClose={closeDialog}
          onDecided={() => {
            setDeciding(null);
            setMessage(`Keputusan rapat pleno untuk ${deciding.unitLabel} dicatat.`);
            void load();
            onChanged?.();
          }}
        />
      )}
    </section>
  );
}

interface TieDialogProps {
  roundId: number;
  group: TieGroup;
  /** Must be stable: the modal refocuses when it changes. */
  onClose: () => void;
  onDecided: () => void;
}

/** Records the plenary's order of one tied group: reorder with Naik/Turun, give the basis, save. */
export function TieDialog({ roundId, group, onClose, onDecided }: TieDialogProps) {
  const [order, setOrder] = useState<SelectionRow[]>(group.rows);
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [announce, setAnnounce] = useState("");
  const [refocus, setRefocus] = useState<{ id: number; dir: "up" | "down"; seq: number } | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const busyRef = useRef(false);
  const baseId = useId();
  const noteId = `${baseId}-note`;

  const close = useCallback(() => {
    if (!busyRef.current) onClose();
  }, [onClose]);

  // Moving an item re-inserts its node, which loses the focus: put it back on the
  // button pressed, or on the other one when that end of the list is reached.
  useEffect(() => {
    if (!refocus) return;
    const at = order.findIndex((r) => r.applicant_id === refocus.id);
    const atEnd = refocus.dir === "up" ? at === 0 : at === order.length - 1;
    const dir = atEnd ? (refocus.dir === "up" ? "down" : "up") : refocus.dir;
    buttons.current.get(`${refocus.id}-${dir}`)?.focus();
  }, [refocus, order]);

  const move = (index: number, delta: -1 | 1) => {
    const target = index + delta;
    if (target < 0 || target >= order.length) return;
    const next = [...order];
    const [item] = next.splice(index, 1);
    next.splice(target, 0, item!);
    setOrder(next);
    setAnnounce(`${item!.full_name} sekarang urutan ${target + 1} dari ${next.length}.`);
    setRefocus((f) => ({ id: item!.applicant_id, dir: delta < 0 ? "up" : "down", seq: (f?.seq ?? 0) + 1 }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const basis = note.split(/\s+/).filter(Boolean).join(" ");
    if (basis.length < MIN_NOTE_CHARS) {
      setNoteError(
        `Tuliskan dasar keputusan (mis. nomor Berita Acara rapat pleno), paling sedikit ${MIN_NOTE_CHARS} karakter.`,
      );
      document.getElementById(noteId)?.focus();
      return;
    }
    setNoteError(null);
    setError(null);
    setBusy(true);
    busyRef.current = true;
    try {
      await call("decide_tie", { roundId, ordered: order.map((r) => r.applicant_id), note: basis });
      busyRef.current = false;
      onDecided();
    } catch (err) {
      busyRef.current = false;
      const p = toErrorPayload(err);
      if (p.field === "catatan") setNoteError(p.message);
      else setError(p.message);
      setBusy(false);
    }
  };

  const first = group.rows[0]!;
  return (
    <Modal title="Catat keputusan rapat pleno" onClose={close}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p>
          <strong>{group.unitLabel}</strong>: {angka(group.rows.length)} peserta dengan {scoresText(first)}.
        </p>
        <p className="muted" id={`${baseId}-help`}>
          Susun urutan sesuai keputusan rapat pleno, yang terbaik di atas. Gunakan tombol Naik dan Turun.
        </p>
        <ol className="tie-order" aria-label="Urutan keputusan pleno" aria-describedby={`${baseId}-help`}>
          {order.map((r, i) => {
            const whoId = `${baseId}-who-${r.applicant_id}`;
            return (
              <li key={r.applicant_id} data-testid="tie-item">
                <span className="place" aria-hidden="true">
                  {i + 1}.
                </span>
                <span className="who" id={whoId}>
                  {r.full_name} <span className="mono muted">{r.reg_number}</span>
                </span>
                <button
                  type="button"
                  className="small"
                  ref={(el) => {
                    if (el) buttons.current.set(`${r.applicant_id}-up`, el);
                    else buttons.current.delete(`${r.applicant_id}-up`);
                  }}
                  disabled={i === 0 || busy}
                  aria-describedby={whoId}
                  onClick={() => move(i, -1)}
                >
                  Naik
                </button>
                <button
                  type="button"
                  className="small"
                  ref={(el) => {
                    if (el) buttons.current.set(`${r.applicant_id}-down`, el);
                    else buttons.current.delete(`${r.applicant_id}-down`);
                  }}
                  data-autofocus={i === 0 ? true : undefined}
                  disabled={i === order.length - 1 || busy}
                  aria-describedby={whoId}
                  onClick={() => move(i, 1)}
                >
                  Turun
                </button>
              </li>
            );
          })}
        </ol>
        <p className="visually-hidden" role="status">
          {announce}
        </p>
        <div className={`field${noteError ? " has-error" : ""}`}>
          <label htmlFor={noteId}>Dasar keputusan (mis. nomor Berita Acara rapat pleno)</label>
          <textarea
            id={noteId}
            rows={2}
            value={note}
            required
            aria-required="true"
            aria-invalid={noteError ? true : undefined}
            aria-describedby={noteError ? `${noteId}-error` : `${noteId}-hint`}
            onChange={(e) => setNote(e.target.value)}
          />
          {noteError ? (
            <small id={`${noteId}-error`} className="error-text">
              {noteError}
            </small>
          ) : (
            <small id={`${noteId}-hint`} className="muted">
              Paling sedikit {MIN_NOTE_CHARS} karakter.
            </small>
          )}
        </div>
        <ErrorBox message={error} />
        <div className="actions">
          <button type="button" onClick={close} disabled={busy}>
            Batal
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Menyimpan…" : "Simpan keputusan"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
