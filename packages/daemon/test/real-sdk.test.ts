/**
 * Two Express 5 services instrumented with the real aws-xray-sdk-core and -express send
 * their segments to the daemon over UDP; the test reads the trees the store assembled.
 */

import { once } from "node:events";
import type { Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import type { AssembledTrace, SegmentDocument, TraceNode } from "@xray-sandbox/segments";
import type { ErrorRequestHandler, Express, RequestHandler } from "express";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import { findNode, startTestDaemon, traceId } from "./support/daemon.ts";

type XRay = typeof import("aws-xray-sdk-core");

const TRACE_HEADER = "x-test-trace-id";
let daemon: Daemon;
const servers: Server[] = [];
let frontendUrl: string;

async function listen(app: Express): Promise<string> {
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  daemon = await startTestDaemon();

  // The SDK reads this when it loads, hence the dynamic imports below.
  process.env.AWS_XRAY_CONTEXT_MISSING = "IGNORE_ERROR";
  const { default: AWSXRay }: { default: XRay } = await import("aws-xray-sdk-core");
  const { default: xrayExpress } = await import("aws-xray-sdk-express");
  const { default: express } = await import("express");

  const quiet = () => {};
  AWSXRay.setLogger({ error: quiet, warn: quiet, info: quiet, debug: quiet });
  AWSXRay.setDaemonAddress(daemon.sdkAddress);
  AWSXRay.middleware.disableCentralizedSampling();
  AWSXRay.middleware.setSamplingRules({ version: 2, default: { fixed_target: 0, rate: 1 } });
  // The patch applies to the CommonJS module object, which is what `http.get` below calls.
  const http = createRequire(import.meta.url)("node:http") as typeof import("node:http");
  AWSXRay.captureHTTPsGlobal(http);

  const exposeTraceId: RequestHandler = (_req, res, next) => {
    const segment = AWSXRay.getSegment();
    if (segment instanceof AWSXRay.Segment) res.setHeader(TRACE_HEADER, segment.trace_id);
    next();
  };
  const answerErrors: ErrorRequestHandler = (error: Error, _req, res, _next) => {
    res.status(500).json({ error: error.message });
  };

  const backend = express();
  backend.use(xrayExpress.openSegment("backend"));
  // The SDK keeps one default segment name per process, and the frontend's openSegment()
  // below replaces it: the second service in this process names its segment itself.
  backend.use((_req, _res, next) => {
    const segment = AWSXRay.getSegment();
    if (segment instanceof AWSXRay.Segment) segment.name = "backend";
    next();
  });
  backend.get("/work", (_req, res) => {
    AWSXRay.getSegment()?.addAnnotation("handled_by", "backend");
    res.json({ done: true });
  });
  backend.use(xrayExpress.closeSegment());
  const backendUrl = await listen(backend);

  const frontend = express();
  frontend.use(xrayExpress.openSegment("frontend"));
  frontend.use(exposeTraceId);
  frontend.get("/nested", async (_req, res) => {
    AWSXRay.getSegment()?.addAnnotation("tier", "gold");
    await AWSXRay.captureAsyncFunc("load-order", async (outer) => {
      outer?.addAnnotation("order_id", 1234);
      outer?.addMetadata("order", { items: 3, gift: true }, "shop");
      await AWSXRay.captureAsyncFunc("price-order", async (inner) => {
        inner?.addAnnotation("discounted", true);
        inner?.addMetadata("total", 99.5);
        inner?.close();
      });
      outer?.close();
    });
    res.json({ ok: true });
  });
  frontend.get("/fail", () => {
    throw new Error("checkout exploded");
  });
  frontend.get("/call", async (_req, res) => {
    const body = await new Promise<string>((resolve, reject) => {
      http
        .get(`${backendUrl}/work`, (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => {
            text += chunk;
          });
          response.on("end", () => resolve(text));
        })
        .on("error", reject);
    });
    res.type("json").send(body);
  });
  frontend.use(xrayExpress.closeSegment());
  frontend.use(answerErrors);
  frontendUrl = await listen(frontend);
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
  await daemon?.close();
});

/** Calls the frontend and resolves with the trace once `segments` segments of it are stored. */
async function request(path: string, segments: number): Promise<AssembledTrace> {
  const response = await fetch(`${frontendUrl}${path}`);
  await response.arrayBuffer();
  const id = traceId(response.headers.get(TRACE_HEADER) ?? "");
  return vi.waitFor(
    () => {
      const trace = daemon.store.getTrace(id);
      expect(trace?.segments).toHaveLength(segments);
      return trace as AssembledTrace;
    },
    { timeout: 10_000, interval: 10 },
  );
}

function named(nodes: readonly TraceNode[], name: string): TraceNode {
  const node = findNode(nodes, name);
  if (!node) throw new Error(`no node named ${name}`);
  return node;
}

describe("segments from the real Node SDK", () => {
  it("nests subsegments with their annotations and metadata", async () => {
    const trace = await request("/nested", 1);
    const root = named(trace.segments, "frontend");
    expect(root.kind).toBe("segment");
    expect(root.document.annotations).toEqual({ tier: "gold" });
    expect(root.document.http?.request).toMatchObject({ method: "GET" });
    expect(root.document.http?.response?.status).toBe(200);

    const outer = named(root.children, "load-order");
    expect(outer.kind).toBe("subsegment");
    expect(outer.parentId).toBe(root.document.id);
    expect(outer.document.annotations).toEqual({ order_id: 1234 });
    expect(outer.document.metadata).toEqual({ shop: { order: { items: 3, gift: true } } });

    const inner = named(outer.children, "price-order");
    expect(inner.parentId).toBe(outer.document.id);
    expect(inner.document.annotations).toEqual({ discounted: true });
    expect(inner.document.metadata).toEqual({ default: { total: 99.5 } });
  });

  it("records a thrown error as a fault with its message and stack", async () => {
    const trace = await request("/fail", 1);
    const root = named(trace.segments, "frontend");
    expect(root.document.fault).toBe(true);
    expect(root.document.http?.response?.status).toBe(500);
    const cause = root.document.cause;
    if (typeof cause !== "object") throw new Error(`expected a cause object, got ${cause}`);
    const [exception] = cause.exceptions ?? [];
    expect(exception).toMatchObject({ message: "checkout exploded", type: "Error" });
    expect(exception?.stack?.length).toBeGreaterThan(0);
    expect(exception?.stack?.[0]?.path).toMatch(/real-sdk\.test\.ts$/);
  });

  it("links the downstream service's segment to the caller's remote subsegment", async () => {
    const trace = await request("/call", 2);
    const frontend = named(trace.segments, "frontend");
    const backend = named(trace.segments, "backend");
    const remote = frontend.children.find((child) => child.document.namespace === "remote");
    if (!remote) throw new Error("no remote subsegment under frontend");
    expect(remote.document.http?.request?.url).toMatch(/\/work$/);
    expect(remote.document.http?.response?.status).toBe(200);

    const downstream = backend.document as SegmentDocument;
    expect(downstream.trace_id).toBe(trace.id);
    expect(downstream.parent_id).toBe(remote.document.id);
    expect(backend.parentId).toBe(remote.document.id);
    expect(downstream.annotations).toEqual({ handled_by: "backend" });
    expect(trace.orphans).toEqual([]);
  });
});
