import type { SamplingRuleView } from "@xray-sandbox/segments";
import { useEffect, useRef } from "react";
import { formatCount } from "../format/count.ts";
import { describeRule, formatRate, ruleMatchers, sampledShare } from "./describe-rule.ts";
import { isDefaultRuleName } from "./rule-form.ts";
import { SAMPLING } from "./SamplingPage.markers.ts";
import { TimeAgo } from "./TimeAgo.tsx";

/** What the table's Edit and Delete buttons do; without it the table only shows the rules. */
export interface RuleActions {
  readonly onEdit: (name: string) => void;
  readonly onAskDelete: (name: string) => void;
  readonly onDelete: (name: string) => void;
  readonly onCancelDelete: () => void;
  /** The rule whose deletion waits for a confirmation. */
  readonly confirming: string | undefined;
  /** A change is being saved: the buttons wait. */
  readonly busy: boolean;
}

/** The rules in the order SDKs try them: lowest priority number first. */
export function SamplingRulesTable({
  rules,
  now,
  actions,
}: {
  rules: readonly SamplingRuleView[];
  now: number;
  actions?: RuleActions;
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
          {actions && (
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {ordered.map(({ SamplingRule: rule, totals }) => {
          const matchers = ruleMatchers(rule);
          const share = sampledShare(totals);
          return (
            <tr key={rule.RuleName} data-testid={SAMPLING.ruleRow} data-rule-name={rule.RuleName}>
              <td className="num" data-label="Priority">
                {rule.Priority}
              </td>
              <th scope="row">
                <div>{rule.RuleName}</div>
                <div className="sampling-rule-summary">{describeRule(rule)}</div>
              </th>
              <td data-label="Matches">
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
              <td
                className="num"
                data-label="Reservoir"
                title="requests traced per second before the fixed rate applies"
              >
                {formatCount(rule.ReservoirSize)}/s
              </td>
              <td className="num" data-label="Fixed rate">
                {formatRate(rule.FixedRate)}
              </td>
              <td className="num" data-label="Requests">
                {formatCount(totals.requestCount)}
              </td>
              <td className="num" data-label="Sampled">
                {formatCount(totals.sampledCount)}
                {share !== undefined && (
                  <span className="sampling-muted"> ({formatRate(share)})</span>
                )}
              </td>
              <td className="num" data-label="Borrowed">
                {formatCount(totals.borrowCount)}
              </td>
              <td data-label="Last report">
                <TimeAgo iso={totals.lastReportAt} now={now} />
              </td>
              {actions && (
                <td className="sampling-rule-actions">
                  <RuleButtons name={rule.RuleName} actions={actions} />
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function RuleButtons({ name, actions }: { name: string; actions: RuleActions }) {
  const confirming = actions.confirming === name;
  const deleteRef = useRef<HTMLButtonElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  // Focus follows the question: onto Keep when it is asked, back onto Delete once answered Keep.
  useEffect(() => {
    if (confirming) keepRef.current?.focus();
    else if (wasConfirming.current) deleteRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  if (confirming) {
    return (
      <span className="sampling-confirm">
        <span>Delete {name}? SDKs stop using it at their next fetch.</span>
        <button
          type="button"
          className="action-button sampling-button danger"
          disabled={actions.busy}
          data-testid={SAMPLING.confirmDelete}
          onClick={() => actions.onDelete(name)}
        >
          Delete
        </button>
        <button
          ref={keepRef}
          type="button"
          className="action-button sampling-button"
          data-testid={SAMPLING.keepRule}
          onClick={actions.onCancelDelete}
        >
          Keep
        </button>
      </span>
    );
  }
  return (
    <>
      <button
        type="button"
        className="action-button sampling-button"
        aria-label={`Edit ${name}`}
        disabled={actions.busy}
        data-testid={SAMPLING.editRule}
        onClick={() => actions.onEdit(name)}
      >
        Edit
      </button>
      {!isDefaultRuleName(name) && (
        <button
          ref={deleteRef}
          type="button"
          className="action-button sampling-button"
          aria-label={`Delete ${name}`}
          disabled={actions.busy}
          data-testid={SAMPLING.deleteRule}
          onClick={() => actions.onAskDelete(name)}
        >
          Delete
        </button>
      )}
    </>
  );
}
