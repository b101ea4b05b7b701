import type { TraceSummary } from "@xray-sandbox/segments";

/** How a trace began, as the list's second column shows it. */
export interface EntryPoint {
  /** The HTTP method, when the entry point was an HTTP request. */
  readonly method: string | undefined;
  /** Scheme and host of the URL (`http://127.0.0.1:3900`), shown muted. */
  readonly origin: string;
  /** The path and query, or the root segment's name when there is no URL. */
  readonly target: string;
  /** Everything, for the tooltip. */
  readonly title: string;
}

export function entryPointOf(summary: TraceSummary): EntryPoint {
  const method = summary.http?.method || undefined;
  const url = summary.http?.url;
  const name = summary.root?.name;
  if (url) {
    const { origin, rest } = splitUrl(url);
    const title = [method, url, name && `(${name})`].filter(Boolean).join(" ");
    return { method, origin, target: rest, title };
  }
  const target = name ?? "(root segment not received yet)";
  return { method, origin: "", target, title: target };
}

/** `http://host:port` and the rest; a URL that does not parse is all `rest`. */
function splitUrl(url: string): { origin: string; rest: string } {
  const match = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)(.*)$/i.exec(url);
  if (!match) return { origin: "", rest: url };
  return { origin: match[1] ?? "", rest: match[2] || "/" };
}
