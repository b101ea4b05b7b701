import { Hono } from "hono";
import type { SamplingState } from "../../sampling/sampling-state.ts";

export interface SamplingDeps {
  readonly sampling: SamplingState;
}

/** The rules with what SDKs reported about them, the reporting clients, the last fetches. */
export function samplingRoutes({ sampling }: SamplingDeps): Hono {
  return new Hono().get("/sampling", (c) => c.json(sampling.view()));
}
