/**
 * Smithy's `@pattern` is specified as an ECMA 262 regular expression, but
 * Smithy itself checks patterns with `java.util.regex`, so real models carry
 * Java-only syntax: `(?s)` and `(?i)`, possessive quantifiers (`?+`, `{2}+`),
 * a repeat after a quantifier (`{11}{0,1011}`), POSIX and Java property
 * classes (`\p{Print}`, `\p{IsWhitespace}`, `\p{javaLowerCase}`), `\A`/`\z`,
 * `\x{60}`, octal `\000`, and escapes or hyphens that Unicode-mode JavaScript
 * rejects (`\_`, `[\w-_]`).
 *
 * {@link translatePattern} rewrites such a pattern into a JavaScript source
 * that compiles with the `u` flag and matches exactly the same strings, or
 * says why it cannot. It rewrites only Java-only syntax: a construct that is
 * valid ECMA 262 keeps its ECMA 262 meaning, as the specification says.
 * Exactness is the rule, not a best effort: a construct whose Java meaning
 * cannot be written in JavaScript (class intersection `&&`, `(?m)`, `(?x)`,
 * `\G`, unknown property names) makes the whole pattern untranslatable, and
 * the caller leaves the pattern out rather than check a different language.
 *
 * This module belongs to the load stage and has no dependencies, so the
 * validators and the IR (and through it every emitter) read a pattern the
 * same way.
 */

export type PatternTranslation =
  | {
      ok: true;
      /** Source that compiles with `new RegExp(source, "u")`. */
      source: string;
      /** True when `source` differs from the pattern as written (Java syntax was rewritten). */
      rewritten: boolean;
    }
  | {
      ok: false;
      reason: string;
      /** True when the pattern is not a regular expression in Java either (a syntax error), not merely untranslatable. */
      invalid: boolean;
    };

const cache = new Map<string, PatternTranslation>();

/** Translates a Smithy `@pattern` (ECMA 262 or Java syntax) into a JavaScript `u`-mode source with the same meaning. */
export function translatePattern(pattern: string): PatternTranslation {
  const cached = cache.get(pattern);
  if (cached) return cached;
  let result: PatternTranslation;
  // A pattern that already compiles in Unicode mode is ECMA 262 and means what JavaScript says it means.
  if (compiles(pattern)) result = { ok: true, source: pattern, rewritten: false };
  else {
    try {
      const source = new Translator(pattern).translate();
      const error = compileError(source);
      result = error === undefined ? { ok: true, source, rewritten: true } : { ok: false, reason: `not a JavaScript regular expression after translation (${error})`, invalid: false };
    } catch (error) {
      if (!(error instanceof Untranslatable)) throw error;
      result = { ok: false, reason: error.message, invalid: error instanceof InvalidPattern };
    }
  }
  cache.set(pattern, result);
  return result;
}

function compiles(source: string): boolean {
  return compileError(source) === undefined;
}

function compileError(source: string): string | undefined {
  try {
    new RegExp(source, "u");
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^Invalid regular expression: /, "");
  }
}

/** Java syntax with no exact JavaScript equivalent. */
class Untranslatable extends Error {}
/** Not a regular expression in Java either. */
class InvalidPattern extends Untranslatable {}

/** Characters that must stay escaped in a JavaScript `u`-mode regex (outside a class). */
const SYNTAX = new Set("^$\\.*+?()[]{}|/".split(""));

/** Java's POSIX classes (US-ASCII only, as Java reads them without UNICODE_CHARACTER_CLASS), as class items. */
const POSIX: Record<string, string> = {
  Lower: "a-z",
  Upper: "A-Z",
  ASCII: "\\x00-\\x7F",
  Alpha: "a-zA-Z",
  Digit: "0-9",
  Alnum: "0-9a-zA-Z",
  Punct: "!-\\/:-@\\[-`{-~",
  Graph: "!-~",
  Print: " -~",
  Blank: " \\t",
  Cntrl: "\\x00-\\x1F\\x7F",
  XDigit: "0-9a-fA-F",
  Space: " \\t\\n\\x0B\\f\\r",
};

