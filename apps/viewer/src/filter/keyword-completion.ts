import { KEYWORD_NAMES, ROOT_CAUSE_WORDS } from "@xray-sandbox/segments";

/** What can be typed where a term starts, besides the simple keywords. */
const OTHER_WORDS: readonly string[] = [
  "service(",
  "edge(",
  "annotation.",
  "group.name",
  ...ROOT_CAUSE_WORDS,
  "AND",
  "OR",
  "CONTAINS",
  "BEGINSWITH",
  "ENDSWITH",
];

const WORDS: readonly string[] = [...KEYWORD_NAMES, ...OTHER_WORDS];
const WORD_CHAR = /[A-Za-z0-9_.]/;
export const MAX_COMPLETIONS = 8;

export interface Completion {
  /** The word being typed is `source.slice(start, end)`; `end` is the caret. */
  readonly start: number;
  readonly end: number;
  readonly candidates: readonly string[];
}

/**
 * Words of the filter language that complete the word ending at `caret`, or undefined when
 * there is nothing to offer (no word, inside a string, or the word is already complete).
 */
export function completionAt(source: string, caret: number): Completion | undefined {
  if (caret < 0 || caret > source.length) return undefined;
  const next = source.charAt(caret);
  if (next !== "" && WORD_CHAR.test(next)) return undefined;
  let start = caret;
  while (start > 0 && WORD_CHAR.test(source.charAt(start - 1))) start--;
  const word = source.slice(start, caret);
  if (!/^[A-Za-z]/.test(word) || insideString(source, start)) return undefined;
  const typed = word.toLowerCase();
  const candidates = WORDS.filter((candidate) => {
    const lower = candidate.toLowerCase();
    return lower.startsWith(typed) && lower !== typed;
  }).slice(0, MAX_COMPLETIONS);
  return candidates.length === 0 ? undefined : { start, end: caret, candidates };
}

/** The text with the word replaced by `candidate`, and where the caret goes. */
export function applyCompletion(
  source: string,
  completion: Pick<Completion, "start" | "end">,
  candidate: string,
): { text: string; caret: number } {
  const text = source.slice(0, completion.start) + candidate + source.slice(completion.end);
  return { text, caret: completion.start + candidate.length };
}

/** Whether `offset` falls inside a double-quoted string (escapes `\"` and `\\` honoured). */
function insideString(source: string, offset: number): boolean {
  let inside = false;
  for (let i = 0; i < offset; i++) {
    const char = source.charAt(i);
    if (inside && char === "\\") i++;
    else if (char === '"') inside = !inside;
  }
  return inside;
}
