/** Segment names X-Ray would not take as a service's name. */

import type { DoctorTrace } from "./doctor-nodes.ts";
import { nodeLabel, type ProblemSink, problemOf, quoted } from "./problem-list.ts";

export const MAX_NAME_LENGTH = 200;
/** Letters, digits, whitespace and `_ . : / % & # = + \ - @`. */
const NAME_CHARACTERS = /^[\p{L}\p{N}\s_.:/%&#=+\\\-@]+$/u;

/** `name-invalid`: segments (services) only; subsegment names are free text. */
export function detectNames({ nodes }: DoctorTrace, report: ProblemSink): void {
  for (const entry of nodes) {
    if (entry.node.kind !== "segment") continue;
    const name: unknown = entry.document.name;
    if (typeof name !== "string") continue;
    if (name.length > MAX_NAME_LENGTH) {
      report(
        problemOf(
          "name-invalid",
          `${nodeLabel(entry)} is named with ${name.length} characters; X-Ray takes at most ${MAX_NAME_LENGTH}.`,
          entry,
        ),
      );
    } else if (name.length === 0 || !NAME_CHARACTERS.test(name)) {
      const bad = [...name].filter((c) => !NAME_CHARACTERS.test(c));
      report(
        problemOf(
          "name-invalid",
          `Segment name ${quoted(name)} has characters X-Ray does not allow in a service name${bad.length > 0 ? ` (${bad.map((c) => quoted(c)).join(", ")})` : ""}.`,
          entry,
        ),
      );
    }
  }
}
