/**
 * `JSON.stringify` at any depth. V8's own serializer recurses once per level and throws
 * `RangeError: Maximum call stack size exceeded` a few thousand levels down, and an assembled
 * trace nests two levels per node (the node, its `children`): a legal chain of a few thousand
 * independent subsegments is too deep for it. `stringifyJsonIteratively` keeps its place on an
 * explicit stack instead, so any depth serialises, with exactly `JSON.stringify`'s output (no
 * indentation): the same key order, `undefined`, functions and symbols left out of objects and
 * `null` in arrays, non-finite numbers as `null`, `toJSON` honoured, a `TypeError` for a cycle.
 * It is about four times slower than the native serializer, so `stringifyJson` asks the native
 * one first and leaves only what is too deep for it to the iterative one.
 */

interface Frame {
  /** The container being written, kept to detect cycles. */
  readonly container: object;
  /** Its elements, for an array. */
  readonly items: readonly unknown[] | undefined;
  /** Its keys, for an object. */
  readonly keys: readonly string[] | undefined;
  readonly record: Readonly<Record<string, unknown>>;
  next: number;
  /** Something was written inside it already (a comma goes before the next member). */
  wrote: boolean;
}

/** Written `"key":` prefixes; object keys repeat across the documents of a body. */
const keyTexts = new Map<string, string>();
const MAX_CACHED_KEYS = 4096;

/**
 * The JSON text of `value`, as `JSON.stringify(value)` gives it, at any depth: the native
 * serializer's text when it copes, the iterative one's when the value nests too deep for it.
 * Every HTTP body and live message that can carry a trace's tree is written with it.
 */
export function stringifyJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch (error) {
    // A cycle is a TypeError; the call stack running out (only) a RangeError.
    if (!(error instanceof RangeError)) throw error;
    return stringifyJsonIteratively(value);
  }
}

/** The JSON text of `value`, as `JSON.stringify(value)` gives it, without recursing. */
export function stringifyJsonIteratively(value: unknown): string | undefined {
  const top = prepared(value, "");
  if (top === undefined) return undefined;
  if (typeof top !== "object" || top === null) return scalarText(top);
  let out = "";
  const stack: Frame[] = [];
  const open = new Set<object>();
  const enter = (container: object): void => {
    if (open.has(container)) throw new TypeError("Converting circular structure to JSON");
    open.add(container);
    if (Array.isArray(container)) {
      out += "[";
      stack.push({
        container,
        items: container,
        keys: undefined,
        record: {},
        next: 0,
        wrote: false,
      });
    } else {
      out += "{";
      const record = container as Readonly<Record<string, unknown>>;
      stack.push({
        container,
        items: undefined,
        keys: Object.keys(record),
        record,
        next: 0,
        wrote: false,
      });
    }
  };
  enter(top);

  for (let frame = stack.at(-1); frame !== undefined; frame = stack.at(-1)) {
    let member: unknown;
    let found = false;
    if (frame.items !== undefined) {
      if (frame.next < frame.items.length) {
        const index = frame.next++;
        member = prepared(frame.items[index], String(index));
        if (frame.wrote) out += ",";
        frame.wrote = true;
        if (member === undefined) {
          out += "null";
          continue;
        }
        found = true;
      }
    } else if (frame.keys !== undefined) {
      while (frame.next < frame.keys.length) {
        const key = frame.keys[frame.next++] ?? "";
        member = prepared(frame.record[key], key);
        if (member === undefined) continue;
        if (frame.wrote) out += ",";
        frame.wrote = true;
        out += keyText(key);
        found = true;
        break;
      }
    }
    if (!found) {
      out += frame.items !== undefined ? "]" : "}";
      open.delete(frame.container);
      stack.pop();
      continue;
    }
    if (typeof member === "object" && member !== null) enter(member);
    else out += scalarText(member);
  }
  return out;
}

/**
 * The value as it will be written: after `toJSON`, boxed primitives unwrapped, and undefined
 * for what JSON leaves out (undefined, functions, symbols).
 */
function prepared(value: unknown, key: string): unknown {
  let current = value;
  if (typeof current === "object" && current !== null) {
    const toJSON: unknown = (current as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === "function") current = toJSON.call(current, key);
  }
  if (current instanceof Number || current instanceof String || current instanceof Boolean) {
    current = current.valueOf();
  }
  switch (typeof current) {
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
    case "bigint":
      throw new TypeError("Do not know how to serialize a BigInt");
    default:
      return current;
  }
}

function scalarText(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    default:
      return "null";
  }
}

function keyText(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    text = `${JSON.stringify(key)}:`;
    if (keyTexts.size < MAX_CACHED_KEYS) keyTexts.set(key, text);
  }
  return text;
}
