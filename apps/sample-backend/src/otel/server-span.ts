/**
 * The request's SERVER span (the X-Ray segment), kept on `res.locals` by the first
 * middleware so that routes and error handlers can reach it from inside their own spans:
 * annotations and faults belong to the segment, as in the X-Ray flavour.
 */

import { type AttributeValue, type Span, trace } from "@opentelemetry/api";
import type { RequestHandler, Response } from "express";

const HEADER = "X-Amzn-Trace-Id";
/** The attribute listing which attributes the X-Ray exporter makes annotations. */
const XRAY_ANNOTATIONS = "aws.xray.annotations";
const annotated = new WeakMap<Span, string[]>();

/**
 * Keeps the server span and answers with the X-Ray form of its trace id, the way a load
 * balancer does: the 32 hex digits `5f3c…` become `1-5f3c1b2a-…`, the id the viewer shows.
 */
export const serverSpan: RequestHandler = (_req, res, next) => {
  const span = trace.getActiveSpan();
  if (span !== undefined) {
    res.locals.serverSpan = span;
    const { traceId, traceFlags } = span.spanContext();
    if (!res.hasHeader(HEADER)) {
      res.setHeader(HEADER, `Root=${xrayTraceId(traceId)};Sampled=${traceFlags & 1}`);
    }
  }
  next();
};

export function serverSpanOf(res: Response): Span | undefined {
  const span: unknown = res.locals.serverSpan;
  return isSpan(span) ? span : undefined;
}

/** `5f3c1b2a…` (32 hex digits) → `1-5f3c1b2a-…` (X-Ray's form of the same id). */
export function xrayTraceId(traceId: string): string {
  return `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`;
}

/**
 * `AWSXRay`'s `addAnnotation`: an attribute, named in `aws.xray.annotations`, which the
 * X-Ray exporter (and the sandbox) turns into an indexed annotation.
 */
export function annotate(span: Span | undefined, key: string, value: AttributeValue): void {
  if (span === undefined) return;
  const keys = annotated.get(span) ?? [];
  if (!keys.includes(key)) keys.push(key);
  annotated.set(span, keys);
  span.setAttribute(key, value);
  span.setAttribute(XRAY_ANNOTATIONS, [...keys]);
}

/**
 * `AWSXRay`'s `addMetadata(key, value, namespace)`: the X-Ray exporter makes an attribute
 * `aws.xray.metadata.<namespace>` holding a JSON object into that metadata namespace.
 * The whole namespace is one attribute, so this sets every key of it at once.
 */
export function setMetadataNamespace(
  span: Span | undefined,
  namespace: string,
  values: Readonly<Record<string, unknown>>,
): void {
  span?.setAttribute(`aws.xray.metadata.${namespace}`, JSON.stringify(values));
}

function isSpan(value: unknown): value is Span {
  return (
    typeof value === "object" &&
    value !== null &&
    "spanContext" in value &&
    typeof value.spanContext === "function"
  );
}
