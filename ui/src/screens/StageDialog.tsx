import { useState } from "react";

import { call, toErrorPayload } from "../api";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { Stage } from "../bindings/Stage";
import type { StageClosed } from "../bindings/StageClosed";
import { ErrorBox } from "../components/ErrorBox";
import { Modal } from "../components/Modal";
import { STAGE_LABEL } from "./stages";

/** The core's own minimum for the reason of a reopening. */
export const MIN_REOPEN_REASON = 10;

interface CloseProps {
  round: RoundSummary;
  /** The stage to close: the one in progress. */
  stage: Stage;
  onClose: () => void;
  /** The core closed the stage. */
  onClosed: (result: StageClosed) => void;
}

/**
 * Pimpinan closes the stage in progress, after reading what that means.
 * The core refuses when the stage cannot be closed yet (e.g. files without
 * a verdict); its reason is shown here.
 */
export function CloseStageDialog({ round, stage, onClose, onClosed }: CloseProps) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const label = STAGE_LABEL[stage];
  // The core names what follows the stage in progress (the one closed here).
  const next = stage === round.current_stage ? round.next_stage : null;
  const title = `Tutup ${label.toLowerCase()}`;

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      onClosed(await call("close_stage", { roundId: round.id, stage }));
    } catch (e) {
      setError(toErrorPayload(e).message);
      setBusy(false);
    }
  };

  return (
    <Modal title={title} onClose={onClose}>
      <div data-testid="stage-close-dialog">
        <p>
          Anda akan menutup tahap <strong>{label}</strong> pada <strong>{round.name}</strong>
          {next ? (
            <>
              ; tahapan berlanjut ke <strong>{STAGE_LABEL[next]}</strong>.
            </>
          ) : (
            "."
          )}
        </p>
        {stage === "administrasi" ? (
          <>
            <p>
              Setelah ditutup, hasil penelitian administrasi (MS dan TMS) <strong>dibekukan</strong>: hasil penelitian
              berkas, keputusan verifikator, dan pindaian berkas tidak dapat diubah lagi.
            </p>
            <p className="muted">
              Penelitian administrasi hanya dapat ditutup bila setiap pendaftar sudah mendapat hasil MS atau TMS.
            </p>
          </>
        ) : (
          <p>Setelah ditutup, tahap ini tidak dapat diubah lagi.</p>
        )}
        <p>Hanya Administrator yang dapat membukanya kembali, dengan alasan tertulis. Penutupan dicatat dalam jejak audit.</p>
        <ErrorBox message={error} />
        <div className="actions">
          <button type="button" onClick={onClose} data-autofocus>
            Batal
          </button>
          <button type="button" id="stage-close-confirm" className="primary" disabled={busy} onClick={() => void confirm()}>
            {busy ? "Menutup…" : `Ya, tutup ${label.toLowerCase()}`}
          </button>
        </div>
      </div>
    </Modal>
  );
}

interface ReopenProps {
  round: RoundSummary;
  /** The closed stage to reopen. */
  stage: Stage;
  onClose: () => void;
  /** The core reopened the stage. */
  onReopened: () => void;
}

/** An Administrator reopens a closed stage; the reason is required and audited. */
export function ReopenStageDialog({ round, stage, onClose, onReopened }: ReopenProps) {
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<{ reason?: string; other?: string }>({});
  const [busy, setBusy] = useState(false);
  const label = STAGE_LABEL[stage];

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    // Counted as the core counts: runs of spaces are one.
    const text = reason.split(/\s+/).filter(Boolean).join(" ");
    if (text.length < MIN_REOPEN_REASON) {
      setErrors({ reason: `Tuliskan alasan membuka kembali tahap ini (paling sedikit ${MIN_REOPEN_REASON} karakter).` });
      document.getElementById("stage-reopen-reason")?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await call("reopen_stage", { roundId: round.id, stage, reason: text });
      onReopened();
    } catch (err) {
      const p = toErrorPayload(err);
      setErrors(p.field === "alasan" ? { reason: p.message } : { other: p.message });
      setBusy(false);
    }
  };

  return (
    <Modal title={`Buka kembali ${label.toLowerCase()}`} onClose={onClose}>
      <form onSubmit={(e) => void save(e)} noValidate aria-label="Buka kembali tahap" data-testid="stage-reopen-dialog">
        <p>
          Tahapan <strong>{round.name}</strong> sekarang: <strong>{round.current_stage_label}</strong>. Bila{" "}
          {label.toLowerCase()} dibuka kembali, tahapan kembali ke <strong>{label}</strong> dan hasilnya dapat diubah lagi;
          tahap sesudahnya harus ditutup ulang oleh Pimpinan.
        </p>
        <div className={`field${errors.reason ? " has-error" : ""}`}>
          <label htmlFor="stage-reopen-reason">Alasan membuka kembali</label>
          <textarea
            id="stage-reopen-reason"
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={errors.reason ? true : undefined}
            aria-describedby={errors.reason ? "stage-reopen-reason-error" : "stage-reopen-reason-hint"}
            data-autofocus
          />
          <small id="stage-reopen-reason-hint" className="muted">
            Wajib diisi, paling sedikit {MIN_REOPEN_REASON} karakter, mis. “Berkas tiga pendaftar salah diteliti”. Alasan
            dicatat dalam jejak audit.
          </small>
          {errors.reason && (
            <small id="stage-reopen-reason-error" className="error-text" role="alert">
              {errors.reason}
            </small>
          )}
        </div>
        <ErrorBox message={errors.other} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Batal
          </button>
          <button type="submit" id="stage-reopen-confirm" className="primary" disabled={busy}>
            {busy ? "Membuka…" : "Buka kembali"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
