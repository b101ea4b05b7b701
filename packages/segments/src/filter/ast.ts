/** The syntax tree of a filter expression, as `parseFilter` returns it. */

import type { TraceId } from "../units.ts";
import type { KeywordName, RootCauseKind, RootCauseLevel } from "./keywords.ts";

/** Where a node's text is in the source (UTF-16 offsets). */
export interface Span {
  readonly offset: number;
  readonly length: number;
}

export type BooleanOperator = "=" | "!=";
export type NumberOperator = "=" | "!=" | "<" | "<=" | ">" | ">=";
export type StringOperator = "=" | "!=" | "CONTAINS" | "BEGINSWITH" | "ENDSWITH";

/** `operator value`, typed by the value written. */
export type Comparison =
  | { readonly type: "boolean"; readonly operator: BooleanOperator; readonly value: boolean }
  | { readonly type: "number"; readonly operator: NumberOperator; readonly value: number }
  | { readonly type: "string"; readonly operator: StringOperator; readonly value: string };

/** `id(name: "n", type: "T")` or a bare `"n"`: at least one of the two is set. */
export interface ServiceSelector {
  readonly name: string | undefined;
  readonly type: string | undefined;
}

export type FilterNode =
  /** An empty or blank expression. */
  | { readonly kind: "all"; readonly span: Span }
  | { readonly kind: "or"; readonly operands: readonly FilterNode[]; readonly span: Span }
  | { readonly kind: "and"; readonly operands: readonly FilterNode[]; readonly span: Span }
  | { readonly kind: "not"; readonly operand: FilterNode; readonly span: Span }
  /** A keyword alone (`fault`, `http.url`) has no comparison. */
  | {
      readonly kind: "keyword";
      readonly keyword: KeywordName;
      readonly comparison: Comparison | undefined;
      readonly span: Span;
    }
  | {
      readonly kind: "annotation";
      readonly key: string;
      readonly comparison: Comparison | undefined;
      readonly span: Span;
    }
  /** `service()` has no target; a missing `{ }` leaves no body. */
  | {
      readonly kind: "service";
      readonly target: ServiceSelector | undefined;
      readonly body: FilterNode | undefined;
      readonly span: Span;
    }
  | {
      readonly kind: "edge";
      readonly from: ServiceSelector;
      readonly to: ServiceSelector;
      readonly body: FilterNode | undefined;
      readonly span: Span;
    }
  | {
      readonly kind: "group";
      readonly by: "name" | "arn";
      readonly operator: BooleanOperator;
      readonly value: string;
      readonly span: Span;
    }
  | { readonly kind: "trace-id"; readonly id: TraceId; readonly span: Span }
  /**
   * `rootcause.fault.service { expr }`: some root cause of that kind has a service (entity,
   * exception) the body holds for; without a body, the trace has such a root cause.
   */
  | {
      readonly kind: "rootcause";
      readonly cause: RootCauseKind;
      readonly level: RootCauseLevel;
      readonly body: FilterNode | undefined;
      readonly span: Span;
    }
  /**
   * `rootcause.json = #[{...}]`: every pattern matches some root cause of the trace (`!=`:
   * not so); without a comparison (`patterns` undefined), the trace has a root cause.
   */
  | {
      readonly kind: "rootcause-json";
      readonly operator: BooleanOperator;
      readonly patterns: readonly JsonPattern[] | undefined;
      readonly span: Span;
    };

/** A JSON value written in a filter after `#`, as `JSON.parse` returns it. */
export type JsonPattern =
  | null
  | boolean
  | number
  | string
  | readonly JsonPattern[]
  | { readonly [key: string]: JsonPattern };
