import { useMemo } from "react";
import { Chart } from "react-chartjs-2";

import type { QuotaDashboard } from "../bindings/QuotaDashboard";
import type { WomenStage } from "../bindings/WomenStage";
import "../components/chartSetup";
import {
  applicantsChart,
  applicantsOptions,
  applicantsSummary,
  kecamatanRows,
  womenChart,
  womenOptions,
  womenSummary,
} from "./quotaCharts";

/** Per kecamatan, the applicants against the number that spares an extension. */
export function ApplicantsChart({ data }: { data: QuotaDashboard }) {
  const rows = kecamatanRows(data);
  const threshold = data.extension_threshold;
  const chart = useMemo(() => applicantsChart(rows, threshold), [rows, threshold]);
  const summary = applicantsSummary(rows, threshold);
  return (
    <figure className="quota-chart" data-testid="chart-pendaftar-kuota">
      <figcaption>Pendaftar dibandingkan {threshold}× kuota per kecamatan</figcaption>
      <div className="quota-chart-box">
        <Chart type="bar" data={chart} options={applicantsOptions} role="img" aria-label={summary} />
      </div>
      <p className="muted quota-chart-note">{summary}</p>
    </figure>
  );
}

/** Per kecamatan, the women's share at `stage`, with the 30% line. */
export function WomenChart({ data, stage }: { data: QuotaDashboard; stage: WomenStage }) {
  const rows = kecamatanRows(data);
  const chart = useMemo(() => womenChart(rows, stage), [rows, stage]);
  const options = useMemo(() => womenOptions(rows, stage), [rows, stage]);
  const summary = womenSummary(rows, stage);
  return (
    <figure className="quota-chart" data-testid="chart-perempuan">
      <div className="quota-chart-box">
        <Chart type="bar" data={chart} options={options} role="img" aria-label={summary} />
      </div>
      <p className="muted quota-chart-note">{summary}</p>
    </figure>
  );
}
