/** `sdkgen ast`, `sdkgen idl`, and `--model` with IDL files and folders. */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { modelDifferences } from "../../src/load/model-equal.js";
import { parseModel } from "../../src/load/load.js";
import { CLI, CODEGEN_ROOT, tempDir } from "../helpers.js";

const WEATHER = join(CODEGEN_ROOT, "test/models/weather.json");

function sdkgen(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("sdkgen ast / idl", () => {
  it("idl writes IDL that ast reads back to the same model", () => {
    const out = tempDir();
    const idl = sdkgen(["idl", WEATHER, "--out", out]);
    expect(idl.stderr).toBe("");
    expect(idl.code).toBe(0);
    const files = readdirSync(out).sort();
    expect(files.every((f) => f.endsWith(".smithy"))).toBe(true);
    const ast = sdkgen(["ast", out]);
    expect(ast.stderr).toBe("");
    expect(ast.code).toBe(0);
    const original = parseModel(readFileSync(WEATHER, "utf8"));
    expect(modelDifferences(original, JSON.parse(ast.stdout))).toEqual([]);
  });

  it("ast reports an IDL syntax error as file:line:column, without a stack trace", () => {
    const dir = tempDir();
    const file = join(dir, "bad.smithy");
    writeFileSync(file, '$version: "2"\nnamespace ex\n\nstructure Foo {\n    a: String,,\n    b String\n}\n');
    const r = sdkgen(["ast", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:6:7: Syntax error at line 6, column 7: Expected COLON(':') but found IDENTIFIER('String')`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("merges IDL and JSON files of a folder; conflicting shapes are an error with both places", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "m"));
    writeFileSync(join(dir, "m/a.smithy"), '$version: "2"\nnamespace ex\n\nstructure A { b: B }\n\napply B @sensitive\n');
    writeFileSync(join(dir, "m/b.json"), JSON.stringify({ smithy: "2.0", metadata: { tags: ["x"] }, shapes: { "ex#B": { type: "string" } } }));
    writeFileSync(join(dir, "m/c.smithy"), '$version: "2"\nmetadata tags = ["y"]\n');
    const r = sdkgen(["ast", join(dir, "m")]);
    expect(r.stderr).toBe("");
    const model = JSON.parse(r.stdout);
    expect(model.shapes["ex#B"]).toEqual({ type: "string", traits: { "smithy.api#sensitive": {} } });
    expect(model.metadata.tags.sort()).toEqual(["x", "y"]);
    writeFileSync(join(dir, "m/d.smithy"), '$version: "2"\nnamespace ex\n\ninteger B\n');
    const conflict = sdkgen(["ast", join(dir, "m")]);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain(`${join(dir, "m/d.smithy")}:4:9: ex#B: Conflicting shape definition for \`ex#B\` (first defined at ${join(dir, "m/b.json")}:1:`);
  });

  it("diff compares a JSON model with its IDL form: no changes; and sees a change made in the IDL", () => {
    const idlDir = tempDir();
    expect(sdkgen(["idl", WEATHER, "--out", idlDir]).code).toBe(0);
    const same = sdkgen(["diff", WEATHER, idlDir]);
    expect(same.stderr).toBe("");
    expect(same.stdout).toContain("No changes.");
    const [file] = readdirSync(idlDir).filter((f) => f.endsWith(".smithy"));
    const text = readFileSync(join(idlDir, file!), "utf8");
    writeFileSync(join(idlDir, file!), text.replace(/\n(\s*)@required\n/, "\n"));
    expect(sdkgen(["diff", WEATHER, idlDir]).stdout).not.toContain("No changes.");
  });

  it("generate --model takes an IDL folder and gives the same packages as the JSON model", () => {
    const idlDir = tempDir();
    expect(sdkgen(["idl", WEATHER, "--out", idlDir]).code).toBe(0);
    const fromJson = tempDir();
    const fromIdl = tempDir();
    expect(sdkgen(["generate", "--model", WEATHER, "--out", fromJson, "-q"]).code).toBe(0);
    const r = sdkgen(["generate", "--model", idlDir, "--out", fromIdl, "-q"]);
    expect(r.stderr).toBe("");
    const list = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? list(join(d, e.name)).map((p) => `${e.name}/${p}`) : [e.name]));
    const files = list(fromJson).sort();
    expect(list(fromIdl).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(fromIdl, f), "utf8"), f).toBe(readFileSync(join(fromJson, f), "utf8"));
  });
});

describe("sdkgen.config.json model", () => {
  it("is a file, a folder or a list of them, resolved against the config's folder; anything else is a problem", async () => {
    const { loadConfig } = await import("../../src/config/config.js");
    const dir = tempDir();
    const packages = { types: { name: "t", dir: "t" } };
    writeFileSync(join(dir, "a.json"), JSON.stringify({ model: ["models", "extra.smithy"], packages }));
    expect((await loadConfig(join(dir, "a.json"))).model).toEqual([join(dir, "models"), join(dir, "extra.smithy")]);
    writeFileSync(join(dir, "b.json"), JSON.stringify({ model: "models", packages }));
    expect((await loadConfig(join(dir, "b.json"))).model).toBe(join(dir, "models"));
    writeFileSync(join(dir, "c.json"), JSON.stringify({ model: [1], packages }));
    await expect(loadConfig(join(dir, "c.json"))).rejects.toThrow("the model is required: a file or folder path, or a list of them");
  });

  it("generate reads a configured list of IDL and JSON files", () => {
    const dir = tempDir();
    expect(sdkgen(["idl", WEATHER, "--out", join(dir, "idl")]).code).toBe(0);
    const files = readdirSync(join(dir, "idl")).map((f) => `idl/${f}`);
    writeFileSync(join(dir, "sdkgen.config.json"), JSON.stringify({ model: files, packages: { types: { name: "weather-types", dir: "out/types" } } }));
    const r = spawnSync(process.execPath, [CLI, "generate", "-q"], { cwd: dir, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(readdirSync(join(dir, "out/types/src/gen")).length).toBeGreaterThan(0);
  });
});
