/**
 * Checking inputs against the model's constraints (`@required`, `@length`,
 * `@range`, `@pattern`, enums, unions, `@uniqueItems`) before anything is
 * sent. Off by default, as in the AWS SDKs: the service validates anyway.
 * Turn it on with `validateInput: true`; the generated per-shape validators
 * (`validation/validators.ts`) are built from these checks.
 */
import type { MiddlewareStack, Pluggable } from "@smithy/types";
import { InputValidationError } from "./serde.js";

export type ConstraintKind = "required" | "type" | "length" | "range" | "pattern" | "enum" | "union" | "uniqueItems" | "sparse";

/** One broken constraint. */
export interface ConstraintViolation {
  /** JSON Pointer to the value at fault, by member name: `/FileName`, `/Tags/aws:x`, `/FileIds/0`. */
  path: string;
  /** Which constraint it breaks. */
  constraint: ConstraintKind;
  /** What is wrong, in the words the service uses: `Value at '/FileName' failed to satisfy constraint: ...`. */
  message: string;
  /** Set when the fault is a map key rather than the value stored under it. */
  mapKey?: true;
}

/** Thrown before sending when `validateInput` is on and the input breaks the model's constraints; lists every violation. */
export class ConstraintViolationError extends InputValidationError {
  override readonly name: string = "ConstraintViolationError";

  constructor(readonly violations: readonly ConstraintViolation[]) {
    const head = `${violations.length} validation error${violations.length === 1 ? "" : "s"} detected`;
    super(`${head}: ${violations.map((v) => v.message).join("; ")}`, topMember(violations[0]?.path ?? ""));
  }
}

function topMember(path: string): string {
  return path.split("/")[1] ?? "";
}

/** A validator: checks a value and appends what is wrong to `out`. */
export type Validator = (value: unknown, path?: string, out?: ConstraintViolation[]) => ConstraintViolation[];

/** The path of a child value: member names as they are, map keys escaped as JSON Pointer requires. */
export function childPath(path: string, key: string | number): string {
  return `${path}/${String(key).replace(/~/g, "~0").replace(/\//g, "~1")}`;
}

const at = (path: string) => `Value at '${path || "/"}' failed to satisfy constraint: Member must`;
const keyAt = (path: string) => `Map key at '${path}' failed to satisfy constraint: Member must`;

/** Checks presence; returns whether there is a value to check further. */
export function checkRequired(value: unknown, path: string, out: ConstraintViolation[]): boolean {
  if (value !== undefined && value !== null) return true;
  out.push({ path, constraint: "required", message: `${at(path)} not be null` });
  return false;
}

function typeError(path: string, expected: string, out: ConstraintViolation[]): false {
  out.push({ path, constraint: "type", message: `${at(path)} be ${expected}` });
  return false;
}

