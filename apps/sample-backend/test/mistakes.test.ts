/**
 * `/mistakes/*`: each route makes its mistake with the real X-Ray SDK (the backend runs as a
 * child process), and the sandbox's trace doctor names it.
 */

import { type Sandbox, startSandbox } from "@xray-sandbox/testing";
import "@xray-sandbox/testing/vitest";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MISTAKE_CODES } from "../src/routes/mistakes.ts";
import { type Backend, READY_TIMEOUT_MS, startBackend } from "./support/backend.ts";

let sandbox: Sandbox;
let backend: Backend;

beforeAll(async () => {
  sandbox = await startSandbox();
  backend = await startBackend(sandbox);
}, READY_TIMEOUT_MS);

afterAll(async () => {
  await backend?.stop();
  await sandbox?.close();
});

/** The codes the doctor finds in the trace of a call to `path`. */
async function codesAfter(path: string): Promise<string[]> {
  const answer = await backend.call(path);
  expect(answer.status).toBe(200);
  const trace = await sandbox.waitForTrace((candidate) => candidate.id === answer.traceId);
  const { problems } = await sandbox.problems(trace.id);
  return problems.map((problem) => problem.code);
}

describe("/mistakes", () => {
  it("lists every mistake with the problem code it produces", async () => {
    const answer = await backend.call("/mistakes");
    const body = answer.body as { mistakes: { path: string; code: string }[] };
    expect(Object.fromEntries(body.mistakes.map(({ path, code }) => [path, code]))).toEqual(
      MISTAKE_CODES,
    );
  });

  const shown = Object.entries(MISTAKE_CODES).filter(
    ([path, code]) => code !== "none" && path !== "/mistakes/hand-made-segment",
  );
  it.each(shown)("%s shows %s", async (path, code) => {
    expect(await codesAfter(path)).toContain(code);
  });

  it("a segment and subsegment made by hand in the request arrive as an orphan in a trace of their own", async () => {
    const answer = await backend.call("/mistakes/hand-made-segment");
    const { handMadeTraceId } = answer.body as { handMadeTraceId: string };
    expect(handMadeTraceId).not.toBe(answer.traceId);
    // An orphan never settles (its parent never comes), so poll rather than waitForTrace.
    const orphaned = await vi.waitFor(
      async () => {
        const trace = await sandbox.trace(handMadeTraceId);
        if (trace === undefined) throw new Error(`no trace ${handMadeTraceId} yet`);
        return trace;
      },
      { timeout: 15_000, interval: 100 },
    );
    const { problems } = await sandbox.problems(orphaned.id);
    expect(problems.map((problem) => problem.code)).toContain("orphan-subsegment");
    const own = await sandbox.waitForTrace((candidate) => candidate.id === answer.traceId);
    expect(own).not.toHaveSubsegment("load-user");
  });

  it("the captureAsyncFunc form has no problem", async () => {
    const answer = await backend.call("/mistakes/captured");
    const trace = await sandbox.waitForTrace((candidate) => candidate.id === answer.traceId);
    expect(trace).toHaveSubsegment("load-user");
    expect(trace).toHaveNoProblems();
  });
});

describe("the backend's own routes", () => {
  it.each([
    ["/api/activities/@andrewbrown", 1],
    ["/api/activities/home", 1],
    ["/api/activities/search?q=cloud", 1],
    ["/api/users/@andrewbrown/suggestions", 1],
    ["/api/activities/trending", 1],
    ["/api/notifications/@andrewbrown", 2],
  ] as const)("%s has no problem the doctor would warn of", async (path, segments) => {
    const answer = await backend.call(path);
    const trace = await sandbox.waitForTrace(
      (candidate) => candidate.id === answer.traceId && candidate.segments.length === segments,
    );
    expect(trace).toHaveNoProblems();
  });
});
