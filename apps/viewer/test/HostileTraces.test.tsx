// @vitest-environment happy-dom
/**
 * The shared hostile traces as the viewer receives them: assembled by the store, written as
 * the daemon writes `GET /api/traces/:id` (`stringifyJson`), read back with `JSON.parse` as
 * `response.json()` does, then laid out and rendered.
 */

import { cleanup, render, screen } from "@testing-library/react";
import { acceptedHostileTraces, type HostileTrace } from "@xray-sandbox/fixtures";
import {
  epochMillis,
  scanDocumentText,
  stringifyJson,
  type TraceDetailBody,
  type TraceId,
  type TraceNode,
  TraceStore,
} from "@xray-sandbox/segments";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildRows } from "../src/trace/build-rows.ts";
import { TIMELINE } from "../src/trace/Timeline.markers.ts";
import { TraceView } from "../src/trace/TraceView.tsx";
import { giveElementsASize } from "../src/trace/test-layout.ts";

let restoreSize: () => void = () => {};
beforeAll(() => {
  restoreSize = giveElementsASize();
});
afterAll(() => restoreSize());
afterEach(cleanup);

/** The body the daemon sends for `hostile`, as the browser parses it. */
function receivedBody(hostile: HostileTrace): TraceDetailBody {
  const store = new TraceStore({ maxTraces: 1, maxBytes: 64 << 20 });
  hostile.documents.forEach((text, i) => {
    const scanned = scanDocumentText(text);
    if (!scanned.ok) throw new Error(scanned.rejection.message);
    store.ingest(scanned.index, scanned.raw, text.length, epochMillis(i));
  });
  const id = hostile.traceId as TraceId;
  const trace = store.getTrace(id);
  const summary = store.getSummary(id);
  if (!trace || !summary) throw new Error(`${hostile.name}: not stored`);
  const body: TraceDetailBody = {
    id,
    summary,
    segments: trace.segments,
    orphans: trace.orphans,
    documents: trace.documents.map(({ raw, receivedAt, bytes }) => ({ raw, receivedAt, bytes })),
  };
  return JSON.parse(stringifyJson(body) ?? "null") as TraceDetailBody;
}

/** The name of the node deepest in the tree. */
function deepestName(body: TraceDetailBody): string {
  let node: TraceNode | undefined = body.segments[0];
  while (node?.children.at(-1)) node = node.children.at(-1);
  return node?.document.name ?? "";
}

describe.each(acceptedHostileTraces())("the viewer on $name", (hostile) => {
  const body = receivedBody(hostile);

  it("lays out a row for every node, as deep as the tree goes", () => {
    const model = buildRows(body, new Set());
    expect(model.rows).toHaveLength(hostile.nodes);
    expect(model.nodeCount).toBe(hostile.nodes);
    expect(Math.max(...model.rows.map((row) => row.depth))).toBe(hostile.treeDepth - 1);
    const [top] = model.rows;
    const collapsed = buildRows(body, new Set(top ? [top.id] : []));
    expect(collapsed.rows).toHaveLength(1);
    expect(collapsed.rows[0]?.hidden).toBe(hostile.nodes - 1);
  });

  it("renders the timeline and opens the deepest node", () => {
    const deepest = body.segments[0] === undefined ? "" : deepestName(body);
    const node = buildRows(body, new Set()).rows.find((row) => row.name === deepest);
    const router = createMemoryRouter(
      [{ path: "/traces/:id", element: <TraceView body={body} /> }],
      { initialEntries: [`/traces/${body.id}?node=${node?.id ?? ""}&tab=metadata`] },
    );
    render(<RouterProvider router={router} />);
    expect(screen.getAllByTestId(TIMELINE.row).length).toBeGreaterThan(0);
    expect(screen.getAllByText(deepest).length).toBeGreaterThan(0);
  });
});