/** Smithy counts string length in Unicode code points. */
function codePoints(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
      const d = value.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

export interface Bounds {
  min?: number;
  max?: number;
}

function checkLength(length: number, path: string, bounds: Bounds, out: ConstraintViolation[], mapKey?: boolean): void {
  const { min, max } = bounds;
  if ((min === undefined || length >= min) && (max === undefined || length <= max)) return;
  const rule =
    min !== undefined && max !== undefined
      ? `have length between ${min} and ${max}, inclusive`
      : min !== undefined
        ? `have length greater than or equal to ${min}`
        : `have length less than or equal to ${max}`;
  out.push({ path, constraint: "length", message: `${mapKey ? "Map key" : "Value"} with length ${length} at '${path}' failed to satisfy constraint: Member must ${rule}`, ...(mapKey ? { mapKey: true } : {}) });
}

/** A string, with its `@length` (in code points) and `@pattern` (a `u` regex, tested the way Smithy does: a search). */
export function checkString(
  value: unknown,
  path: string,
  out: ConstraintViolation[],
  constraints: { length?: Bounds; pattern?: RegExp; mapKey?: boolean } = {},
): void {
  if (typeof value !== "string") {
    typeError(path, constraints.mapKey ? "a string key" : "a string", out);
    return;
  }
  if (constraints.length) checkLength(codePoints(value), path, constraints.length, out, constraints.mapKey);
  if (constraints.pattern && !constraints.pattern.test(value)) {
    out.push({
      path,
      constraint: "pattern",
      message: `${constraints.mapKey ? keyAt(path) : at(path)} satisfy regular expression pattern: ${constraints.pattern.source}`,
      ...(constraints.mapKey ? { mapKey: true as const } : {}),
    });
  }
}

const INTEGER_BOUNDS: Record<string, [number, number]> = {
  byte: [-128, 127],
  short: [-32768, 32767],
  integer: [-2147483648, 2147483647],
  long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** `@range` bounds; a string is a bound a double cannot hold, as exact decimal text. */
export interface RangeBounds {
  min?: number | string;
  max?: number | string;
}

/**
 * A number of a Smithy numeric kind from `byte` to `double`, with a `@range` a double holds. Kept
 * apart from `checkExactNumber` so that a client without big numbers does not carry the exact
 * decimal compare (~0.3 KB of every browser bundle).
 */
export function checkNumber(value: unknown, path: string, out: ConstraintViolation[], kind: string, range?: { min?: number; max?: number }): void {
  if (typeof value !== "number") {
    typeError(path, "a number", out);
    return;
  }
  if (INTEGER_BOUNDS[kind]) {
    const [lo, hi] = INTEGER_BOUNDS[kind]!;
    if (!Number.isInteger(value) || value < lo || value > hi) {
      typeError(path, `a ${kind} (a whole number between ${lo} and ${hi})`, out);
      return;
    }
  }
  if (range) checkRange(value, path, out, range, (v, bound) => ((v as number) < (bound as number) ? -1 : (v as number) > (bound as number) ? 1 : 0));
}

/**
 * A `bigInteger` or `bigDecimal`, or a number whose `@range` has a bound a double cannot hold
 * (given as exact decimal text): the generator uses it for those members only.
 */
export function checkExactNumber(value: unknown, path: string, out: ConstraintViolation[], kind: string, range?: RangeBounds): void {
  if (kind === "bigInteger") {
    if (typeof value !== "bigint" && !(typeof value === "number" && Number.isInteger(value))) {
      typeError(path, "an integer", out);
      return;
    }
  } else if (kind === "bigDecimal") {
    // A NumericValue (@smithy/core/serde), as the types say.
    const text = (value as { string?: unknown } | null)?.string;
    if (typeof value !== "object" || typeof text !== "string" || !/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) {
      typeError(path, "a NumericValue", out);
      return;
    }
  } else {
    const violations = out.length;
    checkNumber(value, path, out, kind);
    if (out.length > violations) return;
  }
  if (range) checkRange(value, path, out, range, compare);
}

function checkRange(value: unknown, path: string, out: ConstraintViolation[], range: RangeBounds, cmp: (value: unknown, bound: number | string) => number): void {
  const { min, max } = range;
  if ((min === undefined || cmp(value, min) >= 0) && (max === undefined || cmp(value, max) <= 0)) return;
  const rule =
    min !== undefined && max !== undefined
      ? `be between ${min} and ${max}, inclusive`
      : min !== undefined
        ? `be greater than or equal to ${min}`
        : `be less than or equal to ${max}`;
  out.push({ path, constraint: "range", message: `${at(path)} ${rule}` });
}

/** Compares a number, a bigint or a NumericValue with a bound. */
function compare(value: unknown, bound: number | string): number {
  if (typeof value === "number" && typeof bound === "number") return value < bound ? -1 : value > bound ? 1 : 0;
  // A bigint, a NumericValue and a bound a double cannot hold compare exactly, digit by digit.
  const text = typeof value === "object" && value !== null ? (value as { string: string }).string : String(value);
  return compareDecimal(text, String(bound));
}

/** Sign, significant digits and exponent (value = 0.digits × 10^exponent) of a decimal text. */
function decimalParts(text: string): { sign: number; digits: string; exponent: number } {
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text) ?? ["", "", "0"];
  const all = (m[2] ?? "") + (m[3] ?? "");
  const lead = all.length - all.replace(/^0+/, "").length;
  const digits = all.slice(lead).replace(/0+$/, "");
  if (digits === "") return { sign: 0, digits, exponent: 0 };
  return { sign: m[1] === "-" ? -1 : 1, digits, exponent: (m[2] ?? "").length - lead + Number(m[4] ?? 0) };
}

/** Compares two decimal texts (`-12.5`, `1e+21`) exactly. */
function compareDecimal(a: string, b: string): number {
  const x = decimalParts(a);
  const y = decimalParts(b);
  if (x.sign !== y.sign) return x.sign - y.sign;
  if (x.sign === 0) return 0;
  if (x.exponent !== y.exponent) return x.sign * Math.sign(x.exponent - y.exponent);
  const width = Math.max(x.digits.length, y.digits.length);
  const dx = x.digits.padEnd(width, "0");
  const dy = y.digits.padEnd(width, "0");
  return dx === dy ? 0 : x.sign * (dx < dy ? -1 : 1);
}

export function checkBoolean(value: unknown, path: string, out: ConstraintViolation[]): void {
  if (typeof value !== "boolean") typeError(path, "a boolean", out);
}

export function checkTimestamp(value: unknown, path: string, out: ConstraintViolation[]): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) typeError(path, "a valid Date", out);
}

/** A blob (non-streaming): bytes, or a string sent as UTF-8; `@length` counts bytes. */
export function checkBlob(value: unknown, path: string, out: ConstraintViolation[], length?: Bounds): void {
  let size: number;
  if (value instanceof Uint8Array) size = value.byteLength;
  else if (typeof value === "string") size = new TextEncoder().encode(value).byteLength;
  else {
    typeError(path, "bytes (a Uint8Array)", out);
    return;
  }
  if (length) checkLength(size, path, length, out);
}

