import { useEffect, useState } from "react";

import { call, toErrorPayload } from "../api";
import { tanggal } from "../api/format";
import type { PresetChoice } from "../bindings/PresetChoice";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { Stage } from "../bindings/Stage";
import { Field } from "../components/Field";
import { Modal } from "../components/Modal";

const STAGE_LABEL: Record<Stage, string> = {
  pendaftaran: "Pendaftaran",
  administrasi: "Penelitian administrasi",
  tertulis: "Tes tertulis",
  wawancara: "Tes wawancara",
  akhir: "Hasil akhir",
  penetapan: "Penetapan dan pelantikan",
  masa_kerja: "Masa kerja",
};

interface Props {
  onClose: () => void;
  onCreated: (round: RoundSummary) => void;
}

/** Creates a round from a preset; the name and quota can be changed first. */
export function NewRoundDialog({ onClose, onCreated }: Props) {
  const [presets, setPresets] = useState<PresetChoice[]>([]);
  const [index, setIndex] = useState(0);
  const [name, setName] = useState("");
  const [quota, setQuota] = useState("");
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void call("round_presets").then((p) => {
      setPresets(p);
      if (p[0]) {
        setName(p[0].draft.name);
        setQuota(String(p[0].draft.settings.quota_per_unit));
      }
    });
  }, []);

  const choice = presets[index];
  const pickPreset = (i: number) => {
    const p = presets[i];
    if (!p) return;
    setIndex(i);
    setName(p.draft.name);
    setQuota(String(p.draft.settings.quota_per_unit));
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!choice) return;
    const q = Number(quota);
    if (!Number.isInteger(q)) {
      setError({ field: "quota_per_unit", message: "Kuota harus bilangan bulat." });
      return;
    }
    setBusy(true);
    try {
      const draft = { ...choice.draft, name, settings: { ...choice.draft.settings, quota_per_unit: q } };
      onCreated(await call("create_round", { draft }));
    } catch (err) {
      const p = toErrorPayload(err);
      setError({ field: p.field, message: p.message });
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (f: string) => (error?.field === f ? error.message : null);
  return (
    <Modal title="Buat seleksi baru" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="preset">Preset</label>
          <select id="preset" value={index} onChange={(e) => pickPreset(Number(e.target.value))}>
            {presets.map((p, i) => (
              <option key={p.label} value={i}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <Field label="Nama seleksi" value={name} onChange={(e) => setName(e.target.value)} error={fieldError("name")} />
        <Field
          label={`Kuota per ${choice?.draft.body === "PPS" ? "desa/kelurahan" : "kecamatan"}`}
          type="number"
          min={1}
          value={quota}
          onChange={(e) => setQuota(e.target.value)}
          error={fieldError("quota_per_unit")}
        />
        {choice && (
          <details>
            <summary>Jadwal dan aturan preset</summary>
            <ul className="compact">
              {choice.draft.schedule.map((s) => (
                <li key={s.stage}>
                  {STAGE_LABEL[s.stage]}: {tanggal(s.starts_on)} – {tanggal(s.ends_on)}
                </li>
              ))}
            </ul>
            <p className="muted">
              Usia minimal {choice.draft.settings.min_age} tahun pada {tanggal(choice.draft.settings.reference_date)};
              lulus tes tertulis {choice.draft.settings.written_pass_multiple}× kuota; peringkat akhir{" "}
              {choice.draft.settings.final_rank_multiple}× kuota; perpanjangan bila pendaftar kurang dari{" "}
              {choice.draft.settings.extension_threshold}× kuota.
            </p>
          </details>
        )}
        {error && !["name", "quota_per_unit"].includes(error.field ?? "") && (
          <p className="error-box" role="alert">
            {error.message}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={onClose}>
            Batal
          </button>
          <button type="submit" className="primary" disabled={busy || !choice}>
            {busy ? "Menyimpan…" : "Buat seleksi"}
          </button>
        </div>
      </form>
    </Modal>
  );
}
