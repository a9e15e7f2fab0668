import { useCallback, useEffect, useId, useState, type FormEvent } from "react";

import { call, toErrorPayload } from "../../api";
import type { Member } from "../../bindings/Member";
import type { MemberTerm } from "../../bindings/MemberTerm";
import type { RoundSummary } from "../../bindings/RoundSummary";
import type { Session } from "../../bindings/Session";
import { ErrorBox } from "../../components/ErrorBox";
import { Modal } from "../../components/Modal";
import { may } from "../may";
import { evaluationOf, EvaluationFields, textOf } from "./EvaluationFields";

interface Props {
  session: Session;
  round: RoundSummary;
}

type Dialog = { kind: "report" | "evaluation"; member: Member } | null;

/**
 * Evaluasi kinerja during the term: every member of the round (chosen,
 * replacement, appointed or kept) with the monthly reports recorded and the
 * end-of-term evaluation. The help desk records the monthly reports; the
 * Pimpinan decides the end-of-term evaluation, which a later round that
 * keeps the member starts from.
 */
export function MemberTermPanel({ session, round }: Props) {
  const [members, setMembers] = useState<Member[] | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const uid = useId();
  const inTerm = round.current_stage === "masa_kerja";
  const mayReport = inTerm && may(session, "record_documents");
  const mayEvaluate = inTerm && may(session, "plenary_decisions");

  const load = useCallback(async () => {
    try {
      setMembers(await call("round_members", { roundId: round.id }));
      setError(null);
    } catch (e) {
      setError(toErrorPayload(e).message);
    }
  }, [round.id]);

  useEffect(() => {
    void load();
  }, [load]);

  const saved = (t: MemberTerm, text: string) => {
    setMembers((ms) => (ms ? ms.map((m) => (m.key === t.member.key ? t.member : m)) : ms));
    setMessage(text);
    setDialog(null);
  };

  return (
    <section className="member-term-panel" aria-labelledby={`${uid}-title`}>
      <div className="section-head">
        <h2 id={`${uid}-title`}>Evaluasi kinerja anggota</h2>
      </div>
      <ErrorBox message={error} />
      {message && (
        <p className="ok-box" role="status" data-testid="term-message">
          {message}
        </p>
      )}
      {!inTerm && <p className="muted">Laporan bulanan dan evaluasi akhir dicatat pada masa kerja.</p>}
      {members && members.length === 0 && <p className="empty">Belum ada anggota pada seleksi ini.</p>}
      {members && members.length > 0 && (
        <table aria-label="Evaluasi kinerja anggota">
          <thead>
            <tr>
              <th scope="col">Nama</th>
              <th scope="col">Wilayah</th>
              <th scope="col">Asal</th>
              <th scope="col">Laporan bulanan</th>
              <th scope="col">Evaluasi akhir</th>
              {(mayReport || mayEvaluate) && <th scope="col">Tindakan</th>}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.key} data-testid="term-row">
                <th scope="row">{m.full_name}</th>
                <td>{m.unit_label}</td>
                <td>{m.source_label}</td>
                <td>{m.reports}</td>
                <td>{m.evaluation?.summary ?? "belum"}</td>
                {(mayReport || mayEvaluate) && (
                  <td>
                    {mayReport && (
                      <button type="button" className="small" onClick={() => setDialog({ kind: "report", member: m })}>
                        Laporan bulanan…
                      </button>
                    )}
                    {mayEvaluate && (
                      <button type="button" className="small" onClick={() => setDialog({ kind: "evaluation", member: m })}>
                        Evaluasi akhir…
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog?.kind === "report" && (
        <ReportDialog
          round={round}
          member={dialog.member}
          onClose={() => setDialog(null)}
          onSaved={(t, month) => saved(t, `Laporan bulan ${month} untuk ${t.member.full_name} dicatat.`)}
        />
      )}
      {dialog?.kind === "evaluation" && (
        <EvaluationDialog
          round={round}
          member={dialog.member}
          onClose={() => setDialog(null)}
          onSaved={(t) => saved(t, `Evaluasi akhir ${t.member.full_name} dicatat: ${t.evaluation?.summary ?? ""}.`)}
        />
      )}
    </section>
  );
}

interface DialogProps {
  round: RoundSummary;
  member: Member;
  onClose: () => void;
}

function ReportDialog({ round, member, onClose, onSaved }: DialogProps & { onSaved: (t: MemberTerm, month: string) => void }) {
  const [term, setTerm] = useState<MemberTerm | null>(null);
  const [month, setMonth] = useState("");
  const [summary, setSummary] = useState("");
  const [assessment, setAssessment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    call("member_term", { roundId: round.id, member: member.member })
      .then((t) => {
        if (live) setTerm(t);
      })
      .catch(() => {
        // The list of earlier reports is a help; the form works without it.
      });
    return () => {
      live = false;
    };
  }, [round.id, member.member]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      const t = await call("record_member_report", {
        roundId: round.id,
        input: { member: member.member, month, summary, assessment: assessment.trim() === "" ? null : assessment },
      });
      onSaved(t, month.trim());
    } catch (err) {
      setError(toErrorPayload(err).message);
      setBusy(false);
    }
  };
  return (
    <Modal title={`Laporan bulanan · ${member.full_name}`} onClose={onClose} wide>
      <form onSubmit={submit}>
        <ErrorBox message={error} />
        {term && term.reports.length > 0 && (
          <ul className="plain" data-testid="report-list">
            {term.reports.map((r) => (
              <li key={r.month}>
                <strong>{r.month}</strong> · {r.summary}
                {r.assessment ? ` (${r.assessment})` : ""}
              </li>
            ))}
          </ul>
        )}
        <label className="field">
          <span>Bulan (tahun-bulan)</span>
          <input data-autofocus placeholder="2024-03" value={month} onChange={(e) => setMonth(e.target.value)} />
        </label>
        <label className="field">
          <span>Ringkasan kegiatan dan penilaian</span>
          <textarea rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} />
        </label>
        <label className="field">
          <span>Penilaian singkat (bila ada)</span>
          <input placeholder="Baik" value={assessment} onChange={(e) => setAssessment(e.target.value)} />
        </label>
        <div className="actions">
          <button type="button" onClick={onClose}>
            Batal
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Simpan laporan
          </button>
        </div>
      </form>
    </Modal>
  );
}

function EvaluationDialog({ round, member, onClose, onSaved }: DialogProps & { onSaved: (t: MemberTerm) => void }) {
  const [value, setValue] = useState(() => textOf(member.evaluation?.evaluation ?? null));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const uid = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      onSaved(
        await call("evaluate_member", { roundId: round.id, member: member.member, evaluation: evaluationOf(value) }),
      );
    } catch (err) {
      setError(toErrorPayload(err).message);
      setBusy(false);
    }
  };
  return (
    <Modal title={`Evaluasi akhir masa kerja · ${member.full_name}`} onClose={onClose}>
      <form onSubmit={submit}>
        <ErrorBox message={error} />
        <EvaluationFields idPrefix={uid} value={value} onChange={setValue} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Batal
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Simpan evaluasi
          </button>
        </div>
      </form>
    </Modal>
  );
}
