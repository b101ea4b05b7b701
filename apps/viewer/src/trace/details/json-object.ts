/** Reading objects out of untrusted documents. */

/** `value` when it is a plain object, else an empty one. */
export function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The entries of `value` not named in `keys`, or undefined when there are none. */
export function withoutKeys(
  value: Record<string, unknown>,
  keys: readonly string[],
): Record<string, unknown> | undefined {
  const rest = Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
  return Object.keys(rest).length > 0 ? rest : undefined;
}
