// Quota dashboards shaped like the core's answer, for the quota panel's tests.
import type { QuotaDashboard } from "../bindings/QuotaDashboard";
import type { QuotaFlag } from "../bindings/QuotaFlag";
import type { QuotaRow } from "../bindings/QuotaRow";
import type { WomenShare } from "../bindings/WomenShare";
import type { WomenStage } from "../bindings/WomenStage";

export function unit(code: string, name: string, kecCode: string, kecName: string, patch: Partial<QuotaRow> = {}): QuotaRow {
  return {
    unit_code: code,
    unit_name: name,
    kecamatan_code: kecCode,
    kecamatan_name: kecName,
    quota: 5,
    held: 0,
    registration_target: 2 * (patch.quota ?? 5),
    below_target: (patch.registered ?? 0) < 2 * (patch.quota ?? 5),
    registered: 0,
    ms: 0,
    passed_written: 0,
    terpilih: 0,
    cadangan: 0,
    women_terpilih: 0,
    women_percent: null,
    extended_until: null,
    women: [],
    flags: [],
    ...patch,
  };
}

/** Sums rows as the core does (flags: only the women share of the sum). */
export function sum(rows: QuotaRow[], base: QuotaRow): QuotaRow {
  const t = rows.reduce(
    (a, r) => ({
      ...a,
      quota: a.quota + r.quota,
      registration_target: a.registration_target + r.registration_target,
      registered: a.registered + r.registered,
      ms: a.ms + r.ms,
      passed_written: a.passed_written + r.passed_written,
      terpilih: a.terpilih + r.terpilih,
      cadangan: a.cadangan + r.cadangan,
      women_terpilih: a.women_terpilih + r.women_terpilih,
    }),
    base,
  );
  const women = sumShares([base, ...rows]);
  const pct = t.terpilih > 0 ? Math.round((t.women_terpilih * 100) / t.terpilih) : null;
  const low = t.terpilih > 0 && t.women_terpilih * 10 < t.terpilih * 3;
  return { ...t, women, below_target: t.registered < t.registration_target, women_percent: pct, flags: low ? [...t.flags, "perempuan_kurang30"] : t.flags };
}

/** A share as the core builds it: whole percent rounded down, warned under 30%. */
export function share(stage: WomenStage, women: number, total: number): WomenShare {
  return {
    stage,
    women,
    total,
    percent: total > 0 ? Math.floor((women * 100) / total) : null,
    below_30: total > 0 && women * 10 < total * 3,
  };
}

/** Adds shares stage by stage (the fixture's stand-in for the core's sum). */
export function sumShares(rows: QuotaRow[]): WomenShare[] {
  const out: WomenShare[] = [];
  for (const r of rows)
    for (const s of r.women) {
      const i = out.findIndex((o) => o.stage === s.stage);
      const prev = out[i];
      if (prev) out[i] = share(s.stage, prev.women + s.women, prev.total + s.total);
      else out.push(share(s.stage, s.women, s.total));
    }
  return out;
}

export function flagged(units: QuotaRow[]): Array<[QuotaFlag, number]> {
  const order: QuotaFlag[] = [
    "perlu_perpanjangan",
    "diperpanjang",
    "perlu_perpanjangan_lagi",
    "kurang_calon",
    "seri_belum_diputuskan",
    "perempuan_kurang30",
  ];
  return order
    .map((f): [QuotaFlag, number] => [f, units.filter((u) => u.flags.includes(f)).length])
    .filter(([, n]) => n > 0);
}

export const TOTAL = unit("", "Jumlah", "", "", { quota: 0 });

export function ppkDashboard(): QuotaDashboard {
  const units = [
    unit("35.14.01", "Purwodadi", "35.14.01", "Purwodadi", {
      registered: 30,
      ms: 12,
      passed_written: 10,
      terpilih: 5,
      cadangan: 5,
      women_terpilih: 2,
      women_percent: 40,
    }),
    unit("35.14.02", "Tutur", "35.14.02", "Tutur", {
      registered: 8,
      ms: 4,
      passed_written: 4,
      terpilih: 4,
      women_terpilih: 1,
      women_percent: 25,
      extended_until: "2026-11-25",
      flags: ["diperpanjang", "kurang_calon", "perempuan_kurang30"],
    }),
    unit("35.14.03", "Puspo", "35.14.03", "Puspo", {
      registered: 6,
      ms: 6,
      flags: ["perlu_perpanjangan", "seri_belum_diputuskan"],
    }),
  ];
  return {
    round_id: 1,
    round_name: "Pemilu 2024 – PPK",
    body: "PPK",
    current_stage: "akhir",
    units,
    kecamatan: [],
    total: sum(units, TOTAL),
    flagged: flagged(units),
    extension_threshold: 2,
    women_low: [],
  };
}

