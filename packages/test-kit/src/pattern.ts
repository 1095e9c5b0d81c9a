/**
 * Smithy `@pattern` values are ECMA 262 regular expressions. This module
 * compiles one with the `u` flag (repairing the identity escapes that only
 * non-Unicode mode accepts), parses it into a small tree, and synthesises
 * strings of a chosen length that match it — including Unicode property
 * classes (`\p{L}`, `\P{C}`) and lookaheads (`(?!aws:)`), which generic
 * "string matching" generators do not handle.
 *
 * Lengths are counted in Unicode code points, as Smithy's `@length` counts
 * them. The module has no dependencies: the generator uses it to write
 * examples, and the fast-check arbitraries use it at run time.
 */

export type PatternNode =
  | { type: "empty" }
  /** One code point, matched by `source` (a literal, an escape, a class or `.`). */
  | { type: "char"; source: string; literal?: string }
  | { type: "seq"; items: PatternNode[] }
  | { type: "alt"; options: PatternNode[] }
  | { type: "repeat"; node: PatternNode; min: number; max: number }
  /** Zero-width: `^`, `$`, `\b`, `\B`. */
  | { type: "assert"; kind: string }
  | { type: "look"; negative: boolean; behind: boolean; node: PatternNode }
  /** Something the synthesiser cannot build (a back-reference); results are filtered instead. */
  | { type: "opaque"; source: string };

export interface CompiledPattern {
  /** The pattern as written in the model. */
  pattern: string;
  /** The source actually compiled (identity escapes repaired when needed). */
  source: string;
  flags: string;
  regex: RegExp;
  tree: PatternNode;
  /**
   * The tree strings are built from: `tree` itself, or for a pattern with no
   * `^`/`$` anchor (Smithy patterns search, they are not implicitly anchored)
   * `tree` followed by any characters, so long values can match too.
   */
  generator: PatternNode;
}

const cache = new Map<string, CompiledPattern>();

/** Compiles a Smithy pattern: with the `u` flag when it allows, repaired if it must be, without as a last resort. */
export function compilePattern(pattern: string): CompiledPattern {
  const cached = cache.get(pattern);
  if (cached) return cached;
  let source = pattern;
  let flags = "u";
  let regex = tryRegex(source, flags);
  if (!regex) {
    source = repairIdentityEscapes(pattern);
    regex = tryRegex(source, flags);
  }
  if (!regex) {
    source = pattern;
    flags = "";
    regex = tryRegex(source, flags);
    if (!regex) throw new SyntaxError(`Invalid pattern ${JSON.stringify(pattern)}`);
  }
  const tree = new Parser(source).parse();
  const generator: PatternNode = hasAnchor(tree) ? tree : { type: "seq", items: [tree, { type: "repeat", node: { type: "char", source: "." }, min: 0, max: Infinity }] };
  const compiled: CompiledPattern = { pattern, source, flags, regex, tree, generator };
  cache.set(pattern, compiled);
  return compiled;
}

function tryRegex(source: string, flags: string): RegExp | undefined {
  try {
    return new RegExp(source, flags);
  } catch {
    return undefined;
  }
}

const SYNTAX = new Set("^$\\.*+?()[]{}|/".split(""));
const KNOWN_ESCAPES = new Set("dDwWsSbBpPuxcktnrfv0123456789".split(""));

/** `\_` or `\ ` are fine without the `u` flag and syntax errors with it: drop the needless backslash. */
export function repairIdentityEscapes(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\" && i + 1 < pattern.length) {
      const next = pattern[i + 1]!;
      if (SYNTAX.has(next) || KNOWN_ESCAPES.has(next) || (inClass && next === "-")) out += c + next;
      else out += next;
      i++;
      continue;
    }
    if (c === "[" && !inClass) inClass = true;
    else if (c === "]" && inClass) inClass = false;
    out += c;
  }
  return out;
}

