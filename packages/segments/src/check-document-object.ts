/**
 * The receive path's verdict on a document the sandbox built itself (the OTLP translator's),
 * read from the object instead of from its text: the same size limit, required fields and
 * `cause` checks as `scanDocumentText(text)`, with the same reasons and messages, so both
 * ways in reach the same outcome. `text` must be `JSON.stringify(document)`.
 *
 * Nesting is not measured again: the translator bounds it (attribute values deeper than
 * `MAX_DOCUMENT_DEPTH` allows are cut off with a note), and the text is not read again.
 */

import type { DocumentIndex } from "./document-index.ts";
import {
  checkDocumentFields,
  checkRequiredFields,
  documentSizeProblem,
  invalidDocument,
  MAX_DOCUMENT_BYTES,
} from "./parse-document.ts";
import type { RejectedDocument } from "./parse-result.ts";
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

/**
 * The verdict on a document known only by the fields it is filed by (a span whose text is
 * written later): the required-field checks of `checkDocumentObject`, with the same reasons
 * and messages. The caller vouches for the rest: the size limit (the text is known to be
 * under it) and `cause` (the translator's is always an object with `exceptions`).
 */
export function checkFiledFields(fields: object): CheckedFields {
  // Ids by character table, not by regular expression: the same verdicts, for less. A filed
  // span's index (`filedIndex`) that passes is kept as it is.
  const required = checkRequiredFields(fields as Readonly<Record<string, unknown>>, true);
  return required.ok ? required : invalidDocument(required.problems);
}

export type CheckedFields = { readonly ok: true; readonly index: DocumentIndex } | RejectedDocument;