export function ppsDashboard(): QuotaDashboard {
  const purwodadi = [
    unit("35.14.01.2001", "Gerbo", "35.14.01", "Purwodadi", { quota: 3, registered: 9, ms: 7, terpilih: 3 }),
    unit("35.14.01.2002", "Parerejo", "35.14.01", "Purwodadi", {
      quota: 3,
      registered: 7,
      ms: 6,
      terpilih: 3,
      women_terpilih: 2,
      women_percent: 67,
    }),
  ];
  // Gerbo has no woman among three Terpilih.
  purwodadi[0] = { ...purwodadi[0]!, women_percent: 0, flags: ["perempuan_kurang30"] };
  const tutur = [
    unit("35.14.02.2001", "Blarang", "35.14.02", "Tutur", {
      quota: 3,
      registered: 2,
      extended_until: "2026-11-20",
      flags: ["perlu_perpanjangan_lagi"],
    }),
    unit("35.14.02.1001", "Tutur", "35.14.02", "Tutur", { quota: 3, registered: 12, ms: 10 }),
  ];
  const kec = (code: string, name: string, desa: QuotaRow[]) => {
    const own = [...new Set(desa.flatMap((d) => d.flags).filter((f) => f !== "perempuan_kurang30"))];
    return sum(desa, unit(code, name, code, name, { quota: 0, flags: own }));
  };
  const units = [...purwodadi, ...tutur];
  return {
    round_id: 2,
    round_name: "Pemilu 2024 – PPS",
    body: "PPS",
    current_stage: "akhir",
    units,
    kecamatan: [kec("35.14.01", "Purwodadi", purwodadi), kec("35.14.02", "Tutur", tutur)],
    total: sum(units, TOTAL),
    flagged: flagged(units),
    extension_threshold: 2,
    women_low: [],
  };
}

/** A national-size PPS round: `kecamatan` kecamatan of `desa` desa each. */
export function bigPps(kecamatan: number, desa: number): QuotaDashboard {
  const units: QuotaRow[] = [];
  const kec: QuotaRow[] = [];
  for (let k = 1; k <= kecamatan; k++) {
    const kc = `11.01.${String(k).padStart(3, "0")}`;
    const kn = `Kecamatan ${k}`;
    for (let d = 1; d <= desa; d++) {
      units.push(unit(`${kc}.${2000 + d}`, `Desa ${k}-${d}`, kc, kn, { quota: 3 }));
    }
    kec.push(unit(kc, kn, kc, kn, { quota: 3 * desa }));
  }
  return {
    round_id: 3,
    round_name: "Pilkada – PPS",
    body: "PPS",
    current_stage: "pendaftaran",
    units,
    kecamatan: kec,
    total: { ...TOTAL, quota: 3 * units.length },
    flagged: [],
    extension_threshold: 2,
    women_low: [],
  };
}

/**
 * The PPK dashboard (at the final results) with women counted at each stage
 * reached: Purwodadi fine, Tutur under 30% throughout, Puspo without
 * passes. The kabupaten is under 30% from the written test on.
 */
export function ppkWithWomen(): QuotaDashboard {
  const d = ppkDashboard();
  const counts: Record<string, Array<[number, number]>> = {
    Purwodadi: [[12, 30], [5, 12], [3, 10], [4, 10]],
    Tutur: [[2, 8], [1, 4], [1, 4], [1, 8]],
    Puspo: [[3, 6], [3, 6], [0, 0], [0, 0]],
  };
  const stages: WomenStage[] = ["pendaftar", "ms", "lulus_tertulis", "daftar_akhir"];
  const units = d.units.map((u) => ({
    ...u,
    women: (counts[u.unit_name] ?? []).map(([w, n], i) => share(stages[i] ?? "pendaftar", w, n)),
  }));
  const total = { ...d.total, women: sumShares(units) };
  return { ...d, units, total, women_low: total.women.filter((s) => s.below_30).map((s) => s.stage) };
}
