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

  it("wraps long paragraphs", () => {
    const lines = docLines("word ".repeat(60));
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.every((l) => l.length <= 96)).toBe(true);
  });
});
