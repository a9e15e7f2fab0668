import "./ResponsesPanel.css";

import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from "react";

import { call, toErrorPayload, type ErrorPayload } from "../api";
import { angka, tanggal } from "../api/format";
import type { ApplicantListRow } from "../bindings/ApplicantListRow";
import type { Outcome } from "../bindings/Outcome";
import type { ResponseView } from "../bindings/ResponseView";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { Session } from "../bindings/Session";
import { ErrorBox } from "../components/ErrorBox";
import { Modal } from "../components/Modal";
import { useMounted } from "../components/useMounted";
import { canDecidePlenary } from "./roles";
import { waktu } from "./scanText";

interface Props {
  session: Session;
  round: RoundSummary;
  /** A finding was recorded: a "terbukti" one drops the candidate and changes the results. */
  onChanged?: () => void;
}

/** Characters of a response shown before "Selengkapnya". */
export const CONTENT_PREVIEW_CHARS = 220;
/** The candidate search waits this long after the last key. */
export const PICKER_DELAY_MS = 200;
/** Candidates offered at most for what was typed. */
export const PICKER_LIMIT = 10;
/** The core's minimum for a content, a clarification or a reason (used in hints only; the core decides). */
const MIN_CHARS = 10;

/** The outcomes in the order the filter lists them. */
const OUTCOMES: Outcome[] = ["proses", "tidak_terbukti", "terbukti"];
const OUTCOME_FILTER_LABEL: Record<Outcome, string> = {
  proses: "Dalam proses",
  tidak_terbukti: "Tidak terbukti",
  terbukti: "Terbukti (calon gugur)",
};

/** Today on this computer as YYYY-MM-DD (the default received date). */
export function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

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

