/**
 * Waiters: the JMESPath parser, the compiler's refusals, the trait's checks, and every waiter of
 * the 57 models in `../shared/aws-models` that have one, compiled and type-checked in one tsc run.
 *
 * Most of those models use other protocols than restJson1 (awsQuery, awsJson), and their waiters
 * use the richest paths (filters, `length()`, `contains()`, multi-selects): to compile those against
 * the models' real shapes, the test gives the copy of the model it generates from the restJson1
 * trait and an `http` trait per operation. Types and waiters do not depend on the protocol.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { clientEmitter, typesEmitter } from "../src/index.js";
import { configForModel, generate, generateAndWrite } from "../src/generate.js";
import { parseJmesPath } from "../src/ir/jmespath.js";
import { ModelError } from "../src/load/problems.js";

const codegenRoot = fileURLToPath(new URL("..", import.meta.url));
const sharedDir = process.env.CONNECT_SDK_SHARED ?? resolve(codegenRoot, "../../shared");
const tscBin = join(codegenRoot, "node_modules/typescript/bin/tsc");
const WAITABLE = "smithy.waiters#waitable";

type Json = Record<string, any>;

describe("the JMESPath parser", () => {
  it("nests [*] projections and merges [] flattens, as the reference grammar does", () => {
    expect(parseJmesPath("a[*].b[*].c")).toEqual({
      type: "Projection",
      left: { type: "Field", name: "a" },
      right: { type: "Projection", left: { type: "Field", name: "b" }, right: { type: "Field", name: "c" } },
    });
    expect(parseJmesPath("a[].b[].c")).toEqual({
      type: "Projection",
      left: { type: "Flatten", child: { type: "Projection", left: { type: "Flatten", child: { type: "Field", name: "a" } }, right: { type: "Field", name: "b" } } },
      right: { type: "Field", name: "c" },
    });
  });

  it("binds comparisons tighter than && and || and ! tightest; reads literals and raw strings", () => {
    expect(parseJmesPath("!a == `1` && b || 'x'")).toEqual({
      type: "Or",
      left: {
        type: "And",
        left: { type: "Comparator", op: "==", left: { type: "Not", child: { type: "Field", name: "a" } }, right: { type: "Literal", value: 1 } },
        right: { type: "Field", name: "b" },
      },
      right: { type: "Literal", value: "x" },
    });
  });

  it("parses filters, functions, indexes and multi-select lists", () => {
    expect(parseJmesPath("length(a[?s=='x'].b[0])")).toEqual({
      type: "Function",
      name: "length",
      args: [
        {
          type: "FilterProjection",
          left: { type: "Field", name: "a" },
          condition: { type: "Comparator", op: "==", left: { type: "Field", name: "s" }, right: { type: "Literal", value: "x" } },
          right: { type: "IndexExpression", left: { type: "Field", name: "b" }, index: 0 },
        },
      ],
    });
    expect(parseJmesPath("a.[b, c]")).toEqual({ type: "Subexpression", left: { type: "Field", name: "a" }, right: { type: "MultiSelectList", items: [{ type: "Field", name: "b" }, { type: "Field", name: "c" }] } });
  });

  it("rejects bad syntax with the offset", () => {
    expect(() => parseJmesPath("a.")).toThrow(/offset 2/);
    expect(() => parseJmesPath("a = 'b'")).toThrow(/'=' must be '=='/);
    expect(() => parseJmesPath("a[?b == 'c'")).toThrow(/expected Rbracket/);
    expect(() => parseJmesPath("`{bad`")).toThrow(/invalid JSON/);
  });
});

/** A small restJson1 model with one waitable operation; `waitable` is its trait. */
function waiterModel(waitable: unknown): Json {
  return {
    smithy: "2.0",
    shapes: {
      "example.w#Svc": {
        type: "service",
        version: "2024-01-01",
        operations: [{ target: "example.w#GetThing" }],
        traits: { "aws.protocols#restJson1": {}, "aws.api#service": { sdkId: "W" }, "aws.auth#sigv4": { name: "w" } },
      },
      "example.w#GetThing": {
        type: "operation",
        input: { target: "example.w#GetThingInput" },
        output: { target: "example.w#GetThingOutput" },
        traits: { "smithy.api#http": { method: "GET", uri: "/thing", code: 200 }, [WAITABLE]: waitable },
      },
      "example.w#GetThingInput": { type: "structure", members: { names: { target: "example.w#Names", traits: { "smithy.api#httpQuery": "names" } } }, traits: { "smithy.api#input": {} } },
      "example.w#Names": { type: "list", member: { target: "smithy.api#String" } },
      "example.w#GetThingOutput": {
        type: "structure",
        members: {
          status: { target: "smithy.api#String" },
          count: { target: "smithy.api#Integer" },
          items: { target: "example.w#Items" },
          at: { target: "smithy.api#Timestamp" },
          // A shape named like the WaiterState the client index re-exports for its waiters.
          phase: { target: "example.w#WaiterState" },
          // A computed key: a plain `__proto__:` in an object literal would set its prototype.
          ["__proto__"]: { target: "smithy.api#String" },
        },
        traits: { "smithy.api#output": {} },
      },
      "example.w#Items": { type: "list", member: { target: "example.w#Item" } },
      "example.w#WaiterState": { type: "enum", members: { ON: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "on" } } } },
      "example.w#Item": { type: "structure", members: { name: { target: "smithy.api#String" } } },
    },
  };
}

