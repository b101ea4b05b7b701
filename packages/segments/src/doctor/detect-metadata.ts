/** Metadata that did not survive JSON as the code had it, and namespaces reserved for AWS. */

import { MINUS, NINE, OPEN_BRACKET, ZERO } from "../char-codes.ts";
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

/**
 * The first value (depth-first, in order) that looks like something JSON could not carry. The
 * path is written only for the value found: this runs over every document of every changed
 * trace, so the walk itself allocates nothing.
 */
function firstUnserialisable(root: unknown, namespace: string): Hint | undefined {
  const budget = { left: MAX_VALUES_CHECKED };
  const found = findUnserialisable(root, budget);
  if (found === undefined) return undefined;
  return {
    path: namespace + found.path.reverse().join(""),
    text: found.text,
    meaning: found.meaning,
  };
}

interface Found {
  /** Path steps from the value up to the namespace (reversed on the way out). */
  readonly path: string[];
  readonly text: string;
  readonly meaning: string;
}

/** Stored documents nest at most `MAX_DOCUMENT_DEPTH` levels, so recursion is bounded. */
function findUnserialisable(value: unknown, budget: { left: number }): Found | undefined {
  if (--budget.left < 0) return undefined;
  if (typeof value === "string") return suspiciousText(value);
  if (typeof value !== "object" || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnserialisable(value[i], budget);
      if (found !== undefined) {
        found.path.push(`[${i}]`);
        return found;
      }
      if (budget.left < 0) return undefined;
    }
    return undefined;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const found = findUnserialisable((value as Record<string, unknown>)[key], budget);
    if (found !== undefined) {
      found.path.push(`.${key}`);
      return found;
    }
    if (budget.left < 0) return undefined;
  }
  return undefined;
}

function suspiciousText(value: string): Found | undefined {
  // Cheap first-character checks before the patterns: most strings are neither.
  const first = value.charCodeAt(0);
  if (value.length >= 17 && (first === MINUS || (first >= ZERO && first <= NINE))) {
    if (BIG_INTEGER_TEXT.test(value)) {
      return {
        path: [],
        text: value,
        meaning:
          "an integer too large for a JSON number, sent as text (a BigInt or 64-bit integer the SDK turned into a string); X-Ray keeps it as a string.",
      };
    }
  }
  if (first === OPEN_BRACKET && OBJECT_TEXT.test(value)) {
    return {
      path: [],
      text: value,
      meaning: "an object or function turned into text: its contents were lost on the way.",
    };
  }
  return undefined;
}
