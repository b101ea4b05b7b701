import type { Seconds } from "@xray-sandbox/segments";
import { countOf, formatCount } from "../format/count.ts";
import { formatDuration } from "../format/duration.ts";
import { TRACE_TOOLS } from "./TraceTools.markers.ts";
import type { StatsRow } from "./trace-stats.ts";

export interface TraceStatsTableProps {
  stats: readonly StatsRow[];
  resolution: number;
  /** The services' colour slots, to show each row's colour. */
  services: ReadonlyMap<string, number>;
}

/** Rows shown; the rest are counted below the table. */
export const STATS_SHOWN = 300;

/** Where the time went, per service and name: most self time first. */
export function TraceStatsTable({ stats, resolution, services }: TraceStatsTableProps) {
  const shown = stats.slice(0, STATS_SHOWN);
  const time = (value: Seconds | undefined) =>
    value === undefined ? "–" : formatDuration(value, resolution);
  return (
    <section className="trace-stats" data-testid={TRACE_TOOLS.stats} aria-label="Statistics">
      <p className="trace-stats-intro">
        Each service and name with how often it ran, its total time, its self time (time in none of
        its children), and its shortest, average and longest run. Most self time first: the top rows
        are where the time went.
      </p>
      <section
        className="trace-stats-scroll"
        aria-label="Statistics table"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard
        tabIndex={0}
      >
        <table>
          <caption className="trace-stats-caption">
            Time per service and name, {countOf(stats.length, "row")}
          </caption>
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Name</th>
              <th scope="col" className="num">
                Count
              </th>
              <th scope="col" className="num">
                Total
              </th>
              <th scope="col" className="num">
                Self
              </th>
              <th scope="col" className="num">
                Min
              </th>
              <th scope="col" className="num">
                Avg
              </th>
              <th scope="col" className="num">
                Max
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => {
              const slot = services.get(row.service);
              return (
                <tr
                  key={`${row.service}\u0000${row.name}`}
                  data-testid={TRACE_TOOLS.statsRow}
                  data-service={row.service}
                  data-name={row.name}
                >
                  <td>
                    <span
                      className={`trace-stats-swatch${slot === undefined ? "" : ` service-${slot}`}`}
                      aria-hidden="true"
                    />
                    {row.service}
                  </td>
                  <td className="trace-stats-name">{row.name}</td>
                  <td className="num">
                    {formatCount(row.count)}
                    {row.timed < row.count && (
                      <span
                        className="trace-muted"
                        title="without a duration: in progress, or impossible times"
                      >
                        {" "}
                        ({formatCount(row.count - row.timed)} open)
                      </span>
                    )}
                  </td>
                  <td className="num">{time(row.total)}</td>
                  <td className="num">{time(row.self)}</td>
                  <td className="num">{time(row.min)}</td>
                  <td className="num">{time(row.avg)}</td>
                  <td className="num">{time(row.max)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      {stats.length > shown.length && (
        <p className="trace-muted" data-testid={TRACE_TOOLS.statsMore}>
          Showing the first {formatCount(shown.length)} of {formatCount(stats.length)} rows.
        </p>
      )}
    </section>
  );
}
