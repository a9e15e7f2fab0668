import "./ResponsesPanel.css";

import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";

import { call, toErrorPayload } from "../api";
import { angka } from "../api/format";
import type { Outcome } from "../bindings/Outcome";
import type { ResponseView } from "../bindings/ResponseView";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { Session } from "../bindings/Session";
import { ErrorBox } from "../components/ErrorBox";
import { useMounted } from "../components/useMounted";
import { ClarifyDialog } from "./responses/ClarifyDialog";
import { DecideDialog } from "./responses/DecideDialog";
import { RecordDialog } from "./responses/RecordDialog";
import { ResponseItem } from "./responses/ResponseItem";
import { may } from "./may";

interface Props {
  session: Session;
  round: RoundSummary;
  /** A finding was recorded: a "terbukti" one drops the candidate and changes the results. */
  onChanged?: () => void;
}

/** The outcomes in the order the filter lists them. */
const OUTCOMES: Outcome[] = ["proses", "tidak_terbukti", "terbukti"];
const OUTCOME_FILTER_LABEL: Record<Outcome, string> = {
  proses: "Dalam proses",
  tidak_terbukti: "Tidak terbukti",
  terbukti: "Terbukti (calon gugur)",
};

/** Newest first: by the date received, then the one recorded last. */
function newestFirst(a: ResponseView, b: ResponseView): number {
  if (a.received_on !== b.received_on) return a.received_on < b.received_on ? 1 : -1;
  return b.id - a.id;
}

/** Whether a response matches the search text (candidate, sender, contact or content). */
function matches(r: ResponseView, text: string): boolean {
  if (!text) return true;
  const t = text.toLowerCase();
  return [r.full_name, r.reg_number, r.unit_label, r.sender, r.contact ?? "", r.content, r.clarification ?? ""].some(
    (s) => s.toLowerCase().includes(t),
  );
}

type Dialog = { kind: "record" } | { kind: "clarify"; response: ResponseView } | { kind: "decide"; response: ResponseView } | null;

/**
 * Public responses (tanggapan masyarakat) about the candidates of a round,
 * newest first: who sent what about whom, the attached file, the
 * clarification and the plenary's finding. A Verifikator records responses
 * and their clarification; a Pimpinan records the plenary's finding
 * ("terbukti" drops the candidate and the next reserve moves up). The core
 * validates everything; its refusals are shown as it words them.
 */
