/** The `http` block (collector http_test.go): attributes in, the request and response out. */

import { describe, expect, it } from "vitest";
import type { HttpBlock } from "../document.ts";
import { otlpSpan, PARENT_ID, translateSingle } from "../test-support/otlp-spans.ts";
import type { OtlpEvent, OtlpValue } from "./otlp-model.ts";

interface HttpRow {
  readonly name: string;
  readonly kind: "client" | "server";
  readonly attributes: Readonly<Record<string, OtlpValue>>;
  readonly received?: boolean;
  readonly expected: HttpBlock | undefined;
}

const URL = "https://api.example.com/users/junit";
const RECEIVED: OtlpEvent = {
  timeUnixNano: 1n,
  name: "message",
  attributes: new Map<string, OtlpValue>([
    ["message.type", "RECEIVED"],
    ["messaging.message_payload_size_bytes", 12452],
  ]),
};

const ROWS: readonly HttpRow[] = [
  {
    name: "client, http.url (TestClientSpanWithURLAttribute)",
    kind: "client",
    attributes: { "http.method": "GET", "http.url": URL, "http.status_code": 200 },
    expected: { request: { method: "GET", url: URL }, response: { status: 200 } },
  },
  {
    name: "client, url.full (TestClientSpanWithURLAttributeStable)",
    kind: "client",
    attributes: { "http.request.method": "GET", "url.full": URL, "http.response.status_code": 200 },
    expected: { request: { method: "GET", url: URL }, response: { status: 200 } },
  },
  {
    name: "client, scheme + host + target (TestClientSpanWithSchemeHostTargetAttributes)",
    kind: "client",
    attributes: {
      "http.method": "GET",
      "http.scheme": "https",
      "http.host": "api.example.com",
      "http.target": "/users/junit",
      "http.status_code": 200,
    },
    expected: { request: { method: "GET", url: URL }, response: { status: 200 } },
  },
  {
    name: "client, url.scheme + http.host + url.query (TestClientSpanWithSchemeHostTargetAttributesStable)",
    kind: "client",
    attributes: {
      "http.request.method": "GET",
      "url.scheme": "https",
      "http.host": "api.example.com",
      "url.query": "/users/junit",
      "http.response.status_code": 200,
    },
    expected: { request: { method: "GET", url: URL }, response: { status: 200 } },
  },
  {
    name: "client, peer name, port and ip (TestClientSpanWithPeerAttributes)",
    kind: "client",
    attributes: {
      "http.method": "GET",
      "http.scheme": "http",
      "net.peer.name": "kb234.example.com",
      "net.peer.port": 8080,
      "net.peer.ip": "10.8.17.36",
      "http.target": "/users/junit",
      "http.status_code": 200,
    },
    expected: {
      request: {
        method: "GET",
        client_ip: "10.8.17.36",
        url: "http://kb234.example.com:8080/users/junit",
      },
      response: { status: 200 },
    },
  },
  {
    name: "client, http.client_ip wins over net.peer.ip (TestClientSpanWithHttpPeerAttributes)",
    kind: "client",
    attributes: { "http.client_ip": "1.2.3.4", "net.peer.ip": "10.8.17.36" },
    expected: { request: { client_ip: "1.2.3.4", url: "http://10.8.17.36/" } },
  },
  {
    name: "client, client.address wins over network.peer.address (TestClientSpanWithHttpPeerAttributesStable)",
    kind: "client",
    attributes: {
      "url.full": URL,
      "client.address": "1.2.3.4",
      "network.peer.address": "10.8.17.36",
    },
    expected: { request: { url: URL, client_ip: "1.2.3.4" } },
  },
  {
    name: "client, IPv4 peer (TestClientSpanWithPeerIp4Attributes)",
    kind: "client",
    attributes: {
      "http.method": "GET",
      "http.scheme": "http",
      "net.peer.ip": "10.8.17.36",
      "net.peer.port": "8080",
      "http.target": "/users/junit",
    },
    expected: {
      request: {
        method: "GET",
        client_ip: "10.8.17.36",
        url: "http://10.8.17.36:8080/users/junit",
      },
    },
  },
  {
    name: "client, IPv6 peer on the default port (TestClientSpanWithPeerIp6Attributes)",
    kind: "client",
    attributes: {
      "http.method": "GET",
      "http.scheme": "https",
      "net.peer.ip": "2001:db8:85a3::8a2e:370:7334",
      "net.peer.port": "443",
      "http.target": "/users/junit",
    },
    expected: {
      request: {
        method: "GET",
        client_ip: "2001:db8:85a3::8a2e:370:7334",
        url: "https://2001:db8:85a3::8a2e:370:7334/users/junit",
      },
    },
  },
  {
    name: "server, http.url with client ip and user agent (TestServerSpanWithURLAttribute)",
    kind: "server",
    attributes: {
      "http.method": "GET",
      "http.url": URL,
      "http.client_ip": "192.168.15.32",
      "http.user_agent": "PostmanRuntime/7.21.0",
      "http.status_code": 200,
    },
    expected: {
      request: {
        method: "GET",
        url: URL,
        client_ip: "192.168.15.32",
        user_agent: "PostmanRuntime/7.21.0",
        x_forwarded_for: true,
      },
      response: { status: 200 },
    },
  },
  {
    name: "server, server.address + url.query (TestServerSpanWithSchemeHostTargetAttributesStable)",
    kind: "server",
    attributes: {
      "http.request.method": "GET",
      "url.scheme": "https",
      "server.address": "api.example.com",
      "url.query": "/users/junit",
      "client.address": "192.168.15.32",
      "http.response.status_code": 200,
    },
    expected: {
      request: { method: "GET", url: URL, client_ip: "192.168.15.32", x_forwarded_for: true },
      response: { status: 200 },
    },
  },
  {
    name: "server, http.server_name + default port (TestServerSpanWithSchemeServernamePortTargetAttributes)",
    kind: "server",
    attributes: {
      "http.method": "GET",
      "http.scheme": "https",
      "http.server_name": "api.example.com",
      "net.host.port": 443,
      "http.target": "/users/junit",
      "http.status_code": 200,
    },
    expected: { request: { method: "GET", url: URL }, response: { status: 200 } },
  },
  {
    name: "server, host.name + port, response size from a RECEIVED event (TestServerSpanWithSchemeNamePortTargetAttributes)",
    kind: "server",
    attributes: {
      "http.method": "GET",
      "http.scheme": "http",
      "host.name": "kb234.example.com",
      "net.host.port": 8080,
      "http.target": "/users/junit",
      "http.status_code": 200,
    },
    received: true,
    expected: {
      request: { method: "GET", url: "http://kb234.example.com:8080/users/junit" },
      response: { status: 200, content_length: 12452 },
    },
  },
  {
    name: "server, server.address + server.port + url.path (TestServerSpanWithSchemeNamePortTargetAttributesStable)",
    kind: "server",
    attributes: {
      "http.request.method": "GET",
      "url.scheme": "http",
      "server.address": "kb234.example.com",
      "server.port": 8080,
      "url.path": "/users/junit",
      "http.response.status_code": 200,
    },
    expected: {
      request: { method: "GET", url: "http://kb234.example.com:8080/users/junit" },
      response: { status: 200 },
    },
  },
  {
    name: "server, no host: no url (TestSpanWithNotEnoughHTTPRequestURLAttributesStable)",
    kind: "server",
    attributes: {
      "http.request.method": "GET",
      "url.scheme": "http",
      "client.address": "192.168.15.32",
      "user_agent.original": "PostmanRuntime/7.21.0",
      "url.path": "/users/junit",
      "server.port": 443,
      "http.response.status_code": 200,
    },
    received: true,
    expected: {
      request: {
        method: "GET",
        client_ip: "192.168.15.32",
        user_agent: "PostmanRuntime/7.21.0",
        x_forwarded_for: true,
      },
      response: { status: 200, content_length: 12452 },
    },
  },
  {
    name: "server, client.address and network.peer.address: no x_forwarded_for (TestSpanWithClientAddrAndNetworkPeerAddr)",
    kind: "server",
    attributes: {
      "url.full": URL,
      "client.address": "192.168.15.32",
      "network.peer.address": "192.168.15.32",
    },
    expected: { request: { url: URL, client_ip: "192.168.15.32" } },
  },
  {
    name: "server, addresses that are not IPs are ignored (TestSpanWithClientAddrNotIP)",
    kind: "server",
    attributes: {
      "url.full": URL,
      "client.address": "api.example.com",
      "network.peer.address": "api.example.com",
    },
    expected: { request: { url: URL } },
  },
  {
    name: "no HTTP attributes: no http block",
    kind: "client",
    attributes: { "net.peer.name": "bar.com" },
    expected: undefined,
  },
];

describe("http block (collector http.go makeHTTP)", () => {
  it.each(ROWS)("$name", ({ kind, attributes, received, expected }) => {
    const span = otlpSpan({
      kind,
      parentSpanId: PARENT_ID,
      attributes,
      events: received === true ? [RECEIVED] : [],
    });
    const document = translateSingle(span);
    expect(document.http).toEqual(expected);
    for (const key of Object.keys(attributes)) {
      if (key !== "net.peer.name" || expected !== undefined) {
        expect(document.metadata?.default?.[key]).toBeUndefined();
      }
    }
  });
});
