import { useCallback, useEffect, useRef, useState } from "react";

import { call, toErrorPayload } from "../api";
import type { Attachment } from "../bindings/Attachment";
import type { DocumentRow } from "../bindings/DocumentRow";
import type { DocVerdict } from "../bindings/DocVerdict";
import type { VerificationView } from "../bindings/VerificationView";
import { ErrorBox } from "../components/ErrorBox";
import { Modal } from "../components/Modal";
import { adminVerdictLabel, statusLabel } from "./applicantText";
import { MIN_REASON, OverrideDialog } from "./OverrideDialog";
import { RuleList } from "./RuleList";
import { DocumentLine, focusChoice, type ReasonDraft } from "./verification/DocumentLine";
import { ScanList } from "./verification/ScanList";
import { VerdictReasons } from "./verification/VerdictReasons";

interface Props {
  /** The applicant whose file is shown. */
  id: number;
  /** The role may record verdicts and decisions (Verifikator), and the stage is open. */
  canVerify: boolean;
  /** The role may attach scans (help desk, Verifikator), and the stage is open. */
  canAttach?: boolean;
  /** Something was saved: counts elsewhere should reload. */
  onChanged?: () => void;
}

/** The documents worth showing: those asked of this applicant, and optional ones. */
export const shownDocuments = (docs: DocumentRow[]) => docs.filter((d) => d.applies || !d.mandatory);

/**
 * One applicant's file in the penelitian administrasi: the eligibility
 * rules, a verdict per document, and the administrative verdict the core
 * derives (or a Verifikator's decision over it), with "perlu perbaikan".
 * Each document lists its scans (opened in the system's viewer); the help
 * desk and verifiers attach more. Read-only for roles that do not verify.
 */
