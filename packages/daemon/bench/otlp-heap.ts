/**
 * `pnpm bench:otlp-heap`: the memory a stored OpenTelemetry span holds, against an X-Ray JSON
 * document of the same content. Fills a fresh in-process ingest service and store with the
 * spans `pnpm bench:otlp` sends (OTLP/HTTP protobuf bodies of 512 spans), then with the X-Ray
 * documents they translate to, forcing a garbage collection before and after each, and
 * prints what stayed: V8 heap plus array buffers (the protobuf bodies the origins keep for
 * the Raw tab live outside the heap), per stored document. Then it reads every stored
 * document's source span once (as the Raw tab, an export or the segment log would) and
 * measures again; before that, it reads every document's text (which a lazily filed span
 * writes only then) and measures. Runs itself again with `--expose-gc` when started without it.
 * `REQUESTS` (default 5,120) requests of two spans each. `CHECKOUT=<another checkout's root>`
 * measures that checkout's daemon and store instead (the spans are made and encoded here).
 */

import { execFileSync } from "node:child_process";
import { checkoutModules, freshIngest } from "./bench-checkout.ts";
import { makeSpans, protobufBodies, translatedTexts } from "./otlp-bench-spans.ts";

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  execFileSync(process.execPath, ["--expose-gc", ...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
  });
  process.exit(0);
}
const collect = gc;

const modules = await checkoutModules();
const { root: checkout, sourceSpanOf, translateTraceRequest, decodeProtobufRequest } = modules;

const REQUESTS = Number(process.env.REQUESTS ?? 5_120);

const spans = makeSpans(REQUESTS);
const bodies = protobufBodies(spans);
const jsonDocuments = translatedTexts(bodies, decodeProtobufRequest, translateTraceRequest);

const encoder = new TextEncoder();
const textDecoder = new TextDecoder();
const jsonBytes = jsonDocuments.map((text) => encoder.encode(text));

function held(): number {
  collect();
  collect();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

const freshService = () => freshIngest(modules);

const perDocument = (bytes: number) =>
  `${Math.round(bytes / spans.length).toLocaleString("en-US")} B`;

console.log(`${checkout}: ${spans.length} spans`);
{
  const before = held();
  const { ingest, store } = freshService();
  // Each text decoded from bytes, as a socket's would be (not the strings this script holds).
  for (const bytes of jsonBytes) {
    ingest.document(textDecoder.decode(bytes), { kind: "api", operation: "PutTraceSegments" });
  }
  const after = held();
  if (store.stats().documents !== spans.length) throw new Error("documents lost");
  console.log(`X-Ray JSON documents: ${perDocument(after - before)} a stored document`);
}
{
  const before = held();
  const { intake, store } = freshService();
  for (const body of bodies) intake.body(body, "protobuf", "otlp-http-protobuf", undefined);
  const unread = held();
  if (store.stats().documents !== spans.length) throw new Error("spans lost");
  // Each document's text (written the first time it is read, where spans are filed lazily).
  let texts = 0;
  for (const trace of store.traceIds()) {
    for (const document of store.storedDocuments(trace) ?? []) texts += document.raw.length;
  }
  const afterText = held();
  let read = 0;
  for (const trace of store.traceIds()) {
    for (const document of store.storedDocuments(trace) ?? []) {
      if (sourceSpanOf(document.origin) !== undefined) read++;
    }
  }
  const afterReading = held();
  console.log(
    `OTLP/HTTP protobuf spans: ${perDocument(unread - before)} a stored span, nothing read; ${perDocument(afterText - before)} after reading every document's text (${Math.round(texts / spans.length)} characters a document); ${perDocument(afterReading - before)} after reading ${read} source spans too`,
  );
}
