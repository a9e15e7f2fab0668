import { useId, useLayoutEffect, useRef, useState, type FormEvent } from "react";

import { call, toErrorPayload } from "../../api";
import type { NumberingTemplate } from "../../bindings/NumberingTemplate";
import type { PublicationSettings } from "../../bindings/PublicationSettings";
import { Field } from "../../components/Field";
import { useMounted } from "../../components/useMounted";
import { LogoBox } from "./LogoBox";
import { NumberingField } from "./NumberingField";
import { type Problem, SaveFeedback } from "./SaveFeedback";

/** Members of the commission besides the Ketua, at most (the core checks it too). */
export const MAX_MEMBERS = 8;

interface Member {
  /** Stable key while rows are added and removed. */
  key: number;
  name: string;
}

interface FormState {
  address: string;
  contacts: string;
  chair: string;
  members: Member[];
  numbering: NumberingTemplate[];
}

/** The kop, the signatories and the numbering: one form, saved together (the logo apart, at once). */
export function SettingsForm({
  initial,
  logo,
  editable,
  onLogo,
}: {
  initial: PublicationSettings;
  logo: string | null;
  editable: boolean;
  onLogo: (logo: string | null) => void;
}) {
  const mounted = useMounted();
  const base = useId();
  const nextKey = useRef(0);
  const toForm = (s: PublicationSettings): FormState => ({
    address: s.address,
    contacts: s.contacts,
    chair: s.chair,
    members: s.members.map((name) => ({ key: nextKey.current++, name })),
    numbering: s.numbering,
  });
  const [form, setForm] = useState<FormState>(() => toForm(initial));
  const [saved, setSaved] = useState<PublicationSettings>(initial);
  const [problem, setProblem] = useState<Problem>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The element to focus after the next render (a new member, the field in error). */
  const focusNext = useRef<string | null>(null);

  useLayoutEffect(() => {
    const id = focusNext.current;
    if (!id) return;
    focusNext.current = null;
    document.getElementById(id)?.focus();
  });

  const ids = {
    address: `${base}-alamat`,
    contacts: `${base}-kontak`,
    chair: `${base}-ketua`,
    member: (i: number) => `${base}-anggota-${i}`,
    addMember: `${base}-tambah-anggota`,
    numbering: (series: string) => `${base}-nomor-${series}`,
  };
  /** The element that shows the core's complaint about `field`. */
  const elementOf = (field: string | null): string | null => {
    if (field === "alamat") return ids.address;
    if (field === "kontak") return ids.contacts;
    if (field === "ketua") return ids.chair;
    if (field === "anggota") return form.members.length > 0 ? ids.member(0) : ids.addMember;
    const member = /^anggota\.(\d+)$/.exec(field ?? "");
    if (member) return ids.member(Number(member[1]));
    const series = /^nomor\.(.+)$/.exec(field ?? "");
    if (series) return ids.numbering(series[1]!);
    return null;
  };
  const at = (field: string) => (problem?.field === field ? problem.message : null);
  const general = problem && elementOf(problem.field) === null ? problem.message : null;

  const current: PublicationSettings = {
    address: form.address,
    contacts: form.contacts,
    chair: form.chair,
    members: form.members.map((m) => m.name),
    numbering: form.numbering,
  };
  const dirty = JSON.stringify(current) !== JSON.stringify(saved);

  const edit = (patch: Partial<FormState>) => {
    setForm((f) => ({ ...f, ...patch }));
    setStatus(null);
  };
  const setMember = (i: number, name: string) =>
    edit({ members: form.members.map((m, j) => (j === i ? { ...m, name } : m)) });
  const addMember = () => {
    if (form.members.length >= MAX_MEMBERS) return;
    focusNext.current = ids.member(form.members.length);
    edit({ members: [...form.members, { key: nextKey.current++, name: "" }] });
  };
  const removeMember = (i: number) => {
    const members = form.members.filter((_, j) => j !== i);
    // The focus goes to the member now at this place, else the one before, else "Tambah anggota".
    focusNext.current = members.length === 0 ? ids.addMember : ids.member(Math.min(i, members.length - 1));
    if (problem?.field?.startsWith("anggota")) setProblem(null);
    edit({ members });
  };
  const setTemplate = (series: string, template: string) =>
    edit({ numbering: form.numbering.map((n) => (n.series === series ? { ...n, template } : n)) });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!editable || busy) return;
    setBusy(true);
    setStatus(null);
    try {
      const clean = await call("save_publication_settings", { settings: current });
      if (!mounted.current) return;
      setSaved(clean);
      setForm(toForm(clean));
      setProblem(null);
      setStatus("Kop surat, penandatangan dan penomoran disimpan. Dokumen yang dibuat berikutnya memakai pengaturan ini.");
    } catch (err) {
      if (!mounted.current) return;
      // What was typed stays in the form; the field at fault gets the focus.
      const p = toErrorPayload(err);
      setProblem({ field: p.field, message: p.message });
      focusNext.current = elementOf(p.field);
    } finally {
      if (mounted.current) setBusy(false);
    }
  };

  return (
    <form className="doc-settings-form" onSubmit={(e) => void save(e)} noValidate aria-label="Kop, penandatangan dan penomoran">
      <section className="card doc-section" aria-labelledby={`${base}-kop-title`}>
        <h2 id={`${base}-kop-title`}>Kop surat</h2>
        <div className="doc-kop">
          <div className="doc-kop-fields">
            <Field
              id={ids.address}
              label="Alamat kantor"
              value={form.address}
              onChange={(e) => edit({ address: e.target.value })}
              readOnly={!editable}
              hint="Dicetak di bawah nama komisi, mis. Jl. Hayam Wuruk No. 14, Pasuruan."
              error={at("alamat")}
            />
            <Field
              id={ids.contacts}
              label="Telepon, surel, laman"
              value={form.contacts}
              onChange={(e) => edit({ contacts: e.target.value })}
              readOnly={!editable}
              hint="Satu baris di bawah alamat, mis. Telp. (0343) 123456 · kab-pasuruan@kpu.go.id."
              error={at("kontak")}
            />
          </div>
          <LogoBox logo={logo} editable={editable} onLogo={onLogo} />
        </div>
      </section>

      <section className="card doc-section" aria-labelledby={`${base}-sign-title`}>
        <h2 id={`${base}-sign-title`}>Penandatangan</h2>
        <Field
          id={ids.chair}
          label="Nama Ketua"
          value={form.chair}
          onChange={(e) => edit({ chair: e.target.value })}
          readOnly={!editable}
          hint="Menandatangani pengumuman dan lampiran SK. Kosongkan bila nama ditulis tangan."
          error={at("ketua")}
        />
        <fieldset className={`doc-members${at("anggota") ? " has-error" : ""}`} aria-describedby={`${base}-members-hint`}>
          <legend>Anggota (selain Ketua)</legend>
          <p id={`${base}-members-hint`} className="muted doc-hint">
            Dicantumkan pada tabel tanda tangan Berita Acara; paling banyak {MAX_MEMBERS} orang. Baris yang kosong tidak
            disimpan.
          </p>
          {form.members.length === 0 && <p className="muted doc-hint">Belum ada anggota yang dicatat.</p>}
          <ol className="doc-member-list">
            {form.members.map((m, i) => {
              const error = at(`anggota.${i}`);
              const id = ids.member(i);
              return (
                <li key={m.key} className={`doc-member${error ? " has-error" : ""}`} data-testid="member-row">
                  <label htmlFor={id}>Anggota {i + 1}</label>
                  <input
                    id={id}
                    value={m.name}
                    onChange={(e) => setMember(i, e.target.value)}
                    readOnly={!editable}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${id}-error` : undefined}
                  />
                  <button type="button" disabled={!editable} onClick={() => removeMember(i)} aria-label={`Hapus anggota ${i + 1}`}>
                    Hapus
                  </button>
                  {error && (
                    <small id={`${id}-error`} className="error-text">
                      {error}
                    </small>
                  )}
                </li>
              );
            })}
          </ol>
          {at("anggota") && <p className="error-text doc-hint">{at("anggota")}</p>}
          <button
            type="button"
            id={ids.addMember}
            disabled={!editable || form.members.length >= MAX_MEMBERS}
            onClick={addMember}
          >
            Tambah anggota
          </button>
          {editable && form.members.length >= MAX_MEMBERS && (
            <span className="muted doc-inline-note"> Sudah {MAX_MEMBERS} anggota.</span>
          )}
        </fieldset>
      </section>

      <section className="card doc-section" aria-labelledby={`${base}-num-title`}>
        <h2 id={`${base}-num-title`}>Penomoran</h2>
        <p className="muted doc-hint">
          Penanda: <code>{"{urut}"}</code> nomor urut per tahun (paling sedikit dua angka, wajib), <code>{"{kode}"}</code>{" "}
          kode kabupaten/kota, <code>{"{tahun}"}</code> tahun, <code>{"{bulan}"}</code> bulan dalam angka Romawi. Nomor
          yang sudah diberikan pada suatu dokumen tidak berubah.
        </p>
        {form.numbering.map((n) => (
          <NumberingField
            key={n.series}
            id={ids.numbering(n.series)}
            numbering={n}
            editable={editable}
            error={at(`nomor.${n.series}`)}
            onChange={(template) => setTemplate(n.series, template)}
          />
        ))}
      </section>

      <div className="doc-save">
        <SaveFeedback general={general} problem={problem} status={status} />
        <div className="actions start">
          <button type="submit" className="primary" disabled={!editable || busy}>
            {busy ? "Menyimpan…" : "Simpan"}
          </button>
          {editable && dirty && <span className="muted doc-inline-note">Ada perubahan yang belum disimpan.</span>}
        </div>
      </div>
    </form>
  );
}
