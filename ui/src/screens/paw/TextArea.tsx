import { useId } from "react";

/** A multi-line input with its label, hint and error, linked for screen readers. */
export function TextArea({
  label,
  hint,
  value,
  onChange,
  invalid,
  autoFocus,
}: {
  label: string;
  hint: string;
  value: string;
  onChange: (v: string) => void;
  invalid: boolean;
  /** Gets the focus when the dialog opens. */
  autoFocus?: boolean;
}) {
  const id = useId();
  return (
    <div className={`field${invalid ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={3}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={`${id}-hint`}
        data-autofocus={autoFocus || undefined}
      />
      <small id={`${id}-hint`} className="muted">
        {hint}
      </small>
    </div>
  );
}
