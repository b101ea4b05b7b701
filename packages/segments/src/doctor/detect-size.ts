/** Documents X-Ray would refuse for their size. */

import { documentTextBytes } from "../document-size.ts";
import type { DoctorTrace } from "./doctor-nodes.ts";
import { type ProblemSink, problemOf, quoted } from "./problem-list.ts";

/** The largest segment document X-Ray (and a UDP datagram to its daemon) takes. */
export const MAX_DOCUMENT_BYTES = 64 * 1024;

/**
 * `oversized`: a stored document over 64 KB. Over UDP it could not have arrived (the datagram
 * is refused, see the rejection codes); over PutTraceSegments, OTLP or an import it can, and
 * real X-Ray would refuse it.
 */
export function detectOversized({ trace, nodes }: DoctorTrace, report: ProblemSink): void {
  for (const stored of trace.documents) {
    const bytes = documentTextBytes(stored);
    if (bytes <= MAX_DOCUMENT_BYTES) continue;
    const entry = nodes.find(
      (node) => node.stored === stored && node.document.id === stored.index.id,
    );
    report(
      problemOf(
        "oversized",
        `The document of ${quoted(stored.index.name)} is ${Math.ceil(bytes / 1024)} KB: X-Ray refuses documents over 64 KB, and an SDK cannot send it over UDP ("Message too long").`,
        entry,
      ),
    );
  }
}
