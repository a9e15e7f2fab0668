// Numbering templates as they are typed: an example number, and what is wrong with one.

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
