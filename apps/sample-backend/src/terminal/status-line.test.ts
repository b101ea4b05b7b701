import { describe, expect, it } from "vitest";
import { StatusLine } from "./status-line.ts";

function output(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, out: { isTTY, write: (text: string) => writes.push(text) } };
}

describe("StatusLine", () => {
  it("redraws the status in place on a terminal and prints log lines above it", () => {
    const { writes, out } = output(true);
    const line = new StatusLine(out);
    line.update("sent 1");
    line.update("sent 2");
    line.log("[backend] listening");
    line.finish("sent 3");
    expect(writes.join("")).toBe(
      "\r\u001b[2Ksent 1\r\u001b[2Ksent 2\r\u001b[2K[backend] listening\nsent 2\r\u001b[2Ksent 3\n",
    );
  });

  it("prints the status as plain lines, at most once per interval, when piped", () => {
    const { writes, out } = output(false);
    let now = 0;
    const line = new StatusLine(out, { plainIntervalMs: 1000, now: () => now });
    line.update("sent 1");
    now = 500;
    line.update("sent 2");
    now = 1000;
    line.update("sent 3");
    line.log("log");
    line.finish("sent 4");
    expect(writes).toEqual(["sent 1\n", "sent 3\n", "log\n", "sent 4\n"]);
  });
});
