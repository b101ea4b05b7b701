/** Building JSON objects from keys senders chose, safely and without empty fields. */

/** A copy of `value` without its `undefined` fields, so the JSON carries only what was set. */
export function compactObject<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  const fields = value as Record<string, unknown>;
  for (const key in fields) {
    const field = fields[key];
    if (field !== undefined && Object.hasOwn(fields, key)) out[key] = field;
  }
  return out as T;
}

/**
 * `target[key] = value` as an own property, even for a key such as `__proto__` (which plain
 * assignment would treat as the object's prototype).
 */
export function setField<T>(target: Record<string, T>, key: string, value: T): void {
  // Plain assignment keeps the object fast; only `__proto__` needs the slow path.
  if (key !== "__proto__") {
    target[key] = value;
    return;
  }
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
