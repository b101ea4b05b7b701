import { type EpochSeconds, epochSeconds, type SamplingRuleRecord } from "@xray-sandbox/segments";
import { checkSamplingRule, mergeSamplingRuleUpdate } from "./check-sampling-rule.ts";
import {
  DEFAULT_RULE,
  DEFAULT_RULE_NAME,
  type SamplingRuleDefinition,
  samplingRuleArn,
} from "./sampling-rule.ts";
import { MAX_SAMPLING_RULES } from "./sampling-rule-list.ts";

/** How a change to the rules was refused; the API turns each kind into X-Ray's error. */
export type RuleChangeError =
  | { readonly kind: "invalid"; readonly message: string }
  | { readonly kind: "not-found"; readonly message: string }
  | { readonly kind: "limit"; readonly message: string };

export type RuleChange =
  | { readonly ok: true; readonly record: SamplingRuleRecord }
  | { readonly ok: false; readonly error: RuleChangeError };

/** A rule named by `RuleName` or `RuleARN`, as the API's requests name them. */
export interface RuleRef {
  readonly RuleName?: string | undefined;
  readonly RuleARN?: string | undefined;
}

/**
 * The rules the daemon serves: `Default` (always there, never deleted) plus up to
 * MAX_SAMPLING_RULES more, with X-Ray's checks on every change.
 */
export class SamplingRuleSet {
  readonly #rules = new Map<string, SamplingRuleRecord>();
  readonly #now: () => EpochSeconds;
  readonly #listeners = new Set<(records: readonly SamplingRuleRecord[]) => void>();
  #lastModification: EpochSeconds;

  /** `initial` is checked already (a rules file, the `samplingRules` option). */
  constructor(
    initial: readonly SamplingRuleDefinition[] = [],
    now: () => EpochSeconds = () => epochSeconds(Date.now() / 1000),
  ) {
    this.#now = now;
    this.#lastModification = now();
    this.#put(DEFAULT_RULE, this.#lastModification);
    for (const rule of initial) this.#put(rule, this.#lastModification);
  }

  /** Called with every rule after each change (create, update, delete). */
  subscribe(listener: (records: readonly SamplingRuleRecord[]) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** The order SDKs apply them in: priority, then name. */
  records(): SamplingRuleRecord[] {
    return [...this.#rules.values()].sort(
      (a, b) =>
        a.SamplingRule.Priority - b.SamplingRule.Priority ||
        compare(a.SamplingRule.RuleName, b.SamplingRule.RuleName),
    );
  }

  get(name: string): SamplingRuleRecord | undefined {
    return this.#rules.get(name);
  }

  /** When a rule last changed; SDKs refetch the rules when this moves past their copy. */
  get lastModification(): EpochSeconds {
    return this.#lastModification;
  }

  create(input: unknown): RuleChange {
    const checked = checkSamplingRule(input, { unknownFields: "ignore" });
    if (!checked.ok) return invalid(checked.message);
    const name = checked.rule.RuleName;
    if (this.#rules.has(name)) {
      return invalid(`a sampling rule named ${JSON.stringify(name)} already exists`);
    }
    if (this.#rules.size - 1 >= MAX_SAMPLING_RULES) {
      return {
        ok: false,
        error: {
          kind: "limit",
          message: `at most ${MAX_SAMPLING_RULES} sampling rules besides Default; delete one first`,
        },
      };
    }
    return this.#changed({ ok: true, record: this.#put(checked.rule, this.#touch()) });
  }

  update(ref: RuleRef, changes: Readonly<Record<string, unknown>>): RuleChange {
    const found = this.#find(ref);
    if (!found.ok) return found;
    const current = found.record;
    const { RuleARN: _arn, ...definition } = current.SamplingRule;
    const checked = mergeSamplingRuleUpdate(definition, changes);
    if (!checked.ok) return invalid(checked.message);
    return this.#changed({
      ok: true,
      record: this.#put(checked.rule, this.#touch(), current.CreatedAt),
    });
  }

  delete(ref: RuleRef): RuleChange {
    const found = this.#find(ref);
    if (!found.ok) return found;
    const name = found.record.SamplingRule.RuleName;
    if (name === DEFAULT_RULE_NAME) return invalid("the Default sampling rule cannot be deleted");
    this.#rules.delete(name);
    this.#touch();
    return this.#changed(found);
  }

  #changed(change: RuleChange): RuleChange {
    if (this.#listeners.size > 0) {
      const records = this.records();
      for (const listener of this.#listeners) listener(records);
    }
    return change;
  }

  #find(ref: RuleRef): RuleChange {
    if (ref.RuleName === undefined && ref.RuleARN === undefined) {
      return invalid("give RuleName or RuleARN");
    }
    if (ref.RuleName !== undefined && ref.RuleARN !== undefined) {
      return invalid("give RuleName or RuleARN, not both");
    }
    const record =
      ref.RuleName !== undefined
        ? this.#rules.get(ref.RuleName)
        : [...this.#rules.values()].find((each) => each.SamplingRule.RuleARN === ref.RuleARN);
    if (record === undefined) {
      const which = ref.RuleName ?? ref.RuleARN ?? "";
      return {
        ok: false,
        error: { kind: "not-found", message: `no sampling rule ${JSON.stringify(which)}` },
      };
    }
    return { ok: true, record };
  }

  #put(
    rule: SamplingRuleDefinition,
    modifiedAt: EpochSeconds,
    createdAt: EpochSeconds = modifiedAt,
  ): SamplingRuleRecord {
    const record: SamplingRuleRecord = {
      SamplingRule: { ...rule, RuleARN: samplingRuleArn(rule.RuleName) },
      CreatedAt: createdAt,
      ModifiedAt: modifiedAt,
    };
    this.#rules.set(rule.RuleName, record);
    return record;
  }

  #touch(): EpochSeconds {
    this.#lastModification = this.#now();
    return this.#lastModification;
  }
}

function invalid(message: string): RuleChange {
  return { ok: false, error: { kind: "invalid", message } };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
