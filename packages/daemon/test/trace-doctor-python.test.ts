/**
 * The trace doctor on what Debian's Python X-Ray SDK 0.95 (`python3-aws-xray-sdk`, run with
 * `/usr/bin/python3`) really sends. Skipped where that SDK is not installed.
 */

import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { TraceProblemsBody } from "@xray-sandbox/segments";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import { getJson, startTestDaemon, traceId } from "./support/daemon.ts";

const PYTHON = "/usr/bin/python3";
const SCRIPT = fileURLToPath(new URL("./fixtures/python-doctor.py", import.meta.url));
const available =
  spawnSync(PYTHON, ["-c", "import aws_xray_sdk"], { stdio: "ignore" }).status === 0;

let daemon: Daemon;

beforeAll(async () => {
  daemon = await startTestDaemon();
});

afterAll(async () => {
  await daemon?.close();
});

describe.skipIf(!available)("the trace doctor on the Python SDK's real output", () => {
  it("finds the old trace id, the SQL literal and the bare error flag, with Python's fixes first", async () => {
    const run = spawnSync(PYTHON, [SCRIPT, `${daemon.udpAddress.host}:${daemon.udpAddress.port}`], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const id = traceId(run.stdout.trim());
    await vi.waitFor(() => expect(daemon.store.getTrace(id)).toBeDefined(), {
      timeout: 15_000,
      interval: 20,
    });
    const body = await getJson<TraceProblemsBody>(daemon, `/api/traces/${id}/problems`);
    expect(new Set(body.problems.map((problem) => problem.code))).toEqual(
      new Set(["trace-id-invalid", "sql-unsanitised", "error-without-cause"]),
    );
    for (const problem of body.problems) {
      expect(problem.sdk).toBe("python");
      expect(Object.keys(problem.fix)[0]).toBe("python");
    }
  });
});
