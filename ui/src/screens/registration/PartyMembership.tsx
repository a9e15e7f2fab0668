import { currentYear, type SectionProps, yearOf } from "./fields";
import { FieldError, TextInput } from "./TextInput";

/**
 * Party membership: never, or a former member (and the year they left);
 * a statement that the NIK was misused. Nothing is chosen until the
 * applicant answers: the core refuses a registration without an answer.
 */
export function PartyMembership({ draft, setDraft, err, touch }: SectionProps) {
  const missing = err("status_partai");
  return (
    <fieldset
      id="reg-partai"
      className={missing ? "has-error" : undefined}
      aria-describedby={missing ? "reg-partai-error" : undefined}
    >
      <legend>Keanggotaan partai politik</legend>
      <div className="check">
        <input
          type="radio"
          id="reg-partai-bukan"
          name="party_status"
          checked={draft.party_status === "bukan"}
          aria-invalid={missing ? true : undefined}
          onChange={() => setDraft((d) => ({ ...d, party_status: "bukan", party_left_year: null }))}
          onBlur={() => touch("status_partai")}
        />
        <label htmlFor="reg-partai-bukan">Tidak pernah menjadi anggota partai politik</label>
      </div>
      <div className="check">
        <input
          type="radio"
          id="reg-partai-mantan"
          name="party_status"
          checked={draft.party_status === "mantan"}
          aria-invalid={missing ? true : undefined}
          onChange={() => setDraft((d) => ({ ...d, party_status: "mantan" }))}
          onBlur={() => touch("status_partai")}
        />
        <label htmlFor="reg-partai-mantan">Mantan anggota partai politik</label>
      </div>
      <FieldError id="reg-partai" error={missing} />
      {draft.party_status === "mantan" && (
        <TextInput
          id="reg-tahun-keluar"
          label="Tahun keluar dari partai"
          inputMode="numeric"
          size={6}
          value={draft.party_left_year === null ? "" : String(draft.party_left_year)}
          onChange={(e) => setDraft((d) => ({ ...d, party_left_year: yearOf(e.target.value) }))}
          onBlur={() => touch("tahun_keluar_partai")}
          hint={`Contoh: ${currentYear() - 6}.`}
          error={err("tahun_keluar_partai")}
        />
      )}
      {draft.party_status !== "mantan" && <FieldError id="reg-tahun-keluar" error={err("tahun_keluar_partai")} />}
      <div className="check">
        <input
          type="checkbox"
          id="reg-dicatut"
          checked={draft.misuse_statement}
          onChange={(e) => setDraft((d) => ({ ...d, misuse_statement: e.target.checked }))}
        />
        <label htmlFor="reg-dicatut">Ada surat pernyataan NIK dicatut partai (bermeterai)</label>
      </div>
    </fieldset>
  );
}
