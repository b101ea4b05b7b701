import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from "./char-codes.ts";

/**
 * How deep objects and arrays may nest in one document. Real SDK documents nest under 10
 * levels (an embedded subsegment costs two: its object and the `subsegments` array holding
 * it), and metadata of real applications 20 to 30 more; 100 leaves room for both. Deeper
 * documents are refused at ingest (`too-deep`), so every stored document can be read back,
 * printed and walked with ordinary recursive code (`JSON.stringify`, a React tree), however
 * a hostile sender nested it.
 */
export const MAX_DOCUMENT_DEPTH = 100;

/**
 * How deep objects and arrays nest in `text`, which must be valid JSON: 1 for `{}`, 0 for a
 * scalar. Brackets inside strings do not count.
 */
export function jsonTextDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      for (i++; i < text.length && text.charCodeAt(i) !== QUOTE; i++) {
        if (text.charCodeAt(i) === BACKSLASH) i++;
      }
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return deepest;
}
