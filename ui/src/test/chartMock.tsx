// jsdom has no canvas: tests replace react-chartjs-2 with this, which
// renders what a chart was given (its data as JSON, its text alternative)
// so a test can assert labels, values and colours.
//   vi.mock("react-chartjs-2", () => import("../test/chartMock"));
import type { ChartData, ChartOptions } from "chart.js";

interface Props {
  type: string;
  data: ChartData;
  options?: ChartOptions;
  "aria-label"?: string;
}

export function Chart({ type, data, "aria-label": label }: Props) {
  return <div role="img" aria-label={label} data-testid="chart" data-type={type} data-chart={JSON.stringify(data)} />;
}

/** The data of the chart inside `container` (a chart's figure). */
export function chartData(container: HTMLElement): {
  labels: string[];
  datasets: Array<{ type?: string; label: string; data: unknown[]; backgroundColor?: unknown }>;
} {
  const el = container.querySelector("[data-chart]");
  if (!el) throw new Error("no chart here");
  return JSON.parse(el.getAttribute("data-chart") ?? "{}");
}
