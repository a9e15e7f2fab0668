import { useId } from "react";

import { DateInput, type DateInputProps } from "./DateInput";

interface Props extends DateInputProps {
  label: string;
  hint?: string;
  /** What is wrong with the date (red; the field is marked invalid). */
  error?: string | null;
  /** What to look at, without refusing it (e.g. a date already past). */
  warning?: string | null;
}

/** A labelled date (see `DateInput`) with its hint, error and warning, linked for screen readers. */
export function DateField({ label, hint, error, warning, id: givenId, ...input }: Props) {
  const generated = useId();
  const id = givenId ?? generated;
  const describedBy = [hint ? `${id}-hint` : null, warning ? `${id}-warning` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  const state = error ? " has-error" : warning ? " has-warning" : "";
  return (
    <div className={`field${state}`}>
      <label htmlFor={id}>{label}</label>
      <DateInput
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...input}
      />
      {hint && (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      )}
      {warning && (
        <small id={`${id}-warning`} className="warn-text">
          <span aria-hidden="true">! </span>
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
