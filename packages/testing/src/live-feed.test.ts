import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import type { LiveBounds } from "@xray-sandbox/segments";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Daemon, type DaemonOptions, startDaemon } from "xray-sandbox";
import { runNode } from "../test/support/run-process.ts";
import { datagram, errorRequest, newTraceId, userRequest } from "../test/support/segments.ts";
import { sendDatagrams } from "../test/support/udp.ts";
import { SandboxApiError, SandboxUnreachableError } from "./errors.ts";
import type { TraceRecord } from "./records.ts";
import { connectSandbox, type SandboxClient } from "./sandbox-client.ts";
import { startSandbox } from "./start-sandbox.ts";

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const daemons: Daemon[] = [];

afterEach(async () => {
  await Promise.all(daemons.splice(0).map((daemon) => daemon.close()));
});

async function daemon(
  tcpPort = 0,
  liveBounds: Partial<LiveBounds> | undefined = undefined,
): Promise<Daemon> {
  const options: DaemonOptions = liveBounds ? { liveBounds } : {};
  const started = await startDaemon(
    {
      udp: { host: "127.0.0.1", port: 0 },
      tcp: { host: "127.0.0.1", port: tcpPort },
      logLevel: "silent",
    },
    options,
  );
  daemons.push(started);
  return started;
}

function sendTo(target: Daemon, ...documents: Record<string, unknown>[]): Promise<void> {
  return sendDatagrams(`127.0.0.1:${target.udpAddress.port}`, documents.map(datagram));
}

async function liveClients(client: SandboxClient): Promise<number> {
  return (await client.stats()).live.clients;
}

const withId = (id: string) => (trace: TraceRecord) => trace.id === id;

describe("the live subscription of a sandbox handle", () => {
  it("is one WebSocket for every pending wait, closed once none is pending", async () => {
    const target = await daemon();
    const client = await connectSandbox(target.url);
    const ids = Array.from({ length: 10 }, () => newTraceId());
    const waits = ids.map((id) => client.waitForTrace(withId(id)));
    // Started last, resolved only after the ten above have subscribed.
    const marker = newTraceId();
    const markerWait = client.waitForTrace(withId(marker), { settle: false });
    await sendTo(target, userRequest(marker));
    await markerWait;
    expect(await liveClients(client)).toBe(1);

    await sendTo(target, ...ids.map((id) => errorRequest(id)));
    expect((await Promise.all(waits)).map((trace) => trace.id)).toEqual(ids);
    await vi.waitFor(async () => expect(await liveClients(client)).toBe(0), {
      interval: 50,
      timeout: 10_000,
    });
  });

  it("re-reads over HTTP when the daemon had to drop changes for it (resync)", async () => {
    const target = await daemon(0, { maxPendingTraces: 1 });
    const client = await connectSandbox(target.url);
    const ids = Array.from({ length: 60 }, () => newTraceId());
    const wanted = ids[30] ?? "";
    const waiting = client.waitForTrace(withId(wanted));
    const marker = newTraceId();
    await sendTo(target, userRequest(marker));
    await client.waitForTrace(withId(marker), { settle: false });

    await sendTo(target, ...ids.map((id) => userRequest(id)));
    expect((await waiting).id).toBe(wanted);
    expect((await client.stats()).live.resyncsSent).toBeGreaterThan(0);
  });

  it("reconnects when the daemon restarts, and finds a trace sent to the new one", async () => {
    const first = await daemon();
    const client = await connectSandbox(first.url);
    const traceId = newTraceId();
    const waiting = client.waitForTrace(withId(traceId), { timeout: 15_000 });
    const marker = newTraceId();
    await sendTo(first, userRequest(marker));
    await client.waitForTrace(withId(marker), { settle: false });

    await first.close();
    daemons.splice(daemons.indexOf(first), 1);
    const second = await daemon(first.httpAddress.port);
    await sendTo(second, errorRequest(traceId));
    expect((await waiting).id).toBe(traceId);
  });

  it("makes a wait fail with the daemon's reason when it refuses the stream", async () => {
    const full = await daemon(0, { maxClients: 0 });
    const client = await connectSandbox(full.url);
    const error = await client.waitForTrace("fault").catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(SandboxApiError);
    expect((error as Error).message).toBe(
      `the live stream at ws://127.0.0.1:${full.httpAddress.port}/api/live refused the connection with 503: the live stream has its maximum of 0 clients; close another viewer tab`,
    );
  });

  it("rejects pending waits when the handle is closed", async () => {
    const sandbox = await startSandbox();
    const waiting = sandbox.waitForTrace("fault", { timeout: 60_000 });
    const marker = newTraceId();
    await sendDatagrams(sandbox.udpAddress, [datagram(userRequest(marker))]);
    await sandbox.waitForTrace(withId(marker), { settle: false });
    const outcome = waiting.catch((reason: unknown) => reason);
    await sandbox.close();
    const error = await outcome;
    expect(error).toBeInstanceOf(SandboxUnreachableError);
    expect((error as Error).message).toMatch(/^the sandbox handle was closed: /);
  });

  it("does not keep a process alive once its waits are done", async () => {
    const target = await daemon();
    const id = newTraceId();
    const payload = new TextDecoder().decode(datagram(userRequest(id)));
    // Neither close() nor exit(): the process ends when nothing keeps it alive.
    const script = `
      import { createSocket } from "node:dgram";
      import { connectSandbox } from "./src/index.ts";
      const client = await connectSandbox(${JSON.stringify(target.url)});
      const waiting = client.waitForTrace((trace) => trace.id === ${JSON.stringify(id)});
      const socket = createSocket("udp4");
      socket.send(${JSON.stringify(payload)}, ${target.udpAddress.port}, "127.0.0.1", () => socket.close());
      console.log(\`found \${(await waiting).id}\`);
    `;
    const { code, stdout, stderr } = await runNode([
      "--import",
      tsxLoader,
      "--input-type=module",
      "--eval",
      script,
    ]);
    expect(stderr).toBe("");
    expect(stdout).toBe(`found ${id}\n`);
    expect(code).toBe(0);
  });
});
