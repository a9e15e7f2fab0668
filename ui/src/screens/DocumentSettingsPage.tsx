import "./DocumentSettingsPage.css";

import { useEffect, useId, useLayoutEffect, useRef, useState, type FormEvent, type RefObject } from "react";

import { call, toErrorPayload, type PublicationSettingsView } from "../api";
import type { KindTexts } from "../bindings/KindTexts";
import type { NumberingTemplate } from "../bindings/NumberingTemplate";
import type { Placeholder } from "../bindings/Placeholder";
import type { PublicationSettings } from "../bindings/PublicationSettings";
import type { Session } from "../bindings/Session";
import type { Texts } from "../bindings/Texts";
import { ErrorBox } from "../components/ErrorBox";
import { Field } from "../components/Field";
import { Modal } from "../components/Modal";
import { useMounted } from "../components/useMounted";
import { ROLE_LABEL } from "./roles";

/** Members of the commission besides the Ketua, at most (the core checks it too). */
export const MAX_MEMBERS = 8;
/** The kabupaten code shown in the numbering examples. */
export const SAMPLE_CODE = "3514";
const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"];
const NUMBERING_NAMES = ["urut", "kode", "tahun", "bulan"];

/**
 * The first number of this year from a numbering template, as an example:
 * {urut} → 01, {kode} → a sample code, {tahun} → this year, {bulan} → this
 * month in Roman numerals. Unknown placeholders are left as written.
 */
