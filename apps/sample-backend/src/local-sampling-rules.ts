import type { middleware } from "aws-xray-sdk-core";

/**
 * The rules the X-Ray SDK decides with until it has fetched the daemon's (centralized
 * sampling stays on). Without them it falls back to its built-in rule, one request a second
 * and then 5 %, so the first request after a start was often not traced, and a `/health`
 * probe that came first used up the second's one request. These mirror `sampling-rules.json`
 * and the daemon's `Default` rule: every request except `/health`.
 *
 * The SDK's local rule format (version 2): `fixed_target` requests a second are traced, then
 * `rate` of the rest; the first rule whose `host`, `http_method` and `url_path` match decides.
 */
export const LOCAL_SAMPLING_RULES: middleware.RulesConfig = {
  version: 2,
  rules: [
    {
      description: "health checks are never traced (as NoHealthChecks in sampling-rules.json)",
      host: "*",
      http_method: "*",
      url_path: "/health",
      fixed_target: 0,
      rate: 0,
    },
  ],
  default: { fixed_target: 0, rate: 1 },
};
