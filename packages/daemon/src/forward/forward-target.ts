import { type HostPort, type Parsed, parseAddress } from "../config.ts";
import { InvalidConfigError } from "../errors.ts";

const SCHEME = /^([a-z][a-z0-9+.-]*):(?!\d+$)/i;

/** `udp:HOST:PORT` (or `HOST:PORT`): where `--forward` sends a copy of every datagram. */
export function parseForwardTarget(text: string, setting = "--forward"): Parsed<HostPort> {
  const trimmed = text.trim();
  const scheme = SCHEME.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== "udp") {
    return {
      ok: false,
      error: new InvalidConfigError(
        setting,
        `${JSON.stringify(text)}: only udp: is supported (X-Ray daemons and the OTel awsxray receiver take segments over UDP), e.g. udp:127.0.0.1:2000`,
      ),
    };
  }
  const address = scheme === undefined ? trimmed : trimmed.slice(scheme.length + 1);
  return parseAddress(address, setting);
}

const LOOPBACK_OR_ANY = new Set(["localhost", "::1", "::", "0.0.0.0"]);

/** Whether sending to `target` could reach the daemon's own socket bound at `bound`. */
export function isOwnAddress(target: HostPort, bound: HostPort): boolean {
  if (target.port !== bound.port) return false;
  const local = (host: string) =>
    LOOPBACK_OR_ANY.has(host.toLowerCase()) || host.startsWith("127.");
  if (target.host === bound.host) return true;
  const boundToAll = bound.host === "0.0.0.0" || bound.host === "::";
  return local(target.host) && (boundToAll || local(bound.host));
}
