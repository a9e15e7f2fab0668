import { useState } from "react";

import { tanggal } from "../../api/format";
import type { ResponseView } from "../../bindings/ResponseView";
import { waktu } from "../scanText";

/** Characters of a response shown before "Selengkapnya". */
export const CONTENT_PREVIEW_CHARS = 220;

/** The start of a long text, cut at a word where possible. */
function preview(text: string): string {
  const cut = text.slice(0, CONTENT_PREVIEW_CHARS);
  const space = cut.lastIndexOf(" ");
  return `${(space > CONTENT_PREVIEW_CHARS * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

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
export function ResponseItem({ response: r, domId, openError, onOpen, onClarify, onDecide }: ItemProps) {
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
