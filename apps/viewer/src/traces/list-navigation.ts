/**
 * Where the selection moves for a key in a list of `count` rows showing `pageSize` at a
 * time; undefined when the key does not move it. With nothing selected, every move starts
 * from the top.
 */
export function nextSelection(
  key: string,
  current: number | undefined,
  count: number,
  pageSize: number,
): number | undefined {
  if (count === 0) return undefined;
  const last = count - 1;
  const page = Math.max(1, pageSize);
  const clamp = (index: number) => Math.min(last, Math.max(0, index));
  if (current === undefined) {
    if (key === "End") return last;
    return ["ArrowDown", "ArrowUp", "Home", "PageDown", "PageUp"].includes(key) ? 0 : undefined;
  }
  switch (key) {
    case "ArrowDown":
      return clamp(current + 1);
    case "ArrowUp":
      return clamp(current - 1);
    case "PageDown":
      return clamp(current + page);
    case "PageUp":
      return clamp(current - page);
    case "Home":
      return 0;
    case "End":
      return last;
    default:
      return undefined;
  }
}
