// The round's schedule as a horizontal bar chart: one floating bar per
// stage from its first to its last planned day, the current stage
// highlighted, today as a vertical line. Dates are whole days counted from
// 1970-01-01 (UTC), so no date adapter is needed; ticks are written as
// Indonesian dates here.
import type { ChartData, ChartOptions } from "chart.js";

import type { StageState } from "../bindings/StageState";
import type { Timeline } from "../bindings/Timeline";

const SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"];
const DAY_MS = 86_400_000;

/** "2026-11-20" → its day number (days since 1970-01-01). */
export function dayNumber(iso: string): number {
  const [y = 1970, m = 1, d = 1] = iso.split("-").map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** "2022-12-12" → "12 Des 2022"; the text itself when it is not a date. */
export function shortDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = m ? SHORT_MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? `${Number(m[3])} ${month} ${m[1]}` : iso;
}

/** A day number → "20 Nov 2026". */
export function dayLabel(day: number): string {
  return shortDate(new Date(Math.round(day) * DAY_MS).toISOString().slice(0, 10));
}

export const STAGE_COLOR: Record<StageState, string> = {
  selesai: "#8fb996",
  berjalan: "#b71c1c",
  menunggu_dibuka: "#e0a100",
  belum: "#c9d1d8",
};
const TODAY_COLOR = "#1d2327";

/** Whether a stage is the round's current one (in progress or waiting to be opened). */
export const isCurrent = (state: StageState) => state === "berjalan" || state === "menunggu_dibuka";

type Point = { x: number; y: string };
export type TimelineData = ChartData<"bar" | "line", Array<[number, number] | Point>, string>;

/**
 * One bar per stage from its first day to the day after its last (so a
 * one-day stage has a width), coloured by state, the current one outlined;
 * and today as a line across every stage.
 */
export function timelineChart(t: Timeline): TimelineData {
  const labels = t.stages.map((s) => s.label);
  const today = dayNumber(t.today);
  return {
    labels,
    datasets: [
      {
        type: "bar",
        label: "Jadwal",
        data: t.stages.map((s): [number, number] => [dayNumber(s.starts_on), dayNumber(s.ends_on) + 1]),
        backgroundColor: t.stages.map((s) => STAGE_COLOR[s.state]),
        borderColor: t.stages.map((s) => (isCurrent(s.state) ? TODAY_COLOR : "transparent")),
        borderWidth: t.stages.map((s) => (isCurrent(s.state) ? 2 : 0)),
        borderSkipped: false,
      },
      {
        type: "line",
        label: `Hari ini (${dayLabel(today)})`,
        indexAxis: "y",
        data: [labels[0], labels.at(-1)].filter((y): y is string => y !== undefined).map((y) => ({ x: today, y })),
        borderColor: TODAY_COLOR,
        borderDash: [4, 3],
        borderWidth: 2,
        pointRadius: 0,
      },
    ],
  };
}

/** The chart's text alternative: where the round stands and today. */
export function timelineSummary(t: Timeline): string {
  const current = t.stages.find((s) => isCurrent(s.state));
  const where = current
    ? `tahap saat ini ${current.label.toLowerCase()} (${dayLabel(dayNumber(current.starts_on))} – ${dayLabel(dayNumber(current.ends_on))})`
    : "tidak ada tahap yang berjalan";
  return `Diagram jadwal ${t.stages.length} tahapan: ${where}; hari ini ${dayLabel(dayNumber(t.today))}.`;
}

/** Horizontal floating bars on a day axis whose ticks are Indonesian dates. */
export function timelineOptions(t: Timeline): ChartOptions<"bar" | "line"> {
  const starts = t.stages.map((s) => dayNumber(s.starts_on));
  const ends = t.stages.map((s) => dayNumber(s.ends_on) + 1);
  const today = dayNumber(t.today);
  return {
    indexAxis: "y",
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    scales: {
      x: {
        type: "linear",
        min: Math.min(today, ...starts) - 1,
        max: Math.max(today + 1, ...ends) + 1,
        ticks: { precision: 0, callback: (v) => dayLabel(Number(v)) },
      },
    },
    plugins: {
      legend: { display: false },
      tooltip: {
        callbacks: {
          label: (ctx) => {
            const s = t.stages[ctx.dataIndex];
            if (ctx.dataset.type === "line" || !s) return `Hari ini: ${dayLabel(today)}`;
            return `${dayLabel(dayNumber(s.starts_on))} – ${dayLabel(dayNumber(s.ends_on))}`;
          },
        },
      },
    },
  };
}
