/**
 * Two Express 5 services instrumented with the real aws-xray-sdk-core and -express send
 * their segments to the daemon over UDP; the test reads the trees the store assembled.
 */

import type { AssembledTrace, SegmentDocument, TraceNode } from "@xray-sandbox/segments";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import { findNode, startTestDaemon } from "./support/daemon.ts";
import { startXRayExpressApps, type XRayExpressApps } from "./support/xray-express-apps.ts";

let daemon: Daemon;
let apps: XRayExpressApps | undefined;

beforeAll(async () => {
  daemon = await startTestDaemon();
  apps = await startXRayExpressApps(daemon.sdkAddress, (frontend, { AWSXRay, callBackend }) => {
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
      res.type("json").send(await callBackend());
    });
  });
});

afterAll(async () => {
  apps?.close();
  await daemon?.close();
});

/** Calls the frontend and resolves with the trace once `segments` segments of it are stored. */
async function request(path: string, segments: number): Promise<AssembledTrace> {
  if (!apps) throw new Error("the instrumented services did not start");
  const id = await apps.call(path);
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
