import { epochMillis } from "@xray-sandbox/segments";
import { useId, useState } from "react";
import { useSearchParams } from "react-router";
import { formatTimeOfDay } from "../format/time.ts";
import { GroupPicker } from "./GroupPicker.tsx";
import { MapDetailsPanel } from "./MapDetailsPanel.tsx";
import { MapLegend } from "./MapLegend.tsx";
import { type MapSelection, panelSubject } from "./panel-subject.ts";
import { SERVICE_MAP } from "./ServiceMap.markers.ts";
import { ServiceMapCanvas } from "./ServiceMapCanvas.tsx";
import { parseTimeRange, TIME_RANGES, type TimeRangeKey } from "./time-range.ts";
import { useMapRefresh } from "./use-map-refresh.ts";
import { useServiceGraph } from "./use-service-graph.ts";
import "./service-map.css";

/** `/map?range=&group=`: the services of the kept traces and the calls between them. */
export function ServiceMapPage() {
  const [params, setParams] = useSearchParams();
  const rangeId = useId();
  const range = parseTimeRange(params.get("range"));
  const group = params.get("group") ?? undefined;
  const { signal, udpAddress, unreachable } = useMapRefresh();
  const [reloads, setReloads] = useState(0);
  const { graph, error, loading, updatedAt } = useServiceGraph({ range, group }, signal + reloads);

  const update = (key: "range" | "group", value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined) next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  const [selected, setSelected] = useState<MapSelection | undefined>(undefined);

  return (
    <main className="map-page" data-testid={SERVICE_MAP.root}>
      <header className="map-toolbar">
        <h1>Service map</h1>
        <span className="map-field">
          <label htmlFor={rangeId}>Time range</label>
          <select
            id={rangeId}
            value={range}
            data-testid={SERVICE_MAP.range}
            onChange={(event) => {
              const value = event.target.value as TimeRangeKey;
              update("range", value === "all" ? undefined : value);
            }}
          >
            {TIME_RANGES.map((option) => (
              <option key={option.key} value={option.key}>
                {option.label}
              </option>
            ))}
          </select>
        </span>
        <GroupPicker
          value={group}
          onChange={(value) => update("group", value)}
          testId={SERVICE_MAP.group}
        />
        <span className="map-updated">
          {loading && graph === undefined
            ? "Loading…"
            : updatedAt === undefined
              ? ""
              : `Updated ${formatTimeOfDay(epochMillis(updatedAt)).slice(0, 8)}`}
        </span>
        <button
          type="button"
          className="action-button"
          data-testid={SERVICE_MAP.reload}
          onClick={() => setReloads((n) => n + 1)}
          title="The map also reloads by itself as traces arrive"
        >
          Reload
        </button>
      </header>
      <div className="map-body">
        <section className="map-main" aria-label="Map">
          {unreachable ? (
            <p className="map-error" role="alert" data-testid={SERVICE_MAP.error}>
              Cannot reach the daemon at {window.location.host}: the map shows what it had, and
              reloads once the daemon answers again.
            </p>
          ) : (
            error !== undefined && (
              <p className="map-error" role="alert" data-testid={SERVICE_MAP.error}>
                Could not load the service map: {error}
              </p>
            )
          )}
          {graph !== undefined && graph.services.length > 0 ? (
            <ServiceMapCanvas
              graph={graph}
              selectedId={selected?.id}
              layoutKey={`${range}\n${group ?? ""}`}
              onOpenService={(service) => setSelected({ kind: "service", id: service.id })}
              onOpenEdge={(edge) => setSelected({ kind: "edge", id: edge.id })}
            />
          ) : graph !== undefined ? (
            <EmptyMap scoped={range !== "all" || group !== undefined} udpAddress={udpAddress} />
          ) : null}
        </section>
        {selected === undefined || graph === undefined ? (
          <MapLegend />
        ) : (
          <MapDetailsPanel
            key={`${selected.kind}:${selected.id}`}
            subject={panelSubject(graph, selected)}
            onClose={() => setSelected(undefined)}
          />
        )}
      </div>
    </main>
  );
}

function EmptyMap({ scoped, udpAddress }: { scoped: boolean; udpAddress: string | undefined }) {
  return (
    <div className="map-empty" data-testid={SERVICE_MAP.empty}>
      <h2>No services yet</h2>
      {scoped ? (
        <p>
          No trace in this time range or group. Pick "Everything kept" or the Default group to see
          every service the sandbox knows.
        </p>
      ) : (
        <p>The map draws itself from the traces the sandbox receives. To get some:</p>
      )}
      <ol>
        <li>
          Point your service's X-Ray SDK at the sandbox:{" "}
          <code>AWS_XRAY_DAEMON_ADDRESS={sdkAddress(udpAddress, window.location.host)}</code>
        </li>
        <li>Send it a request that the SDK traces.</li>
        <li>
          Or start the teaching example with traffic: <code>pnpm demo</code>
        </li>
      </ol>
      <p className="map-muted">New services appear here within a couple of seconds.</p>
    </div>
  );
}

/** One `host:port` when segments (UDP) and sampling (HTTP) share it, else both, as SDKs read it. */
function sdkAddress(udp: string | undefined, http: string): string {
  if (udp === undefined || udp === http) return http;
  return `"udp:${udp} tcp:${http}"`;
}
