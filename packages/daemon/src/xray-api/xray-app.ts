import { epochSeconds } from "@xray-sandbox/segments";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { FilterScans } from "../filter-scans.ts";
import { jsonBody } from "../http/json-body.ts";
import type { Logger } from "../logger.ts";
import { XRayAccountState } from "./account-state.ts";
import { TRACE_SUMMARIES_PAGE_SIZE } from "./get-trace-summaries.ts";
import { XRAY_OPERATIONS } from "./operations.ts";
import { RootCauseCounts } from "./root-cause-counts.ts";
import { invalidRequest, XRayApiError } from "./xray-api-error.ts";
import { restJsonError, xrayErrorHandler } from "./xray-error-handler.ts";
import type { XRayApiDeps, XRayOperation } from "./xray-operation.ts";

/** PutTraceSegments of a few hundred 64 KiB documents fits; anything larger is refused. */
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

/** Where any other capitalised `POST /Name` lands: answered with the supported operations. */
export const UNKNOWN_OPERATION_PATH = "/:operation{[A-Z][A-Za-z]*}";

export interface XRayAppDeps
  extends Omit<XRayApiDeps, "pageSize" | "account" | "filterScans" | "rootCauses"> {
  /** Encryption, tags, policies...: a fresh one unless given (the daemon's keeps tags saved). */
  readonly account?: XRayAccountState;
  /** Runs filters over the store in slices; a fresh one unless given. */
  readonly filterScans?: FilterScans;
  /** Counts the root causes `GetTraceSummaries` works out; a fresh one unless given. */
  readonly rootCauses?: RootCauseCounts;
  readonly logger: Logger;
  /** Trace summaries per `GetTraceSummaries` page; TRACE_SUMMARIES_PAGE_SIZE unless told. */
  readonly pageSize?: number;
}

/**
 * The X-Ray API (restJson1: `POST /<Path>` with a JSON body). Any `authorization` header is
 * accepted. Errors go out in restJson1's shape, which AWS clients turn into exceptions.
 * Mounted at `/`: each route is a single capitalised path segment, so `/api/*` stays apart.
 */
export function createXRayApp({
  pageSize = TRACE_SUMMARIES_PAGE_SIZE,
  filterScans = new FilterScans(),
  rootCauses = new RootCauseCounts(),
  account = new XRayAccountState(epochSeconds(Math.floor(Date.now() / 1000))),
  ...rest
}: XRayAppDeps): Hono {
  const deps: XRayApiDeps = { ...rest, account, pageSize, filterScans, rootCauses };
  const app = new Hono();
  const limit = bodyLimit({
    maxSize: MAX_REQUEST_BYTES,
    onError: () => {
      throw new XRayApiError(
        "InvalidRequestException",
        `the request body is over ${MAX_REQUEST_BYTES} bytes`,
        413,
      );
    },
  });
  for (const operation of XRAY_OPERATIONS) {
    app.post(operation.path, limit, async (c) =>
      jsonBody(c, await operation.handle(await readBody(c.req.raw), deps, c.req.raw.signal)),
    );
  }
  app.post(UNKNOWN_OPERATION_PATH, (c) =>
    restJsonError(c, "UnknownOperationException", unknownOperationMessage(c.req.path), 404, {
      supportedOperations: XRAY_OPERATIONS.map(({ name, path }) => ({
        name,
        path: `POST ${path}`,
      })),
    }),
  );
  app.onError(xrayErrorHandler(rest.logger));
  return app;
}

/**
 * The request's JSON. An empty body is a request without parameters (`{}`), as for any
 * restJson1 call; anything else must be JSON, for every operation alike: whitespace alone is
 * not.
 */
async function readBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw invalidRequest("the request body is not valid JSON");
  }
}

function unknownOperationMessage(path: string): string {
  const supported = XRAY_OPERATIONS.map(describeOperation).join(", ");
  return `no X-Ray operation at POST ${path}; supported: ${supported}`;
}

function describeOperation(operation: XRayOperation): string {
  const path = operation.path.slice(1);
  return path === operation.name ? operation.path : `${operation.path} (${operation.name})`;
}
