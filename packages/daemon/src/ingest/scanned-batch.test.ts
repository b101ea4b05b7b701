import {
  type DocumentIndex,
  type EpochMillis,
  newByteScan,
  scanDatagram,
  scanDatagramBytes,
} from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { type BatchReader, BatchWriter, readBatch } from "./scanned-batch.ts";

const encoder = new TextEncoder();
const HEADER = '{"format":"json","version":1}\n';

interface Read {
  readonly kind: string;
  readonly index?: DocumentIndex;
  readonly raw?: string;
  readonly bodyBytes?: number;
  readonly datagram: string;
  readonly reason?: string;
  readonly message?: string;
  readonly from: string;
  readonly receivedAt: EpochMillis;
}

function readAll(writer: BatchWriter): Read[] {
  const read: Read[] = [];
  const reader: BatchReader = {
    accepted(index, raw, bodyBytes, datagram, address, port, receivedAt) {
      const text = Buffer.from(datagram).toString();
      read.push({
        kind: "accepted",
        index,
        raw,
        bodyBytes,
        datagram: text,
        from: `${address}:${port}`,
        receivedAt,
      });
    },
    rejected(datagram, reason, message, address, port, receivedAt) {
      const text = Buffer.from(datagram).toString();
      read.push({
        kind: "rejected",
        datagram: text,
        reason,
        message,
        from: `${address}:${port}`,
        receivedAt,
      });
    },
    otlp(datagram, address, port, receivedAt) {
      const text = Buffer.from(datagram).toString();
      read.push({ kind: "otlp", datagram: text, from: `${address}:${port}`, receivedAt });
    },
  };
  readBatch(writer.buffer, writer.length, writer.senders, reader);
  return read;
}

function scanned(text: string) {
  const bytes = encoder.encode(HEADER + text);
  const result = scanDatagram(bytes);
  if (!result.ok) throw new Error(result.rejection.message);
  return { bytes, index: result.index, bodyStart: HEADER.length };
}

