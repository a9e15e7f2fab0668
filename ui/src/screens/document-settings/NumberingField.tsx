import { useEffect, useState } from "react";

import { call } from "../../api";
import type { NumberingPreview } from "../../bindings/NumberingPreview";
import type { NumberingTemplate } from "../../bindings/NumberingTemplate";

/**
 * One series' numbering template, with the first number it would issue this
 * year and what the core would refuse in it, both asked of the core as it is
 * typed (the template rules live there, not here).
 */
export function NumberingField({
  id,
  numbering,
  editable,
  error,
  onChange,
}: {
  id: string;
  numbering: NumberingTemplate;
  editable: boolean;
  /** The core's refusal on save, shown instead of the live warning. */
  error: string | null;
  onChange: (template: string) => void;
}) {
  const [preview, setPreview] = useState<NumberingPreview | null>(null);
  const template = numbering.template;
  useEffect(() => {
    // An answer to a template typed past is dropped.
    let stale = false;
    call("preview_numbering", { template }).then(
      (p) => !stale && setPreview(p),
      () => !stale && setPreview(null),
    );
    return () => {
      stale = true;
    };
  }, [template]);

  const warning = error ? null : (preview?.problem ?? null);
  return (
    <div className={`field doc-numbering${error ? " has-error" : ""}`} data-testid="numbering-row">
      <label htmlFor={id}>Nomor {numbering.label}</label>
      <input
        id={id}
        className="mono"
        value={template}
        onChange={(e) => onChange(e.target.value)}
        readOnly={!editable}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={[`${id}-example`, error ? `${id}-error` : null, warning ? `${id}-warning` : null]
          .filter(Boolean)
          .join(" ")}
      />
      <small id={`${id}-example`} className="muted">
        Contoh nomor pertama tahun ini: <span className="mono doc-example">{preview?.example || "–"}</span>
      </small>
      {warning && (
        <small id={`${id}-warning`} className="doc-warning">
          {warning}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="error-text">
          {error}
        </small>
      )}
    </div>
  );
}
