/**
 * What `JSON.parse` lets through or reports without a place: bytes that are
 * not UTF-8, keys given twice in one object (`JSON.parse` silently keeps the
 * last), and syntax errors, each as a problem with its line and column.
 *
 * Everything here is one linear pass with no recursion, so a document nested
 * ten thousand levels deep is as fine as a flat one.
 */
import { isLossy, keepExactNumber } from "./exact-numbers.js";
import type { ModelProblem } from "./problems.js";

/** Line and column (both from 1; the column counts UTF-16 units) of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Decodes UTF-8 strictly. A byte sequence that is not UTF-8 is a problem at
 * its line and column (the text before it decodes, so the column is exact).
 */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { problem: ModelProblem } {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const before = new TextDecoder("utf-8").decode(bytes.subarray(0, offset));
    const { line, column } = lineColumn(before, before.length);
    const shown = [...bytes.subarray(offset, offset + 4)].map((b) => `0x${b.toString(16).padStart(2, "0")}`).join(" ");
    return { problem: { path: "$", line, column, message: `not valid UTF-8 (byte ${offset}: ${shown}); save the model as UTF-8` } };
  }
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let n: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [n, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [n, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return bytes.length;
}

/**
 * The line and column of a `JSON.parse` error, from the position V8 reports
 * (`… at position 12` or `… (line 2 column 3)`), when it reports one.
 */
export function jsonSyntaxProblem(text: string, error: Error): ModelProblem {
  const message = error.message.replace(/\s*(in JSON )?at position \d+.*$|\s*\(line \d+ column \d+\)$/, "");
  const position = /at position (\d+)/.exec(error.message);
  const where = position ? lineColumn(text, Number(position[1])) : undefined;
  const lc = /\(line (\d+) column (\d+)\)/.exec(error.message);
  const place = where ?? (lc ? { line: Number(lc[1]), column: Number(lc[2]) } : undefined);
  return { path: "$", ...place, message: `not valid JSON: ${message}` };
}

/**
 * How deep a model may nest objects and arrays. The deepest of 402 AWS models
 * nests 45 levels; the stages after loading walk traits recursively, so a
 * document nested 10,000 levels deep is refused here, with its place, instead
 * of overflowing the stack somewhere later.
 */
export const MAX_JSON_DEPTH = 1000;

/**
 * What is wrong with a JSON text that `JSON.parse` accepted: every key that
 * appears twice in the same object (at its second occurrence, with the JSON
 * path of the object), and nesting deeper than {@link MAX_JSON_DEPTH}.
 */
export function jsonTextProblems(text: string, lossyNumbers?: LossyNumber[]): ModelProblem[] {
  const problems: ModelProblem[] = [];
  /** One frame per open object or array: an object's keys so far and the key being read, an array's index. */
  const stack: { keys: Set<string> | undefined; key: string | undefined; index: number }[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      const start = i;
      for (i++; text[i] !== '"'; i++) if (text[i] === "\\") i++;
      const top = stack[stack.length - 1];
      if (expectKey && top?.keys) {
        const key = JSON.parse(text.slice(start, i + 1)) as string;
        // A handful is enough to fix the file; more would only make this quadratic on hostile input.
        if (top.keys.has(key) && problems.length < 20) {
          const { line, column } = lineColumn(text, start);
          problems.push({ path: jsonPath(stack.slice(0, -1)), line, column, message: `duplicate key ${JSON.stringify(key)} (JSON would keep only the last)` });
        }
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
    } else if (c === "{" || c === "[") {
      if (stack.length === MAX_JSON_DEPTH) {
        const { line, column } = lineColumn(text, i);
        problems.push({ path: jsonPath(stack), line, column, message: `nested more than ${MAX_JSON_DEPTH} levels deep; no Smithy model needs that` });
        return problems;
      }
      stack.push({ keys: c === "{" ? new Set() : undefined, key: undefined, index: 0 });
      expectKey = c === "{";
    } else if (c === "}" || c === "]") {
      stack.pop();
    } else if (c === ",") {
      const top = stack[stack.length - 1];
      if (top) top.index++;
      expectKey = top?.keys !== undefined;
    } else if (lossyNumbers && (c === "-" || (c >= "0" && c <= "9"))) {
      const start = i;
      while (i + 1 < text.length && /[\d.eE+-]/.test(text[i + 1]!)) i++;
      const literal = text.slice(start, i + 1);
      // Up to 15 significant digits and no exponent, a double holds the literal: skip the exact check.
      if ((literal.length > 15 || /[eE]/.test(literal)) && isLossy(literal)) {
        lossyNumbers.push({ path: stack.map((f) => (f.keys === undefined ? f.index : f.key!)), text: literal });
      }
    }
  }
  return problems;
}

/** A number literal a double cannot hold, with the keys and indexes that lead to it. */
export interface LossyNumber {
  path: (string | number)[];
  text: string;
}

/** Keeps each lossy literal's exact text next to the rounded number `JSON.parse` put in `json`. */
export function keepLossyNumbers(json: unknown, numbers: LossyNumber[]): void {
  for (const { path, text } of numbers) {
    let holder: unknown = json;
    for (const step of path.slice(0, -1)) holder = (holder as Record<string | number, unknown> | undefined)?.[step];
    const key = path[path.length - 1];
    // Only numbers held by an object are kept: the traits that need them (`@range`) are objects.
    if (typeof key === "string" && typeof holder === "object" && holder !== null && !Array.isArray(holder) && Object.hasOwn(holder, key)) {
      keepExactNumber(holder, key, text);
    }
  }
}

function jsonPath(frames: { keys: Set<string> | undefined; key: string | undefined; index: number }[]): string {
  let out = "$";
  for (const f of frames) {
    if (f.keys === undefined) out += "[]";
    else if (f.key !== undefined) out += /^[A-Za-z_$][\w$]*$/.test(f.key) ? `.${f.key}` : `[${JSON.stringify(f.key)}]`;
  }
  return out;
}