/** A closed set of values: an enum (strings) or an intEnum (numbers). */
export function checkEnum(value: unknown, path: string, out: ConstraintViolation[], values: readonly (string | number)[], mapKey?: boolean): void {
  if (!values.includes(value as string | number)) {
    out.push({ path, constraint: "enum", message: `${mapKey ? keyAt(path) : at(path)} satisfy enum value set: [${values.join(", ")}]`, ...(mapKey ? { mapKey: true as const } : {}) });
  }
}

export function checkDocument(value: unknown, path: string, out: ConstraintViolation[]): void {
  if (value === undefined || typeof value === "function" || typeof value === "symbol" || typeof value === "bigint") typeError(path, "a JSON value", out);
}

/** An object for a structure; returns it, or undefined after recording a type violation. */
export function asStructure(value: unknown, path: string, out: ConstraintViolation[]): Record<string, unknown> | undefined {
  if (typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array)) {
    return value as Record<string, unknown>;
  }
  typeError(path, "an object", out);
  return undefined;
}

/** A union: exactly one member (or `$unknown`) set. Returns the object when it is one. */
export function asUnion(value: unknown, path: string, out: ConstraintViolation[], members: readonly string[]): Record<string, unknown> | undefined {
  const object = asStructure(value, path, out);
  if (!object) return undefined;
  // Own members only: every object inherits a `constructor` or a `toString`, which a union may name.
  const set = [...members, "$unknown"].filter((m) => Object.hasOwn(object, m) && object[m] !== undefined && object[m] !== null);
  if (set.length !== 1) {
    const found = set.length ? `${set.length} (${set.join(", ")})` : "none";
    out.push({ path, constraint: "union", message: `${at(path)} have exactly one member set; found ${found}` });
  }
  return object;
}

/** A list, with `@length` (items), `@uniqueItems` and, unless `@sparse`, no null items. */
export function asList(value: unknown, path: string, out: ConstraintViolation[], constraints: { length?: Bounds; uniqueItems?: boolean; sparse?: boolean } = {}): unknown[] | undefined {
  if (!Array.isArray(value)) {
    typeError(path, "a list", out);
    return undefined;
  }
  if (constraints.length) checkLength(value.length, path, constraints.length, out);
  if (constraints.uniqueItems) {
    const seen = new Map<string, number>();
    const repeated: number[] = [];
    value.forEach((item, i) => {
      const key = stableKey(item);
      if (seen.has(key)) repeated.push(i);
      else seen.set(key, i);
    });
    if (repeated.length) {
      out.push({ path, constraint: "uniqueItems", message: `Value with repeated values at indices [${repeated.join(", ")}] at '${path}' failed to satisfy constraint: Member must have unique values` });
    }
  }
  if (!constraints.sparse) {
    value.forEach((item, i) => {
      if (item === null || item === undefined) out.push({ path: childPath(path, i), constraint: "sparse", message: `${at(childPath(path, i))} not be null (the list is not sparse)` });
    });
  }
  return value;
}

/** A map, with `@length` (entries) and, unless `@sparse`, no null values. */
export function asMap(value: unknown, path: string, out: ConstraintViolation[], constraints: { length?: Bounds; sparse?: boolean } = {}): Record<string, unknown> | undefined {
  const object = asStructure(value, path, out);
  if (!object) return undefined;
  const keys = Object.keys(object);
  if (constraints.length) checkLength(keys.length, path, constraints.length, out);
  if (!constraints.sparse) {
    for (const key of keys) {
      if (object[key] === null || object[key] === undefined) out.push({ path: childPath(path, key), constraint: "sparse", message: `${at(childPath(path, key))} not be null (the map is not sparse)` });
    }
  }
  return object;
}

function stableKey(value: unknown): string {
  if (value instanceof Date) return `date:${value.getTime()}`;
  if (value instanceof Uint8Array) return `bytes:${Array.from(value).join(",")}`;
  if (typeof value === "bigint") return `bigint:${value}`;
  if (Array.isArray(value)) return `[${value.map(stableKey).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableKey(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}

/**
 * The per-command middleware: when the client has `validateInput: true`, it
 * runs the command's validator first and throws {@link ConstraintViolationError}
 * listing every violation, so nothing is sent.
 */
export function validationPlugin(config: { validateInput?: unknown }, validate: Validator): Pluggable<any, any> {
  return {
    applyToStack(stack: MiddlewareStack<any, any>) {
      if (config.validateInput !== true) return;
      stack.add(inputValidationMiddleware(validate), inputValidationMiddlewareOptions);
    },
  };
}

/** The middleware {@link validationPlugin} adds (the client composes it directly when no custom middleware is installed). */
export const inputValidationMiddleware = (validate: Validator) => (next: any) => async (args: { input: unknown }) => {
  const violations = validate(args.input);
  if (violations.length) throw new ConstraintViolationError(violations);
  return next(args);
};

export const inputValidationMiddlewareOptions = { name: "inputValidationMiddleware", step: "initialize", priority: "high", override: true } as const;
