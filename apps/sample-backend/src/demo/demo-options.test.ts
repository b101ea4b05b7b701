import { describe, expect, it } from "vitest";
import { parseDemoArgs } from "./demo-options.ts";

describe("parseDemoArgs", () => {
  it("uses the daemon's usual port 2000, the backend's 4567 and 5 req/s", () => {
    expect(parseDemoArgs([])).toEqual({
      kind: "run",
      options: { daemonPort: 2000, port: 4567, rate: 5, seed: 1, traffic: true },
    });
  });

  it("reads every flag", () => {
    expect(
      parseDemoArgs([
        "--daemon-port",
        "2100",
        "--port",
        "5000",
        "--rate",
        "20",
        "--seed",
        "4",
        "--no-traffic",
      ]),
    ).toEqual({
      kind: "run",
      options: { daemonPort: 2100, port: 5000, rate: 20, seed: 4, traffic: false },
    });
  });

  it("rejects ports that are not ports, and the same port twice", () => {
    expect(parseDemoArgs(["--daemon-port", "0"])).toMatchObject({
      kind: "invalid",
      message: expect.stringContaining("--daemon-port"),
    });
    expect(parseDemoArgs(["--port", "http"])).toMatchObject({
      kind: "invalid",
      message: expect.stringContaining("--port"),
    });
    expect(parseDemoArgs(["--port", "2000"])).toEqual({
      kind: "invalid",
      message: "--port and --daemon-port are both 2000; give them different ports",
    });
  });
});
