import { fileURLToPath } from "node:url";
import { OTEL_SERVICE_NAME } from "../otel/otel-config.ts";
import { SERVICE_NAME } from "../service-name.ts";
import type { Flavour } from "./demo-options.ts";

export interface FlavourInfo {
  /** The segment name in the viewer (the X-Ray SDK's segment name, or `service.name`). */
  readonly serviceName: string;
  /** How the demo's output names it. */
  readonly label: string;
  /** The prefix of its output lines. */
  readonly tag: string;
  readonly entry: string;
  /** Its environment besides HOST and PORT: where it sends its traces. */
  env(daemon: { readonly url: string; readonly sdkAddress: string }): NodeJS.ProcessEnv;
  /** Where it sends its traces, for the startup output. */
  destination(daemon: { readonly url: string; readonly sdkAddress: string }): string;
}

export const FLAVOURS: Readonly<Record<Flavour, FlavourInfo>> = {
  xray: {
    serviceName: SERVICE_NAME,
    label: "the sample backend (X-Ray SDK)",
    tag: "backend",
    entry: fileURLToPath(new URL("../main.ts", import.meta.url)),
    env: (daemon) => ({ AWS_XRAY_DAEMON_ADDRESS: daemon.sdkAddress }),
    destination: (daemon) => `segments over UDP to ${daemon.sdkAddress}`,
  },
  otel: {
    serviceName: OTEL_SERVICE_NAME,
    label: "the sample backend (OpenTelemetry)",
    tag: "backend-otel",
    entry: fileURLToPath(new URL("../otel/main.ts", import.meta.url)),
    env: (daemon) => ({
      OTEL_SERVICE_NAME: OTEL_SERVICE_NAME,
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${daemon.url}/v1/traces`,
      // Its notifications service is the X-Ray SDK one: its segments go to the daemon too.
      AWS_XRAY_DAEMON_ADDRESS: daemon.sdkAddress,
    }),
    destination: (daemon) => `spans over OTLP/HTTP protobuf to ${daemon.url}/v1/traces`,
  },
};
