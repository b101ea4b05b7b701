import type { SamplingMatcherField } from "@xray-sandbox/segments";

export const SAMPLING_RULE_FORM = {
  root: "sampling-rule-form",
  name: "rule-form-name",
  priority: "rule-form-priority",
  reservoir: "rule-form-reservoir",
  rate: "rule-form-rate",
  /** A matcher's field: `rule-form-ServiceName`, `rule-form-URLPath`, … */
  matcher: (field: SamplingMatcherField) => `rule-form-${field}`,
  attributes: "rule-form-attributes",
  attribute: "rule-form-attribute",
  attributeKey: "rule-form-attribute-key",
  attributeValue: "rule-form-attribute-value",
  addAttribute: "rule-form-add-attribute",
  defaultNote: "rule-form-default-note",
  serverError: "rule-form-server-error",
  submit: "rule-form-submit",
  cancel: "rule-form-cancel",
} as const;

/** A field's problem, shown beside it: the field's test id with `-error`. */
export function fieldErrorTestId(fieldTestId: string): string {
  return `${fieldTestId}-error`;
}
