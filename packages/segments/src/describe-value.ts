/**
 * How rejection and warning messages show a value they found: short, on one line, and
 * harmless in a terminal or a log line whatever the sender put in it.
 */

const MAX_SHOWN_CHARS = 60;

/** `"abc"`, `42`, `null`, `true`, `an array`, `an object`. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return JSON.stringify(shorten(value));
    case "number":
    case "boolean":
      return String(value);
    case "object":
      return "an object";
    default:
      return typeof value;
  }
}

/** Truncates to a readable length and replaces control characters with spaces. */
export function sanitizeForMessage(text: string, maxChars: number): string {
  const cut = text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
  return cut.replace(/[\u0000-\u001f\u007f]/g, " ");
}

function shorten(text: string): string {
  return text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS)}…` : text;
}