/** `\p{javaX}`: `java.lang.Character.isX`, as Unicode properties JavaScript knows. */
const JAVA: Record<string, string> = {
  javaLowerCase: "\\p{Lowercase}",
  javaUpperCase: "\\p{Uppercase}",
  javaAlphabetic: "\\p{Alphabetic}",
  javaIdeographic: "\\p{Ideographic}",
  javaTitleCase: "\\p{Lt}",
  javaDigit: "\\p{Nd}",
  javaLetter: "\\p{L}",
  javaLetterOrDigit: "\\p{L}\\p{Nd}",
  javaDefined: "\\P{Cn}",
  javaSpaceChar: "\\p{Z}",
  javaMirrored: "\\p{Bidi_Mirrored}",
  javaISOControl: "\\x00-\\x1F\\x7F-\\x9F",
  // Character.isWhitespace: separators except the no-break spaces, plus \t-\r and \x1C-\x1F.
  javaWhitespace: "\\t-\\r\\x1C-\\x20\\u1680\\u2000-\\u2006\\u2008-\\u200A\\u2028\\u2029\\u205F\\u3000",
};

/** `\p{IsX}` binary properties Java supports (names compared case-insensitively, `_`, `-` and spaces ignored). */
const BINARY: Record<string, string> = {
  alphabetic: "\\p{Alphabetic}",
  ideographic: "\\p{Ideographic}",
  letter: "\\p{L}",
  lowercase: "\\p{Lowercase}",
  uppercase: "\\p{Uppercase}",
  titlecase: "\\p{Lt}",
  punctuation: "\\p{P}",
  control: "\\p{Cc}",
  whitespace: "\\p{White_Space}",
  digit: "\\p{Nd}",
  // Java's Hex_Digit is every decimal digit plus the ASCII and full-width hex letters.
  hexdigit: "\\p{Nd}\\p{Hex_Digit}",
  joincontrol: "\\p{Join_Control}",
  noncharactercodepoint: "\\p{Noncharacter_Code_Point}",
  assigned: "\\P{Cn}",
  emoji: "\\p{Emoji}",
  emojipresentation: "\\p{Emoji_Presentation}",
  emojimodifier: "\\p{Emoji_Modifier}",
  emojimodifierbase: "\\p{Emoji_Modifier_Base}",
  emojicomponent: "\\p{Emoji_Component}",
  extendedpictographic: "\\p{Extended_Pictographic}",
};

/** Java's other property names that JavaScript spells differently. */
const OTHER: Record<string, string> = {
  all: "\\s\\S",
  LD: "\\p{L}\\p{Nd}",
  L1: "\\x00-\\xFF",
  LC: "\\p{LC}",
};

const GENERAL_CATEGORY = /^(?:[LMNZCPS]|Lu|Ll|Lt|Lm|Lo|Mn|Mc|Me|Nd|Nl|No|Zs|Zl|Zp|Cc|Cf|Co|Cs|Cn|Pd|Ps|Pe|Pc|Po|Pi|Pf|Sm|Sc|Sk|So)$/;

interface Flags {
  dotAll: boolean;
  ignoreCase: boolean;
}

/**
 * A recursive-descent rewrite over Java's grammar. Each `atom` returns
 * JavaScript text that is itself one atom (so a quantifier can follow it).
 */
class Translator {
  private i = 0;
  /** Capturing groups of the original pattern opened so far (Java numbers back references by them). */
  private groups = 0;
  /** Original group number → group number in the output (helper groups shift them). */
  private readonly groupMap: number[] = [0];
  /** Groups the output has so far, the helper groups of atomic emulation included. */
  private outGroups = 0;
  private readonly totalGroups: number;
  private hasBackReference = false;

  constructor(private readonly src: string) {
    this.totalGroups = countGroups(src);
  }

  translate(): string {
    const out = this.alternation({ dotAll: false, ignoreCase: false });
    if (this.i < this.src.length) throw new InvalidPattern(`unbalanced ")" at offset ${this.i}`);
    return out;
  }

