/**
 * The IDL parser and loader on cases written here (the Smithy corpus is in
 * idl-corpus.test.ts): each language feature, and errors as file:line:column.
 */
import { describe, expect, it } from "vitest";
import { type LoadedModel, loadModelTexts } from "../../src/load/files.js";
import { ModelError, formatProblem } from "../../src/load/problems.js";

const load = (...texts: string[]): LoadedModel =>
  loadModelTexts(
    texts.map((text, i) => ({ file: `m${i}.smithy`, text })),
    { validate: false },
  );
const shapes = (...texts: string[]) => load(...texts).model.shapes;

function errorOf(...texts: string[]): string {
  try {
    load(...texts);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelError);
    const e = error as ModelError;
    return e.problems.map((p) => formatProblem(p, e.file)).join("\n");
  }
  throw new Error("expected a ModelError");
}

describe("IDL parser", () => {
  it("inline input and output honour $operationInputSuffix / $operationOutputSuffix, with @input/@output and docs after :=", () => {
    const s = shapes(`$version: "2"
$operationInputSuffix: "Request"
$operationOutputSuffix: "Response"
namespace ex

operation Op {
    input := {
        a: String
    }
    output :=
        /// Out.
        @sensitive
        {}
}
`);
    expect(s["ex#Op"]).toEqual({ type: "operation", input: { target: "ex#OpRequest" }, output: { target: "ex#OpResponse" } });
    expect(s["ex#OpRequest"]).toEqual({ type: "structure", members: { a: { target: "smithy.api#String" } }, traits: { "smithy.api#input": {} } });
    expect(s["ex#OpResponse"]?.traits).toEqual({ "smithy.api#documentation": "Out.", "smithy.api#sensitive": {}, "smithy.api#output": {} });
  });

  it("elided members take the target of a bound resource's identifier or property, else of a mixin member", () => {
    const s = shapes(`$version: "2"
namespace ex

resource City {
    identifiers: { cityId: CityId }
    properties: { name: String }
}
string CityId

@mixin
structure Named { label: Integer }

structure CityData for City with [Named] {
    $cityId
    $name
    @required
    $label
}
`);
    expect(s["ex#CityData"]?.members).toEqual({
      cityId: { target: "ex#CityId" },
      name: { target: "smithy.api#String" },
    });
    // `$label` only adds a trait to the mixin's member: Smithy writes that as an apply.
    expect(s["ex#CityData$label"]).toEqual({ type: "apply", traits: { "smithy.api#required": {} } });
  });

  it("text blocks lose incidental whitespace; escapes are expanded after; an escaped newline joins lines", () => {
    const s = shapes(`$version: "2"
namespace ex

@documentation("""
    Foo
        Baz \\
    Bam

    \\"quoted\\" \\u0041
    """)
string A
`);
    expect(s["ex#A"]?.traits?.["smithy.api#documentation"]).toBe('Foo\n    Baz Bam\n\n"quoted" A\n');
  });

  it("resolves relative ids: use, then the namespace (forward and across files), then the prelude; trait values too", () => {
    const s = shapes(
      `$version: "2"
namespace ex
use other#Thing

@idRef(selector: "*")
string Ref

@references([{ resource: Later }])
structure S {
    a: Thing
    b: String
    c: Later
    @tags([Later])
    d: Ref = Later
}
`,
      `$version: "2"
namespace ex
string Later
string String
`,
    );
    expect(s["ex#S"]?.members?.a?.target).toBe("other#Thing");
    // ex#String exists (in the other file), so it wins over the prelude's.
    expect(s["ex#S"]?.members?.b?.target).toBe("ex#String");
    expect(s["ex#S"]?.traits?.["smithy.api#references"]).toEqual([{ resource: "ex#Later" }]);
    expect(s["ex#S"]?.members?.d?.traits).toEqual({ "smithy.api#tags": ["ex#Later"], "smithy.api#default": "ex#Later" });
  });

  it("annotation traits are {} — or [] for a list trait, ours, the prelude's or a shipped AWS definition", () => {
    const s = shapes(`$version: "2"
namespace ex
use aws.api#service
use aws.protocols#restJson1

@trait
list myList { member: String }

@restJson1 @tags @myList @sensitive
string A
`);
    expect(s["ex#A"]?.traits).toEqual({ "aws.protocols#restJson1": {}, "smithy.api#tags": [], "ex#myList": [], "smithy.api#sensitive": {} });
  });

  it("merges list traits applied twice, and rejects conflicting values", () => {
    expect(shapes(`$version: "2"\nnamespace ex\n@tags(["a"])\nstring A\napply A @tags(["b"])\n`)["ex#A"]?.traits).toEqual({ "smithy.api#tags": ["a", "b"] });
    expect(errorOf(`$version: "2"\nnamespace ex\n@length(min: 1)\nstring A\napply A @length(min: 2)\n`)).toContain("Conflicting `smithy.api#length` trait values applied to `ex#A`");
  });

  it("block apply; apply to a shape the model does not define stays an apply entry", () => {
    const s = shapes(`$version: "2"\nnamespace ex\nstring A\napply A {\n    @sensitive\n    @since("1")\n}\napply other#B @internal\n`);
    expect(s["ex#A"]?.traits).toEqual({ "smithy.api#sensitive": {}, "smithy.api#since": "1" });
    expect(s["other#B"]).toEqual({ type: "apply", traits: { "smithy.api#internal": {} } });
  });

  it("keeps hostile names as data: a member and a metadata key named __proto__", () => {
    const { model } = load(`$version: "2"\nmetadata __proto__ = { __proto__: 1 }\nnamespace ex\nstructure S { __proto__: String }\n`);
    expect(Object.hasOwn(model.metadata!, "__proto__")).toBe(true);
    expect(Object.hasOwn(model.shapes["ex#S"]!.members!, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(model.shapes["ex#S"]!.members)).toBe(Object.prototype);
  });

  it("IDL 1.0: set is a list with @uniqueItems, numbers and booleans get Smithy 2's default unless @box", () => {
    const s = shapes(`namespace ex\nset S { member: String }\ninteger I\n@box\ninteger J\n`);
    expect(s["ex#S"]).toEqual({ type: "list", member: { target: "smithy.api#String" }, traits: { "smithy.api#uniqueItems": {} } });
    expect(s["ex#I"]?.traits).toEqual({ "smithy.api#default": 0 });
    expect(s["ex#J"]?.traits).toEqual({ "smithy.api#box": {} });
  });

  it("errors name file:line:column", () => {
    expect(errorOf(`$version: "2"\nnamespace ex\n\nstructure A {\n    a: String = "x" b: String\n}\n`)).toBe(
      "m0.smithy:5:21: Syntax error at line 5, column 21: Expected a line break, but found IDENTIFIER('b')",
    );
    expect(errorOf(`$version: "2"\nnamespace ex\nintEnum E {\n    A\n}\n`)).toBe("m0.smithy:4:5: ex#E$A: intEnum members must be assigned an integer value: `ex#E$A`");
    expect(errorOf(`$version: "2"\nnamespace ex\nstring A\n`, `$version: "2"\nnamespace ex\ninteger A\n`)).toBe(
      "m1.smithy:3:9: ex#A: Conflicting shape definition for `ex#A` (first defined at m0.smithy:3:8)",
    );
    expect(errorOf(`$version: "2"\nmetadata a = 1\n`, `$version: "2"\nmetadata a = 2\n`)).toContain("m1.smithy:2:10: Metadata conflict for key `a`");
  });

  it("an identical shape in two files is one shape; metadata lists are concatenated", () => {
    const { model } = load(`$version: "2"\nmetadata l = [1]\nnamespace ex\nstring A\n`, `$version: "2"\nmetadata l = [2]\nnamespace ex\nstring A\n`);
    expect(model.shapes["ex#A"]).toEqual({ type: "string" });
    expect(model.metadata).toEqual({ l: [1, 2] });
  });
});

describe("IDL loader: mixins", () => {
  it("rejects a mixin without @mixin, a mixin cycle, and a mixin listed twice", () => {
    expect(errorOf(`$version: "2"\nnamespace ex\nstructure A {}\nstructure B with [A] {}\n`)).toBe(
      "m0.smithy:4:11: ex#B: Attempted to use `ex#A` as a mixin of `ex#B`, but it is not marked with the @mixin trait",
    );
    expect(errorOf(`$version: "2"\nnamespace ex\n@mixin\nstructure A with [B] {}\n@mixin\nstructure B with [A] {}\n`)).toContain("Mixin cycle: ex#A -> ex#B -> ex#A");
    expect(errorOf(`$version: "2"\nnamespace ex\n@mixin\nstructure A {}\nstructure B with [A, A] {}\n`)).toContain("Duplicate mixin `ex#A` on `ex#B`");
  });
});

describe("IDL loader: operation mixins", () => {
  it("an operation takes input and output from its mixins unless it sets them (as Smithy's model has them)", () => {
    const s = shapes(`$version: "2"
namespace ex
@mixin
operation Base {
    input: In
}
operation Op with [Base] {}
operation Own with [Base] {
    input: Other
}
structure In {}
structure Other {}
`);
    expect(s["ex#Op"]).toEqual({ type: "operation", mixins: [{ target: "ex#Base" }], input: { target: "ex#In" }, output: { target: "smithy.api#Unit" } });
    expect(s["ex#Own"]?.input).toEqual({ target: "ex#Other" });
  });
});
