// Realistic command results for UI tests, shaped by the generated bindings.
import type { StandingOption } from "../bindings/StandingOption";
import type { ApplicantDetail } from "../bindings/ApplicantDetail";
import type { Attachment } from "../bindings/Attachment";
import type { ApplicantListRow } from "../bindings/ApplicantListRow";
import type { Body } from "../bindings/Body";
import type { DocumentRow } from "../bindings/DocumentRow";
import type { HomeView } from "../bindings/HomeView";
import type { KecamatanOption } from "../bindings/KecamatanOption";
import type { KecamatanRow } from "../bindings/KecamatanRow";
import type { RegistrationCheck } from "../bindings/RegistrationCheck";
import type { RegistrationDraft } from "../bindings/RegistrationDraft";
import type { RequirementList } from "../bindings/RequirementList";
import type { Role } from "../bindings/Role";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { Session } from "../bindings/Session";
import type { Stage } from "../bindings/Stage";
import type { UnitProgress } from "../bindings/UnitProgress";
import type { VerificationView } from "../bindings/VerificationView";
import { STAGE_LABEL } from "../screens/stages";
import { OPERATIONS } from "./permissions";

/** A logged-in session of `role`, listing the operations the core grants it (written by `cargo test`). */
export function sessionOf(role: Role, who: Pick<Session, "user_id" | "username" | "full_name">): Session {
  return { ...who, role, operations: [...OPERATIONS[role]] };
}

export const admin = sessionOf("administrator", { user_id: 1, username: "admin", full_name: "Admin Uji" });
export const operator = sessionOf("operator", { user_id: 2, username: "operator", full_name: "Operator Uji" });
export const verifikator = sessionOf("verifikator", { user_id: 3, username: "verifikator", full_name: "Verifikator Uji" });
export const pimpinan = sessionOf("pimpinan", { user_id: 4, username: "ketua", full_name: "Ketua Uji" });

const row = (code: string, name: string, desa: number, kel: number, ppk: number, pps: number): KecamatanRow => ({
  code,
  name,
  desa,
  kelurahan: kel,
  pps_units: desa + kel,
  quota_ppk: 5,
  quota_pps: (desa + kel) * 3,
  applicants_ppk: ppk,
  applicants_pps: pps,
});

export function homeView(): HomeView {
  const kecamatan = [
    row("35.14.01", "Purwodadi", 13, 0, 30, 80),
    row("35.14.02", "Tutur", 12, 0, 8, 60),
    row("35.14.03", "Puspo", 7, 0, 41, 20),
  ];
  const totals = kecamatan.reduce<KecamatanRow>(
    (t, k) => ({
      ...t,
      desa: t.desa + k.desa,
      kelurahan: t.kelurahan + k.kelurahan,
      pps_units: t.pps_units + k.pps_units,
      quota_ppk: t.quota_ppk + k.quota_ppk,
      quota_pps: t.quota_pps + k.quota_pps,
      applicants_ppk: (t.applicants_ppk ?? 0) + (k.applicants_ppk ?? 0),
      applicants_pps: (t.applicants_pps ?? 0) + (k.applicants_pps ?? 0),
    }),
    { ...row("", "Jumlah", 0, 0, 0, 0), quota_ppk: 0, quota_pps: 0 },
  );
  return {
    kabupaten: { code: "35.14", name: "Kabupaten Pasuruan", provinsi: "Jawa Timur" },
    rounds: [],
    elections: ["Pemilu 2024"],
    election: "Pemilu 2024",
    kecamatan,
    totals,
    round_in_use: null,
  };
}

// --- Applicants ---------------------------------------------------------

/** The core's notes on the response window (until before the interviews). */
export const RESPONSES_OPEN_NOTE =
  "Tanggapan dan masukan masyarakat tentang calon diterima sejak pengumuman hasil penelitian administrasi sampai sebelum tes wawancara (pengaturan seleksi).";
