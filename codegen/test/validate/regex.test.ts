/**
 * Java `@pattern` syntax rewritten into JavaScript `u`-mode regexes with the
 * same meaning, and the constructs that have none reported (not guessed).
 */
import { describe, expect, it } from "vitest";
import { translatePattern } from "../../src/load/regex.js";

function source(pattern: string): string {
  const t = translatePattern(pattern);
  if (!t.ok) throw new Error(`untranslatable: ${t.reason}`);
  return t.source;
}

function matches(pattern: string, value: string): boolean {
  return new RegExp(source(pattern), "u").test(value);
}

describe("translatePattern", () => {
  it("leaves an ECMA 262 pattern as written", () => {
    expect(translatePattern("^[a-z]+\\p{L}$")).toEqual({ ok: true, source: "^[a-z]+\\p{L}$", rewritten: false });
  });

  it("(?s) makes . match line terminators, for the rest of the group", () => {
    expect(source("^(?s).+$")).toBe("^[\\s\\S]+$");
    expect(matches("^(?s).+$", "a\nb")).toBe(true);
    expect(matches("^(?s)a(?-s:.)$", "a\n")).toBe(false);
  });

  it("(?i) folds ASCII letters only, in literals, classes and ranges", () => {
    expect(matches("^(?i)(true|false)$", "TrUe")).toBe(true);
    expect(matches("^(?i)[a-c]+$", "AbC")).toBe(true);
    expect(matches("^(?i)é$", "É")).toBe(false);
    expect(matches("^(?!(?i)(arn|aws):)[a-z:]+$", "ARN:x")).toBe(false);
  });

  it("possessive quantifiers never give back: a*+a matches nothing, a fixed count stays a count", () => {
    expect(matches("^a*+a$", "aaa")).toBe(false);
    expect(matches("^a*a$", "aaa")).toBe(true);
    expect(source("^[0-9A-Z]{2}+$")).toBe("^[0-9A-Z]{2}$");
    expect(matches("^[\\/]?+[a-z]+$", "/npm")).toBe(true);
    expect(matches("^(?>a|ab)c$", "abc")).toBe(false);
  });

  it("a repeat after a quantifier repeats the quantified atom; a quantified $ is grouped", () => {
    expect(source("^[a-z]{2}{0,3}$")).toBe("^(?:[a-z]{2}){0,3}$");
    expect(matches("^[a-z]{2}{0,3}$", "abcd")).toBe(true);
    expect(matches("^[a-z]{2}{0,3}$", "abc")).toBe(false);
    expect(matches("^[-_a-z]*${2,64}$", "a-b")).toBe(true);
  });

  it("Java property names: POSIX (ASCII), Is-binary properties, java* methods, LD and all", () => {
    expect(matches("^[^\\p{C}\\p{IsWhitespace}]+$", "/npm/*")).toBe(true);
    expect(matches("^[^\\p{C}\\p{IsWhitespace}]+$", "a b")).toBe(false);
    expect(matches("^\\p{Print}+$", "é")).toBe(false);
    expect(matches("^\\p{XDigit}{2}$", "aF")).toBe(true);
    expect(matches("^\\p{javaLowerCase}+$", "éa")).toBe(true);
    expect(matches("^(\\p{LD}|\\p{Punct})+$", "a1!")).toBe(true);
    expect(matches("^[\\p{all}]*$", "\n\u{1F600}")).toBe(true);
    expect(matches("^\\P{Alpha}$", "1")).toBe(true);
  });

  it("escapes Java allows and Unicode-mode JavaScript does not: identity escapes, \\x{..}, octal, \\A, \\z, hyphens beside classes", () => {
    expect(matches("^[\\w-_]*\\_\\:$", "a-b__:")).toBe(true);
    expect(matches("^\\x{60}$", "`")).toBe(true);
    expect(matches("^[^/:|\\000-\\037]+$", "a\u0001")).toBe(false);
    expect(matches("\\Aab\\z", "ab")).toBe(true);
    expect(matches("^[\\p{L}\\p{Z}-_]*$", "a-_")).toBe(true);
    expect(matches("^\\{[a-z]*}$", "{ab}")).toBe(true);
    expect(matches("^\\Q.*\\E$", ".*")).toBe(true);
  });

  it("back references keep their numbers; Java reads \\17 as group 1 then 7 when there are fewer groups", () => {
    expect(matches("^(a)\\17$", "aa7")).toBe(true);
  });

  it("reports, and does not guess, what has no exact JavaScript equivalent", () => {
    for (const pattern of ["^[\\p{Print}&&[^|:/]]+$", "^(?m)a$", "^(?x)a b$", "a\\Gb", "\\p{IsLatin}"]) {
      const t = translatePattern(pattern);
      expect(t.ok, pattern).toBe(false);
      expect(t.ok === false && t.invalid, pattern).toBe(false);
    }
  });

  it("tells a pattern that is no regex at all from one that is only untranslatable", () => {
    for (const pattern of ["^[a-z", "a)", "*a", "\\q"]) {
      const t = translatePattern(pattern);
      expect(t.ok === false && t.invalid, pattern).toBe(true);
    }
  });
});
