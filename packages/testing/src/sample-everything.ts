/**
 * Local sampling rules that trace every request, for the X-Ray SDK for Node.js
 * (`aws-xray-sdk-core`) in a service under test. Until the SDK has fetched the sandbox's
 * rules it decides with its local ones, by default one request a second and then 5 %: the
 * first requests of a test run, or one right after a health check, are often not traced.
 * No dependency on the SDK: pass it in.
 */

/** One rule of the SDK's local rules format, version 2. */
export interface LocalSamplingRule {
  description?: string;
  /** `*` and `?` wildcards. */
  host: string;
  http_method: string;
  url_path: string;
  /** Requests a second traced before `rate` applies. */
  fixed_target: number;
  /** Share of the remaining requests traced, 0 to 1. */
  rate: number;
}

/** What `AWSXRay.middleware.setSamplingRules` takes (it also takes a path to such a file). */
export interface LocalSamplingRules {
  version: number;
  default: { fixed_target: number; rate: number };
  rules: LocalSamplingRule[];
}

export interface SampleEverythingOptions {
  /** URL paths never to trace (`*` and `?` wildcards), e.g. `["/health"]`. */
  readonly except?: readonly string[];
}

/** The part of `aws-xray-sdk-core`'s default export that `sampleEverything` uses. */
export interface XraySdkMiddleware {
  readonly middleware: {
    setSamplingRules(rules: LocalSamplingRules): void;
  };
}

/**
 * Rules that trace every request but those to the `except` paths: the same decisions as
 * the sandbox's `Default` rule (plus, say, a rule with `FixedRate: 0` for `/health`).
 */
export function everyRequestRules(options: SampleEverythingOptions = {}): LocalSamplingRules {
  return {
    version: 2,
    rules: (options.except ?? []).map((path) => ({
      description: `never trace ${path}`,
      host: "*",
      http_method: "*",
      url_path: checkedPath(path),
      fixed_target: 0,
      rate: 0,
    })),
    default: { fixed_target: 0, rate: 1 },
  };
}

/**
 * `AWSXRay.middleware.setSamplingRules(everyRequestRules(options))`: call it where the
 * service loads the SDK, before its first request. Centralized sampling stays on: once the
 * SDK has fetched the sandbox's rules, they decide.
 */
export function sampleEverything(
  xray: XraySdkMiddleware,
  options: SampleEverythingOptions = {},
): void {
  if (typeof xray?.middleware?.setSamplingRules !== "function") {
    throw new TypeError(
      "sampleEverything(AWSXRay) needs the default export of aws-xray-sdk-core (with middleware.setSamplingRules)",
    );
  }
  xray.middleware.setSamplingRules(everyRequestRules(options));
}

function checkedPath(path: string): string {
  if (typeof path !== "string" || path === "") {
    throw new TypeError(
      `except lists URL paths such as "/health"; got ${JSON.stringify(path) ?? String(path)}`,
    );
  }
  return path;
}
