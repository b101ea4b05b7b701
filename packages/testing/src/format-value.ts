/** Values as failure messages show them: short, one line, strings quoted. */

const MAX_CHARS = 160;

/** `expect.any(Number)`, `expect.stringContaining("x")`: the protocol vitest and Jest share. */
export interface AsymmetricMatcher {
  asymmetricMatch(other: unknown): boolean;
  toString(): string;
  toAsymmetricMatcher?(): string;
}

export function isAsymmetricMatcher(value: unknown): value is AsymmetricMatcher {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Partial<AsymmetricMatcher>).asymmetricMatch === "function"
  );
}

export function formatValue(value: unknown): string {
  if (value === undefined) return "(absent)";
  if (value instanceof RegExp) return String(value);
  if (isAsymmetricMatcher(value)) {
    return value.toAsymmetricMatcher?.() ?? value.toString();
  }
  let text: string;
  try {
    text = JSON.stringify(value, (_key, inner: unknown) => {
      if (inner instanceof RegExp) return String(inner);
      if (isAsymmetricMatcher(inner)) return inner.toAsymmetricMatcher?.() ?? inner.toString();
      return typeof inner === "bigint" ? `${inner}n` : inner;
    });
  } catch {
    text = String(value);
  }
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text;
}
