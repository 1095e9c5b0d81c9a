// The test-fixtures emitter away from the repo's own package: its pattern engine on every pattern of
// the upstream Connect model, its examples and invalid inputs for all of Connect's operations, and
// the schema-driven wire code on a model with headers, greedy labels, query maps and payloads.
import { execFile } from "node:child_process";
import { existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import * as fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateAndWrite } from "../src/generate.js";
import { fixtureWarnings, fixturesEmitter } from "../src/emit/fixtures/emit.js";
import { checkValue } from "../src/emit/fixtures/check.js";
import { emitExamples } from "../src/emit/fixtures/examples.js";
import { invalidInputs } from "../src/emit/fixtures/invalid.js";
import { schemaOf } from "../src/emit/fixtures/schema.js";
import { ValueFactory } from "../src/emit/fixtures/values.js";
import { regexLiteral } from "../src/emit/shared/pattern.js";
import { buildIR } from "../src/ir/build.js";
import type { ServiceIR } from "../src/ir/types.js";
import { loadModelFile } from "../src/load/load.js";
import {
  codePointLength,
  compilePattern,
  distinctStrings,
  exampleString,
  repairIdentityEscapes,
  violatingString,
} from "@connect-sdk/test-kit/pattern";
import { type ServiceSchema, readRequest, writeRequest } from "@connect-sdk/test-kit";
import { CODEGEN_ROOT, REPO_ROOT, tempDir } from "./helpers.js";

const SHARED = process.env.CONNECT_SDK_SHARED ?? resolve(REPO_ROOT, "../shared");
const UPSTREAM_CONNECT = join(SHARED, "upstream/connect.json");
/** The one pattern in Connect no string can match: `^/^…$/$` asks for `^` after a `/`. */
const UNSATISFIABLE = "^/^(?=.*[a-z])(?=.*[A-Z])(?=.*\\d)[a-zA-Z\\d\\S]{8,64}$/$";

const options = (ir: ServiceIR) => ({
  packages: { types: "t", client: "c", testFixtures: "f" },
  dirs: { "test-fixtures": "/nowhere" },
  existingVersions: {},
  runtimeVersions: {},
  siblingRange: () => "workspace:^",
  ir,
});

describe("the pattern engine", () => {
  it.each([
    ["^\\P{C}*$", 1, 256],
    ["^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$", 1, 128],
    ["^[a-z]{2}(-[a-z]+){1,2}(-[0-9])?$", 0, Infinity],
    ["^(^[\\S].*[\\S]$)|(^[\\S]$)$", 1, 250],
    ["^(?!d-)([\\da-zA-Z]+)([-]*[\\da-zA-Z])*$", 1, 45],
    ["^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$", 1, 255],
    ["\\S", 1, 127],
    ["^[a-zA-Z0-9\\_\\-:\\/$]+$", 1, 100],
  ])("%s (length %i..%s): examples match, a violation does not", (pattern, min, max) => {
    const compiled = compilePattern(pattern);
    expect(compiled.flags).toBe("u");
    for (const prefer of ["low", "high"] as const) {
      const s = exampleString(compiled, min, max, { prefer })!;
      expect(s).toBeDefined();
      expect(compiled.regex.test(s)).toBe(true);
      expect(codePointLength(s)).toBeGreaterThanOrEqual(min);
      expect(codePointLength(s)).toBeLessThanOrEqual(max);
    }
    const bad = violatingString(compiled, min, max, exampleString(compiled, min, max)!)!;
    expect(compiled.regex.test(bad)).toBe(false);
    const keys = distinctStrings(compiled, min, Math.min(max, 64), 20);
    expect(new Set(keys).size).toBe(20);
    for (const k of keys) expect(compiled.regex.test(k)).toBe(true);
  });

  it("prefers the literal a negative lookahead forbids, and characters beyond ASCII at the edge", () => {
    const tagKey = compilePattern("^(?!aws:)[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$");
    expect(violatingString(tagKey, 1, 128, "team")).toMatch(/^aws:/);
    const edge = exampleString(compilePattern("^\\P{C}*$"), 1, 256, { prefer: "high" })!;
    expect(codePointLength(edge)).toBe(256);
    expect(edge.length).toBe(512); // astral: two UTF-16 units each
  });

  it("repairs identity escapes the u flag refuses, and writes regex literals", () => {
    expect(() => new RegExp("^[a-zA-Z0-9\\_\\-:\\/$]+$", "u")).toThrow();
    expect(repairIdentityEscapes("^[a-zA-Z0-9\\_\\-:\\/$]+$")).toBe("^[a-zA-Z0-9_\\-:\\/$]+$");
    expect(regexLiteral("^[a-zA-Z0-9\\_\\-:\\/$]+$")).toBe("/^[a-zA-Z0-9_\\-:\\/$]+$/u");
    expect(regexLiteral("^[A-Za-z0-9:/]*$")).toBe("/^[A-Za-z0-9:\\/]*$/u");
    // eslint-disable-next-line no-eval
    expect((0, eval)(regexLiteral("^(?!aws:)[\\p{L}_.:/=+\\-@]*$")).test("é/x")).toBe(true);
  });
});

