import type { TraceListBody } from "@xray-sandbox/segments";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import { getJson, startTestDaemon, waitForReceived } from "./support/daemon.ts";
import { segmentDatagram, traceId } from "./support/segments.ts";
import { sendDatagrams } from "./support/udp.ts";

/** `group.name = "g"` means the same thing in every place that takes a filter. */
describe("group filters over the sandbox API", () => {
  let daemon: Daemon;

  beforeAll(async () => {
    daemon = await startTestDaemon();
    const created = await fetch(`${daemon.url}/CreateGroup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ GroupName: "checkout", FilterExpression: 'name = "checkout"' }),
    });
    expect(created.status).toBe(200);
    await sendDatagrams(daemon.udpAddress, [
      segmentDatagram(1, "checkout"),
      segmentDatagram(2, "catalog"),
      segmentDatagram(3, "checkout"),
    ]);
    await waitForReceived(daemon, 3);
  });

  afterAll(async () => {
    await daemon?.close();
  });

  it("GET /api/traces resolves the group's filter", async () => {
    const filter = encodeURIComponent('group.name = "checkout"');
    const body = await getJson<TraceListBody>(daemon, `/api/traces?filter=${filter}`);
    expect(body.traces.map((trace) => trace.id)).toEqual([traceId(3), traceId(1)]);
    expect(body.total).toBe(2);
  });

  it("GET /api/export resolves the group's filter", async () => {
    const filter = encodeURIComponent('group.name = "checkout"');
    const response = await fetch(`${daemon.url}/api/export?filter=${filter}`);
    const lines = (await response.text()).trim().split("\n");
    expect(lines.map((line) => (JSON.parse(line) as { traceId: string }).traceId)).toEqual([
      traceId(1),
      traceId(3),
    ]);
  });

  it("an unknown group matches nothing", async () => {
    const filter = encodeURIComponent('group.name = "nope"');
    const body = await getJson<TraceListBody>(daemon, `/api/traces?filter=${filter}`);
    expect(body.total).toBe(0);
  });
});
