import { useId, useMemo, useState, type FormEvent } from "react";

import { call, toErrorPayload } from "../../api";
import type { LeaveCause } from "../../bindings/LeaveCause";
import type { Person } from "../../bindings/Person";
import type { RoundSummary } from "../../bindings/RoundSummary";
import type { UnitMembers } from "../../bindings/UnitMembers";
import { DateInput } from "../../components/DateInput";
import { unreadableDate } from "../../components/dates";
import { ErrorBox } from "../../components/ErrorBox";
import { Modal } from "../../components/Modal";
import { CAUSE_LABEL, CAUSES, rank } from "./shared";
import { TextArea } from "./TextArea";

/** Today on this computer, as YYYY-MM-DD. */
export function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

interface LeaveProps {
  round: RoundSummary;
  unit: UnitMembers;
  member: Person;
  onClose: () => void;
  onRecorded: (unit: UnitMembers) => void;
}

/** The Pimpinan records that a member leaves: why, when, and on what basis. */
export function LeaveDialog({ round, unit, member, onClose, onRecorded }: LeaveProps) {
  const [cause, setCause] = useState<LeaveCause | null>(null);
  const today = useMemo(localToday, []);
  const [leftOn, setLeftOn] = useState(today);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!cause) {
      setError({ message: "Pilih sebab berhenti.", field: "sebab" });
      return;
    }
    const unread = unreadableDate(leftOn);
    if (unread) {
      setError({ message: unread, field: "tanggal" });
      document.getElementById(`${ids}-date`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result =
        member.holder_id != null
          ? await call("record_holder_leave", {
              roundId: round.id,
              leave: { holder_id: member.holder_id, cause, left_on: leftOn, reason },
            })
          : await call("record_leave", {
              roundId: round.id,
              leave: { member_id: member.applicant_id, cause, left_on: leftOn, reason },
            });
      onRecorded(result);
    } catch (err) {
      const p = toErrorPayload(err);
      setError({ message: p.message, field: p.field });
      setBusy(false);
    }
  };

  return (
    <Modal title={`Anggota berhenti: ${member.full_name}`} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} data-testid="paw-leave-dialog" noValidate>
        <p>
          <strong>{member.full_name}</strong>{" "}
          {member.source_label
            ? `(${member.source_label}), anggota ${unit.unit_name}.`
            : `(${member.reg_number}), anggota ${unit.unit_name}, peringkat ${rank(member)}.`}
          Setelah dicatat, aplikasi mengusulkan cadangan dengan peringkat terbaik yang masih tersedia sebagai pengganti.
        </p>
        <fieldset className={error?.field === "sebab" ? "has-error" : undefined}>
          <legend>Sebab berhenti</legend>
          {CAUSES.map((c, i) => (
            <label key={c} className="check">
              <input
                type="radio"
                name={`${ids}-cause`}
                value={c}
                checked={cause === c}
                onChange={() => setCause(c)}
                data-autofocus={i === 0 || undefined}
              />
              <span>{CAUSE_LABEL[c]}</span>
            </label>
          ))}
        </fieldset>
        <div className={`field${error?.field === "tanggal" ? " has-error" : ""}`}>
          <label htmlFor={`${ids}-date`}>Tanggal berhenti</label>
          <DateInput
            id={`${ids}-date`}
            value={leftOn}
            onChange={setLeftOn}
            aria-invalid={error?.field === "tanggal" || undefined}
            aria-describedby={`${ids}-date-hint`}
          />
          <small id={`${ids}-date-hint`} className="muted">
            Paling lambat hari ini.
          </small>
        </div>
        <TextArea
          label="Keterangan"
          hint="Mis. nomor surat pengunduran diri, akta kematian atau surat keputusan pemberhentian; paling sedikit 10 karakter."
          value={reason}
          onChange={setReason}
          invalid={error?.field === "alasan"}
        />
        <p className="muted">Pencatatan disimpan dengan nama Anda dan waktunya dalam jejak audit.</p>
        <ErrorBox message={error?.message} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Batal
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Mencatat…" : "Catat berhenti"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
