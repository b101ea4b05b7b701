import { SAMPLING_RULE_LIMITS } from "@xray-sandbox/segments";
import { useCallback, useState } from "react";
import { Explain } from "../explain/Explain.tsx";
import { useNow } from "../format/use-now.ts";
import { createRuleBody, type RuleFormValues, updateRuleBody } from "./rule-form.ts";
import { SamplingClients } from "./SamplingClients.tsx";
import { SamplingExplainer } from "./SamplingExplainer.tsx";
import { SAMPLING } from "./SamplingPage.markers.ts";
import { SamplingRuleForm } from "./SamplingRuleForm.tsx";
import { SamplingRulesTable } from "./SamplingRulesTable.tsx";
import {
  createSamplingRule,
  deleteSamplingRule,
  fetchSampling,
  updateSamplingRule,
} from "./sampling-api.ts";
import { TimeAgo } from "./TimeAgo.tsx";
import { usePolling } from "./use-polling.ts";
import "./sampling.css";

/** SDKs report every 10 s; reading twice as often shows a report soon after it lands. */
const REFRESH_MS = 5000;

type Editing =
  | { readonly kind: "none" }
  | { readonly kind: "new" }
  | { readonly kind: "edit"; readonly name: string };

/** `/sampling`: the rules the daemon serves, editable, and what SDKs reported about them. */
export function SamplingPage() {
  const [refreshKey, setRefreshKey] = useState(0);
  const { data, error } = usePolling(fetchSampling, REFRESH_MS, refreshKey);
  const now = useNow(1000);
  const [editing, setEditing] = useState<Editing>({ kind: "none" });
  const [confirming, setConfirming] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [changeError, setChangeError] = useState<string | undefined>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const reload = useCallback(() => setRefreshKey((key) => key + 1), []);

  const rules = data?.rules.map((view) => view.SamplingRule) ?? [];
  const customCount = rules.filter((rule) => rule.Priority <= SAMPLING_RULE_LIMITS.maxPriority);
  const atLimit = customCount.length >= SAMPLING_RULE_LIMITS.maxRules;
  const edited =
    editing.kind === "edit" ? rules.find((rule) => rule.RuleName === editing.name) : undefined;

  const save = async (values: RuleFormValues) => {
    if (editing.kind === "edit") await updateSamplingRule(updateRuleBody(values));
    else await createSamplingRule(createRuleBody(values));
    setDone(
      editing.kind === "edit" ? `Rule ${values.name} saved.` : `Rule ${values.name} created.`,
    );
    setEditing({ kind: "none" });
    reload();
  };

  const remove = async (name: string) => {
    setBusy(true);
    setChangeError(undefined);
    try {
      await deleteSamplingRule(name);
      setConfirming(undefined);
      setDone(`Rule ${name} deleted.`);
      reload();
    } catch (caught) {
      setChangeError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  const startEditing = (next: Editing) => {
    setDone(undefined);
    setChangeError(undefined);
    setConfirming(undefined);
    setEditing(next);
  };

  return (
    <main className="sampling-page" data-testid={SAMPLING.root}>
      <div className="sampling-content">
        <header className="sampling-header">
          <div>
            <h1>
              Sampling
              <Explain topic="sampling" />
            </h1>
            <p className="sampling-intro">
              SDKs ask this daemon which requests to trace. These are the rules it serves, and the
              statistics SDKs sent back. Refreshes every {REFRESH_MS / 1000} seconds.
            </p>
          </div>
          {data !== undefined && (
            <button
              type="button"
              className="action-button sampling-button primary"
              data-testid={SAMPLING.newRule}
              disabled={editing.kind === "new" || atLimit}
              title={
                atLimit
                  ? `X-Ray allows ${SAMPLING_RULE_LIMITS.maxRules} rules besides Default: delete one first`
                  : undefined
              }
              onClick={() => startEditing({ kind: "new" })}
            >
              New rule
            </button>
          )}
        </header>
        {error !== undefined && (
          <p className="sampling-error" role="alert" data-testid={SAMPLING.error}>
            Could not read the sampling state: {error}
          </p>
        )}
        {changeError !== undefined && (
          <p className="sampling-error" role="alert" data-testid={SAMPLING.changeError}>
            The daemon refused the change: {changeError}
          </p>
        )}
        <p className="sampling-done" role="status" data-testid={SAMPLING.done}>
          {done}
        </p>
        {data === undefined ? (
          error === undefined && <p className="sampling-muted">Loading…</p>
        ) : (
          <>
            <p className="sampling-status" data-testid={SAMPLING.status}>
              Rules last fetched by an SDK:{" "}
              <TimeAgo iso={data.lastRulesFetch} now={now} never="never yet" />
              {" · "}statistics last reported:{" "}
              <TimeAgo iso={data.lastTargetsFetch} now={now} never="never yet" />
            </p>
            {data.lastRulesFetch === null && (
              <p className="sampling-hint">
                No SDK has asked for rules yet. The Node SDK asks on the first request it traces,
                over TCP to the daemon address: check that <code>AWS_XRAY_DAEMON_ADDRESS</code>{" "}
                points here.
              </p>
            )}
            {editing.kind === "new" && (
              <SamplingRuleForm
                rules={rules}
                onSave={save}
                onCancel={() => setEditing({ kind: "none" })}
              />
            )}
            {edited !== undefined && (
              <SamplingRuleForm
                key={edited.RuleName}
                rule={edited}
                rules={rules}
                onSave={save}
                onCancel={() => setEditing({ kind: "none" })}
              />
            )}
            <p className="sampling-muted" data-testid={SAMPLING.ruleCount}>
              {customCount.length} of {SAMPLING_RULE_LIMITS.maxRules} rules besides Default. SDKs
              pick up a change at their next fetch of the rules (every 5 minutes for the Node SDK,
              or on restart).
            </p>
            <SamplingRulesTable
              rules={data.rules}
              now={now}
              actions={{
                onEdit: (name) => startEditing({ kind: "edit", name }),
                onAskDelete: (name) => {
                  setDone(undefined);
                  setConfirming(name);
                },
                onDelete: (name) => void remove(name),
                onCancelDelete: () => setConfirming(undefined),
                confirming,
                busy,
              }}
            />
            <h2 className="sampling-section">Reporting SDKs</h2>
            <SamplingClients clients={data.clients} reports={data.recentReports} now={now} />
          </>
        )}
      </div>
      <SamplingExplainer />
    </main>
  );
}
