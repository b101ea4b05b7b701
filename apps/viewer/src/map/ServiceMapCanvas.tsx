import { type KeyboardEvent, type PointerEvent, useEffect, useMemo, useRef, useState } from "react";
import { type GraphLayout, layoutGraph } from "./layout-graph.ts";
import { MapEdgeLabel, MapEdgeLine } from "./MapEdgeLine.tsx";
import { MapNode } from "./MapNode.tsx";
import { EDGE_LABEL_HEIGHT, EDGE_LABEL_WIDTH, NODE_HEIGHT, NODE_WIDTH } from "./map-geometry.ts";
import { fitView, panBy, type ViewTransform, wheelZoomFactor, zoomAt } from "./pan-zoom.ts";
import { SERVICE_MAP } from "./ServiceMap.markers.ts";
import type { MapEdge, MapGraph, MapService } from "./service-map-model.ts";
import { keepPlaces } from "./stable-layout.ts";

interface ServiceMapCanvasProps {
  graph: MapGraph;
  /** The node or edge whose details are open. */
  selectedId?: string | undefined;
  /** When this changes (another time range or group), the map is laid out afresh. */
  layoutKey?: string;
  onOpenService: (service: MapService) => void;
  onOpenEdge: (edge: MapEdge) => void;
}

const BUTTON_ZOOM = 1.25;
const KEY_PAN = 60;

/** Nodes and edges move only when services or calls come or go, not when counts change. */
function structureKey(graph: MapGraph): string {
  return JSON.stringify([graph.services.map((s) => s.id), graph.edges.map((e) => e.id)]);
}

/**
 * The map drawn in SVG. Drag the background or use the arrow keys to pan; the wheel, the
 * buttons or +/- zoom; 0 or "Fit" shows everything. Nodes and edges are buttons: Tab to them,
 * Enter opens their details.
 */
