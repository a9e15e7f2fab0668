/** A field's problem under it, as `${id}-error` (for aria-describedby). */
export function FieldError({ id, error }: { id: string; error: string | null }) {
  if (!error) return null;
  return (
    <small id={`${id}-error`} className="error-text">
      {error}
    </small>
  );
}

/** What the core asks to look at about a field (e.g. it disagrees with the NIK), as `${id}-warning`. */
export function FieldWarning({ id, warning }: { id: string; warning: string | null | undefined }) {
  if (!warning) return null;
  return (
    <small id={`${id}-warning`} className="warn-text">
      <span aria-hidden="true">! </span>
      {warning}
    </small>
  );
}

/** The ids that describe a field: its hint, warning and error, those it has. */
export function describedBy(id: string, hint: unknown, warning: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : null, warning ? `${id}-warning` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

interface TextInputProps extends React.InputHTMLAttributes<HTMLInputElement> {
  id?: string;
  label: string;
  hint?: string;
  error: string | null;
  warning?: string | null;
}

/** A labelled text box whose id is stable (the end-to-end tests use it). */
export function TextInput({ id, label, hint, error, warning, ...input }: TextInputProps) {
  return (
    <div className={`field${error ? " has-error" : warning ? " has-warning" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id ?? "", hint, warning, error)}
        {...input}
      />
      {hint && (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      )}
      <FieldWarning id={id ?? ""} warning={warning} />
      <FieldError id={id ?? ""} error={error} />
    </div>
  );
}
