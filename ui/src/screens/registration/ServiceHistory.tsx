import type { PreviousService } from "../../bindings/PreviousService";
import { SERVICE_BODIES } from "../applicantText";
import { type SectionProps, yearOf } from "./fields";
import { FieldError, TextInput } from "./TextInput";

/** Earlier service as an election organiser: rows added and removed; the focus follows. */
export function ServiceHistory({
  draft,
  setDraft,
  err,
  touch,
  onFocus,
}: SectionProps & { onFocus: (id: string) => void }) {
  const setService = (i: number, patch: Partial<PreviousService>) =>
    setDraft((d) => ({ ...d, previous_service: d.previous_service.map((s, j) => (j === i ? { ...s, ...patch } : s)) }));
  return (
    <fieldset>
      <legend>Riwayat sebagai penyelenggara pemilu</legend>
      {draft.previous_service.length === 0 && <p className="muted">Belum pernah, atau belum diisi.</p>}
      {draft.previous_service.map((s, i) => {
        const n = i + 1;
        return (
          <div key={i} className="service-row" data-testid="service-row">
            <div className={`field${err(`riwayat.${i}.badan`) ? " has-error" : ""}`}>
              <label htmlFor={`reg-riwayat-${i}-badan`}>Badan (riwayat ke-{n})</label>
              <select
                id={`reg-riwayat-${i}-badan`}
                value={s.body}
                onChange={(e) => setService(i, { body: e.target.value })}
                onBlur={() => touch(`riwayat.${i}.badan`)}
              >
                <option value="">— pilih —</option>
                {SERVICE_BODIES.map((b) => (
                  <option key={b}>{b}</option>
                ))}
              </select>
              <FieldError id={`reg-riwayat-${i}-badan`} error={err(`riwayat.${i}.badan`)} />
            </div>
            <TextInput
              id={`reg-riwayat-${i}-pemilihan`}
              label={`Nama pemilihan (riwayat ke-${n})`}
              placeholder="Pemilu 2019"
              value={s.election}
              onChange={(e) => setService(i, { election: e.target.value })}
              onBlur={() => touch(`riwayat.${i}.pemilihan`)}
              error={err(`riwayat.${i}.pemilihan`)}
            />
            <TextInput
              id={`reg-riwayat-${i}-tahun`}
              label={`Tahun (riwayat ke-${n})`}
              inputMode="numeric"
              size={6}
              value={s.year ? String(s.year) : ""}
              onChange={(e) => setService(i, { year: yearOf(e.target.value) ?? 0 })}
              onBlur={() => touch(`riwayat.${i}.tahun`)}
              error={err(`riwayat.${i}.tahun`)}
            />
            <button
              type="button"
              className="small remove"
              aria-label={`Hapus riwayat ke-${n}`}
              onClick={() => {
                setDraft((d) => ({ ...d, previous_service: d.previous_service.filter((_, j) => j !== i) }));
                onFocus("reg-riwayat-tambah");
              }}
            >
              Hapus
            </button>
          </div>
        );
      })}
      <button
        type="button"
        id="reg-riwayat-tambah"
        className="small"
        onClick={() => {
          const i = draft.previous_service.length;
          setDraft((d) => ({ ...d, previous_service: [...d.previous_service, { body: "", election: "", year: 0 }] }));
          onFocus(`reg-riwayat-${i}-badan`);
        }}
      >
        Tambah riwayat
      </button>
    </fieldset>
  );
}
