import { useId, useState } from "react";

import { call, toErrorPayload } from "../../api";
import type { SeatHolderView } from "../../bindings/SeatHolderView";

interface Props {
  roundId: number;
  holder: SeatHolderView;
  /** The appointment was cancelled. */
  onCancelled: () => void;
}

/**
 * Cancelling an appointment recorded by mistake: a reason is asked first,
 * and the core decides whether it may still be cancelled (its message is
 * shown as it comes).
 */
export function CancelAppointment({ roundId, holder, onCancelled }: Props) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  if (!open) {
    return (
      <button type="button" className="link-button" onClick={() => setOpen(true)} data-testid="cancel-appointment-open">
        Batalkan…
      </button>
    );
  }
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await call("cancel_appointment", { roundId, holderId: holder.id, reason });
      setOpen(false);
      onCancelled();
    } catch (err) {
      setError(toErrorPayload(err).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="inline-form" onSubmit={submit} data-testid="cancel-appointment">
      <label htmlFor={`${id}-reason`}>Alasan membatalkan penunjukan {holder.full_name}</label>
      <input
        id={`${id}-reason`}
        value={reason}
        autoFocus
        onChange={(e) => setReason(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <button type="submit" disabled={busy}>
        Batalkan penunjukan
      </button>
      <button type="button" onClick={() => setOpen(false)} disabled={busy}>
        Tidak jadi
      </button>
      {error && (
        <p id={`${id}-error`} className="error-text" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