describe.skipIf(!existsSync(UPSTREAM_CONNECT))("on the whole upstream Connect model", async () => {
  const ir = existsSync(UPSTREAM_CONNECT) ? buildIR(await loadModelFile(UPSTREAM_CONNECT)) : (undefined as unknown as ServiceIR);

  it("compiles every pattern with the u flag and makes matching and violating strings for it", () => {
    const patterns = new Set<string>();
    for (const shape of ir.shapes) {
      if (shape.constraints.pattern) patterns.add(shape.constraints.pattern);
      const members = shape.kind === "structure" || shape.kind === "union" ? shape.members : [];
      for (const m of members) if (m.constraints.pattern) patterns.add(m.constraints.pattern);
    }
    expect(patterns.size).toBeGreaterThan(40);
    for (const p of patterns) {
      const compiled = compilePattern(p);
      expect(compiled.flags, p).toBe("u");
      const s = exampleString(compiled, 0, 1000);
      if (p === UNSATISFIABLE) expect(s).toBeUndefined();
      else expect(compiled.regex.test(s!), p).toBe(true);
    }
  }, 600_000);

  it("writes valid examples and self-checked invalid inputs for all operations, deterministically", () => {
    const first = fixturesEmitter.emit(ir, options(ir));
    const second = fixturesEmitter.emit(ir, options(ir));
    expect(ir.operations.length).toBeGreaterThan(300);
    expect(first.files.filter((f) => f.path.startsWith("src/gen/examples/")).length).toBe(ir.operations.length + 1);
    expect(second.files.map((f) => f.path)).toEqual(first.files.map((f) => f.path));
    second.files.forEach((f, i) => expect(f.contents === first.files[i]!.contents, `${f.path} differs between two runs`).toBe(true));
    // Only CreateUser's password, whose pattern nothing matches, cannot get a valid value.
    const warnings = fixtureWarnings(ir);
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) expect(w.includes(UNSATISFIABLE) || w.startsWith("CreateUser: the maximal input breaks"), w).toBe(true);
  }, 600_000);

  it("produces for each invalid input exactly the violation it documents", () => {
    let total = 0;
    for (const op of ir.operations) {
      const values = new ValueFactory(ir);
      const minimal = values.structure(op.input, "minimal");
      for (const c of invalidInputs(ir, op, values, minimal)) {
        total++;
        const input = typeof c.value === "symbol" ? Object.fromEntries(Object.entries(minimal).filter(([k]) => k !== c.member)) : { ...minimal, [c.member]: c.value };
        const found = checkValue(ir, op.input.id, input).map((v) => `${v.constraint} ${v.path}`);
        expect(found.sort(), `${op.name}: ${c.description}`).toEqual([c.violation, ...(c.alsoViolates ?? [])].map((v) => `${v.constraint} ${v.path}`).sort());
      }
    }
    expect(total).toBeGreaterThan(3000);
  }, 600_000);
});

describe("the wire code on a model with headers, greedy labels, query literals and payloads", async () => {
  const ir = buildIR(await loadModelFile(join(CODEGEN_ROOT, "test/models/weather.json")));
  const schema = schemaOf(ir) as unknown as ServiceSchema;

  it.each(ir.operations.map((op) => [op.name, op] as const))("%s: example inputs read back as written", (_name, op) => {
    const { stats } = emitExamples(ir, op, "t");
    expect(stats.warnings).toEqual([]);
    const values = new ValueFactory(ir);
    for (const mode of ["minimal", "typical", "maximal"] as const) {
      const input = values.structure(op.input, mode);
      const request = writeRequest(schema, op.name, input);
      const body = request.body === undefined ? new Uint8Array() : typeof request.body === "string" ? new TextEncoder().encode(request.body) : request.body;
      // Labels as the router would decode them.
      const labels: Record<string, string> = {};
      const pattern = op.http.uri.split("?")[0]!.split("/").slice(1);
      const parts = request.path.split("/").slice(1);
      pattern.forEach((segment, i) => {
        const m = /^\{(\w+)(\+)?\}$/.exec(segment);
        if (m) labels[m[1]!] = (m[2] ? parts.slice(i) : [parts[i]!]).map(decodeURIComponent).join("/");
      });
      const read = readRequest(schema, op.name, { ...request, headers: request.headers, body }, labels);
      expect(read, `${op.name} ${mode}`).toEqual(input);
      expect(checkValue(ir, op.input.id, input), `${op.name} ${mode}`).toEqual([]);
    }
  });

  it("keeps header values printable ASCII", () => {
    const values = new ValueFactory(ir);
    for (const op of ir.operations) {
      const request = writeRequest(schema, op.name, values.structure(op.input, "maximal"));
      for (const [name, value] of Object.entries(request.headers)) expect(value, `${op.name} ${name}`).toMatch(/^[\x20-\x7e]*$/);
    }
  });
});

const UPSTREAM_CASES = join(SHARED, "upstream/connectcases.json");
const PROTOCOL_TESTS = join(SHARED, "upstream/smithy-aws-protocol-tests.json");