  private peek(offset = 0): string | undefined {
    return this.src[this.i + offset];
  }

  private alternation(flags: Flags): string {
    const options = [this.sequence(flags)];
    while (this.peek() === "|") {
      this.i++;
      options.push(this.sequence(flags));
    }
    return options.join("|");
  }

  /** A sequence; inline flags `(?s)` change `flags` for the rest of it (Java scopes them to the enclosing group). */
  private sequence(outer: Flags): string {
    const flags = { ...outer };
    let out = "";
    while (this.i < this.src.length && this.peek() !== "|" && this.peek() !== ")") {
      const inline = /^\(\?([a-zA-Z]*)(?:-([a-zA-Z]*))?\)/.exec(this.src.slice(this.i));
      if (inline) {
        this.i += inline[0].length;
        applyFlags(flags, inline[1] ?? "", inline[2] ?? "");
        // The flags hold to the end of the enclosing group, across `|`.
        out += this.restOfGroupWith(flags);
        return out;
      }
      const atom = this.atom(flags);
      out += this.quantified(atom);
    }
    return out;
  }

  /** After `(?s)` in a sequence: the rest of the sequence and the following alternatives, all under the new flags. */
  private restOfGroupWith(flags: Flags): string {
    let out = this.sequence(flags);
    while (this.peek() === "|") {
      this.i++;
      out += "|" + this.sequence(flags);
    }
    return out;
  }

  /** Quantifiers after an atom. Java allows a quantifier to follow another (`a{2}{3}`); JavaScript needs a group. */
  private quantified(atom: { text: string; zeroWidth: boolean; single: boolean }): string {
    let text = atom.text;
    let quantifiedOnce = false;
    let single = atom.single;
    for (;;) {
      const q = this.quantifier();
      if (!q) return text;
      if (quantifiedOnce || atom.zeroWidth) text = `(?:${text})`;
      if (q.mode === "possessive") {
        // Possessive = greedy inside an atomic group. A fixed count of a one-character atom has
        // only one way to match, so it needs no group; otherwise `(?=(X))\k` is JavaScript's atomic group.
        if (single && q.min === q.max) text = text + q.text;
        else text = this.atomic(text + q.text);
      } else text += q.text + (q.mode === "lazy" ? "?" : "");
      quantifiedOnce = true;
      single = false;
    }
  }

  private atomic(inner: string): string {
    if (this.hasBackReference || /\\[1-9]/.test(this.src)) {
      // Helper groups would renumber the model's back references; keep it simple and honest.
      throw new Untranslatable("a possessive quantifier or atomic group together with back references");
    }
    const n = ++this.outGroups;
    return `(?=(?<__atomic${n}>${inner}))\\k<__atomic${n}>`;
  }

