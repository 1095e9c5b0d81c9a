/**
 * Real AWS models whose `@pattern`s use Java regex syntax. Six of them used to
 * fail generation (`(?s)`, a possessive `?+`, a repeat after a quantifier,
 * `(?i)`), nine more were generated with patterns that only compiled without
 * the `u` flag and so meant something else (codeartifact's
 * `\p{IsWhitespace}`, dlm's `\p{all}`, `\p{XDigit}`, `\x{60}`, ...). All of
 * them now generate, and all fifteen are written out and type-checked in one tsc run;
 * and the translated validators accept what Java accepts.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { configForModel, generate, generateAndWrite } from "../../src/generate.js";

const codegenRoot = fileURLToPath(new URL("../..", import.meta.url));
const sharedDir = process.env.CONNECT_SDK_SHARED ?? resolve(codegenRoot, "../../shared");
const modelFile = (name: string) => join(sharedDir, "aws-models", `${name}.json`);

/** Failed to generate before patterns were translated. */
const USED_TO_FAIL = ["amplify-2017-07-25", "auditmanager-2017-07-25", "chime-sdk-voice-2022-08-03", "iot-wireless-2020-11-22", "lex-models-v2-2020-08-07", "rbin-2021-06-15"];
/** Generated, but with Java patterns written out as JavaScript regexes that meant something else. */
const JAVA_PATTERNS = [
  "codeartifact-2018-09-22",
  "dlm-2018-01-12",
  "elasticsearch-service-2015-01-01",
  "opensearch-2021-01-01",
  "iot-2015-05-28",
  "location-2020-11-19",
  "migration-hub-refactor-spaces-2021-10-26",
  "workspaces-thin-client-2023-08-22",
  "lookoutmetrics-2017-07-25",
];
/** All fifteen are written out and type-checked together, in one tsc run. */
const TYPE_CHECKED = [...USED_TO_FAIL, ...JAVA_PATTERNS];

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "sdkgen-java-patterns-"));
  dirs.push(d);
  return d;
}

/** The regex literals (`const PATTERN_X = /.../u;`) of a generated client's validators. */
function patternLiterals(source: string): Map<string, RegExp> {
  const out = new Map<string, RegExp>();
  for (const m of source.matchAll(/^const (PATTERN_\w+) = \/(.*)\/([a-z]*);$/gm)) out.set(m[1]!, new RegExp(m[2]!, m[3]!));
  return out;
}

describe("models with Java @patterns", () => {
  it.each([...USED_TO_FAIL, ...JAVA_PATTERNS])("%s generates, every pattern a u-mode regex", async (name) => {
    const config = await configForModel(modelFile(name), tempDir());
    const result = await generate(config);
    const client = result.packages.find((p) => p.name.endsWith("-client"))!;
    const validators = client.files.find((f) => f.path.endsWith("validation/validators.ts"));
    const literals = patternLiterals(validators!.contents);
    expect(literals.size).toBeGreaterThan(0);
    for (const [constant, regex] of literals) expect(regex.flags, constant).toContain("u");
    // Only patterns without an exact JavaScript equivalent are warned about (and left out).
    for (const w of result.warnings) expect(w.eventId === "PatternTrait" || w.eventId === "DefaultTrait", w.message).toBe(true);
  }, 120_000);

  it("codeartifact's package group pattern accepts /npm/* as Java does, and still rejects whitespace", async () => {
    const config = await configForModel(modelFile("codeartifact-2018-09-22"), tempDir());
    const client = (await generate(config)).packages.find((p) => p.name.endsWith("-client"))!;
    const regex = patternLiterals(client.files.find((f) => f.path.endsWith("validation/validators.ts"))!.contents).get("PATTERN_PackageGroupPattern")!;
    expect(regex.test("/npm/*")).toBe(true);
    expect(regex.test("/npm/a b")).toBe(false);
  }, 120_000);

  it("type-checks the generated clients of all fifteen in one tsc run", async () => {
    const dir = tempDir();
    const include: string[] = [];
    const paths: Record<string, string[]> = {};
    for (const name of TYPE_CHECKED) {
      const config = await configForModel(modelFile(name), join(dir, name));
      await generateAndWrite(config);
      const types = config.packages.types!;
      paths[types.name] = [`./${relative(dir, types.dir)}/src/index.ts`];
      include.push(`${relative(dir, types.dir)}/src`, `${relative(dir, config.packages.client!.dir)}/src`);
    }
    symlinkSync(join(codegenRoot, "node_modules"), join(dir, "node_modules"), "dir");
    const tsconfig = {
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        lib: ["ES2022", "DOM"],
        strict: true,
        isolatedModules: true,
        skipLibCheck: true,
        noEmit: true,
        types: ["node"],
        paths,
      },
      include,
    };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
    const tsc = join(codegenRoot, "node_modules/typescript/bin/tsc");
    const result = await new Promise<{ code: number; output: string }>((done) => {
      execFile(process.execPath, [tsc, "--noEmit", "-p", join(dir, "tsconfig.json")], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` });
      });
    });
    expect(result.output).toBe("");
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, TYPE_CHECKED[0]!, "amplify-client/package.json"), "utf8")).toContain('"name"');
  }, 600_000);
});