/** The length of a string as Smithy counts it: in code points. */
export function codePointLength(value: string): number {
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

// Parsing

function hasAnchor(node: PatternNode): boolean {
  switch (node.type) {
    case "assert":
      return node.kind === "^" || node.kind === "$";
    case "seq":
      return node.items.some(hasAnchor);
    case "alt":
      return node.options.some(hasAnchor);
    case "repeat":
      return hasAnchor(node.node);
    default:
      return false;
  }
}

class Parser {
  private i = 0;

  constructor(private readonly src: string) {}

  parse(): PatternNode {
    const node = this.alternation();
    if (this.i < this.src.length) return { type: "opaque", source: this.src };
    return node;
  }

  private peek(): string | undefined {
    return this.src[this.i];
  }

  private alternation(): PatternNode {
    const options = [this.sequence()];
    while (this.peek() === "|") {
      this.i++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0]! : { type: "alt", options };
  }

  private sequence(): PatternNode {
    const items: PatternNode[] = [];
    while (this.i < this.src.length && this.peek() !== "|" && this.peek() !== ")") {
      const atom = this.atom();
      items.push(this.quantified(atom));
    }
    if (items.length === 0) return { type: "empty" };
    return items.length === 1 ? items[0]! : { type: "seq", items };
  }

  private quantified(atom: PatternNode): PatternNode {
    let node = atom;
    for (;;) {
      const c = this.peek();
      let min: number;
      let max: number;
      if (c === "*") [min, max] = [0, Infinity];
      else if (c === "+") [min, max] = [1, Infinity];
      else if (c === "?") [min, max] = [0, 1];
      else if (c === "{") {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
        if (!m) return node;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
        this.i += m[0].length - 1;
      } else return node;
      this.i++;
      if (this.peek() === "?") this.i++; // lazy: same language
      node = { type: "repeat", node, min, max };
    }
  }

  private atom(): PatternNode {
    const start = this.i;
    const c = this.src[this.i++]!;
    switch (c) {
      case "^":
      case "$":
        return { type: "assert", kind: c };
      case ".":
        return { type: "char", source: "." };
      case "[":
        return this.charClass(start);
      case "(":
        return this.group();
      case "\\":
        return this.escape(start);
      default: {
        // A whole code point, so astral literals stay one character.
        const cp = this.src.codePointAt(start)!;
        const ch = String.fromCodePoint(cp);
        this.i = start + ch.length;
        return { type: "char", source: SYNTAX.has(ch) ? `\\${ch}` : ch, literal: ch };
      }
    }
  }

  private group(): PatternNode {
    let look: { negative: boolean; behind: boolean } | undefined;
    if (this.src.startsWith("?:", this.i)) this.i += 2;
    else if (this.src.startsWith("?=", this.i)) [look, this.i] = [{ negative: false, behind: false }, this.i + 2];
    else if (this.src.startsWith("?!", this.i)) [look, this.i] = [{ negative: true, behind: false }, this.i + 2];
    else if (this.src.startsWith("?<=", this.i)) [look, this.i] = [{ negative: false, behind: true }, this.i + 3];
    else if (this.src.startsWith("?<!", this.i)) [look, this.i] = [{ negative: true, behind: true }, this.i + 3];
    else if (this.src.startsWith("?<", this.i)) this.i = this.src.indexOf(">", this.i) + 1;
    const node = this.alternation();
    if (this.peek() === ")") this.i++;
    return look ? { type: "look", ...look, node } : node;
  }

  private charClass(start: number): PatternNode {
    // In JavaScript the first unescaped `]` closes the class, even right after `[` or `[^`.
    if (this.peek() === "^") this.i++;
    while (this.i < this.src.length) {
      const c = this.src[this.i++];
      if (c === "\\") this.i++;
      else if (c === "]") break;
    }
    return { type: "char", source: this.src.slice(start, this.i) };
  }

  private escape(start: number): PatternNode {
    const c = this.src[this.i++];
    switch (c) {
      case "b":
      case "B":
        return { type: "assert", kind: `\\${c}` };
      case "p":
      case "P":
        if (this.peek() === "{") this.i = this.src.indexOf("}", this.i) + 1;
        return { type: "char", source: this.src.slice(start, this.i) };
      case "u":
        if (this.peek() === "{") this.i = this.src.indexOf("}", this.i) + 1;
        else if (/^[0-9a-fA-F]{4}/.test(this.src.slice(this.i))) {
          this.i += 4;
          // A surrogate pair written as two \u escapes is one code point.
          if (/^\\u[dD][c-fC-F][0-9a-fA-F]{2}/.test(this.src.slice(this.i)) && /^\\u[dD][89abAB]/.test(this.src.slice(start))) this.i += 6;
        }
        return { type: "char", source: this.src.slice(start, this.i) };
      case "x":
        if (/^[0-9a-fA-F]{2}/.test(this.src.slice(this.i))) this.i += 2;
        return { type: "char", source: this.src.slice(start, this.i) };
      case "c":
        this.i++;
        return { type: "char", source: this.src.slice(start, this.i) };
      case "k":
        if (this.peek() === "<") this.i = this.src.indexOf(">", this.i) + 1;
        return { type: "opaque", source: this.src.slice(start, this.i) };
      default:
        if (c !== undefined && /[1-9]/.test(c)) {
          while (/[0-9]/.test(this.peek() ?? "")) this.i++;
          return { type: "opaque", source: this.src.slice(start, this.i) };
        }
        if (c === "0" && !/[0-9]/.test(this.peek() ?? "")) return { type: "char", source: "\\0", literal: "\0" };
        if (c !== undefined && /[dDwWsStnrfv]/.test(c)) return { type: "char", source: `\\${c}` };
        {
          // Identity escape (`\.`, `\-`, `\/`): the character itself, as one code point.
          const cp = this.src.codePointAt(this.i - 1)!;
          const ch = String.fromCodePoint(cp);
          this.i = this.i - 1 + ch.length;
          return { type: "char", source: this.src.slice(start, this.i), literal: ch };
        }
    }
  }
}

// Lengths

export function minLength(node: PatternNode): number {
  switch (node.type) {
    case "char":
      return 1;
    case "seq":
      return node.items.reduce((n, item) => n + minLength(item), 0);
    case "alt":
      return Math.min(...node.options.map(minLength));
    case "repeat":
      return node.min * minLength(node.node);
    default:
      return 0;
  }
}

export function maxLength(node: PatternNode): number {
  switch (node.type) {
    case "char":
      return 1;
    case "seq":
      return node.items.reduce((n, item) => n + maxLength(item), 0);
    case "alt":
      return Math.max(...node.options.map(maxLength));
    case "repeat": {
      const inner = maxLength(node.node);
      return inner === 0 ? 0 : node.max * inner;
    }
    case "opaque":
      return Infinity;
    default:
      return 0;
  }
}

// Characters

/**
 * Characters tried first, in order: plain ASCII, then punctuation, then
 * characters that trip up code (accents, CJK, an astral emoji, controls).
 */
export const CHARACTER_POOL: readonly string[] = [
  ..."abcdefghijklmnopqrstuvwxyz",
  ..."ABCDEFGHIJKLMNOPQRSTUVWXYZ",
  ..."0123456789",
  ..."-_.:/=+@ ",
  ..."!\"#$%&'()*,;<>?[\\]^`{|}~",
  "é", "ß", "Ω", "中", "日", "😀", "𝒜", "\u00a0", "\u3000", "\u0301",
  "\t", "\n", "\r", "\u0000", "\u0007", "\u007f", "\u200b", "\ufeff",
];

/** Characters preferred when a value should sit at the edge: multi-byte and astral first. */
export const EDGE_POOL: readonly string[] = ["😀", "𝒜", "中", "é", "Ω", "ß", "Z", "z", "9", "~", ...CHARACTER_POOL];

/** Printable ASCII only (header values). */
const ASCII_POOL: readonly string[] = CHARACTER_POOL.filter((c) => c >= " " && c <= "~");
const VISIBLE_ASCII: readonly string[] = CHARACTER_POOL.filter((c) => c > " " && c <= "~");
/** Characters varied to make distinct keys. */
const KEY_POOL: readonly string[] = [...VISIBLE_ASCII, "é", "中", "😀"];

const charRegexCache = new Map<string, RegExp>();

/** A regex matching exactly one code point the way `source` does. */
export function charRegex(source: string, flags: string): RegExp {
  const key = `${flags}/${source}`;
  let re = charRegexCache.get(key);
  if (!re) {
    re = new RegExp(`^(?:${source})$`, flags.includes("u") ? "u" : "");
    charRegexCache.set(key, re);
  }
  return re;
}

const rangeCache = new Map<string, [number, number][]>();

/**
 * Every code point a one-character matcher accepts, as inclusive ranges
 * (found by testing each code point once; cached).
 */
export function charRanges(source: string, flags: string): [number, number][] {
  const key = `${flags}/${source}`;
  const cached = rangeCache.get(key);
  if (cached) return cached;
  const re = charRegex(source, flags);
  const ranges: [number, number][] = [];
  const top = flags.includes("u") ? 0x10ffff : 0xffff;
  let start = -1;
  for (let cp = 0; cp <= top + 1; cp++) {
    const ok = cp <= top && !(cp >= 0xd800 && cp <= 0xdfff) && re.test(String.fromCodePoint(cp));
    if (ok && start < 0) start = cp;
    else if (!ok && start >= 0) {
      ranges.push([start, cp - 1]);
      start = -1;
    }
  }
  rangeCache.set(key, ranges);
  return ranges;
}

const poolCache = new WeakMap<readonly string[], Map<string, string[]>>();

/** The pool characters a one-character matcher accepts, in pool order (cached). */
export function poolMatches(source: string, flags: string, pool: readonly string[] = CHARACTER_POOL): string[] {
  let byPool = poolCache.get(pool);
  if (!byPool) poolCache.set(pool, (byPool = new Map()));
  const key = `${flags}/${source}`;
  let found = byPool.get(key);
  if (!found) byPool.set(key, (found = computePoolMatches(source, flags, pool)));
  return found;
}

function computePoolMatches(source: string, flags: string, pool: readonly string[]): string[] {
  const re = charRegex(source, flags);
  const out: string[] = [];
  for (const c of pool) if (re.test(c) && !out.includes(c)) out.push(c);
  if (out.length === 0) {
    // Nothing familiar matches (say `[\u0100-\u017f]`): take the first few code points that do.
    for (const [lo, hi] of charRanges(source, flags)) {
      for (let cp = lo; cp <= hi && out.length < 8; cp++) out.push(String.fromCodePoint(cp));
      if (out.length >= 8) break;
    }
  }
  return out;
}

// Synthesis

/** The decisions a synthesis needs; deterministic strategies and seeded random ones both fit. */
export interface Chooser {
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  /** A character accepted by the one-character matcher `source`. */
  char(source: string, flags: string): string | undefined;
}

const MAX_REPEAT = 64;

/**
 * A string of exactly `length` code points built from the pattern tree, or
 * undefined when the tree cannot produce that length. Lookarounds are not
 * honoured here: test the result against the compiled regex.
 */
export function synthesize(tree: PatternNode, length: number, flags: string, chooser: Chooser): string | undefined {
  return build(tree, length, flags, chooser);
}

function build(node: PatternNode, length: number, flags: string, chooser: Chooser): string | undefined {
  switch (node.type) {
    case "char":
      if (length !== 1) return undefined;
      return node.literal ?? chooser.char(node.source, flags);
    case "empty":
    case "assert":
    case "look":
      return length === 0 ? "" : undefined;
    case "opaque":
      return undefined;
    case "alt": {
      const fits = node.options.filter((o) => minLength(o) <= length && length <= maxLength(o));
      if (fits.length === 0) return undefined;
      const first = chooser.int(0, fits.length - 1);
      for (let k = 0; k < fits.length; k++) {
        const out = build(fits[(first + k) % fits.length]!, length, flags, chooser);
        if (out !== undefined) return out;
      }
      return undefined;
    }
    case "seq":
      return buildSequence(node.items, length, flags, chooser);
    case "repeat": {
      const lo = minLength(node.node);
      const hi = maxLength(node.node);
      if (hi === 0) return length === 0 ? "" : undefined;
      const maxCount = Math.min(node.max, Math.max(node.min, MAX_REPEAT, length));
      const fewest = Math.max(node.min, Math.ceil(length / hi));
      const most = Math.min(maxCount, lo === 0 ? maxCount : Math.floor(length / lo));
      if (fewest > most) return undefined;
      if (lo === hi) {
        if (length % lo !== 0) return undefined;
        const count = length / lo;
        if (count < node.min || count > node.max) return undefined;
        return buildSequence(Array(count).fill(node.node), length, flags, chooser);
      }
      const count = chooser.int(fewest, most);
      return buildSequence(Array(count).fill(node.node), length, flags, chooser);
    }
  }
}

function buildSequence(items: PatternNode[], length: number, flags: string, chooser: Chooser): string | undefined {
  const mins = items.map(minLength);
  const maxs = items.map(maxLength);
  // Suffix sums (Infinity - Infinity would be NaN, so never subtract).
  const restMin = new Array<number>(items.length + 1).fill(0);
  const restMax = new Array<number>(items.length + 1).fill(0);
  for (let k = items.length - 1; k >= 0; k--) {
    restMin[k] = restMin[k + 1]! + mins[k]!;
    restMax[k] = restMax[k + 1]! + maxs[k]!;
  }
  if (length < restMin[0]! || length > restMax[0]!) return undefined;
  let remaining = length;
  let out = "";
  for (let k = 0; k < items.length; k++) {
    const lo = Math.max(mins[k]!, remaining - restMax[k + 1]!);
    const hi = Math.min(maxs[k]!, remaining - restMin[k + 1]!);
    if (lo > hi) return undefined;
    const n = chooser.int(lo, hi);
    const piece = build(items[k]!, n, flags, chooser);
    if (piece === undefined) return undefined;
    out += piece;
    remaining -= n;
  }
  return remaining === 0 ? out : undefined;
}

/** Whether a string satisfies a compiled pattern (search semantics, as Smithy specifies) and a length range. */
export function accepts(compiled: CompiledPattern | undefined, value: string, min = 0, max = Infinity): boolean {
  const n = codePointLength(value);
  if (n < min || n > max) return false;
  return compiled ? compiled.regex.test(value) : true;
}

/** A chooser driven by a 32-bit seed (mulberry32), with a bias towards the pool's characters. */
export function seededChooser(seed: number, edgeBias = 0.25): Chooser {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    char(source, flags) {
      const pool = poolMatches(source, flags);
      if (pool.length && next() >= edgeBias) return pool[Math.floor(next() * pool.length)];
      const ranges = charRanges(source, flags);
      const total = ranges.reduce((n, [a, b]) => n + b - a + 1, 0);
      if (total === 0) return undefined;
      let pick = Math.floor(next() * total);
      for (const [a, b] of ranges) {
        if (pick <= b - a) return String.fromCodePoint(a + pick);
        pick -= b - a + 1;
      }
      return undefined;
    },
  };
}

