/** A rejection reason in plain words: what went wrong, and what to do about it. */
export interface ReasonExplanation {
  readonly title: string;
  readonly meaning: string;
  readonly fix: string;
}

const REASONS: Readonly<Record<string, ReasonExplanation>> = {
  "too-large": {
    title: "Too large",
    meaning:
      "The datagram is larger than 64 KiB, the most one UDP datagram to the daemon may carry. The Node SDK drops such documents itself; other senders may not.",
    fix: "Lower the SDK's subsegment streaming threshold so finished subsegments travel on their own, or put less in metadata.",
  },
  "invalid-utf8": {
    title: "Not UTF-8",
    meaning: "The bytes are not valid UTF-8 text: header and document must both be UTF-8.",
    fix: "Encode the datagram as UTF-8. A sender writing binary data or another text encoding does this.",
  },
  "no-separator": {
    title: "No header line",
    meaning:
      'The datagram has no newline. Each one must be the header {"format":"json","version":1}, a newline, then one JSON document.',
    fix: "Put the header line and a newline in front of the document. A hand-written sender that sends the bare document is the usual cause.",
  },
  "bad-header": {
    title: "Bad header",
    meaning:
      'The first line is not the X-Ray header: a JSON object with "format": "json" and "version": 1, such as {"format":"json","version":1} (spaces do not matter).',
    fix: "Start every datagram with that header line; the message says which part of it is wrong.",
  },
  "empty-body": {
    title: "Empty document",
    meaning: "The header is there, but nothing follows its newline.",
    fix: "Send one segment document after the header, in the same datagram.",
  },
  "not-json": {
    title: "Not JSON",
    meaning: "What follows the header is not valid JSON.",
    fix: "The message gives the position. A datagram cut short or a JSON string built by hand are the usual causes.",
  },
  "not-object": {
    title: "Not an object",
    meaning:
      "The document is JSON but not an object (an array, a string, a number…). Each datagram carries exactly one segment object.",
    fix: "Send one object per datagram; split a list into one datagram per document.",
  },
  "too-deep": {
    title: "Nested too deep",
    meaning:
      "Objects and arrays in the document nest more than 100 levels deep (an embedded subsegment counts two: its object and its subsegments list). No SDK nests that far on its own; deeply nested metadata is the usual cause.",
    fix: "Flatten the metadata, or send deeply nested subsegments as their own documents (independent subsegments). The message gives the depth found.",
  },
  "otlp-bad-base64": {
    title: "OTLP datagram: bad base64",
    meaning:
      "An ADOT OTLP datagram (the X-Ray header, then T1S or T1U) whose body after the prefix is not base64: it was cut short or altered on the way.",
    fix: "Check the exporter sends whole datagrams (at most 64 KiB each); ADOT's OTLP UDP exporter batches up to 10 spans to stay below that.",
  },
  "otlp-bad-protobuf": {
    title: "OTLP: not a trace request",
    meaning:
      "The bytes are not a protobuf ExportTraceServiceRequest: an OTLP metrics or logs payload sent to the traces path, or bytes that are not OTLP at all.",
    fix: "Send traces to /v1/traces (or TraceService/Export over gRPC); the message says where decoding stopped.",
  },
  "otlp-bad-json": {
    title: "OTLP JSON: wrong shape",
    meaning:
      "An OTLP/JSON body that is not JSON, or has a field of the wrong type (ids must be hex, times decimal nanoseconds).",
    fix: "The message gives the path of the field, such as resourceSpans[0].scopeSpans[0].spans[2].traceId.",
  },
  "otlp-untranslatable": {
    title: "Span not convertible",
    meaning:
      "An OpenTelemetry span that cannot become an X-Ray document, such as one whose trace id or span id is all zeros or of the wrong length.",
    fix: "The message names the span and what is wrong with it; the other spans of the same request were stored.",
  },
  "invalid-document": {
    title: "Not a segment",
    meaning:
      'A JSON object, but not a segment document: it needs name, a 16-hex-digit id, trace_id (1-<8 hex>-<24 hex>), start_time, and end_time or in_progress: true. An independent subsegment also needs type: "subsegment" and parent_id. A cause must be an object or the 16-hex id of an exception.',
    fix: "The message names the missing or malformed field.",
  },
  "internal-error": {
    title: "Daemon error",
    meaning:
      "The daemon failed while storing this datagram: a bug, not a problem with what was sent.",
    fix: "The daemon's log has the details; please report it with that log line.",
  },
};

export function explainReason(reason: string): ReasonExplanation {
  return (
    REASONS[reason] ?? {
      title: reason,
      meaning: "The daemon refused the datagram for this reason.",
      fix: "The message says what was wrong.",
    }
  );
}
