import { useEffect, useState } from "react";

import { call, toErrorPayload } from "../api";
import type { FieldProblem } from "../bindings/FieldProblem";
import type { PresetChoice } from "../bindings/PresetChoice";
import type { RoundDraft } from "../bindings/RoundDraft";
import type { RoundSettings } from "../bindings/RoundSettings";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { ScoreCombination } from "../bindings/ScoreCombination";
import { DateField } from "../components/DateField";
import { isIsoDate, unreadableDate } from "../components/dates";
import { Field } from "../components/Field";
import { Modal } from "../components/Modal";
import { ErrorBox } from "../components/ErrorBox";
import { RoundTextsSection, textFieldOf } from "./newRound/RoundTextsSection";
import { fieldElementId, ScheduleSection } from "./newRound/ScheduleSection";

type NumberKey =
  | "quota_per_unit"
  | "written_pass_multiple"
  | "final_rank_multiple"
  | "extension_threshold"
  | "extension_days"
  | "extensions_allowed"
  | "min_age";

const NUMBER_FIELDS: { key: NumberKey; label: (body: string) => string }[] = [
  { key: "quota_per_unit", label: (b) => `Kuota per ${b === "PPS" ? "desa/kelurahan" : "kecamatan"}` },
  { key: "written_pass_multiple", label: () => "Lulus tes tertulis (× kuota)" },
  { key: "final_rank_multiple", label: () => "Peringkat akhir (× kuota)" },
  { key: "extension_threshold", label: () => "Perpanjangan bila pendaftar kurang dari (× kuota)" },
  { key: "extension_days", label: () => "Lama perpanjangan (hari)" },
  { key: "extensions_allowed", label: () => "Jumlah perpanjangan (lalu penunjukan)" },
  { key: "min_age", label: () => "Usia minimal (tahun)" },
];

/** The fields whose refusal shows beside them (the schedule's dates too); any other goes above the buttons. */
const INLINE = ["name", "election", ...NUMBER_FIELDS.map((f) => f.key), "max_periods", "reference_date", "score_combination"];

interface Props {
  onClose: () => void;
  onCreated: (round: RoundSummary) => void;
}

/** Every date of a draft round, under the field name the core uses for it. */
function datesOf(d: RoundDraft): [string, string][] {
  return [
    ["reference_date", d.settings.reference_date],
    ...d.schedule.flatMap((s, i): [string, string][] => [
      [`schedule.${i}.starts_on`, s.starts_on],
      [`schedule.${i}.ends_on`, s.ends_on],
    ]),
  ];
}

/** Brings the element of a field into view and gives it the focus (an item's refusal, its list). */
function focusField(field: string | null) {
  const shown = textFieldOf(field) ?? field;
  const el = shown ? document.getElementById(fieldElementId(shown)) : null;
  el?.scrollIntoView?.({ block: "center" });
  el?.focus();
}

/**
 * Creates a round from a preset. Every rule setting and every stage date
 * can be changed first, and the whole schedule moved to a new start; dates
 * already past are pointed out. The core validates everything and names
 * the field that is wrong: its message goes beside that field, which gets
 * the focus.
 */