/**
 * Whole fixtures packages, generated with their types and client into a temp folder: Connect Cases
 * (recursive unions whose members are lists of themselves) and the RestJson protocol-test
 * operations with streaming blobs in structures used both ways, a required `@httpResponseCode`
 * output member and documents. They type-check, and the recursive unions' arbitraries sample union
 * values the generated validators accept.
 */
describe.skipIf(!existsSync(UPSTREAM_CASES) || !existsSync(PROTOCOL_TESTS))("generated fixtures packages of real models", () => {
  let dir: string;
  let tsc: Promise<{ code: number; output: string }>;
  let casesIR: ServiceIR;

  beforeAll(async () => {
    dir = tempDir("sdkgen-fixtures-");
    const target = (prefix: string) => ({
      types: { name: `${prefix}-types`, dir: join(dir, prefix, "types") },
      client: { name: `${prefix}-client`, dir: join(dir, prefix, "client") },
      "test-fixtures": { name: `${prefix}-fixtures`, dir: join(dir, prefix, "fixtures") },
    });
    casesIR = (await generateAndWrite({ model: UPSTREAM_CASES, service: "com.amazonaws.connectcases#AmazonConnectCases", packages: target("cases") })).ir;
    const restJson = ["StreamingTraits", "StreamingTraitsWithMediaType", "ResponseCodeRequired", "DocumentType"].map((n) => `aws.protocoltests.restjson#${n}`);
    await generateAndWrite({ model: PROTOCOL_TESTS, service: "aws.protocoltests.restjson#RestJson", operations: restJson, packages: target("restjson") });
    symlinkSync(join(CODEGEN_ROOT, "node_modules"), join(dir, "node_modules"), "dir");
    const paths: Record<string, string[]> = {};
    for (const prefix of ["cases", "restjson"]) {
      paths[`${prefix}-types`] = [`./${prefix}/types/src/index.ts`];
      paths[`${prefix}-client`] = [`./${prefix}/client/src/index.ts`];
    }
    const compilerOptions = {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      lib: ["ES2022", "DOM"],
      strict: true,
      noImplicitOverride: true,
      isolatedModules: true,
      skipLibCheck: true,
      noEmit: true,
      types: ["node"],
      paths,
    };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["*/types/src", "*/client/src", "*/fixtures/src"] }));
    // Type-checking runs in a child process while the arbitraries are sampled.
    tsc = new Promise((done) => {
      execFile(process.execPath, [join(CODEGEN_ROOT, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", join(dir, "tsconfig.json")], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` });
      });
    });
  }, 600_000);

  afterAll(async () => {
    await tsc?.catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("samples only valid union values from the arbitraries of recursive unions", async () => {
    const arbitraries = (await import(/* @vite-ignore */ join(dir, "cases/fixtures/src/gen/arbitraries.ts"))) as Record<string, (depth?: number) => fc.Arbitrary<unknown>>;
    const validators = (await import(/* @vite-ignore */ join(dir, "cases/client/src/gen/validation/validators.ts"))) as Record<string, (value: unknown) => unknown[]>;
    const unions = casesIR.shapes.filter((s) => s.kind === "union" && s.recursive).map((s) => s.name);
    expect(unions).toEqual(expect.arrayContaining(["CaseFilter", "CustomFieldsFilter"]));
    for (const name of unions) {
      const samples = fc.sample(arbitraries[name]!(), { numRuns: 200, seed: 42 });
      const bad = samples.filter((v) => Array.isArray(v) || validators[`validate${name}`]!(v).length > 0 || checkValue(casesIR, casesIR.shapes.find((s) => s.name === name)!.id, v).length > 0);
      expect(bad.slice(0, 3), `${name}: ${bad.length} of ${samples.length} samples are not valid union values`).toEqual([]);
      // Deep samples are there too: the recursive members are reached.
      expect(samples.some((v) => JSON.stringify(v).includes("All"))).toBe(true);
    }
  }, 600_000);

  it("type-checks with tsc --noEmit", async () => {
    const { code, output } = await tsc;
    expect(output.trim()).toBe("");
    expect(code).toBe(0);
  }, 600_000);
});

describe("the repo's generated package", () => {
  it("is written from the committed model (sdkgen check covers the files; this covers the wiring)", async () => {
    const { loadConfig } = await import("../src/config/config.js");
    const config = await loadConfig(join(REPO_ROOT, "sdkgen.config.json"), "connect");
    expect(config.packages["test-fixtures"]).toEqual({ name: "@connect-sdk/test-fixtures-connect", dir: join(REPO_ROOT, "services/connect/test-fixtures") });
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "services/connect/test-fixtures/package.json"), "utf8")) as Record<string, Record<string, string>>;
    expect(pkg.dependencies!["@connect-sdk/client-connect"]).toBe("workspace:^");
    expect(pkg.peerDependencies!["fast-check"]).toBeDefined();
    const client = JSON.parse(readFileSync(join(REPO_ROOT, "services/connect/client/package.json"), "utf8")) as Record<string, Record<string, string>>;
    expect(Object.keys(client.dependencies!)).not.toContain("@connect-sdk/test-fixtures-connect");
  });
});