export function VerificationPanel({ id, canVerify, canAttach = false, onChanged }: Props) {
  const [view, setView] = useState<VerificationView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Per document code: a reason being written, an error from the core, a save under way.
  const [drafts, setDrafts] = useState<Record<string, ReasonDraft>>({});
  const [docErrors, setDocErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState<Record<string, number>>({});
  const [overriding, setOverriding] = useState(false);
  const [verdictError, setVerdictError] = useState<string | null>(null);
  const [fixNote, setFixNote] = useState<string | null>(null);
  const [fixError, setFixError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // Scans: the list, a failure to load it, per document code an attach under way or an error.
  const [scans, setScans] = useState<Attachment[] | null>(null);
  const [scansError, setScansError] = useState<string | null>(null);
  const [attaching, setAttaching] = useState<Record<string, boolean>>({});
  const [scanErrors, setScanErrors] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<{ scan: Attachment; src: string } | null>(null);

  const live = useRef(true);
  const loadScans = useCallback(async () => {
    try {
      const list = await call("list_scans", { applicantId: id });
      if (live.current) {
        setScans(list ?? []);
        setScansError(null);
      }
    } catch (e) {
      if (live.current) setScansError(toErrorPayload(e).message);
    }
  }, [id]);

  // A file just opened (Alt+B, a number): the focus goes to the verdict of
  // its first document not checked yet, so the Verifikator works on by keyboard.
  const focusedFor = useRef<number | null>(null);
  const firstFocus = useRef<string | null>(null);
  // Once the file is on screen (its radios rendered), not before.
  useEffect(() => {
    if (!view || firstFocus.current === null) return;
    const code = firstFocus.current;
    firstFocus.current = null;
    // Not when the Verifikator is already at a verdict (a click or a key was quicker).
    focusChoice(code, true);
  }, [view]);
  useEffect(() => {
    live.current = true;
    call("verification_view", { id }).then(
      (v) => {
        if (!live.current) return;
        setView(v);
        if (canVerify && focusedFor.current !== id) {
          focusedFor.current = id;
          const docs = shownDocuments(v.documents);
          firstFocus.current = (docs.find((d) => d.verdict === null) ?? docs[0])?.code ?? null;
        }
      },
      (e) => live.current && setLoadError(toErrorPayload(e).message),
    );
    void loadScans();
    return () => {
      live.current = false;
    };
  }, [id, loadScans, canVerify]);

  // Saves go to the core one after another, so the last choice is the one
  // stored and the view shown is the one the core returned last.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const enqueue = useCallback(<T,>(job: () => Promise<T>): Promise<T> => {
    const next = queue.current.then(job, job);
    queue.current = next.catch(() => undefined);
    return next;
  }, []);

  const applied = useCallback(
    (v: VerificationView, text: string | null = null) => {
      setView(v);
      setMessage(text);
      onChanged?.();
    },
    [onChanged],
  );

  const setDraft = (code: string, draft: ReasonDraft | null) => setDrafts((all) => withEntry(all, code, draft));
  const setDocError = (code: string, error: string | null) => setDocErrors((all) => withEntry(all, code, error));
  const setScanError = (code: string, error: string | null) => setScanErrors((all) => withEntry(all, code, error));

  /** Asks the core to pick a scan for a document (its file dialog); null when cancelled. */
  const attach = async (doc: DocumentRow) => {
    setScanError(doc.code, null);
    setAttaching((a) => ({ ...a, [doc.code]: true }));
    try {
      const added = await call("attach_scan", { applicantId: id, code: doc.code });
      if (added && live.current) {
        setMessage(`Pindaian “${added.file_name}” dilampirkan pada ${doc.name}.`);
        await loadScans();
      }
    } catch (e) {
      if (live.current) setScanError(doc.code, toErrorPayload(e).message);
    } finally {
      if (live.current) setAttaching((a) => withEntry(a, doc.code, null));
    }
  };

  /** Opens a scan in the system's viewer. */
  const openScan = async (scan: Attachment) => {
    setScanError(scan.code, null);
    try {
      // Images are shown here; a PDF opens in the system's viewer.
      const image = await call("scan_image", { sha256: scan.sha256 });
      if (image) {
        if (live.current) setPreview({ scan, src: image });
      } else {
        const problem = await call("open_scan", { sha256: scan.sha256 });
        if (problem && live.current) setScanError(scan.code, problem);
      }
    } catch (e) {
      if (live.current) setScanError(scan.code, toErrorPayload(e).message);
    }
  };

  const record = async (doc: DocumentRow, verdict: DocVerdict, reason: string) => {
    setSaving((s) => ({ ...s, [doc.code]: (s[doc.code] ?? 0) + 1 }));
    try {
      const v = await enqueue(() => call("record_document_check", { applicantId: id, code: doc.code, verdict, reason }));
      // The reason box goes away: keep the keyboard in this document's choices.
      const inEditor = !!document.activeElement?.closest(`[data-editor="${doc.code}"]`);
      // Only the reason just saved is done with; another choice cleared it already
      // (and a reason started meanwhile must not be lost).
      if (verdict === "tidak_sesuai") setDraft(doc.code, null);
      setDocError(doc.code, null);
      applied(v);
      if (inEditor) focusChoice(doc.code);
    } catch (e) {
      const p = toErrorPayload(e);
      if (verdict === "tidak_sesuai") setDraft(doc.code, { reason, error: p.message });
      else setDocError(doc.code, p.message);
    } finally {
      setSaving((s) => ({ ...s, [doc.code]: (s[doc.code] ?? 1) - 1 }));
    }
  };

  const choose = (doc: DocumentRow, verdict: DocVerdict) => {
    setDocError(doc.code, null);
    if (verdict === "tidak_sesuai") {
      // Nothing is sent until a reason is written (the core refuses without one).
      setDraft(doc.code, { reason: doc.verdict === "tidak_sesuai" ? (doc.reason ?? "") : "", error: null });
    } else {
      setDraft(doc.code, null);
      void record(doc, verdict, "");
    }
  };

  const submitReason = (doc: DocumentRow) => {
    const draft = drafts[doc.code];
    if (!draft) return;
    if (!draft.reason.trim()) {
      setDraft(doc.code, { ...draft, error: "Tuliskan alasan berkas ini tidak sesuai, atau pilih salah satu alasan." });
      document.getElementById(`doc-${doc.code}-reason`)?.focus();
      return;
    }
    void record(doc, "tidak_sesuai", draft.reason.trim());
  };

  const returnToDerived = async () => {
    setVerdictError(null);
    try {
      applied(
        await enqueue(() => call("set_admin_override", { applicantId: id, verdict: null, reason: "" })),
        "Keputusan verifikator dihapus; berlaku hasil pemeriksaan berkas.",
      );
      focusLater("override-open");
    } catch (e) {
      setVerdictError(toErrorPayload(e).message);
    }
  };

  const saveFix = async (needsFix: boolean, note: string) => {
    if (needsFix && note.trim().length < MIN_REASON) {
      setFixError("Tuliskan apa yang perlu diperbaiki atau dilengkapi (paling sedikit 5 karakter).");
      document.getElementById("fix-note")?.focus();
      return;
    }
    setFixError(null);
    try {
      const v = await enqueue(() => call("set_needs_fix", { applicantId: id, needsFix, note: needsFix ? note.trim() : "" }));
      if (document.activeElement?.closest("[data-editor='fix']")) focusLater("needs-fix");
      setFixNote(null);
      applied(v, needsFix ? "Berkas ditandai perlu perbaikan." : "Tanda perlu perbaikan dihapus.");
    } catch (e) {
      setFixError(toErrorPayload(e).message);
    }
  };

  if (!view) {
    return (
      <section className="card verify-panel" aria-label="Berkas pendaftar">
        <ErrorBox message={loadError} />
        {!loadError && <p aria-busy="true">Memuat berkas…</p>}
      </section>
    );
  }

  const a = view.applicant;
  const docs = shownDocuments(view.documents);
  const overridden = view.override_verdict !== null;
  const derived = view.derived;
  const scansOf = (code: string) => (scans ?? []).filter((s) => s.code === code);
  // Scans of documents not listed above (e.g. no longer asked of this applicant).
  const otherScans = (scans ?? []).filter((s) => !docs.some((d) => d.code === s.code));

  return (
    <section className="card verify-panel" aria-labelledby="verify-applicant-title" data-testid="verification-panel">
      <header className="verify-head">
        <h2 id="verify-applicant-title">
          <span className="mono" data-testid="verify-number">
            {a.reg_number}
          </span>{" "}
          · {a.draft.fields.nama}
        </h2>
        <p>
          <span className={`badge status-${a.status}`}>{statusLabel(a.status)}</span>
          {view.needs_fix && (
            <span className="badge warn" data-testid="needs-fix-badge">
              Perlu perbaikan
            </span>
          )}
          Wilayah tugas: {a.unit_label} · {a.round_name}
        </p>
        {a.status === "mundur" && <p className="warn-box">Pendaftar ini sudah mundur.</p>}
      </header>
      {message && (
        <p className="ok-box" role="status">
          {message}
        </p>
      )}

      <div className="verify-grid">
        <div>
          <h3 id="verify-docs-title">Berkas</h3>
          {docs.length === 0 ? (
            <p className="muted">Seleksi ini belum menetapkan berkas yang diteliti.</p>
          ) : (
            <div className="table-wrap">
              <table className="data docs-check" aria-labelledby="verify-docs-title">
                <thead>
                  <tr>
                    <th scope="col">Berkas</th>
                    <th scope="col">Diserahkan di loket</th>
                    <th scope="col">Hasil penelitian</th>
                    <th scope="col">Pindaian</th>
                  </tr>
                </thead>
                <tbody>
                  {docs.map((doc) => (
                    <DocumentLine
                      key={doc.code}
                      doc={doc}
                      canVerify={canVerify}
                      commonReasons={view.common_reasons}
                      draft={drafts[doc.code] ?? null}
                      error={docErrors[doc.code] ?? null}
                      saving={(saving[doc.code] ?? 0) > 0}
                      onChoose={(v) => choose(doc, v)}
                      onDraft={(d) => setDraft(doc.code, d)}
                      onSubmit={() => submitReason(doc)}
                      scans={scansOf(doc.code)}
                      canAttach={canAttach}
                      attaching={attaching[doc.code] ?? false}
                      scanError={scanErrors[doc.code] ?? null}
                      onAttach={() => void attach(doc)}
                      onOpenScan={(scan) => void openScan(scan)}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <ErrorBox message={scansError} />
          {otherScans.length > 0 && (
            <div data-testid="other-scans">
              <h3>Pindaian berkas lain</h3>
              <ScanList scans={otherScans} onOpen={(scan) => void openScan(scan)} showCode />
              {Array.from(new Set(otherScans.map((s) => s.code))).map((code) => (
                <ErrorBox key={code} message={scanErrors[code]} />
              ))}
            </div>
          )}

          <h3>Perlu perbaikan</h3>
          {canVerify ? (
            <div className="fix">
              <label className="check">
                <input
                  type="checkbox"
                  id="needs-fix"
                  checked={view.needs_fix || fixNote !== null}
                  onChange={(e) => {
                    if (e.target.checked) {
                      setFixNote(view.fix_note ?? "");
                      setFixError(null);
                    } else if (view.needs_fix) {
                      void saveFix(false, "");
                    } else {
                      setFixNote(null);
                      setFixError(null);
                    }
                  }}
                />
                <span>Berkas perlu perbaikan (pendaftar diminta melengkapi)</span>
              </label>
              {view.needs_fix && fixNote === null && (
                <p data-testid="fix-note-text">
                  Catatan: {view.fix_note ?? "–"}{" "}
                  <button type="button" className="small" onClick={() => setFixNote(view.fix_note ?? "")}>
                    Ubah catatan
                  </button>
                </p>
              )}
              {fixNote !== null && (
                <form
                  className="reason-edit"
                  data-editor="fix"
                  noValidate
                  aria-label="Catatan perbaikan"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void saveFix(true, fixNote);
                  }}
                >
                  <div className={`field${fixError ? " has-error" : ""}`}>
                    <label htmlFor="fix-note">Yang perlu diperbaiki atau dilengkapi</label>
                    <input
                      id="fix-note"
                      value={fixNote}
                      onChange={(e) => setFixNote(e.target.value)}
                      onKeyDown={(e) => {
                        if (e.key === "Escape") {
                          setFixNote(null);
                          setFixError(null);
                          focusLater("needs-fix");
                        }
                      }}
                      placeholder="mis. Surat keterangan sehat belum ditandatangani dokter"
                      aria-invalid={fixError ? true : undefined}
                      aria-describedby={fixError ? "fix-note-error" : undefined}
                      autoComplete="off"
                    />
                    {fixError && (
                      <small id="fix-note-error" className="error-text" role="alert">
                        {fixError}
                      </small>
                    )}
                  </div>
                  <div className="actions start">
                    <button type="submit" className="primary" id="fix-save">
                      Simpan
                    </button>
                    <button
                      type="button"
                      onClick={() => {
                        setFixNote(null);
                        setFixError(null);
                        focusLater("needs-fix");
                      }}
                    >
                      Batal
                    </button>
                  </div>
                </form>
              )}
              {fixError && fixNote === null && <ErrorBox message={fixError} />}
            </div>
          ) : (
            <p data-testid="fix-note-text">{view.needs_fix ? `Berkas perlu perbaikan. Catatan: ${view.fix_note ?? "–"}` : "Tidak ada."}</p>
          )}
        </div>

        <aside>
          <div className={`verdict-box verdict-${view.final_verdict ?? "open"}`} data-testid="final-verdict" aria-live="polite">
            <h3>Hasil penelitian administrasi</h3>
            <p className="verdict-label" data-testid="final-verdict-label">
              {adminVerdictLabel(view.final_verdict)}
            </p>
            {overridden ? (
              <>
                <p data-testid="override-reason">Diputuskan verifikator: {view.override_reason ?? "–"}</p>
                <p className="muted">Hasil pemeriksaan berkas: {adminVerdictLabel(derived.verdict)}</p>
                <VerdictReasons reasons={derived.reasons} pending={derived.pending} verdict={derived.verdict} muted />
              </>
            ) : (
              <VerdictReasons reasons={derived.reasons} pending={derived.pending} verdict={derived.verdict} />
            )}
            <ErrorBox message={verdictError} />
            {canVerify && (
              <div className="actions start">
                <button type="button" id="override-open" onClick={() => setOverriding(true)}>
                  Ubah keputusan…
                </button>
                {overridden && (
                  <button type="button" id="override-clear" onClick={() => void returnToDerived()}>
                    Kembalikan ke hasil pemeriksaan
                  </button>
                )}
              </div>
            )}
          </div>

          <h3>Persyaratan</h3>
          <RuleList rules={a.check.rules} />
        </aside>
      </div>

      {preview && (
        <Modal title={`Pindaian: ${preview.scan.file_name}`} onClose={() => setPreview(null)} wide>
          <img className="scan-preview" data-testid="scan-preview" src={preview.src} alt={`Pindaian ${preview.scan.file_name}`} />
        </Modal>
      )}

      {overriding && (
        <OverrideDialog
          view={view}
          onClose={() => setOverriding(false)}
          onSaved={(v) => {
            setOverriding(false);
            setVerdictError(null);
            applied(v, "Keputusan verifikator disimpan.");
          }}
        />
      )}
    </section>
  );
}

/** Once the screen is updated, focuses an element by id. */
function focusLater(id: string) {
  setTimeout(() => document.getElementById(id)?.focus(), 0);
}

/** A copy of a map with one entry set, or removed when null. */
function withEntry<T>(all: Record<string, T>, key: string, value: T | null): Record<string, T> {
  const copy = { ...all };
  if (value === null) delete copy[key];
  else copy[key] = value;
  return copy;
}