  private quantifier(): { text: string; min: number; max: number; mode: "greedy" | "lazy" | "possessive" } | undefined {
    const c = this.peek();
    let text: string;
    let min: number;
    let max: number;
    if (c === "*" || c === "+" || c === "?") {
      text = c;
      [min, max] = c === "*" ? [0, Infinity] : c === "+" ? [1, Infinity] : [0, 1];
      this.i++;
    } else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return undefined;
      text = m[0];
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
      this.i += m[0].length;
    } else return undefined;
    let mode: "greedy" | "lazy" | "possessive" = "greedy";
    if (this.peek() === "?") {
      mode = "lazy";
      this.i++;
    } else if (this.peek() === "+") {
      mode = "possessive";
      this.i++;
    }
    return { text, min, max, mode };
  }

  private atom(flags: Flags): { text: string; zeroWidth: boolean; single: boolean } {
    const c = this.src[this.i++]!;
    switch (c) {
      case "^":
      case "$":
        return { text: c, zeroWidth: true, single: false };
      case ".":
        return { text: flags.dotAll ? "[\\s\\S]" : ".", zeroWidth: false, single: true };
      case "[":
        return { text: this.charClass(flags), zeroWidth: false, single: true };
      case "(":
        return this.group(flags);
      case "\\":
        return this.escape(flags);
      case "{":
      case "}":
      case "]":
        // Java reads a brace or bracket that starts no quantifier or class as itself.
        return { text: `\\${c}`, zeroWidth: false, single: true };
      case "*":
      case "+":
      case "?":
        throw new InvalidPattern(`a quantifier "${c}" with nothing to repeat at offset ${this.i - 1}`);
      default:
        return { text: this.literal(c, flags), zeroWidth: false, single: true };
    }
  }

  private group(flags: Flags): { text: string; zeroWidth: boolean; single: boolean } {
    const rest = this.src.slice(this.i);
    if (!rest.startsWith("?")) {
      const n = ++this.groups;
      this.groupMap[n] = ++this.outGroups;
      return { text: `(${this.body(flags)})`, zeroWidth: false, single: false };
    }
    const named = /^\?<([A-Za-z][A-Za-z0-9]*)>/.exec(rest);
    if (named) {
      this.i += named[0].length;
      const n = ++this.groups;
      this.groupMap[n] = ++this.outGroups;
      return { text: `(?<${named[1]}>${this.body(flags)})`, zeroWidth: false, single: false };
    }
    for (const look of ["?:", "?=", "?!", "?<=", "?<!"]) {
      if (rest.startsWith(look)) {
        this.i += look.length;
        return { text: `(${look}${this.body(flags)})`, zeroWidth: look !== "?:", single: false };
      }
    }
    if (rest.startsWith("?>")) {
      this.i += 2;
      return { text: this.atomic(this.body(flags)), zeroWidth: false, single: false };
    }
    const scoped = /^\?([a-zA-Z]*)(?:-([a-zA-Z]*))?:/.exec(rest);
    if (scoped) {
      this.i += scoped[0].length;
      const inner = { ...flags };
      applyFlags(inner, scoped[1] ?? "", scoped[2] ?? "");
      return { text: `(?:${this.body(inner)})`, zeroWidth: false, single: false };
    }
    throw new InvalidPattern(`unknown group construct "(${rest.slice(0, 3)}" at offset ${this.i - 1}`);
  }

  /** A group's content up to and including its `)`. */
  private body(flags: Flags): string {
    const inner = this.alternation(flags);
    if (this.peek() !== ")") throw new InvalidPattern("unclosed group");
    this.i++;
    return inner;
  }

  private escape(flags: Flags): { text: string; zeroWidth: boolean; single: boolean } {
    const c = this.src[this.i];
    if (c === undefined) throw new InvalidPattern("a trailing backslash");
    if (c === "A") {
      this.i++;
      return { text: "^", zeroWidth: true, single: false };
    }
    if (c === "z") {
      this.i++;
      return { text: "$", zeroWidth: true, single: false };
    }
    if (c === "Z") {
      this.i++;
      return { text: "(?=(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])?$)", zeroWidth: true, single: false };
    }
    if (c === "b" || c === "B") {
      this.i++;
      return { text: `\\${c}`, zeroWidth: true, single: false };
    }
    if (c === "R") {
      this.i++;
      return { text: "(?:\\r\\n|[\\n\\x0B\\f\\r\\u0085\\u2028\\u2029])", zeroWidth: false, single: false };
    }
    if (c === "Q") {
      const end = this.src.indexOf("\\E", this.i + 1);
      const quoted = this.src.slice(this.i + 1, end < 0 ? undefined : end);
      this.i = end < 0 ? this.src.length : end + 2;
      const text = [...quoted].map((ch) => this.literal(ch, flags)).join("");
      return { text: text === "" ? "(?:)" : `(?:${text})`, zeroWidth: false, single: false };
    }
    if (/[1-9]/.test(c)) return { text: this.backReference(flags), zeroWidth: false, single: false };
    if (c === "k" && this.src[this.i + 1] === "<") {
      const m = /^k<([A-Za-z][A-Za-z0-9]*)>/.exec(this.src.slice(this.i));
      if (!m) throw new InvalidPattern("a malformed named back reference");
      if (flags.ignoreCase) throw new Untranslatable("a case-insensitive back reference");
      this.hasBackReference = true;
      this.i += m[0].length;
      return { text: `\\${m[0]}`, zeroWidth: false, single: false };
    }
    const item = this.classEscape(flags);
    return { text: item.standalone, zeroWidth: false, single: true };
  }

  /** `\n`: Java takes as many digits as name an existing group (at least one). */
  private backReference(flags: Flags): string {
    if (flags.ignoreCase) throw new Untranslatable("a case-insensitive back reference");
    let digits = this.src[this.i]!;
    this.i++;
    while (/[0-9]/.test(this.src[this.i] ?? "") && Number(digits + this.src[this.i]) <= this.groups) {
      digits += this.src[this.i];
      this.i++;
    }
    const n = Number(digits);
    if (n > this.totalGroups) throw new InvalidPattern(`a back reference \\${n} to a group that does not exist`);
    this.hasBackReference = true;
    const mapped = this.groupMap[n];
    if (mapped === undefined) throw new Untranslatable(`a back reference \\${n} before its group`);
    // A digit that follows must not be read as part of the number.
    return /[0-9]/.test(this.src[this.i] ?? "") ? `(?:\\${mapped})` : `\\${mapped}`;
  }

  /**
   * An escape, as it can stand alone (`standalone`) and as it can sit inside
   * a class (`items`, undefined when only a negated set can express it).
   */
  private classEscape(flags: Flags): { standalone: string; items?: string; char?: number } {
    const c = this.src[this.i++]!;
    const char = (code: number) => ({ standalone: this.literal(String.fromCodePoint(code), flags), items: this.classChar(code, flags), char: code });
    switch (c) {
      case "d":
      case "D":
      case "w":
      case "W":
      case "s":
      case "S":
        return { standalone: `\\${c}`, items: `\\${c}` };
      case "t":
        return char(0x09);
      case "n":
        return char(0x0a);
      case "r":
        return char(0x0d);
      case "f":
        return char(0x0c);
      case "a":
        return char(0x07);
      case "e":
        return char(0x1b);
      case "h":
        return set(" \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000", false);
      case "H":
        return set(" \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000", true);
      case "v":
        // Java's \v is vertical whitespace; ECMA 262's is only \x0B. Per the spec the ECMA meaning wins
        // for a construct both have, and this one compiles, so it never gets here unless the pattern
        // needed translation for something else: keep it consistent with the untranslated case.
        return char(0x0b);
      case "V":
        return set("\\x0B", true);
      case "c": {
        const letter = this.src[this.i++];
        if (letter === undefined) throw new InvalidPattern("a trailing \\c");
        return char(letter.charCodeAt(0) ^ 64);
      }
      case "0": {
        // Java octal: \0n, \0nn, \0mnn (m ≤ 3).
        const m = /^([0-3][0-7]{2}|[0-7]{1,2})/.exec(this.src.slice(this.i));
        if (!m) throw new InvalidPattern("an octal escape \\0 without digits");
        this.i += m[0].length;
        return char(parseInt(m[0], 8));
      }
      case "x": {
        const braced = /^\{([0-9a-fA-F]+)\}/.exec(this.src.slice(this.i));
        if (braced) {
          this.i += braced[0].length;
          const code = parseInt(braced[1]!, 16);
          if (code > 0x10ffff) throw new InvalidPattern(`\\x{${braced[1]}} is not a code point`);
          return char(code);
        }
        const m = /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.i));
        if (!m) throw new InvalidPattern("a malformed \\x escape");
        this.i += 2;
        return char(parseInt(m[0], 16));
      }
      case "u": {
        const m = /^[0-9a-fA-F]{4}/.exec(this.src.slice(this.i));
        if (!m) throw new InvalidPattern("a malformed \\u escape");
        this.i += 4;
        let code = parseInt(m[0], 16);
        // A surrogate pair written as two escapes is one code point, in Java as in JavaScript.
        const low = /^\\u(d[c-f][0-9a-f]{2})/i.exec(this.src.slice(this.i));
        if (code >= 0xd800 && code <= 0xdbff && low) {
          this.i += 6;
          code = 0x10000 + ((code - 0xd800) << 10) + (parseInt(low[1]!, 16) - 0xdc00);
        }
        return char(code);
      }
      case "p":
      case "P": {
        const negated = c === "P";
        let name: string;
        if (this.src[this.i] === "{") {
          const end = this.src.indexOf("}", this.i);
          if (end < 0) throw new InvalidPattern("an unclosed \\p{");
          name = this.src.slice(this.i + 1, end);
          this.i = end + 1;
        } else {
          name = this.src[this.i++] ?? "";
        }
        const items = propertyItems(name);
        if (items === undefined) throw new Untranslatable(`the Java character property \\${c}{${name}}, which has no exact JavaScript equivalent here`);
        if (flags.ignoreCase && !/^\\p\{(?:L|Nd|P|Z|Cc|White_Space|Alphabetic)\}|^\\s\\S$/.test(items)) {
          throw new Untranslatable(`\\${c}{${name}} under (?i)`);
        }
        return set(items, negated);
      }
      default:
        if (c === "G" || c === "X" || c === "N") throw new Untranslatable(`the escape \\${c}, which JavaScript does not have`);
        if (/[A-Za-z]/.test(c)) throw new InvalidPattern(`the escape \\${c}, which Java does not define`);
        if (/[0-9]/.test(c)) throw new InvalidPattern(`the escape \\${c}`);
        // Java lets a backslash quote any other character.
        return char(c.codePointAt(0)!);
    }

    function set(items: string, negated: boolean): { standalone: string; items?: string } {
      const single = /^\\[pP]\{[^}]+\}$/.test(items);
      if (single) {
        const flipped = negated ? (items[1] === "p" ? `\\P${items.slice(2)}` : `\\p${items.slice(2)}`) : items;
        return { standalone: flipped, items: flipped };
      }
      return { standalone: negated ? `[^${items}]` : `[${items}]`, ...(negated ? {} : { items }) };
    }
  }

  /** A literal character outside a class. */
  private literal(ch: string, flags: Flags): string {
    if (flags.ignoreCase && /[A-Za-z]/.test(ch)) return `[${ch.toLowerCase()}${ch.toUpperCase()}]`;
    if (SYNTAX.has(ch)) return `\\${ch}`;
    return escapeControl(ch);
  }

  /** One code point as a class item. */
  private classChar(code: number, flags: Flags): string {
    const ch = String.fromCodePoint(code);
    let out = SYNTAX.has(ch) || ch === "-" ? `\\${ch}` : escapeControl(ch);
    if (flags.ignoreCase && /[A-Za-z]/.test(ch)) out += ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase();
    return out;
  }

  /** `[...]` after the `[`: Java's class syntax, as one JavaScript class. */
  private charClass(flags: Flags): string {
    let negated = false;
    if (this.peek() === "^") {
      negated = true;
      this.i++;
    }
    const items = this.classItems(flags);
    return `[${negated ? "^" : ""}${items}]`;
  }

  /** Items up to and including the closing `]`; nested non-negated classes are unions and are flattened. */
  private classItems(flags: Flags): string {
    let out = "";
    let first = true;
    /** The previous item was one code point, so a `-` after it may form a range. */
    let prev: number | undefined;
    for (;;) {
      const c = this.src[this.i];
      if (c === undefined) throw new InvalidPattern("an unclosed character class");
      if (c === "]" && !first) {
        this.i++;
        return out;
      }
      first = false;
      if (c === "&" && this.src[this.i + 1] === "&") throw new Untranslatable("a class intersection (&&)");
      if (c === "[") {
        this.i++;
        if (this.peek() === "^") throw new Untranslatable("a negated class nested in a class");
        out += this.classItems(flags);
        prev = undefined;
        continue;
      }
      // A range: a single code point, `-`, a single code point.
      if (c === "-" && prev !== undefined && this.src[this.i + 1] !== "]" && this.src[this.i + 1] !== undefined) {
        const save = this.i;
        this.i++;
        const end = this.classAtom(flags);
        if (end.char !== undefined) {
          if (end.char < prev) throw new InvalidPattern("a class range out of order");
          // `out` ends with the start item; replace it with the whole range.
          out = out.slice(0, out.length - this.lastItemLength) + this.range(prev, end.char, flags);
          prev = undefined;
          continue;
        }
        // `[a-\w]`: Java reads the hyphen literally.
        this.i = save + 1;
        out += "\\-";
        prev = undefined;
        continue;
      }
      const atom = this.classAtom(flags);
      if (atom.items === undefined) throw new Untranslatable("a negated property that cannot be combined with other class items");
      out += atom.items;
      this.lastItemLength = atom.items.length;
      prev = atom.char;
    }
  }

  private lastItemLength = 0;

  private classAtom(flags: Flags): { items?: string; char?: number } {
    const c = this.src[this.i]!;
    if (c === "\\") {
      this.i++;
      const e = this.classEscape(flags);
      return { items: e.items, char: e.char };
    }
    if (c === "[") throw new Untranslatable("a nested class as a range end");
    const code = this.src.codePointAt(this.i)!;
    this.i += code > 0xffff ? 2 : 1;
    return { items: this.classChar(code, flags), char: code };
  }

  private range(from: number, to: number, flags: Flags): string {
    const item = (code: number) => this.classChar(code, { ...flags, ignoreCase: false });
    let out = `${item(from)}-${item(to)}`;
    if (flags.ignoreCase) {
      // Java's (?i) without UNICODE_CASE folds ASCII letters only: add the other case of the letters in range.
      for (const [lo, hi, shift] of [
        [0x61, 0x7a, -32],
        [0x41, 0x5a, 32],
      ] as const) {
        const a = Math.max(from, lo);
        const b = Math.min(to, hi);
        if (a <= b) out += `${item(a + shift)}-${item(b + shift)}`;
      }
    }
    return out;
  }
}

