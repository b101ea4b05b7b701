/** What a test can expect of a segment or subsegment, matched partially and deeply. */

import type { AnnotationValue, CauseObject, HttpBlock, SqlBlock } from "@xray-sandbox/segments";
import type { AsymmetricMatcher } from "./format-value.ts";

/** `T` with every property optional at every depth; strings may be RegExps; any value a matcher. */
export type Matchable<T> =
  | AsymmetricMatcher
  | (T extends string
      ? string | RegExp
      : T extends readonly (infer Item)[]
        ? readonly Matchable<Item>[]
        : T extends object
          ? { readonly [K in keyof T]?: Matchable<T[K]> }
          : T);

export interface NodeExpectation {
  readonly annotations?: Readonly<Record<string, Matchable<AnnotationValue>>>;
  /** Namespace → the values expected under it, e.g. `{ default: { profile: { name: "Ada" } } }`. */
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly http?: Matchable<HttpBlock>;
  readonly sql?: Matchable<SqlBlock>;
  /** The exceptions recorded, or the 16-hex id of an exception recorded elsewhere. */
  readonly cause?: Matchable<CauseObject> | Matchable<string>;
  readonly fault?: Matchable<boolean>;
  readonly error?: Matchable<boolean>;
  readonly throttle?: Matchable<boolean>;
  readonly in_progress?: Matchable<boolean>;
  /** `remote` for calls to other services, `aws` for AWS SDK calls. */
  readonly namespace?: Matchable<string>;
  readonly origin?: Matchable<string>;
  readonly user?: Matchable<string>;
  readonly aws?: Readonly<Record<string, unknown>>;
}
