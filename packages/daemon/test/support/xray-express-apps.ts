/**
 * Two Express 5 services instrumented with the real aws-xray-sdk-core and -express, sending
 * their segments to one daemon over UDP: a `backend` with `GET /work`, and a `frontend` whose
 * routes the test adds. Every frontend response carries its trace id in a header, and an
 * error thrown by a route is answered with 500 and its message.
 */

import { once } from "node:events";
import type { Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import type { TraceId } from "@xray-sandbox/segments";
import type { ErrorRequestHandler, Express, RequestHandler } from "express";
import { traceId } from "./daemon.ts";

export type XRay = typeof import("aws-xray-sdk-core");

const TRACE_HEADER = "x-test-trace-id";

/** What the frontend's routes can use: the SDK and a traced call to the backend. */
export interface FrontendTools {
  readonly AWSXRay: XRay;
  /** `GET /work` on the backend over the SDK-patched `http` module; resolves with the body. */
  callBackend(): Promise<string>;
}

export interface XRayExpressApps {
  /** Calls the frontend and resolves with the id of the trace the request started. */
  call(path: string): Promise<TraceId>;
  close(): void;
}

/**
 * Starts both services on loopback with free ports, tracing every request (no centralized
 * sampling) to the daemon at `daemonAddress` (`host:port`).
 */
export async function startXRayExpressApps(
  daemonAddress: string,
  addFrontendRoutes: (frontend: Express, tools: FrontendTools) => void,
): Promise<XRayExpressApps> {
  const servers: Server[] = [];
  async function listen(app: Express): Promise<string> {
    const server = app.listen(0, "127.0.0.1");
    servers.push(server);
    await once(server, "listening");
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  // The SDK reads this when it loads, hence the dynamic imports below.
  process.env.AWS_XRAY_CONTEXT_MISSING = "IGNORE_ERROR";
  const { default: AWSXRay }: { default: XRay } = await import("aws-xray-sdk-core");
  const { default: xrayExpress } = await import("aws-xray-sdk-express");
  const { default: express } = await import("express");

  const quiet = () => {};
  AWSXRay.setLogger({ error: quiet, warn: quiet, info: quiet, debug: quiet });
  AWSXRay.setDaemonAddress(daemonAddress);
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

  const callBackend = () =>
    new Promise<string>((resolve, reject) => {
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

  const frontend = express();
  frontend.use(xrayExpress.openSegment("frontend"));
  frontend.use(exposeTraceId);
  addFrontendRoutes(frontend, { AWSXRay, callBackend });
  frontend.use(xrayExpress.closeSegment());
  frontend.use(answerErrors);
  const frontendUrl = await listen(frontend);

  return {
    async call(path) {
      const response = await fetch(`${frontendUrl}${path}`);
      await response.arrayBuffer();
      return traceId(response.headers.get(TRACE_HEADER) ?? "");
    },
    close() {
      for (const server of servers) {
        server.closeAllConnections();
        server.close();
      }
    },
  };
}
