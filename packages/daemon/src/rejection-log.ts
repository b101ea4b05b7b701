import {
  type EpochMillis,
  type ProblemCode,
  type RejectionReason,
  rejectionProblemCode,
} from "@xray-sandbox/segments";

/** Why a datagram was not stored: the parser's reasons, plus a failure inside the daemon. */
export type DatagramRejectionReason = RejectionReason | "internal-error";

export interface RejectionInput {
  readonly receivedAt: EpochMillis;
  /** `ip:port` of the sender. */
  readonly from: string;
  readonly bytes: Uint8Array;
  readonly reason: DatagramRejectionReason;
  readonly message: string;
}

export interface RejectionEntry {
  /** ISO 8601. */
  readonly receivedAt: string;
  readonly from: string;
  /** Datagram size in bytes. */
  readonly size: number;
  readonly reason: DatagramRejectionReason;
  readonly message: string;
  /** The start of the payload as text; undecodable bytes as U+FFFD, control characters as escapes. */
  readonly preview: string;
  /** The trace doctor's explanation of this reason (`oversized`, `bad-header`, …). */
  readonly code: ProblemCode;
}

interface KeptRejection {
  readonly receivedAt: EpochMillis;
  readonly from: string;
  readonly size: number;
  readonly reason: DatagramRejectionReason;
  readonly message: string;
  /** A copy of the first bytes only: the preview is rendered when someone asks. */
  readonly head: Uint8Array;
}

export const PREVIEW_CHARS = 200;
/** Enough bytes for PREVIEW_CHARS characters of 4-byte UTF-8. */
const PREVIEW_BYTES = PREVIEW_CHARS * 4;

/**
 * The last `max` rejected datagrams, in a fixed-size ring, and how many were rejected for
 * each reason since start (never bounded).
 */
export class RejectionLog {
  readonly max: number;
  readonly #ring: (KeptRejection | undefined)[];
  #next = 0;
  #kept = 0;
  readonly #byReason = new Map<DatagramRejectionReason, number>();

  constructor(max: number) {
    this.max = max;
    this.#ring = new Array<KeptRejection | undefined>(max).fill(undefined);
  }

  record({ receivedAt, from, bytes, reason, message }: RejectionInput): void {
    this.#byReason.set(reason, (this.#byReason.get(reason) ?? 0) + 1);
    if (this.max === 0) return;
    this.#ring[this.#next] = {
      receivedAt,
      from,
      size: bytes.byteLength,
      reason,
      message,
      head: bytes.slice(0, PREVIEW_BYTES),
    };
    this.#next = (this.#next + 1) % this.max;
    this.#kept = Math.min(this.#kept + 1, this.max);
  }

  /** How many entries are held now (at most `max`). */
  get kept(): number {
    return this.#kept;
  }

  /** Every rejection since start. */
  get total(): number {
    let total = 0;
    for (const count of this.#byReason.values()) total += count;
    return total;
  }

  byReason(): Record<string, number> {
    return Object.fromEntries(this.#byReason);
  }

  /** Newest first. */
  entries(): RejectionEntry[] {
    const entries: RejectionEntry[] = [];
    for (let age = 1; age <= this.#kept; age++) {
      const kept = this.#ring[(this.#next - age + this.max) % this.max];
      if (kept === undefined) continue;
      entries.push({
        receivedAt: new Date(kept.receivedAt).toISOString(),
        from: kept.from,
        size: kept.size,
        reason: kept.reason,
        message: kept.message,
        preview: renderPreview(kept.head, kept.size),
        code: rejectionProblemCode(kept.reason),
      });
    }
    return entries;
  }

  clear(): void {
    this.#ring.fill(undefined);
    this.#next = 0;
    this.#kept = 0;
    this.#byReason.clear();
  }
}

const ESCAPES: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** Lenient text for any bytes: one line, at most PREVIEW_CHARS characters, `…` when cut. */
export function renderPreview(head: Uint8Array, size: number): string {
  // `stream: true` holds back a character cut in half at the end of `head` instead of
  // showing it as U+FFFD.
  // `stream: true` holds back a character cut in half at the end of `head` rather than
  // showing it as U+FFFD.
  const chars = Array.from(
    new TextDecoder("utf-8", { fatal: false }).decode(head, { stream: true }),
  );
  const preview = chars.slice(0, PREVIEW_CHARS).map(escapeChar).join("");
  return chars.length > PREVIEW_CHARS || head.byteLength < size ? `${preview}…` : preview;
}

function escapeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const isControl = code < 0x20 || (code >= 0x7f && code < 0xa0);
  if (!isControl) return char;
  return ESCAPES[char] ?? `\\x${code.toString(16).padStart(2, "0")}`;
}
