/**
 * Micro-benchmark of datagram parsing, run by hand (not a test):
 *   npx tsx packages/segments/bench/parse-datagram.bench.ts
 * Prints ns/op for JSON.parse alone, parseDatagram without and with warnings, and the same
 * checks written as zod 4 schemas (interpreted and `z.compile`d), on the fixture
 * `run1-basic/008.dgram` (808 B), `run1-basic/004.dgram` (1.5 KB) and a ~4 KB document.
 */

import { loadFixtureRun } from "@xray-sandbox/fixtures";
import { z } from "zod";
import { parseDatagram } from "../src/parse-datagram.ts";
import { validateDocument } from "../src/validate-document.ts";

function runOneFixture(file: string): Uint8Array {
  const found = loadFixtureRun("run1-basic").find((d) => d.file === file);
  if (found === undefined) throw new Error(`fixture run1-basic/${file} not found`);
  return found.bytes;
}
const fixture = runOneFixture("004.dgram");

function fourKilobyteDatagram(): Uint8Array {
  const text = new TextDecoder().decode(fixture);
  const newline = text.indexOf("\n");
  const doc = JSON.parse(text.slice(newline + 1)) as Record<string, unknown>;
  doc.annotations = { route: "orders", tenant: "acme", premium: true, score: 9.5 };
  doc.metadata = { default: { order: { id: 42, items: ["a", "b", "c"] } }, debug: { ok: true } };
  doc.subsegments = Array.from({ length: 8 }, (_, i) => ({
    id: `aaaaaaaaaaaaaa${String(i).padStart(2, "0")}`,
    name: `step-${i}`,
    start_time: 1795686985.505 + i / 1000,
    end_time: 1795686985.506 + i / 1000,
    namespace: "remote",
    http: { request: { url: `http://inventory.local/items/${i}`, method: "GET" } },
    annotations: { item: i, cached: i % 2 === 0 },
    metadata: { default: { attempt: 1, note: "fetched from the inventory service" } },
  }));
  return new TextEncoder().encode(`{"format":"json","version":1}\n${JSON.stringify(doc)}`);
}

const hex16 = z.string().regex(/^[0-9a-fA-F]{16}$/);
const traceId = z.string().regex(/^1-[0-9a-fA-F]{8}-[0-9a-fA-F]{24}$/);

const requiredFields = z.looseObject({
  id: hex16,
  trace_id: traceId,
  name: z.string().min(1),
  start_time: z.number(),
  end_time: z.number().optional(),
  in_progress: z.boolean().optional(),
  parent_id: hex16.optional(),
  type: z.string().optional(),
});

const frame = z.object({
  path: z.string().optional(),
  line: z.int(),
  label: z.string().optional(),
});
const exception = z.looseObject({
  id: hex16,
  cause: hex16.optional(),
  stack: z.array(frame).optional(),
});
const cause = z.union([hex16, z.looseObject({ exceptions: z.array(exception).optional() })]);
const annotations = z
  .record(z.string().regex(/^[A-Za-z0-9_]+$/), z.union([z.string(), z.number(), z.boolean()]))
  .refine((value) => Object.keys(value).length <= 50);
const fields = {
  in_progress: z.literal(true).optional(),
  error: z.boolean().optional(),
  throttle: z.boolean().optional(),
  fault: z.boolean().optional(),
  http: z
    .looseObject({
      request: z.looseObject({ user_agent: z.string().min(1).optional() }).optional(),
      response: z.looseObject({ status: z.int().optional() }).optional(),
    })
    .optional(),
  cause: cause.optional(),
  annotations: annotations.optional(),
  metadata: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  aws: z.unknown(),
  sql: z.unknown(),
  service: z.unknown(),
  user: z.unknown(),
  origin: z.unknown(),
  resource_arn: z.unknown(),
  namespace: z.unknown(),
  traced: z.unknown(),
  precursor_ids: z.unknown(),
  type: z.literal("subsegment").optional(),
  trace_id: traceId.optional(),
  parent_id: hex16.optional(),
};
const subsegment: z.ZodType = z.strictObject({
  id: hex16,
  name: z.string().min(1),
  start_time: z.number(),
  end_time: z.number().optional(),
  ...fields,
  get subsegments() {
    return z.array(subsegment).optional();
  },
});
const warningsSchema = z.strictObject({
  id: z.unknown(),
  name: z.unknown(),
  start_time: z.unknown(),
  end_time: z.unknown(),
  ...fields,
  subsegments: z.array(subsegment).optional(),
});
const compiledRequired = z.compile(requiredFields);
const fatal = new TextDecoder("utf-8", { fatal: true });
const lenient = new TextDecoder("utf-8");

/** The same pipeline as parseDatagram's hot path, with the document checks done by zod. */
function zodParse(bytes: Uint8Array, schema: z.ZodType): boolean {
  const text = fatal.decode(bytes);
  const value: unknown = JSON.parse(text.slice(text.indexOf("\n") + 1));
  return schema.safeParse(value).success;
}

type Variant = readonly [label: string, run: () => unknown];

/** Runs the variants round-robin so that load from other processes hits them alike. */
function measure(variants: readonly Variant[]): void {
  const rounds = 21;
  const iterations = 2_000;
  const samples = variants.map(() => [] as number[]);
  let sink = 0;
  for (let round = 0; round < rounds; round++) {
    variants.forEach(([, run], index) => {
      const start = process.hrtime.bigint();
      for (let i = 0; i < iterations; i++) if (run() !== undefined) sink++;
      samples[index]?.push(Number(process.hrtime.bigint() - start) / iterations);
    });
  }
  variants.forEach(([label], index) => {
    const sorted = (samples[index] ?? []).sort((a, b) => a - b);
    const median = sorted[Math.floor(rounds / 2)] ?? Number.NaN;
    const best = sorted[0] ?? Number.NaN;
    console.log(
      `${label.padEnd(44)} median ${median.toFixed(0).padStart(7)} ns/op, best ${best.toFixed(0).padStart(7)}`,
    );
  });
  if (sink === 0) console.log("(nothing ran)");
}

for (const [name, bytes] of [
  ["run1-basic/008.dgram (the ~800 B of the daemon's target)", runOneFixture("008.dgram")],
  ["run1-basic/004.dgram", fixture],
  ["4 KB document", fourKilobyteDatagram()],
] as const) {
  const text = lenient.decode(bytes);
  const body = text.slice(text.indexOf("\n") + 1);
  const parsed: unknown = JSON.parse(body);
  console.log(`\n${name}: ${bytes.length} bytes`);
  measure([
    ["TextDecoder fatal", () => fatal.decode(bytes)],
    ["TextDecoder non-fatal", () => lenient.decode(bytes)],
    ["JSON.parse(body) alone", () => JSON.parse(body)],
    ["decode + split + JSON.parse (no checks)", () => JSON.parse(lenient.decode(bytes).slice(30))],
    ["parseDatagram, warnings: false", () => parseDatagram(bytes, { warnings: false })],
    ["parseDatagram, warnings: true", () => parseDatagram(bytes, { warnings: true })],
    ["validateDocument alone", () => validateDocument(parsed as never)],
    ["zod required fields (decode+parse+check)", () => zodParse(bytes, requiredFields)],
    ["zod compiled required fields", () => zodParse(bytes, compiledRequired)],
    ["zod warnings schema alone", () => warningsSchema.safeParse(parsed)],
  ]);
}