export function exampleNumber(template: string, now: Date = new Date(), kode: string = SAMPLE_CODE): string {
  const values: Record<string, string> = {
    urut: "01",
    kode,
    tahun: String(now.getFullYear()),
    bulan: ROMAN[now.getMonth()] ?? "",
  };
  return template.trim().replace(/\{([^{}]*)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** What can be told about a template while it is typed; the core decides on save. */
export function templateWarning(template: string): string | null {
  if (!template.trim()) return "Templat nomor tidak boleh kosong.";
  const names = [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? "");
  const unknown = names.find((n) => !NUMBERING_NAMES.includes(n));
  if (unknown !== undefined) {
    return `Penanda {${unknown}} tidak dikenal. Yang dapat dipakai: {urut}, {kode}, {tahun}, {bulan}.`;
  }
  if (!names.includes("urut")) return "Templat nomor harus memuat {urut}, nomor urut dokumen dalam satu tahun.";
  return null;
}

type Problem = { field: string | null; message: string } | null;

/**
 * The commission's official documents: the kop (address, contacts, logo),
 * who signs, the numbering and the texts of every kind. Everyone who may
 * open it sees the settings; only an Administrator changes them.
 */
export function DocumentSettingsPage({ session }: { session: Session }) {
  const mounted = useMounted();
  const [view, setView] = useState<PublicationSettingsView | null>(null);
  const [kinds, setKinds] = useState<KindTexts[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([call("publication_settings"), call("publication_texts")]).then(
      ([v, k]) => {
        if (!mounted.current) return;
        setView(v);
        setKinds(k);
      },
      (e) => mounted.current && setLoadError(toErrorPayload(e).message),
    );
  }, [mounted]);

  return (
    <div className="content doc-settings">
      <section aria-labelledby="doc-settings-title">
        <h1 id="doc-settings-title">Pengaturan dokumen</h1>
        <p className="muted doc-intro">
          Kop surat, penandatangan, penomoran dan teks yang dipakai pada pengumuman, Berita Acara dan lampiran SK
          penetapan.
        </p>
        {view && !view.editable && (
          <p className="doc-readonly" role="note" data-testid="doc-readonly">
            Hanya Administrator yang dapat mengubah pengaturan dokumen. Anda masuk sebagai {ROLE_LABEL[session.role]};
            pengaturan ini hanya dapat dilihat.
          </p>
        )}
        <ErrorBox message={loadError} />
        {!view && !loadError && <p className="muted">Memuat pengaturan…</p>}
      </section>
      {view && (
        <SettingsForm
          initial={view.settings}
          logo={view.logo}
          editable={view.editable}
          onLogo={(logo) => setView((v) => (v ? { ...v, logo } : v))}
        />
      )}
      {view && kinds && <TextsEditor initial={kinds} placeholders={view.placeholders} editable={view.editable} />}
    </div>
  );
}

// ---- kop, signatories, numbering ---------------------------------------------

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

function SettingsForm({
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
        {form.numbering.map((n) => {
          const id = ids.numbering(n.series);
          const error = at(`nomor.${n.series}`);
          const warning = error ? null : templateWarning(n.template);
          return (
            <div key={n.series} className={`field doc-numbering${error ? " has-error" : ""}`} data-testid="numbering-row">
              <label htmlFor={id}>Nomor {n.label}</label>
              <input
                id={id}
                className="mono"
                value={n.template}
                onChange={(e) => setTemplate(n.series, e.target.value)}
                readOnly={!editable}
                spellCheck={false}
                aria-invalid={error ? true : undefined}
                aria-describedby={[`${id}-example`, error ? `${id}-error` : null, warning ? `${id}-warning` : null]
                  .filter(Boolean)
                  .join(" ")}
              />
              <small id={`${id}-example`} className="muted">
                Contoh nomor pertama tahun ini: <span className="mono doc-example">{exampleNumber(n.template) || "–"}</span>
              </small>
              {warning && (
                <small id={`${id}-warning`} className="doc-warning">
                  {warning}
                </small>
              )}
              {error && (
                <small id={`${id}-error`} className="error-text">
                  {error}
                </small>
              )}
            </div>
          );
        })}
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

/** The logo of the kop: a preview, upload and removal (saved at once, not with "Simpan"). */
function LogoBox({ logo, editable, onLogo }: { logo: string | null; editable: boolean; onLogo: (logo: string | null) => void }) {
  const mounted = useMounted();
  const hintId = useId();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  const reload = async () => {
    const v = await call("publication_settings");
    // Only the logo: anything typed in the form and not yet saved stays.
    if (mounted.current) onLogo(v.logo);
  };
  const run = async (action: () => Promise<string | null>) => {
    setBusy(true);
    setMessage(null);
    try {
      const ok = await action();
      if (mounted.current && ok) setMessage({ kind: "ok", text: ok });
    } catch (e) {
      if (mounted.current) setMessage({ kind: "error", text: toErrorPayload(e).message });
    } finally {
      if (mounted.current) setBusy(false);
    }
  };
  const upload = () =>
    run(async () => {
      if (!(await call("upload_logo"))) return null;
      await reload();
      return "Logo disimpan dan dipakai pada kop dokumen berikutnya.";
    });
  const remove = () => {
    setConfirming(false);
    return run(async () => {
      await call("remove_logo");
      await reload();
      return "Logo dihapus; kop dicetak sebagai teks.";
    });
  };

  return (
    <div className="doc-logo" role="group" aria-label="Logo kop surat" aria-describedby={hintId}>
      <div className="doc-logo-preview">
        {logo ? (
          <img src={logo} alt="Logo pada kop surat" />
        ) : (
          <span className="muted" data-testid="no-logo">
            Belum ada logo
          </span>
        )}
      </div>
      <p id={hintId} className="muted doc-hint">
        Tanpa logo, kop dicetak sebagai teks saja. Berkas PNG atau JPEG; logo langsung tersimpan setelah diunggah.
      </p>
      <div className="row-actions">
        <button type="button" disabled={!editable || busy} onClick={() => void upload()}>
          {busy ? "Memproses…" : "Unggah logo"}
        </button>
        {logo && (
          <button type="button" disabled={!editable || busy} onClick={() => setConfirming(true)}>
            Hapus logo
          </button>
        )}
      </div>
      {message && (
        <p className={message.kind === "ok" ? "ok-box" : "error-box"} role={message.kind === "ok" ? "status" : "alert"}>
          {message.text}
        </p>
      )}
      {confirming && (
        <Modal title="Hapus logo" onClose={() => setConfirming(false)}>
          <p>Hapus logo dari kop surat? Dokumen yang dibuat berikutnya dicetak dengan kop teks saja.</p>
          <div className="actions">
            <button type="button" data-autofocus onClick={() => setConfirming(false)}>
              Batal
            </button>
            <button type="button" className="danger" onClick={() => void remove()}>
              Ya, hapus logo
            </button>
          </div>
        </Modal>
      )}
    </div>
  );
}

// ---- texts ---------------------------------------------------------------------

type Part = keyof Texts;
const PARTS: Part[] = ["about", "opening", "closing"];
/** The core's name of each part, as its validation errors give it. */
const PART_FIELD: Record<Part, string> = { about: "tentang", opening: "pembuka", closing: "penutup" };
const PART_LABEL: Record<Part, string> = {
  about: "TENTANG",
  opening: "Pembuka",
  closing: "Penutup",
};
const PART_HINT: Record<Part, string> = {
  about: "Baris setelah kata “TENTANG”, ditulis sebagai satu baris.",
  opening: "Paragraf sebelum tabel.",
  closing: "Paragraf setelah tabel; satu paragraf per baris.",
};
const PART_ROWS: Record<Part, number> = { about: 2, opening: 4, closing: 5 };

const sameTexts = (a: Texts, b: Texts) => PARTS.every((p) => a[p] === b[p]);

function TextsEditor({
  initial,
  placeholders,
  editable,
}: {
  initial: KindTexts[];
  placeholders: Placeholder[];
  editable: boolean;
}) {
  const mounted = useMounted();
  const base = useId();
  const [kinds, setKinds] = useState(initial);
  const [selected, setSelected] = useState(initial[0]?.key ?? "");
  /** What is being written, per kind: kept when another kind is looked at. */
  const [drafts, setDrafts] = useState<Record<string, Texts>>({});
  const [problem, setProblem] = useState<Problem>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const refs: Record<Part, RefObject<HTMLTextAreaElement | null>> = {
    about: useRef<HTMLTextAreaElement>(null),
    opening: useRef<HTMLTextAreaElement>(null),
    closing: useRef<HTMLTextAreaElement>(null),
  };
  /** The part a placeholder goes into: the one last written in. */
  const lastPart = useRef<Part>("opening");
  /** Where the caret goes after a placeholder was inserted. */
  const caret = useRef<{ part: Part; at: number } | null>(null);

  useLayoutEffect(() => {
    const c = caret.current;
    if (!c) return;
    caret.current = null;
    const el = refs[c.part].current;
    el?.focus();
    el?.setSelectionRange(c.at, c.at);
  });

  const kind = kinds.find((k) => k.key === selected);
  if (!kind) return null;
  const draft = drafts[kind.key] ?? kind.texts;
  const dirty = !sameTexts(draft, kind.texts);
  const isDirty = (k: KindTexts) => drafts[k.key] !== undefined && !sameTexts(drafts[k.key]!, k.texts);
  const id = (p: Part) => `${base}-${PART_FIELD[p]}`;
  const partOf = (field: string | null) => PARTS.find((p) => PART_FIELD[p] === field) ?? null;
  const general = problem && partOf(problem.field) === null ? problem.message : null;

  const setPart = (part: Part, value: string) => {
    setDrafts((d) => ({ ...d, [kind.key]: { ...(d[kind.key] ?? kind.texts), [part]: value } }));
    setStatus(null);
  };
  const insert = (name: string) => {
    const part = lastPart.current;
    const value = draft[part];
    const el = refs[part].current;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    setPart(part, value.slice(0, start) + name + value.slice(end));
    caret.current = { part, at: start + name.length };
  };
  const choose = (key: string) => {
    setSelected(key);
    setProblem(null);
    setStatus(null);
  };
  /** Reads the texts again; the draft of `key` is dropped, the others are kept. */
  const reload = async (key: string) => {
    const fresh = await call("publication_texts");
    if (!mounted.current) return;
    setKinds(fresh);
    setDrafts((d) => {
      const rest = { ...d };
      delete rest[key];
      return rest;
    });
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!editable || busy) return;
    setBusy(true);
    setStatus(null);
    try {
      await call("save_publication_texts", { kind: kind.kind, texts: draft });
      await reload(kind.key);
      if (!mounted.current) return;
      setProblem(null);
      setStatus(`Teks ${kind.label} disimpan.`);
    } catch (err) {
      if (!mounted.current) return;
      const p = toErrorPayload(err);
      setProblem({ field: p.field, message: p.message });
      const part = partOf(p.field);
      if (part) refs[part].current?.focus();
    } finally {
      if (mounted.current) setBusy(false);
    }
  };
  const reset = async () => {
    setConfirming(false);
    setBusy(true);
    setStatus(null);
    try {
      await call("reset_publication_texts", { kind: kind.kind });
      await reload(kind.key);
      if (!mounted.current) return;
      setProblem(null);
      setStatus(`Teks ${kind.label} dikembalikan ke teks bawaan.`);
    } catch (err) {
      if (mounted.current) setProblem({ field: null, message: toErrorPayload(err).message });
    } finally {
      if (mounted.current) setBusy(false);
    }
  };

  return (
    <section className="card doc-section" aria-labelledby={`${base}-title`}>
      <h2 id={`${base}-title`}>Teks dokumen</h2>
      <p className="muted doc-hint">
        Setiap jenis dokumen mempunyai teks bawaan. Teks yang diubah dipakai untuk dokumen yang dibuat berikutnya; penanda
        dalam kurung kurawal diganti dengan isinya saat dokumen dibuat.
      </p>
      <div className="field doc-kind">
        <label htmlFor={`${base}-kind`}>Jenis dokumen</label>
        <select id={`${base}-kind`} value={kind.key} onChange={(e) => choose(e.target.value)}>
          {kinds.map((k) => (
            <option key={k.key} value={k.key}>
              {k.label}
              {k.edited ? " (diubah)" : ""}
              {isDirty(k) ? " – belum disimpan" : ""}
            </option>
          ))}
        </select>
      </div>
      <p className="doc-kind-state">
        {kind.edited ? (
          <span className="badge doc-badge-edited">Teks sudah diubah dari bawaan</span>
        ) : (
          <span className="badge">Teks bawaan</span>
        )}
        {dirty && <span className="badge warn">Ada perubahan yang belum disimpan</span>}
      </p>
      <form className="doc-texts" onSubmit={(e) => void save(e)} noValidate aria-label={`Teks ${kind.label}`}>
        <div className="doc-texts-fields">
          {PARTS.map((p) => {
            const error = problem?.field === PART_FIELD[p] ? problem.message : null;
            return (
              <div key={p} className={`field${error ? " has-error" : ""}`}>
                <label htmlFor={id(p)}>{PART_LABEL[p]}</label>
                <textarea
                  id={id(p)}
                  ref={refs[p]}
                  rows={PART_ROWS[p]}
                  value={draft[p]}
                  onChange={(e) => setPart(p, e.target.value)}
                  onFocus={() => {
                    lastPart.current = p;
                  }}
                  readOnly={!editable}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={[`${id(p)}-hint`, error ? `${id(p)}-error` : null].filter(Boolean).join(" ")}
                />
                <small id={`${id(p)}-hint`} className="muted">
                  {PART_HINT[p]}
                </small>
                {error && (
                  <small id={`${id(p)}-error`} className="error-text">
                    {error}
                  </small>
                )}
              </div>
            );
          })}
          {kind.edited && (
            <details className="doc-defaults">
              <summary>Lihat teks bawaan</summary>
              <dl>
                {PARTS.map((p) => (
                  <div key={p}>
                    <dt>{PART_LABEL[p]}</dt>
                    <dd>{kind.defaults[p] || <span className="muted">(kosong)</span>}</dd>
                  </div>
                ))}
              </dl>
            </details>
          )}
        </div>
        <aside className="doc-placeholders" aria-labelledby={`${base}-ph-title`}>
          <h3 id={`${base}-ph-title`}>Penanda</h3>
          <p className="muted doc-hint">
            {editable
              ? "Pilih penanda untuk menyisipkannya di posisi kursor pada kolom yang terakhir diisi."
              : "Penanda yang dapat dipakai dalam teks."}
          </p>
          <ul>
            {placeholders.map((ph, i) => (
              <li key={ph.name}>
                {editable ? (
                  <button
                    type="button"
                    className="chip mono"
                    onClick={() => insert(ph.name)}
                    aria-label={`Sisipkan ${ph.name}`}
                    aria-describedby={`${base}-ph-${i}`}
                  >
                    {ph.name}
                  </button>
                ) : (
                  <code>{ph.name}</code>
                )}
                <span id={`${base}-ph-${i}`} className="doc-placeholder-meaning">
                  {ph.meaning}
                </span>
              </li>
            ))}
          </ul>
        </aside>
        <div className="doc-texts-save">
          <SaveFeedback general={general} problem={problem} status={status} />
          <div className="actions start">
            <button type="submit" className="primary" disabled={!editable || busy}>
              {busy ? "Menyimpan…" : "Simpan teks"}
            </button>
            {kind.edited && (
              <button type="button" disabled={!editable || busy} onClick={() => setConfirming(true)}>
                Kembalikan ke teks bawaan
              </button>
            )}
          </div>
        </div>
      </form>
      {confirming && (
        <Modal title="Kembalikan ke teks bawaan" onClose={() => setConfirming(false)}>
          <p>
            Teks {kind.label} yang sudah diubah diganti dengan teks bawaan
            {dirty ? ", termasuk perubahan yang belum disimpan" : ""}. Lanjutkan?
          </p>
          <div className="actions">
            <button type="button" data-autofocus onClick={() => setConfirming(false)}>
              Batal
            </button>
            <button type="button" className="danger" onClick={() => void reset()}>
              Ya, kembalikan
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}

/** What became of a save: a general error, a field's problem (its field shows it too), or done. */
function SaveFeedback({
  general,
  problem,
  status,
}: {
  general: string | null;
  problem: { message: string } | null;
  status: string | null;
}) {
  return (
    <>
      <ErrorBox message={general} />
      {problem && !general && (
        <p className="error-box" role="alert">
          Belum disimpan: {problem.message}
        </p>
      )}
      {status && (
        <p className="ok-box" role="status">
          {status}
        </p>
      )}
    </>
  );
}