async function problemsOf(waitable: unknown): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "sdkgen-waiter-model-"));
  try {
    const file = join(dir, "model.json");
    writeFileSync(file, JSON.stringify(waiterModel(waitable)));
    await generate(await configForModel(file, dir), [typesEmitter, clientEmitter]);
    return "";
  } catch (error) {
    if (error instanceof ModelError) return error.message;
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pathWaiter = (path: string, comparator = "stringEquals", expected = "x") => ({ Ready: { acceptors: [{ state: "success", matcher: { output: { path, comparator, expected } } }] } });

describe("waiter paths the generator refuses, naming the waiter and the acceptor", () => {
  it.each([
    ["a member the output does not have", pathWaiter("state"), /waiter Ready: path "state": example\.w#GetThingOutput has no member state/],
    ["a field of a list", pathWaiter("items.name"), /name selects a field of a list example\.w#Items/],
    ["a comparator of the wrong type", pathWaiter("count"), /stringEquals needs a string, and the path gives a number/],
    ["a list comparator on a string", pathWaiter("status", "allStringEquals"), /allStringEquals needs a list of strings/],
    ["a timestamp, which JMESPath sees as a number", pathWaiter("at > `0`", "booleanEquals", "true"), /compares a timestamp smithy.api#Timestamp, which JMESPath sees differently/],
    ["an unsupported function", pathWaiter("to_string(count)"), /the function to_string\(\) is not supported/],
    ["a comparison that is never true", pathWaiter("status == `1`", "booleanEquals", "true"), /compares a string with a number/],
    ["bad JMESPath", pathWaiter("items[?name == 'a'"), /is not valid JMESPath/],
    ["a member named __proto__ (read as Object.prototype when unset)", pathWaiter("__proto__"), /a member named __proto__ cannot be selected/],
  ])("%s", async (_name, waitable, message) => {
    expect(await problemsOf(waitable)).toMatch(message);
  });

  it.each([
    ["no success acceptor", { Ready: { acceptors: [{ state: "failure", matcher: { success: true } }] } }, /at least one acceptor with the state success/],
    ["a bad state", { Ready: { acceptors: [{ state: "done", matcher: { success: true } }] } }, /state must be one of success, failure, retry/],
    ["two matchers", { Ready: { acceptors: [{ state: "success", matcher: { success: true, errorType: "E" } }] } }, /exactly one of output, inputOutput, success, errorType/],
    ["minDelay over maxDelay", { Ready: { minDelay: 10, maxDelay: 5, acceptors: [{ state: "success", matcher: { success: true } }] } }, /minDelay 10 is greater than maxDelay 5/],
    ["a lower-case name", { ready: { acceptors: [{ state: "success", matcher: { success: true } }] } }, /must be UpperCamelCase/],
    ["booleanEquals expecting a non-boolean", pathWaiter("status == 'a'", "booleanEquals", "yes"), /booleanEquals expects "true" or "false"/],
  ])("a trait with %s", async (_name, waitable, message) => {
    expect(await problemsOf(waitable)).toMatch(message);
  });

  it("accepts the paths it can compile", async () => {
    expect(await problemsOf(pathWaiter("length(items[?name == 'a']) > `0` && !(status == 'x')", "booleanEquals", "true"))).toBe("");
  });
});

interface TscResult {
  code: number | null;
  output: string;
}

function runTsc(project: string): Promise<TscResult> {
  return new Promise((done) => {
    execFile(process.execPath, [tscBin, "--noEmit", "-p", project], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

describe("every waiter of ../shared/aws-models", () => {
  const dir = mkdtempSync(join(tmpdir(), "sdkgen-waiter-corpus-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("compiles (57 models, 246 waiters) and type-checks against the generated types in one tsc run", async () => {
    const modelsDir = join(sharedDir, "aws-models");
    const include: string[] = [];
    const paths: Record<string, string[]> = {};
    const failures: string[] = [];
    let models = 0;
    let waiters = 0;
    for (const name of readdirSync(modelsDir).filter((f) => f.endsWith(".json")).sort()) {
      const model = JSON.parse(readFileSync(join(modelsDir, name), "utf8")) as Json;
      const shapes = Object.entries(model.shapes as Record<string, Json>);
      const waitable = shapes.filter(([, s]) => s.type === "operation" && s.traits?.[WAITABLE]).map(([id]) => id);
      if (!waitable.length) continue;
      models++;
      const [serviceId, service] = shapes.find(([, s]) => s.type === "service")!;
      if (!service.traits["aws.protocols#restJson1"]) {
        for (const t of Object.keys(service.traits)) if (t.startsWith("aws.protocols#")) delete service.traits[t];
        service.traits["aws.protocols#restJson1"] = {};
        for (const [id, s] of shapes) if (s.type === "operation") (s.traits ??= {})["smithy.api#http"] ??= { method: "POST", uri: `/${id.split("#")[1]}`, code: 200 };
      }
      const modelFile = join(dir, name);
      writeFileSync(modelFile, JSON.stringify(model));
      const out = join(dir, name.replace(/\.json$/, ""));
      mkdirSync(out);
      try {
        // Only the waitable operations (and the shapes they reach): enough for the waiters, and quick.
        const config = await configForModel(modelFile, out, serviceId, waitable);
        const { ir } = await generateAndWrite(config, [typesEmitter, clientEmitter]);
        waiters += ir.operations.reduce((n, op) => n + (op.waiters?.length ?? 0), 0);
        const types = config.packages.types!;
        paths[types.name] = [join(types.dir, "src/index.ts")];
        include.push(join(config.packages.client!.dir, "src/gen/waiters"));
      } catch (error) {
        failures.push(`${name}: ${(error as Error).message.split("\n")[0]}`);
      }
    }
    expect(failures).toEqual([]);
    expect({ models, waiters }).toEqual({ models: 57, waiters: 246 });

    // Our own model's waiters, for what the AWS models do not use: inputOutput paths, indexes, maps,
    // `||`, `!` on a member, multi-selects, pipes.
    const own = join(dir, "own");
    mkdirSync(own);
    const acceptor = (path: string, comparator = "booleanEquals", expected = "true", kind = "output") => ({ state: "success", matcher: { [kind]: { path, comparator, expected } } });
    writeFileSync(
      join(own, "model.json"),
      JSON.stringify(
        waiterModel({
          Rich: {
            acceptors: [
              acceptor("length(input.names) == length(output.items)", "booleanEquals", "true", "inputOutput"),
              acceptor("contains(input.names, output.status)", "booleanEquals", "false", "inputOutput"),
              acceptor("items[0].name", "stringEquals", "a"),
              acceptor("items[-1].name == 'z' || !(count > `3`)"),
              acceptor("items[?name != `null`].name", "allStringEquals", "a"),
              acceptor("items[].[name][]", "anyStringEquals", "b"),
              acceptor("items | [0].name", "stringEquals", "c"),
              acceptor("!status"),
              acceptor("phase", "stringEquals", "on"),
            ],
          },
        }),
      ),
    );
    const ownConfig = await configForModel(join(own, "model.json"), own);
    await generateAndWrite(ownConfig, [typesEmitter, clientEmitter]);
    paths[ownConfig.packages.types!.name] = [join(ownConfig.packages.types!.dir, "src/index.ts")];
    // Its whole client: the index re-exports the waiters next to the model's own WaiterState.
    include.push(join(ownConfig.packages.client!.dir, "src"));

    symlinkSync(join(codegenRoot, "node_modules"), join(dir, "node_modules"), "dir");
    // A canary with one type error, among the waiters: proof that tsc checked the folders it was given.
    const canary = join(dir, "canary/src/gen/waiters");
    mkdirSync(canary, { recursive: true });
    writeFileSync(join(canary, "canary.ts"), 'export const canary: number = "not a number";\n');
    include.push(canary);
    const tsconfig = {
      compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022", "DOM"], strict: true, isolatedModules: true, skipLibCheck: true, noEmit: true, types: ["node"], paths },
      include,
    };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
    const { output } = await runTsc(join(dir, "tsconfig.json"));
    // The waiters and what they import (commands, serde) are checked; only errors in waiter files
    // (and in our own model's client) are this test's business (other files have their own corpus test).
    const inWaiters = output.split("\n").filter((line) => line.includes("/src/gen/waiters/") || line.includes("/own/"));
    expect(inWaiters).toHaveLength(1);
    expect(inWaiters[0]).toMatch(/canary\.ts.*TS2322/);
  }, 600_000);
});
