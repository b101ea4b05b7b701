import type { KeyboardEvent } from "react";
import { countOf } from "../format/count.ts";
import { formatDuration } from "../format/duration.ts";
import { ringSegments } from "./health-ring.ts";
import type { NodeBox } from "./layout-graph.ts";
import { RING_RADIUS, RING_WIDTH, truncate } from "./map-geometry.ts";
import { mapNodeTestId } from "./ServiceMap.markers.ts";
import type { MapService } from "./service-map-model.ts";
import { serviceTypeLook } from "./service-type.ts";

interface MapNodeProps {
  service: MapService;
  box: NodeBox;
  selected?: boolean;
  onOpen: (service: MapService) => void;
}

const CIRCUMFERENCE = 2 * Math.PI * RING_RADIUS;

/** One service: health ring with the type badge, name, type, requests and average latency. */
export function MapNode({ service, box, selected = false, onOpen }: MapNodeProps) {
  const look = serviceTypeLook(service.type);
  const { counts, requests, averageLatency } = service.statistics;
  const segments = ringSegments(counts);
  const cx = box.x + 8 + RING_RADIUS + RING_WIDTH / 2;
  const cy = box.y + box.h / 2;
  const textX = cx + RING_RADIUS + RING_WIDTH / 2 + 12;
  const kind = [service.type, service.inferred ? "inferred" : "", service.root ? "root" : ""]
    .filter(Boolean)
    .join(" · ");
  const numbers =
    requests === 0
      ? "no completed request"
      : `${countOf(requests, "request")}${averageLatency === undefined ? "" : ` · avg ${formatDuration(averageLatency)}`}`;
  const health = segments.map((s) => `${s.count} ${s.status}`).join(", ");
  const shown = {
    name: truncate(service.name, 22),
    kind: truncate(kind, 30),
    numbers: truncate(numbers, 30),
  };
  // The accessible name starts with the node's visible words, in the order they are drawn
  // (the spaces between the texts below keep those words apart in the link's text).
  const label = [
    `${look.badge} ${shown.name}, ${shown.kind}, ${shown.numbers}.`,
    shown.name === service.name ? "" : ` Full name: ${service.name}.`,
    ` ${look.description}${service.inferred ? " (inferred)" : ""}`,
    health ? `, ${health}` : "",
    ". Show its details.",
  ].join("");

  const onKeyDown = (event: KeyboardEvent<SVGGElement>) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onOpen(service);
    }
  };

  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>
    <g
      className={`map-node${service.inferred ? " map-node-inferred" : ""}${
        service.root ? " map-node-root" : ""
      }${selected ? " map-node-selected" : ""}`}
      role="button"
      aria-pressed={selected}
      tabIndex={0}
      aria-label={label}
      data-testid={mapNodeTestId(service.name)}
      data-service-type={service.type}
      onClick={() => onOpen(service)}
      onKeyDown={onKeyDown}
    >
      <title>{`${service.name}\n${service.type}${service.inferred ? " (inferred)" : ""}\n${numbers}`}</title>
      <rect className="map-node-box" x={box.x} y={box.y} width={box.w} height={box.h} rx={10} />
      <circle className="map-ring-empty" cx={cx} cy={cy} r={RING_RADIUS} strokeWidth={RING_WIDTH} />
      {segments.map((segment) => (
        <circle
          key={segment.status}
          className={`map-ring map-ring-${segment.status}`}
          cx={cx}
          cy={cy}
          r={RING_RADIUS}
          strokeWidth={RING_WIDTH}
          strokeDasharray={`${segment.share * CIRCUMFERENCE} ${CIRCUMFERENCE}`}
          strokeDashoffset={-segment.start * CIRCUMFERENCE}
          transform={`rotate(-90 ${cx} ${cy})`}
        />
      ))}
      <text className="map-node-badge" x={cx} y={cy} textAnchor="middle" dominantBaseline="central">
        {look.badge}
      </text>{" "}
      <text className="map-node-name" x={textX} y={box.y + 21}>
        {shown.name}
      </text>{" "}
      <text className="map-node-kind" x={textX} y={box.y + 38}>
        {shown.kind}
      </text>{" "}
      <text className="map-node-numbers" x={textX} y={box.y + 54}>
        {shown.numbers}
      </text>
    </g>
  );
}