export function NewRoundDialog({ onClose, onCreated }: Props) {
  const [presets, setPresets] = useState<PresetChoice[]>([]);
  const [draft, setDraft] = useState<RoundDraft | null>(null);
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [past, setPast] = useState<FieldProblem[]>([]);

  useEffect(() => {
    void call("round_presets").then((p) => {
      setPresets(p);
      setDraft(p[0]?.draft ?? null);
    });
  }, []);

  // The core says which dates are already past (once every date reads as one).
  useEffect(() => {
    if (!draft || !datesOf(draft).every(([, v]) => isIsoDate(v))) return;
    let stale = false;
    const timer = setTimeout(() => {
      call("round_draft_past_dates", { draft }).then(
        (p) => !stale && setPast(p),
        () => {},
      );
    }, 150);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [draft]);

  // A refusal's field comes into view with the focus, wherever the dialog was scrolled to.
  useEffect(() => {
    if (error) focusField(error.field);
  }, [error]);

  const setSettings = (patch: Partial<RoundSettings>) =>
    setDraft((d) => (d ? { ...d, settings: { ...d.settings, ...patch } } : d));
  const setCombination = (c: ScoreCombination) => setSettings({ score_combination: c });

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!draft || busy) return;
    // A date left empty or still being typed cannot be sent; say which.
    const unread = datesOf(draft)
      .map(([field, v]) => ({ field, message: v.trim() === "" ? "Tanggal wajib diisi, mis. 05-03-2026." : unreadableDate(v) }))
      .find((d) => d.message !== null);
    if (unread) {
      setError({ field: unread.field, message: unread.message! });
      return;
    }
    setError(null);
    setBusy(true);
    try {
      onCreated(await call("create_round", { draft }));
    } catch (err) {
      const p = toErrorPayload(err);
      setError({ field: p.field, message: p.message });
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (f: string) => (error?.field === f ? error.message : null);
  const warningOf = (f: string) => past.find((p) => p.field === f)?.reason ?? null;
  const shownInline = (f: string | null) =>
    !!f && (INLINE.includes(f) || textFieldOf(f) !== null || /^schedule\.\d+\.(starts_on|ends_on)$/.test(f));
  const combination = draft?.settings.score_combination;
  return (
    <Modal title="Buat seleksi baru" onClose={onClose} wide>
      {draft && (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <div className="field">
            <label htmlFor="preset">Preset</label>
            <select
              id="preset"
              onChange={(e) => {
                const p = presets[Number(e.target.value)];
                if (p) setDraft(p.draft);
                setError(null);
              }}
            >
              {presets.map((p, i) => (
                <option key={p.label} value={i}>
                  {p.label}
                </option>
              ))}
            </select>
          </div>
          <Field
            id={fieldElementId("name")}
            label="Nama seleksi"
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            error={fieldError("name")}
          />
          <Field
            id={fieldElementId("election")}
            label="Pemilihan"
            value={draft.election}
            onChange={(e) => setDraft({ ...draft, election: e.target.value })}
            hint="Satu orang hanya boleh punya satu pendaftaran aktif per pemilihan."
            error={fieldError("election")}
          />

          <fieldset>
            <legend>Aturan</legend>
            <div className="grid-2">
              {NUMBER_FIELDS.map((f) => (
                <Field
                  key={f.key}
                  id={fieldElementId(f.key)}
                  label={f.label(draft.body)}
                  type="number"
                  min={1}
                  value={draft.settings[f.key]}
                  onChange={(e) => setSettings({ [f.key]: Number(e.target.value) })}
                  error={fieldError(f.key)}
                />
              ))}
              <DateField
                id={fieldElementId("reference_date")}
                label="Usia dihitung pada tanggal"
                value={draft.settings.reference_date}
                onChange={(v) => setSettings({ reference_date: v })}
                error={fieldError("reference_date")}
                warning={warningOf("reference_date")}
              />
              <Field
                id={fieldElementId("max_periods")}
                label="Batas periode menjabat"
                type="number"
                min={1}
                placeholder="Tanpa batas"
                value={draft.settings.max_periods ?? ""}
                onChange={(e) => setSettings({ max_periods: e.target.value === "" ? null : Number(e.target.value) })}
                hint="Kosongkan bila tidak dibatasi."
                error={fieldError("max_periods")}
              />
            </div>
            <div className="field">
              <label htmlFor={fieldElementId("score_combination")}>Nilai akhir</label>
              <select
                id={fieldElementId("score_combination")}
                value={combination?.mode}
                onChange={(e) => {
                  const mode = e.target.value;
                  setCombination(
                    mode === "bobot" ? { mode: "bobot", tertulis: 40, wawancara: 60 } : { mode: mode as "wawancara" | "jumlah" },
                  );
                }}
              >
                <option value="wawancara">Nilai wawancara saja</option>
                <option value="jumlah">Jumlah nilai tes tertulis dan wawancara</option>
                <option value="bobot">Bobot tes tertulis dan wawancara</option>
              </select>
            </div>
            {combination?.mode === "bobot" && (
              <div className="grid-2">
                <Field
                  label="Bobot tes tertulis (%)"
                  type="number"
                  value={combination.tertulis}
                  onChange={(e) => setCombination({ ...combination, tertulis: Number(e.target.value) })}
                />
                <Field
                  label="Bobot wawancara (%)"
                  type="number"
                  value={combination.wawancara}
                  onChange={(e) => setCombination({ ...combination, wawancara: Number(e.target.value) })}
                />
              </div>
            )}
            {fieldError("score_combination") && <p className="error-text">{fieldError("score_combination")}</p>}
          </fieldset>

          <RoundTextsSection
            settings={draft.settings}
            setSettings={setSettings}
            errorOf={(f) => (error && textFieldOf(error.field) === f ? error.message : null)}
            idOf={fieldElementId}
          />

          <ScheduleSection
            draft={draft}
            setDraft={(update) => setDraft((d) => (d ? update(d) : d))}
            fieldError={fieldError}
            warningOf={warningOf}
            pastCount={past.length}
          />

          <ErrorBox message={error && !shownInline(error.field) ? error.message : null} />
          <div className="actions">
            <button type="button" onClick={onClose}>
              Batal
            </button>
            <button type="submit" className="primary" disabled={busy}>
              {busy ? "Menyimpan…" : "Buat seleksi"}
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
