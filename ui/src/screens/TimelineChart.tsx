import { useMemo } from "react";
import { Chart } from "react-chartjs-2";

import type { Timeline } from "../bindings/Timeline";
import "../components/chartSetup";
import { timelineChart, timelineOptions, timelineSummary } from "./timelineChart";

/** The stages as horizontal bars on the calendar; the list below says the same in words. */
export function TimelineChart({ timeline }: { timeline: Timeline }) {
  const data = useMemo(() => timelineChart(timeline), [timeline]);
  const options = useMemo(() => timelineOptions(timeline), [timeline]);
  const summary = timelineSummary(timeline);
  return (
    <figure className="timeline-chart" data-testid="chart-tahapan">
      <div className="timeline-chart-box" style={{ height: `${3 + timeline.stages.length * 2}rem` }}>
        <Chart type="bar" data={data} options={options} role="img" aria-label={summary} />
      </div>
    </figure>
  );
}
