import { useState } from "react";

import { call, toErrorPayload } from "../api";
import type { AdminVerdict } from "../bindings/AdminVerdict";
import type { VerificationView } from "../bindings/VerificationView";
import { Modal } from "../components/Modal";
import { ADMIN_VERDICT_LABEL, adminVerdictLabel } from "./applicantText";

interface Props {
  view: VerificationView;
  onClose: () => void;
  /** The core accepted the decision: the file as it now stands. */
  onSaved: (view: VerificationView) => void;
}

/** The core's own minimum for a written reason. */
export const MIN_REASON = 5;

/**
 * A Verifikator's decision over the verdict derived from the file: MS or
 * TMS, always with a written reason (audited by the core).
 */
export function OverrideDialog({ view, onClose, onSaved }: Props) {
  const [verdict, setVerdict] = useState<AdminVerdict | null>(view.override_verdict);
  const [reason, setReason] = useState(view.override_reason ?? "");
  const [errors, setErrors] = useState<{ verdict?: string; reason?: string; other?: string }>({});
  const [busy, setBusy] = useState(false);
  const a = view.applicant;

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const found: typeof errors = {};
    if (!verdict) found.verdict = "Pilih keputusan: Memenuhi Syarat (MS) atau Tidak Memenuhi Syarat (TMS).";
    if (reason.trim().length < MIN_REASON) found.reason = "Tuliskan alasan keputusan (paling sedikit 5 karakter).";
    setErrors(found);
    if (found.verdict) {
      document.getElementById("override-ms")?.focus();
      return;
    }
    if (found.reason) {
      document.getElementById("override-reason")?.focus();
      return;
    }
    setBusy(true);
    try {
      onSaved(await call("set_admin_override", { applicantId: a.id, verdict, reason }));
    } catch (err) {
      const p = toErrorPayload(err);
      setErrors(p.field === "alasan" ? { reason: p.message } : { other: p.message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title="Ubah keputusan penelitian administrasi" onClose={onClose}>
      <form onSubmit={(e) => void save(e)} noValidate aria-label="Ubah keputusan">
        <p>
          Pendaftar <strong>{a.reg_number}</strong> atas nama {a.draft.fields.nama}. Hasil pemeriksaan berkas:{" "}
          <strong>{adminVerdictLabel(view.derived.verdict)}</strong>. Keputusan verifikator menggantikan hasil itu dan
          dicatat dalam jejak audit.
        </p>
        <fieldset aria-describedby={errors.verdict ? "override-verdict-error" : undefined}>
          <legend>Keputusan</legend>
          {(["MS", "TMS"] as const).map((v, i) => (
            <label key={v} className="check">
              <input
                type="radio"
                name="override-verdict"
                id={`override-${v.toLowerCase()}`}
                value={v}
                checked={verdict === v}
                onChange={() => setVerdict(v)}
                data-autofocus={i === 0 ? true : undefined}
              />
              <span>{ADMIN_VERDICT_LABEL[v]}</span>
            </label>
          ))}
          {errors.verdict && (
            <small id="override-verdict-error" className="error-text" role="alert">
              {errors.verdict}
            </small>
          )}
        </fieldset>
        <div className={`field${errors.reason ? " has-error" : ""}`}>
          <label htmlFor="override-reason">Alasan keputusan</label>
          <textarea
            id="override-reason"
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={errors.reason ? "override-reason-error" : "override-reason-hint"}
          />
          <small id="override-reason-hint" className="muted">
            Paling sedikit 5 karakter, mis. “Ijazah asli sudah ditunjukkan dan dicocokkan”.
          </small>
          {errors.reason && (
            <small id="override-reason-error" className="error-text" role="alert">
              {errors.reason}
            </small>
          )}
        </div>
        {errors.other && (
          <p className="error-box" role="alert">
            {errors.other}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={onClose}>
            Batal
          </button>
          <button type="submit" id="override-save" className="primary" disabled={busy}>
            {busy ? "Menyimpan…" : "Simpan keputusan"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
