// What the quota screen's charts draw, built from the core's rows: the
// numbers, targets and warnings are the core's; this only arranges them.
import type { ChartData, ChartOptions } from "chart.js";

import { angka } from "../api/format";
import type { QuotaDashboard } from "../bindings/QuotaDashboard";
import type { QuotaRow } from "../bindings/QuotaRow";
import type { WomenShare } from "../bindings/WomenShare";
import type { WomenStage } from "../bindings/WomenStage";

/** The stages in the core's order, in staff words. */
export const WOMEN_STAGE_LABEL: Record<WomenStage, string> = {
  pendaftar: "Pendaftar",
  ms: "MS",
  lulus_tertulis: "Lulus tes tertulis",
  daftar_akhir: "Daftar akhir",
  anggota: "Anggota",
};

export const WOMEN_STAGES = Object.keys(WOMEN_STAGE_LABEL) as WomenStage[];

/** Chart colours (a canvas needs real colours, not CSS variables). */
export const COLOR = {
  bar: "#3b6ea5",
  warn: "#d98e04",
  target: "#a8b3bd",
  reference: "#b71c1c",
} as const;

/** One bar per kecamatan: the PPK units, or the PPS kecamatan subtotals. */
export function kecamatanRows(d: QuotaDashboard): QuotaRow[] {
  return d.body === "PPS" ? d.kecamatan : d.units;
}

/** A row's share at `stage`, if the round has reached it. */
export function shareAt(row: QuotaRow, stage: WomenStage): WomenShare | undefined {
  return row.women.find((s) => s.stage === stage);
}

/** The latest stage the round has reached (the core lists only those), for the default view. */
export function latestStage(d: QuotaDashboard): WomenStage {
  return d.total.women.at(-1)?.stage ?? "pendaftar";
}

/** "3 dari 10 (30%)", or why there is no share. */
export function shareText(s: WomenShare | undefined): string {
  if (!s) return "belum sampai tahap ini";
  if (s.percent === null) return "belum ada";
  return `${angka(s.women)} dari ${angka(s.total)} (${s.percent}%)`;
}

export type MixedData = ChartData<"bar" | "line", (number | null)[], string>;

/**
 * Per kecamatan, the applicants beside the number that spares an
 * extension (the core's threshold × quota); a kecamatan the core finds
 * under it in the warning colour.
 */
export function applicantsChart(rows: QuotaRow[], threshold: number): MixedData {
  return {
    labels: rows.map((r) => r.unit_name),
    datasets: [
      {
        type: "bar",
        label: "Pendaftar",
        data: rows.map((r) => r.registered),
        backgroundColor: rows.map((r) => (r.below_target ? COLOR.warn : COLOR.bar)),
      },
      {
        type: "bar",
        label: `Batas perpanjangan (${threshold}× kuota)`,
        data: rows.map((r) => r.registration_target),
        backgroundColor: COLOR.target,
      },
    ],
  };
}

/** The applicants chart's text alternative: the kecamatan under the target. */
export function applicantsSummary(rows: QuotaRow[], threshold: number): string {
  const short = rows.filter((r) => r.below_target);
  const head = `Grafik pendaftar dibandingkan ${threshold}× kuota per kecamatan`;
  if (short.length === 0) return `${head}: semua kecamatan mencapai batas.`;
  return `${head}: ${angka(short.length)} kecamatan di bawah batas (${short
    .map((r) => `${r.unit_name} ${angka(r.registered)} dari ${angka(r.registration_target)}`)
    .join("; ")}).`;
}

/**
 * Per kecamatan, the women's share at `stage` in percent (none where the
 * stage has no share), bars under 30% in the warning colour, with the 30%
 * line for reference.
 */
export function womenChart(rows: QuotaRow[], stage: WomenStage): MixedData {
  const shares = rows.map((r) => shareAt(r, stage));
  return {
    labels: rows.map((r) => r.unit_name),
    datasets: [
      {
        type: "bar",
        label: `Perempuan di antara ${WOMEN_STAGE_LABEL[stage].toLowerCase()} (%)`,
        data: shares.map((s) => s?.percent ?? null),
        backgroundColor: shares.map((s) => (s?.below_30 ? COLOR.warn : COLOR.bar)),
        order: 2,
      },
      {
        type: "line",
        label: "Batas perhatian 30%",
        data: rows.map(() => 30),
        borderColor: COLOR.reference,
        borderDash: [6, 4],
        borderWidth: 2,
        pointRadius: 0,
        fill: false,
        order: 1,
      },
    ],
  };
}

/** The women's chart text alternative: the kecamatan under 30% at `stage`. */
export function womenSummary(rows: QuotaRow[], stage: WomenStage): string {
  const head = `Grafik persentase perempuan di antara ${WOMEN_STAGE_LABEL[stage].toLowerCase()} per kecamatan`;
  const low = rows.filter((r) => shareAt(r, stage)?.below_30);
  if (low.length === 0) return `${head}: tidak ada kecamatan di bawah 30%.`;
  return `${head}: ${angka(low.length)} kecamatan di bawah 30% (${low
    .map((r) => `${r.unit_name} ${shareText(shareAt(r, stage))}`)
    .join("; ")}).`;
}

/** Options of the women's chart: 0–100%, the tooltip in words. */
export function womenOptions(rows: QuotaRow[], stage: WomenStage): ChartOptions<"bar" | "line"> {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    scales: {
      y: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } },
    },
    plugins: {
      legend: { position: "bottom" },
      tooltip: {
        callbacks: {
          label: (ctx) => {
            if (ctx.dataset.type === "line") return "Batas perhatian 30%";
            const row = rows[ctx.dataIndex];
            return row ? shareText(shareAt(row, stage)) : "";
          },
        },
      },
    },
  };
}

/** Options of the applicants chart. */
export const applicantsOptions: ChartOptions<"bar" | "line"> = {
  responsive: true,
  maintainAspectRatio: false,
  animation: false,
  scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
  plugins: { legend: { position: "bottom" } },
};
