import type { Attachment } from "../../bindings/Attachment";
import type { DocumentRow } from "../../bindings/DocumentRow";
import type { DocVerdict } from "../../bindings/DocVerdict";
import { DOC_VERDICT_LABEL, DOC_VERDICTS } from "../applicantText";
import { ScanList } from "./ScanList";
import { DocumentContents } from "../../components/DocumentContents";

/** A "tidak sesuai" being written: the reason so far and what is wrong with it. */
export interface ReasonDraft {
  reason: string;
  error: string | null;
}

/**
 * Once the screen is updated, focuses a document's checked choice, else the
 * proposed one (see [`proposed`]), else its first.
 */
export function focusChoice(code: string, unlessAtAVerdict = false) {
  setTimeout(() => {
    // A first focus gives way when the Verifikator is already at a verdict.
    if (unlessAtAVerdict && (document.activeElement as HTMLElement | null)?.closest(".doc-choices")) return;
    const radios = Array.from(document.getElementsByName(`doc-${code}`)) as HTMLInputElement[];
    (radios.find((r) => r.checked) ?? radios.find((r) => r.dataset.proposed) ?? radios[0])?.focus();
  }, 0);
}

/**
 * The verdict proposed for a document not checked yet: "Tidak ada" when the
 * help desk recorded it as not handed over. Only proposed: nothing is
 * stored until the Verifikator chooses.
 */
export function proposed(doc: DocumentRow): DocVerdict | null {
  return doc.verdict === null && doc.applies && !doc.received ? "tidak_ada" : null;
}

interface LineProps {
  doc: DocumentRow;
  canVerify: boolean;
  commonReasons: string[];
  draft: ReasonDraft | null;
  error: string | null;
  saving: boolean;
  onChoose: (v: DocVerdict) => void;
  onDraft: (d: ReasonDraft | null) => void;
  onSubmit: () => void;
  /** This document's scans. */
  scans: Attachment[];
  canAttach: boolean;
  /** The core's file dialog is open for this document. */
  attaching: boolean;
  scanError: string | null;
  onAttach: () => void;
  onOpenScan: (scan: Attachment) => void;
}

