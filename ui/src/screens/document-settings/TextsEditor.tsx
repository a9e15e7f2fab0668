import { useId, useLayoutEffect, useRef, useState, type FormEvent, type RefObject } from "react";

import { call, toErrorPayload } from "../../api";
import type { KindTexts } from "../../bindings/KindTexts";
import type { Placeholder } from "../../bindings/Placeholder";
import type { Texts } from "../../bindings/Texts";
import { Modal } from "../../components/Modal";
import { useMounted } from "../../components/useMounted";
import { type Problem, SaveFeedback } from "./SaveFeedback";

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

/** The texts of each kind of document, one kind at a time; placeholders go in at the caret. */
export function TextsEditor({
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
