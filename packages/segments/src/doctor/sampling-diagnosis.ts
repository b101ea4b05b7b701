/**
 * `not-sampled`: there is no trace to attach it to, so it is a diagnosis of the sampling state:
 * from the rules and the statistics SDKs report, per rule and per client, what was seen and
 * sampled, and why requests were not.
 */

import type {
  ClientSamplingDiagnosis,
  RuleSamplingDiagnosis,
  SamplingDiagnosisBody,
} from "../doctor-contract.ts";
import type { SamplingCounts, SamplingView } from "../sampling-contract.ts";
import { explanationOf } from "./explanations.ts";
import type { SdkName } from "./problem.ts";
import { orderedFix } from "./problem-list.ts";

/** How each SDK samples before it has fetched rules (its local fallback), in words. */
const FALLBACK =
  "before an SDK has fetched the rules (and when it cannot reach the daemon's TCP port) it uses its local fallback: the first request each second, then 5% of the rest";

export function diagnoseSampling(
  view: SamplingView,
  at: Date,
  sdk?: SdkName,
): SamplingDiagnosisBody {
  const rules = view.rules.map((rule): RuleSamplingDiagnosis => {
    const { RuleName, Priority, ReservoirSize, FixedRate } = rule.SamplingRule;
    const { requestCount, sampledCount, borrowCount } = rule.totals;
    return {
      ruleName: RuleName,
      priority: Priority,
      reservoirSize: ReservoirSize,
      fixedRate: FixedRate,
      requests: requestCount,
      sampled: sampledCount,
      borrowed: borrowCount,
      notSampled: Math.max(0, requestCount - sampledCount),
      explanations: ruleExplanations(RuleName, ReservoirSize, FixedRate, rule.totals),
    };
  });
  const byName = new Map(rules.map((rule) => [rule.ruleName, rule]));
  const clients = view.clients.map((client): ClientSamplingDiagnosis => {
    let requests = 0;
    let sampled = 0;
    let borrowed = 0;
    const explanations: string[] = [];
    for (const [name, counts] of Object.entries(client.rules)) {
      requests += counts.requestCount;
      sampled += counts.sampledCount;
      borrowed += counts.borrowCount;
      const missed = counts.requestCount - counts.sampledCount;
      if (missed <= 0) continue;
      const rule = byName.get(name);
      explanations.push(
        rule === undefined
          ? `${missed} of ${counts.requestCount} requests under ${JSON.stringify(name)} were not sampled (the rule no longer exists).`
          : `${missed} of ${counts.requestCount} requests under ${JSON.stringify(name)} were not sampled: ${gapReason(rule.reservoirSize, rule.fixedRate)}`,
      );
    }
    return {
      clientId: client.clientId,
      firstReportAt: client.firstSeenAt,
      lastReportAt: client.lastSeenAt,
      requests,
      sampled,
      borrowed,
      notSampled: Math.max(0, requests - sampled),
      explanations,
    };
  });
  const explanation = explanationOf("not-sampled");
  return {
    code: "not-sampled",
    at: at.toISOString(),
    lastRulesFetch: view.lastRulesFetch,
    lastTargetsFetch: view.lastTargetsFetch,
    rules,
    clients,
    summary: summaryOf(view, rules, clients),
    why: explanation.why,
    fix: orderedFix(explanation.fix, sdk),
  };
}

function ruleExplanations(
  name: string,
  reservoir: number,
  rate: number,
  totals: SamplingCounts,
): string[] {
  const explanations: string[] = [];
  if (reservoir === 0 && rate === 0) {
    explanations.push(
      `${JSON.stringify(name)} samples nothing: its reservoir is 0 per second and its rate is 0.`,
    );
  } else if (rate === 0) {
    explanations.push(
      `Past ${reservoir} request${reservoir === 1 ? "" : "s"} a second, ${JSON.stringify(name)} samples nothing (rate 0).`,
    );
  }
  const missed = totals.requestCount - totals.sampledCount;
  if (missed > 0) {
    explanations.push(
      `${missed} of ${totals.requestCount} requests were not sampled: ${gapReason(reservoir, rate)}`,
    );
  }
  if (totals.borrowCount > 0) {
    explanations.push(
      `${totals.borrowCount} were sampled on borrowed reservoir: the SDK had not yet been given a quota of its own.`,
    );
  }
  return explanations;
}

function gapReason(reservoir: number, rate: number): string {
  if (reservoir === 0 && rate === 0) return "the rule samples nothing (reservoir 0, rate 0).";
  if (rate === 0) {
    return `the reservoir (${reservoir} a second) was used up, and the rate is 0.`;
  }
  return `the reservoir (${reservoir} a second) was used up, and past it only ${formatRate(rate)} of requests are sampled.`;
}

function formatRate(rate: number): string {
  return `${Number((rate * 100).toPrecision(3))}%`;
}

function summaryOf(
  view: SamplingView,
  rules: readonly RuleSamplingDiagnosis[],
  clients: readonly ClientSamplingDiagnosis[],
): string[] {
  const summary: string[] = [];
  if (view.lastRulesFetch === null) {
    summary.push(
      `No SDK has fetched sampling rules from this daemon yet: ${FALLBACK}. Point the SDK at it with AWS_XRAY_DAEMON_ADDRESS=host:port (UDP and TCP).`,
    );
  } else if (clients.length === 0) {
    summary.push(
      `Rules were last fetched at ${view.lastRulesFetch}, but no SDK has reported statistics yet (they report every 10 seconds once they have sampled under a rule); until then ${FALLBACK.replace("before an SDK has fetched the rules (and when it cannot reach the daemon's TCP port) it uses", "a fresh SDK may still be using")}.`,
    );
  }
  const requests = rules.reduce((sum, rule) => sum + rule.requests, 0);
  const sampled = rules.reduce((sum, rule) => sum + rule.sampled, 0);
  if (requests > 0) {
    summary.push(`SDKs reported ${requests} requests under the rules and sampled ${sampled}.`);
  }
  for (const rule of rules) {
    if (rule.notSampled > 0) {
      summary.push(
        `${rule.notSampled} request${rule.notSampled === 1 ? "" : "s"} under ${JSON.stringify(rule.ruleName)} were not sampled: ${gapReason(rule.reservoirSize, rule.fixedRate)}`,
      );
    } else if (rule.reservoirSize === 0 && rule.fixedRate === 0) {
      summary.push(`${JSON.stringify(rule.ruleName)} samples nothing (reservoir 0, rate 0).`);
    }
  }
  if (summary.length === 0) {
    summary.push(
      "Every request the SDKs reported was sampled. A missing trace was then not sent (check the SDK's daemon address and that the segment was closed) or is still on its way.",
    );
  }
  return summary;
}
