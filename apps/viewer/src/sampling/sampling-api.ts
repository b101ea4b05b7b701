import type { SamplingView } from "@xray-sandbox/segments";
import { requestJson } from "../api/http.ts";

/** The parts of `GET /api/sampling` the sampling page shows. */
type SamplingPageData = Pick<
  SamplingView,
  "rules" | "clients" | "lastRulesFetch" | "lastTargetsFetch" | "recentReports"
>;

export async function fetchSampling(signal: AbortSignal): Promise<SamplingPageData> {
  const body = await requestJson<Partial<SamplingView> | undefined>("/api/sampling", { signal });
  return {
    rules: Array.isArray(body?.rules) ? body.rules : [],
    clients: Array.isArray(body?.clients) ? body.clients : [],
    lastRulesFetch: body?.lastRulesFetch ?? null,
    lastTargetsFetch: body?.lastTargetsFetch ?? null,
    recentReports: Array.isArray(body?.recentReports) ? body.recentReports : [],
  };
}
