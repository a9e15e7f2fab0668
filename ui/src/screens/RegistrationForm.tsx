import { useCallback, useEffect, useMemo, useRef, useState } from "react";

import { call, toErrorPayload } from "../api";
import type { ApplicantFields } from "../bindings/ApplicantFields";
import type { Body } from "../bindings/Body";
import type { DocumentItem } from "../bindings/DocumentItem";
import type { KecamatanOption } from "../bindings/KecamatanOption";
import type { RegistrationCheck } from "../bindings/RegistrationCheck";
import type { RegistrationDraft } from "../bindings/RegistrationDraft";
import type { SavedApplicant } from "../bindings/SavedApplicant";
import { DateField } from "../components/DateField";
import { ErrorBox } from "../components/ErrorBox";
import { Modal } from "../components/Modal";
import { useFocusClearOfBar } from "../components/placement";
import { type PickerOption, RegionPicker } from "../components/RegionPicker";
import { desaLabel, EDUCATION, emptyDraft, SEX_LABEL } from "./applicantText";
import { DocumentChecklist } from "./registration/DocumentChecklist";
import { FIELD_IDS, fieldOfElement, fieldOrder } from "./registration/fields";
import { LivePanel } from "./registration/LivePanel";
import { MissingDocumentsDialog } from "./registration/MissingDocumentsDialog";
import { PartyMembership } from "./registration/PartyMembership";
import { SavedView } from "./registration/SavedView";
import { RecordedServiceList } from "./continuity/RecordedServiceList";
import { ServiceHistory } from "./registration/ServiceHistory";
import { describedBy, FieldError, FieldWarning, TextInput } from "./registration/TextInput";

export interface RoundRef {
  id: number;
  name: string;
  body: Body;
}

export interface Editing {
  id: number;
  regNumber: string;
  draft: RegistrationDraft;
}

interface Props {
  round: RoundRef;
  regions: KecamatanOption[];
  /** The application being changed; none for a new registration. */
  editing?: Editing | null;
  /** A dialog is open above the form: keyboard shortcuts wait. */
  paused?: boolean;
  /** Changing this runs the live check again (e.g. after the duplicate was withdrawn). */
  recheck?: number;
  /** Back to the list; asked only when nothing unsaved would be lost. */
  onClose: () => void;
  onSaved?: (saved: SavedApplicant) => void;
  /** Opens another application (the duplicate). */
  onOpenApplicant: (id: number) => void;
}

type TextField = keyof ApplicantFields;

/**
 * The help-desk form for one applicant, new or changed. Every change is
 * checked by the core (debounced) and the panel beside the form shows what
 * the NIK says, each eligibility rule, a duplicate registration and NIK
 * warnings (also under the field they are about). Problems appear under a
 * field once something was typed in it and it was left, or after a save
 * attempt; merely tabbing over an empty field marks nothing. Before a save
 * that leaves documents the core requires unticked, the operator is asked.
 */
