import type { SamplingRule } from "@xray-sandbox/segments";
import { SAMPLING_MATCHER_MAX_CHARS, SAMPLING_RULE_LIMITS } from "@xray-sandbox/segments";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { RuleField } from "./RuleField.tsx";
import {
  type AttributeEntry,
  firstProblemField,
  hasProblems,
  isDefaultRuleName,
  MATCHER_FIELDS,
  type RuleFormValues,
  ruleFormProblems,
  ruleFormValues,
} from "./rule-form.ts";
import { SAMPLING_RULE_FORM as FORM } from "./SamplingRuleForm.markers.ts";

interface SamplingRuleFormProps {
  /** The rule to edit (its name cannot change); undefined to create one. */
  rule?: SamplingRule;
  /** Every rule's name and priority, for the checks and a new rule's priority. */
  rules: readonly SamplingRule[];
  /** Saves the rule; a rejection's message is shown in the form. */
  onSave: (values: RuleFormValues) => Promise<void>;
  onCancel: () => void;
}

/**
 * Create or edit a sampling rule. Every field is checked as it is typed, with the daemon's
 * limits; the problem shows beside the field. `Default` keeps its matchers and priority.
 */
export function SamplingRuleForm({ rule, rules, onSave, onCancel }: SamplingRuleFormProps) {
  const headingId = useId();
  const editing = rule !== undefined;
  const [values, setValues] = useState<RuleFormValues>(() =>
    ruleFormValues(
      rule,
      rules.map((r) => r.Priority),
    ),
  );
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | undefined>(undefined);
  const nextAttributeId = useRef(values.attributes.length);
  const formRef = useRef<HTMLFormElement>(null);

  const isDefault = editing && isDefaultRuleName(rule.RuleName);
  // The form opens where the user starts typing: its first field that can change.
  useEffect(() => {
    formRef.current?.querySelector<HTMLInputElement>("input:not(:disabled)")?.focus();
  }, []);
  const problems = ruleFormProblems(values, {
    editing,
    existingNames: rules.map((r) => r.RuleName),
  });
  const shown = (key: string, problem: string | undefined) =>
    submitted || touched.has(key) ? problem : undefined;

  const change = (key: string, next: Partial<RuleFormValues>) => {
    setValues((previous) => ({ ...previous, ...next }));
    setTouched((previous) => new Set(previous).add(key));
  };
  const changeAttribute = (id: number, part: "key" | "value", text: string) => {
    setValues((previous) => ({
      ...previous,
      attributes: previous.attributes.map((entry) =>
        entry.id === id ? { ...entry, [part]: text } : entry,
      ),
    }));
    setTouched((previous) => new Set(previous).add(`attribute-${id}-${part}`));
  };
  const addAttribute = () => {
    const entry: AttributeEntry = { id: nextAttributeId.current++, key: "", value: "" };
    setValues((previous) => ({ ...previous, attributes: [...previous.attributes, entry] }));
  };
  const removeAttribute = (id: number) =>
    setValues((previous) => ({
      ...previous,
      attributes: previous.attributes.filter((entry) => entry.id !== id),
    }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (hasProblems(problems)) {
      const first = firstProblemField(problems, values);
      const field = first === undefined ? null : formRef.current?.elements.namedItem(first);
      if (field instanceof HTMLElement) field.focus();
      return;
    }
    setSaving(true);
    setServerError(undefined);
    try {
      await onSave(values);
    } catch (error) {
      setServerError(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  const title = editing ? `Edit rule ${rule.RuleName}` : "New sampling rule";
  return (
    <form
      ref={formRef}
      className="form-card rule-form"
      data-testid={FORM.root}
      aria-labelledby={headingId}
      onSubmit={submit}
      noValidate
    >
      <h2 id={headingId}>{title}</h2>
      <fieldset className="rule-form-group">
        <legend>Rule</legend>
        <RuleField
          label="Name"
          name="name"
          value={values.name}
          disabled={editing}
          placeholder="checkout-posts"
          problem={shown("name", problems.fields.name)}
          hint={
            editing
              ? "A rule keeps its name; create a new one to rename it."
              : `Up to ${SAMPLING_RULE_LIMITS.maxRuleNameChars} characters.`
          }
          onChange={(name) => change("name", { name })}
          testId={FORM.name}
        />
        <RuleField
          label="Priority"
          name="priority"
          value={isDefault ? "last" : values.priority}
          disabled={isDefault}
          inputMode="numeric"
          problem={shown("priority", problems.fields.priority)}
          hint={
            isDefault
              ? "Default is tried after every other rule."
              : `${SAMPLING_RULE_LIMITS.minPriority} to ${SAMPLING_RULE_LIMITS.maxPriority}; lower numbers are tried first.`
          }
          onChange={(priority) => change("priority", { priority })}
          testId={FORM.priority}
        />
        <RuleField
          label="Reservoir"
          name="reservoir"
          value={values.reservoir}
          inputMode="numeric"
          suffix="per second"
          problem={shown("reservoir", problems.fields.reservoir)}
          hint="Matching requests traced each second before the fixed rate applies."
          onChange={(reservoir) => change("reservoir", { reservoir })}
          testId={FORM.reservoir}
        />
        <RuleField
          label="Fixed rate"
          name="ratePercent"
          value={values.ratePercent}
          inputMode="decimal"
          suffix="%"
          problem={shown("ratePercent", problems.fields.ratePercent)}
          hint="Share of the other matching requests traced, 0 to 100."
          onChange={(ratePercent) => change("ratePercent", { ratePercent })}
          testId={FORM.rate}
        />
      </fieldset>
      {isDefault ? (
        <p className="rule-form-note" data-testid={FORM.defaultNote}>
          Default matches every request that no other rule matched: only its reservoir and fixed
          rate can change, as in X-Ray.
        </p>
      ) : (
        <fieldset className="rule-form-group">
          <legend>Requests it matches</legend>
          <p className="rule-form-note">
            <code>*</code> matches any text and <code>?</code> any one character. A request must
            match every field.
          </p>
          {MATCHER_FIELDS.map(({ field, label }) => (
            <RuleField
              key={field}
              label={label}
              name={field}
              value={values.matchers[field]}
              problem={shown(field, problems.fields[field])}
              hint={`Up to ${SAMPLING_MATCHER_MAX_CHARS[field]} characters.`}
              onChange={(text) =>
                change(field, { matchers: { ...values.matchers, [field]: text } })
              }
              testId={FORM.matcher(field)}
            />
          ))}
          <AttributeRows
            attributes={values.attributes}
            problems={problems.attributes}
            shown={shown}
            onChange={changeAttribute}
            onAdd={addAttribute}
            onRemove={removeAttribute}
          />
        </fieldset>
      )}
      {serverError !== undefined && (
        <p className="rule-form-server-error" role="alert" data-testid={FORM.serverError}>
          The daemon refused the rule: {serverError}
        </p>
      )}
      <div className="rule-form-actions">
        <button
          type="submit"
          className="action-button sampling-button primary"
          disabled={saving}
          data-testid={FORM.submit}
        >
          {saving ? "Saving…" : editing ? "Save rule" : "Create rule"}
        </button>
        <button
          type="button"
          className="action-button sampling-button"
          onClick={onCancel}
          data-testid={FORM.cancel}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}

interface AttributeRowsProps {
  attributes: readonly AttributeEntry[];
  problems: Readonly<Record<number, { key?: string; value?: string }>>;
  shown: (key: string, problem: string | undefined) => string | undefined;
  onChange: (id: number, part: "key" | "value", text: string) => void;
  onAdd: () => void;
  onRemove: (id: number) => void;
}

function AttributeRows({
  attributes,
  problems,
  shown,
  onChange,
  onAdd,
  onRemove,
}: AttributeRowsProps) {
  return (
    <div className="rule-attributes" data-testid={FORM.attributes}>
      <p className="rule-attributes-title">Attributes</p>
      {attributes.length === 0 && (
        <p className="rule-form-note">
          None: the rule matches whatever attributes a request has. Attributes come from the
          request, e.g. a header the SDK reads.
        </p>
      )}
      {attributes.map((entry, index) => (
        <div className="rule-attribute" key={entry.id} data-testid={FORM.attribute}>
          <RuleField
            label={`Attribute ${index + 1} name`}
            name={`attribute-${entry.id}-key`}
            value={entry.key}
            problem={shown(`attribute-${entry.id}-key`, problems[entry.id]?.key)}
            onChange={(text) => onChange(entry.id, "key", text)}
            testId={FORM.attributeKey}
          />
          <RuleField
            label={`Attribute ${index + 1} value`}
            name={`attribute-${entry.id}-value`}
            value={entry.value}
            problem={shown(`attribute-${entry.id}-value`, problems[entry.id]?.value)}
            onChange={(text) => onChange(entry.id, "value", text)}
            testId={FORM.attributeValue}
          />
          <button
            type="button"
            className="action-button sampling-button rule-attribute-remove"
            aria-label={`Remove attribute ${index + 1}`}
            onClick={() => onRemove(entry.id)}
          >
            Remove
          </button>
        </div>
      ))}
      <button
        type="button"
        className="action-button sampling-button"
        onClick={onAdd}
        data-testid={FORM.addAttribute}
      >
        Add attribute
      </button>
    </div>
  );
}