export function ResponsesPanel({ session, round, onChanged }: Props) {
  const [responses, setResponses] = useState<ResponseView[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [status, setStatus] = useState<"" | Outcome>("");
  const [text, setText] = useState("");
  const [dialog, setDialog] = useState<Dialog>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [openErrors, setOpenErrors] = useState<Record<number, string>>({});
  /** The response to move the focus to once its dialog is gone. */
  const [focusId, setFocusId] = useState<number | null>(null);
  const titleId = useId();
  const latest = useRef(0);
  const mounted = useMounted();

  const load = useCallback(async () => {
    const seq = ++latest.current;
    try {
      const list = await call("list_responses", { roundId: round.id });
      if (!mounted.current || seq !== latest.current) return;
      setResponses(list);
      setLoadError(null);
    } catch (e) {
      if (mounted.current && seq === latest.current) setLoadError(toErrorPayload(e).message);
    }
  }, [round.id]);

  useEffect(() => {
    setResponses(null);
    setLoadError(null);
    setMessage(null);
    setDialog(null);
    setOpenErrors({});
    void load();
  }, [load]);

  useEffect(() => {
    if (focusId === null) return;
    document.getElementById(itemId(titleId, focusId))?.focus();
    setFocusId(null);
  }, [focusId, titleId]);

  const mayRecord = may(session, "record_responses");
  const mayDecide = may(session, "plenary_decisions");
  const inTerm = round.current_stage === "masa_kerja";
  // The core says whether the round's window takes a new response now.
  const canRecord = round.responses_open;

  const sorted = useMemo(() => (responses ? [...responses].sort(newestFirst) : []), [responses]);
  const counts = useMemo(() => {
    const c: Record<Outcome, number> = { proses: 0, tidak_terbukti: 0, terbukti: 0 };
    for (const r of sorted) c[r.outcome] += 1;
    return c;
  }, [sorted]);
  const visible = useMemo(() => {
    const t = text.trim();
    return sorted.filter((r) => (status === "" || r.outcome === status) && matches(r, t));
  }, [sorted, status, text]);
  const filtered = status !== "" || text.trim() !== "";

  const closeDialog = useCallback(() => setDialog(null), []);

  /** A response as the core now has it: replaces the one listed, or joins the list. */
  const upsert = (r: ResponseView) =>
    setResponses((list) => {
      const rest = (list ?? []).filter((x) => x.id !== r.id);
      return [...rest, r];
    });

  const recorded = (r: ResponseView) => {
    upsert(r);
    // Show it whatever the filters were.
    setStatus("");
    setText("");
    setDialog(null);
    setMessage(`Tanggapan tentang ${r.full_name} (${r.reg_number}) dicatat.`);
    setFocusId(r.id);
  };

  const clarified = (r: ResponseView) => {
    upsert(r);
    setDialog(null);
    setMessage(`Klarifikasi tanggapan tentang ${r.full_name} disimpan.`);
    setFocusId(r.id);
  };

  const decided = (r: ResponseView) => {
    upsert(r);
    setDialog(null);
    setMessage(
      r.outcome === "terbukti"
        ? `Tanggapan tentang ${r.full_name} dinyatakan terbukti: calon dinyatakan gugur dan cadangan berikutnya naik.`
        : `Tanggapan tentang ${r.full_name} dinyatakan tidak terbukti.`,
    );
    setFocusId(r.id);
    onChanged?.();
  };

  const openAttachment = async (r: ResponseView) => {
    if (!r.attachment_sha256) return;
    setOpenErrors(({ [r.id]: _, ...rest }) => rest);
    try {
      const problem = await call("open_scan", { sha256: r.attachment_sha256 });
      if (problem && mounted.current) setOpenErrors((m) => ({ ...m, [r.id]: problem }));
    } catch (e) {
      if (mounted.current) setOpenErrors((m) => ({ ...m, [r.id]: toErrorPayload(e).message }));
    }
  };

  return (
    <section className="responses-panel" aria-labelledby={titleId}>
      <div className="section-head">
        <h2 id={titleId}>Tanggapan masyarakat</h2>
        {mayRecord && canRecord && responses && (
          <button type="button" className="primary" onClick={() => setDialog({ kind: "record" })}>
            Catat tanggapan…
          </button>
        )}
      </div>
      {canRecord || !(mayRecord || mayDecide) ? (
        <p className="muted responses-intro" data-testid="responses-window">
          {round.responses_note} Tanggapan terbaru di atas.
        </p>
      ) : (
        <p className="warn-box" data-testid="responses-closed">
          {round.responses_note}
        </p>
      )}
      <ErrorBox message={loadError} />
      {!responses && !loadError && <p aria-busy="true">Memuat…</p>}
      {message && (
        <p className="ok-box" role="status" data-testid="responses-message">
          {message}
        </p>
      )}
      {responses && (
        <>
          <p className="responses-counters" data-testid="responses-counters">
            {angka(sorted.length)} tanggapan: {angka(counts.proses)} dalam proses, {angka(counts.terbukti)} terbukti,{" "}
            {angka(counts.tidak_terbukti)} tidak terbukti
          </p>
          {sorted.length > 0 && (
            <div className="filters" role="search" aria-label="Saring tanggapan">
              <label className="inline-field">
                <span>Status</span>
                <select value={status} onChange={(e) => setStatus(e.target.value as "" | Outcome)}>
                  <option value="">Semua status ({angka(sorted.length)})</option>
                  {OUTCOMES.map((o) => (
                    <option key={o} value={o}>
                      {OUTCOME_FILTER_LABEL[o]} ({angka(counts[o])})
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
                  placeholder="Nama atau nomor calon, pengirim, atau isi"
                  autoComplete="off"
                  aria-label="Cari nama atau nomor calon, pengirim, atau isi tanggapan"
                />
              </label>
              {filtered && (
                <span className="muted" aria-live="polite" data-testid="responses-shown">
                  {angka(visible.length)} dari {angka(sorted.length)} tanggapan
                </span>
              )}
            </div>
          )}
          {sorted.length === 0 ? (
            <p className="empty">Belum ada tanggapan masyarakat pada seleksi ini.</p>
          ) : visible.length === 0 ? (
            <p className="empty">Tidak ada tanggapan yang cocok dengan saringan.</p>
          ) : (
            <ol className="responses-list" aria-label="Daftar tanggapan masyarakat">
              {visible.map((r) => (
                <ResponseItem
                  key={r.id}
                  response={r}
                  domId={itemId(titleId, r.id)}
                  openError={openErrors[r.id] ?? null}
                  onOpen={() => void openAttachment(r)}
                  onClarify={mayRecord && r.outcome === "proses" ? () => setDialog({ kind: "clarify", response: r }) : null}
                  onDecide={
                    mayDecide && !inTerm && r.outcome === "proses" ? () => setDialog({ kind: "decide", response: r }) : null
                  }
                />
              ))}
            </ol>
          )}
        </>
      )}

      {dialog?.kind === "record" && <RecordDialog round={round} onClose={closeDialog} onSaved={recorded} />}
      {dialog?.kind === "clarify" && <ClarifyDialog response={dialog.response} onClose={closeDialog} onSaved={clarified} />}
      {dialog?.kind === "decide" && <DecideDialog response={dialog.response} onClose={closeDialog} onSaved={decided} />}
    </section>
  );
}

/** The DOM id of a listed response (focused after a change). */
const itemId = (base: string, id: number) => `${base}-response-${id}`;
