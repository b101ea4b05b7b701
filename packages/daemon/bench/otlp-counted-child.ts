/**
 * One process of `pnpm bench:otlp-counted`, run under Valgrind. Reads each path's inputs from
 * `DIR/<path>.inputs` (see `packed-inputs.ts`), ingests all of them `--warm-rounds` times for
 * every path of `--warm` (the paths in turn, round by round), then `--rounds` more times for
 * `--path` alone, with only that path's inputs kept. Every round fills a fresh ingest service
 * and store after a full garbage collection, as `pnpm bench:otlp` does. `--collections N`
 * forces N more full collections at the end, so that a process with fewer rounds can force as
 * many as one with more. `CHECKOUT=<another checkout's root>` ingests with that checkout's
 * daemon and store.
 *
 *   node --expose-gc --import tsx otlp-counted-child.ts --dir DIR --spans N \
 *     --warm json,udp,http --warm-rounds 3 --path udp --rounds 8 [--collections N]
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { checkoutModules, freshIngest } from "./bench-checkout.ts";
import { unpackInputs } from "./packed-inputs.ts";

const COUNTED_PATHS = ["json", "udp", "http"] as const;
export type CountedPath = (typeof COUNTED_PATHS)[number];

const USAGE =
  "usage: otlp-counted-child.ts --dir DIR --spans N --warm PATH[,PATH...] --warm-rounds N --path json|udp|http --rounds N [--collections N]";

function isPath(name: string): name is CountedPath {
  return (COUNTED_PATHS as readonly string[]).includes(name);
}

function wholeNumber(text: string | undefined, least: number): number {
  const value = Number(text);
  if (text === undefined || !Number.isInteger(value) || value < least) throw new Error(USAGE);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dir: { type: "string" },
      spans: { type: "string" },
      warm: { type: "string" },
      "warm-rounds": { type: "string" },
      path: { type: "string" },
      rounds: { type: "string" },
      collections: { type: "string" },
    },
  });
  const warm = (values.warm ?? "").split(",");
  const path = values.path ?? "";
  if (values.dir === undefined || !warm.every(isPath) || !isPath(path)) throw new Error(USAGE);
  const dir = values.dir;
  const spans = wholeNumber(values.spans, 1);
  const warmRounds = wholeNumber(values["warm-rounds"], 1);
  const rounds = wholeNumber(values.rounds, 0);
  const collections = values.collections === undefined ? 0 : wholeNumber(values.collections, 0);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("run with --expose-gc");

  const modules = await checkoutModules();

  const inputs = new Map<CountedPath, Uint8Array[]>();
  for (const name of new Set([...warm, path])) {
    inputs.set(name, unpackInputs(readFileSync(join(dir, `${name}.inputs`))));
  }
  // The X-Ray documents as strings made once, before every round: they are old by the first
  // round's collection, as the documents of a PutTraceSegments body already read would be.
  const decoder = new TextDecoder();
  let texts = (inputs.get("json") ?? []).map((bytes) => decoder.decode(bytes));

  function round(name: CountedPath): void {
    gc?.();
    const { store, ingest, intake } = freshIngest(modules);
    if (name === "json") {
      for (const text of texts)
        ingest.document(text, { kind: "api", operation: "PutTraceSegments" });
    } else if (name === "udp") {
      for (const datagram of inputs.get(name) ?? [])
        intake.payload(datagram, "otlp-udp", undefined);
    } else {
      for (const body of inputs.get(name) ?? [])
        intake.body(body, "protobuf", "otlp-http-protobuf", undefined);
    }
    const stored = store.stats().documents;
    if (stored !== spans) throw new Error(`${name}: stored ${stored} documents of ${spans} spans`);
  }

  for (let i = 0; i < warmRounds; i++) for (const name of warm) round(name);
  // The other paths' inputs let go: the counted rounds' collections mark only their own.
  for (const name of inputs.keys()) if (name !== path) inputs.delete(name);
  if (path !== "json") texts = [];
  for (let i = 0; i < rounds; i++) round(path);
  for (let i = 0; i < collections; i++) gc();
}

await main();
