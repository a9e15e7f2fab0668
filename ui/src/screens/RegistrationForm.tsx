import { useCallback, useEffect, useMemo, useRef, useState } from "react";

import { call, toErrorPayload } from "../api";
import type { ApplicantFields } from "../bindings/ApplicantFields";
import type { Body } from "../bindings/Body";
import type { KecamatanOption } from "../bindings/KecamatanOption";
import type { PreviousService } from "../bindings/PreviousService";
import type { RegistrationCheck } from "../bindings/RegistrationCheck";
import type { RegistrationDraft } from "../bindings/RegistrationDraft";
import type { SavedApplicant } from "../bindings/SavedApplicant";
import { ErrorBox } from "../components/ErrorBox";
import { Modal } from "../components/Modal";
import { type PickerOption, RegionPicker } from "../components/RegionPicker";
import { desaLabel, EDUCATION, emptyDraft, SERVICE_BODIES, SEX_LABEL } from "./applicantText";
import { RuleList } from "./RuleList";

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

/** Where each field the core may name lives in the form, in form order. */
const FIELD_IDS: [string, string][] = [
  ["nik", "reg-nik"],
  ["nama", "reg-nama"],
  ["jenis_kelamin", "reg-jenis-kelamin"],
  ["tempat_lahir", "reg-tempat-lahir"],
  ["tanggal_lahir", "reg-tanggal-lahir"],
  ["alamat", "reg-alamat"],
  ["kode_desa", "reg-kode-desa"],
  ["pendidikan", "reg-pendidikan"],
  ["pekerjaan", "reg-pekerjaan"],
  ["telepon", "reg-telepon"],
  ["email", "reg-email"],
  ["kode_wilayah_tugas", "reg-wilayah-tugas"],
  ["kode_desa_domisili", "reg-domisili-desa"],
  ["alasan_domisili", "reg-alasan-domisili"],
];
const AFTER_SERVICE: [string, string][] = [
  ["tahun_keluar_partai", "reg-tahun-keluar"],
  ["disabilitas", "reg-disabilitas"],
  ["berkas", "reg-berkas"],
];

/** Field names and element ids in the order they appear. */
function fieldOrder(serviceRows: number): [string, string][] {
  const service: [string, string][] = [];
  for (let i = 0; i < serviceRows; i++) {
    for (const part of ["badan", "pemilihan", "tahun"]) service.push([`riwayat.${i}.${part}`, `reg-riwayat-${i}-${part}`]);
  }
  return [...FIELD_IDS, ...service, ...AFTER_SERVICE];
}

const currentYear = () => new Date().getFullYear();

function yearOf(text: string): number | null {
  const digits = text.replace(/\D/g, "").slice(0, 4);
  return digits === "" ? null : Number(digits);
}

/**
 * The help-desk form for one applicant, new or changed. Every change is
 * checked by the core (debounced) and the panel beside the form shows what
 * the NIK says, each eligibility rule, a duplicate registration and NIK
 * warnings. Problems appear under a field once it was left or after a save
 * attempt.
 */
