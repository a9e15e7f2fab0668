import { useId, useState, type FormEvent } from "react";

import { call, toErrorPayload, type ErrorPayload } from "../../api";
import type { Outcome } from "../../bindings/Outcome";
import { ErrorBox } from "../../components/ErrorBox";
import { Modal } from "../../components/Modal";
import { ResponseSummary } from "./ResponseSummary";
import { MIN_CHARS, type ResponseDialogProps } from "./shared";

/** The Pimpinan records the plenary's finding; "terbukti" is confirmed first (the candidate is dropped). */
export function DecideDialog({ response, onClose, onSaved }: ResponseDialogProps) {
  const base = useId();
  const ids = {
    terbukti: `${base}-terbukti`,
    tidak: `${base}-tidak`,
    reason: `${base}-alasan`,
    confirm: `${base}-setuju`,
    choiceError: `${base}-hasil-error`,
    confirmError: `${base}-setuju-error`,
  };
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [reason, setReason] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const [local, setLocal] = useState<{ choice?: string; confirm?: string }>({});
  const [error, setError] = useState<ErrorPayload | null>(null);
  const [busy, setBusy] = useState(false);
  const r = response;

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    if (!outcome) {
      setLocal({ choice: "Pilih hasil rapat pleno: terbukti atau tidak terbukti." });
      document.getElementById(ids.terbukti)?.focus();
      return;
    }
    if (outcome === "terbukti" && !confirmed) {
      setLocal({ confirm: "Centang pernyataan ini untuk menyatakan tanggapan terbukti." });
      document.getElementById(ids.confirm)?.focus();
      return;
    }
    setLocal({});
    setBusy(true);
    try {
      onSaved(await call("decide_response", { id: r.id, outcome, reason }));
      return;
    } catch (err) {
      const p = toErrorPayload(err);
      setError(p);
      if (p.field === "alasan") document.getElementById(ids.reason)?.focus();
    }
    setBusy(false);
  };

  const choose = (o: Outcome) => {
    setOutcome(o);
    setLocal({});
    if (o !== "terbukti") setConfirmed(false);
  };

  return (
    <Modal title="Putuskan tanggapan" onClose={onClose} wide>
      <form onSubmit={(e) => void save(e)} noValidate aria-label="Putuskan tanggapan" data-testid="response-decide-dialog">
        <ResponseSummary response={r} />
        <p>
          <strong>Klarifikasi:</strong>{" "}
          {r.clarification ?? <span className="muted">belum ada klarifikasi yang dicatat verifikator.</span>}
        </p>
        <fieldset aria-describedby={local.choice ? ids.choiceError : undefined}>
          <legend>Hasil rapat pleno</legend>
          <label className="check" htmlFor={ids.terbukti}>
            <input
              id={ids.terbukti}
              type="radio"
              name={`${base}-hasil`}
              value="terbukti"
              checked={outcome === "terbukti"}
              onChange={() => choose("terbukti")}
              data-autofocus
            />
            <span>
              Terbukti <span className="muted">– calon dinyatakan gugur</span>
            </span>
          </label>
          <label className="check" htmlFor={ids.tidak}>
            <input
              id={ids.tidak}
              type="radio"
              name={`${base}-hasil`}
              value="tidak_terbukti"
              checked={outcome === "tidak_terbukti"}
              onChange={() => choose("tidak_terbukti")}
            />
            <span>
              Tidak terbukti <span className="muted">– calon tetap mengikuti seleksi</span>
            </span>
          </label>
          {local.choice && (
            <small id={ids.choiceError} className="error-text" role="alert">
              {local.choice}
            </small>
          )}
        </fieldset>
        <div className={`field${error?.field === "alasan" ? " has-error" : ""}`}>
          <label htmlFor={ids.reason}>Dasar keputusan</label>
          <textarea
            id={ids.reason}
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={error?.field === "alasan" ? true : undefined}
            aria-describedby={`${ids.reason}-hint`}
          />
          <small id={`${ids.reason}-hint`} className="muted">
            Mis. hasil klarifikasi dan nomor Berita Acara rapat pleno; paling sedikit {MIN_CHARS} karakter. Dicatat dalam
            jejak audit.
          </small>
        </div>
        {outcome === "terbukti" && (
          <div className="warn-box response-consequence" data-testid="response-consequence">
            <p>
              Bila dinyatakan terbukti, <strong>{r.full_name}</strong> ({r.reg_number}) dinyatakan gugur dari seleksi dan
              cadangan berikutnya di {r.unit_label} naik menggantikannya. Keputusan ini tidak dapat diubah lagi.
            </p>
            <label className="check" htmlFor={ids.confirm}>
              <input
                id={ids.confirm}
                type="checkbox"
                checked={confirmed}
                onChange={(e) => {
                  setConfirmed(e.target.checked);
                  setLocal({});
                }}
                aria-invalid={local.confirm ? true : undefined}
                aria-describedby={local.confirm ? ids.confirmError : undefined}
              />
              <span>Saya mengerti: calon dinyatakan gugur; cadangan berikutnya naik.</span>
            </label>
            {local.confirm && (
              <small id={ids.confirmError} className="error-text" role="alert">
                {local.confirm}
              </small>
            )}
          </div>
        )}
        <ErrorBox message={error?.message} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Batal
          </button>
          <button type="submit" className={outcome === "terbukti" ? "danger" : "primary"} disabled={busy}>
            {busy
              ? "Menyimpan…"
              : outcome === "terbukti"
                ? "Nyatakan terbukti"
                : outcome === "tidak_terbukti"
                  ? "Nyatakan tidak terbukti"
                  : "Simpan keputusan"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
