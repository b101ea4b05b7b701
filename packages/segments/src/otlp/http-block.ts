/**
 * The `http` block (collector `http.go`, `makeHTTP`), from the old (`http.method`,
 * `http.url`, `net.peer.ip`, …) and the new (`http.request.method`, `url.full`,
 * `server.address`, `client.address`, …) HTTP semantic conventions. The attributes it uses
 * are taken out of `attributes`, so they do not reach metadata too.
 */

import type { HttpBlock, HttpRequest } from "../document.ts";
import {
  type AttributeMap,
  integerAttribute,
  stringAttribute,
  stringOrIntegerAttribute,
} from "./attribute-values.ts";
import type { OtlpAttributes, OtlpSpan } from "./otlp-model.ts";
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

interface UrlAttribute {
  readonly part: UrlPart;
  /** Its presence alone makes the span an HTTP span. */
  readonly marksHttp: boolean;
  /** It can name the request's URL (a host, an address, or the URL itself). */
  readonly locatesUrl: boolean;
}

const URL_ATTRIBUTES: ReadonlyMap<string, UrlAttribute> = new Map([
  ["http.url", { part: "url", marksHttp: true, locatesUrl: true }],
  ["url.full", { part: "url", marksHttp: true, locatesUrl: true }],
  ["http.scheme", { part: "scheme", marksHttp: true, locatesUrl: false }],
  ["url.scheme", { part: "scheme", marksHttp: true, locatesUrl: false }],
  ["http.host", { part: "host", marksHttp: true, locatesUrl: true }],
  ["http.target", { part: "target", marksHttp: true, locatesUrl: false }],
  ["url.query", { part: "target", marksHttp: true, locatesUrl: false }],
  ["http.server_name", { part: "serverName", marksHttp: true, locatesUrl: true }],
  ["net.host.port", { part: "hostPort", marksHttp: true, locatesUrl: false }],
  ["host.name", { part: "hostName", marksHttp: false, locatesUrl: true }],
  ["net.host.name", { part: "netHostName", marksHttp: false, locatesUrl: true }],
  ["net.peer.name", { part: "peerName", marksHttp: false, locatesUrl: true }],
  ["net.peer.port", { part: "peerPort", marksHttp: false, locatesUrl: false }],
  ["url.path", { part: "path", marksHttp: true, locatesUrl: false }],
  ["server.address", { part: "serverAddress", marksHttp: false, locatesUrl: true }],
  ["server.port", { part: "serverPort", marksHttp: false, locatesUrl: false }],
] as const);

const METHOD = ["http.method", "http.request.method"];
const USER_AGENT = ["http.user_agent", "user_agent.original"];
const STATUS = ["http.status_code", "http.response.status_code"];
const HTTP_CLIENT_IP = "http.client_ip";
const NET_PEER_IP = "net.peer.ip";
const NETWORK_PEER_ADDRESS = "network.peer.address";
const CLIENT_ADDRESS = "client.address";

export function httpBlock(span: OtlpSpan, attributes: AttributeMap): HttpBlock | undefined {
  const request: HttpRequest = {};
  let status: number | undefined;
  const parts = new Map<UrlPart, string>();
  let hasHttp = false;
  let locatesUrl = false;
  let hasPeerAddress = false;
  for (const key of [...attributes.keys()]) {
    let used = true;
    if (METHOD.includes(key)) {
      request.method = stringAttribute(attributes, key);
      hasHttp = true;
    } else if (key === HTTP_CLIENT_IP) {
      request.client_ip = stringAttribute(attributes, key);
      hasHttp = true;
    } else if (USER_AGENT.includes(key)) {
      request.user_agent = stringAttribute(attributes, key);
      hasHttp = true;
    } else if (STATUS.includes(key)) {
      status = integerAttribute(attributes, key);
      used = status !== undefined;
      hasHttp ||= used;
    } else if (key === NET_PEER_IP) {
      const ip = stringAttribute(attributes, key);
      request.client_ip ??= ip;
      if (ip !== undefined) parts.set("peerIp", ip);
      locatesUrl = true;
      hasPeerAddress = true;
    } else if (key === NETWORK_PEER_ADDRESS || key === CLIENT_ADDRESS) {
      const ip = stringAttribute(attributes, key);
      if (ip !== undefined && isIpAddress(ip)) {
        if (key === CLIENT_ADDRESS) request.client_ip = ip;
        else {
          request.client_ip ??= ip;
          locatesUrl = true;
          hasPeerAddress = true;
        }
      }
    } else {
      const urlAttribute = URL_ATTRIBUTES.get(key);
      const value = stringOrIntegerAttribute(attributes, key);
      if (urlAttribute === undefined || value === undefined) used = false;
      else {
        parts.set(urlAttribute.part, value);
        hasHttp ||= urlAttribute.marksHttp;
        locatesUrl ||= urlAttribute.locatesUrl;
      }
    }
    if (used) attributes.delete(key);
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

function clientUrl(parts: ReadonlyMap<UrlPart, string>): string {
  return urlOf(
    parts,
    () => parts.get("peerName") ?? parts.get("peerIp") ?? "",
    () => parts.get("peerPort") ?? "",
    parts.get("target") ?? "/",
  );
}

function serverUrl(parts: ReadonlyMap<UrlPart, string>): string {
  return urlOf(
    parts,
    () =>
      parts.get("serverName") ??
      parts.get("netHostName") ??
      parts.get("hostName") ??
      parts.get("serverAddress") ??
      "",
    () => parts.get("hostPort") ?? parts.get("serverPort") ?? "",
    parts.get("target") ?? parts.get("path") ?? "/",
  );
}

/**
 * `url` when the span has one; otherwise built from its scheme, `host` (or, without it, the
 * fallback host and port the span kind's conventions name) and target.
 */
function urlOf(
  parts: ReadonlyMap<UrlPart, string>,
  fallbackHost: () => string,
  fallbackPort: () => string,
  target: string,
): string {
  const full = parts.get("url");
  if (full !== undefined) return full;
  const scheme = parts.get("scheme") ?? "http";
  const host = parts.get("host");
  if (host !== undefined) return `${scheme}://${host}${target}`;
  return `${scheme}://${fallbackHost()}${portSuffix(scheme, fallbackPort())}${target}`;
}

function portSuffix(scheme: string, port: string): string {
  if (port === "") return "";
  if ((scheme === "http" && port === "80") || (scheme === "https" && port === "443")) return "";
  return `:${port}`;
}

/** `messaging.message_payload_size_bytes` of a `message.type = RECEIVED` span or event. */
function responseSize(span: OtlpSpan): number | undefined {
  return (
    receivedSize(span.attributes) ??
    span.events.map((event) => receivedSize(event.attributes)).find((size) => size !== undefined)
  );
}

function receivedSize(attributes: OtlpAttributes): number | undefined {
  if (stringAttribute(attributes, "message.type") !== "RECEIVED") return undefined;
  const size = integerAttribute(attributes, "messaging.message_payload_size_bytes");
  return size === 0 ? undefined : size;
}
