import { describe, expect, it } from "vitest";
import { describeExit } from "./exit-description.ts";

describe("describeExit", () => {
  it("names the exit code, or the signal that ended the process", () => {
    expect(describeExit({ code: 1, signal: null })).toBe("exited with code 1");
    expect(describeExit({ code: null, signal: "SIGKILL" })).toBe("ended by SIGKILL");
  });
});