export function RegistrationForm({ round, regions, editing, paused, recheck = 0, onClose, onSaved, onOpenApplicant }: Props) {
  const [draft, setDraft] = useState<RegistrationDraft>(() => editing?.draft ?? emptyDraft());
  const initial = useRef(JSON.stringify(draft));
  const [check, setCheck] = useState<RegistrationCheck | null>(null);
  const [checkError, setCheckError] = useState<string | null>(null);
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  // Fields something was typed or chosen in: only those are marked when left.
  const typed = useRef(new Set<string>());
  const [missingDocs, setMissingDocs] = useState<DocumentItem[] | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusClearOfBar(formRef);
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saved, setSaved] = useState<SavedApplicant | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const [domicileApart, setDomicileApart] = useState(() => draft.fields.kode_desa_domisili.trim() !== "");
  const [pickedKecamatan, setPickedKecamatan] = useState("");
  // The NIK warnings the operator confirmed; a different set asks again.
  const acknowledgedFor = useRef<string | null>(null);
  const editingId = editing?.id ?? null;
  const isPps = round.body === "PPS";

  // --- Live check -----------------------------------------------------------
  const ticket = useRef(0);
  useEffect(() => {
    const mine = ++ticket.current;
    const sent = draft;
    const timer = setTimeout(() => {
      call("check_registration", { roundId: round.id, draft: sent, editing: editingId }).then(
        (c) => {
          // Ignore answers to drafts the operator has already typed past.
          if (mine !== ticket.current) return;
          setCheck(c);
          setCheckError(null);
          const key = c.nik_warnings.join("\n");
          if (sent.acknowledge_nik_warnings) {
            if (acknowledgedFor.current === null) acknowledgedFor.current = key;
            else if (acknowledgedFor.current !== key) {
              acknowledgedFor.current = null;
              setDraft((d) => ({ ...d, acknowledge_nik_warnings: false }));
            }
          }
        },
        (e) => {
          if (mine === ticket.current) setCheckError(toErrorPayload(e).message);
        },
      );
    }, 200);
    return () => clearTimeout(timer);
  }, [draft, round.id, editingId, recheck]);

  // --- Editing helpers ------------------------------------------------------
  const setField = (name: TextField, value: string) => setDraft((d) => ({ ...d, fields: { ...d.fields, [name]: value } }));
  const touch = (name: string) => {
    if (typed.current.has(name)) setTouched((t) => (t.has(name) ? t : new Set(t).add(name)));
  };
  const bind = (name: TextField) => ({
    id: FIELD_IDS.find(([f]) => f === name)?.[1],
    value: draft.fields[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => setField(name, e.target.value),
    onBlur: () => touch(name),
  });
  const problemsOf = (name: string): string | null => {
    if (!check || !(submitted || touched.has(name))) return null;
    const reasons = check.problems.filter((p) => p.field === name).map((p) => p.reason);
    return reasons.length ? reasons.join(" ") : null;
  };
  /** What the core asks to look at about a field (it disagrees with the NIK). */
  const warningOf = (name: string): string | null => {
    const reasons = check?.field_warnings.filter((w) => w.field === name).map((w) => w.reason) ?? [];
    return reasons.length ? reasons.join(" ") : null;
  };

  const dirty = !saved && JSON.stringify(draft) !== initial.current;

  // --- Region options -------------------------------------------------------
  const desaOptions = useMemo<PickerOption[]>(
    () => regions.flatMap((k) => k.desa.map((d) => ({ code: d.code, label: desaLabel(d, k), keywords: `kecamatan ${k.name.toLowerCase()}` }))),
    [regions],
  );
  const kecamatanOptions = useMemo<PickerOption[]>(
    () => regions.map((k) => ({ code: k.code, label: `Kecamatan ${k.name}` })),
    [regions],
  );
  const unit = draft.fields.kode_wilayah_tugas.trim();
  const unitKecamatan = regions.find((k) => unit.startsWith(`${k.code}.`))?.code ?? pickedKecamatan;
  const unitDesaOptions = useMemo(
    () => (unitKecamatan ? desaOptions.filter((o) => o.code.startsWith(`${unitKecamatan}.`)) : desaOptions),
    [desaOptions, unitKecamatan],
  );

  // --- Focus ----------------------------------------------------------------
  useEffect(() => {
    if (!focusTarget) return;
    document.getElementById(focusTarget)?.focus();
    setFocusTarget(null);
  }, [focusTarget]);

  /** The element to fix first after a refused save. */
  const firstBad = (c: RegistrationCheck): string | null => {
    const bad = new Set(c.problems.map((p) => p.field));
    const hit = fieldOrder(draft.previous_service.length).find(([f]) => bad.has(f));
    if (hit) {
      if (hit[0] === "kode_desa_domisili" && !domicileApart) return "reg-domisili-berbeda";
      if (hit[0] === "tahun_keluar_partai" && draft.party_status !== "mantan") return "reg-partai-bukan";
      if (hit[0] === "berkas") return document.querySelector<HTMLInputElement>("#reg-berkas input")?.id ?? null;
      return hit[1];
    }
    if (c.duplicate) return c.duplicate.awaiting_files ? "reg-duplikat-terima" : "reg-duplikat-buka";
    if (c.nik_warnings.length > 0 && !draft.acknowledge_nik_warnings) return "reg-ack-nik";
    return null;
  };

  // --- Saving ---------------------------------------------------------------
  /**
   * Saves the draft. Unless `confirmed`, asks the core first which required
   * documents are still unticked and, if the draft could be saved, asks the
   * operator before saving without them.
   */
  const save = async (confirmed = false) => {
    if (saving || saved) return;
    setSaving(true);
    setSubmitted(true);
    setSaveError(null);
    setMissingDocs(null);
    try {
      if (!confirmed) {
        const fresh = await call("check_registration", { roundId: round.id, draft, editing: editingId });
        ticket.current++; // a pending live answer must not replace this one
        setCheck(fresh);
        const missing = fresh.documents.filter((d) => d.required && !d.received);
        if (fresh.can_save && missing.length > 0) {
          setMissingDocs(missing);
          return;
        }
      }
      const result = editing
        ? await call("update_applicant", { id: editing.id, draft })
        : await call("register_applicant", { roundId: round.id, draft });
      if (result.saved) {
        setSaved(result.saved);
        onSaved?.(result.saved);
        setFocusTarget("reg-cetak");
      } else {
        ticket.current++; // a pending live answer must not replace this one
        setCheck(result.check);
        setFocusTarget(firstBad(result.check));
      }
    } catch (e) {
      const p = toErrorPayload(e);
      setSaveError(p.message);
    } finally {
      setSaving(false);
    }
  };
  const saveRef = useRef(save);
  saveRef.current = save;

  useEffect(() => {
    if (paused || confirmDiscard || missingDocs) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "s") {
        e.preventDefault();
        void saveRef.current();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [paused, confirmDiscard, missingDocs]);

  const startNext = () => {
    const fresh = emptyDraft();
    initial.current = JSON.stringify(fresh);
    acknowledgedFor.current = null;
    setDraft(fresh);
    setCheck(null);
    setTouched(new Set());
    typed.current = new Set();
    setSubmitted(false);
    setSaved(null);
    setSaveError(null);
    setDomicileApart(false);
    setPickedKecamatan("");
    setFocusTarget("reg-nik");
  };

  const close = useCallback(() => (dirty ? setConfirmDiscard(true) : onClose()), [dirty, onClose]);

  // --- Success --------------------------------------------------------------
  if (saved) {
    return (
      <SavedView saved={saved} name={draft.fields.nama.trim()} edited={!!editing} onNext={startNext} onClose={onClose} />
    );
  }

  // --- The form -------------------------------------------------------------
  const f = draft.fields;
  const err = (name: string) => problemsOf(name);
  const section = { draft, setDraft, err, touch };
  const domicileRule = check?.rules.find((r) => r.rule === "domisili");
  const showReason = domicileApart || f.alasan_domisili !== "" || domicileRule?.verdict === "fail";
  const known = new Set(fieldOrder(draft.previous_service.length).map(([name]) => name));
  const otherProblems = submitted && check ? check.problems.filter((p) => !known.has(p.field)) : [];
  const refusal =
    submitted && check && !check.can_save
      ? [
          "Pendaftaran belum disimpan.",
          check.problems.length > 0 ? `${check.problems.length} isian perlu diperbaiki (lihat keterangan merah).` : null,
          check.duplicate ? "NIK ini sudah punya pendaftaran aktif pada pemilihan yang sama." : null,
          check.nik_warnings.length > 0 && !draft.acknowledge_nik_warnings
            ? "Periksa peringatan NIK, lalu centang pernyataan bahwa KTP-el sudah diperiksa."
            : null,
        ]
          .filter(Boolean)
          .join(" ")
      : null;

  return (
    <section className="content" aria-labelledby="reg-title">
      <div className="section-head">
        <h1 id="reg-title">
          {editing ? `Ubah data ${editing.regNumber}` : "Pendaftaran baru"}
          <span className="muted"> · {round.name}</span>
        </h1>
        <button type="button" onClick={close}>
          Kembali ke daftar
        </button>
      </div>
      <form
        ref={formRef}
        className="registration"
        aria-labelledby="reg-title"
        noValidate
        onSubmit={(e) => e.preventDefault()}
        onChange={(e) => {
          const name = fieldOfElement((e.target as HTMLElement).id, draft.previous_service.length);
          if (name) typed.current.add(name);
        }}
        onKeyDown={(e) => {
          // Enter in a text box never saves by accident.
          if (e.key === "Enter" && e.target instanceof HTMLInputElement && e.target.type !== "checkbox" && e.target.type !== "radio")
            e.preventDefault();
        }}
      >
        <div className="reg-fields">
          <fieldset>
            <legend>Data diri sesuai KTP-el</legend>
            <TextInput
              label="NIK"
              hint="16 angka sesuai KTP-el."
              inputMode="numeric"
              error={err("nik")}
              warning={warningOf("nik")}
              {...bind("nik")}
              autoFocus
            />
            <TextInput label="Nama lengkap (sesuai KTP-el)" error={err("nama")} {...bind("nama")} />
            <div className={`field${err("jenis_kelamin") ? " has-error" : warningOf("jenis_kelamin") ? " has-warning" : ""}`}>
              <label htmlFor="reg-jenis-kelamin">Jenis kelamin</label>
              <select
                {...bind("jenis_kelamin")}
                aria-invalid={err("jenis_kelamin") ? true : undefined}
                aria-describedby={describedBy("reg-jenis-kelamin", null, warningOf("jenis_kelamin"), err("jenis_kelamin"))}
              >
                <option value="">— pilih —</option>
                <option value="L">L — {SEX_LABEL.L}</option>
                <option value="P">P — {SEX_LABEL.P}</option>
              </select>
              <FieldWarning id="reg-jenis-kelamin" warning={warningOf("jenis_kelamin")} />
              <FieldError id="reg-jenis-kelamin" error={err("jenis_kelamin")} />
            </div>
            <div className="grid-2">
              <TextInput label="Tempat lahir" error={err("tempat_lahir")} {...bind("tempat_lahir")} />
              <DateField
                id="reg-tanggal-lahir"
                label="Tanggal lahir"
                hint="Ketik 12081990 atau 12-08-1990; Alt+↓ membuka kalender."
                value={f.tanggal_lahir}
                onChange={(v) => setField("tanggal_lahir", v)}
                onBlur={() => touch("tanggal_lahir")}
                error={err("tanggal_lahir")}
                warning={warningOf("tanggal_lahir")}
              />
            </div>
            <TextInput label="Alamat sesuai KTP-el" error={err("alamat")} {...bind("alamat")} />
            <RegionPicker
              id="reg-kode-desa"
              label="Desa/kelurahan alamat KTP-el"
              options={desaOptions}
              value={f.kode_desa}
              onChange={(c) => setField("kode_desa", c)}
              onBlur={() => touch("kode_desa")}
              acceptCode
              placeholder="Ketik nama desa atau kecamatan"
              hint="Pilih dengan ↓ lalu Enter. KTP-el dari kabupaten/kota lain: ketik kode desanya, mis. 35.07.01.2001."
              error={err("kode_desa")}
            />
            <div className={`field${err("pendidikan") ? " has-error" : ""}`}>
              <label htmlFor="reg-pendidikan">Pendidikan terakhir</label>
              <select
                {...bind("pendidikan")}
                aria-invalid={err("pendidikan") ? true : undefined}
                aria-describedby={err("pendidikan") ? "reg-pendidikan-error" : undefined}
              >
                <option value="">— pilih —</option>
                {EDUCATION.map((e) => (
                  <option key={e.code} value={e.code}>
                    {e.label}
                  </option>
                ))}
              </select>
              <FieldError id="reg-pendidikan" error={err("pendidikan")} />
            </div>
            <TextInput label="Pekerjaan" error={err("pekerjaan")} {...bind("pekerjaan")} />
            <div className="grid-2">
              <TextInput label="Telepon" type="tel" placeholder="0812-3456-7890" error={err("telepon")} {...bind("telepon")} />
              <TextInput label="Surel" type="email" error={err("email")} {...bind("email")} />
            </div>
          </fieldset>

          <fieldset>
            <legend>Wilayah tugas ({round.body})</legend>
            {isPps ? (
              <>
                <div className="field">
                  <label htmlFor="reg-wilayah-kecamatan">Kecamatan</label>
                  <select
                    id="reg-wilayah-kecamatan"
                    value={unitKecamatan}
                    onChange={(e) => {
                      const k = e.target.value;
                      setPickedKecamatan(k);
                      if (unit && !unit.startsWith(`${k}.`)) setField("kode_wilayah_tugas", "");
                    }}
                  >
                    <option value="">Semua kecamatan</option>
                    {regions.map((k) => (
                      <option key={k.code} value={k.code}>
                        {k.name}
                      </option>
                    ))}
                  </select>
                </div>
                <RegionPicker
                  id="reg-wilayah-tugas"
                  label="Desa/kelurahan wilayah tugas"
                  options={unitDesaOptions}
                  value={f.kode_wilayah_tugas}
                  onChange={(c) => {
                    setField("kode_wilayah_tugas", c);
                    const k = regions.find((x) => c.startsWith(`${x.code}.`));
                    if (k) setPickedKecamatan(k.code);
                  }}
                  onBlur={() => touch("kode_wilayah_tugas")}
                  placeholder="Ketik nama desa/kelurahan"
                  hint="Kecamatan mengikuti desa yang dipilih."
                  error={err("kode_wilayah_tugas")}
                />
              </>
            ) : (
              <RegionPicker
                id="reg-wilayah-tugas"
                label="Kecamatan wilayah tugas"
                options={kecamatanOptions}
                value={f.kode_wilayah_tugas}
                onChange={(c) => setField("kode_wilayah_tugas", c)}
                onBlur={() => touch("kode_wilayah_tugas")}
                placeholder="Ketik nama kecamatan"
                error={err("kode_wilayah_tugas")}
              />
            )}
            <div className="check">
              <input
                type="checkbox"
                id="reg-domisili-berbeda"
                checked={domicileApart}
                onChange={(e) => {
                  setDomicileApart(e.target.checked);
                  if (!e.target.checked) setField("kode_desa_domisili", "");
                }}
              />
              <label htmlFor="reg-domisili-berbeda">Domisili berbeda dengan alamat KTP-el</label>
            </div>
            {domicileApart && (
              <RegionPicker
                id="reg-domisili-desa"
                label="Desa/kelurahan domisili"
                options={desaOptions}
                value={f.kode_desa_domisili}
                onChange={(c) => setField("kode_desa_domisili", c)}
                onBlur={() => touch("kode_desa_domisili")}
                acceptCode
                placeholder="Ketik nama desa atau kecamatan"
                error={err("kode_desa_domisili")}
              />
            )}
            {showReason && (
              <TextInput
                label="Alasan pengecualian domisili"
                hint="Diisi bila pendaftar berdomisili di luar wilayah tugas tetapi tetap diterima."
                error={err("alasan_domisili")}
                {...bind("alasan_domisili")}
              />
            )}
          </fieldset>

          <ServiceHistory {...section} onFocus={setFocusTarget} />
          <RecordedServiceList items={check?.recorded_service ?? []} />

          <PartyMembership {...section} />

          <fieldset>
            <legend>Lain-lain</legend>
            <TextInput
              id="reg-disabilitas"
              label="Disabilitas (bila ada)"
              hint="Untuk menyiapkan bantuan yang diperlukan saat tes, mis. kursi roda atau pembaca soal."
              value={draft.disability}
              onChange={(e) => setDraft((d) => ({ ...d, disability: e.target.value }))}
              onBlur={() => touch("disabilitas")}
              error={err("disabilitas")}
            />
          </fieldset>

          <DocumentChecklist draft={draft} setDraft={setDraft} err={err} check={check} />
        </div>

        <LivePanel
          check={check}
          error={checkError}
          acknowledged={draft.acknowledge_nik_warnings}
          onAcknowledge={(on) => {
            acknowledgedFor.current = on ? (check?.nik_warnings.join("\n") ?? null) : null;
            setDraft((d) => ({ ...d, acknowledge_nik_warnings: on }));
          }}
          onOpenApplicant={onOpenApplicant}
        />

        <div className="reg-actions" data-sticky-bottom>
          {otherProblems.length > 0 && (
            <ul className="error-box compact" role="alert">
              {otherProblems.map((p, i) => (
                <li key={i}>{p.reason}</li>
              ))}
            </ul>
          )}
          {refusal && (
            <p className="error-box" role="alert" data-testid="reg-refusal">
              {refusal}
            </p>
          )}
          <ErrorBox message={saveError} />
          <div className="actions">
            <button type="button" onClick={close}>
              Batal
            </button>
            <button
              type="button"
              id="reg-simpan"
              className="primary"
              aria-keyshortcuts="Control+S"
              disabled={saving}
              onClick={() => void save()}
            >
              {saving ? "Menyimpan…" : "Simpan pendaftaran"}
            </button>
          </div>
          <p className="muted small-print">Ctrl+S juga menyimpan.</p>
        </div>
      </form>

      {missingDocs && (
        <MissingDocumentsDialog
          missing={missingDocs}
          onConfirm={() => void save(true)}
          onBack={() => {
            setMissingDocs(null);
            setFocusTarget(`reg-berkas-${missingDocs[0]!.code}`);
          }}
        />
      )}

      {confirmDiscard && (
        <Modal title="Buang perubahan?" onClose={() => setConfirmDiscard(false)}>
          <p>Isian yang belum disimpan akan hilang.</p>
          <div className="actions">
            <button type="button" onClick={() => setConfirmDiscard(false)}>
              Lanjutkan mengisi
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => {
                setConfirmDiscard(false);
                onClose();
              }}
            >
              Buang perubahan
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}
