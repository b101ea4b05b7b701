import type { HostPort } from "./config.ts";

/** `127.0.0.1:2000`, `[::1]:2000`. */
export function formatHostPort({ host, port }: HostPort): string {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Where a client on this machine should connect: a wildcard bind is reached over loopback. */
export function connectableAddress({ host, port }: HostPort): HostPort {
  if (host === "0.0.0.0") return { host: "127.0.0.1", port };
  if (host === "::" || host === "::0") return { host: "::1", port };
  return { host, port };
}

export function httpUrl(address: HostPort): string {
  return `http://${formatHostPort(connectableAddress(address))}`;
}

/** The value of `AWS_XRAY_DAEMON_ADDRESS` that points an SDK at these sockets. */
export function sdkDaemonAddress(udp: HostPort, tcp: HostPort): string {
  const udpText = formatHostPort(connectableAddress(udp));
  const tcpText = formatHostPort(connectableAddress(tcp));
  return udpText === tcpText ? udpText : `udp:${udpText} tcp:${tcpText}`;
}