/** Deterministic choosers: the smallest choices and the first pool character, optionally rotating through the pool. */
export function fixedChooser(options: { pool?: readonly string[]; rotate?: boolean; prefer?: "low" | "high"; offset?: number } = {}): Chooser {
  let turn = options.offset ?? 0;
  return {
    int: (lo, hi) => (options.prefer === "high" ? hi : lo),
    char(source, flags) {
      const matches = poolMatches(source, flags, options.pool ?? CHARACTER_POOL);
      if (matches.length === 0) return undefined;
      return options.rotate ? matches[turn++ % matches.length] : matches[Math.min(turn, matches.length - 1)];
    },
  };
}

/**
 * A matching string with a length in [min, max], chosen deterministically, or
 * undefined when none was found. `prefer: "high"` aims at the longest length
 * and edge characters; `seed` picks the N-th distinct candidate.
 */
export function exampleString(compiled: CompiledPattern, min: number, max: number, options: { prefer?: "low" | "high"; seed?: number; location?: "header" } = {}): string | undefined {
  const tree = compiled.generator;
  const lo = Math.max(min, minLength(tree));
  const hi = Math.min(max, maxLength(tree), lo + 256);
  if (lo > hi && !(tree.type === "opaque")) return searchExample(compiled, min, max);
  const lengths = options.prefer === "high" ? [hi, hi - 1, hi - 2, lo, lo + 1] : [lo, lo + 1, lo + 2, hi];
  const basePool = options.location === "header" ? ASCII_POOL : options.prefer === "high" ? EDGE_POOL : CHARACTER_POOL;
  const seed = options.seed ?? 0;
  const strategies: Chooser[] = [
    fixedChooser({ pool: basePool, offset: seed, prefer: options.prefer }),
    fixedChooser({ pool: basePool, rotate: true, offset: seed, prefer: options.prefer }),
    fixedChooser({ pool: basePool, rotate: true, offset: seed }),
    fixedChooser({ pool: basePool, rotate: true, offset: seed, prefer: "high" }),
  ];
  for (const length of lengths) {
    if (length < lo || length > hi) continue;
    for (const chooser of strategies) {
      const s = synthesize(tree, length, compiled.flags, chooser);
      if (s !== undefined && accepts(compiled, s, min, max) && (options.location !== "header" || /^[\x20-\x7e]*$/.test(s))) return s;
    }
    for (let k = 0; k < 64; k++) {
      const s = synthesize(tree, length, compiled.flags, seededChooser(seed * 7919 + k, 0));
      if (s !== undefined && accepts(compiled, s, min, max) && (options.location !== "header" || /^[\x20-\x7e]*$/.test(s))) return s;
    }
  }
  return searchExample(compiled, min, max);
}

