import type { MapGraph, MapStatistics } from "./service-map-model.ts";

export interface PanelSubject {
  readonly kind: "service" | "edge";
  readonly title: string;
  /** The type and flags of a service, the direction of an edge. */
  readonly subtitle: string;
  readonly statistics: MapStatistics;
  /** `service(...)` or `edge(...)`: the filter of its traces. */
  readonly filter: string;
}

/** The node or edge whose details are open, by its stable id. */
export interface MapSelection {
  readonly kind: "service" | "edge";
  readonly id: string;
}

/** What the panel shows for `selection` in the latest graph; undefined once it left the map. */
export function panelSubject(graph: MapGraph, selection: MapSelection): PanelSubject | undefined {
  if (selection.kind === "service") {
    const service = graph.services.find((s) => s.id === selection.id);
    if (service === undefined) return undefined;
    return {
      kind: "service",
      title: service.name,
      subtitle: [service.type, service.inferred ? "inferred" : "", service.root ? "root" : ""]
        .filter(Boolean)
        .join(" · "),
      statistics: service.statistics,
      filter: service.filter,
    };
  }
  const edge = graph.edges.find((e) => e.id === selection.id);
  if (edge === undefined) return undefined;
  const names = new Map(graph.services.map((s) => [s.id, s.name]));
  const from = names.get(edge.from) ?? edge.from;
  const to = names.get(edge.to) ?? edge.to;
  return {
    kind: "edge",
    title: `${from} → ${to}`,
    subtitle: `Calls from ${from} to ${to}, as ${from} saw them`,
    statistics: edge.statistics,
    filter: edge.filter,
  };
}
