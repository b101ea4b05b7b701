/**
 * What each problem code means: a title, the default severity, why X-Ray behaves that way,
 * and the fix in each SDK. Fixes for the Java, .NET and Go SDKs follow their documentation
 * (the AWS X-Ray developer guide's SDK chapters); those SDKs are not run here.
 */

import type { ProblemCode, ProblemFix, ProblemSeverity } from "./problem.ts";

export interface Explanation {
  readonly title: string;
  readonly severity: ProblemSeverity;
  readonly why: string;
  readonly fix: ProblemFix;
}

const CLOSE_EVERYTHING: ProblemFix = {
  node: "Close every subsegment you open: `AWSXRay.captureAsyncFunc('name', (sub) => { …; sub.close(); })` (close it in the callback, also on error) or `captureFunc` for synchronous work; in manual mode call `subsegment.close()` in a `finally` and `segment.close()` when the request ends.",
  python:
    "Use `with xray_recorder.in_subsegment('name'):` or the `@xray_recorder.capture('name')` decorator, which end the subsegment even when the code raises; pair every `begin_subsegment()` with `end_subsegment()` in a `finally`.",
  java: 'Use `AWSXRay.createSubsegment("name", (subsegment) -> { … })`, or call `AWSXRay.endSubsegment()` in a `finally` after every `AWSXRay.beginSubsegment("name")`.',
  dotnet:
    'Call `AWSXRayRecorder.Instance.EndSubsegment()` in a `finally` after every `BeginSubsegment("name")`; `TraceMethodAsync` does both for you.',
  go: '`ctx, seg := xray.BeginSubsegment(ctx, "name")` then `defer seg.Close(err)`, or wrap the work in `xray.Capture(ctx, "name", func(ctx context.Context) error { … })`.',
  otel: "End every span: `tracer.startActiveSpan('name', (span) => { try { … } finally { span.end(); } })`. A span is exported only when it ends, and the SDK must be flushed (`sdk.shutdown()` or `forceFlush()`) before the process exits.",
};

