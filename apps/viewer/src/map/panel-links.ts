import type { ServiceGraphPercentiles } from "@xray-sandbox/segments";
import type { CallCounts } from "./health-ring.ts";

/** A link from the details panel to the trace list, with the filter it writes. */
export interface PanelLink {
  readonly label: string;
  readonly filter: string;
}

/**
 * The trace lists a node or edge leads to: all its traces, those where it failed (only
 * outcomes it had), and those where it was at least as slow as its p90; each is `selector`
 * (`service(...)` or `edge(...)`) with a body, so the filter bar teaches the language.
 */
export function panelLinks(
  selector: string,
  counts: CallCounts,
  percentiles: ServiceGraphPercentiles | undefined,
): PanelLink[] {
  const links: PanelLink[] = [{ label: "All its traces", filter: selector }];
  if (counts.fault > 0) links.push({ label: "With a fault", filter: `${selector} { fault }` });
  if (counts.error + counts.throttle > 0) {
    links.push({ label: "With an error", filter: `${selector} { error }` });
  }
  if (percentiles !== undefined && percentiles.P90 > 0) {
    const millis = Math.floor(percentiles.P90 * 1000);
    links.push({
      label: "p90 or slower",
      filter: `${selector} { responsetime >= ${secondsLiteral(millis)} }`,
    });
  }
  return links;
}

/** Whole milliseconds as a seconds literal: `0.12`, `1.5`, `3`. */
function secondsLiteral(millis: number): string {
  return String(millis / 1000);
}
