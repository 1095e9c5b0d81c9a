/**
 * The few operations that waiters' compiled JMESPath paths call (see the codegen's
 * `emit/client/jmespath.ts`): field selection and comparisons of plain values are compiled
 * to TypeScript directly; what needs a loop or JMESPath's own rules (projections drop nulls,
 * truthiness treats `[]` and `""` as false, `==` compares deeply, `<` is defined on numbers
 * only, `length()` of a null is an error) is here, once, typed so that the compiled code
 * keeps the model's types.
 *
 * JMESPath's null is `undefined` here (an unset member); a sparse list's `null` counts as null too.
 */

// The polling itself is @smithy/core's (the AWS SDK's util-waiter): backoff with jitter, maxWaitTime,
// abort signals. Generated waiters import it from here, so that a client's dependencies stay the runtime's.
export { checkExceptions, createWaiter, type WaiterResult, WaiterState } from "@smithy/core/client";

/** A JMESPath run-time type error (`length(null)`, …): the acceptor whose path raised it does not match. */
export class JmesPathTypeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JmesPathTypeError";
  }
}

/** The element type of a flattened list: sub-lists are spliced into it. */
export type FlatItem<T> = T extends readonly (infer U)[] ? U : T;

/** A projection (`list[*].rhs`): `rhs` applied to each item; null results are left out. Null for a non-list. */
export function jmesProject<T, R>(list: readonly T[] | null | undefined, rhs: (item: T) => R): NonNullable<R>[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const out: NonNullable<R>[] = [];
  for (const item of list) {
    const value = rhs(item);
    if (value !== undefined && value !== null) out.push(value as NonNullable<R>);
  }
  return out;
}

/** `list[]`: one level of sub-lists spliced into the list. Null for a non-list. */
export function jmesFlatten<T>(list: readonly T[] | null | undefined): FlatItem<T>[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const out: unknown[] = [];
  for (const item of list) {
    if (Array.isArray(item)) out.push(...(item as unknown[]));
    else out.push(item);
  }
  return out as FlatItem<T>[];
}

/** `map.*`: the values of a map. Null for a non-object. */
export function jmesValues<V>(map: Readonly<Record<string, V>> | null | undefined): V[] | undefined {
  if (map === null || typeof map !== "object" || Array.isArray(map)) return undefined;
  return Object.values(map);
}

/** Applies `f` to a value that is not null (a multi-select on null is null). */
export function jmesApply<T, R>(value: T, f: (value: NonNullable<T>) => R): R | undefined {
  return value === undefined || value === null ? undefined : f(value as NonNullable<T>);
}

/** JMESPath truthiness: null, false, `""`, `[]` and `{}` are false; everything else is true. */
export function jmesTruthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object" && !(value instanceof Date) && !ArrayBuffer.isView(value)) return Object.keys(value).some((k) => (value as Record<string, unknown>)[k] !== undefined);
  return true;
}

/** `a && b`: `a` when it is false (by JMESPath truthiness), else `b`. */
export function jmesAnd<A, B>(a: A, b: B): A | B {
  return jmesTruthy(a) ? b : a;
}

/** `a || b`: `a` when it is true (by JMESPath truthiness), else `b`. */
export function jmesOr<A, B>(a: A, b: B): A | B {
  return jmesTruthy(a) ? a : b;
}

/** `a == b`: deep equality, null equal to null; unset members of objects are left out. */
export function jmesEquals(a: unknown, b: unknown): boolean {
  if (a === undefined || a === null) return b === undefined || b === null;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => jmesEquals(item, b[i]));
  if (typeof a === "object" && typeof b === "object" && b !== null && !Array.isArray(b)) {
    const keys = (o: object) => Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined);
    const ka = keys(a);
    return ka.length === keys(b).length && ka.every((k) => jmesEquals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

/** `a < b` and its siblings: defined on two numbers; null (not false) for anything else. */
export function jmesCompare(a: unknown, op: "<" | "<=" | ">" | ">=", b: unknown): boolean | undefined {
  if (typeof a !== "number" || typeof b !== "number") return undefined;
  switch (op) {
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
  }
}

/** `length(v)`: of a string (code points), a list or an object; a type error for anything else. */
export function jmesLength(value: string | readonly unknown[] | object | null | undefined): number {
  if (typeof value === "string") return [...value].length;
  if (Array.isArray(value)) return value.length;
  if (value !== null && typeof value === "object") return Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).length;
  throw new JmesPathTypeError(`length() of ${value === undefined || value === null ? "null" : typeof value}`);
}

/** `contains(subject, search)`: a list holding `search`, or a string holding the string `search`. */
export function jmesContains(subject: string | readonly unknown[] | null | undefined, search: unknown): boolean {
  if (typeof subject === "string") return typeof search === "string" && subject.includes(search);
  if (Array.isArray(subject)) return subject.some((item) => jmesEquals(item, search));
  throw new JmesPathTypeError(`contains() of ${subject === undefined || subject === null ? "null" : typeof subject}`);
}

/** The `allStringEquals` comparator: a non-empty list whose every item is the string `expected`. */
export function allStringEquals(value: readonly unknown[] | null | undefined, expected: string): boolean {
  return Array.isArray(value) && value.length > 0 && value.every((item) => item === expected);
}

/** The `anyStringEquals` comparator: a list with at least one item that is the string `expected`. */
export function anyStringEquals(value: readonly unknown[] | null | undefined, expected: string): boolean {
  return Array.isArray(value) && value.some((item) => item === expected);
}

/**
 * Whether an acceptor's compiled path matches: a JMESPath type error raised while evaluating it
 * (`length()` of a member the response left out) means no match, as in JMESPath's own
 * implementations; any other error is a bug and is thrown.
 */
export function jmesMatches(path: () => boolean): boolean {
  try {
    return path();
  } catch (error) {
    if (error instanceof JmesPathTypeError) return false;
    throw error;
  }
}

/** The name of an error a waiter's `errorType` acceptor compares (a modelled error's shape name, or the service's error code). */
export function errorName(error: unknown): string | undefined {
  const name = typeof error === "object" && error !== null ? (error as { name?: unknown }).name : undefined;
  return typeof name === "string" ? name : undefined;
}
