/** Rejected datagrams, linked to the doctor's explanations by a problem code. */

import type { RejectionReason } from "../parse-result.ts";
import type { ProblemCode } from "./problem.ts";

/** The explanation that covers each reason a datagram is refused. */
export function rejectionProblemCode(reason: string): ProblemCode {
  switch (reason as RejectionReason) {
    case "too-large":
      return "oversized";
    case "no-separator":
    case "bad-header":
      return "bad-header";
    case "otlp-bad-base64":
    case "otlp-bad-protobuf":
    case "otlp-bad-json":
    case "otlp-untranslatable":
      return "otlp-datagram";
    case "invalid-document":
      return "invalid-document";
    default:
      return "malformed-datagram";
  }
}