export const RESPONSES_ENDED_NOTE =
  "Masa tanggapan masyarakat sudah berakhir: tanggapan diterima sejak pengumuman hasil penelitian administrasi sampai sebelum tes wawancara (pengaturan seleksi). Tanggapan yang sudah dicatat tetap dapat diklarifikasi dan diputuskan.";
export const RESPONSES_TERM_NOTE =
  "Seleksi sudah memasuki masa kerja: tanggapan baru tidak lagi dicatat dan tidak lagi diputuskan. Anggota yang diberhentikan diganti melalui PAW.";

export function round(id: number, body: Body, name = `Pemilu 2024 – ${body}`): RoundSummary {
  return {
    id,
    name,
    election: "Pemilu 2024",
    body,
    current_stage: "pendaftaran",
    current_stage_label: "Pendaftaran",
    closed_stages: [],
    next_stage: "administrasi",
    stage_open: true,
    settings: {
      quota_per_unit: body === "PPK" ? 5 : 3,
      written_pass_multiple: 2,
      final_rank_multiple: 2,
      extension_threshold: 2,
      extension_days: 3,
      extensions_allowed: 2,
      min_age: 17,
      max_periods: 2,
      reference_date: "2026-12-01",
      score_combination: { mode: "wawancara" },
      responses_until: "wawancara",
      statement_items: ["Setia kepada Pancasila", "Sehat jasmani, rohani, dan bebas dari penyalahgunaan narkotika"],
      legal_basis: "Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum",
    },
    schedule: [{ stage: "pendaftaran", starts_on: "2026-11-20", ends_on: "2026-11-26" }],
    applicants: 0,
    responses_open: true,
    responses_note: RESPONSES_OPEN_NOTE,
    settings_editable: true,
  };
}

/** The stages in the order the core sends them (a fixture of the core's data, for tests only). */
export const STAGE_ORDER: Stage[] = [
  "pendaftaran",
  "administrasi",
  "tertulis",
  "wawancara",
  "akhir",
  "penetapan",
  "masa_kerja",
];

/** A round whose stage in progress is `stage`, with the closed and next stages the core would send. */
export function atStage(r: RoundSummary, stage: Stage): RoundSummary {
  const at = STAGE_ORDER.indexOf(stage);
  // The core's answer for the default window (until before the interviews).
  const open = at < STAGE_ORDER.indexOf("wawancara");
  return {
    ...r,
    responses_open: open,
    responses_note: open ? RESPONSES_OPEN_NOTE : stage === "masa_kerja" ? RESPONSES_TERM_NOTE : RESPONSES_ENDED_NOTE,
    current_stage: stage,
    current_stage_label: STAGE_LABEL[stage],
    closed_stages: STAGE_ORDER.slice(0, at),
    next_stage: STAGE_ORDER[at + 1] ?? null,
  };
}

/** Home with a PPK and a PPS round. */
export function homeWithRounds(): HomeView {
  return { ...homeView(), rounds: [round(1, "PPK"), round(2, "PPS")] };
}

export function regions(): KecamatanOption[] {
  return [
    {
      code: "35.14.01",
      name: "Purwodadi",
      desa: [
        { code: "35.14.01.2001", name: "Gerbo", kind: "desa" },
        { code: "35.14.01.2002", name: "Parerejo", kind: "desa" },
      ],
    },
    {
      code: "35.14.02",
      name: "Tutur",
      desa: [
        { code: "35.14.02.2001", name: "Blarang", kind: "desa" },
        { code: "35.14.02.1001", name: "Tutur", kind: "kelurahan" },
      ],
    },
  ];
}

