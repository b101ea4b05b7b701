/**
 * Pass 2 of an import: the checked documents read back from the temporary file a block at a
 * time and handed to the ingest path, a slice at a time (see `ApplySlices`). Memory holds one
 * block (64 KiB, or one document when longer), whatever the file's size.
 */

import { closeSync, openSync, readSync } from "node:fs";
import { type DocumentOrigin, epochMillis, importedOrigin } from "@xray-sandbox/segments";
import { ApplySlices, type SliceOptions } from "./apply-slices.ts";
import { type ImportOutcome, type ImportTarget, OutcomeTally } from "./import-entries.ts";
import type { ImportSpool } from "./import-spool.ts";

const BLOCK_BYTES = 64 * 1024;
const TAB = 0x09;

export async function applySpool(
  spool: Pick<ImportSpool, "path" | "index">,
  { ingest }: ImportTarget,
  listedProblems: number,
  options: SliceOptions = {},
): Promise<ImportOutcome & { readonly refusedCount: number }> {
  const { index } = spool;
  const order = index.order();
  const tally = new OutcomeTally(listedProblems);
  const slices = new ApplySlices(options);
  const fd = openSync(spool.path, "r");
  const block = new BlockReader(fd);
  const origins = new SharedOrigins();
  try {
    for (const entry of order) {
      if (slices.full()) await slices.pause();
      const bytes = block.read(index.offset(entry), index.length(entry));
      const tab = bytes.indexOf(TAB);
      const origin = tab > 0 ? origins.parse(bytes, tab) : undefined;
      const raw = bytes.toString("utf8", tab + 1);
      const receivedAt = index.receivedAt(entry);
      const where = `line ${index.line(entry)}`;
      tally.add(
        where,
        ingest(raw, receivedAt === undefined ? undefined : epochMillis(receivedAt), where, origin),
      );
      slices.applied();
    }
    slices.done();
  } finally {
    closeSync(fd);
  }
  return { ...tally.outcome(), refusedCount: tally.refusedCount };
}

/** Origins this short are shared; longer ones (a span's, with its attributes) are parsed each time. */
const SHARED_ORIGIN_BYTES = 256;
/** Distinct origin texts shared, at most. */
const SHARED_ORIGINS = 64;

/**
 * One origin object for every document whose record names the same short origin (most of a
 * file says `{"kind":"xray-udp"}`): the store keeps each document's origin, and one object
 * per document would be memory held for nothing. Origins are never changed once stored. The
 * object given is already an import's origin (`importedOrigin`), so it is kept as it is.
 */
class SharedOrigins {
  readonly #byText = new Map<string, DocumentOrigin>();

  parse(bytes: Buffer, end: number): DocumentOrigin {
    if (end > SHARED_ORIGIN_BYTES) {
      return importedOrigin(JSON.parse(bytes.toString("utf8", 0, end)) as DocumentOrigin);
    }
    const text = bytes.toString("latin1", 0, end);
    let origin = this.#byText.get(text);
    if (origin === undefined) {
      origin = importedOrigin(JSON.parse(bytes.toString("utf8", 0, end)) as DocumentOrigin);
      if (this.#byText.size < SHARED_ORIGINS) this.#byText.set(text, origin);
    }
    return origin;
  }
}

/**
 * Reads a file by offset through one block: consecutive entries come from one read. The reads
 * are synchronous, from a file just written (in the page cache), within a slice's time.
 */
class BlockReader {
  readonly #fd: number;
  #buffer = Buffer.alloc(BLOCK_BYTES);
  #start = 0;
  #end = 0;

  constructor(fd: number) {
    this.#fd = fd;
  }

  read(offset: number, length: number): Buffer {
    if (offset < this.#start || offset + length > this.#end) {
      if (this.#buffer.length < length) this.#buffer = Buffer.alloc(length);
      const got = readSync(this.#fd, this.#buffer, 0, this.#buffer.length, offset);
      if (got < length) throw new Error(`the import's temporary file ended at ${offset + got}`);
      this.#start = offset;
      this.#end = offset + got;
    }
    return this.#buffer.subarray(offset - this.#start, offset - this.#start + length);
  }
}
