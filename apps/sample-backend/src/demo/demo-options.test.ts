import { describe, expect, it } from "vitest";
import { parseDemoArgs } from "./demo-options.ts";

describe("parseDemoArgs", () => {
  it("runs the X-Ray SDK flavour on the daemon's usual port 2000, the backend's 4567, 5 req/s", () => {
    expect(parseDemoArgs([])).toEqual({
      kind: "run",
      options: {
        daemonPort: 2000,
        backends: [{ flavour: "xray", port: 4567 }],
        rate: 5,
        seed: 1,
        traffic: true,
      },
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
      options: {
        daemonPort: 2100,
        backends: [{ flavour: "xray", port: 5000 }],
        rate: 20,
        seed: 4,
        traffic: false,
      },
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

describe("parseDemoArgs: the OpenTelemetry flavour", () => {
  it("--otel runs the OpenTelemetry flavour alone, on --port", () => {
    expect(parseDemoArgs(["--otel"])).toMatchObject({
      kind: "run",
      options: { backends: [{ flavour: "otel", port: 4567 }] },
    });
    expect(parseDemoArgs(["--otel", "--port", "5000"])).toMatchObject({
      kind: "run",
      options: { backends: [{ flavour: "otel", port: 5000 }] },
    });
  });

  it("--both runs the X-Ray SDK flavour on --port and the OpenTelemetry one on --otel-port", () => {
    expect(parseDemoArgs(["--both"])).toMatchObject({
      kind: "run",
      options: {
        backends: [
          { flavour: "xray", port: 4567 },
          { flavour: "otel", port: 4568 },
        ],
      },
    });
    expect(parseDemoArgs(["--both", "--port", "5000", "--otel-port", "5001"])).toMatchObject({
      kind: "run",
      options: {
        backends: [
          { flavour: "xray", port: 5000 },
          { flavour: "otel", port: 5001 },
        ],
      },
    });
  });

  it("rejects --otel with --both, and --otel-port without --both", () => {
    expect(parseDemoArgs(["--otel", "--both"])).toEqual({
      kind: "invalid",
      message:
        "--otel and --both do not go together: --otel runs the OpenTelemetry flavour alone, " +
        "--both runs it next to the X-Ray SDK flavour",
    });
    expect(parseDemoArgs(["--otel-port", "5001"])).toEqual({
      kind: "invalid",
      message:
        "--otel-port is the OpenTelemetry flavour's port: add --both (or use --otel and --port)",
    });
    expect(parseDemoArgs(["--otel", "--otel-port", "5001"])).toEqual({
      kind: "invalid",
      message:
        "--otel-port is for --both; with --otel, --port sets the OpenTelemetry flavour's port",
    });
  });

  it("rejects an --otel-port that is not a port or is taken by the daemon or the other flavour", () => {
    expect(parseDemoArgs(["--both", "--otel-port", "65536"])).toEqual({
      kind: "invalid",
      message: '--otel-port "65536" must be a port, 1-65535',
    });
    expect(parseDemoArgs(["--both", "--otel-port", "2000"])).toEqual({
      kind: "invalid",
      message: "--otel-port and --daemon-port are both 2000; give them different ports",
    });
    expect(parseDemoArgs(["--both", "--port", "4568"])).toEqual({
      kind: "invalid",
      message: "--otel-port and --port are both 4568; give them different ports",
    });
  });

  it("names an unknown flag", () => {
    expect(parseDemoArgs(["--opentelemetry"])).toMatchObject({
      kind: "invalid",
      message: expect.stringContaining("--opentelemetry"),
    });
  });
});
