import {
  type ApiErrorBody,
  MAX_EXPANDED_FILTER_TERMS,
  MAX_FILTER_CHARS,
  MAX_FILTER_TERMS,
  type TraceListBody,
} from "@xray-sandbox/segments";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import { fetchStats, getJson, startTestDaemon } from "./support/daemon.ts";
import { openLive } from "./support/live.ts";
import { hex, traceId } from "./support/segments.ts";

const TRACES = 2_000;
/** Every trace carries `annotation.mod = n % 10`: a tenth of them match `annotation.mod = 3`. */
const MATCHING = TRACES / 10;

function document(n: number): string {
  const start = 1_780_000_000 + n;
  return JSON.stringify({
    name: `service-${n % 7}`,
    id: hex(0xabc0000000 + n, 16),
    trace_id: traceId(n),
    start_time: start,
    end_time: start + 0.25,
    annotations: { mod: n % 10 },
  });
}

async function post(daemon: Daemon, path: string, body: unknown): Promise<Response> {
  return await fetch(`${daemon.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** 100 terms none of the traces match, then the one a tenth of them match. */
const BIG = [
  ...Array.from({ length: MAX_FILTER_TERMS - 1 }, (_, n) => `annotation.k${n} = ${n}`),
  "annotation.mod = 3",
].join(" OR ");

/** `times` references to group "big", each worth 101 terms: 9 of them, 909 (accepted). */
function namingBig(times: number): string {
  return Array.from({ length: times }, () => 'group.name = "big"').join(" OR ");
}

describe("filters over many traces", () => {
  let daemon: Daemon;

  beforeAll(async () => {
    daemon = await startTestDaemon({ maxTraces: 10_000 });
    const put = await post(daemon, "/TraceSegments", {
      TraceSegmentDocuments: Array.from({ length: TRACES }, (_, n) => document(n)),
    });
    expect(put.status).toBe(200);
    expect(daemon.store.traceIds()).toHaveLength(TRACES);
    expect(
      (await post(daemon, "/CreateGroup", { GroupName: "big", FilterExpression: BIG })).status,
    ).toBe(200);
  });

  afterAll(async () => {
    await daemon?.close();
  });

  it("serves other requests and timers between slices of a heavy filter, with the right answer", async () => {
    const before = (await fetchStats(daemon)).filters;
    // The heaviest filter accepted: 9 × 101 terms with the group expanded, none of which
    // match 9 traces in 10, over 2,000 traces.
    const filter = encodeURIComponent(namingBig(9));
    let finished = false;
    // Turns of the event loop taken while the scan was running (between its slices).
    let ticks = 0;
    const tick = () => {
      if (daemon.stats().filters.running > 0) ticks++;
      if (!finished) setImmediate(tick);
    };
    setImmediate(tick);
    const query = getJson<TraceListBody>(daemon, `/api/traces?filter=${filter}&limit=1000`).then(
      (body) => {
        finished = true;
        return { body, ticks };
      },
    );
    // Health checks one after another while the query runs.
    let healthAnswers = 0;
    while (!finished) {
      const response = await fetch(`${daemon.url}/api/health`);
      expect(response.status).toBe(200);
      await response.body?.cancel();
      if (daemon.stats().filters.running > 0) healthAnswers++;
    }
    const { body, ticks: ticksBeforeAnswer } = await query;

    expect(body.total).toBe(MATCHING);
    expect(body.traces.map((trace) => trace.id)).toEqual(
      Array.from({ length: TRACES }, (_, n) => TRACES - 1 - n)
        .filter((n) => n % 10 === 3)
        .map(traceId),
    );
    const after = (await fetchStats(daemon)).filters;
    const yields = after.yields - before.yields;
    // The scan yielded several times; the timer and the health checks ran in between.
    expect(yields).toBeGreaterThanOrEqual(3);
    expect(ticksBeforeAnswer).toBeGreaterThanOrEqual(3);
    expect(healthAnswers).toBeGreaterThanOrEqual(1);
    expect(after.scans - before.scans).toBe(1);
    expect(after.tracesScanned - before.tracesScanned).toBe(TRACES);
    expect(after.running).toBe(0);
  });

  it("GetTraceSummaries and export give the same traces, sliced too", async () => {
    const before = (await fetchStats(daemon)).filters;
    const response = await post(daemon, "/TraceSummaries", {
      // TimeRangeType TraceId: the time in the trace id.
      StartTime: 0x6a000000,
      EndTime: 0x6a000000 + TRACES,
      FilterExpression: namingBig(9),
    });
    expect(response.status).toBe(200);
    const summaries = (await response.json()) as {
      TraceSummaries: Array<{ Id: string }>;
      TracesProcessedCount: number;
    };
    expect(summaries.TracesProcessedCount).toBe(TRACES);
    expect(summaries.TraceSummaries).toHaveLength(100);
    expect(summaries.TraceSummaries[0]?.Id).toBe(traceId(1993));

    const exported = await fetch(
      `${daemon.url}/api/export?filter=${encodeURIComponent(namingBig(9))}`,
    );
    const lines = (await exported.text()).trim().split("\n");
    expect(lines).toHaveLength(MATCHING);
    expect((JSON.parse(lines[0] ?? "{}") as { traceId: string }).traceId).toBe(traceId(3));
    const after = (await fetchStats(daemon)).filters;
    expect(after.yields - before.yields).toBeGreaterThanOrEqual(2);
  });

  it("makes a live snapshot of a heavy filter in slices, then sends what changed meanwhile", async () => {
    const before = (await fetchStats(daemon)).filters;
    const live = await openLive(daemon.url);
    await live.expectNext("hello");
    await live.expectNext("snapshot");
    live.send({ type: "subscribe", filter: namingBig(9) });
    // Stored while the snapshot may still be scanning: it comes in a batch after it.
    const late = 1_000_000;
    const put = await post(daemon, "/TraceSegments", {
      TraceSegmentDocuments: [document(late + 3)],
    });
    expect(put.status).toBe(200);
    const snapshot = await live.expectNext("snapshot");
    expect(snapshot.total).toBeGreaterThanOrEqual(MATCHING);
    const ids = snapshot.summaries.map((summary) => summary.id);
    expect(ids.filter((id) => id !== traceId(late + 3))).toEqual(
      Array.from({ length: TRACES }, (_, n) => TRACES - 1 - n)
        .filter((n) => n % 10 === 3)
        .map(traceId),
    );
    if (!ids.some((id) => id === traceId(late + 3))) {
      const batch = await live.until(
        (message) =>
          message.type === "batch" &&
          message.upserts.some((summary) => summary.id === traceId(late + 3)),
      );
      expect(batch.type).toBe("batch");
    }
    await live.close();
    const after = (await fetchStats(daemon)).filters;
    expect(after.yields - before.yields).toBeGreaterThanOrEqual(3);
    expect(after.running).toBe(0);
  });

  it("answers a live subscription with the newest matches of a full scan, then the whole count", async () => {
    const query = encodeURIComponent("annotation.mod = 3");
    const full = await getJson<TraceListBody>(daemon, `/api/traces?filter=${query}&limit=1000`);
    // A tenth of the traces, and any added by the tests before this one.
    expect(full.total).toBeGreaterThanOrEqual(MATCHING);
    const live = await openLive(daemon.url);
    await live.expectNext("hello");
    await live.expectNext("snapshot");
    live.send({ type: "subscribe", filter: "annotation.mod = 3", limit: 50 });
    const snapshot = await live.expectNext("snapshot");
    expect(snapshot).toMatchObject({ filter: "annotation.mod = 3", total: 50, limit: 50 });
    expect(snapshot.counting).toBe(true);
    expect(snapshot.summaries.map((summary) => summary.id)).toEqual(
      full.traces.slice(0, 50).map((summary) => summary.id),
    );
    const count = await live.until((message) => message.type === "count");
    expect(count).toEqual({ type: "count", filter: "annotation.mod = 3", total: full.total });
    await live.close();
  });

  it("refuses a filter too large with its groups expanded, wherever it is given", async () => {
    const before = (await fetchStats(daemon)).filters.refusedForSize;
    const source = `ok OR ${namingBig(10)}`;
    const tenth = "ok OR ".length + 9 * 'group.name = "big" OR '.length;
    const message = `the filter has more than ${MAX_EXPANDED_FILTER_TERMS} terms with its groups expanded, through group "big" at line 1, column ${tenth + 1}`;

    const traces = await fetch(`${daemon.url}/api/traces?filter=${encodeURIComponent(source)}`);
    expect(traces.status).toBe(400);
    expect(((await traces.json()) as ApiErrorBody).error).toMatchObject({
      code: "INVALID_FILTER",
      message,
      offset: tenth,
      limit: "expanded-terms",
    });

    const summaries = await post(daemon, "/TraceSummaries", {
      StartTime: 0,
      EndTime: 2_000_000_000,
      FilterExpression: source,
    });
    expect(summaries.status).toBe(400);
    expect(await summaries.json()).toMatchObject({
      message: `invalid FilterExpression: ${message}`,
    });

    const exported = await fetch(`${daemon.url}/api/export?filter=${encodeURIComponent(source)}`);
    expect(exported.status).toBe(400);

    const live = await openLive(daemon.url);
    await live.expectNext("hello");
    await live.expectNext("snapshot");
    live.send({ type: "subscribe", filter: source });
    expect(await live.expectNext("error")).toMatchObject({
      code: "INVALID_FILTER",
      filterError: { message, limit: "expanded-terms" },
    });
    await live.close();

    const created = await post(daemon, "/CreateGroup", {
      GroupName: "ten",
      FilterExpression: source,
    });
    expect(created.status).toBe(400);
    expect(await created.json()).toMatchObject({ message: `invalid FilterExpression: ${message}` });

    expect(
      (await post(daemon, "/CreateGroup", { GroupName: "two", FilterExpression: "ok" })).status,
    ).toBe(200);
    const updated = await post(daemon, "/UpdateGroup", {
      GroupName: "two",
      FilterExpression: source,
    });
    expect(updated.status).toBe(400);
    expect(await updated.json()).toMatchObject({ message: `invalid FilterExpression: ${message}` });
    expect((await post(daemon, "/DeleteGroup", { GroupName: "two" })).status).toBe(200);

    // The 10,000-term filter: refused for its length, at the first character past it.
    const huge = Array.from({ length: 10_000 }, (_, n) => `annotation.k${n} = ${n}`).join(" OR ");
    const refused = await post(daemon, "/TraceSummaries", {
      StartTime: 0,
      EndTime: 2_000_000_000,
      FilterExpression: huge,
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      message: `invalid FilterExpression: the filter is ${huge.length} characters long, over the limit of ${MAX_FILTER_CHARS} at line 1, column ${MAX_FILTER_CHARS + 1}`,
    });

    // Five refusals for size here (the groups' are the registry's, not counted as queries).
    expect((await fetchStats(daemon)).filters.refusedForSize - before).toBe(5);
  });
});
