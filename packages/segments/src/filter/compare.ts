/**
 * How a comparison applies to a field, built once per compiled filter so that matching does
 * no parsing and no operator dispatch. A field has no value, one value, or several (`user`:
 * every user in the trace). A comparison with a field that has no value is false, `!=`
 * included; `=`, `<`, `CONTAINS`, ... hold when some value satisfies them, and `!=` holds
 * when no value equals the one written.
 */

import type { AnnotationValue } from "../document.ts";
import type { Comparison, NumberOperator, StringOperator } from "./ast.ts";

export type Predicate<X> = (subject: X) => boolean;

/** A string field's value(s); undefined or `[]` when the field is absent. */
export type StringValues = string | readonly string[] | undefined;

const NEVER = (): boolean => false;

export function booleanPredicate<X>(
  read: (subject: X) => boolean,
  comparison: Comparison | undefined,
): Predicate<X> {
  if (comparison === undefined) return read;
  if (comparison.type !== "boolean") return NEVER;
  const wanted = comparison.operator === "=" ? comparison.value : !comparison.value;
  return wanted ? read : (subject) => !read(subject);
}

export function numberPredicate<X>(
  read: (subject: X) => number | undefined,
  comparison: Comparison | undefined,
): Predicate<X> {
  if (comparison === undefined) return (subject) => read(subject) !== undefined;
  if (comparison.type !== "number") return NEVER;
  const test = numberTest(comparison.operator, comparison.value);
  return (subject) => {
    const value = read(subject);
    return value !== undefined && test(value);
  };
}

export function stringPredicate<X>(
  read: (subject: X) => StringValues,
  comparison: Comparison | undefined,
): Predicate<X> {
  if (comparison === undefined) {
    return (subject) => {
      const values = read(subject);
      return values !== undefined && (typeof values === "string" || values.length > 0);
    };
  }
  if (comparison.type !== "string") return NEVER;
  const wanted = comparison.value;
  if (comparison.operator === "!=") {
    return (subject) => {
      const values = read(subject);
      if (values === undefined) return false;
      if (typeof values === "string") return values !== wanted;
      return values.length > 0 && !values.includes(wanted);
    };
  }
  const test = stringTest(comparison.operator, wanted);
  return (subject) => {
    const values = read(subject);
    if (values === undefined) return false;
    if (typeof values === "string") return test(values);
    return values.some(test);
  };
}

/**
 * An annotation may hold values of several types across the trace; only the values of the
 * type written take part, so `annotation.n = "5"` is false when `n` is the number 5.
 */
export function annotationPredicate<X>(
  read: (subject: X) => readonly AnnotationValue[] | undefined,
  comparison: Comparison | undefined,
): Predicate<X> {
  if (comparison === undefined) return (subject) => (read(subject) ?? []).some(standsTrue);
  const type = comparison.type;
  const test = valueTest(comparison);
  if (comparison.operator === "!=") {
    const wanted = comparison.value;
    return (subject) => {
      let typed = false;
      for (const value of read(subject) ?? []) {
        if (typeof value !== type) continue;
        if (value === wanted) return false;
        typed = true;
      }
      return typed;
    };
  }
  return (subject) => {
    for (const value of read(subject) ?? []) {
      if (typeof value === type && test(value)) return true;
    }
    return false;
  };
}

/**
 * `annotation.KEY` with no operator: a boolean evaluates to its value, as X-Ray documents for
 * boolean keywords; a string or a number counts as present.
 */
function standsTrue(value: AnnotationValue): boolean {
  return typeof value === "boolean" ? value : true;
}

function valueTest(comparison: Comparison): (value: AnnotationValue) => boolean {
  switch (comparison.type) {
    case "boolean": {
      const wanted = comparison.value;
      return (value) => value === wanted;
    }
    case "number": {
      const test = numberTest(comparison.operator, comparison.value);
      return (value) => typeof value === "number" && test(value);
    }
    case "string": {
      const test = stringTest(comparison.operator, comparison.value);
      return (value) => typeof value === "string" && test(value);
    }
  }
}

function numberTest(operator: NumberOperator, wanted: number): (value: number) => boolean {
  switch (operator) {
    case "=":
      return (value) => value === wanted;
    case "!=":
      return (value) => value !== wanted;
    case "<":
      return (value) => value < wanted;
    case "<=":
      return (value) => value <= wanted;
    case ">":
      return (value) => value > wanted;
    case ">=":
      return (value) => value >= wanted;
  }
}

/** Case-sensitive. */
function stringTest(operator: StringOperator, wanted: string): (value: string) => boolean {
  switch (operator) {
    case "=":
      return (value) => value === wanted;
    case "!=":
      return (value) => value !== wanted;
    case "CONTAINS":
      return (value) => value.includes(wanted);
    case "BEGINSWITH":
      return (value) => value.startsWith(wanted);
    case "ENDSWITH":
      return (value) => value.endsWith(wanted);
  }
}