/** Last resort for trees the synthesiser cannot build: short strings over the pool. */
function searchExample(compiled: CompiledPattern, min: number, max: number): string | undefined {
  const chars = CHARACTER_POOL.slice(0, 80);
  for (let length = Math.max(min, 0); length <= Math.min(max, min + 3); length++) {
    for (const c of chars) {
      const s = c.repeat(length);
      if (accepts(compiled, s, min, max)) return s;
    }
  }
  return undefined;
}

/**
 * A string with a length in [min, max] that does NOT match the pattern, or
 * undefined when every such candidate matches. Prefers meaningful violations:
 * a negative lookahead's literal prefix (`aws:`), then a control character.
 */
export function violatingString(compiled: CompiledPattern, min: number, max: number, valid: string): string | undefined {
  const candidates: string[] = [];
  for (const prefix of negativeLookaheadLiterals(compiled.tree)) {
    const rest = [...valid];
    const p = [...prefix];
    const length = Math.max(min, Math.min(max, Math.max(rest.length, p.length + 1)));
    candidates.push([...p, ...rest].slice(0, length).join("").padEnd(length, rest[0] ?? "a"));
    candidates.push(prefix);
  }
  const validChars = [...valid];
  const length = validChars.length;
  for (const c of ["\u0000", "\u0007", "\n", " ", "\t", "!", "#", "~", "é", "中", "😀", "\\", "a", "Z", "0", "-", "_", ".", ":", "/"]) {
    if (length > 0) {
      candidates.push([c, ...validChars.slice(1)].join(""));
      candidates.push([...validChars.slice(0, -1), c].join(""));
    }
    candidates.push(c.repeat(Math.max(min, 1)));
  }
  candidates.push("");
  for (const s of candidates) {
    const n = codePointLength(s);
    if (n >= min && n <= max && !compiled.regex.test(s)) return s;
  }
  return undefined;
}

