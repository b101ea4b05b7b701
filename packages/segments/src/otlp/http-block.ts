/**
 * The `http` block (collector `http.go`, `makeHTTP`), from the old (`http.method`,
 * `http.url`, `net.peer.ip`, …) and the new (`http.request.method`, `url.full`,
 * `server.address`, `client.address`, …) HTTP semantic conventions. The attributes it uses
 * are marked taken, so they do not reach metadata too.
 */

import type { HttpBlock, HttpRequest } from "../document.ts";
import { integerAttribute, type SpanAttributes, stringAttribute } from "./attribute-values.ts";
import type { OtlpAttributes, OtlpSpan, OtlpValue } from "./otlp-model.ts";
import { compactObject } from "./plain-objects.ts";
import { isIpAddress } from "./url-parts.ts";

/** Which URL part an attribute is (old-convention names; new ones map onto them). */
type UrlPart =
  | "url"
  | "scheme"
  | "host"
  | "target"
  | "serverName"
  | "hostPort"
  | "hostName"
  | "netHostName"
  | "peerName"
  | "peerPort"
  | "peerIp"
  | "path"
  | "serverAddress"
  | "serverPort";

type UrlParts = { [part in UrlPart]?: string };

/** What the block does with an attribute: one lookup per attribute tells it. */
type Rule =
  | "method"
  | "clientIp"
  | "userAgent"
  | "status"
  | "netPeerIp"
  | "networkPeerAddress"
  | "clientAddress"
  | "urlPart";

interface HttpAttribute {
  readonly rule: Rule;
  /** The URL part a `urlPart` attribute is. */
  readonly part: UrlPart | undefined;
  /** Its presence alone makes the span an HTTP span (`urlPart` attributes). */
  readonly marksHttp: boolean;
  /** It can name the request's URL: a host, an address, or the URL itself (`urlPart`). */
  readonly locatesUrl: boolean;
}

function rule(name: Exclude<Rule, "urlPart">): HttpAttribute {
  return { rule: name, part: undefined, marksHttp: false, locatesUrl: false };
}

function urlPart(part: UrlPart, marksHttp: boolean, locatesUrl: boolean): HttpAttribute {
  return { rule: "urlPart", part, marksHttp, locatesUrl };
}

const HTTP_ATTRIBUTES: ReadonlyMap<string, HttpAttribute> = new Map([
  ["http.method", rule("method")],
  ["http.request.method", rule("method")],
  ["http.client_ip", rule("clientIp")],
  ["http.user_agent", rule("userAgent")],
  ["user_agent.original", rule("userAgent")],
  ["http.status_code", rule("status")],
  ["http.response.status_code", rule("status")],
  ["net.peer.ip", rule("netPeerIp")],
  ["network.peer.address", rule("networkPeerAddress")],
  ["client.address", rule("clientAddress")],
  ["http.url", urlPart("url", true, true)],
  ["url.full", urlPart("url", true, true)],
  ["http.scheme", urlPart("scheme", true, false)],
  ["url.scheme", urlPart("scheme", true, false)],
  ["http.host", urlPart("host", true, true)],
  ["http.target", urlPart("target", true, false)],
  ["url.query", urlPart("target", true, false)],
  ["http.server_name", urlPart("serverName", true, true)],
  ["net.host.port", urlPart("hostPort", true, false)],
  ["host.name", urlPart("hostName", false, true)],
  ["net.host.name", urlPart("netHostName", false, true)],
  ["net.peer.name", urlPart("peerName", false, true)],
  ["net.peer.port", urlPart("peerPort", false, false)],
  ["url.path", urlPart("path", true, false)],
  ["server.address", urlPart("serverAddress", false, true)],
  ["server.port", urlPart("serverPort", false, false)],
]);

/**
 * One pass over the attributes: each is looked up once in `HTTP_ATTRIBUTES`, and those the
 * block uses are marked taken.
 */
