// Formatting for people: Indonesian dates and numbers.

const MONTHS = [
  "Januari", "Februari", "Maret", "April", "Mei", "Juni",
  "Juli", "Agustus", "September", "Oktober", "November", "Desember",
];

/** "2022-12-12" → "12 Desember 2022". */
export function tanggal(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const month = MONTHS[Number(m[2]) - 1];
  return month ? `${Number(m[3])} ${month} ${m[1]}` : iso;
}

/** 1234567 → "1.234.567". */
export function angka(n: number): string {
  return n.toLocaleString("id-ID");
}
