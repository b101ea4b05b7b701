import type { SamplingRuleView } from "@xray-sandbox/segments";
import { formatCount } from "../format/count.ts";
import { describeRule, formatRate, ruleMatchers, sampledShare } from "./describe-rule.ts";
import { SAMPLING } from "./SamplingPage.markers.ts";
import { TimeAgo } from "./TimeAgo.tsx";

/** The rules in the order SDKs try them: lowest priority number first. */
export function SamplingRulesTable({
  rules,
  now,
}: {
  rules: readonly SamplingRuleView[];
  now: number;
}) {
  const ordered = [...rules].sort(
    (a, b) =>
      a.SamplingRule.Priority - b.SamplingRule.Priority ||
      a.SamplingRule.RuleName.localeCompare(b.SamplingRule.RuleName),
  );
  return (
    <table className="sampling-table">
      <caption>
        Rules, in the order an SDK tries them. Counts are what SDKs reported for each rule.
      </caption>
      <thead>
        <tr>
          <th scope="col">Priority</th>
          <th scope="col">Rule</th>
          <th scope="col">Matches</th>
          <th scope="col" className="num">
            Reservoir
          </th>
          <th scope="col" className="num">
            Fixed rate
          </th>
          <th scope="col" className="num">
            Requests
          </th>
          <th scope="col" className="num">
            Sampled
          </th>
          <th scope="col" className="num">
            Borrowed
          </th>
          <th scope="col">Last report</th>
        </tr>
      </thead>
      <tbody>
        {ordered.map(({ SamplingRule: rule, totals }) => {
          const matchers = ruleMatchers(rule);
          const share = sampledShare(totals);
          return (
            <tr key={rule.RuleName} data-testid={SAMPLING.ruleRow} data-rule-name={rule.RuleName}>
              <td className="num">{rule.Priority}</td>
              <th scope="row">
                <div>{rule.RuleName}</div>
                <div className="sampling-rule-summary">{describeRule(rule)}</div>
              </th>
              <td>
                {matchers.length === 0 ? (
                  <span className="sampling-muted">any request</span>
                ) : (
                  <ul className="sampling-matchers">
                    {matchers.map((m) => (
                      <li key={m.field}>
                        <span className="sampling-muted">{m.field}</span> <code>{m.value}</code>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="num" title="requests traced per second before the fixed rate applies">
                {formatCount(rule.ReservoirSize)}/s
              </td>
              <td className="num">{formatRate(rule.FixedRate)}</td>
              <td className="num">{formatCount(totals.requestCount)}</td>
              <td className="num">
                {formatCount(totals.sampledCount)}
                {share !== undefined && (
                  <span className="sampling-muted"> ({formatRate(share)})</span>
                )}
              </td>
              <td className="num">{formatCount(totals.borrowCount)}</td>
              <td>
                <TimeAgo iso={totals.lastReportAt} now={now} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
