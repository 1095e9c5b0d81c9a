/**
 * `@range` bounds read exactly: a bound a double cannot hold (beyond 2^53, a 30-digit
 * decimal) has its exact text in the IR, and `bigInteger`/`bigDecimal` values are compared
 * and generated from that text, never from the rounded double.
 */
import type { Range } from "../../ir/types.js";
import { canonicalDecimal, compareDecimal, decimalToBigInt } from "../../load/index.js";

/** A bound as exact decimal text. */
export function boundText(range: Range | undefined, key: "min" | "max"): string | undefined {
  const value = range?.[key];
  if (value === undefined) return undefined;
  return range?.[`${key}Text`] ?? canonicalDecimal(String(value));
}

/** A whole-number bound: the least integer at or above `min`, the greatest at or below `max`. */
export function integerBound(range: Range | undefined, key: "min" | "max"): bigint | undefined {
  const text = boundText(range, key);
  return text === undefined ? undefined : decimalToBigInt(text, key === "min" ? "ceil" : "floor");
}

/** Whether a decimal text (a bigint's, a NumericValue's, a number's) lies within the range, exactly. */
export function withinExact(text: string, range: Range | undefined): boolean {
  const min = boundText(range, "min");
  const max = boundText(range, "max");
  return (min === undefined || compareDecimal(text, min) >= 0) && (max === undefined || compareDecimal(text, max) <= 0);
}

/**
 * Double bounds for drawing decimals whose shortest text stays inside an exact bound: a bound
 * a double rounds is moved two steps inwards, past the rounding and the shortest-text margin.
 */
export function doubleBound(range: Range | undefined, key: "min" | "max"): number | undefined {
  const value = range?.[key];
  if (value === undefined || range?.[`${key}Text`] === undefined) return value;
  return step(step(value, key === "min" ? 1 : -1), key === "min" ? 1 : -1);
}

/** The next double above (+1) or below (-1). */
function step(value: number, direction: 1 | -1): number {
  if (value === 0) return direction * Number.MIN_VALUE;
  const bits = new BigInt64Array(new Float64Array([value]).buffer);
  bits[0] = bits[0]! + ((value > 0) === (direction > 0) ? 1n : -1n);
  return new Float64Array(bits.buffer)[0]!;
}
