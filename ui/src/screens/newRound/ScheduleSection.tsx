import { type KeyboardEvent, useState } from "react";

import { call, toErrorPayload } from "../../api";
import type { RoundDraft } from "../../bindings/RoundDraft";
import { DateField } from "../../components/DateField";
import { DateInput } from "../../components/DateInput";
import { isIsoDate, shownDate } from "../../components/dates";
import { describedBy, FieldError, FieldWarning } from "../registration/TextInput";
import { STAGE_LABEL } from "../stages";

interface Props {
  draft: RoundDraft;
  setDraft: (update: (d: RoundDraft) => RoundDraft) => void;
  /** The core's refusal (or an unreadable date) for a field, e.g. `schedule.2.ends_on`. */
  fieldError: (field: string) => string | null;
  /** What the core says is already past, for a field. */
  warningOf: (field: string) => string | null;
  /** How many of the draft's dates are already past. */
  pastCount: number;
}

/** The element of a draft round's field: `new-round-<field>`. */
export const fieldElementId = (field: string) => `new-round-${field}`;

/**
 * The stage dates of a new round, each typed or picked like any date, a
 * warning beside those already past, and one step to move the whole
 * schedule (a preset's national timetable) to a new start.
 */
export function ScheduleSection({ draft, setDraft, fieldError, warningOf, pastCount }: Props) {
  const [start, setStart] = useState("");
  const [shiftError, setShiftError] = useState<string | null>(null);
  const [shifted, setShifted] = useState<string | null>(null);

  const setDate = (i: number, key: "starts_on" | "ends_on", value: string) =>
    setDraft((d) => ({ ...d, schedule: d.schedule.map((s, j) => (j === i ? { ...s, [key]: value } : s)) }));

  const shift = async () => {
    setShifted(null);
    if (!isIsoDate(start)) {
      setShiftError("Tulis tanggal mulai pendaftaran yang baru, mis. 05-03-2026.");
      return;
    }
    try {
      const moved = await call("shift_round_schedule", { draft, firstDay: start });
      setShiftError(null);
      setDraft(() => moved);
      setShifted(
        `Seluruh jadwal digeser: pendaftaran kini mulai ${shownDate(start)}; tahapan lain dan tanggal acuan usia ikut bergeser sama banyak hari.`,
      );
    } catch (e) {
      setShiftError(toErrorPayload(e).message);
    }
  };
  const onShiftKey = (e: KeyboardEvent<HTMLInputElement>) => {
    // Enter here moves the schedule; it does not create the round.
    if (e.key === "Enter") {
      e.preventDefault();
      void shift();
    }
  };

  return (
    <fieldset>
      <legend>Jadwal tahapan</legend>
      {pastCount > 0 && (
        <p className="warn-box" data-testid="past-dates">
          <span aria-hidden="true">! </span>
          {pastCount} tanggal di bawah sudah lewat. Bila jadwal preset ini dipakai untuk seleksi baru, geser seluruh jadwalnya
          sekaligus.
        </p>
      )}
      <div className="schedule-shift">
        <DateField
          id="new-round-shift"
          label="Geser seluruh jadwal: pendaftaran mulai"
          value={start}
          onChange={(v) => {
            setStart(v);
            setShiftError(null);
          }}
          onKeyDown={onShiftKey}
          error={shiftError}
        />
        <button type="button" onClick={() => void shift()}>
          Geser seluruh jadwal
        </button>
      </div>
      {shifted && (
        <p className="ok-box" role="status">
          {shifted}
        </p>
      )}
      <table className="schedule">
        <thead>
          <tr>
            <th scope="col">Tahapan</th>
            <th scope="col">Mulai</th>
            <th scope="col">Selesai</th>
          </tr>
        </thead>
        <tbody>
          {draft.schedule.map((s, i) => (
            <tr key={s.stage}>
              <th scope="row">{STAGE_LABEL[s.stage]}</th>
              {(["starts_on", "ends_on"] as const).map((key) => {
                const field = `schedule.${i}.${key}`;
                const id = fieldElementId(field);
                const error = fieldError(field);
                const warning = error ? null : warningOf(field);
                return (
                  <td key={key} className={error ? "has-error" : warning ? "has-warning" : undefined}>
                    <DateInput
                      id={id}
                      aria-label={`${STAGE_LABEL[s.stage]} ${key === "starts_on" ? "mulai" : "selesai"}`}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={describedBy(id, null, warning, error)}
                      value={s[key]}
                      onChange={(v) => setDate(i, key, v)}
                    />
                    <FieldWarning id={id} warning={warning} />
                    <FieldError id={id} error={error} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">Tanggal preset mengikuti jadwal nasional; sesuaikan dengan keputusan KPU yang berlaku.</p>
    </fieldset>
  );
}