const EXPLANATIONS: Readonly<Record<ProblemCode, Explanation>> = {
  "orphan-subsegment": {
    title: "Subsegment whose parent never arrived",
    severity: "warning",
    why: 'X-Ray assembles a trace from separate documents by their ids. A subsegment sent on its own names its parent; when the parent segment is never sent, X-Ray has nothing to hang it on and the console shows it detached or not at all. The usual cause is work done outside a traced request (a timer, a queue consumer, code at module load), a middleware registered in the wrong order, or an async context lost between callbacks: the SDK then reports "Failed to get the current sub/segment from the context" (Node), `SegmentNotFoundException` (Java), `EntityNotAvailableException` (.NET) or "segment cannot be found" (Go).',
    fix: {
      node: "Register `AWSXRay.express.openSegment('name')` before your routes and `AWSXRay.express.closeSegment()` after them, and create subsegments inside the request's code path. For work outside a request, make a segment: `const seg = new AWSXRay.Segment('job'); AWSXRay.getNamespace().run(() => { AWSXRay.setSegment(seg); … seg.close(); })`.",
      python:
        "Wrap work outside a request in `with xray_recorder.in_segment('job'):`; in another thread pass the entity on with `xray_recorder.set_trace_entity(entity)`, and for asyncio configure `xray_recorder.configure(context=AsyncContext())`.",
      java: 'Outside `AWSXRayServletFilter` call `AWSXRay.beginSegment("job")` before creating subsegments; in another thread copy the entity (`AWSXRay.getGlobalRecorder().setTraceEntity(entity)`) or run it on `SegmentContextExecutors.newSegmentContextExecutor()`.',
      dotnet:
        'Put `app.UseXRay("name")` before the middleware and controllers that create subsegments; for background work call `AWSXRayRecorder.Instance.BeginSegment("job")` first and `EndSegment()` when done.',
      go: 'Pass the request\'s `ctx` (from `xray.Handler`, or `xray.BeginSegment(ctx, "job")` for background work) to `xray.Capture` and to every `…WithContext(ctx)` call; `context.Background()` has no segment.',
      otel: "Make sure the parent span ends and is exported, and that the context reaches the child: `context.with(trace.setSpan(context.active(), parent), fn)`; register the SDK before the instrumented modules are imported (`node --import ./tracing.mjs`).",
    },
  },
  "parent-not-in-trace": {
    title: "Segment whose caller is not in the trace",
    severity: "info",
    why: "A segment names the caller's subsegment in `parent_id` when the request carried an `X-Amzn-Trace-Id` header with `Parent=`. When that caller is not traced (a browser, a test client, a load balancer) or its segment was never sent, X-Ray shows this segment as the start of the trace and the service map has no edge from the caller.",
    fix: {
      node: "If the caller is yours, instrument it (`AWSXRay.captureHTTPsGlobal(require('http'))` adds the header and the subsegment); otherwise this is expected.",
      python:
        "If the caller is yours, instrument it (`patch_all()` or `patch(['requests'])`); otherwise this is expected.",
      java: "If the caller is yours, instrument its HTTP client (`TracedHttpClient`, or the AWS SDK's `TracingInterceptor`); otherwise this is expected.",
      dotnet:
        "If the caller is yours, instrument its `HttpClient` (`HttpClientXRayTracingHandler`); otherwise this is expected.",
      go: "If the caller is yours, wrap its client with `xray.Client(nil)`; otherwise this is expected.",
      otel: "If the caller is yours, enable its HTTP instrumentation and the X-Ray propagator (`AWSXRayPropagator`); otherwise this is expected.",
    },
  },
  "never-completed": {
    title: "Never completed",
    severity: "warning",
    why: "An SDK sends `in_progress: true` for a segment or subsegment that has started and not ended (a long request, or a subsegment streamed early), and replaces it with the complete document when it closes. If the complete document never comes (a subsegment never closed, an exception that skipped `close()`, a crash, a Lambda frozen mid-request), X-Ray shows the piece as pending forever and the trace never completes.",
    fix: CLOSE_EVERYTHING,
  },
  "child-outlives-parent": {
    title: "Child ends after its parent",
    severity: "warning",
    why: "X-Ray draws a subsegment inside its parent's bar and computes the parent's time from its own start and end. A child that starts before or ends after its parent almost always means the parent was closed while work it started was still running (a promise not awaited, a callback that finished after the response), so the parent's duration understates the request.",
    fix: {
      node: "Await the work before the response ends (or before `segment.close()`); with `captureAsyncFunc` close the subsegment when the async work completes, and don't send the response before that.",
      python:
        "End the child before the parent: nest `with xray_recorder.in_subsegment(...)` blocks, and join threads before the segment ends.",
      java: "Call `endSubsegment()` before `endSegment()`, and join asynchronous work before the servlet returns.",
      dotnet: "Await tasks before `EndSubsegment()` / `EndSegment()` and before the request ends.",
      go: "Close subsegments before their parent (`defer seg.Close(nil)` in the function that does the work) and wait for goroutines before the handler returns.",
      otel: "End child spans before their parent, or await the work before the parent span's `end()`.",
    },
  },
  "ends-before-start": {
    title: "Ends before it starts",
    severity: "error",
    why: "X-Ray times are epoch seconds (`start_time`, `end_time`). A document whose end comes before its start has a negative duration: X-Ray's statistics and the timeline cannot place it, and the console shows it with no duration or in the wrong place.",
    fix: {
      node: "Let the SDK set the times (`subsegment.close()` sets `end_time`); if you set them yourself use seconds, `Date.now() / 1000`, and set the end after the work.",
      python:
        "Let the SDK set the times (`end_subsegment()`); if you pass `end_time`, use `time.time()` (seconds), taken after the work.",
      java: "Let the SDK set the times (`endSubsegment()`); if you call `setEndTime`, pass epoch seconds as a double, taken after the work.",
      dotnet:
        "Let the SDK set the times (`EndSubsegment()`); a timestamp you pass must be later than the start.",
      go: "Let `seg.Close(err)` set the end time; don't assign `EndTime` yourself.",
      otel: "Don't pass an end time earlier than the start to `span.end(time)`; let the SDK take the time.",
    },
  },
  "time-not-epoch-seconds": {
    title: "Time is not in epoch seconds",
    severity: "error",
    why: "X-Ray times are floating-point epoch seconds. A value before 2000 or after 2100 is usually milliseconds (`Date.now()`) or a duration sent where a time was expected; X-Ray files the trace decades away from when it happened, so it never shows in the console's time range.",
    fix: {
      node: "Divide `Date.now()` by 1000 when you set `start_time` or `end_time`, or let the SDK set them.",
      python: "Use `time.time()` (seconds), not milliseconds.",
      java: "Pass `Instant.now().toEpochMilli() / 1000.0` (seconds).",
      dotnet:
        "Pass seconds since the epoch (`DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0`).",
      go: "Use `float64(time.Now().UnixNano()) / 1e9`.",
      otel: "Span times are nanoseconds in OTLP; pass a `Date`, a `hrtime` or milliseconds to the OTel API, never seconds or a duration.",
    },
  },
  "clock-skew": {
    title: "Clock skew between services",
    severity: "warning",
    why: "Each service stamps its segment with its own clock. A downstream segment that starts before the call that caused it (or ends after the call returned) means the two hosts' clocks disagree. X-Ray draws what it is sent, so the timeline shows the callee before its caller and the latency between them is wrong.",
    fix: {
      node: "Synchronise the hosts' clocks (chrony or NTP; on EC2 the Amazon Time Sync Service at 169.254.169.123). Nothing in the SDK corrects it.",
      python: "Synchronise the hosts' clocks (chrony or NTP; on EC2 the Amazon Time Sync Service).",
      java: "Synchronise the hosts' clocks (chrony or NTP; on EC2 the Amazon Time Sync Service).",
      dotnet:
        "Synchronise the hosts' clocks (Windows Time service or chrony; on EC2 the Amazon Time Sync Service).",
      go: "Synchronise the hosts' clocks (chrony or NTP; on EC2 the Amazon Time Sync Service).",
      otel: "Synchronise the hosts' clocks; span times come from the host's clock.",
    },
  },
  "annotation-key-rewritten": {
    title: "Annotation key rewritten",
    severity: "info",
    why: "X-Ray annotation keys may hold only letters, digits and underscores. The OpenTelemetry X-Ray exporter (and ADOT) rewrites every other character to `_`, so an attribute `user.id` becomes the annotation `user_id`: filter expressions must use the rewritten key.",
    fix: {
      node: "Use keys of letters, digits and `_` only: `subsegment.addAnnotation('user_id', id)`.",
      python: "Use keys of letters, digits and `_` only: `put_annotation('user_id', id)`.",
      java: 'Use keys of letters, digits and `_` only: `putAnnotation("user_id", id)`.',
      dotnet: 'Use keys of letters, digits and `_` only: `AddAnnotation("user_id", id)`.',
      go: 'Use keys of letters, digits and `_` only: `xray.AddAnnotation(ctx, "user_id", id)`.',
      otel: "Name the attributes you index with letters, digits and `_` (`user_id`), or filter on the rewritten key (`annotation.user_id`).",
    },
  },
  "annotation-dropped": {
    title: "Annotation X-Ray drops",
    severity: "warning",
    why: "X-Ray indexes annotations whose key holds only letters, digits and `_` and whose value is a string, a number or a boolean, and at most 50 per trace. Anything else is dropped silently: the raw document keeps it here, but in AWS it never shows and no filter expression finds it. The Python SDK drops such keys itself with a warning.",
    fix: {
      node: "Keep keys to `[A-Za-z0-9_]`, values to string, number or boolean (`addAnnotation('order_id', String(id))`), and put anything else in metadata: `addMetadata('order', order)`.",
      python:
        "Keep keys to `[A-Za-z0-9_]` and values to str, int, float or bool; put the rest in `put_metadata('key', value, 'namespace')`.",
      java: "Keep keys to `[A-Za-z0-9_]` (a key with a space is silently lost) and values to String, Number or Boolean; put the rest in `putMetadata`.",
      dotnet:
        "Keep keys to `[A-Za-z0-9_]` and values to string, number or bool; put the rest in `AddMetadata`.",
      go: "Keep keys to `[A-Za-z0-9_]` and values to string, number or bool; put the rest in `xray.AddMetadata`.",
      otel: "Only attributes listed in `aws.xray.annotations` (or configured as indexed) become annotations; list at most 50, with primitive values.",
    },
  },
  "metadata-not-serialisable": {
    title: "Metadata value that did not survive JSON",
    severity: "info",
    why: "Metadata is stored as JSON. A value JSON cannot hold (a BigInt, a 64-bit integer past 2^53, a class instance, a circular object) is converted by the SDK to a string or an empty object, or makes it drop the whole document. What arrives is not what the code had.",
    fix: {
      node: "Convert the value yourself before `addMetadata`: `String(bigint)` with a key that says so, or a plain object (`{ ...instance }`). `JSON.stringify` throws on BigInt.",
      python:
        "Pass JSON-serialisable values (dict, list, str, int, float, bool) to `put_metadata`; convert objects with `vars(obj)` or a dict of their fields.",
      java: "Pass values Jackson can serialise (POJOs with getters, maps, lists) to `putMetadata`; convert `BigInteger` to a string yourself.",
      dotnet:
        "Pass values that serialise to JSON to `AddMetadata`; convert `BigInteger` and `Int128` to strings yourself.",
      go: "Pass values `encoding/json` can marshal to `xray.AddMetadata`; `uint64` past 2^53 loses precision in JSON readers.",
      otel: "Attribute values are strings, numbers, booleans or arrays of them; convert BigInt and objects before `span.setAttribute`.",
    },
  },
  "namespace-reserved": {
    title: "Reserved metadata namespace",
    severity: "warning",
    why: "Metadata namespaces that begin with `AWS.` are reserved for AWS SDKs and services. X-Ray may overwrite or ignore what you put there.",
    fix: {
      node: "Use your own namespace: `subsegment.addMetadata('key', value, 'myapp')` (the default is `default`).",
      python: "Use your own namespace: `put_metadata('key', value, 'myapp')`.",
      java: 'Use your own namespace: `putMetadata("myapp", "key", value)`.',
      dotnet: 'Use your own namespace: `AddMetadata("myapp", "key", value)`.',
      go: 'Use your own namespace in `xray.AddMetadataToNamespace(ctx, "myapp", "key", value)`.',
      otel: "Don't name attributes so that they land in an `AWS.` namespace.",
    },
  },
  oversized: {
    title: "Document over 64 KB",
    severity: "error",
    why: 'A UDP datagram to the X-Ray daemon is at most 64 KB, and X-Ray accepts no segment document larger than that. The SDK\'s send fails ("Message too long", `EMSGSIZE`) or the daemon drops it, so the whole segment, with every subsegment embedded in it, is lost. SDKs avoid it by streaming: once a segment holds more than a threshold of subsegments, finished subsegments are sent on their own.',
    fix: {
      node: "Lower the streaming threshold: `AWSXRay.setStreamingThreshold(10)` (the default is 100 subsegments), and keep big payloads out of metadata.",
      python:
        "Lower the streaming threshold: `xray_recorder.configure(streaming_threshold=10)` (the default is 30), and keep big payloads out of metadata.",
      java: "Lower the threshold: `AWSXRayRecorderBuilder.standard().withStreamingStrategy(new DefaultStreamingStrategy(10))` (default 100).",
      dotnet:
        "Lower the threshold: `AWSXRayRecorder.Instance.StreamingStrategy = new DefaultStreamingStrategy(10)` (default 100).",
      go: "Lower the threshold: `xray.Configure(xray.Config{StreamingStrategy: sdk.NewDefaultStreamingStrategyWithMaxSubsegmentCount(10)})` (default 20).",
      otel: "Each span is sent on its own; keep attributes small (`OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT`) and events few.",
    },
  },
  "trace-id-invalid": {
    title: "Trace id X-Ray rejects",
    severity: "error",
    why: "An X-Ray trace id is `1-` + 8 hex digits of the request's start time in epoch seconds + 24 random hex digits. X-Ray rejects segments whose trace id's time is more than 30 days in the past (and ids that do not have this form), so a trace id built by hand, reused from an old request or made from a random number never shows in the console.",
    fix: {
      node: "Let the SDK make trace ids (the middleware does, or `new AWSXRay.Segment(name)` without a trace id); continue an incoming one with `AWSXRay.utils.processTraceData(header)`.",
      python:
        "Let the SDK make trace ids (`xray_recorder.begin_segment(name)` without `traceid`); to continue an incoming one, pass its `Root` as `traceid`.",
      java: "Let the SDK make trace ids (`new TraceID()` takes the current time); parse incoming ones with `TraceHeader.fromString(header)`.",
      dotnet:
        "Let the SDK make trace ids (`TraceId.NewId()`); parse incoming ones with `TraceHeader.TryParse`.",
      go: "Let `xray.BeginSegment` make the id (`xray.NewTraceID()`); incoming ones come from the header with `header.FromString`.",
      otel: "Use the X-Ray id generator: `new AWSXRayIdGenerator()` from `@opentelemetry/id-generator-aws-xray` in the SDK's `idGenerator` (ADOT's auto-instrumentation sets it for you).",
    },
  },
  "otel-trace-id-random": {
    title: "OpenTelemetry trace id without a time",
    severity: "info",
    why: "OpenTelemetry's default id generator makes 128 random bits. The sandbox accepts such ids and shows the trace, but real X-Ray reads the first 32 bits as the request's start time in epoch seconds and rejects spans whose id is more than 30 days old, so these spans would be dropped in AWS. The X-Ray id generator puts the current time there.",
    fix: {
      otel: "Node: `new NodeSDK({ idGenerator: new AWSXRayIdGenerator(), … })` with `@opentelemetry/id-generator-aws-xray`; Python: `TracerProvider(id_generator=AwsXRayIdGenerator())` from `opentelemetry-sdk-extension-aws`; Java: `AwsXrayIdGenerator.getInstance()`; Go: `xray.NewIDGenerator()` from `go.opentelemetry.io/contrib/propagators/aws/xray`. ADOT's auto-instrumentation uses it already.",
    },
  },
  "segment-id-invalid": {
    title: "Segment id X-Ray rejects",
    severity: "error",
    why: "Segment and subsegment ids are 16 hex digits, unique within the trace; X-Ray rejects a document whose id has another form, and an id of all zeros is not a valid span id in OpenTelemetry or X-Ray.",
    fix: {
      node: "Let the SDK make ids (`new AWSXRay.Segment(name)`, `segment.addNewSubsegment(name)`); never set `id` yourself.",
      python: "Let the SDK make ids (`begin_subsegment`); never set `id` yourself.",
      java: "Let the SDK make ids (`Entity.generateId()`); never set `id` yourself.",
      dotnet: "Let the SDK make ids (`Entity.GenerateId()`); never set `Id` yourself.",
      go: "Let the SDK make ids (`xray.NewSegmentID()`); never set `ID` yourself.",
      otel: "Use the SDK's id generator; span ids are 8 random bytes, never zero.",
    },
  },
  "name-invalid": {
    title: "Name X-Ray does not accept",
    severity: "warning",
    why: "A segment's name is the service's name in the service map: at most 200 characters of letters, digits, whitespace and `_ . : / % & # = + \\ - @`. SDKs replace other characters (or the service drops the document), so the service shows up under another name or not at all.",
    fix: {
      node: "Name the service with allowed characters: `AWSXRay.express.openSegment('orders-api')` or `AWS_XRAY_TRACING_NAME=orders-api`.",
      python:
        "Name the service with allowed characters: `xray_recorder.configure(service='orders-api')` or `AWS_XRAY_TRACING_NAME`.",
      java: 'Name the service with allowed characters: `new AWSXRayServletFilter("orders-api")` or `AWS_XRAY_TRACING_NAME`.',
      dotnet:
        'Name the service with allowed characters: `app.UseXRay("orders-api")` or `AWS_XRAY_TRACING_NAME`.',
      go: 'Name the service with allowed characters: `xray.NewFixedSegmentNamer("orders-api")`.',
      otel: "Set `service.name` (`OTEL_SERVICE_NAME=orders-api`) with allowed characters.",
    },
  },
  "lambda-facade": {
    title: "Data on Lambda's function segment",
    severity: "error",
    why: "In Lambda the function's segment is made by the Lambda service, not by your code: the SDK hands you an immutable stand-in (a facade). Annotations, metadata or flags put on it are never sent, so they vanish in AWS. Only subsegments you create are sent.",
    fix: {
      node: "Create a subsegment and annotate that: `const sub = AWSXRay.getSegment().addNewSubsegment('work'); sub.addAnnotation('key', v); sub.close();`.",
      python:
        "Annotate a subsegment: `with xray_recorder.in_subsegment('work') as sub: sub.put_annotation('key', v)`.",
      java: 'Annotate a subsegment: `AWSXRay.createSubsegment("work", (sub) -> sub.putAnnotation("key", v))`.',
      dotnet:
        'Annotate a subsegment: `BeginSubsegment("work")`, `AddAnnotation("key", v)`, `EndSubsegment()`.',
      go: 'Annotate a subsegment: `ctx, sub := xray.BeginSubsegment(ctx, "work"); xray.AddAnnotation(ctx, "key", v); sub.Close(nil)`.',
      otel: "Put attributes on a span you start in the handler (ADOT makes the function's span; yours are its children).",
    },
  },
  "missing-http": {
    title: "HTTP call without HTTP data",
    severity: "warning",
    why: "X-Ray builds the service map's request counts, error rates and the trace list's URL and status from the `http` block. A segment that served an HTTP request (or a call to another service) without `http.request` and `http.response.status` shows as a bare box: no URL, no status, and a 5xx is not counted as a fault.",
    fix: {
      node: "Use the framework middleware (`AWSXRay.express.openSegment`) rather than a hand-made segment, and `AWSXRay.captureHTTPsGlobal(require('http'))` for outgoing calls; by hand: `segment.addIncomingRequestData(new AWSXRay.middleware.IncomingRequestData(req))` and `segment.http.close(res)`.",
      python:
        "Use the framework middleware (`XRayMiddleware(app, xray_recorder)` for Flask, the Django middleware) and `patch(['requests'])`; by hand: `segment.put_http_meta(http.URL, url)` and `put_http_meta(http.STATUS, status)`.",
      java: 'Use `AWSXRayServletFilter` and a traced HTTP client; by hand: `segment.putHttp("request", …)` and `putHttp("response", …)`.',
      dotnet: 'Use `app.UseXRay("name")` and `HttpClientXRayTracingHandler`.',
      go: "Wrap handlers with `xray.Handler` and clients with `xray.Client`.",
      otel: "Enable the HTTP instrumentation (`@opentelemetry/instrumentation-http`), which sets `http.*` attributes on server and client spans.",
    },
  },
  "error-without-cause": {
    title: "Error with no cause",
    severity: "info",
    why: "X-Ray's root cause analysis and the console's Exceptions tab read `cause`. A node flagged `error` with no `cause` (and no child that has one) tells X-Ray something went wrong but not what.",
    fix: {
      node: "Record the exception, not just the flag: `subsegment.addError(err)` (or close with `subsegment.close(err)`), instead of `addErrorFlag()`.",
      python:
        "Record the exception: `subsegment.add_exception(exc, traceback.extract_stack())` (the `with` block does it when the code raises).",
      java: "Record the exception: `subsegment.addException(e)`.",
      dotnet: "Record the exception: `AWSXRayRecorder.Instance.AddException(e)`.",
      go: "Pass the error to `seg.Close(err)` or `xray.AddError(ctx, err)`.",
      otel: "Call `span.recordException(err)` as well as `span.setStatus({ code: SpanStatusCode.ERROR })`.",
    },
  },
  "fault-without-cause": {
    title: "Fault with no cause",
    severity: "info",
    why: "X-Ray's root cause analysis and the console's Exceptions tab read `cause`. A node flagged `fault` with no `cause` (and no child that has one) shows a 5xx without the exception that caused it; X-Ray then blames the node itself.",
    fix: {
      node: "Let errors reach the SDK: register `AWSXRay.express.closeSegment()` after your routes and before your error handler, or record it: `AWSXRay.getSegment().addError(err)`.",
      python:
        "Let the exception reach the middleware, or record it: `xray_recorder.current_segment().add_exception(exc, stack)`.",
      java: "Let the exception reach `AWSXRayServletFilter`, or record it: `AWSXRay.getCurrentSegment().addException(e)`.",
      dotnet:
        "Let the exception reach the X-Ray middleware, or record it: `AWSXRayRecorder.Instance.AddException(e)`.",
      go: "Pass the error to `seg.Close(err)` or `xray.AddError(ctx, err)`.",
      otel: "Call `span.recordException(err)` where you set the error status.",
    },
  },
  "sql-unsanitised": {
    title: "SQL query with literal values",
    severity: "warning",
    why: "`sql.sanitized_query` is meant to hold the query with its values replaced by placeholders. A query with literals in it puts user data (emails, ids, passwords) into every trace, and makes each query look different so X-Ray cannot group them.",
    fix: {
      node: "Use parameterised queries (`client.query('SELECT … WHERE id = $1', [id])`), which `AWSXRay.capturePostgres`/`captureMySQL` record without values; never put values in `sanitized_query` yourself.",
      python:
        "Use parameterised queries (`cursor.execute('… WHERE id = %s', (id,))`); set `xray_recorder.configure(stream_sql=False)` if queries must not be recorded.",
      java: "Use `PreparedStatement` with `?` placeholders; the SQL interceptors record the statement without values.",
      dotnet:
        "Use `SqlParameter`s; leave `collectSqlQueries` off unless queries are parameterised.",
      go: 'Use placeholders (`db.QueryContext(ctx, "… WHERE id = $1", id)`) with `xray.SQLContext`.',
      otel: "Use placeholders; the database instrumentations record `db.statement` as sent, so sanitise it (`enhancedDatabaseReporting: false`).",
    },
  },
  "not-sampled": {
    title: "Request not sampled",
    severity: "info",
    why: "SDKs decide per request whether to trace it, from sampling rules they fetch from the daemon every few minutes. Each rule has a reservoir (requests per second traced for sure) and a rate (the fraction of the rest). A request outside the reservoir falls to the rate; a rate of 0 traces nothing more; before an SDK has fetched the rules it uses its local fallback (1 request per second, then 5%).",
    fix: {
      node: "For tests and demos sample everything: `AWSXRay.middleware.setSamplingRules({ version: 2, default: { fixed_target: 1, rate: 1 }, rules: [] })`, or raise the rule's reservoir and rate.",
      python:
        "Sample everything: `xray_recorder.configure(sampling=False)`, or local rules with `fixed_target` and `rate` of 1.",
      java: "Sample everything: `AWSXRayRecorderBuilder.standard().withSamplingStrategy(new AllSamplingStrategy())`.",
      dotnet:
        'Sample everything with local rules: `AWSXRayRecorder.Instance.SamplingStrategy = new LocalizedSamplingStrategy("rules.json")` with `fixed_target` and `rate` 1.',
      go: "Sample everything: `xray.Configure(xray.Config{SamplingStrategy: …NewLocalizedStrategyFromJSONBytes(rules)})` with rate 1.",
      otel: "Use `OTEL_TRACES_SAMPLER=always_on` (or `parentbased_always_on`), or raise the X-Ray remote sampler's rule.",
    },
  },
  "bad-header": {
    title: "Datagram without the daemon header",
    severity: "error",
    why: 'The X-Ray daemon protocol is one line of JSON header, `{"format":"json","version":1}`, a newline, then the segment document. A datagram without that header (or with another format) is dropped by the daemon without a word to the sender.',
    fix: {
      node: 'Send through the SDK (it writes the header), or prefix your datagram with `{"format":"json","version":1}\\n`.',
      python: "Send through the SDK's emitter, or prefix your datagram with the header line.",
      java: "Send through the SDK's emitter, or prefix your datagram with the header line.",
      dotnet: "Send through the SDK's emitter, or prefix your datagram with the header line.",
      go: "Send through the SDK's emitter, or prefix your datagram with the header line.",
      otel: "OTLP does not go to the daemon's UDP port as plain protobuf: export OTLP/HTTP to `/v1/traces`, or use ADOT's UDP exporter (`T1S` prefix).",
    },
  },
  "malformed-datagram": {
    title: "Datagram that is not a document",
    severity: "error",
    why: "After the header the daemon expects one JSON object, a segment document. Text that is not JSON (or not an object, or nested too deep, or not UTF-8) is dropped, and X-Ray never sees the segment.",
    fix: {
      node: "Send through the SDK; if you build documents yourself, `JSON.stringify` one segment object per datagram.",
      python: "Send through the SDK; one `json.dumps(segment_dict)` per datagram.",
      java: "Send through the SDK's emitter.",
      dotnet: "Send through the SDK's emitter.",
      go: "Send through the SDK's emitter.",
      otel: "Use an OTLP exporter, not a UDP writer of your own.",
    },
  },
  "otlp-datagram": {
    title: "OpenTelemetry data the daemon cannot read",
    severity: "error",
    why: "The X-Ray daemon reads OpenTelemetry spans only as ADOT's UDP datagrams (`T1S` + base64 protobuf) and OTLP/HTTP or gRPC. A payload that claims to be OTLP but cannot be decoded, or spans that cannot become X-Ray documents (a zero trace id), are dropped.",
    fix: {
      otel: "Use ADOT's exporter or the standard OTLP exporter (`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://localhost:4318/v1/traces`); spans need non-zero trace and span ids.",
    },
  },
  "invalid-document": {
    title: "Document missing required fields",
    severity: "error",
    why: 'X-Ray requires `name`, `id`, `trace_id`, `start_time`, and either `end_time` or `in_progress: true` (a subsegment sent alone also needs `type: "subsegment"` and `parent_id`). A document missing one is rejected.',
    fix: {
      node: "Let the SDK build documents; if you must build one, fill every required field.",
      python: "Let the SDK build documents; if you must build one, fill every required field.",
      java: "Let the SDK build documents.",
      dotnet: "Let the SDK build documents.",
      go: "Let the SDK build documents.",
      otel: "Spans become documents in the exporter; check the span has a name, ids and times.",
    },
  },
};

export function explanationOf(code: ProblemCode): Explanation {
  return EXPLANATIONS[code];
}

/** Every code, in the order the catalogue lists them. */
export const PROBLEM_CODES: readonly ProblemCode[] = Object.freeze(
  Object.keys(EXPLANATIONS) as ProblemCode[],
);
