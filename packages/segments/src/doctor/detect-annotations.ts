/** Annotations X-Ray would not index as sent: bad keys, bad values, too many, keys rewritten from spans. */

import { describeValue } from "../describe-value.ts";
import { annotationKey } from "../otlp/annotations-metadata.ts";
import { type DoctorTrace, spanOf } from "./doctor-nodes.ts";
import { nodeLabel, type ProblemSink, problemOf, quoted } from "./problem-list.ts";

const ANNOTATION_KEY = /^[A-Za-z0-9_]+$/;
/** X-Ray indexes at most this many annotations per trace. */
export const MAX_ANNOTATIONS_PER_TRACE = 50;

/** `annotation-dropped` (bad key, bad value, past 50) and `annotation-key-rewritten` (spans). */
export function detectAnnotationProblems({ nodes }: DoctorTrace, report: ProblemSink): void {
  const keys = new Set<string>();
  let overLimit: { node: (typeof nodes)[number]; key: string; count: number } | undefined;
  for (const entry of nodes) {
    const annotations: unknown = entry.document.annotations;
    if (typeof annotations !== "object" || annotations === null || Array.isArray(annotations)) {
      continue;
    }
    const span = spanOf(entry);
    for (const [key, value] of Object.entries(annotations)) {
      const badKey = !ANNOTATION_KEY.test(key);
      const badValue =
        typeof value !== "string" &&
        typeof value !== "boolean" &&
        !(typeof value === "number" && Number.isFinite(value));
      if (badKey) {
        report(
          problemOf(
            "annotation-dropped",
            `${nodeLabel(entry)} has annotation ${quoted(key)}, whose key has characters other than letters, digits and _: X-Ray drops it silently (it would index ${quoted(annotationKey(key))}).`,
            entry,
          ),
        );
      } else if (badValue) {
        report(
          problemOf(
            "annotation-dropped",
            `${nodeLabel(entry)} has annotation ${quoted(key)} = ${describeValue(value)}: only strings, numbers and booleans are indexed, so X-Ray drops it.`,
            entry,
          ),
        );
      }
      if (!keys.has(key)) {
        keys.add(key);
        if (keys.size === MAX_ANNOTATIONS_PER_TRACE + 1) {
          overLimit = { node: entry, key, count: 0 };
        }
      }
      if (span !== undefined && !badKey) {
        const original = Object.keys(span.attributes).find(
          (attribute) => attribute !== key && annotationKey(attribute) === key,
        );
        if (original !== undefined) {
          report(
            problemOf(
              "annotation-key-rewritten",
              `The span attribute ${quoted(original)} of ${nodeLabel(entry)} became the annotation ${quoted(key)}: filter with annotation.${key}.`,
              entry,
            ),
          );
        }
      }
    }
  }
  if (overLimit !== undefined) {
    const extra = keys.size - MAX_ANNOTATIONS_PER_TRACE;
    report(
      problemOf(
        "annotation-dropped",
        `The trace has ${keys.size} distinct annotation keys; X-Ray indexes ${MAX_ANNOTATIONS_PER_TRACE} per trace, so ${extra} (from ${quoted(overLimit.key)} in ${nodeLabel(overLimit.node)} on) would be lost.`,
        overLimit.node,
      ),
    );
  }
}