export function RegistrationForm({ round, regions, editing, paused, recheck = 0, onClose, onSaved, onOpenApplicant }: Props) {
  const [draft, setDraft] = useState<RegistrationDraft>(() => editing?.draft ?? emptyDraft());
  const initial = useRef(JSON.stringify(draft));
  const [check, setCheck] = useState<RegistrationCheck | null>(null);
  const [checkError, setCheckError] = useState<string | null>(null);
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saved, setSaved] = useState<SavedApplicant | null>(null);
  const [receipt, setReceipt] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
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
  const touch = (name: string) => setTouched((t) => (t.has(name) ? t : new Set(t).add(name)));
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
  const setService = (i: number, patch: Partial<PreviousService>) =>
    setDraft((d) => ({ ...d, previous_service: d.previous_service.map((s, j) => (j === i ? { ...s, ...patch } : s)) }));

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
    if (c.duplicate) return "reg-duplikat-buka";
    if (c.nik_warnings.length > 0 && !draft.acknowledge_nik_warnings) return "reg-ack-nik";
    return null;
  };

  // --- Saving ---------------------------------------------------------------
  const save = async () => {
    if (saving || saved) return;
    setSaving(true);
    setSubmitted(true);
    setSaveError(null);
    try {
      const result = editing
        ? await call("update_applicant", { id: editing.id, draft })
        : await call("register_applicant", { roundId: round.id, draft });
      if (result.saved) {
        setSaved(result.saved);
        setReceipt(null);
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
    if (paused || confirmDiscard) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "s") {
        e.preventDefault();
        void saveRef.current();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [paused, confirmDiscard]);

  const printReceipt = async (id: number) => {
    try {
      const path = await call("save_receipt", { id });
      setReceipt(path ? { kind: "ok", text: `Tanda terima disimpan di ${path}` } : null);
    } catch (e) {
      setReceipt({ kind: "error", text: toErrorPayload(e).message });
    }
  };

  const startNext = () => {
    const fresh = emptyDraft();
    initial.current = JSON.stringify(fresh);
    acknowledgedFor.current = null;
    setDraft(fresh);
    setCheck(null);
    setTouched(new Set());
    setSubmitted(false);
    setSaved(null);
    setReceipt(null);
    setSaveError(null);
    setDomicileApart(false);
    setPickedKecamatan("");
    setFocusTarget("reg-nik");
  };

  const close = useCallback(() => (dirty ? setConfirmDiscard(true) : onClose()), [dirty, onClose]);

  // --- Success --------------------------------------------------------------
  if (saved) {
    return (
      <section className="content" aria-labelledby="reg-title">
        <h1 id="reg-title">{editing ? "Perubahan tersimpan" : "Pendaftaran tersimpan"}</h1>
        <div className="ok-box saved" role="status">
          {editing ? "Perubahan data tersimpan: " : "Pendaftaran tersimpan: "}
          <strong data-testid="saved-reg-number">{saved.reg_number}</strong>
          {" · "}
          {draft.fields.nama.trim()}
        </div>
        {receipt && (
          <p className={receipt.kind === "ok" ? "ok-box" : "error-box"} role={receipt.kind === "ok" ? "status" : "alert"}>
            {receipt.text}
          </p>
        )}
        <div className="actions start">
          <button type="button" id="reg-cetak" className="primary" onClick={() => void printReceipt(saved.id)}>
            Cetak tanda terima
          </button>
          {!editing && (
            <button type="button" id="reg-berikutnya" onClick={startNext}>
              Daftarkan berikutnya
            </button>
          )}
          <button type="button" id="reg-lihat-daftar" onClick={onClose}>
            Lihat daftar
          </button>
        </div>
      </section>
    );
  }

  // --- The form -------------------------------------------------------------
  const f = draft.fields;
  const err = (name: string) => problemsOf(name);
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
        className="registration"
        aria-labelledby="reg-title"
        noValidate
        onSubmit={(e) => e.preventDefault()}
        onKeyDown={(e) => {
          // Enter in a text box never saves by accident.
          if (e.key === "Enter" && e.target instanceof HTMLInputElement && e.target.type !== "checkbox" && e.target.type !== "radio")
            e.preventDefault();
        }}
      >
        <div className="reg-fields">
          <fieldset>
            <legend>Data diri sesuai KTP-el</legend>
            <TextInput label="NIK" hint="16 angka sesuai KTP-el." inputMode="numeric" error={err("nik")} {...bind("nik")} autoFocus />
            <TextInput label="Nama lengkap (sesuai KTP-el)" error={err("nama")} {...bind("nama")} />
            <div className={`field${err("jenis_kelamin") ? " has-error" : ""}`}>
              <label htmlFor="reg-jenis-kelamin">Jenis kelamin</label>
              <select
                {...bind("jenis_kelamin")}
                aria-invalid={err("jenis_kelamin") ? true : undefined}
                aria-describedby={err("jenis_kelamin") ? "reg-jenis-kelamin-error" : undefined}
              >
                <option value="">— pilih —</option>
                <option value="L">L — {SEX_LABEL.L}</option>
                <option value="P">P — {SEX_LABEL.P}</option>
              </select>
              <FieldError id="reg-jenis-kelamin" error={err("jenis_kelamin")} />
            </div>
            <div className="grid-2">
              <TextInput label="Tempat lahir" error={err("tempat_lahir")} {...bind("tempat_lahir")} />
              <TextInput
                label="Tanggal lahir"
                placeholder="DD-MM-YYYY"
                hint="Contoh 12-08-1990 (boleh juga 1990-08-12)."
                error={err("tanggal_lahir")}
                {...bind("tanggal_lahir")}
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
                      setFocusTarget("reg-riwayat-tambah");
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
                setFocusTarget(`reg-riwayat-${i}-badan`);
              }}
            >
              Tambah riwayat
            </button>
          </fieldset>

          <fieldset>
            <legend>Keanggotaan partai politik</legend>
            <div className="check">
              <input
                type="radio"
                id="reg-partai-bukan"
                name="party_status"
                checked={draft.party_status === "bukan"}
                onChange={() => setDraft((d) => ({ ...d, party_status: "bukan", party_left_year: null }))}
              />
              <label htmlFor="reg-partai-bukan">Tidak pernah menjadi anggota partai politik</label>
            </div>
            <div className="check">
              <input
                type="radio"
                id="reg-partai-mantan"
                name="party_status"
                checked={draft.party_status === "mantan"}
                onChange={() => setDraft((d) => ({ ...d, party_status: "mantan" }))}
              />
              <label htmlFor="reg-partai-mantan">Mantan anggota partai politik</label>
            </div>
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

          <fieldset id="reg-berkas" aria-describedby={err("berkas") ? "reg-berkas-error" : undefined}>
            <legend>Berkas yang diterima</legend>
            {!check && <p className="muted">Memuat daftar berkas…</p>}
            {check?.documents.map((d) => {
              const id = `reg-berkas-${d.code}`;
              const on = draft.documents.includes(d.code);
              return (
                <div key={d.code} className="check">
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
              );
            })}
            <FieldError id="reg-berkas" error={err("berkas")} />
          </fieldset>
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

        <div className="reg-actions">
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