/** Literal strings a pattern forbids through leading negative lookaheads: `^(?!aws:)` gives `aws:`. */
export function negativeLookaheadLiterals(tree: PatternNode): string[] {
  const items = tree.type === "seq" ? tree.items : [tree];
  const out: string[] = [];
  for (const item of items) {
    if (item.type === "assert") continue;
    if (item.type !== "look") break;
    if (!item.negative || item.behind) continue;
    const options = item.node.type === "alt" ? item.node.options : [item.node];
    for (const option of options) {
      const literal = literalOf(option);
      if (literal) out.push(literal);
    }
  }
  return out;
}

function literalOf(node: PatternNode): string | undefined {
  if (node.type === "char") return node.literal;
  if (node.type === "seq") {
    let s = "";
    for (const item of node.items) {
      if (item.type === "assert" && item.kind === "$") continue;
      const l = literalOf(item);
      if (l === undefined) return undefined;
      s += l;
    }
    return s;
  }
  return undefined;
}

/**
 * The single repeated character class of a pattern such as `^[a-z]*$` or
 * `^(?!aws:)[\p{L}_.]{1,128}$`, with its repeat bounds; undefined for any
 * other shape of pattern. Such patterns get a plain `string` generator.
 */
export function repeatedClass(tree: PatternNode): { source: string; min: number; max: number } | undefined {
  const items = tree.type === "seq" ? tree.items : [tree];
  let found: { source: string; min: number; max: number } | undefined;
  for (const item of items) {
    if (item.type === "assert" && (item.kind === "^" || item.kind === "$")) continue;
    if (item.type === "look") continue;
    if (found) return undefined;
    if (item.type === "repeat" && item.node.type === "char") found = { source: item.node.source, min: item.min, max: item.max };
    else if (item.type === "char") found = { source: item.source, min: 1, max: 1 };
    else return undefined;
  }
  const first = items[0];
  const last = items[items.length - 1];
  const anchored = first?.type === "assert" && first.kind === "^" && last?.type === "assert" && last.kind === "$";
  return anchored ? found : undefined;
}

