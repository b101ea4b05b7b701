const ANY_HOST = new Set(["0.0.0.0", "::", "[::]", ""]);

/** Where the page was loaded from: the daemon's HTTP port, where SDKs ask for sampling rules. */
export interface PageLocation {
  readonly hostname: string;
  readonly port: string;
  readonly protocol: string;
}

/**
 * The `AWS_XRAY_DAEMON_ADDRESS` value for an SDK on this machine. Segments go to the UDP
 * address the daemon is bound to (a wildcard bind is reached on loopback); sampling goes to
 * the HTTP port the page came from. When both ports are the same, `host:port` says it all;
 * otherwise the SDK needs both, as `udp:host:port tcp:host:port`.
 */
export function sdkDaemonAddress(udpBound: string, page?: PageLocation): string {
  const udp = splitHostPort(udpBound);
  if (!udp) return udpBound;
  const udpAddress = joinHostPort(ANY_HOST.has(udp.host) ? "127.0.0.1" : udp.host, udp.port);
  if (!page) return udpAddress;
  const tcpPort = page.port || (page.protocol === "https:" ? "443" : "80");
  if (tcpPort === udp.port) return udpAddress;
  return `udp:${udpAddress} tcp:${joinHostPort(page.hostname, tcpPort)}`;
}

/** A shell line that sets the variable, quoted when the value has a space. */
export function exportLine(address: string): string {
  return `export AWS_XRAY_DAEMON_ADDRESS=${address.includes(" ") ? `"${address}"` : address}`;
}

function splitHostPort(address: string): { host: string; port: string } | undefined {
  const colon = address.lastIndexOf(":");
  if (colon === -1) return undefined;
  return { host: address.slice(0, colon), port: address.slice(colon + 1) };
}

function joinHostPort(host: string, port: string): string {
  const bare = host.startsWith("[") ? host.slice(1, -1) : host;
  return bare.includes(":") ? `[${bare}]:${port}` : `${bare}:${port}`;
}
