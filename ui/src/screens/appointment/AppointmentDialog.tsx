import { useState, type FormEvent } from "react";

import { call, toErrorPayload } from "../../api";
import { angka } from "../../api/format";
import type { AppointmentInput } from "../../bindings/AppointmentInput";
import type { Education } from "../../bindings/Education";
import type { ProposerKind } from "../../bindings/ProposerKind";
import type { RoundSummary } from "../../bindings/RoundSummary";
import type { SeatHolderView } from "../../bindings/SeatHolderView";
import type { Sex } from "../../bindings/Sex";
import type { UnitSituation } from "../../bindings/UnitSituation";
import { DateField } from "../../components/DateField";
import { unreadableDate } from "../../components/dates";
import { ErrorBox } from "../../components/ErrorBox";
import { Field } from "../../components/Field";
import { Modal } from "../../components/Modal";
import { TextArea } from "../paw/TextArea";

const PROPOSERS: { kind: ProposerKind; label: string }[] = [
  { kind: "sekolah", label: "Sekolah" },
  { kind: "perguruan_tinggi", label: "Perguruan tinggi" },
  { kind: "pemerintah_desa", label: "Pemerintah desa/kelurahan" },
  { kind: "lainnya", label: "Lainnya" },
];

const EDUCATION: Education[] = ["SMA", "D3", "S1", "S2", "S3"];

interface Props {
  round: RoundSummary;
  unit: UnitSituation;
  onClose: () => void;
  onAppointed: (holder: SeatHolderView) => void;
}

type Draft = Omit<AppointmentInput, "unit_code" | "sex" | "education" | "proposer_kind" | "phone"> & {
  sex: Sex | "";
  education: Education | "";
  proposer_kind: ProposerKind | "";
  phone: string;
};

const EMPTY: Draft = {
  nik: "",
  full_name: "",
  sex: "",
  birth_date: "",
  address: "",
  phone: "",
  education: "",
  proposer_kind: "",
  proposer_name: "",
  decision: "",
  reason: "",
  acknowledge_nik_warnings: false,
};

/**
 * The Pimpinan appoints a person for an empty seat: who, proposed by whom,
 * the decision and its reason. The core checks everything (the window, the
 * seats left, the NIK); this form only asks, confirms and shows its answer.
 */
