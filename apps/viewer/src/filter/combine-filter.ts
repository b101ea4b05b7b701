/** A filter language string literal: `"a \"b\" c"`. */
export function quoteFilterString(value: string): string {
  return `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}

/**
 * The expression for the list's `?group=` and `?filter=`: the group's traces narrowed by the
 * filter, `group.name = "g" AND (filter)`; null when neither is set (every trace).
 */
export function combineFilter(group: string | undefined, filter: string): string | null {
  const trimmed = filter.trim();
  const groupPart = group ? `group.name = ${quoteFilterString(group)}` : "";
  if (groupPart && trimmed) return `${groupPart} AND (${trimmed})`;
  if (groupPart) return groupPart;
  return trimmed === "" ? null : trimmed;
}
