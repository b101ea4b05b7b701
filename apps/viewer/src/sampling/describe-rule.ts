import type { SamplingCounts, SamplingRule } from "@xray-sandbox/segments";

const WILDCARD = "*";

/** `5 %`, `0.5 %`, `100 %`. */
export function formatRate(rate: number): string {
  const percent = rate * 100;
  const digits = percent !== 0 && percent < 1 ? 1 : 0;
  return `${Number(percent.toFixed(digits))} %`;
}

export interface Matcher {
  readonly field: string;
  readonly value: string;
}

/** The conditions a request must meet for the rule to apply; `*` conditions are left out. */
export function ruleMatchers(rule: SamplingRule): Matcher[] {
  const fields: [string, string][] = [
    ["service", rule.ServiceName],
    ["service type", rule.ServiceType],
    ["host", rule.Host],
    ["method", rule.HTTPMethod],
    ["URL path", rule.URLPath],
    ["resource", rule.ResourceARN],
    ...Object.entries(rule.Attributes).map(([key, value]): [string, string] => [
      `attribute ${key}`,
      value,
    ]),
  ];
  return fields
    .filter(([, value]) => value !== WILDCARD)
    .map(([field, value]) => ({ field, value }));
}

/** What the rule does to a matching request, in a sentence. */
export function describeRule(rule: SamplingRule): string {
  const matchers = ruleMatchers(rule);
  const scope =
    matchers.length === 0
      ? "Every request"
      : `Requests with ${matchers.map((m) => `${m.field} ${m.value}`).join(", ")}`;
  const reservoir = rule.ReservoirSize;
  const rate = formatRate(rule.FixedRate);
  if (reservoir === 0 && rule.FixedRate === 0) return `${scope}: never traced.`;
  if (reservoir === 0) return `${scope}: ${rate} traced.`;
  const first = `the first ${reservoir === 1 ? "request" : `${reservoir} requests`} each second`;
  if (rule.FixedRate === 0) return `${scope}: ${first} traced, none beyond.`;
  if (rule.FixedRate === 1) return `${scope}: all traced.`;
  return `${scope}: ${first} traced, then ${rate} of the rest.`;
}

/** Share of the counted requests that were sampled; undefined before any request. */
export function sampledShare(counts: SamplingCounts): number | undefined {
  return counts.requestCount === 0 ? undefined : counts.sampledCount / counts.requestCount;
}
