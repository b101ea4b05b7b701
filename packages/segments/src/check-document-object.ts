/**
 * The receive path's verdict on a document the sandbox built itself (the OTLP translator's),
 * read from the object instead of from its text: the same size limit, required fields and
 * `cause` checks as `scanDocumentText(text)`, with the same reasons and messages, so both
 * ways in reach the same outcome. `text` must be `JSON.stringify(document)`.
 *
 * Nesting is not measured again: the translator bounds it (attribute values deeper than
 * `MAX_DOCUMENT_DEPTH` allows are cut off with a note), and the text is not read again.
 */

import {
  checkDocumentFields,
  documentSizeProblem,
  invalidDocument,
  MAX_DOCUMENT_BYTES,
} from "./parse-document.ts";
import type { ScanOptions, ScanResult } from "./scan-document.ts";

export function checkDocumentObject(
  document: object,
  text: string,
  options: ScanOptions = {},
): ScanResult {
  const tooLarge = documentSizeProblem(text, options.maxBytes ?? MAX_DOCUMENT_BYTES);
  if (tooLarge !== undefined) return tooLarge;
  const required = checkDocumentFields(document as Readonly<Record<string, unknown>>);
  return required.ok
    ? { ok: true, index: required.index, raw: text }
    : invalidDocument(required.problems);
}