export function ServiceMapCanvas({
  graph,
  selectedId,
  layoutKey = "",
  onOpenService,
  onOpenEdge,
}: ServiceMapCanvasProps) {
  const structure = structureKey(graph);
  /** The layout drawn last: services that stay keep their places in the next one. */
  const drawn = useRef<{ key: string; layout: GraphLayout } | undefined>(undefined);
  const [arrangements, setArrangements] = useState(0);
  const key = `${layoutKey}\n${arrangements}`;
  const layout = useMemo(() => {
    const fresh = layoutGraph({
      nodes: graph.services.map((s) => ({ id: s.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
      edges: graph.edges.map((e) => ({
        id: e.id,
        from: e.from,
        to: e.to,
        labelWidth: EDGE_LABEL_WIDTH,
        labelHeight: EDGE_LABEL_HEIGHT,
      })),
    });
    const previous = drawn.current?.key === key ? drawn.current.layout : undefined;
    const next = keepPlaces(previous, fresh);
    drawn.current = { key, layout: next };
    return next;
  }, [structure, key]);
  const svgRef = useRef<SVGSVGElement>(null);
  const [view, setView] = useState<ViewTransform>({ x: 0, y: 0, k: 1 });
  /** Set once the user pans or zooms: new services then no longer re-fit the view. */
  const moved = useRef(false);
  const drag = useRef<{ pointer: number; x: number; y: number } | undefined>(undefined);

  const viewport = () => {
    const rect = svgRef.current?.getBoundingClientRect();
    return { width: rect?.width ?? 0, height: rect?.height ?? 0 };
  };
  const fit = () => {
    moved.current = false;
    setView(fitView(layout, viewport()));
  };
  const change = (next: (view: ViewTransform) => ViewTransform) => {
    moved.current = true;
    setView(next);
  };
  const zoomCentre = (factor: number) => {
    const { width, height } = viewport();
    change((v) => zoomAt(v, factor, { x: width / 2, y: height / 2 }));
  };

  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  const viewRef = useRef(view);
  viewRef.current = view;
  const fittedKey = useRef<string | undefined>(undefined);

  // A new arrangement is fitted to the view; a grown one only when it no longer fits, so
  // that the services already on screen stay where the user sees them.
  useEffect(() => {
    if (moved.current) return;
    const size = viewport();
    const first = fittedKey.current !== key;
    if (!first && fits(layout, viewRef.current, size)) return;
    fittedKey.current = key;
    setView(fitView(layout, size));
  }, [layout, key]);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      if (moved.current) return;
      const { width, height } = svg.getBoundingClientRect();
      setView(fitView(layoutRef.current, { width, height }));
    });
    observer.observe(svg);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = svg.getBoundingClientRect();
      const at = { x: event.clientX - rect.left, y: event.clientY - rect.top };
      moved.current = true;
      setView((v) => zoomAt(v, wheelZoomFactor(event.deltaY), at));
    };
    svg.addEventListener("wheel", onWheel, { passive: false });
    return () => svg.removeEventListener("wheel", onWheel);
  }, []);

  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if (event.button !== 0) return;
    const target = event.target;
    if (target instanceof Element && target.closest(".map-node, .map-edge, .map-edge-label"))
      return;
    drag.current = { pointer: event.pointerId, x: event.clientX, y: event.clientY };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const start = drag.current;
    if (start === undefined || start.pointer !== event.pointerId) return;
    const dx = event.clientX - start.x;
    const dy = event.clientY - start.y;
    drag.current = { ...start, x: event.clientX, y: event.clientY };
    change((v) => panBy(v, dx, dy));
  };
  const endDrag = () => {
    drag.current = undefined;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement)
      return;
    const pans: Record<string, [number, number]> = {
      ArrowLeft: [KEY_PAN, 0],
      ArrowRight: [-KEY_PAN, 0],
      ArrowUp: [0, KEY_PAN],
      ArrowDown: [0, -KEY_PAN],
    };
    const pan = pans[event.key];
    if (pan !== undefined) change((v) => panBy(v, pan[0], pan[1]));
    else if (event.key === "+" || event.key === "=") zoomCentre(BUTTON_ZOOM);
    else if (event.key === "-" || event.key === "_") zoomCentre(1 / BUTTON_ZOOM);
    else if (event.key === "0") fit();
    else return;
    event.preventDefault();
  };

  const names = new Map(graph.services.map((s) => [s.id, s.name]));
  const services = placed(graph.services, layout.nodes).sort(
    (a, b) => a.place.x - b.place.x || a.place.y - b.place.y,
  );
  const edges = placed(graph.edges, layout.edges).map(({ item, place }) => ({
    edge: item,
    path: place,
  }));

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: keys reach this frame from the nodes, edges and buttons inside it
    <div className="map-canvas" data-testid={SERVICE_MAP.canvas} onKeyDown={onKeyDown}>
      <div className="map-zoom" role="toolbar" aria-label="Zoom">
        <button
          type="button"
          onClick={() => zoomCentre(BUTTON_ZOOM)}
          data-testid={SERVICE_MAP.zoomIn}
          aria-label="Zoom in"
          title="Zoom in (+)"
        >
          +
        </button>
        <button
          type="button"
          onClick={() => zoomCentre(1 / BUTTON_ZOOM)}
          data-testid={SERVICE_MAP.zoomOut}
          aria-label="Zoom out"
          title="Zoom out (−)"
        >
          −
        </button>
        <button
          type="button"
          onClick={fit}
          data-testid={SERVICE_MAP.fit}
          title="Show the whole map (0)"
        >
          Fit
        </button>
        <button
          type="button"
          onClick={() => {
            moved.current = false;
            setArrangements((n) => n + 1);
          }}
          data-testid={SERVICE_MAP.rearrange}
          title="Lay the map out afresh; services that joined while it was open keep their places until then"
        >
          Re-arrange
        </button>
      </div>
      <svg
        ref={svgRef}
        className="map-svg"
        aria-label={`Service map: ${graph.services.length} services, ${graph.edges.length} connections. Drag or use the arrow keys to pan, + and − to zoom, 0 to fit.`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
      >
        <defs>
          <marker
            id="map-arrow"
            className="map-arrow"
            viewBox="0 0 10 10"
            refX={9}
            refY={5}
            markerWidth={7}
            markerHeight={7}
            orient="auto-start-reverse"
          >
            <path d="M0,0 L10,5 L0,10 z" />
          </marker>
        </defs>
        <g transform={`translate(${view.x} ${view.y}) scale(${view.k})`}>
          {edges.map(({ edge, path }) => (
            <MapEdgeLine key={edge.id} edge={edge} path={path} onOpen={onOpenEdge} />
          ))}
          {services.map(({ item: service, place: box }) => (
            <MapNode
              key={service.id}
              service={service}
              box={box}
              selected={service.id === selectedId}
              onOpen={onOpenService}
            />
          ))}
          {edges.map(({ edge, path }) => (
            <MapEdgeLabel
              key={edge.id}
              edge={edge}
              path={path}
              fromName={names.get(edge.from) ?? edge.from}
              toName={names.get(edge.to) ?? edge.to}
              selected={edge.id === selectedId}
              onOpen={onOpenEdge}
            />
          ))}
        </g>
      </svg>
    </div>
  );
}

/** The items the layout placed, in the order given. */
function placed<T extends { readonly id: string }, P>(
  items: readonly T[],
  places: ReadonlyMap<string, P>,
): { item: T; place: P }[] {
  const result: { item: T; place: P }[] = [];
  for (const item of items) {
    const place = places.get(item.id);
    if (place !== undefined) result.push({ item, place });
  }
  return result;
}

/** Every node of `layout` inside the viewport under `view`. */
function fits(
  layout: GraphLayout,
  view: ViewTransform,
  viewport: { readonly width: number; readonly height: number },
): boolean {
  if (viewport.width <= 0 || viewport.height <= 0) return true;
  for (const box of layout.nodes.values()) {
    const left = box.x * view.k + view.x;
    const top = box.y * view.k + view.y;
    const right = (box.x + box.w) * view.k + view.x;
    const bottom = (box.y + box.h) * view.k + view.y;
    if (left < 0 || top < 0 || right > viewport.width || bottom > viewport.height) return false;
  }
  return true;
}
