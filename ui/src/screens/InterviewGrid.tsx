import { useEffect, useRef, useState } from "react";

import { call, toErrorPayload } from "../api";
import type { InterviewCard } from "../bindings/InterviewCard";
import { ErrorBox } from "../components/ErrorBox";
import { useMounted } from "../components/useMounted";

interface Props {
  roundId: number;
  applicantId: number;
  /** Scores can be typed (Verifikator, interview open). */
  mayEnter: boolean;
  /** A score was stored: the mark may have changed. */
  onChanged: () => void;
  onClose: () => void;
}

/** The id of the input of an interviewer's score of an aspect. */
const cellId = (i: number, a: number) => `panel-nilai-${i}-${a}`;

/**
 * One candidate's interview: each interviewer's score of each aspect (0–100), typed on a grid.
 * Enter stores the cell and moves to the next; arrows move around; Esc puts back what is stored.
 * The weighted sums and the mark are the core's answer after each cell, never computed here.
 */
export function InterviewGrid({ roundId, applicantId, mayEnter, onChanged, onClose }: Props) {
  const [card, setCard] = useState<InterviewCard | null>(null);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const mounted = useMounted();
  const first = useRef(true);

  useEffect(() => {
    let live = true;
    call("interview_card", { roundId, applicantId })
      .then((c) => live && setCard(c))
      .catch((e) => live && setError(toErrorPayload(e).message));
    return () => {
      live = false;
    };
  }, [roundId, applicantId]);

  const editable = mayEnter && (card?.editable ?? false);
  useEffect(() => {
    if (card && editable && first.current) {
      first.current = false;
      document.getElementById(cellId(0, 0))?.focus();
    }
  }, [card, editable]);

  if (!card) {
    return (
      <section className="card" aria-label="Nilai panel">
        <ErrorBox message={error} />
        {!error && <p aria-busy="true">Memuat…</p>}
      </section>
    );
  }

  const rows = card.interviewers.length;
  const cols = card.aspects.length;
  const key = (i: number, a: number) => `${i}:${a}`;
  const shown = (i: number, a: number) => typed[key(i, a)] ?? card.interviewers[i]?.scores[a] ?? "";
  const move = (i: number, a: number) => document.getElementById(cellId(i, a))?.focus();

  /** Stores one cell if it changed; true when stored (or nothing to store). */
  const store = async (i: number, a: number): Promise<boolean> => {
    const text = typed[key(i, a)];
    if (text === undefined || text.trim() === (card.interviewers[i]?.scores[a] ?? "")) return true;
    setSaving(true);
    setError(null);
    try {
      const next = await call("record_interview_scores", {
        roundId,
        applicantId,
        cells: [{ interviewer_id: card.interviewers[i]!.interviewer_id, aspect_id: card.aspects[a]!.id, score: text }],
      });
      if (!mounted.current) return false;
      setCard(next);
      setTyped((t) => {
        const { [key(i, a)]: _, ...rest } = t;
        return rest;
      });
      onChanged();
      return true;
    } catch (e) {
      if (mounted.current) setError(toErrorPayload(e).message);
      return false;
    } finally {
      if (mounted.current) setSaving(false);
    }
  };

  const onKey = async (e: React.KeyboardEvent<HTMLInputElement>, i: number, a: number) => {
    if (e.key === "Enter") {
      e.preventDefault();
      if (await store(i, a)) {
        if (a + 1 < cols) move(i, a + 1);
        else if (i + 1 < rows) move(i + 1, 0);
      }
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      setTyped((t) => {
        const { [key(i, a)]: _, ...rest } = t;
        return rest;
      });
    } else if (e.key === "ArrowDown" && i + 1 < rows) {
      e.preventDefault();
      move(i + 1, a);
    } else if (e.key === "ArrowUp" && i > 0) {
      e.preventDefault();
      move(i - 1, a);
    }
  };

  return (
    <section className="card" aria-labelledby="panel-grid-title" data-testid="interview-grid">
      <div className="section-head">
        <h3 id="panel-grid-title">
          {card.reg_number} · {card.full_name} <span className="muted">({card.unit})</span>
        </h3>
        <button type="button" onClick={onClose}>
          Tutup
        </button>
      </div>
      <p className="muted">
        {card.panel ? `Panel: ${card.panel}.` : "Belum dibagi ke panel."} Ketik nilai 0–100 tiap aspek lalu Enter: nilai
        disimpan dan kursor pindah ke aspek berikutnya. Panah atas/bawah berpindah pewawancara; Esc mengembalikan nilai
        yang tersimpan.
      </p>
      <ErrorBox message={error} />
      <div className="table-wrap">
        <table className="data" aria-label="Nilai per aspek">
          <thead>
            <tr>
              <th scope="col">Pewawancara</th>
              {card.aspects.map((a) => (
                <th key={a.id} scope="col">
                  {a.name} <span className="muted">(bobot {a.weight})</span>
                </th>
              ))}
              <th scope="col">Jumlah berbobot</th>
            </tr>
          </thead>
          <tbody>
            {card.interviewers.map((p, i) => (
              <tr key={p.interviewer_id} data-testid="grid-row">
                <th scope="row">{p.name}</th>
                {card.aspects.map((a, j) => (
                  <td key={a.id}>
                    <input
                      id={cellId(i, j)}
                      className="mark-input"
                      inputMode="decimal"
                      aria-label={`${p.name}, ${a.name}`}
                      value={shown(i, j)}
                      disabled={!editable}
                      readOnly={saving}
                      onChange={(e) => setTyped((t) => ({ ...t, [key(i, j)]: e.target.value }))}
                      onKeyDown={(e) => void onKey(e, i, j)}
                    />
                  </td>
                ))}
                <td className="num" data-testid="weighted">
                  {p.weighted || "–"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p data-testid="interview-mark" role="status">
        Nilai wawancara: <strong>{card.mark || "belum lengkap"}</strong>
        {card.explanation ? ` — ${card.explanation}` : ""}
      </p>
    </section>
  );
}
