import type { KeyboardEvent } from "react";
import { formatCount } from "../format/count.ts";
import { formatDuration } from "../format/duration.ts";
import { worstStatus } from "./health-ring.ts";
import type { EdgePath } from "./layout-graph.ts";
import { EDGE_LABEL_HEIGHT, EDGE_LABEL_WIDTH, edgePathData } from "./map-geometry.ts";
import { describeMix, strokeParts } from "./outcome-mix.ts";
import { mapEdgeTestId, SERVICE_MAP } from "./ServiceMap.markers.ts";
import type { MapEdge } from "./service-map-model.ts";

interface MapEdgeProps {
  edge: MapEdge;
  path: EdgePath;
  onOpen: (edge: MapEdge) => void;
}

/** Each stretch of the line is drawn over the whole path, dashed to show only its share. */
const PATH_LENGTH = 1000;

function edgeText(edge: MapEdge): string {
  const { requests, averageLatency } = edge.statistics;
  if (requests === 0 || averageLatency === undefined) return "in progress";
  return `${formatCount(requests)} req · ${formatDuration(averageLatency)}`;
}

/**
 * The arrow of a call from one service to another, drawn beneath the nodes: its line is split
 * by outcome in proportion to the requests (faults, throttles and errors from the caller's
 * end, then ok), so a few faults among many requests show as a short red stretch, not a red
 * line. The arrowhead sits on a path of its own, its size independent of the stretches'. Clicking it opens the call's details; keyboard users reach the
 * same through its label.
 */
export function MapEdgeLine({ edge, path, onOpen }: MapEdgeProps) {
  const parts = strokeParts(edge.statistics.counts);
  const d = edgePathData(path.points);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: keyboard users reach this button through the edge's label
    <g
      className="map-edge"
      data-testid={SERVICE_MAP.edgeLine}
      data-edge-id={edge.id}
      data-mix={parts.map((part) => `${part.status}:${(part.to - part.from).toFixed(3)}`).join(" ")}
      onClick={() => onOpen(edge)}
    >
      <path className="map-edge-hit" d={d} />
      {parts.length === 0 ? (
        <path className="map-edge-line map-edge-line-none" d={d} />
      ) : (
        parts.map((part) => (
          <path
            key={part.status}
            className={`map-edge-line map-edge-line-${part.status}`}
            d={d}
            pathLength={PATH_LENGTH}
            strokeDasharray={`0 ${part.from * PATH_LENGTH} ${(part.to - part.from) * PATH_LENGTH} ${PATH_LENGTH}`}
          />
        ))
      )}
      <path className="map-edge-head" d={d} markerEnd="url(#map-arrow)" />
    </g>
  );
}

interface MapEdgeLabelProps extends MapEdgeProps {
  fromName: string;
  toName: string;
  selected?: boolean;
}

/** Requests and average latency of a call, drawn above the nodes; opens the call's details. */
export function MapEdgeLabel({
  edge,
  path,
  fromName,
  toName,
  selected = false,
  onOpen,
}: MapEdgeLabelProps) {
  const status = worstStatus(edge.statistics.counts);
  const text = edgeText(edge);
  const mix = describeMix(edge.statistics.counts);
  const width = Math.min(EDGE_LABEL_WIDTH, text.length * 6.4 + 16);
  const onKeyDown = (event: KeyboardEvent<SVGGElement>) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onOpen(edge);
    }
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>
    <g
      className={`map-edge-label map-edge-${status}${selected ? " map-edge-selected" : ""}`}
      role="button"
      aria-pressed={selected}
      tabIndex={0}
      aria-label={`Calls from ${fromName} to ${toName}: ${text}; ${mix}. Show their details.`}
      data-testid={mapEdgeTestId(fromName, toName)}
      onClick={() => onOpen(edge)}
      onKeyDown={onKeyDown}
    >
      <title>{`${fromName} → ${toName}\n${text}\n${mix}`}</title>
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
