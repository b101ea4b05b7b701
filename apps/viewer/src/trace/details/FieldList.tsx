import type { ReactNode } from "react";

export interface Field {
  readonly label: ReactNode;
  readonly value: ReactNode;
  /** Ids, paths, URLs: set in the monospace font. */
  readonly mono?: boolean;
  readonly key?: string;
}

/** Label/value pairs; entries given as `undefined` or `false` are left out. */
export function FieldList({ fields }: { fields: ReadonlyArray<Field | undefined | false> }) {
  const shown = fields.filter((field): field is Field => Boolean(field));
  if (shown.length === 0) return null;
  return (
    <dl className="trace-fields">
      {shown.map((field, index) => (
        <div
          className="trace-field"
          key={field.key ?? (typeof field.label === "string" ? field.label : index)}
        >
          <dt>{field.label}</dt>
          <dd className={field.mono ? "trace-mono" : undefined}>{field.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A field's value as text, whatever JSON it holds; undefined when absent. */
export function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** A field for `value` when the document has it. */
export function field(label: ReactNode, value: unknown, mono = false): Field | undefined {
  const text = textOf(value);
  return text === undefined
    ? undefined
    : { label, value: text, mono, key: typeof label === "string" ? label : undefined };
}
