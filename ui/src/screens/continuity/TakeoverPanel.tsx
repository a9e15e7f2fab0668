import { useCallback, useEffect, useId, useState, type FormEvent } from "react";

import { call, toErrorPayload } from "../../api";
import type { Candidate } from "../../bindings/Candidate";
import type { Evaluation } from "../../bindings/Evaluation";
import type { Kept } from "../../bindings/Kept";
import type { RoundSummary } from "../../bindings/RoundSummary";
import type { Session } from "../../bindings/Session";
import type { Takeover } from "../../bindings/Takeover";
import { ErrorBox } from "../../components/ErrorBox";
import { Modal } from "../../components/Modal";
import { may } from "../may";
import { evaluationOf, type EvaluationText, EvaluationFields, textOf } from "./EvaluationFields";

interface Props {
  session: Session;
  round: RoundSummary;
  /** Members were kept or a kept member cancelled (the seats changed). */
  onChanged?: () => void;
}

/**
 * Anggota lanjutan: a new round keeps members of an earlier round of the
 * same body, unit by unit, each with its performance evaluation; the
 * selection then fills only the seats left. The core lists the earlier
 * rounds, the members, the seats and why someone cannot be kept; the
 * Pimpinan picks, fills the evaluation (or keeps the end-of-term one) and
 * confirms with the decision and its reason.
 */
