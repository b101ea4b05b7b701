/**
 * Host names and origins as the guard compares them: lower case, IPv4 and IPv6 in their
 * canonical spelling (`127.1` is `127.0.0.1`, `[0:0::1]` is `[::1]`), no trailing dot.
 */

export interface HostAndPort {
  /** Normalised; IPv6 in brackets. */
  readonly hostname: string;
  /** Undefined when the text names no port. */
  readonly port: number | undefined;
}

const HOST_AND_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+)(?::(\d{1,5}))?$/;

/** `name`, `name:port`, `[v6]`, `[v6]:port` (a `Host` header's shape); undefined otherwise. */
export function parseHostAndPort(text: string): HostAndPort | undefined {
  const match = HOST_AND_PORT.exec(text);
  if (!match) return undefined;
  const hostname = normalizeHostname(match[1] ?? "");
  const port = match[2] === undefined ? undefined : Number(match[2]);
  if (hostname === undefined || (port !== undefined && port > 65_535)) return undefined;
  return { hostname, port };
}

/** A bare name or address (`::1` too, without brackets) in the form Host headers are compared in. */
export function normalizeHostname(name: string): string | undefined {
  const bracketed = name.includes(":") && !name.startsWith("[") ? `[${name}]` : name;
  try {
    const hostname = new URL(`http://${bracketed}`).hostname;
    return hostname.endsWith(".") ? hostname.slice(0, -1) : hostname;
  } catch {
    return undefined;
  }
}

/** `scheme://host[:port]` as browsers send it in `Origin`; undefined for anything else. */
export function normalizeOrigin(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") {
    return undefined;
  }
  if (url.pathname !== "/") return undefined;
  return url.origin;
}

const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** `localhost`, `[::1]`, and all of 127.0.0.0/8. */
export function isLoopbackName(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || IPV4_LOOPBACK.test(hostname);
}
