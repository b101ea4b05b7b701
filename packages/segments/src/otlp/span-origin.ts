/**
 * The origin of the documents translated from one span. Its source span (the viewer's Raw
 * tab) is built the first time it is read; until then the origin keeps the span's place in
 * the protobuf body it came in (decoded again then), or, for spans that did not come as
 * protobuf, the decoded span itself.
 */

import { LazyOtlpOrigin } from "../document-origin.ts";
import type { OtlpRequestWire, OtlpSpan } from "./otlp-model.ts";
import { type SpanContext, sourceSpan } from "./source-span.ts";
import type { SourceSpan } from "./translate-contract.ts";

export class SpanOrigin extends LazyOtlpOrigin {
  #context: SpanContext | undefined;
  /** The decoded span, when it is not kept as its place in the body. */
  #span: OtlpSpan | undefined;
  readonly #wireStart: number;
  readonly #wireEnd: number;

  constructor(span: OtlpSpan, context: SpanContext) {
    super(context.transport, context.sampled);
    this.#context = context;
    const { wireStart, wireEnd } = span;
    if (context.wire !== undefined && wireStart !== undefined && wireEnd !== undefined) {
      this.#span = undefined;
      this.#wireStart = wireStart;
      this.#wireEnd = wireEnd;
    } else {
      this.#span = span;
      this.#wireStart = 0;
      this.#wireEnd = 0;
    }
  }

  /** Where the span is in the body it came in (0 and 0 when it is kept decoded). */
  protected get wireStart(): number {
    return this.#wireStart;
  }

  protected get wireEnd(): number {
    return this.#wireEnd;
  }

  protected buildSpan(): SourceSpan {
    const context = this.#context as SpanContext;
    let span = this.#span;
    if (span === undefined) {
      const wire = context.wire as OtlpRequestWire;
      span = wire.decodeSpan(wire.body, this.#wireStart, this.#wireEnd);
    }
    this.#context = undefined;
    this.#span = undefined;
    return sourceSpan(span, context);
  }
}