export function applicantRow(seq: number, patch: Partial<ApplicantListRow> = {}): ApplicantListRow {
  const n = String(seq).padStart(4, "0");
  return {
    id: seq,
    reg_number: `PPK-3514-${n}`,
    nik: `35140152089${String(seq).padStart(5, "0")}`,
    full_name: `Pendaftar ${n}`,
    sex: seq % 2 ? "L" : "P",
    unit_code: "35.14.01",
    unit_label: "Kecamatan Purwodadi",
    standing: "terdaftar",
    standing_label: "Terdaftar",
    status: "terdaftar",
    nik_warning_pending: false,
    party_listed: false,
    ...patch,
  };
}

/** What the core says about an empty or partly filled draft. */
export function registrationCheck(patch: Partial<RegistrationCheck> = {}): RegistrationCheck {
  return {
    problems: [],
    nik_info: null,
    nik_warnings: [],
    field_warnings: [],
    duplicate: null,
    rules: [
      { rule: "usia", verdict: "pass", reason: "Berusia 36 tahun pada 1 Desember 2026." },
      { rule: "pendidikan", verdict: "pass", reason: "Pendidikan S1." },
      { rule: "domisili", verdict: "fail", reason: "Berdomisili di luar kecamatan tempat mendaftar." },
      { rule: "periode_menjabat", verdict: "pass", reason: "Belum pernah menjabat." },
      { rule: "status_partai", verdict: "pass", reason: "Tidak pernah menjadi anggota partai politik." },
      { rule: "keanggotaan_partai", verdict: "review", reason: "Daftar anggota partai belum diimpor." },
    ],
    recorded_service: [],
    documents: [
      { code: "surat_pendaftaran", name: "Surat pendaftaran", required: true, received: false, contents: [] },
      { code: "ktp", name: "Fotokopi KTP-el", required: true, received: false, contents: [] },
    ],
    can_save: true,
    ...patch,
  };
}

/** A draft that passes every field check. */
export function filledDraft(): RegistrationDraft {
  return {
    fields: {
      nik: "3514015208900002",
      nama: "Siti Nur'aini",
      jenis_kelamin: "P",
      tempat_lahir: "Pasuruan",
      tanggal_lahir: "12-08-1990",
      alamat: "Jl. Raya Gerbo 1",
      kode_desa: "35.14.01.2001",
      pendidikan: "S1",
      telepon: "081234567890",
      email: "",
      pekerjaan: "Guru",
      kode_wilayah_tugas: "35.14.01",
      kode_desa_domisili: "",
      alasan_domisili: "",
    },
    previous_service: [{ body: "KPPS", election: "Pemilu 2019", year: 2019 }],
    party_status: "bukan",
    party_left_year: null,
    misuse_statement: false,
    disability: "",
    documents: ["ktp"],
    acknowledge_nik_warnings: false,
  };
}

export function applicantDetail(patch: Partial<ApplicantDetail> = {}): ApplicantDetail {
  return {
    id: 7,
    round_id: 1,
    round_name: "Pemilu 2024 – PPK",
    body: "PPK",
    reg_number: "PPK-3514-0007",
    status: "terdaftar",
    unit_label: "Kecamatan Purwodadi",
    draft: filledDraft(),
    check: registrationCheck(),
    stored_nik_warnings: [],
    nik_warnings_acknowledged: false,
    registered_at: "2026-11-23T08:00:00Z",
    registered_by: "Operator Uji",
    updated_at: null,
    withdrawn_at: null,
    withdrawn_reason: null,
    online: false,
    files_received_at: "2026-11-23T08:00:00Z",
    standing: { standing: "terdaftar", label: "Terdaftar", lines: [] },
    participant_number: null,
    ...patch,
  };
}

// --- Penelitian administrasi ----------------------------------------------

