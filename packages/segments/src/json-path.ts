/** The JSON paths that warnings point at, e.g. `cause.exceptions[0].stack[2].line`. */

import { describeValue } from "./describe-value.ts";

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `http.request`: for keys the code names, which need no quoting. */
export function fieldPath(parent: string, key: string): string {
  return parent === "" ? key : `${parent}.${key}`;
}

/** `annotations.user_id`, or `annotations["bad key"]` for a key the sender chose. */
export function childPath(parent: string, key: string): string {
  return IDENTIFIER.test(key) ? fieldPath(parent, key) : `${parent}[${describeValue(key)}]`;
}

export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}
