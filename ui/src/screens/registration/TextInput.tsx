/** A field's problem under it, as `${id}-error` (for aria-describedby). */
export function FieldError({ id, error }: { id: string; error: string | null }) {
  if (!error) return null;
  return (
    <small id={`${id}-error`} className="error-text">
      {error}
    </small>
  );
}

interface TextInputProps extends React.InputHTMLAttributes<HTMLInputElement> {
  id?: string;
  label: string;
  hint?: string;
  error: string | null;
}

/** A labelled text box whose id is stable (the end-to-end tests use it). */
export function TextInput({ id, label, hint, error, ...input }: TextInputProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...input}
      />
      {hint && (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      )}
      <FieldError id={id ?? ""} error={error} />
    </div>
  );
}
