import type { Seconds, ServiceGraphHistogramEntry } from "@xray-sandbox/segments";
import { formatDuration } from "../format/duration.ts";
import { latencyBars, tallest } from "./latency-bars.ts";
import { SERVICE_MAP_PANEL } from "./ServiceMap.markers.ts";

const WIDTH = 240;
const HEIGHT = 72;
const GAP = 2;

function range(from: number, to: number): string {
  const low = formatDuration(from as Seconds);
  return from === to ? low : `${low} – ${formatDuration(to as Seconds)}`;
}

/** Bars of requests by response time; each bar's numbers are in its tooltip and in a list. */
export function LatencyHistogram({
  histogram,
}: {
  histogram: readonly ServiceGraphHistogramEntry[];
}) {
  const bars = latencyBars(histogram);
  if (bars.length === 0) return null;
  const max = tallest(bars);
  const width = WIDTH / bars.length;
  const first = bars[0];
  const last = bars.at(-1);
  return (
    <figure className="map-histogram" data-testid={SERVICE_MAP_PANEL.histogram}>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Response-time histogram from ${first === undefined ? "" : formatDuration(first.from as Seconds)} to ${last === undefined ? "" : formatDuration(last.to as Seconds)}; the bars are listed below.`}
        preserveAspectRatio="none"
      >
        {bars.map((bar, index) => {
          const height = bar.count === 0 ? 0 : Math.max(2, (bar.count / max) * HEIGHT);
          return (
            <rect
              key={`${bar.from}-${bar.to}`}
              className="map-histogram-bar"
              x={index * width + GAP / 2}
              y={HEIGHT - height}
              width={Math.max(1, width - GAP)}
              height={height}
              data-count={bar.count}
            >
              <title>{`${range(bar.from, bar.to)}: ${bar.count}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="map-histogram-axis">
        <span>{first === undefined ? "" : formatDuration(first.from as Seconds)}</span>
        <span>{last === undefined ? "" : formatDuration(last.to as Seconds)}</span>
      </figcaption>
      <ul className="map-visually-hidden">
        {bars
          .filter((bar) => bar.count > 0)
          .map((bar) => (
            <li
              key={`${bar.from}-${bar.to}`}
            >{`${range(bar.from, bar.to)}: ${bar.count} requests`}</li>
          ))}
      </ul>
    </figure>
  );
}