/**
 * Up to `count` distinct matching strings with lengths in [min, max] (map
 * keys, unique list items): variations of one example in its last characters.
 */
export function distinctStrings(compiled: CompiledPattern | undefined, min: number, max: number, count: number, options: { prefer?: "low" | "high"; location?: "header" } = {}): string[] {
  const found = new Set<string>();
  const base = compiled ? exampleString(compiled, min, max, options) : undefined;
  const ok = (s: string) => (compiled ? accepts(compiled, s, min, max) : codePointLength(s) >= min && codePointLength(s) <= max);
  const seedString = base ?? (compiled ? undefined : "a".repeat(Math.max(min, 1)));
  if (seedString === undefined) return [];
  if (ok(seedString)) found.add(seedString);
  const pool = options.location === "header" ? VISIBLE_ASCII : KEY_POOL;
  const chars = [...seedString];
  for (let width = 1; found.size < count && width <= 3; width++) {
    const positions = Math.min(width, chars.length);
    const prefix = chars.slice(0, chars.length - positions);
    const total = pool.length ** positions;
    for (let n = 0; n < total && found.size < count; n++) {
      let k = n;
      const tail: string[] = [];
      for (let p = 0; p < positions; p++) {
        tail.unshift(pool[k % pool.length]!);
        k = Math.floor(k / pool.length);
      }
      const s = [...prefix, ...tail].join("");
      if (ok(s)) found.add(s);
    }
    if (chars.length < max && positions === chars.length) chars.push(chars[0] ?? "a");
  }
  for (let seed = 1; compiled && found.size < count && seed < 4 * count + 16; seed++) {
    const s = exampleString(compiled, min, max, { ...options, seed });
    if (s !== undefined) found.add(s);
  }
  return [...found].slice(0, count);
}
