import { loadFixtureRun } from "@xray-sandbox/fixtures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Daemon } from "../src/daemon.ts";
import { fetchStats, sendPaced, startTestDaemon, waitForReceived } from "./support/daemon.ts";
import { sendDatagrams } from "./support/udp.ts";

/** The largest payload a UDP datagram over IPv4 can carry. */
const MAX_UDP_PAYLOAD = 65_507;

interface CorpusEntry {
  readonly label: string;
  readonly bytes: Uint8Array;
  /** The parser's verdict, when the input alone decides it. */
  readonly expected?: string;
  /** A T1S/T1U body behind a valid header, which the daemon decodes as OTLP. */
  readonly otlp?: boolean;
}

function isCorpus(value: unknown): value is CorpusEntry[] {
  return (
    Array.isArray(value) &&
    value.every(
      (entry: unknown) =>
        typeof entry === "object" &&
        entry !== null &&
        "label" in entry &&
        typeof entry.label === "string" &&
        "bytes" in entry &&
        entry.bytes instanceof Uint8Array,
    )
  );
}

/**
 * The corpus is test support of the segments package, outside this project's sources, so it
 * is loaded by URL (a path the typechecker does not follow) and checked at run time.
 */
async function loadCorpus(): Promise<CorpusEntry[]> {
  const url = new URL(
    "../../../packages/segments/src/test-support/malformed-corpus.ts",
    import.meta.url,
  ).href;
  const module: unknown = await import(url);
  if (
    typeof module !== "object" ||
    module === null ||
    !("generateMalformedCorpus" in module) ||
    typeof module.generateMalformedCorpus !== "function"
  ) {
    throw new Error(`${url} does not export generateMalformedCorpus()`);
  }
  const corpus: unknown = module.generateMalformedCorpus();
  if (!isCorpus(corpus)) throw new Error("generateMalformedCorpus() returned an unexpected shape");
  return corpus;
}

let daemon: Daemon;
let corpus: CorpusEntry[];

beforeAll(async () => {
  corpus = await loadCorpus();
  daemon = await startTestDaemon();
  const overUdp = corpus.filter((entry) => entry.bytes.byteLength <= MAX_UDP_PAYLOAD);
  const tooBigForUdp = corpus.filter((entry) => entry.bytes.byteLength > MAX_UDP_PAYLOAD);
  await sendPaced(
    daemon,
    overUdp.map((entry) => entry.bytes),
    (batch) => sendDatagrams(daemon.udpAddress, batch),
  );
  for (const entry of tooBigForUdp) daemon.ingestDatagram(entry.bytes);
  await waitForReceived(daemon, corpus.length);
});

afterAll(() => daemon?.close());

describe("the malformed corpus over UDP", () => {
  it("is counted in full: every datagram accepted or rejected with a reason", async () => {
    expect(corpus.length).toBeGreaterThan(0);
    const { datagrams } = await fetchStats(daemon);
    expect(datagrams.received).toBe(corpus.length);
    expect(datagrams.accepted + datagrams.rejected).toBe(corpus.length);
    const byReason = Object.values(datagrams.rejectedByReason).reduce((sum, n) => sum + n, 0);
    expect(byReason).toBe(datagrams.rejected);
    expect(datagrams.internalErrors).toBe(0);
  });

  it("gets the verdict the corpus expects, so the bytes arrived unaltered", async () => {
    const { datagrams } = await fetchStats(daemon);
    const expected = new Map<string, number>();
    for (const input of corpus) {
      // The parser calls a T1S/T1U body not-json; the daemon decodes it as ADOT's spans, and
      // refuses the ones that are not OTLP under a reason of its own.
      const verdict = input.otlp ? "otlp" : input.expected;
      if (verdict !== undefined) expected.set(verdict, (expected.get(verdict) ?? 0) + 1);
    }
    const byReason = datagrams.rejectedByReason;
    const actual: Record<string, number> = {
      ...byReason,
      accepted: datagrams.accepted,
      otlp:
        (byReason["otlp-bad-base64"] ?? 0) +
        (byReason["otlp-bad-protobuf"] ?? 0) +
        (byReason["otlp-untranslatable"] ?? 0),
    };
    for (const [verdict, count] of expected) {
      expect.soft(actual[verdict] ?? 0, verdict).toBeGreaterThanOrEqual(count);
    }
  });

  it("leaves the daemon serving HTTP and accepting valid segments", async () => {
    const health = await fetch(`${daemon.url}/api/health`);
    expect(health.status).toBe(200);

    const before = daemon.stats().datagrams;
    const [valid] = loadFixtureRun("run1-basic");
    if (!valid) throw new Error("fixture run1-basic is empty");
    await sendDatagrams(daemon.udpAddress, [valid.bytes]);
    await waitForReceived(daemon, before.received + 1);
    expect(daemon.stats().datagrams.accepted).toBe(before.accepted + 1);
  });
});