/** The documents of a PPK round for an applicant who was never a party member. */
export function documentRows(): DocumentRow[] {
  const doc = (code: string, name: string, patch: Partial<DocumentRow> = {}): DocumentRow => ({
    code,
    name,
    mandatory: true,
    applies: true,
    received: true,
    verdict: null,
    reason: null,
    contents: [],
    ...patch,
  });
  return [
    doc("surat_pendaftaran", "Surat pendaftaran", { verdict: "sesuai" }),
    doc("ktp", "Fotokopi KTP-el"),
    doc("ijazah", "Fotokopi ijazah terakhir", { received: false }),
    doc("surat_sehat", "Surat keterangan sehat"),
    doc("surat_partai", "Surat keterangan dari partai politik (mantan anggota)", { applies: false, received: false }),
    doc("sertifikat", "Sertifikat pelatihan kepemiluan", { mandatory: false, applies: false, received: false }),
  ];
}

/** An applicant's file with some documents still unchecked (verdict open). */
export function verificationView(patch: Partial<VerificationView> = {}): VerificationView {
  return {
    applicant: applicantDetail({
      check: registrationCheck({
        rules: registrationCheck().rules.map((r) => ({ ...r, verdict: "pass" as const })),
      }),
    }),
    documents: documentRows(),
    derived: {
      verdict: null,
      reasons: [],
      pending: [
        "Fotokopi KTP-el belum diperiksa.",
        "Fotokopi ijazah terakhir belum diperiksa.",
        "Surat keterangan sehat belum diperiksa.",
      ],
    },
    override_verdict: null,
    override_reason: null,
    final_verdict: null,
    needs_fix: false,
    fix_note: null,
    common_reasons: [
      "Nama tidak sesuai dengan KTP-el",
      "Tidak ditandatangani",
      "Isian tidak lengkap",
      "Tidak terbaca",
      "Masa berlaku habis",
    ],
    ...patch,
  };
}

export function unitProgress(): UnitProgress[] {
  return [
    { unit_code: "35.14.01", unit_label: "Kecamatan Purwodadi", applicants: 30, ms: 12, tms: 3, open: 15 },
    { unit_code: "35.14.02", unit_label: "Kecamatan Tutur", applicants: 8, ms: 8, tms: 0, open: 0 },
    { unit_code: "35.14.03", unit_label: "Kecamatan Puspo", applicants: 1041, ms: 1000, tms: 40, open: 1 },
  ];
}

/** A scan as list_scans returns it; the hash is made from `seq`. */
export function attachment(seq: number, patch: Partial<Attachment> = {}): Attachment {
  return {
    code: "ktp",
    sha256: String(seq).padStart(2, "0").repeat(32),
    media_type: "application/pdf",
    file_name: `pindaian-${seq}.pdf`,
    size: 245_760,
    added_at: "2026-11-24T12:00:00Z",
    ...patch,
  };
}

/** The document requirements of a PPK round, one retired. */
export function requirementList(editable = true): RequirementList {
  const req = (code: string, name: string, patch: Partial<RequirementList["requirements"][number]> = {}) => ({
    code,
    name,
    mandatory: true,
    applies: "always" as const,
    retired: false,
    ...patch,
  });
  return {
    editable,
    requirements: [
      req("surat_pendaftaran", "Surat pendaftaran"),
      req("ktp", "Fotokopi KTP-el"),
      req("surat_partai", "Surat keterangan dari partai politik (mantan anggota)", { applies: "former_party_member" }),
      req("surat_sipol", "Surat pernyataan bukan anggota partai (NIK tercantum di SIPOL)", {
        applies: "listed_in_party_list",
      }),
      req("sertifikat", "Sertifikat pelatihan kepemiluan", { mandatory: false }),
      req("pas_foto", "Pas foto 4×6", { retired: true }),
    ],
  };
}

/** The core's standings (standing_options), a few of them. */
export function standingOptions(): StandingOption[] {
  return [
    { key: "terdaftar", label: "Terdaftar" },
    { key: "ms", label: "MS" },
    { key: "tms", label: "TMS" },
    { key: "terpilih", label: "Terpilih" },
    { key: "cadangan", label: "Cadangan" },
    { key: "pengganti", label: "Pengganti antarwaktu" },
    { key: "mundur", label: "Mundur" },
  ];
}
