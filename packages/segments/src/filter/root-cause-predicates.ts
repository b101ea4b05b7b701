/** `rootcause.KIND.LEVEL { }` and `rootcause.json = #[...]` over a trace's root causes. */

import type { ResponseTimeRootCause, RootCause, RootCauseException } from "../root-causes.ts";
import type { BooleanOperator, JsonPattern } from "./ast.ts";
import type { Predicate } from "./compare.ts";
import type { RootCauseKind } from "./keywords.ts";
import type { CauseEntity, CauseService, Listed } from "./root-cause-keywords.ts";
import type { TraceState } from "./trace-state.ts";

type AnyRootCause = RootCause | ResponseTimeRootCause;

function causesOf(trace: TraceState, kind: RootCauseKind): readonly AnyRootCause[] {
  const causes = trace.rootCauses;
  switch (kind) {
    case "fault":
      return causes.FaultRootCauses;
    case "error":
      return causes.ErrorRootCauses;
    case "responsetime":
      return causes.ResponseTimeRootCauses;
  }
}

/**
 * Some root cause of `kind` has an element (`elements` lists them) the body holds for;
 * without a body, some root cause of `kind` has an element at all.
 */
function listPredicate<Item>(
  kind: RootCauseKind,
  elements: (cause: AnyRootCause) => readonly Item[],
  body: Predicate<Listed<Item>> | undefined,
): Predicate<TraceState> {
  return (trace) => {
    for (const cause of causesOf(trace, kind)) {
      const items = elements(cause);
      const count = items.length;
      if (body === undefined) {
        if (count > 0) return true;
        continue;
      }
      for (let index = 0; index < count; index++) {
        const item = items[index];
        if (item !== undefined && body({ item, index, count })) return true;
      }
    }
    return false;
  };
}

export function causeServicePredicate(
  kind: RootCauseKind,
  body: Predicate<Listed<CauseService>> | undefined,
): Predicate<TraceState> {
  return listPredicate<CauseService>(kind, (cause) => cause.Services, body);
}

export function causeEntityPredicate(
  kind: RootCauseKind,
  body: Predicate<Listed<CauseEntity>> | undefined,
): Predicate<TraceState> {
  return listPredicate<CauseEntity>(kind, entitiesOf, body);
}

export function causeExceptionPredicate(
  kind: RootCauseKind,
  body: Predicate<Listed<RootCauseException>> | undefined,
): Predicate<TraceState> {
  return listPredicate<RootCauseException>(
    kind,
    (cause) =>
      entitiesOf(cause).flatMap((entity) => ("Exceptions" in entity ? entity.Exceptions : [])),
    body,
  );
}

function entitiesOf(cause: AnyRootCause): readonly CauseEntity[] {
  return cause.Services.flatMap((service): readonly CauseEntity[] => service.EntityPath);
}

/**
 * `=`: every pattern matches some root cause of the trace, of any kind; `!=`: not so.
 * Without patterns, the trace has some root cause.
 */
export function rootCauseJsonPredicate(
  operator: BooleanOperator,
  patterns: readonly JsonPattern[] | undefined,
): Predicate<TraceState> {
  const matches = (trace: TraceState): boolean => {
    const { FaultRootCauses, ErrorRootCauses, ResponseTimeRootCauses } = trace.rootCauses;
    const all: readonly AnyRootCause[] = [
      ...FaultRootCauses,
      ...ErrorRootCauses,
      ...ResponseTimeRootCauses,
    ];
    if (patterns === undefined) return all.length > 0;
    return patterns.every((pattern) => all.some((cause) => jsonContains(cause, pattern)));
  };
  return operator === "=" ? matches : (trace) => !matches(trace);
}

/**
 * Whether `actual` has what `pattern` writes: an object's keys must all be there (others may
 * be too) with matching values, an array must have as many elements matching in order, and
 * anything else must be equal.
 */
export function jsonContains(actual: unknown, pattern: JsonPattern): boolean {
  if (Array.isArray(pattern)) {
    if (!Array.isArray(actual) || actual.length !== pattern.length) return false;
    return pattern.every((element: JsonPattern, index) => jsonContains(actual[index], element));
  }
  if (typeof pattern === "object" && pattern !== null) {
    if (typeof actual !== "object" || actual === null || Array.isArray(actual)) return false;
    const record = actual as Readonly<Record<string, unknown>>;
    for (const [key, value] of Object.entries(pattern)) {
      if (!Object.hasOwn(record, key) || !jsonContains(record[key], value)) return false;
    }
    return true;
  }
  return actual === pattern;
}
