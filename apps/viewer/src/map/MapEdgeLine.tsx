import type { KeyboardEvent } from "react";
import { formatCount } from "../format/count.ts";
import { formatDuration } from "../format/duration.ts";
import { worstStatus } from "./health-ring.ts";
import type { EdgePath } from "./layout-graph.ts";
import { EDGE_LABEL_HEIGHT, EDGE_LABEL_WIDTH, edgePathData } from "./map-geometry.ts";
import { mapEdgeTestId } from "./ServiceMap.markers.ts";
import type { MapEdge } from "./service-map-model.ts";

interface MapEdgeProps {
  edge: MapEdge;
  path: EdgePath;
  onOpen: (edge: MapEdge) => void;
}

function edgeText(edge: MapEdge): string {
  const { requests, averageLatency } = edge.statistics;
  if (requests === 0 || averageLatency === undefined) return "in progress";
  return `${formatCount(requests)} req · ${formatDuration(averageLatency)}`;
}

/**
 * The arrow of a call from one service to another, drawn beneath the nodes. Clicking it opens
 * the calls' traces; keyboard users reach the same link through its label.
 */
export function MapEdgeLine({ edge, path, onOpen }: MapEdgeProps) {
  const status = worstStatus(edge.statistics.counts);
  const d = edgePathData(path.points);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: keyboard users reach this link through the edge's label
    <g className={`map-edge map-edge-${status}`} onClick={() => onOpen(edge)}>
      <path className="map-edge-hit" d={d} />
      <path className="map-edge-line" d={d} markerEnd={`url(#map-arrow-${status})`} />
    </g>
  );
}

interface MapEdgeLabelProps extends MapEdgeProps {
  fromName: string;
  toName: string;
}

/** Requests and average latency of a call, drawn above the nodes; a link to its traces. */
export function MapEdgeLabel({ edge, path, fromName, toName, onOpen }: MapEdgeLabelProps) {
  const status = worstStatus(edge.statistics.counts);
  const text = edgeText(edge);
  const width = Math.min(EDGE_LABEL_WIDTH, text.length * 6.4 + 16);
  const onKeyDown = (event: KeyboardEvent<SVGGElement>) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onOpen(edge);
    }
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be an <a> with a router link
    <g
      className={`map-edge-label map-edge-${status}`}
      role="link"
      tabIndex={0}
      aria-label={`Calls from ${fromName} to ${toName}: ${text}. Show their traces.`}
      data-testid={mapEdgeTestId(fromName, toName)}
      onClick={() => onOpen(edge)}
      onKeyDown={onKeyDown}
    >
      <title>{`${fromName} → ${toName}\n${text}`}</title>
      <rect
        className="map-edge-label-box"
        x={path.label.x - width / 2}
        y={path.label.y - EDGE_LABEL_HEIGHT / 2}
        width={width}
        height={EDGE_LABEL_HEIGHT}
        rx={EDGE_LABEL_HEIGHT / 2}
      />
      <text x={path.label.x} y={path.label.y} textAnchor="middle" dominantBaseline="central">
        {text}
      </text>
    </g>
  );
}
