/**
 * The validate stage on small models: the models Smithy rejects that the
 * generator used to accept (and generate silently), suppressions, source
 * locations, and `sdkgen validate` / `sdkgen generate` on the command line.
 */
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateFromModel } from "../../src/generate.js";
import { formatEvent } from "../../src/validate/events.js";
import { validateModel } from "../../src/validate/index.js";
import { CLI, miniModel, tempDir } from "../helpers.js";

function failures(model: unknown): string[] {
  return validateModel(model)
    .filter((e) => e.severity === "ERROR" || e.severity === "DANGER")
    .map((e) => `${e.eventId} ${e.shapeId ?? "-"}`);
}

const service = (ops: string[] = []) => ({
  type: "service",
  version: "1",
  operations: ops.map((target) => ({ target })),
  traits: { "aws.protocols#restJson1": {}, "aws.api#service": { sdkId: "Ex" } },
});

describe("models Smithy rejects", () => {
  it("a shape used as a mixin without @mixin", () => {
    const model = { smithy: "2.0", shapes: { "ex#Base": { type: "structure", members: { a: { target: "smithy.api#String" } } }, "ex#User": { type: "structure", mixins: [{ target: "ex#Base" }] } } };
    expect(failures(model)).toEqual(["Model ex#User"]);
    const fixed = structuredClone(model) as { shapes: Record<string, { traits?: object }> };
    fixed.shapes["ex#Base"]!.traits = { "smithy.api#mixin": {} };
    expect(failures(fixed)).toEqual([]);
  });

  it("an empty enum value", () => {
    const model = { smithy: "2.0", shapes: { "ex#E": { type: "enum", members: { A: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "" } } } } } };
    expect(failures(model)).toEqual(["EnumShape ex#E$A"]);
  });

  it("enum and intEnum values: missing, mistyped, fractional, duplicated (JSON AST, where the loader leaves them to validation)", () => {
    const model = {
      smithy: "2.0",
      shapes: {
        "ex#I": {
          type: "intEnum",
          members: {
            IMPLICIT: { target: "smithy.api#Unit" },
            ONE: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": 1 } },
            AGAIN: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": 1 } },
            TEXT: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "x" } },
            HALF: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": 1.5 } },
          },
        },
        "ex#S": { type: "enum", members: { A: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "a" } }, B: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "a" } } } },
      },
    };
    expect(failures(model)).toEqual(["EnumShape ex#I$AGAIN", "EnumShape ex#I$HALF", "EnumShape ex#I$IMPLICIT", "EnumShape ex#I$TEXT", "EnumShape ex#S$B"]);
  });

  it("an @httpLabel member that is not @required", () => {
    const model = {
      smithy: "2.0",
      shapes: {
        "ex#S": service(["ex#Get"]),
        "ex#Get": { type: "operation", input: { target: "ex#GetInput" }, traits: { "smithy.api#http": { method: "GET", uri: "/x/{Id}" }, "smithy.api#readonly": {} } },
        "ex#GetInput": { type: "structure", members: { Id: { target: "smithy.api#String", traits: { "smithy.api#httpLabel": {} } } }, traits: { "smithy.api#input": {} } },
      },
    };
    expect(failures(model)).toEqual(["TraitTarget ex#GetInput$Id"]);
    (model.shapes["ex#GetInput"].members.Id.traits as Record<string, unknown>)["smithy.api#required"] = {};
    expect(failures(model)).toEqual([]);
  });

  it("two structures that require each other, so neither can be built", () => {
    const model = {
      smithy: "2.0",
      shapes: {
        "ex#A": { type: "structure", members: { b: { target: "ex#B", traits: { "smithy.api#required": {} } } } },
        "ex#B": { type: "structure", members: { a: { target: "ex#A", traits: { "smithy.api#required": {} } } } },
      },
    };
    expect(failures(model)).toEqual(["ShapeRecursion ex#A", "ShapeRecursion ex#B"]);
    delete (model.shapes["ex#B"].members.a as { traits?: unknown }).traits;
    expect(failures(model)).toEqual([]);
  });

  it("an untranslatable Java @pattern is a WARNING naming the shape, not an error", () => {
    const events = validateModel({ smithy: "2.0", shapes: { "ex#P": { type: "string", traits: { "smithy.api#pattern": "^[\\p{Print}&&[^|]]+$" } } } });
    expect(events.map((e) => `${e.severity} ${e.eventId} ${e.shapeId}`)).toEqual(["WARNING PatternTrait ex#P"]);
  });
});

