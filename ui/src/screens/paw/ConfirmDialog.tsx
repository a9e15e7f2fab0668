import { useState, type FormEvent } from "react";

import { call, toErrorPayload } from "../../api";
import { tanggal } from "../../api/format";
import type { RoundSummary } from "../../bindings/RoundSummary";
import type { UnitMembers } from "../../bindings/UnitMembers";
import { ErrorBox } from "../../components/ErrorBox";
import { Modal } from "../../components/Modal";
import { CAUSE_LABEL, pendingEvent, rank, SEX_LABEL, who } from "./shared";
import { TextArea } from "./TextArea";

interface ConfirmProps {
  round: RoundSummary;
  unit: UnitMembers;
  onClose: () => void;
  onConfirmed: (unit: UnitMembers) => void;
}

/** The Pimpinan confirms the proposed reserve as the replacement, with the decision's note. */
export function ConfirmDialog({ round, unit, onClose, onConfirmed }: ConfirmProps) {
  const [note, setNote] = useState("");
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const waiting = pendingEvent(unit);
  const proposed = unit.proposed;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || unit.pending === null || !proposed) return;
    setBusy(true);
    setError(null);
    try {
      const result = await call("confirm_replacement", {
        roundId: round.id,
        pawId: unit.pending,
        replacementId: proposed.applicant_id,
        note,
      });
      onConfirmed(result);
    } catch (err) {
      const p = toErrorPayload(err);
      setError({ message: p.message, field: p.field });
      setBusy(false);
    }
  };

  return (
    <Modal title={`Tetapkan pengganti: ${unit.unit_name}`} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} data-testid="paw-confirm-dialog" noValidate>
        {waiting && (
          <p>
            {who(waiting.member)} berhenti: {waiting.cause_label || CAUSE_LABEL[waiting.cause]},{" "}
            {tanggal(waiting.left_on)} ({waiting.reason}).
          </p>
        )}
        {proposed ? (
          <dl className="about paw-proposed" data-testid="paw-proposed">
            <dt>Pengganti yang diusulkan</dt>
            <dd>
              <strong>{proposed.full_name}</strong>
            </dd>
            <dt>Nomor pendaftaran</dt>
            <dd className="mono">{proposed.reg_number}</dd>
            <dt>Peringkat hasil akhir</dt>
            <dd>{rank(proposed)}</dd>
            <dt>Jenis kelamin</dt>
            <dd>{SEX_LABEL[proposed.sex] ?? proposed.sex}</dd>
          </dl>
        ) : (
          <p className="warn-box">Tidak ada cadangan tersisa; pengisian diputuskan tersendiri oleh KPU.</p>
        )}
        <p className="muted">Pengganti adalah calon cadangan dengan peringkat terbaik yang masih tersedia.</p>
        <TextArea
          label="Dasar penetapan"
          hint="Mis. nomor Keputusan KPU tentang penetapan pengganti antar waktu; paling sedikit 10 karakter."
          value={note}
          onChange={setNote}
          invalid={error?.field === "catatan"}
          autoFocus
        />
        <ErrorBox message={error?.message} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Batal
          </button>
          <button type="submit" className="primary" disabled={busy || !proposed}>
            {busy ? "Menetapkan…" : "Tetapkan pengganti"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