/** The start of a long text, cut at a word where possible. */
function preview(text: string): string {
  const cut = text.slice(0, CONTENT_PREVIEW_CHARS);
  const space = cut.lastIndexOf(" ");
  return `${(space > CONTENT_PREVIEW_CHARS * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** "PPK-3514-0007 – Siti Nur'aini": how a picked candidate reads in the search box. */
const candidateText = (a: { reg_number: string; full_name: string }) => `${a.reg_number} – ${a.full_name}`;

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

  const mayRecord = session.role === "verifikator";
  const mayDecide = canDecidePlenary(session.role);
  const inTerm = round.current_stage === "masa_kerja";

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
      await call("open_scan", { sha256: r.attachment_sha256 });
    } catch (e) {
      if (mounted.current) setOpenErrors((m) => ({ ...m, [r.id]: toErrorPayload(e).message }));
    }
  };

  return (
    <section className="responses-panel" aria-labelledby={titleId}>
      <div className="section-head">
        <h2 id={titleId}>Tanggapan masyarakat</h2>
        {mayRecord && !inTerm && responses && (
          <button type="button" className="primary" onClick={() => setDialog({ kind: "record" })}>
            Catat tanggapan…
          </button>
        )}
      </div>
      <p className="muted responses-intro">
        Tanggapan dan masukan masyarakat tentang calon, diterima sejak pengumuman hasil penelitian administrasi sampai
        sebelum tes wawancara. Tanggapan terbaru di atas.
      </p>
      {inTerm && (mayRecord || mayDecide) && (
        <p className="warn-box" data-testid="responses-closed">
          Seleksi sudah memasuki masa kerja: tanggapan baru tidak lagi dicatat dan tidak lagi diputuskan. Anggota yang
          diberhentikan diganti melalui PAW.
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

interface ItemProps {
  response: ResponseView;
  domId: string;
  openError: string | null;
  onOpen: () => void;
  /** Null when this user may not clarify it. */
  onClarify: (() => void) | null;
  /** Null when this user may not decide it. */
  onDecide: (() => void) | null;
}

/** One response: who it is about, what it says, what was done with it. */
function ResponseItem({ response: r, domId, openError, onOpen, onClarify, onDecide }: ItemProps) {
  const headId = `${domId}-head`;
  return (
    <li>
      <article
        id={domId}
        tabIndex={-1}
        className={`response-item outcome-${r.outcome}`}
        aria-labelledby={headId}
        data-testid="response-item"
      >
        <header className="response-head">
          <h3 id={headId}>
            <span className="mono">{r.reg_number}</span> {r.full_name}
          </h3>
          <span className={`badge outcome-badge outcome-${r.outcome}`} data-testid="response-status">
            {r.outcome_label}
          </span>
        </header>
        <p className="response-meta muted">
          <span data-testid="response-unit">{r.unit_label}</span> · Diterima{" "}
          <span data-testid="response-date">{tanggal(r.received_on)}</span>
        </p>
        <dl className="response-facts">
          <dt>Pengirim</dt>
          <dd data-testid="response-sender">
            {r.sender}
            {r.contact && <span className="muted"> ({r.contact})</span>}
          </dd>
          <dt>Isi tanggapan</dt>
          <dd>
            <ContentText id={`${domId}-content`} text={r.content} />
          </dd>
          {r.attachment_sha256 && (
            <>
              <dt>Lampiran</dt>
              <dd className="response-attachment">
                <button type="button" className="small" onClick={onOpen} aria-describedby={headId}>
                  Buka lampiran
                </button>
                {r.attachment_name && <span className="muted">{r.attachment_name}</span>}
                {openError && (
                  <span className="error-text" role="alert">
                    {openError}
                  </span>
                )}
              </dd>
            </>
          )}
          <dt>Klarifikasi</dt>
          <dd data-testid="response-clarification">
            {r.clarification ?? <span className="muted">Belum ada klarifikasi.</span>}
          </dd>
          <dt>Keputusan pleno</dt>
          <dd data-testid="response-finding">
            {r.outcome === "proses" ? (
              <span className="muted">Belum diputuskan.</span>
            ) : (
              <>
                {r.outcome_reason}
                {r.decided_at && <span className="muted"> (diputuskan {waktu(r.decided_at)})</span>}
              </>
            )}
          </dd>
        </dl>
        {(onClarify || onDecide) && (
          <div className="row-actions">
            {onClarify && (
              <button type="button" onClick={onClarify} aria-describedby={headId}>
                Klarifikasi…
              </button>
            )}
            {onDecide && (
              <button type="button" className="primary" onClick={onDecide} aria-describedby={headId}>
                Putuskan…
              </button>
            )}
          </div>
        )}
      </article>
    </li>
  );
}

/** A response's content, the start only when long, with a button to show it all. */
function ContentText({ id, text }: { id: string; text: string }) {
  const [expanded, setExpanded] = useState(false);
  const long = text.length > CONTENT_PREVIEW_CHARS;
  return (
    <>
      <span id={id} className="response-content" data-testid="response-content">
        {long && !expanded ? preview(text) : text}
      </span>
      {long && (
        <button
          type="button"
          className="link-button"
          aria-expanded={expanded}
          aria-controls={id}
          onClick={() => setExpanded((x) => !x)}
        >
          {expanded ? "Ringkas" : "Selengkapnya"}
        </button>
      )}
    </>
  );
}

// --- Recording a response -------------------------------------------------

/** The core's field names, mapped to the inputs of the record form. */
type RecordField = "tanggal_diterima" | "pengirim" | "isi";

interface RecordProps {
  round: RoundSummary;
  onClose: () => void;
  onSaved: (r: ResponseView) => void;
}

/** A Verifikator records a response: about whom, when received, from whom, what it says, an optional file. */
function RecordDialog({ round, onClose, onSaved }: RecordProps) {
  const base = useId();
  const ids = {
    picker: `${base}-calon`,
    date: `${base}-tanggal`,
    sender: `${base}-pengirim`,
    anonymous: `${base}-anonim`,
    contact: `${base}-kontak`,
    content: `${base}-isi`,
    attach: `${base}-lampiran`,
  };
  const [applicant, setApplicant] = useState<ApplicantListRow | null>(null);
  const [receivedOn, setReceivedOn] = useState(todayIso);
  const [sender, setSender] = useState("");
  const [anonymous, setAnonymous] = useState(false);
  const [contact, setContact] = useState("");
  const [content, setContent] = useState("");
  const [attach, setAttach] = useState(false);
  const [pickError, setPickError] = useState<string | null>(null);
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [busy, setBusy] = useState(false);
  const today = todayIso();

  const invalid = (field: RecordField) => (error?.field === field ? true : undefined);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setCancelled(false);
    if (!applicant) {
      setPickError("Pilih calon yang ditanggapi: ketik nama atau nomor pendaftaran, lalu pilih dari daftar.");
      document.getElementById(ids.picker)?.focus();
      return;
    }
    setPickError(null);
    setError(null);
    setBusy(true);
    try {
      const saved = await call("record_response", {
        input: {
          applicant_id: applicant.id,
          received_on: receivedOn,
          sender: anonymous ? "Anonim" : sender,
          contact,
          content,
        },
        attach,
      });
      if (saved) {
        onSaved(saved);
        return;
      }
      // The file dialog was closed without a file: nothing was saved.
      setCancelled(true);
    } catch (err) {
      const p = toErrorPayload(err);
      setError(p);
      const target = { tanggal_diterima: ids.date, pengirim: ids.sender, isi: ids.content }[p.field as RecordField];
      if (target) document.getElementById(target)?.focus();
    }
    setBusy(false);
  };

  return (
    <Modal title="Catat tanggapan masyarakat" onClose={onClose} wide>
      <form onSubmit={(e) => void save(e)} noValidate aria-label="Catat tanggapan" data-testid="response-record-dialog">
        <ApplicantPicker
          inputId={ids.picker}
          roundId={round.id}
          value={applicant}
          onChange={(a) => {
            setApplicant(a);
            if (a) setPickError(null);
          }}
          error={pickError}
        />
        <div className="grid-2">
          <div className={`field${invalid("tanggal_diterima") ? " has-error" : ""}`}>
            <label htmlFor={ids.date}>Tanggal diterima</label>
            <input
              id={ids.date}
              type="date"
              value={receivedOn}
              max={today}
              onChange={(e) => setReceivedOn(e.target.value)}
              aria-invalid={invalid("tanggal_diterima")}
            />
          </div>
          <div className={`field${invalid("pengirim") ? " has-error" : ""}`}>
            <label htmlFor={ids.sender}>Pengirim</label>
            <input
              id={ids.sender}
              type="text"
              value={anonymous ? "Anonim" : sender}
              disabled={anonymous}
              onChange={(e) => setSender(e.target.value)}
              autoComplete="off"
              aria-invalid={invalid("pengirim")}
            />
            <label className="check" htmlFor={ids.anonymous}>
              <input
                id={ids.anonymous}
                type="checkbox"
                checked={anonymous}
                onChange={(e) => setAnonymous(e.target.checked)}
              />
              <span>Pengirim tidak menyebutkan nama (Anonim)</span>
            </label>
          </div>
        </div>
        <div className="field">
          <label htmlFor={ids.contact}>Kontak pengirim</label>
          <input
            id={ids.contact}
            type="text"
            value={contact}
            onChange={(e) => setContact(e.target.value)}
            autoComplete="off"
            aria-describedby={`${ids.contact}-hint`}
          />
          <small id={`${ids.contact}-hint`} className="muted">
            Nomor telepon, surel, atau alamat; boleh dikosongkan.
          </small>
        </div>
        <div className={`field${invalid("isi") ? " has-error" : ""}`}>
          <label htmlFor={ids.content}>Isi tanggapan</label>
          <textarea
            id={ids.content}
            rows={5}
            value={content}
            onChange={(e) => setContent(e.target.value)}
            aria-invalid={invalid("isi")}
            aria-describedby={`${ids.content}-hint`}
          />
          <small id={`${ids.content}-hint`} className="muted">
            Tuliskan pokok tanggapan sebagaimana disampaikan, paling sedikit {MIN_CHARS} karakter.
          </small>
        </div>
        <label className="check" htmlFor={ids.attach}>
          <input
            id={ids.attach}
            type="checkbox"
            checked={attach}
            onChange={(e) => setAttach(e.target.checked)}
            aria-describedby={`${ids.attach}-hint`}
          />
          <span>Lampirkan berkas</span>
        </label>
        <small id={`${ids.attach}-hint`} className="muted response-attach-hint">
          Berkas PDF, JPG, atau PNG (mis. surat atau foto bukti) dipilih sesudah menekan Simpan.
        </small>
        {cancelled && (
          <p className="warn-box" role="status" data-testid="response-attach-cancelled">
            Berkas lampiran tidak dipilih, jadi tanggapan belum disimpan. Tekan Simpan lagi untuk memilih berkas, atau
            hapus centang “Lampirkan berkas”.
          </p>
        )}
        <ErrorBox message={error?.message} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Batal
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Menyimpan…" : attach ? "Pilih berkas dan simpan…" : "Simpan tanggapan"}
          </button>
        </div>
      </form>
    </Modal>
  );
}

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
function ApplicantPicker({ inputId, roundId, value, onChange, error }: PickerProps) {
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

// --- Clarification --------------------------------------------------------

interface ResponseDialogProps {
  response: ResponseView;
  onClose: () => void;
  onSaved: (r: ResponseView) => void;
}

/** What the dialogs repeat about the response being handled. */
function ResponseSummary({ response: r }: { response: ResponseView }) {
  return (
    <div className="response-summary">
      <p>
        Tanggapan tentang <strong>{r.full_name}</strong> ({r.reg_number}, {r.unit_label}) dari {r.sender}, diterima{" "}
        {tanggal(r.received_on)}:
      </p>
      <blockquote className="response-quote">{r.content}</blockquote>
    </div>
  );
}

/** A Verifikator records what the clarification found (while the response is undecided). */
function ClarifyDialog({ response, onClose, onSaved }: ResponseDialogProps) {
  const id = useId();
  const [text, setText] = useState(response.clarification ?? "");
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    setBusy(true);
    try {
      onSaved(await call("clarify_response", { id: response.id, text }));
      return;
    } catch (err) {
      setError(toErrorPayload(err));
      document.getElementById(id)?.focus();
    }
    setBusy(false);
  };

  return (
    <Modal title="Klarifikasi tanggapan" onClose={onClose} wide>
      <form onSubmit={(e) => void save(e)} noValidate aria-label="Klarifikasi tanggapan" data-testid="response-clarify-dialog">
        <ResponseSummary response={response} />
        <div className={`field${error ? " has-error" : ""}`}>
          <label htmlFor={id}>Hasil klarifikasi</label>
          <textarea
            id={id}
            rows={5}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-invalid={error?.field === "klarifikasi" ? true : undefined}
            aria-describedby={`${id}-hint`}
            data-autofocus
          />
          <small id={`${id}-hint`} className="muted">
            Apa yang diperoleh dari calon, pengirim, atau pihak lain; paling sedikit {MIN_CHARS} karakter. Klarifikasi
            dapat diubah selama tanggapan belum diputuskan.
          </small>
        </div>
        <ErrorBox message={error?.message} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Batal
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Menyimpan…" : "Simpan klarifikasi"}
          </button>
        </div>
      </form>
    </Modal>
  );
}

// --- The plenary's finding ------------------------------------------------

/** The Pimpinan records the plenary's finding; "terbukti" is confirmed first (the candidate is dropped). */
function DecideDialog({ response, onClose, onSaved }: ResponseDialogProps) {
  const base = useId();
  const ids = {
    terbukti: `${base}-terbukti`,
    tidak: `${base}-tidak`,
    reason: `${base}-alasan`,
    confirm: `${base}-setuju`,
    choiceError: `${base}-hasil-error`,
    confirmError: `${base}-setuju-error`,
  };
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [reason, setReason] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const [local, setLocal] = useState<{ choice?: string; confirm?: string }>({});
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);
  const r = response;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    if (!outcome) {
      setLocal({ choice: "Pilih hasil rapat pleno: terbukti atau tidak terbukti." });
      document.getElementById(ids.terbukti)?.focus();
      return;
    }
    if (outcome === "terbukti" && !confirmed) {
      setLocal({ confirm: "Centang pernyataan ini untuk menyatakan tanggapan terbukti." });
      document.getElementById(ids.confirm)?.focus();
      return;
    }
    setLocal({});
    setBusy(true);
    try {
      onSaved(await call("decide_response", { id: r.id, outcome, reason }));
      return;
    } catch (err) {
      const p = toErrorPayload(err);
      setError(p);
      if (p.field === "alasan") document.getElementById(ids.reason)?.focus();
    }
    setBusy(false);
  };

  const choose = (o: Outcome) => {
    setOutcome(o);
    setLocal({});
    if (o !== "terbukti") setConfirmed(false);
  };

  return (
    <Modal title="Putuskan tanggapan" onClose={onClose} wide>
      <form onSubmit={(e) => void save(e)} noValidate aria-label="Putuskan tanggapan" data-testid="response-decide-dialog">
        <ResponseSummary response={r} />
        <p>
          <strong>Klarifikasi:</strong>{" "}
          {r.clarification ?? <span className="muted">belum ada klarifikasi yang dicatat verifikator.</span>}
        </p>
        <fieldset aria-describedby={local.choice ? ids.choiceError : undefined}>
          <legend>Hasil rapat pleno</legend>
          <label className="check" htmlFor={ids.terbukti}>
            <input
              id={ids.terbukti}
              type="radio"
              name={`${base}-hasil`}
              value="terbukti"
              checked={outcome === "terbukti"}
              onChange={() => choose("terbukti")}
              data-autofocus
            />
            <span>
              Terbukti <span className="muted">– calon dinyatakan gugur</span>
            </span>
          </label>
          <label className="check" htmlFor={ids.tidak}>
            <input
              id={ids.tidak}
              type="radio"
              name={`${base}-hasil`}
              value="tidak_terbukti"
              checked={outcome === "tidak_terbukti"}
              onChange={() => choose("tidak_terbukti")}
            />
            <span>
              Tidak terbukti <span className="muted">– calon tetap mengikuti seleksi</span>
            </span>
          </label>
          {local.choice && (
            <small id={ids.choiceError} className="error-text" role="alert">
              {local.choice}
            </small>
          )}
        </fieldset>
        <div className={`field${error?.field === "alasan" ? " has-error" : ""}`}>
          <label htmlFor={ids.reason}>Dasar keputusan</label>
          <textarea
            id={ids.reason}
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={error?.field === "alasan" ? true : undefined}
            aria-describedby={`${ids.reason}-hint`}
          />
          <small id={`${ids.reason}-hint`} className="muted">
            Mis. hasil klarifikasi dan nomor Berita Acara rapat pleno; paling sedikit {MIN_CHARS} karakter. Dicatat dalam
            jejak audit.
          </small>
        </div>
        {outcome === "terbukti" && (
          <div className="warn-box response-consequence" data-testid="response-consequence">
            <p>
              Bila dinyatakan terbukti, <strong>{r.full_name}</strong> ({r.reg_number}) dinyatakan gugur dari seleksi dan
              cadangan berikutnya di {r.unit_label} naik menggantikannya. Keputusan ini tidak dapat diubah lagi.
            </p>
            <label className="check" htmlFor={ids.confirm}>
              <input
                id={ids.confirm}
                type="checkbox"
                checked={confirmed}
                onChange={(e) => {
                  setConfirmed(e.target.checked);
                  setLocal({});
                }}
                aria-invalid={local.confirm ? true : undefined}
                aria-describedby={local.confirm ? ids.confirmError : undefined}
              />
              <span>Saya mengerti: calon dinyatakan gugur; cadangan berikutnya naik.</span>
            </label>
            {local.confirm && (
              <small id={ids.confirmError} className="error-text" role="alert">
                {local.confirm}
              </small>
            )}
          </div>
        )}
        <ErrorBox message={error?.message} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Batal
          </button>
          <button type="submit" className={outcome === "terbukti" ? "danger" : "primary"} disabled={busy}>
            {busy
              ? "Menyimpan…"
              : outcome === "terbukti"
                ? "Nyatakan terbukti"
                : outcome === "tidak_terbukti"
                  ? "Nyatakan tidak terbukti"
                  : "Simpan keputusan"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
