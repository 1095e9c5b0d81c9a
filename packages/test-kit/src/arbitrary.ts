/**
 * fast-check building blocks for the generated arbitraries: strings that
 * honour `@length` (in code points) and `@pattern` — Unicode property
 * classes and lookaheads included — and numbers within `@range` and their
 * type's bounds.
 */
import * as fc from "fast-check";
import {
  CHARACTER_POOL,
  accepts,
  charRanges,
  compilePattern,
  exampleString,
  maxLength,
  minLength,
  poolMatches,
  repeatedClass,
  seededChooser,
  synthesize,
} from "./pattern.js";

export interface LengthBounds {
  min?: number;
  max?: number;
}

/** Longest string generated when the model sets no maximum. */
const OPEN_LENGTH = 64;

/** One code point accepted by a one-character regex source: mostly familiar characters, sometimes any matching code point. */
export function charMatching(source: string, flags = "u"): fc.Arbitrary<string> {
  const pool = poolMatches(source, flags, CHARACTER_POOL);
  const any = fc.integer({ min: 0, max: 0x7fffffff }).map((n) => {
    // The ranges are computed on first use (a scan of every code point), then cached.
    const ranges = charRanges(source, flags);
    const total = ranges.reduce((sum, [a, b]) => sum + b - a + 1, 0);
    let pick = n % Math.max(total, 1);
    for (const [a, b] of ranges) {
      if (pick <= b - a) return String.fromCodePoint(a + pick);
      pick -= b - a + 1;
    }
    return pool[0] ?? "";
  });
  return pool.length ? fc.oneof({ arbitrary: fc.constantFrom(...pool), weight: 4 }, { arbitrary: any, weight: 1 }) : any;
}

/** A string of `min`..`max` code points, any characters (ASCII only for headers). */
export function boundedString(length: LengthBounds = {}, options: { ascii?: boolean } = {}): fc.Arbitrary<string> {
  const min = length.min ?? 0;
  const max = Math.min(length.max ?? min + OPEN_LENGTH, min + 4096);
  return fc.string({ unit: options.ascii ? "grapheme-ascii" : "binary", minLength: min, maxLength: max });
}

/**
 * A string matching a Smithy pattern (search semantics, `u` flag) with a
 * length in code points within `length`. Patterns of the form
 * `^(lookaheads)[class]{m,n}$` are generated character by character; any
 * other is synthesised from its parsed form; lookaheads are enforced by a
 * filter.
 */
export function patternString(pattern: string, length: LengthBounds = {}, options: { ascii?: boolean } = {}): fc.Arbitrary<string> {
  const compiled = compilePattern(pattern);
  const min = length.min ?? 0;
  const max = length.max ?? Infinity;
  const ok = (s: string) => accepts(compiled, s, min, max) && (!options.ascii || /^[\x20-\x7e]*$/.test(s));
  const example = exampleString(compiled, min, max, options.ascii ? { location: "header" } : {});
  if (example === undefined) {
    // No string satisfies both the pattern and the length: say so when a value is asked for, not at import.
    return fc.constant(null).map(() => {
      throw new Error(`No string of length ${min}..${max} matches the pattern ${pattern}`);
    });
  }
  const simple = repeatedClass(compiled.tree);
  let arbitrary: fc.Arbitrary<string>;
  if (simple) {
    const lo = Math.max(min, simple.min);
    const cap = Math.min(max, simple.max);
    const hi = Number.isFinite(cap) ? Math.min(cap, lo + 4096) : lo + OPEN_LENGTH;
    arbitrary = fc.string({ unit: charMatching(simple.source, compiled.flags), minLength: lo, maxLength: Math.max(lo, hi) });
  } else {
    const tree = compiled.generator;
    const lo = Math.max(min, minLength(tree));
    const hi = Math.max(lo, Math.min(max, maxLength(tree), lo + OPEN_LENGTH));
    arbitrary = fc
      .tuple(fc.integer({ min: lo, max: hi }), fc.integer())
      .map(([n, seed]) => synthesize(tree, n, compiled.flags, seededChooser(seed)) ?? example);
  }
  // Lookaheads and rare synthesis misses: keep only matching strings, falling back to the known example.
  return fc.oneof({ arbitrary: arbitrary.map((s) => (ok(s) ? s : example)), weight: 9 }, { arbitrary: fc.constant(example), weight: 1 });
}