describe("Java @patterns in generated code", () => {
  const model = () =>
    miniModel(
      {
        "ex#Untranslatable": { type: "string", traits: { "smithy.api#pattern": "^[\\p{Print}&&[^|]]+$" } },
        "ex#Possessive": { type: "string", traits: { "smithy.api#pattern": "^[a-z]?+[0-9]+$" } },
      },
      { U: { target: "ex#Untranslatable" }, P: { target: "ex#Possessive" } },
    );
  const config = { model: "m.json", packages: { types: { name: "t", dir: "/nonexistent/t" }, client: { name: "c", dir: "/nonexistent/c" }, "test-fixtures": { name: "f", dir: "/nonexistent/f" } } };

  it("a pattern with no exact JavaScript equivalent is left out of the client's validators and the fixtures, with a warning", async () => {
    const result = await generateFromModel(model(), config);
    expect(result.warnings.map((w) => `${w.eventId} ${w.shapeId}`)).toEqual(["PatternTrait ex#Untranslatable"]);
    const all = result.packages.flatMap((p) => p.files.map((f) => f.contents)).join("\n");
    expect(all).not.toContain("&&[^|]");
    // The translatable one is there, as a u-mode regex with the possessive quantifier made atomic.
    expect(all).toContain("(?=(?<__atomic1>[a-z]?))\\k<__atomic1>[0-9]+$/u");
  });
});

describe("suppressions", () => {
  const model = (extra: Record<string, unknown> = {}, traits: Record<string, unknown> = {}) => ({
    smithy: "2.0",
    ...extra,
    shapes: {
      "ex#S": service(["ex#Get"]),
      "ex#Get": { type: "operation", input: { target: "ex#In" }, traits: { "smithy.api#http": { method: "GET", uri: "/x" }, "smithy.api#readonly": {}, ...traits } },
      "ex#In": { type: "structure", members: { body: { target: "smithy.api#String" } }, traits: { "smithy.api#input": {} } },
    },
  });

  it("a DANGER is suppressed by @suppress or by suppressions metadata (with the event id's prefix), not otherwise", () => {
    expect(failures(model())).toEqual(["HttpMethodSemantics.UnexpectedPayload ex#Get"]);
    expect(failures(model({}, { "smithy.api#suppress": ["HttpMethodSemantics"] }))).toEqual([]);
    expect(failures(model({ metadata: { suppressions: [{ id: "HttpMethodSemantics.UnexpectedPayload", namespace: "ex" }] } }))).toEqual([]);
    expect(failures(model({ metadata: { suppressions: [{ id: "HttpMethodSemantics", namespace: "other" }] } }))).toEqual(["HttpMethodSemantics.UnexpectedPayload ex#Get"]);
    const suppressed = validateModel(model({}, { "smithy.api#suppress": ["HttpMethodSemantics"] })).filter((e) => e.severity === "SUPPRESSED");
    expect(suppressed.map((e) => e.eventId)).toEqual(["HttpMethodSemantics.UnexpectedPayload"]);
  });

  it("an ERROR cannot be suppressed", () => {
    const m = { smithy: "2.0", metadata: { suppressions: [{ id: "EnumShape", namespace: "*" }] }, shapes: { "ex#E": { type: "enum", members: { A: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "" } } } } } };
    expect(failures(m)).toEqual(["EnumShape ex#E$A"]);
  });
});

describe("events", () => {
  it("print as Smithy prints them, with the source location when the loader knows it", () => {
    const [event] = validateModel({ smithy: "2.0", shapes: { "ex#E": { type: "enum", members: { A: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "" } } } } } }, new Map([["ex#E$A", { file: "m.smithy", line: 4, column: 5 }]]));
    expect(formatEvent(event!)).toBe("[ERROR] ex#E$A: enum values may not be empty. | EnumShape m.smithy:4:5");
  });
});

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [CLI, ...args], (error, stdout, stderr) => done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });
}

describe("sdkgen validate and generate", () => {
  const bad = () => {
    const m = miniModel({ "ex#Kind": { type: "enum", members: { A: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "" } } } } }, { K: { target: "ex#Kind" } });
    return JSON.stringify(m);
  };

  it("validate prints events and exits 1 on an ERROR, 0 on a clean model", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "bad.json"), bad());
    writeFileSync(join(dir, "good.json"), JSON.stringify(miniModel()));
    const r = await run(["validate", join(dir, "bad.json")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("[ERROR] ex#Kind$A: enum values may not be empty. | EnumShape");
    expect(r.stderr).toBe("");
    const ok = await run(["validate", join(dir, "good.json")]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/sdkgen validate: ok: 0 error/);
  }, 60_000);

  it("generate refuses a model Smithy rejects with a clean diagnostic and writes nothing", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "bad.json"), bad());
    const r = await run(["generate", "--model", join(dir, "bad.json"), "--out", join(dir, "out")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("ex#Kind$A");
    expect(r.stderr).toContain("enum values may not be empty. [ERROR EnumShape]");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
