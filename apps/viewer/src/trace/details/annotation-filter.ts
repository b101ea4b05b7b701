import type { AnnotationValue } from "@xray-sandbox/segments";

const ANNOTATION_KEY = /^[A-Za-z0-9_]+$/;

/**
 * The filter expression that finds traces with this annotation value
 * (`annotation.userId = "u-42"`), or undefined when the key cannot appear in a filter.
 */
export function annotationFilter(key: string, value: AnnotationValue): string | undefined {
  if (!ANNOTATION_KEY.test(key)) return undefined;
  if (typeof value === "string") {
    return `annotation.${key} = "${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
  }
  if (typeof value === "number")
    return Number.isFinite(value) ? `annotation.${key} = ${value}` : undefined;
  return `annotation.${key} = ${value}`;
}
