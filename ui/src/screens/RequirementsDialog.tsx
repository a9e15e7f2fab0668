import { useEffect, useState } from "react";

import { call, toErrorPayload } from "../api";
import type { Applies } from "../bindings/Applies";
import type { RequirementInput } from "../bindings/RequirementInput";
import type { RequirementList } from "../bindings/RequirementList";
import type { RequirementView } from "../bindings/RequirementView";
import { ErrorBox } from "../components/ErrorBox";
import { Field } from "../components/Field";
import { Modal } from "../components/Modal";

interface Props {
  roundId: number;
  /** Shown in the title. */
  roundName: string;
  /** The role may change the list (Administrator); the core also refuses once verification has begun. */
  canEdit: boolean;
  onClose: () => void;
}

export const APPLIES_LABEL: Record<Applies, string> = {
  always: "Semua pendaftar",
  former_party_member: "Hanya untuk mantan anggota partai",
  listed_in_party_list: "Hanya bila NIK tercantum di daftar partai",
};

/** The core's own rule for a new code. */
const CODE_PATTERN = /^[a-z0-9_]{2,40}$/;

const input = (r: RequirementView, patch: Partial<RequirementInput> = {}): RequirementInput => ({
  code: r.code,
  name: r.name,
  mandatory: r.mandatory,
  retired: r.retired,
  ...patch,
});

interface NewRequirement {
  code: string;
  name: string;
  mandatory: boolean;
}

const EMPTY: NewRequirement = { code: "", name: "", mandatory: true };

/**
 * The documents a round asks for ("Daftar berkas"). Until the first
 * document has a verdict an Administrator renames one, makes it optional
 * or mandatory, stops or resumes using it, and adds new ones; each change
 * goes to the core at once, which answers with the list as it now stands.
 */