export function httpBlock(span: OtlpSpan, attributes: SpanAttributes): HttpBlock | undefined {
  const request: HttpRequest = {};
  let status: number | undefined;
  const parts: UrlParts = {};
  let hasHttp = false;
  let locatesUrl = false;
  let hasPeerAddress = false;
  for (const [key, value] of attributes.all) {
    const attribute = HTTP_ATTRIBUTES.get(key);
    if (attribute === undefined) continue;
    let used = true;
    switch (attribute.rule) {
      case "method":
        request.method = nonEmptyString(value);
        hasHttp = true;
        break;
      case "clientIp":
        request.client_ip = nonEmptyString(value);
        hasHttp = true;
        break;
      case "userAgent":
        request.user_agent = nonEmptyString(value);
        hasHttp = true;
        break;
      case "status":
        status = typeof value === "number" && Number.isInteger(value) ? value : undefined;
        used = status !== undefined;
        hasHttp ||= used;
        break;
      case "netPeerIp": {
        const ip = nonEmptyString(value);
        request.client_ip ??= ip;
        if (ip !== undefined) parts.peerIp = ip;
        locatesUrl = true;
        hasPeerAddress = true;
        break;
      }
      case "networkPeerAddress":
      case "clientAddress": {
        const ip = nonEmptyString(value);
        if (ip !== undefined && isIpAddress(ip)) {
          if (attribute.rule === "clientAddress") request.client_ip = ip;
          else {
            request.client_ip ??= ip;
            locatesUrl = true;
            hasPeerAddress = true;
          }
        }
        break;
      }
      case "urlPart": {
        const text = stringOrInteger(value);
        if (text === undefined || attribute.part === undefined) used = false;
        else {
          parts[attribute.part] = text;
          hasHttp ||= attribute.marksHttp;
          locatesUrl ||= attribute.locatesUrl;
        }
        break;
      }
    }
    if (used) attributes.taken.push(key);
  }
  if (!hasHttp) return undefined;
  if (request.client_ip !== undefined && !hasPeerAddress) request.x_forwarded_for = true;
  if (locatesUrl) {
    request.url = span.kind === "server" ? serverUrl(parts) : clientUrl(parts);
  }
  const block: HttpBlock = { request: compactObject(request) };
  const contentLength = responseSize(span);
  if (status !== undefined || contentLength !== undefined) {
    block.response = compactObject({ status, content_length: contentLength });
  }
  return block;
}

function nonEmptyString(value: OtlpValue): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** A string value as is, an integer as decimal digits (`AttributeNetHostPort` may be either). */
function stringOrInteger(value: OtlpValue): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isInteger(value)) return String(value);
  return undefined;
}

function clientUrl(parts: UrlParts): string {
  return urlOf(
    parts,
    parts.peerName ?? parts.peerIp ?? "",
    parts.peerPort ?? "",
    parts.target ?? "/",
  );
}

function serverUrl(parts: UrlParts): string {
  return urlOf(
    parts,
    parts.serverName ?? parts.netHostName ?? parts.hostName ?? parts.serverAddress ?? "",
    parts.hostPort ?? parts.serverPort ?? "",
    parts.target ?? parts.path ?? "/",
  );
}

/**
 * `url` when the span has one; otherwise built from its scheme, `host` (or, without it, the
 * fallback host and port the span kind's conventions name) and target.
 */
function urlOf(
  parts: UrlParts,
  fallbackHost: string,
  fallbackPort: string,
  target: string,
): string {
  if (parts.url !== undefined) return parts.url;
  const scheme = parts.scheme ?? "http";
  if (parts.host !== undefined) return `${scheme}://${parts.host}${target}`;
  return `${scheme}://${fallbackHost}${portSuffix(scheme, fallbackPort)}${target}`;
}

function portSuffix(scheme: string, port: string): string {
  if (port === "") return "";
  if ((scheme === "http" && port === "80") || (scheme === "https" && port === "443")) return "";
  return `:${port}`;
}

/** `messaging.message_payload_size_bytes` of a `message.type = RECEIVED` span or event. */
function responseSize(span: OtlpSpan): number | undefined {
  const own = receivedSize(span.attributes);
  if (own !== undefined) return own;
  for (const event of span.events) {
    const size = receivedSize(event.attributes);
    if (size !== undefined) return size;
  }
  return undefined;
}

function receivedSize(attributes: OtlpAttributes): number | undefined {
  if (stringAttribute(attributes, "message.type") !== "RECEIVED") return undefined;
  const size = integerAttribute(attributes, "messaging.message_payload_size_bytes");
  return size === 0 ? undefined : size;
}
