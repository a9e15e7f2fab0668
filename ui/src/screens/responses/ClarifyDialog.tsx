import { useId, useState, type FormEvent } from "react";

import { call, toErrorPayload, type ErrorPayload } from "../../api";
import { ErrorBox } from "../../components/ErrorBox";
import { Modal } from "../../components/Modal";
import { ResponseSummary } from "./ResponseSummary";
import { MIN_CHARS, type ResponseDialogProps } from "./shared";

/** A Verifikator records what the clarification found (while the response is undecided). */
export function ClarifyDialog({ response, onClose, onSaved }: ResponseDialogProps) {
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