function FieldError({ id, error }: { id: string; error: string | null }) {
  if (!error) return null;
  return (
    <small id={`${id}-error`} className="error-text">
      {error}
    </small>
  );
}

interface TextInputProps extends React.InputHTMLAttributes<HTMLInputElement> {
  id?: string;
  label: string;
  hint?: string;
  error: string | null;
}

/** A labelled text box whose id is stable (the end-to-end tests use it). */
function TextInput({ id, label, hint, error, ...input }: TextInputProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...input}
      />
      {hint && (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      )}
      <FieldError id={id ?? ""} error={error} />
    </div>
  );
}

interface PanelProps {
  check: RegistrationCheck | null;
  error: string | null;
  acknowledged: boolean;
  onAcknowledge: (on: boolean) => void;
  onOpenApplicant: (id: number) => void;
}

/** What the core says about the draft, updated as it is typed. */
function LivePanel({ check, error, acknowledged, onAcknowledge, onOpenApplicant }: PanelProps) {
  const info = check?.nik_info;
  return (
    <aside className="live-panel card" aria-live="polite" aria-labelledby="live-title" data-testid="live-panel">
      <h2 id="live-title">Pemeriksaan</h2>
      <ErrorBox message={error} />
      {!check && !error && <p className="muted">Memeriksa…</p>}
      {check && (
        <>
          <p className={check.can_save ? "ok-text" : "muted"} data-testid="live-summary">
            <span aria-hidden="true">{check.can_save ? "✓ " : "… "}</span>
            {check.can_save
              ? "Data lengkap; pendaftaran dapat disimpan."
              : check.problems.length > 0
                ? `Belum dapat disimpan: ${check.problems.length} isian belum benar.`
                : "Belum dapat disimpan."}
          </p>

          <h3>Menurut NIK</h3>
          {info ? (
            <dl className="about" data-testid="nik-info">
              <dt>Jenis kelamin</dt>
              <dd>{SEX_LABEL[info.sex] ?? info.sex}</dd>
              <dt>Tanggal lahir</dt>
              <dd>{info.birth_date ?? "tidak terbaca"}</dd>
              <dt>Tempat terbit</dt>
              <dd>{info.issued_in}</dd>
            </dl>
          ) : (
            <p className="muted">Ketik 16 angka NIK untuk melihat isinya.</p>
          )}

          {check.duplicate && (
            <div className="error-box" data-testid="duplicate">
              <p>
                NIK ini sudah terdaftar: <strong>{check.duplicate.reg_number}</strong> atas nama {check.duplicate.full_name} pada{" "}
                {check.duplicate.round_name}. Satu orang hanya boleh punya satu pendaftaran aktif per pemilihan.
              </p>
              <button type="button" id="reg-duplikat-buka" className="small" onClick={() => onOpenApplicant(check.duplicate!.id)}>
                Buka pendaftaran itu
              </button>
            </div>
          )}

          {check.nik_warnings.length > 0 && (
            <div className="warn-box" data-testid="nik-warnings">
              <p>
                <span aria-hidden="true">! </span>Peringatan NIK:
              </p>
              <ul className="compact">
                {check.nik_warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
              <div className="check">
                <input type="checkbox" id="reg-ack-nik" checked={acknowledged} onChange={(e) => onAcknowledge(e.target.checked)} />
                <label htmlFor="reg-ack-nik">Saya sudah memeriksa KTP-el dan data ini benar</label>
              </div>
            </div>
          )}

          <h3>Persyaratan</h3>
          <RuleList rules={check.rules} />
        </>
      )}
    </aside>
  );
}
