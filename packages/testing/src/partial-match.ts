/**
 * Partial deep matching, as `toMatchObject` does it: every key the expectation names must
 * match, keys it leaves out are ignored. Arrays match element by element and must have the
 * same length. A RegExp matches a string it finds a match in; `expect.any(...)` and the other
 * asymmetric matchers of vitest and Jest match as they would there.
 */

import { isAsymmetricMatcher } from "./format-value.ts";

export interface Mismatch {
  /** Where, e.g. `annotations.userId` or `cause.exceptions[0].message`. */
  readonly path: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

export function findMismatches(actual: unknown, expected: unknown, path = ""): Mismatch[] {
  if (isAsymmetricMatcher(expected)) {
    return expected.asymmetricMatch(actual) ? [] : [{ path, expected, actual }];
  }
  if (expected instanceof RegExp) {
    return typeof actual === "string" && new RegExp(expected.source, expected.flags).test(actual)
      ? []
      : [{ path, expected, actual }];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      return [{ path, expected, actual }];
    }
    return expected.flatMap((item, index) =>
      findMismatches(actual[index], item, `${path}[${index}]`),
    );
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return [{ path, expected, actual }];
    return Object.entries(expected).flatMap(([key, value]) =>
      findMismatches(actual[key], value, path === "" ? key : `${path}.${key}`),
    );
  }
  return Object.is(actual, expected) ? [] : [{ path, expected, actual }];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
