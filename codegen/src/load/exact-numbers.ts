/**
 * Numbers a model writes that a double cannot hold: `@range(max: 9223372036854775807)` on a
 * `long`, a `bigDecimal` bound with 30 digits. `JSON.parse` (and the IDL lexer's value) round
 * them, so the loader also keeps the literal text, and the stages that need it exactly (the
 * IR's `@range`, `sdkgen ast`/`idl` output, `sdkgen diff`) read it back.
 *
 * The text rides on the object that holds the number, under a symbol: every consumer that
 * wants a plain number still sees one (`typeof min === "number"`), JSON output and
 * `Object.entries` ignore it, and a spread copy of the object keeps it.
 */

/** Exact decimal text of an object's lossy numbers, by key. */
const EXACT: unique symbol = Symbol("sdkgen.exactNumbers");

type WithExact = { [EXACT]?: Record<string, string> };

/** Records `text` as the exact value of `object[key]` when the number there lost precision. */
export function keepExactNumber(object: object, key: string, text: string): void {
  if (!isLossy(text)) return;
  const holder = object as WithExact;
  if (!Object.hasOwn(holder, EXACT)) Object.defineProperty(holder, EXACT, { value: Object.create(null), enumerable: true, writable: true, configurable: true });
  holder[EXACT]![key] = canonicalDecimal(text);
}

/** The exact decimal text of `object[key]` when the model wrote more than a double holds. */
export function exactNumber(object: unknown, key: string): string | undefined {
  if (typeof object !== "object" || object === null) return undefined;
  const table = (object as WithExact)[EXACT];
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The exact text of a number the model holds: its literal when a double lost it, else the number's own text. */
export function numberText(object: unknown, key: string, value: number): string {
  return exactNumber(object, key) ?? canonicalDecimal(String(value));
}

/** True when reading `text` as a double gives a different value (a literal too long or too precise). */
export function isLossy(text: string): boolean {
  const n = Number(text);
  return Number.isFinite(n) && canonicalDecimal(String(n)) !== canonicalDecimal(text);
}

interface Parsed {
  negative: boolean;
  /** Significant digits, no leading or trailing zero ("" for zero). */
  digits: string;
  /** The value is 0.<digits> × 10^exponent. */
  exponent: number;
}

/** A JSON/IDL number literal (`-12.5e3`) as sign, digits and exponent. */
function parse(text: string): Parsed {
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m) throw new Error(`not a decimal number: ${text}`);
  const whole = m[2] ?? "";
  const fraction = m[3] ?? "";
  let digits = whole + fraction;
  let exponent = whole.length + Number(m[4] ?? 0);
  const lead = digits.length - digits.replace(/^0+/, "").length;
  digits = digits.slice(lead).replace(/0+$/, "");
  exponent -= lead;
  return { negative: m[1] === "-" && digits !== "", digits, exponent: digits === "" ? 0 : exponent };
}

/** Plain decimal text without exponent or needless zeros: `1e3` → `1000`, `-0.50` → `-0.5`. */
export function canonicalDecimal(text: string): string {
  const { negative, digits, exponent } = parse(text);
  if (digits === "") return "0";
  let body: string;
  if (exponent <= 0) body = `0.${"0".repeat(-exponent)}${digits}`;
  else if (exponent >= digits.length) body = digits + "0".repeat(exponent - digits.length);
  else body = `${digits.slice(0, exponent)}.${digits.slice(exponent)}`;
  return negative ? `-${body}` : body;
}

/** Compares two decimal texts exactly: negative, zero or positive. */
export function compareDecimal(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  const sign = (p: Parsed) => (p.digits === "" ? 0 : p.negative ? -1 : 1);
  if (sign(x) !== sign(y)) return sign(x) - sign(y);
  if (sign(x) === 0) return 0;
  let magnitude: number;
  if (x.exponent !== y.exponent) magnitude = x.exponent - y.exponent;
  else {
    const width = Math.max(x.digits.length, y.digits.length);
    const dx = x.digits.padEnd(width, "0");
    const dy = y.digits.padEnd(width, "0");
    magnitude = dx < dy ? -1 : dx > dy ? 1 : 0;
  }
  return sign(x) * Math.sign(magnitude);
}

/** The smallest integer at or above (`ceil`) or the largest at or below (`floor`) a decimal. */
export function decimalToBigInt(text: string, round: "ceil" | "floor"): bigint {
  const plain = canonicalDecimal(text);
  const [whole = "0", fraction = ""] = plain.split(".");
  const n = BigInt(whole);
  if (fraction === "") return n;
  const negative = plain.startsWith("-");
  // Truncation went towards zero: step away from it when that is the rounding's direction.
  if (round === "ceil" && !negative) return n + 1n;
  if (round === "floor" && negative) return n - 1n;
  return n;
}

/** `text` plus `delta` (a decimal such as "1" or "-1e-30"), exactly. */
export function addDecimal(text: string, delta: string): string {
  const a = canonicalDecimal(text);
  const b = canonicalDecimal(delta);
  const scale = Math.max(a.split(".")[1]?.length ?? 0, b.split(".")[1]?.length ?? 0);
  const scaled = (s: string) => {
    const [w = "0", f = ""] = s.replace("-", "").split(".");
    const v = BigInt(w + f.padEnd(scale, "0"));
    return s.startsWith("-") ? -v : v;
  };
  const sum = scaled(a) + scaled(b);
  const digits = (sum < 0n ? -sum : sum).toString().padStart(scale + 1, "0");
  const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return canonicalDecimal(sum < 0n ? `-${body}` : body);
}

const MARK = "\u0000exact:";

/** `JSON.stringify` that writes a lossy number back as the literal the model wrote. */
export function stringifyExact(value: unknown, indent?: number): string {
  const json = JSON.stringify(
    value,
    (_key, v: unknown) => {
      const table = typeof v === "object" && v !== null ? (v as WithExact)[EXACT] : undefined;
      if (table === undefined) return v;
      const copy: Record<string, unknown> = { ...(v as Record<string, unknown>) };
      for (const key of Object.keys(table)) if (typeof copy[key] === "number") copy[key] = MARK + table[key];
      return copy;
    },
    indent,
  );
  // The marker cannot come from a model: JSON.stringify escapes a NUL in any string it writes.
  return json.replace(/"\\u0000exact:(-?[\d.]+)"/g, "$1");
}

/** `structuredClone`, keeping the exact text of lossy numbers (a clone drops symbol keys). */
export function cloneExact<T>(value: T): T {
  const copy = structuredClone(value);
  copyExact(value, copy);
  return copy;
}

function copyExact(from: unknown, to: unknown): void {
  if (typeof from !== "object" || from === null || typeof to !== "object" || to === null) return;
  const table = (from as WithExact)[EXACT];
  if (table !== undefined) for (const key of Object.keys(table)) keepExactNumber(to, key, table[key]!);
  if (Array.isArray(from)) from.forEach((item, i) => copyExact(item, (to as unknown[])[i]));
  else for (const key of Object.keys(from)) copyExact((from as Record<string, unknown>)[key], (to as Record<string, unknown>)[key]);
}
