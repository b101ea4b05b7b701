import type { SamplingRule, SamplingView } from "@xray-sandbox/segments";
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

/** `CreateSamplingRule`; the daemon's refusal (a 400 with its reason) is thrown as an ApiError. */
export async function createSamplingRule(rule: Omit<SamplingRule, "RuleARN">): Promise<void> {
  await requestJson<unknown>("/CreateSamplingRule", {
    method: "POST",
    body: { SamplingRule: rule },
  });
}

/** `UpdateSamplingRule`: the fields given replace the rule's (its name stays). */
export async function updateSamplingRule(update: Record<string, unknown>): Promise<void> {
  await requestJson<unknown>("/UpdateSamplingRule", {
    method: "POST",
    body: { SamplingRuleUpdate: update },
  });
}

export async function deleteSamplingRule(name: string): Promise<void> {
  await requestJson<unknown>("/DeleteSamplingRule", { method: "POST", body: { RuleName: name } });
}
