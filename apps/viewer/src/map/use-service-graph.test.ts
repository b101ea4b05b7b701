// @vitest-environment happy-dom
import { cleanup, renderHook, waitFor } from "@testing-library/react";
import type { ServiceGraph } from "@xray-sandbox/segments";
import { afterEach, expect, it, vi } from "vitest";
import { useServiceGraph } from "./use-service-graph.ts";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function graph(names: string[]): ServiceGraph {
  return {
    StartTime: 0 as ServiceGraph["StartTime"],
    EndTime: 0 as ServiceGraph["EndTime"],
    ContainsOldGroupVersions: false,
    Services: names.map((name, index) => ({
      ReferenceId: index,
      Name: name,
      Names: [name],
      Root: index === 0,
      Type: "AWS::EC2::Instance",
      State: "active",
      StartTime: 0 as ServiceGraph["StartTime"],
      EndTime: 0 as ServiceGraph["EndTime"],
      Edges: [],
      SummaryStatistics: {
        OkCount: 1,
        ErrorStatistics: { ThrottleCount: 0, OtherCount: 0, TotalCount: 0 },
        FaultStatistics: { OtherCount: 0, TotalCount: 0 },
        TotalCount: 1,
        TotalResponseTime: 0.1,
      },
      DurationHistogram: [],
      ResponseTimeHistogram: [{ Value: 0.1, Count: 1 }],
      ResponseTimePercentiles: { P50: 0.1, P90: 0.1, P99: 0.1 },
    })),
  };
}

/** A fetch whose answers the test releases one by one, as a slow daemon would send them. */
function slowDaemon() {
  const waiting: (() => void)[] = [];
  let answered = 0;
  const fetch = vi.fn(
    () =>
      new Promise<Response>((resolve) => {
        waiting.push(() => {
          answered++;
          resolve(Response.json(graph(Array.from({ length: answered }, (_, i) => `s${i}`))));
        });
      }),
  );
  return { fetch, answerNext: () => waiting.shift()?.() };
}

it("asks once more after a slow answer, however many refreshes came meanwhile", async () => {
  const daemon = slowDaemon();
  vi.stubGlobal("fetch", daemon.fetch);
  const { result, rerender } = renderHook(
    ({ refresh }) => useServiceGraph({ range: "all", group: undefined }, refresh),
    { initialProps: { refresh: 0 } },
  );
  expect(daemon.fetch).toHaveBeenCalledTimes(1);
  rerender({ refresh: 1 });
  rerender({ refresh: 2 });
  rerender({ refresh: 3 });
  expect(daemon.fetch).toHaveBeenCalledTimes(1);

  daemon.answerNext();
  await waitFor(() => expect(result.current.graph?.services).toHaveLength(1));
  await waitFor(() => expect(daemon.fetch).toHaveBeenCalledTimes(2));
  daemon.answerNext();
  await waitFor(() => expect(result.current.graph?.services).toHaveLength(2));
  expect(result.current.graph?.services[0]?.statistics.percentiles).toEqual({
    P50: 0.1,
    P90: 0.1,
    P99: 0.1,
  });
  expect(daemon.fetch).toHaveBeenCalledTimes(2);

  rerender({ refresh: 4 });
  await waitFor(() => expect(daemon.fetch).toHaveBeenCalledTimes(3));
});

it("drops the request under way when the time range changes", async () => {
  const daemon = slowDaemon();
  vi.stubGlobal("fetch", daemon.fetch);
  const { result, rerender } = renderHook(
    ({ range }) => useServiceGraph({ range, group: undefined }, 0),
    { initialProps: { range: "all" as "all" | "5m" } },
  );
  rerender({ range: "5m" });
  expect(daemon.fetch).toHaveBeenCalledTimes(2);
  daemon.answerNext();
  daemon.answerNext();
  // The first answer (one service) was for the range left behind: only the second shows.
  await waitFor(() => expect(result.current.graph?.services).toHaveLength(2));
  expect(result.current.loading).toBe(false);
});