export function TakeoverPanel({ session, round, onChanged }: Props) {
  const [data, setData] = useState<Takeover | null>(null);
  const [from, setFrom] = useState<number | null>(null);
  const [picked, setPicked] = useState<Record<string, EvaluationText>>({});
  const [decision, setDecision] = useState("");
  const [reason, setReason] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [cancelling, setCancelling] = useState<Kept | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const uid = useId();

  const load = useCallback(
    async (fromRoundId: number | null) => {
      try {
        setData(await call("takeover_view", { roundId: round.id, fromRoundId }));
        setError(null);
      } catch (e) {
        setError(toErrorPayload(e).message);
      }
    },
    [round.id],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  const mayAct = may(session, "plenary_decisions") && (data?.open ?? false);
  const candidates: Candidate[] = data?.units.flatMap((u) => u.candidates) ?? [];
  const chosen = candidates.filter((c) => picked[c.member.key]);

  const toggle = (c: Candidate, on: boolean) =>
    setPicked((p) => {
      const next = { ...p };
      if (on) next[c.member.key] = textOf(c.member.evaluation?.evaluation ?? null);
      else delete next[c.member.key];
      return next;
    });

  const ask = (e: FormEvent) => {
    e.preventDefault();
    if (chosen.length === 0) {
      setError("Pilih paling sedikit satu anggota yang dilanjutkan.");
      return;
    }
    setError(null);
    setConfirming(true);
  };

  const keep = async () => {
    if (busy || from === null) return;
    setBusy(true);
    try {
      const members = chosen.map((c) => ({
        member: c.member.member,
        evaluation: evaluationOf(picked[c.member.key]!) satisfies Evaluation,
      }));
      const result = await call("keep_members", {
        roundId: round.id,
        input: { from_round_id: from, members, decision, reason },
      });
      setData(result);
      setPicked({});
      setMessage(`${chosen.length} anggota dilanjutkan. Seleksi hanya mengisi kursi yang tersisa.`);
      setError(null);
      onChanged?.();
    } catch (e) {
      setError(toErrorPayload(e).message);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <section className="takeover-panel" aria-labelledby={`${uid}-title`}>
      <div className="section-head">
        <h2 id={`${uid}-title`}>Anggota lanjutan · {round.name}</h2>
      </div>
      <ErrorBox message={error} />
      {message && (
        <p className="ok-box" role="status" data-testid="takeover-message">
          {message}
        </p>
      )}
      {!data && !error && <p aria-busy="true">Memuat…</p>}
      {data && !data.open && (
        <p className="muted" data-testid="takeover-closed">
          Anggota lanjutan ditetapkan sebelum pendaftaran ditutup. Data di bawah hanya untuk dilihat.
        </p>
      )}
      {data && (
        <>
          <label className="inline-field">
            <span>Seleksi sebelumnya</span>
            <select
              id={`${uid}-from`}
              value={from ?? ""}
              onChange={(e) => {
                const v = e.target.value === "" ? null : Number(e.target.value);
                setFrom(v);
                setPicked({});
                void load(v);
              }}
            >
              <option value="">— pilih seleksi yang sudah masa kerja —</option>
              {data.sources.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.election})
                </option>
              ))}
            </select>
          </label>
          {data.sources.length === 0 && (
            <p className="muted">Belum ada seleksi {round.body} lain yang sudah sampai masa kerja.</p>
          )}
          <form onSubmit={ask}>
            {data.units.map((u) => (
              <fieldset key={u.unit_code} data-testid="takeover-unit">
                <legend>
                  {u.unit_label} — kursi {u.quota}, terisi {u.held}, sisa untuk seleksi{" "}
                  <strong data-testid="seats-left">{u.seats_left}</strong>
                </legend>
                {u.kept.length > 0 && (
                  <ul className="plain">
                    {u.kept.map((k) => (
                      <li key={k.id} data-testid="kept-row">
                        <strong>{k.full_name}</strong> · dilanjutkan{k.from_round ? ` dari ${k.from_round}` : ""} · evaluasi{" "}
                        {k.summary} · {k.decision}
                        {mayAct && (
                          <>
                            {" "}
                            <button type="button" className="small" onClick={() => setCancelling(k)}>
                              Batalkan
                            </button>
                          </>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
                {u.candidates.map((c) => {
                  const text = picked[c.member.key];
                  const id = `${uid}-pick-${c.member.key}`;
                  return (
                    <div key={c.member.key} className="takeover-candidate" data-testid="candidate-row">
                      <div className="check">
                        <input
                          type="checkbox"
                          id={id}
                          checked={!!text}
                          disabled={!mayAct || c.blocked !== null}
                          onChange={(e) => toggle(c, e.target.checked)}
                        />
                        <label htmlFor={id}>
                          {c.member.full_name} ({c.member.source_label})
                          {c.member.evaluation ? ` · evaluasi akhir ${c.member.evaluation.summary}` : " · belum ada evaluasi akhir"}
                          {c.blocked && <span className="badge warn"> {c.blocked}</span>}
                        </label>
                      </div>
                      {text && (
                        <EvaluationFields
                          idPrefix={id}
                          value={text}
                          onChange={(v) => setPicked((p) => ({ ...p, [c.member.key]: v }))}
                        />
                      )}
                    </div>
                  );
                })}
              </fieldset>
            ))}
            {mayAct && from !== null && (
              <div className="takeover-decision">
                <label className="field">
                  <span>Nomor/rujukan keputusan KPU</span>
                  <input value={decision} onChange={(e) => setDecision(e.target.value)} />
                </label>
                <label className="field">
                  <span>Alasan</span>
                  <textarea value={reason} rows={2} onChange={(e) => setReason(e.target.value)} />
                </label>
                <div className="actions start">
                  <button type="submit" className="primary" disabled={busy}>
                    Lanjutkan {chosen.length} anggota…
                  </button>
                </div>
              </div>
            )}
          </form>
        </>
      )}
      {confirming && (
        <Modal title="Tetapkan anggota lanjutan" onClose={() => setConfirming(false)}>
          <p>Anggota berikut memegang kursi pada {round.name} tanpa seleksi:</p>
          <ul data-testid="confirm-list">
            {chosen.map((c) => (
              <li key={c.member.key}>
                {c.member.full_name} — {c.member.unit_label}
              </li>
            ))}
          </ul>
          <div className="actions">
            <button type="button" onClick={() => setConfirming(false)}>
              Batal
            </button>
            <button type="button" className="primary" data-autofocus disabled={busy} onClick={() => void keep()}>
              Ya, lanjutkan
            </button>
          </div>
        </Modal>
      )}
      {cancelling && (
        <CancelDialog
          kept={cancelling}
          onClose={() => setCancelling(null)}
          onDone={(t) => {
            setData(t);
            setMessage(`${cancelling.full_name} dibatalkan sebagai anggota lanjutan; kursinya kembali ke seleksi.`);
            setCancelling(null);
            onChanged?.();
          }}
        />
      )}
    </section>
  );
}

function CancelDialog({ kept, onClose, onDone }: { kept: Kept; onClose: () => void; onDone: (t: Takeover) => void }) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      onDone(await call("cancel_kept_member", { holderId: kept.id, reason }));
    } catch (err) {
      setError(toErrorPayload(err).message);
      setBusy(false);
    }
  };
  return (
    <Modal title={`Batalkan ${kept.full_name}`} onClose={onClose}>
      <form onSubmit={submit}>
        <ErrorBox message={error} />
        <label className="field">
          <span>Alasan pembatalan</span>
          <textarea data-autofocus value={reason} rows={3} onChange={(e) => setReason(e.target.value)} />
        </label>
        <div className="actions">
          <button type="button" onClick={onClose}>
            Kembali
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Batalkan anggota lanjutan
          </button>
        </div>
      </form>
    </Modal>
  );
}