export function RequirementsDialog({ roundId, roundName, canEdit, onClose }: Props) {
  const [list, setList] = useState<RequirementList | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Names being edited, per code.
  const [names, setNames] = useState<Record<string, string>>({});
  // Per code: the core's refusal of a change to that row.
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [draft, setDraft] = useState<NewRequirement>(EMPTY);
  const [addErrors, setAddErrors] = useState<{ code?: string; name?: string; other?: string }>({});
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    call("requirement_list", { roundId }).then(setList, (e) => setLoadError(toErrorPayload(e).message));
  }, [roundId]);

  const editable = canEdit && (list?.editable ?? false);

  const setRowError = (code: string, error: string | null) =>
    setRowErrors((all) => {
      const copy = { ...all };
      if (error === null) delete copy[code];
      else copy[code] = error;
      return copy;
    });

  /** Sends one requirement's new state; true when the core accepted it. */
  const save = async (value: RequirementInput, done: string): Promise<boolean> => {
    setBusy(value.code);
    setRowError(value.code, null);
    setMessage(null);
    try {
      setList(await call("save_requirement", { roundId, input: value }));
      setMessage(done);
      return true;
    } catch (e) {
      setRowError(value.code, toErrorPayload(e).message);
      return false;
    } finally {
      setBusy(null);
    }
  };

  const rename = async (r: RequirementView) => {
    const name = (names[r.code] ?? r.name).trim();
    if (!name) {
      setRowError(r.code, "Nama berkas wajib diisi.");
      document.getElementById(`req-name-${r.code}`)?.focus();
      return;
    }
    if (await save(input(r, { name }), `Nama berkas diubah menjadi “${name}”.`)) {
      setNames((all) => {
        const copy = { ...all };
        delete copy[r.code];
        return copy;
      });
    }
  };

  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    const code = draft.code.trim().toLowerCase();
    const name = draft.name.trim();
    const found: typeof addErrors = {};
    if (!CODE_PATTERN.test(code)) {
      found.code = "Kode berkas 2–40 karakter: huruf kecil, angka, atau garis bawah (mis. skck).";
    } else if (list?.requirements.some((r) => r.code === code)) {
      found.code = "Kode ini sudah ada pada daftar; ubah berkas itu pada tabel di atas.";
    }
    if (!name) found.name = "Nama berkas wajib diisi.";
    setAddErrors(found);
    if (found.code || found.name) {
      document.getElementById(found.code ? "req-new-code" : "req-new-name")?.focus();
      return;
    }
    setBusy("+new");
    setMessage(null);
    try {
      setList(await call("save_requirement", { roundId, input: { code, name, mandatory: draft.mandatory, retired: false } }));
      setDraft(EMPTY);
      setMessage(`Berkas “${name}” ditambahkan.`);
      document.getElementById("req-new-code")?.focus();
    } catch (err) {
      const p = toErrorPayload(err);
      setAddErrors(p.field === "kode" ? { code: p.message } : p.field === "nama" ? { name: p.message } : { other: p.message });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Modal title={`Daftar berkas ${roundName}`} onClose={onClose} wide>
      <ErrorBox message={loadError} />
      {!list && !loadError && <p aria-busy="true">Memuat…</p>}
      {list && (
        <>
          <p className="muted">
            Berkas yang diminta dari pendaftar dan diteliti pada penelitian administrasi. Berkas wajib yang tidak ada atau
            tidak sesuai membuat pendaftar Tidak Memenuhi Syarat (TMS).
          </p>
          {!list.editable && (
            <p className="warn-box" data-testid="req-locked">
              Penelitian berkas sudah dimulai; daftar berkas tidak dapat diubah lagi.
            </p>
          )}
          {list.editable && !canEdit && (
            <p className="muted" data-testid="req-readonly">
              Daftar berkas diatur oleh Administrator.
            </p>
          )}
          {message && (
            <p className="ok-box" role="status">
              {message}
            </p>
          )}
          {list.requirements.length === 0 ? (
            <p className="empty">Seleksi ini belum menetapkan berkas yang diteliti.</p>
          ) : (
            <div className="table-wrap short">
              <table className="data requirements" aria-label="Daftar berkas">
                <thead>
                  <tr>
                    <th scope="col">Nama berkas</th>
                    <th scope="col">Kode</th>
                    <th scope="col">Wajib</th>
                    <th scope="col">Diminta dari</th>
                    <th scope="col">Status</th>
                    {editable && <th scope="col" aria-label="Aksi" />}
                  </tr>
                </thead>
                <tbody>
                  {list.requirements.map((r) => {
                    const name = names[r.code] ?? r.name;
                    const changed = name.trim() !== r.name;
                    const error = rowErrors[r.code];
                    const saving = busy === r.code;
                    return (
                      <tr key={r.code} data-testid="req-row" data-code={r.code} className={r.retired ? "retired" : undefined}>
                        <td>
                          {editable ? (
                            <form
                              className="inline-form"
                              aria-label={`Nama berkas ${r.code}`}
                              onSubmit={(e) => {
                                e.preventDefault();
                                void rename(r);
                              }}
                            >
                              <input
                                id={`req-name-${r.code}`}
                                value={name}
                                onChange={(e) => setNames((all) => ({ ...all, [r.code]: e.target.value }))}
                                onKeyDown={(e) => {
                                  if (e.key === "Escape" && changed) {
                                    // Undo the edit rather than close the dialog.
                                    e.stopPropagation();
                                    e.nativeEvent.stopImmediatePropagation();
                                    setNames(({ [r.code]: _, ...rest }) => rest);
                                    setRowError(r.code, null);
                                  }
                                }}
                                aria-label={`Nama berkas ${r.code}`}
                                aria-invalid={error ? true : undefined}
                                aria-describedby={error ? `req-error-${r.code}` : undefined}
                                autoComplete="off"
                              />
                              {changed && (
                                <button type="submit" className="small primary" id={`req-rename-${r.code}`} disabled={saving}>
                                  Simpan nama
                                </button>
                              )}
                            </form>
                          ) : (
                            <span data-testid="req-name">{r.name}</span>
                          )}
                          {error && (
                            <p id={`req-error-${r.code}`} className="error-text" role="alert">
                              {error}
                            </p>
                          )}
                        </td>
                        <td className="mono">{r.code}</td>
                        <td>
                          {editable ? (
                            <label className="check">
                              <input
                                type="checkbox"
                                id={`req-mandatory-${r.code}`}
                                checked={r.mandatory}
                                disabled={saving}
                                onChange={(e) =>
                                  void save(
                                    input(r, { mandatory: e.target.checked }),
                                    `${r.name} sekarang ${e.target.checked ? "wajib" : "tidak wajib"}.`,
                                  )
                                }
                              />
                              <span>Wajib</span>
                            </label>
                          ) : (
                            <span data-testid="req-mandatory">{r.mandatory ? "Wajib" : "Tidak wajib"}</span>
                          )}
                        </td>
                        <td data-testid="req-applies">{APPLIES_LABEL[r.applies]}</td>
                        <td data-testid="req-status">{r.retired ? "Tidak dipakai lagi" : "Dipakai"}</td>
                        {editable && (
                          <td>
                            <button
                              type="button"
                              className="small"
                              id={`req-retire-${r.code}`}
                              disabled={saving}
                              aria-label={`${r.retired ? "Pakai lagi" : "Tidak dipakai lagi"}: ${r.name}`}
                              onClick={() =>
                                void save(
                                  input(r, { retired: !r.retired }),
                                  r.retired ? `${r.name} dipakai lagi.` : `${r.name} tidak dipakai lagi.`,
                                )
                              }
                            >
                              {r.retired ? "Pakai lagi" : "Tidak dipakai lagi"}
                            </button>
                          </td>
                        )}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}

          {editable && (
            <form className="req-add" onSubmit={(e) => void add(e)} noValidate aria-label="Tambah berkas">
              <h3>Tambah berkas</h3>
              <div className="req-add-fields">
                <Field
                  id="req-new-code"
                  label="Kode"
                  value={draft.code}
                  onChange={(e) => setDraft({ ...draft, code: e.target.value })}
                  error={addErrors.code}
                  hint="Huruf kecil, angka, garis bawah; mis. skck"
                  autoComplete="off"
                />
                <Field
                  id="req-new-name"
                  label="Nama berkas"
                  value={draft.name}
                  onChange={(e) => setDraft({ ...draft, name: e.target.value })}
                  error={addErrors.name}
                  hint="mis. Surat keterangan catatan kepolisian (SKCK)"
                  autoComplete="off"
                />
                <label className="check">
                  <input
                    type="checkbox"
                    id="req-new-mandatory"
                    checked={draft.mandatory}
                    onChange={(e) => setDraft({ ...draft, mandatory: e.target.checked })}
                  />
                  <span>Wajib</span>
                </label>
              </div>
              <ErrorBox message={addErrors.other} />
              <div className="actions start">
                <button type="submit" id="req-add" className="primary" disabled={busy === "+new"}>
                  Tambah berkas
                </button>
              </div>
            </form>
          )}
        </>
      )}
      <div className="actions">
        <button type="button" onClick={onClose}>
          Tutup
        </button>
      </div>
    </Modal>
  );
}
