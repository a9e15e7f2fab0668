import { DocumentContents } from "../../components/DocumentContents";
import type { RegistrationCheck } from "../../bindings/RegistrationCheck";
import type { SectionProps } from "./fields";
import { FieldError } from "./TextInput";

/** The documents handed over, as the core lists them for this round. */
export function DocumentChecklist({
  draft,
  setDraft,
  err,
  check,
}: Omit<SectionProps, "touch"> & { check: RegistrationCheck | null }) {
  return (
    <fieldset id="reg-berkas" aria-describedby={err("berkas") ? "reg-berkas-error" : undefined}>
      <legend>Berkas yang diterima</legend>
      {!check && <p className="muted">Memuat daftar berkas…</p>}
      {check?.documents.map((d) => {
        const id = `reg-berkas-${d.code}`;
        const on = draft.documents.includes(d.code);
        return (
          <div key={d.code}>
            <div className="check">
              <input
                type="checkbox"
                id={id}
                checked={on}
                onChange={(e) =>
                  setDraft((x) => ({
                    ...x,
                    documents: e.target.checked ? [...x.documents, d.code] : x.documents.filter((c) => c !== d.code),
                  }))
                }
              />
              <label htmlFor={id}>
                {d.name}
                {d.required ? <span className="muted"> (wajib)</span> : <span className="muted"> (tidak wajib)</span>}
              </label>
            </div>
            <DocumentContents items={d.contents} />
          </div>
        );
      })}
      <FieldError id="reg-berkas" error={err("berkas")} />
    </fieldset>
  );
}
