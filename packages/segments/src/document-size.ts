/**
 * The size a document is shown with (a trace's `bytes`, a document's `bytes` in the API, the
 * trace doctor's `oversized`): its text's UTF-8 size. For most documents that is what they
 * were counted by when they arrived; a document filed before its text was written (an OTLP
 * protobuf span, counted in the store's bounds by its span's size) measures its text here, so
 * the same document shows the same size whether it was just received, imported, or read back
 * from a data directory.
 */

import type { StoredDocument } from "./trace.ts";

export function documentTextBytes(stored: Pick<StoredDocument, "bytes" | "textBytes">): number {
  return stored.textBytes ?? stored.bytes;
}
