/** A string literal of the filter language: double quotes, with `\"` and `\\` as its only escapes. */
export function filterString(value: string): string {
  return `"${value.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}

export interface ServiceRef {
  readonly name: string;
  readonly type: string;
}

/** `"name"`, or `id(name: "name", type: "T")` when another service has the same name. */
export function serviceSelector(service: ServiceRef, ambiguous: boolean): string {
  if (!ambiguous) return filterString(service.name);
  return `id(name: ${filterString(service.name)}, type: ${filterString(service.type)})`;
}

/** The names shared by more than one service. */
export function ambiguousNames(services: readonly ServiceRef[]): ReadonlySet<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const { name } of services) {
    if (seen.has(name)) shared.add(name);
    seen.add(name);
  }
  return shared;
}

/** The trace list's URL showing the traces that match `filter`. */
export function tracesUrl(filter: string): string {
  return `/?${new URLSearchParams({ filter }).toString()}`;
}