function applyFlags(flags: Flags, on: string, off: string): void {
  for (const [letters, value] of [
    [on, true],
    [off, false],
  ] as const) {
    for (const f of letters) {
      if (f === "s") flags.dotAll = value;
      else if (f === "i") flags.ignoreCase = value;
      else if (f === "m") throw new Untranslatable("the (?m) flag (Java's line terminators differ from JavaScript's)");
      else throw new Untranslatable(`the (?${f}) flag`);
    }
  }
}

/** The Java property `name` as class items JavaScript understands, or undefined. */
function propertyItems(name: string): string | undefined {
  if (Object.hasOwn(POSIX, name)) return POSIX[name];
  if (Object.hasOwn(JAVA, name)) return JAVA[name];
  if (Object.hasOwn(OTHER, name)) return OTHER[name];
  if (GENERAL_CATEGORY.test(name)) return `\\p{${name}}`;
  let rest: string | undefined;
  if (name.startsWith("Is")) rest = name.slice(2);
  else if (/^(?:general_category|gc)=/i.test(name)) rest = name.slice(name.indexOf("=") + 1);
  if (rest !== undefined) {
    if (GENERAL_CATEGORY.test(rest)) return `\\p{${rest}}`;
    const key = rest.toLowerCase().replace(/[\s_-]/g, "");
    if (Object.hasOwn(BINARY, key)) return BINARY[key];
  }
  return undefined;
}

function escapeControl(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) return `\\u{${code.toString(16).toUpperCase()}}`;
  return ch;
}

/** The number of capturing groups in a Java pattern (escapes and classes skipped). */
function countGroups(src: string): number {
  let n = 0;
  let inClass = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "\\") {
      if (src[i + 1] === "Q") {
        const end = src.indexOf("\\E", i + 2);
        i = end < 0 ? src.length : end + 1;
      } else i++;
    } else if (c === "[") inClass++;
    else if (c === "]" && inClass > 0) inClass--;
    else if (c === "(" && inClass === 0 && (src[i + 1] !== "?" || /^\?<[A-Za-z]/.test(src.slice(i + 1)))) n++;
  }
  return n;
}