export function AppointmentDialog({ round, unit, onClose, onAppointed }: Props) {
  const [d, setD] = useState<Draft>(EMPTY);
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  /** The core warned that the NIK disagrees with the sex or birth date entered. */
  const [nikWarned, setNikWarned] = useState(false);

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setD((x) => ({ ...x, [k]: v }));
    setConfirming(false);
  };
  const bad = (...fields: string[]) => (error?.field && fields.includes(error.field) ? error.message : null);

  const review = (e: FormEvent) => {
    e.preventDefault();
    if (!d.sex) return setError({ message: "Pilih jenis kelamin.", field: "jenis_kelamin" });
    const unread = unreadableDate(d.birth_date);
    if (unread || !d.birth_date) {
      return setError({ message: unread ?? "Tanggal lahir wajib diisi.", field: "tanggal_lahir" });
    }
    if (!d.education) return setError({ message: "Pilih pendidikan terakhir.", field: "pendidikan" });
    if (!d.proposer_kind) return setError({ message: "Pilih asal usulan.", field: "pengusul" });
    setError(null);
    setConfirming(true);
  };

  const save = async () => {
    if (busy || !d.sex || !d.education || !d.proposer_kind) return;
    setBusy(true);
    try {
      const input: AppointmentInput = {
        ...d,
        unit_code: unit.unit_code,
        sex: d.sex,
        education: d.education,
        proposer_kind: d.proposer_kind,
        phone: d.phone.trim() ? d.phone : null,
      };
      const holder = await call("appoint_member", { roundId: round.id, input });
      onAppointed(holder);
    } catch (err) {
      const p = toErrorPayload(err);
      setError({ message: p.message, field: p.field });
      if (p.message.includes("Menurut NIK")) setNikWarned(true);
      setConfirming(false);
      setBusy(false);
    }
  };

  return (
    <Modal title={`Penunjukan anggota: ${unit.unit_label}`} onClose={onClose} wide>
      <form onSubmit={review} data-testid="appointment-dialog" noValidate>
        <p>
          Kursi yang dapat diisi dengan penunjukan: <strong>{angka(unit.appointable)}</strong> (kuota {angka(unit.quota)},
          dipegang {angka(unit.held)}, calon {angka(unit.candidates)}).
        </p>
        <Field
          label="NIK"
          value={d.nik}
          onChange={(e) => set("nik", e.target.value)}
          error={bad("nik")}
          inputMode="numeric"
          autoComplete="off"
          data-autofocus
        />
        <Field label="Nama lengkap" value={d.full_name} onChange={(e) => set("full_name", e.target.value)} error={bad("nama")} />
        <fieldset className={bad("jenis_kelamin") ? "has-error" : undefined}>
          <legend>Jenis kelamin</legend>
          {(["L", "P"] as Sex[]).map((s) => (
            <label key={s} className="check">
              <input type="radio" name="appoint-sex" checked={d.sex === s} onChange={() => set("sex", s)} />
              <span>{s === "L" ? "Laki-laki" : "Perempuan"}</span>
            </label>
          ))}
        </fieldset>
        <DateField
          label="Tanggal lahir"
          value={d.birth_date}
          onChange={(v) => set("birth_date", v)}
          error={bad("tanggal_lahir")}
        />
        <Field label="Alamat" value={d.address} onChange={(e) => set("address", e.target.value)} error={bad("alamat")} />
        <Field
          label="Telepon (boleh dikosongkan)"
          value={d.phone}
          onChange={(e) => set("phone", e.target.value)}
          error={bad("telepon")}
        />
        <div className={`field${bad("pendidikan") ? " has-error" : ""}`}>
          <label htmlFor="appoint-education">Pendidikan terakhir</label>
          <select
            id="appoint-education"
            value={d.education}
            onChange={(e) => set("education", e.target.value as Education)}
          >
            <option value="">— pilih —</option>
            {EDUCATION.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </div>
        <div className={`field${bad("pengusul") && !d.proposer_kind ? " has-error" : ""}`}>
          <label htmlFor="appoint-proposer">Diusulkan oleh</label>
          <select
            id="appoint-proposer"
            value={d.proposer_kind}
            onChange={(e) => set("proposer_kind", e.target.value as ProposerKind)}
          >
            <option value="">— pilih —</option>
            {PROPOSERS.map((p) => (
              <option key={p.kind} value={p.kind}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <Field
          label="Nama pengusul"
          hint="Mis. SMA Negeri 1 Bangil, atau Pemerintah Desa Wonorejo."
          value={d.proposer_name}
          onChange={(e) => set("proposer_name", e.target.value)}
          error={d.proposer_kind ? bad("pengusul") : null}
        />
        <Field
          label="Nomor keputusan atau Berita Acara pleno"
          value={d.decision}
          onChange={(e) => set("decision", e.target.value)}
          error={bad("keputusan")}
        />
        <TextArea
          label="Alasan penunjukan"
          hint="Paling sedikit 10 karakter, mis. pendaftar tetap kurang sesudah dua kali perpanjangan."
          value={d.reason}
          onChange={(v) => set("reason", v)}
          invalid={!!bad("alasan")}
        />
        {nikWarned && (
          <label className="check">
            <input
              type="checkbox"
              checked={d.acknowledge_nik_warnings}
              onChange={(e) => set("acknowledge_nik_warnings", e.target.checked)}
              data-testid="appoint-acknowledge"
            />
            <span>KTP-el sudah diperiksa; data yang diisi benar walaupun berbeda dengan NIK.</span>
          </label>
        )}
        <ErrorBox message={error?.message} />
        {confirming ? (
          <div className="confirm-box" role="group" aria-label="Konfirmasi penunjukan" data-testid="appointment-confirm">
            <p>
              Tunjuk <strong>{d.full_name || "(tanpa nama)"}</strong> sebagai anggota {round.body} {unit.unit_label}? Keputusan
              ini dicatat dengan nama Anda dalam jejak audit dan tercantum dalam lampiran SK sebagai penunjukan.
            </p>
            <div className="actions">
              <button type="button" onClick={() => setConfirming(false)}>
                Periksa lagi
              </button>
              <button type="button" className="primary" disabled={busy} onClick={() => void save()} data-autofocus>
                {busy ? "Menyimpan…" : "Ya, tunjuk"}
              </button>
            </div>
          </div>
        ) : (
          <div className="actions">
            <button type="button" onClick={onClose}>
              Batal
            </button>
            <button type="submit" className="primary">
              Lanjut ke konfirmasi
            </button>
          </div>
        )}
      </form>
    </Modal>
  );
}
