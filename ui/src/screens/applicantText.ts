// Words and small helpers shared by the applicant screens (list, form,
// detail, import). The core decides everything; these only name things.
import type { AdminVerdict } from "../bindings/AdminVerdict";
import type { DesaOption } from "../bindings/DesaOption";
import type { DocVerdict } from "../bindings/DocVerdict";
import type { KecamatanOption } from "../bindings/KecamatanOption";
import type { RegistrationDraft } from "../bindings/RegistrationDraft";
import type { Rule } from "../bindings/Rule";
import type { Verdict } from "../bindings/Verdict";

export const RULE_LABEL: Record<Rule, string> = {
  usia: "Usia",
  pendidikan: "Pendidikan",
  domisili: "Domisili",
  periode_menjabat: "Periode menjabat",
  status_partai: "Pernyataan keanggotaan partai",
  keanggotaan_partai: "Daftar anggota partai (SIPOL)",
};

/** Verdicts in words, each with an icon so colour is never the only cue. */
export const VERDICT: Record<Verdict, { icon: string; label: string }> = {
  pass: { icon: "✓", label: "Memenuhi" },
  fail: { icon: "✗", label: "Tidak memenuhi" },
  review: { icon: "!", label: "Perlu diperiksa" },
};

export const STATUS_LABEL: Record<string, string> = {
  terdaftar: "Terdaftar",
  mundur: "Mundur",
};

export const statusLabel = (s: string) => STATUS_LABEL[s] ?? s;

/** Penelitian administrasi: the verdict on one document, as the radios say it. */
export const DOC_VERDICT_LABEL: Record<DocVerdict, string> = {
  sesuai: "Ada dan sesuai",
  tidak_sesuai: "Tidak sesuai",
  tidak_ada: "Tidak ada",
};

/**
 * In the order the arrow keys go: "Tidak ada" before "Tidak sesuai", whose
 * reason editor would otherwise open on the way to it.
 */
export const DOC_VERDICTS: DocVerdict[] = ["sesuai", "tidak_ada", "tidak_sesuai"];

export const ADMIN_VERDICT_LABEL: Record<AdminVerdict, string> = {
  MS: "Memenuhi Syarat (MS)",
  TMS: "Tidak Memenuhi Syarat (TMS)",
};

/** The administrative verdict in words; open while the core has none. */
export const adminVerdictLabel = (v: AdminVerdict | null) => (v ? ADMIN_VERDICT_LABEL[v] : "Belum selesai");

export const SEX_LABEL: Record<string, string> = { L: "Laki-laki", P: "Perempuan" };

export const EDUCATION: { code: string; label: string }[] = [
  { code: "SD", label: "SD/MI" },
  { code: "SMP", label: "SMP/MTs/sederajat" },
  { code: "SMA", label: "SMA/SMK/MA/sederajat" },
  { code: "D3", label: "Diploma (D1–D3)" },
  { code: "S1", label: "Sarjana (S1/D4)" },
  { code: "S2", label: "Magister (S2)" },
  { code: "S3", label: "Doktor (S3)" },
];

/** Bodies someone may have served in (the core's SERVICE_BODIES). */
export const SERVICE_BODIES = ["PPK", "PPS", "KPPS", "PPD", "PPLN", "KPPSLN"];

export function emptyDraft(): RegistrationDraft {
  return {
    fields: {
      nik: "",
      nama: "",
      jenis_kelamin: "",
      tempat_lahir: "",
      tanggal_lahir: "",
      alamat: "",
      kode_desa: "",
      pendidikan: "",
      telepon: "",
      email: "",
      pekerjaan: "",
      kode_wilayah_tugas: "",
      kode_desa_domisili: "",
      alasan_domisili: "",
    },
    previous_service: [],
    // Asked of the applicant, never assumed.
    party_status: null,
    party_left_year: null,
    misuse_statement: false,
    disability: "",
    documents: [],
    acknowledge_nik_warnings: false,
  };
}

/** "Desa Gerbo" or "Kelurahan Pasuruan". */
export function desaName(d: DesaOption): string {
  return `${d.kind === "kelurahan" ? "Kelurahan" : "Desa"} ${d.name}`;
}

/** A desa with its kecamatan, as the pickers show it: "Desa Gerbo — Kec. Purwodadi". */
export function desaLabel(d: DesaOption, k: KecamatanOption): string {
  return `${desaName(d)} — Kec. ${k.name}`;
}

/** The label of a dotted desa or kecamatan code of this kabupaten, or the code itself. */
export function regionLabel(regions: KecamatanOption[], code: string): string {
  const c = code.trim();
  if (!c) return "";
  for (const k of regions) {
    if (k.code === c) return `Kecamatan ${k.name}`;
    if (c.startsWith(`${k.code}.`)) {
      const d = k.desa.find((x) => x.code === c);
      if (d) return `${desaName(d)}, Kecamatan ${k.name}`;
    }
  }
  return c;
}

/** A stored timestamp for people: "23 Nov 2026, 08.00.00"; the text itself when unreadable. */
export function waktu(at: string | null): string {
  if (!at) return "–";
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at : d.toLocaleString("id-ID", { dateStyle: "medium", timeStyle: "short" });
}