/** One document: name, handed over or not, and its verdict (radios for a Verifikator). */
export function DocumentLine({
  doc,
  canVerify,
  commonReasons,
  draft,
  error,
  saving,
  onChoose,
  onDraft,
  onSubmit,
  scans,
  canAttach,
  attaching,
  scanError,
  onAttach,
  onOpenScan,
}: LineProps) {
  const base = `doc-${doc.code}`;
  const shown: DocVerdict | null = draft ? "tidak_sesuai" : doc.verdict;
  const stored =
    doc.verdict === null
      ? "Belum diperiksa"
      : doc.verdict === "tidak_sesuai"
        ? `${DOC_VERDICT_LABEL.tidak_sesuai}: ${doc.reason ?? "–"}`
        : DOC_VERDICT_LABEL[doc.verdict];

  return (
    <tr data-testid="doc-row" data-code={doc.code} className={doc.verdict ? `doc-${doc.verdict}` : "doc-open"}>
      <th scope="row">
        <span id={`${base}-name`}>{doc.name}</span>
        {!doc.mandatory && <span className="muted"> (tidak wajib)</span>}
        {!doc.applies && <span className="muted"> (tidak diminta dari pendaftar ini)</span>}
        <DocumentContents items={doc.contents} />
      </th>
      <td data-testid="doc-received">
        <span aria-hidden="true">{doc.received ? "✓ " : "✗ "}</span>
        {doc.received ? "Ya" : "Tidak"}
      </td>
      <td>
        {canVerify ? (
          <>
            <div
              className="doc-choices"
              role="radiogroup"
              aria-labelledby={`${base}-name`}
              aria-describedby={error ? `${base}-error` : undefined}
            >
              {DOC_VERDICTS.map((v) => (
                <label key={v} className={`choice choice-${v}`}>
                  <input
                    type="radio"
                    name={base}
                    id={`${base}-${v}`}
                    value={v}
                    checked={shown === v}
                    data-proposed={proposed(doc) === v ? "true" : undefined}
                    aria-describedby={proposed(doc) === v ? `${base}-proposed` : undefined}
                    onChange={() => onChoose(v)}
                  />
                  <span>{DOC_VERDICT_LABEL[v]}</span>
                </label>
              ))}
              {proposed(doc) && (
                <small className="proposed" id={`${base}-proposed`} data-testid="doc-proposed">
                  Usulan: {DOC_VERDICT_LABEL[proposed(doc)!]} (tidak diserahkan di loket)
                </small>
              )}
            </div>
            {saving && (
              <span className="muted" role="status">
                Menyimpan…
              </span>
            )}
            {!draft && doc.verdict === "tidak_sesuai" && (
              <p className="doc-reason">
                Alasan: {doc.reason ?? "–"}{" "}
                <button
                  type="button"
                  className="small"
                  id={`${base}-edit-reason`}
                  onClick={() => onDraft({ reason: doc.reason ?? "", error: null })}
                >
                  Ubah alasan
                </button>
              </p>
            )}
            {draft && (
              <form
                className="reason-edit"
                data-editor={doc.code}
                noValidate
                aria-label={`Alasan ${doc.name} tidak sesuai`}
                onSubmit={(e) => {
                  e.preventDefault();
                  onSubmit();
                }}
              >
                <div className={`field${draft.error ? " has-error" : ""}`}>
                  <label htmlFor={`${base}-reason`}>Alasan tidak sesuai</label>
                  <input
                    id={`${base}-reason`}
                    value={draft.reason}
                    onChange={(e) => onDraft({ reason: e.target.value, error: null })}
                    onKeyDown={(e) => {
                      if (e.key === "Escape") {
                        onDraft(null);
                        focusChoice(doc.code);
                      }
                    }}
                    placeholder="Tulis alasan atau pilih di bawah"
                    aria-invalid={draft.error ? true : undefined}
                    aria-describedby={draft.error ? `${base}-reason-error` : undefined}
                    autoComplete="off"
                  />
                  {draft.error && (
                    <small id={`${base}-reason-error`} className="error-text" role="alert">
                      {draft.error}
                    </small>
                  )}
                </div>
                {commonReasons.length > 0 && (
                  <div className="chips" role="group" aria-label="Alasan yang sering dipakai">
                    {commonReasons.map((r) => (
                      <button
                        key={r}
                        type="button"
                        className="small chip"
                        onClick={() => {
                          onDraft({ reason: r, error: null });
                          document.getElementById(`${base}-reason`)?.focus();
                        }}
                      >
                        {r}
                      </button>
                    ))}
                  </div>
                )}
                <div className="actions start">
                  <button type="submit" className="primary" id={`${base}-save`}>
                    Simpan
                  </button>
                  <button
                    type="button"
                    onClick={() => {
                      onDraft(null);
                      focusChoice(doc.code);
                    }}
                  >
                    Batal
                  </button>
                </div>
              </form>
            )}
          </>
        ) : (
          <span data-testid="doc-verdict">{stored}</span>
        )}
        {error && (
          <p id={`${base}-error`} className="error-text" role="alert">
            {error}
          </p>
        )}
      </td>
      <td data-testid="doc-scans">
        {scans.length > 0 ? <ScanList scans={scans} onOpen={onOpenScan} /> : !canAttach && <span className="muted">–</span>}
        {canAttach && (
          <button
            type="button"
            className="small"
            id={`scan-${doc.code}`}
            aria-describedby={`${base}-name`}
            disabled={attaching}
            onClick={onAttach}
          >
            {attaching ? "Memilih berkas…" : "Lampirkan pindaian…"}
          </button>
        )}
        {scanError && (
          <p id={`scan-${doc.code}-error`} className="error-text" role="alert">
            {scanError}
          </p>
        )}
      </td>
    </tr>
  );
}
