/**
 * Reads the members of an X-Ray API request body (untrusted JSON) one by one. A getter that
 * finds a problem remembers the first one and returns a placeholder; `result()` then gives
 * that problem instead of the value, so a placeholder never escapes.
 */

import { type EpochSeconds, epochSeconds } from "@xray-sandbox/segments";

export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

export class RequestFields {
  readonly #body: Readonly<Record<string, unknown>>;
  #problem: string | undefined;

  constructor(body: unknown) {
    if (typeof body === "object" && body !== null && !Array.isArray(body)) {
      this.#body = body as Readonly<Record<string, unknown>>;
    } else {
      this.#body = {};
      this.#problem = "the request body must be a JSON object";
    }
  }

  result<T>(value: T): Checked<T> {
    return this.#problem === undefined
      ? { ok: true, value }
      : { ok: false, message: this.#problem };
  }

  optionalString(name: string, maxLength = Number.POSITIVE_INFINITY): string | undefined {
    const value = this.#body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") return this.#fail(name, "a string", undefined);
    if (value.length > maxLength) {
      return this.#fail(name, `at most ${maxLength} characters`, undefined);
    }
    return value;
  }

  requiredString(name: string, maxLength?: number): string {
    if (this.#missing(name)) return "";
    return this.optionalString(name, maxLength) ?? "";
  }

  optionalBoolean(name: string): boolean | undefined {
    const value = this.#body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "boolean") return this.#fail(name, "true or false", undefined);
    return value;
  }

  optionalNumber(name: string, min: number, max: number): number | undefined {
    const value = this.#body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number" || !(value >= min && value <= max)) {
      return this.#fail(name, `a number from ${min} to ${max}`, undefined);
    }
    return value;
  }

  requiredNumber(name: string, min: number, max: number): number {
    if (this.#missing(name)) return min;
    return this.optionalNumber(name, min, max) ?? min;
  }

  optionalWholeNumber(name: string, min: number, max: number): number | undefined {
    const value = this.#body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      return this.#fail(name, `a whole number from ${min} to ${max}`, undefined);
    }
    return value;
  }

  /** restJson1 timestamps: epoch seconds, fractions allowed. */
  requiredEpochSeconds(name: string): EpochSeconds {
    const placeholder = epochSeconds(0);
    if (this.#missing(name)) return placeholder;
    const value = this.#body[name];
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      return this.#fail(name, "epoch seconds as a number", placeholder);
    }
    return epochSeconds(value);
  }

  optionalEnum<T extends string>(name: string, values: readonly T[]): T | undefined {
    const value = this.#body[name];
    if (value === undefined || value === null) return undefined;
    const found = values.find((candidate) => candidate === value);
    return found ?? this.#fail(name, `one of ${values.join(", ")}`, undefined);
  }

  requiredEnum<T extends string>(name: string, values: readonly [T, ...T[]]): T {
    if (this.#missing(name)) return values[0];
    return this.optionalEnum(name, values) ?? values[0];
  }

  requiredStringList(name: string): string[] {
    if (this.#missing(name)) return [];
    const value = this.#body[name];
    if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
      return this.#fail(name, "a list of strings", []);
    }
    return value as string[];
  }

  optionalList(name: string): unknown[] | undefined {
    const value = this.#body[name];
    if (value === undefined || value === null) return undefined;
    return Array.isArray(value) ? value : this.#fail(name, "a list", undefined);
  }

  requiredList(name: string): unknown[] {
    if (this.#missing(name)) return [];
    const value = this.#body[name];
    return Array.isArray(value) ? value : this.#fail(name, "a list", []);
  }

  optionalObject(name: string): Readonly<Record<string, unknown>> | undefined {
    const value = this.#body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "object" || Array.isArray(value)) {
      return this.#fail(name, "an object", undefined);
    }
    return value as Readonly<Record<string, unknown>>;
  }

  requiredObject(name: string): Readonly<Record<string, unknown>> {
    if (this.#missing(name)) return {};
    return this.optionalObject(name) ?? {};
  }

  /** Lets a caller report a problem across members (e.g. EndTime before StartTime). */
  problem(message: string): void {
    this.#problem ??= message;
  }

  #missing(name: string): boolean {
    const value = this.#body[name];
    if (value !== undefined && value !== null) return false;
    this.problem(`${name} is required`);
    return true;
  }

  #fail<T>(name: string, expected: string, placeholder: T): T {
    this.problem(`${name} must be ${expected}`);
    return placeholder;
  }
}
