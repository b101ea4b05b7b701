import { readFileSync } from "node:fs";
import AWSXRay from "aws-xray-sdk-core";
import { describe, expect, it } from "vitest";
import { LOCAL_SAMPLING_RULES } from "./local-sampling-rules.ts";

/** The SDK's local sampler: what the default sampler falls back to before it has fetched rules. */
interface LocalSampler {
  shouldSample(request: { host?: string; httpMethod?: string; urlPath?: string }): boolean;
}

const { localSampler } = (
  AWSXRay.middleware as unknown as { sampler: { localSampler: LocalSampler } }
).sampler;

function decisions(urlPath: string, count: number): boolean[] {
  return Array.from({ length: count }, () =>
    localSampler.shouldSample({ host: "127.0.0.1:4567", httpMethod: "GET", urlPath }),
  );
}

describe("the backend's local sampling rules, as the SDK reads them", () => {
  AWSXRay.middleware.setSamplingRules(LOCAL_SAMPLING_RULES);

  it("trace every request, however many come in one second", () => {
    expect(decisions("/api/activities/@andrewbrown", 500)).not.toContain(false);
  });

  it("never trace /health", () => {
    expect(decisions("/health", 500)).not.toContain(true);
  });

  it("leave out the same paths as the daemon's sampling-rules.json", () => {
    const served = JSON.parse(
      readFileSync(new URL("../sampling-rules.json", import.meta.url), "utf8"),
    ) as { URLPath: string; FixedRate: number; ReservoirSize: number }[];
    const neverServed = served
      .filter((rule) => rule.FixedRate === 0 && rule.ReservoirSize === 0)
      .map((rule) => rule.URLPath);
    const neverLocal = (LOCAL_SAMPLING_RULES.rules ?? [])
      .filter((rule) => rule.rate === 0 && rule.fixed_target === 0)
      .map((rule) => rule.url_path);
    expect(neverLocal).toEqual(neverServed);
  });
});
