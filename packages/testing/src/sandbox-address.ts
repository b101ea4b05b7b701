/** Where a service sends segments, for a sandbox reached at a URL. */

export interface SandboxAddresses {
  /** `host:port` of the UDP socket segments go to. */
  readonly udpAddress: string;
  /** `AWS_XRAY_DAEMON_ADDRESS`: the UDP address, and the HTTP one for sampling requests. */
  readonly sdkAddress: string;
}

/**
 * `udp` as the daemon reports it (`/api/stats`), made reachable from here: a daemon bound to
 * every interface (`0.0.0.0`, `::`) is reached at the URL's host.
 */
export function sandboxAddresses(url: string, udp: string): SandboxAddresses {
  const { hostname, host } = new URL(url);
  const colon = udp.lastIndexOf(":");
  const udpHost = udp.slice(0, colon).replace(/^\[|\]$/g, "");
  const port = udp.slice(colon + 1);
  const reachable = udpHost === "0.0.0.0" || udpHost === "::" ? hostname : udpHost;
  const udpAddress =
    reachable.includes(":") && !reachable.startsWith("[")
      ? `[${reachable}]:${port}`
      : `${reachable}:${port}`;
  return { udpAddress, sdkAddress: udpAddress === host ? host : `udp:${udpAddress} tcp:${host}` };
}
