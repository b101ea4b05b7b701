/**
 * Short explanations of X-Ray ideas the viewer shows, keyed by topic. Every view that puts a
 * "?" beside a concept takes its words from here, so the same idea is explained the same way.
 */

export interface Explanation {
  readonly title: string;
  /** Paragraphs of plain text. */
  readonly body: readonly string[];
}

export const EXPLANATIONS = {
  "segment-vs-subsegment": {
    title: "Segment vs subsegment",
    body: [
      "A segment is the record one service writes for its work on one request: the service name, the incoming HTTP request, the host, timing.",
      "A subsegment is a piece of that work inside the segment: a downstream HTTP call, an AWS SDK call, a SQL query, or any block you time yourself. Subsegments nest, and they belong to the segment of the service that made them.",
      "When a call reaches another instrumented service, that service writes its own segment, whose parent is the calling subsegment: that is how one trace spans several services.",
    ],
  },
  "annotations-vs-metadata": {
    title: "Annotations vs metadata",
    body: [
      'Annotations are indexed key-value pairs (string, number or boolean values, keys of letters, digits and _). You can search and group traces by them with filter expressions such as annotation.userId = "u-42". X-Ray keeps up to 50 per trace.',
      "Metadata is any JSON, grouped by namespace. It is not indexed and cannot be searched: use it for details you want to read when looking at one trace, such as a response body or a config object.",
    ],
  },
  "error-fault-throttle": {
    title: "Error, throttle and fault",
    body: [
      "error: a client error, typically an HTTP 4xx response.",
      "throttle: the request was throttled, HTTP 429 Too Many Requests. The SDK also sets error.",
      "fault: a server error, typically an HTTP 5xx response or an exception thrown by your code.",
      "A trace shows the worst flag any of its segments or subsegments carries.",
    ],
  },
  "timeline-bars": {
    title: "Reading the timeline",
    body: [
      "Each bar is one segment or subsegment, drawn to scale on the time axis. Its colour is its service (the segment it belongs to), so the part of a request spent in a downstream service stands out; the legend names each colour.",
      "A bar outlined in red or orange carries a fault or an error, and its time label starts with the flag. A bar outlined in the text colour is on the critical path: the chain of work the end of the trace waited on. Making anything else faster would not make this request faster.",
      "Self time is the time a node spent in none of its children. Hover a bar, or select a row with the keyboard, to see its service, start offset, duration and self time; the Statistics tab adds them up per service and name.",
    ],
  },
  "trace-flags": {
    title: "Trace flags",
    body: [
      "error: a client error (HTTP 4xx). throttle: throttled (HTTP 429), error is set too. fault: a server error (HTTP 5xx) or an exception. A trace carries the worst flag of any of its parts.",
      "in progress: some document was sent with in_progress: true and its complete version has not arrived yet.",
      "partial: pieces are missing, such as a subsegment whose parent has not arrived, or a segment whose caller is not in the trace.",
    ],
  },
  "in-progress": {
    title: "In progress",
    body: [
      "The SDK sent this document with in_progress: true and no end_time: the work had started but not finished when it was sent. SDKs do this for long work or when flushing early.",
      "When the work ends, the SDK sends the complete document with the same id, which replaces this one. Until then the timeline draws it hatched and open-ended, up to the end of what is known of the trace.",
    ],
  },
  sampling: {
    title: "Sampling",
    body: [
      "SDKs do not trace every request. They fetch sampling rules from the daemon, pick the first rule (by priority) that matches the request, take up to the rule's reservoir of requests per second, then a fixed percentage of the rest.",
      "A request that was not sampled sends nothing, so it never appears here. Without rules, SDKs fall back to 1 request per second plus 5 %.",
    ],
  },
  "inferred-node": {
    title: "Inferred node",
    body: [
      "A service that sent no segment of its own but was called by one that did: a remote HTTP endpoint, an AWS service, a database. X-Ray infers it from the caller's subsegment (its namespace remote or aws, or a sql block) and draws it on the service map.",
    ],
  },
  "partial-trace": {
    title: "Partial trace",
    body: [
      "Some pieces of this trace are missing: a subsegment arrived whose parent has not (an orphan), or a segment names a parent that is not in the trace, for instance because the upstream caller is not instrumented or sends its data elsewhere.",
      "Pieces can still arrive: the view refreshes while the trace is partial.",
    ],
  },
  "streamed-subsegment": {
    title: "Streamed subsegment",
    body: [
      'SDKs send finished subsegments on their own, ahead of their segment, once a segment holds more subsegments than the streaming threshold (100 by default in the Node SDK), so that no document grows past the 64 KB a datagram can carry. Such a document has type: "subsegment", a parent_id and a trace_id.',
      "The sandbox puts it back under its parent when the parent arrives.",
    ],
  },
  "orphan-subsegment": {
    title: "Orphan subsegments",
    body: [
      "These subsegments arrived on their own (streamed) but the segment or subsegment their parent_id names has not arrived. Usually the parent is still in progress and comes later; if it never does, the SDK dropped it (too large, or the process stopped) or sent it elsewhere.",
    ],
  },
  "otel-translation": {
    title: "Spans translated into X-Ray documents",
    body: [
      "Documents marked OTLP/HTTP, OTLP/gRPC or ADOT UDP came from OpenTelemetry spans, translated the way AWS X-Ray translates what reaches it through the OpenTelemetry collector. The Raw tab of a segment shows the span it was made from beside the X-Ray document.",
      "AWS put the X-Ray SDKs and the X-Ray daemon in maintenance mode on 2026-02-25; their support ends on 2027-02-25. OpenTelemetry, with the AWS Distro for OpenTelemetry (ADOT), is the way forward: send the same request from the X-Ray SDK flavour and the OTel flavour of a service and compare the two traces side by side.",
      "Segment or subsegment: a SERVER span, or a span without a parent, becomes a segment, and so does an ADOT local root (aws.span.kind = LOCAL_ROOT; one that is a CLIENT, PRODUCER or CONSUMER span becomes a service segment with a dependency subsegment under it). Every other span becomes an independent subsegment whose parent_id is its parent span's id.",
      "Annotation or metadata: a string, number or boolean attribute becomes an annotation when its key is listed in the span's aws.xray.annotations (or the daemon runs with --otlp-index-all-attributes); its key is rewritten to letters, digits and _. An aws.xray.metadata.<namespace> attribute holding a JSON object becomes that metadata namespace. Every other attribute the http, sql and aws blocks did not use goes to metadata under default, and a segment keeps its resource attributes there as otel.resource.<key>.",
      "Every rule, with where it comes from in the collector: docs/otlp-translation.md in the repository.",
    ],
  },
} as const satisfies Record<string, Explanation>;

export type ExplainTopic = keyof typeof EXPLANATIONS;

export const EXPLAIN_TOPICS = Object.keys(EXPLANATIONS) as readonly ExplainTopic[];