describe("scanned batches", () => {
  it("carry each document's index fields, text and sender to the main thread, in order", () => {
    const writer = new BatchWriter(new ArrayBuffer(1 << 16));
    const segment = scanned(
      '{"name":"café ☕","id":"70de5b6f19ff9a0a","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1478293361.271,"end_time":1478293361.449}',
    );
    const streamed = scanned(
      '{"name":"sub","id":"80de5b6f19ff9a0a","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1.5,"in_progress":true,"type":"subsegment","parent_id":"70de5b6f19ff9a0a"}',
    );
    const junk = encoder.encode("no header");
    expect(
      writer.accepted(segment.bytes, segment.bodyStart, segment.index, "10.0.0.1", 4000, 1_000),
    ).toBe(true);
    expect(
      writer.rejected(junk, "no-separator", "no newline in the datagram", "::1", 5000, 2_000),
    ).toBe(true);
    expect(
      writer.accepted(streamed.bytes, streamed.bodyStart, streamed.index, "10.0.0.1", 4001, 3_000),
    ).toBe(true);
    expect(writer.entries).toBe(3);
    expect(writer.senders).toEqual(["10.0.0.1", "::1"]);
    expect(writer.datagramBytes).toBe(segment.bytes.length + junk.length + streamed.bytes.length);

    const [first, second, third] = readAll(writer);
    expect(first).toEqual({
      kind: "accepted",
      index: expect.objectContaining({ ...segment.index }),
      raw: new TextDecoder().decode(segment.bytes).slice(HEADER.length),
      bodyBytes: segment.bytes.length - HEADER.length,
      datagram: new TextDecoder().decode(segment.bytes),
      from: "10.0.0.1:4000",
      receivedAt: 1_000,
    });
    expect({ ...first?.index }).toEqual({ ...segment.index });
    expect(second).toEqual({
      kind: "rejected",
      datagram: "no header",
      reason: "no-separator",
      message: "no newline in the datagram",
      from: "::1:5000",
      receivedAt: 2_000,
    });
    expect({ ...third?.index }).toEqual({ ...streamed.index });
    expect(third?.index).toMatchObject({
      in_progress: true,
      type: "subsegment",
      parent_id: "70de5b6f19ff9a0a",
      end_time: undefined,
    });
  });

  it("carry ADOT's OTLP datagrams whole, between the others, for the main thread to decode", () => {
    const writer = new BatchWriter(new ArrayBuffer(1 << 16));
    const segment = scanned(
      '{"name":"svc","id":"70de5b6f19ff9a0a","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"end_time":2}',
    );
    const otlp = encoder.encode(`${HEADER}T1UCo0CCpcBCiYKDHNlcnZpY2UubmFtZRIW`);
    expect(writer.otlp(otlp, "10.0.0.2", 4002, 1_000)).toBe(true);
    expect(
      writer.accepted(segment.bytes, segment.bodyStart, segment.index, "10.0.0.1", 4000, 2_000),
    ).toBe(true);
    expect(writer.datagramBytes).toBe(otlp.length + segment.bytes.length);

    const read = readAll(writer);
    expect(read.map((entry) => entry.kind)).toEqual(["otlp", "accepted"]);
    expect(read[0]).toEqual({
      kind: "otlp",
      datagram: new TextDecoder().decode(otlp),
      from: "10.0.0.2:4002",
      receivedAt: 1_000,
    });
    expect(new BatchWriter(new ArrayBuffer(30)).otlp(otlp, "a", 1, 1)).toBe(false);
  });

  it("refuses an entry that does not fit and stays as it was", () => {
    const writer = new BatchWriter(new ArrayBuffer(200));
    const big = scanned(
      `{"name":"svc","id":"70de5b6f19ff9a0a","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"end_time":2,"pad":"${"x".repeat(200)}"}`,
    );
    expect(writer.accepted(big.bytes, big.bodyStart, big.index, "a", 1, 1)).toBe(false);
    expect(writer.rejected(encoder.encode("x".repeat(300)), "not-json", "m", "a", 1, 1)).toBe(
      false,
    );
    expect([writer.length, writer.entries, writer.senders]).toEqual([0, 0, []]);
  });

  it("read a datagram the byte scan took exactly as one the full scan took", () => {
    const bodies = [
      '{"name":"svc","id":"70de5b6f19ff9a0a","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1478293361.271,"end_time":1478293361.449,"http":{"x":[1,2]}}',
      '{"name":"sub","id":"80de5b6f19ff9a0a","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1.5,"in_progress":true,"type":"subsegment","parent_id":"70de5B6f19ff9a0a"}',
      '{"name":"done","id":"90de5b6f19ff9a0a","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":2,"end_time":3,"in_progress":false,"type":"segment"}',
      '{"name":"a-longer-service-name","id":"a0de5b6f19ff9a0a","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":2,"end_time":3.25}',
    ];
    const scan = newByteScan();
    for (const body of bodies) {
      const full = scanned(body);
      const viaFull = new BatchWriter(new ArrayBuffer(1 << 14));
      viaFull.accepted(full.bytes, full.bodyStart, full.index, "10.0.0.1", 4000, 1_000);
      const viaBytes = new BatchWriter(new ArrayBuffer(1 << 14));
      expect(scanDatagramBytes(full.bytes, scan)).toBe(true);
      expect(viaBytes.scanned(full.bytes, scan, "10.0.0.1", 4000, 1_000)).toBe(true);
      expect([viaBytes.length, viaBytes.entries, viaBytes.datagramBytes]).toEqual([
        viaFull.length,
        viaFull.entries,
        viaFull.datagramBytes,
      ]);
      const [fromBytes] = readAll(viaBytes);
      const [fromFull] = readAll(viaFull);
      expect(fromBytes).toEqual(fromFull);
      expect({ ...fromBytes?.index }).toEqual({ ...full.index });
    }
  });

  it("read large byte-scanned documents, with small ones between them, as the full scan does", () => {
    const pad = (n: number) => "x".repeat(n);
    const bodies = [
      `{"name":"big-one","id":"70de5b6f19ff9a0a","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"end_time":2,"metadata":{"pad":"${pad(4000)}"}}`,
      '{"name":"small","id":"80de5b6f19ff9a0a","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"in_progress":true,"type":"subsegment","parent_id":"70de5b6f19ff9a0a"}',
      `{"name":"big-two","id":"90de5b6f19ff9a0a","trace_id":"1-581cf771-b006649127e371903a2de979","start_time":3,"end_time":4,"parent_id":"70de5b6f19ff9a0a","metadata":{"pad":"${pad(2100)}"}}`,
    ];
    const scan = newByteScan();
    const viaBytes = new BatchWriter(new ArrayBuffer(1 << 15));
    const viaFull = new BatchWriter(new ArrayBuffer(1 << 15));
    for (const body of bodies) {
      const full = scanned(body);
      expect(scanDatagramBytes(full.bytes, scan)).toBe(true);
      expect(viaBytes.scanned(full.bytes, scan, "10.0.0.1", 4000, 1_000)).toBe(true);
      expect(
        viaFull.accepted(full.bytes, full.bodyStart, full.index, "10.0.0.1", 4000, 1_000),
      ).toBe(true);
    }
    const fromBytes = readAll(viaBytes);
    expect(fromBytes).toEqual(readAll(viaFull));
    expect(fromBytes.map((read) => read.raw)).toEqual(bodies);
    expect(fromBytes.map((read) => read.index?.name)).toEqual(["big-one", "small", "big-two"]);
  });

  it("refuses a byte-scanned entry that does not fit and stays as it was", () => {
    const writer = new BatchWriter(new ArrayBuffer(200));
    const big = scanned(
      `{"name":"svc","id":"70de5b6f19ff9a0a","trace_id":"1-581cf771-a006649127e371903a2de979","start_time":1,"end_time":2,"pad":"${"x".repeat(200)}"}`,
    );
    const scan = newByteScan();
    expect(scanDatagramBytes(big.bytes, scan)).toBe(true);
    expect(writer.scanned(big.bytes, scan, "a", 1, 1)).toBe(false);
    expect([writer.length, writer.entries, writer.senders]).toEqual([0, 0, []]);
  });
});
