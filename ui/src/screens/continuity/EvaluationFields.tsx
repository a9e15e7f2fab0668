import type { Evaluation } from "../../bindings/Evaluation";

/** An evaluation as typed: the score as text until it is sent. */
export interface EvaluationText {
  score: string;
  grade: string;
  notes: string;
}

/** The form's text of an evaluation (empty when there is none). */
export function textOf(e: Evaluation | null): EvaluationText {
  return { score: e?.score == null ? "" : String(e.score), grade: e?.grade ?? "", notes: e?.notes ?? "" };
}

/**
 * The evaluation to send. The core checks it (score 0–100, a score or a
 * grade, notes); a score that is not a number is sent as none, so the core
 * says what is missing.
 */
export function evaluationOf(t: EvaluationText): Evaluation {
  const n = t.score.trim() === "" ? NaN : Number(t.score.trim());
  return {
    score: Number.isInteger(n) && n >= 0 ? n : null,
    grade: t.grade.trim() === "" ? null : t.grade,
    notes: t.notes,
  };
}

interface Props {
  idPrefix: string;
  value: EvaluationText;
  onChange: (v: EvaluationText) => void;
}

/** Score (0–100), grade and notes of a performance evaluation. */
export function EvaluationFields({ idPrefix, value, onChange }: Props) {
  return (
    <div className="evaluation-fields">
      <label className="field">
        <span>Nilai (0–100)</span>
        <input
          id={`${idPrefix}-nilai`}
          inputMode="numeric"
          size={5}
          value={value.score}
          onChange={(e) => onChange({ ...value, score: e.target.value })}
        />
      </label>
      <label className="field">
        <span>Predikat</span>
        <input
          id={`${idPrefix}-predikat`}
          placeholder="Baik"
          value={value.grade}
          onChange={(e) => onChange({ ...value, grade: e.target.value })}
        />
      </label>
      <label className="field">
        <span>Catatan evaluasi</span>
        <input
          id={`${idPrefix}-catatan`}
          value={value.notes}
          onChange={(e) => onChange({ ...value, notes: e.target.value })}
        />
      </label>
    </div>
  );
}
