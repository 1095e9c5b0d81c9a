/**
 * Deep and huge models: a chain of 5,000 structures, a 50 MB documentation string and a structure
 * of 10,000 members all generate (they used to overflow the stack, or take minutes in the doc
 * conversion); the 10,000-member client type-checks. JSON nested 10,000 levels deep is a
 * one-line diagnostic (see test/stages/cli.test.ts).
 *
 * No wall-clock asserts: the figures are printed for the record, and the only bound is the test
 * runner's hang guard.
 */
import { execFile } from "node:child_process";
import { readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { configForModel, generateAndWrite, generateFromModel } from "../src/generate.js";
import type { SmithyModel } from "../src/load/types.js";
import { CODEGEN_ROOT, miniModel, tempDir } from "./helpers.js";

const tscBin = join(CODEGEN_ROOT, "node_modules/typescript/bin/tsc");
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function generateInMemory(model: SmithyModel) {
  const dir = tempDir("sdkgen-huge-");
  dirs.push(dir);
  const file = join(dir, "model.json");
  writeFileSync(file, JSON.stringify(model));
  const started = performance.now();
  const result = await generateFromModel(model, await configForModel(file, dir));
  return { ...result, ms: Math.round(performance.now() - started) };
}

describe("deep and huge models", () => {
  it("a chain of 5,000 structures generates (it overflowed the stack)", async () => {
    const extra: Record<string, unknown> = {};
    for (let i = 0; i < 5000; i++) extra[`ex#S${i}`] = { type: "structure", members: i + 1 < 5000 ? { next: { target: `ex#S${i + 1}` } } : {} };
    const { ir, packages, ms } = await generateInMemory(miniModel(extra, { Chain: { target: "ex#S0" } }));
    console.log(`chain of 5,000 structures: generated in ${ms} ms`);
    expect(ir.shapes.filter((s) => s.id.startsWith("ex#S"))).toHaveLength(5000);
    const json = packages.find((p) => p.kind === "client")!.files.find((f) => f.path.endsWith("protocols/json.ts"))!.contents;
    expect(json).toContain("export function se_S4999(");
  }, 240_000);

  it("a 50 MB documentation string generates, escaped, in linear time", async () => {
    const doc = "Lorem <b>ipsum</b> dolor */ sit <code>amet</code>. @internal ".repeat(850_000);
    const model = miniModel({ "ex#Doc": { type: "structure", members: {}, traits: { "smithy.api#documentation": doc } } }, { D: { target: "ex#Doc" } });
    const { packages, ms } = await generateInMemory(model);
    console.log(`${Math.round(doc.length / 1e6)} MB doc string: generated in ${ms} ms`);
    const types = packages.find((p) => p.kind === "types")!.files.find((f) => f.path.endsWith("models.ts"))!.contents;
    expect(types.length).toBeGreaterThan(doc.length / 2);
    expect(types).not.toContain("@internal");
    expect(types.match(/\*\//g)!.length).toBeLessThan(100);
  }, 240_000);

  it("a structure with 10,000 members generates a client that type-checks", async () => {
    const members: Record<string, unknown> = {};
    for (let i = 0; i < 10_000; i++) members[`M${i}`] = { target: i % 2 ? "smithy.api#Integer" : "smithy.api#String" };
    const dir = tempDir("sdkgen-huge-");
    dirs.push(dir);
    const file = join(dir, "model.json");
    writeFileSync(file, JSON.stringify(miniModel({}, members)));
    const started = performance.now();
    const config = await configForModel(file, dir);
    await generateAndWrite(config);
    const generated = Math.round(performance.now() - started);
    symlinkSync(join(CODEGEN_ROOT, "node_modules"), join(dir, "node_modules"), "dir");
    const tsconfig = {
      compilerOptions: {
        target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022", "DOM"], strict: true,
        noImplicitOverride: true, skipLibCheck: true, noEmit: true, types: ["node"],
        paths: { "mini-types": ["./mini-types/src/index.ts"] },
      },
      include: ["mini-types/src", "mini-client/src"],
    };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
    const tscStarted = performance.now();
    const result = await new Promise<{ code: number; output: string }>((done) => {
      execFile(process.execPath, [tscBin, "-p", join(dir, "tsconfig.json")], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` });
      });
    });
    console.log(`10,000 members: generated in ${generated} ms, tsc in ${Math.round(performance.now() - tscStarted)} ms`);
    expect(result.output.trim()).toBe("");
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, "mini-types/src/gen/models.ts"), "utf8")).toContain("M9999?: number | undefined;");
  }, 480_000);
});
