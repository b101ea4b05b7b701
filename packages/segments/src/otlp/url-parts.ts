/**
 * The host of a URL, as Go's `url.Parse(s).Hostname()` gives it: the authority after `//`,
 * without user info, port or IPv6 brackets; `""` when there is no authority. Written here
 * because the model's `lib` has no `URL`.
 */

const AUTHORITY = /^(?:[A-Za-z][A-Za-z0-9+.-]*:)?\/\/([^/?#]*)/;

export function urlHostname(text: string): string {
  const match = AUTHORITY.exec(text);
  const authority = match?.[1];
  if (authority === undefined) return "";
  const host = authority.slice(authority.lastIndexOf("@") + 1);
  if (host.startsWith("[")) {
    const close = host.indexOf("]");
    return close < 0 ? host.slice(1) : host.slice(1, close);
  }
  const colon = host.indexOf(":");
  return colon < 0 ? host : host.slice(0, colon);
}

/** Whether `text` is an IPv4 or IPv6 address (Go's `net.ParseIP(s) != nil`). */
export function isIpAddress(text: string): boolean {
  return IPV4.test(text) || isIpv6(text);
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6_GROUP = /^[0-9A-Fa-f]{1,4}$/;

function isIpv6(text: string): boolean {
  if (!text.includes(":")) return false;
  let body = text;
  let groupsFromIpv4 = 0;
  const lastColon = text.lastIndexOf(":");
  const tail = text.slice(lastColon + 1);
  if (tail.includes(".")) {
    if (!IPV4.test(tail)) return false;
    body = `${text.slice(0, lastColon + 1)}0`;
    groupsFromIpv4 = 1;
  }
  const halves = body.split("::");
  if (halves.length > 2) return false;
  const groups = halves.map((half) => (half === "" ? [] : half.split(":")));
  const count = groups.reduce((sum, list) => sum + list.length, 0) + groupsFromIpv4;
  if (!groups.every((list) => list.every((group) => IPV6_GROUP.test(group)))) return false;
  return halves.length === 2 ? count <= 8 : count === 8;
}
