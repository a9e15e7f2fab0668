import { useEffect, useState } from "react";

import { call, toErrorPayload } from "../api";
import type { PresetChoice } from "../bindings/PresetChoice";
import type { RoundDraft } from "../bindings/RoundDraft";
import type { RoundSettings } from "../bindings/RoundSettings";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { ScoreCombination } from "../bindings/ScoreCombination";
import { Field } from "../components/Field";
import { Modal } from "../components/Modal";
import { ErrorBox } from "../components/ErrorBox";
import { STAGE_LABEL } from "./stages";

type NumberKey = "quota_per_unit" | "written_pass_multiple" | "final_rank_multiple" | "extension_threshold" | "extension_days" | "min_age";

const NUMBER_FIELDS: { key: NumberKey; label: (body: string) => string }[] = [
  { key: "quota_per_unit", label: (b) => `Kuota per ${b === "PPS" ? "desa/kelurahan" : "kecamatan"}` },
  { key: "written_pass_multiple", label: () => "Lulus tes tertulis (× kuota)" },
  { key: "final_rank_multiple", label: () => "Peringkat akhir (× kuota)" },
  { key: "extension_threshold", label: () => "Perpanjangan bila pendaftar kurang dari (× kuota)" },
  { key: "extension_days", label: () => "Lama perpanjangan (hari)" },
  { key: "min_age", label: () => "Usia minimal (tahun)" },
];

interface Props {
  onClose: () => void;
  onCreated: (round: RoundSummary) => void;
}

/**
 * Creates a round from a preset. Every rule setting and every stage date
 * can be changed first; the core validates them all and names the field
 * that is wrong.
 */
export function NewRoundDialog({ onClose, onCreated }: Props) {
  const [presets, setPresets] = useState<PresetChoice[]>([]);
  const [draft, setDraft] = useState<RoundDraft | null>(null);
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void call("round_presets").then((p) => {
      setPresets(p);
      setDraft(p[0]?.draft ?? null);
    });
  }, []);

  const setSettings = (patch: Partial<RoundSettings>) =>
    setDraft((d) => (d ? { ...d, settings: { ...d.settings, ...patch } } : d));
  const setCombination = (c: ScoreCombination) => setSettings({ score_combination: c });
  const setDate = (i: number, key: "starts_on" | "ends_on", value: string) =>
    setDraft((d) => (d ? { ...d, schedule: d.schedule.map((s, j) => (j === i ? { ...s, [key]: value } : s)) } : d));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!draft) return;
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
  const shownInline = ["name", "election", ...NUMBER_FIELDS.map((f) => f.key), "max_periods", "score_combination"];
  const combination = draft?.settings.score_combination;
  return (
    <Modal title="Buat seleksi baru" onClose={onClose}>
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
            label="Nama seleksi"
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            error={fieldError("name")}
          />
          <Field
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
                  label={f.label(draft.body)}
                  type="number"
                  min={1}
                  value={draft.settings[f.key]}
                  onChange={(e) => setSettings({ [f.key]: Number(e.target.value) })}
                  error={fieldError(f.key)}
                />
              ))}
              <Field
                label="Usia dihitung pada tanggal"
                type="date"
                value={draft.settings.reference_date}
                onChange={(e) => setSettings({ reference_date: e.target.value })}
              />
              <Field
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
              <label htmlFor="combination">Nilai akhir</label>
              <select
                id="combination"
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

          <fieldset>
            <legend>Jadwal tahapan</legend>
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
                    <td>
                      <input
                        type="date"
                        aria-label={`${STAGE_LABEL[s.stage]} mulai`}
                        value={s.starts_on}
                        onChange={(e) => setDate(i, "starts_on", e.target.value)}
                      />
                    </td>
                    <td>
                      <input
                        type="date"
                        aria-label={`${STAGE_LABEL[s.stage]} selesai`}
                        value={s.ends_on}
                        onChange={(e) => setDate(i, "ends_on", e.target.value)}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted">Tanggal preset mengikuti jadwal nasional; sesuaikan dengan keputusan KPU yang berlaku.</p>
          </fieldset>

          <ErrorBox message={error && !shownInline.includes(error.field ?? "") ? error.message : null} />
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
