/** Metadata that did not survive JSON as the code had it, and namespaces reserved for AWS. */

import type { DoctorTrace } from "./doctor-nodes.ts";
import { nodeLabel, type ProblemSink, problemOf, quoted } from "./problem-list.ts";

/** Values looked at per document before giving up (metadata can be large). */
const MAX_VALUES_CHECKED = 2_000;
/** Digits past `Number.MAX_SAFE_INTEGER` (16 digits) in a string: a BigInt or a 64-bit integer. */
const BIG_INTEGER_TEXT = /^-?\d{17,}$/;
const OBJECT_TEXT = /^\[object [A-Za-z]+\]$|^\[Circular\]$|^\[Function(: [^\]]*)?\]$/;

/** `namespace-reserved` and `metadata-not-serialisable`. */
export function detectMetadataProblems({ nodes }: DoctorTrace, report: ProblemSink): void {
  for (const entry of nodes) {
    const metadata: unknown = entry.document.metadata;
    if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) continue;
    for (const [namespace, values] of Object.entries(metadata)) {
      if (namespace.startsWith("AWS.")) {
        report(
          problemOf(
            "namespace-reserved",
            `${nodeLabel(entry)} puts metadata in the namespace ${quoted(namespace)}: namespaces starting with "AWS." are reserved for AWS.`,
            entry,
          ),
        );
      }
      const hint = firstUnserialisable(values, namespace);
      if (hint !== undefined) {
        report(
          problemOf(
            "metadata-not-serialisable",
            `${nodeLabel(entry)} has metadata ${hint.path} = ${quoted(hint.text)}: ${hint.meaning}`,
            entry,
          ),
        );
      }
    }
  }
}

interface Hint {
  readonly path: string;
  readonly text: string;
  readonly meaning: string;
}

function firstUnserialisable(root: unknown, namespace: string): Hint | undefined {
  const stack: Array<{ value: unknown; path: string }> = [{ value: root, path: namespace }];
  let checked = 0;
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (++checked > MAX_VALUES_CHECKED) return undefined;
    const { value, path } = item;
    if (typeof value === "string") {
      if (BIG_INTEGER_TEXT.test(value)) {
        return {
          path,
          text: value,
          meaning:
            "an integer too large for a JSON number, sent as text (a BigInt or 64-bit integer the SDK turned into a string); X-Ray keeps it as a string.",
        };
      }
      if (OBJECT_TEXT.test(value)) {
        return {
          path,
          text: value,
          meaning: "an object or function turned into text: its contents were lost on the way.",
        };
      }
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], path: `${path}[${i}]` });
      continue;
    }
    const entries = Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const pair = entries[i];
      if (pair !== undefined) stack.push({ value: pair[1], path: `${path}.${pair[0]}` });
    }
  }
  return undefined;
}
