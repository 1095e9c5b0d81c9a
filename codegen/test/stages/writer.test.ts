import { describe, expect, it } from "vitest";
import { GENERATED_HEADER, SourceFile, docLines } from "../../src/writer/index.js";

describe("SourceFile", () => {
  it("sorts modules (packages before relative paths) and names, merging type-only imports", () => {
    const f = new SourceFile("src/gen/x.ts");
    f.import("./b.js", "z");
    f.importType("@smithy/types", "Provider");
    f.import("./a.js", "y");
    f.importType("./a.js", "X");
    f.import("@smithy/core/serde", "toBase64");
    f.line("const v = 1;");
    expect(f.toString()).toBe(
      [
        GENERATED_HEADER,
        "",
        'import { toBase64 } from "@smithy/core/serde";',
        'import type { Provider } from "@smithy/types";',
        'import { type X, y } from "./a.js";',
        'import { z } from "./b.js";',
        "",
        "const v = 1;",
        "",
      ].join("\n"),
    );
  });

  it("upgrades a type-only import when the value is needed", () => {
    const f = new SourceFile("x.ts");
    f.importType("m", "A");
    f.import("m", "A");
    expect(f.toString()).toContain('import { A } from "m";');
  });

  it("aliases an import that clashes with a local declaration or another import", () => {
    const f = new SourceFile("x.ts");
    f.declare("Command");
    expect(f.import("@smithy/smithy-client", "Command")).toBe("__Command");
    expect(f.import("other", "__Command")).toBe("____Command");
    expect(f.toString()).toContain('import { Command as __Command } from "@smithy/smithy-client";');
  });

  it("wraps long import lists one name per line", () => {
    const f = new SourceFile("x.ts");
    for (const n of ["alphaAlphaAlpha", "betaBetaBeta", "gammaGammaGamma", "deltaDeltaDelta", "epsilonEpsilon", "zetaZetaZeta"]) f.import("./m.js", n);
    expect(f.toString()).toContain('import {\n  alphaAlphaAlpha,\n  betaBetaBeta,');
  });

  it("writes blocks, blank lines and doc comments", () => {
    const f = new SourceFile("x.ts");
    f.doc("Hello.", ["@deprecated"]);
    f.block("function a() {", () => f.line("return 1;"));
    f.blank().blank();
    f.line("a();");
    expect(f.toString().split("\n").slice(2).join("\n")).toBe("/**\n * Hello.\n *\n * @deprecated\n */\nfunction a() {\n  return 1;\n}\n\na();\n");
  });
});

describe("docLines", () => {
  it("turns Smithy HTML into TSDoc text", () => {
    expect(docLines('<p>Use <code>Foo</code> with <a href="https://x.test/y">the guide</a>.</p><p>Second */ para.</p>')).toEqual([
      "Use `Foo` with the guide (https://x.test/y).",
      "",
      "Second *\\/ para.",
    ]);
  });

  it("never lets model text close the comment, start a line with a tag, or carry @internal", () => {
    const lines = docLines(`Ends here */ then code.\n@internal\n\n${"word ".repeat(19)}@deprecated soon. Mail admin@internal.example.`);
    const text = lines.join("\n");
    expect(text).not.toContain("*/");
    expect(text).not.toContain("@internal");
    expect(lines.filter((l) => l.startsWith("@"))).toEqual([]);
    expect(text).toContain("&#64;deprecated soon.");
  });

  it("escapes model text inside tags: a deprecation message cannot end the comment", () => {
    const f = new SourceFile("src/x.ts");
    f.doc("Doc.", ["@deprecated Use B */ instead.\n@internal"]);
    const comment = f.toString().split("\n").slice(2).join("\n");
    expect(comment).toBe("/**\n * Doc.\n *\n * @deprecated Use B *\\/ instead.\n * &#64;internal\n */\n");
  });

  it("is linear: half a megabyte of unclosed tags or entities is quick enough to time with no bound", () => {
    // Before, each unclosed `<` rescanned the rest of the text (quadratic; minutes for this input).
    // No wall-clock assert: the hang guard of the test runner is the only limit.
    for (const text of ["<".repeat(560_000), "<code>".repeat(90_000), "<a ".repeat(180_000), '<a href="x">'.repeat(45_000)]) {
      expect(docLines(`${text}end`).at(-1)).toMatch(/end$/);
    }
  });

  it("keeps closed <code> and <a> and drops unclosed ones", () => {
    expect(docLines("a <code>b</code> <code>c")).toEqual(["a `b` c"]);
    expect(docLines('<a href="u">x</a> <a href="v">y')).toEqual(["x (u) y"]);
    expect(docLines("1 < 2 and 3 > 2, a<>b")).toEqual(["1 < 2 and 3 > 2, a<>b"]);
  });

  it("wraps long paragraphs", () => {
    const lines = docLines("word ".repeat(60));
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.every((l) => l.length <= 96)).toBe(true);
  });
});