const INTEGER_BOUNDS: Record<string, [number, number]> = {
  byte: [-128, 127],
  short: [-32768, 32767],
  integer: [-2147483648, 2147483647],
  long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** A whole number of a Smithy integer kind within its `@range`. */
export function integerIn(kind: "byte" | "short" | "integer" | "long", range: LengthBounds = {}): fc.Arbitrary<number> {
  const [lo, hi] = INTEGER_BOUNDS[kind]!;
  const min = Math.max(lo, Math.ceil(range.min ?? lo));
  const max = Math.min(hi, Math.floor(range.max ?? hi));
  if (min >= -2147483648 && max <= 2147483647) return fc.integer({ min, max });
  return fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(Number);
}

/** A float or double within its `@range` (NaN and infinities only when there is no range). */
export function floatIn(kind: "float" | "double", range: LengthBounds = {}): fc.Arbitrary<number> {
  const bounded = range.min !== undefined || range.max !== undefined;
  const base = fc.double({
    ...(range.min !== undefined ? { min: range.min } : {}),
    ...(range.max !== undefined ? { max: range.max } : {}),
    noNaN: bounded,
    noDefaultInfinity: bounded,
  });
  if (kind === "double") return base;
  return base.map(Math.fround).filter((n) => Number.isNaN(n) || ((range.min === undefined || n >= range.min) && (range.max === undefined || n <= range.max)));
}

/** A timestamp with whole seconds (every wire format can carry it exactly), between 1970 and 2100. */
export function timestamp(): fc.Arbitrary<Date> {
  return fc.integer({ min: 0, max: 4102444799 }).map((s) => new Date(s * 1000));
}

/** Bytes, with `@length` counted in bytes. */
export function bytes(length: LengthBounds = {}): fc.Arbitrary<Uint8Array> {
  const min = length.min ?? 0;
  return fc.uint8Array({ minLength: min, maxLength: Math.min(length.max ?? min + OPEN_LENGTH, min + 4096) });
}

/** A JSON value: the shape of the types package's `DocumentType`. */
export type JsonDocument = null | boolean | number | string | JsonDocument[] | { [key: string]: JsonDocument };

/** A JSON value for `document` members. */
export function document(): fc.Arbitrary<JsonDocument> {
  return fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as JsonDocument);
}

/** Items for a list, with `@length` and `@uniqueItems`. */
export function listOf<T>(item: fc.Arbitrary<T>, constraints: { length?: LengthBounds; uniqueItems?: boolean } = {}): fc.Arbitrary<T[]> {
  const minLength = constraints.length?.min ?? 0;
  const maxLength = Math.min(constraints.length?.max ?? minLength + 8, minLength + 16);
  if (constraints.uniqueItems) return fc.uniqueArray(item, { minLength, maxLength, selector: (v) => stableKey(v) });
  return fc.array(item, { minLength, maxLength });
}

/** Entries for a map, with `@length` counting keys. */
export function mapOf<T>(key: fc.Arbitrary<string>, value: fc.Arbitrary<T>, length: LengthBounds = {}): fc.Arbitrary<Record<string, T>> {
  const minKeys = length.min ?? 0;
  const maxKeys = Math.min(length.max ?? minKeys + 8, minKeys + 16);
  return fc.dictionary(key, value, { minKeys, maxKeys, noNullPrototype: true });
}

function stableKey(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? `${v}n` : v instanceof Uint8Array ? Array.from(v) : v)) ?? "undefined";
}
