/**
 * test/models/hostile.json, generated at test time and run end to end: a model whose member
 * names are `Object.prototype`'s (`__proto__`, `constructor`, `toString`, `hasOwnProperty`,
 * `valueOf`, also as enum values and union members), whose shapes are named like generated
 * symbols (`HostileClient`, `PutThingCommand`), with an operation named `Then`, and whose
 * documentation and deprecation messages hold `*\/` and `@internal` lines.
 *
 * The generated types, client and test-fixtures are type-checked (with `--stripInternal`
 * declarations, which drop any declaration whose comment contains `@internal`), and the client
 * sends requests through a capturing handler and parses canned responses.
 */
import { execFile } from "node:child_process";
import { readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { HttpResponse } from "@smithy/core/protocols";
import type { HttpRequest } from "@smithy/core/protocols";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GenerateConfig } from "../src/config/config.js";
import { configForModel, generateAndWrite } from "../src/generate.js";
import { CODEGEN_ROOT, tempDir } from "./helpers.js";

const MODEL = join(CODEGEN_ROOT, "test/models/hostile.json");
const tscBin = join(CODEGEN_ROOT, "node_modules/typescript/bin/tsc");

let dir: string;
let config: GenerateConfig;
let tsc: Promise<{ code: number; output: string }>;
let commands: Record<string, any>;
let aggregated: Record<string, any>;
let models: Record<string, any>;
const requests: HttpRequest[] = [];
let reply = "{}";

beforeAll(async () => {
  dir = tempDir("sdkgen-hostile-");
  config = await configForModel(MODEL, dir);
  config.packages["test-fixtures"] = { name: "hostile-test-fixtures", dir: join(dir, "hostile-test-fixtures") };
  await generateAndWrite(config);
  symlinkSync(join(CODEGEN_ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  const tsconfig = {
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      lib: ["ES2022", "DOM"],
      strict: true,
      noImplicitOverride: true,
      skipLibCheck: true,
      declaration: true,
      emitDeclarationOnly: true,
      stripInternal: true,
      outDir: "dts",
      rootDir: ".",
      types: ["node"],
      paths: {
        "hostile-types": ["./hostile-types/src/index.ts"],
        "hostile-client": ["./hostile-client/src/index.ts"],
      },
    },
    include: ["hostile-types/src", "hostile-client/src", "hostile-test-fixtures/src"],
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
  tsc = new Promise((done) => {
    execFile(process.execPath, [tscBin, "-p", join(dir, "tsconfig.json")], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
  const gen = join(dir, "hostile-client/src/gen");
  commands = await import(/* @vite-ignore */ join(gen, "commands/PutThingCommand.ts"));
  aggregated = await import(/* @vite-ignore */ join(gen, "Hostile.ts"));
  models = await import(/* @vite-ignore */ join(dir, "hostile-types/src/gen/models.ts"));
}, 120_000);

afterAll(async () => {
  await tsc?.catch(() => undefined);
  if (dir && !process.env.SDKGEN_KEEP_GENERATED) rmSync(dir, { recursive: true, force: true });
});

function client(extra: Record<string, unknown> = {}) {
  return new aggregated.Hostile({
    region: "us-east-1",
    credentials: { accessKeyId: "AKID", secretAccessKey: "SECRET" },
    maxAttempts: 1,
    requestHandler: {
      async handle(request: HttpRequest) {
        requests.push(request);
        return { response: new HttpResponse({ statusCode: 200, headers: { "content-type": "application/json" }, body: new TextEncoder().encode(reply) }) };
      },
    },
    ...extra,
  });
}

/** Every hostile name set, in the model's member order, as JSON.parse makes them: own properties. */
const FULL = `{"__proto__":"p","constructor":"c","toString":5,"hasOwnProperty":true,"valueOf":{"__proto__":"vp","toString":"ts"},"kind":"__proto__","nested":{"__proto__":{"__proto__":"np"},"constructor":"nc","valueOf":"nv"},"choice":{"__proto__":"cp"}}`;

describe("members named like Object.prototype's are data", () => {
  it("serializes every one of them, nested too, and validateInput accepts the input", async () => {
    const input = JSON.parse(FULL);
    await client({ validateInput: true }).send(new commands.PutThingCommand(input));
    expect(String(requests.at(-1)!.body)).toBe(FULL);
  });

  it("sends nothing for members the input leaves out (not Object.prototype's functions)", async () => {
    await client().send(new commands.PutThingCommand(JSON.parse(`{"__proto__":"p","nested":{"constructor":"nc"}}`)));
    expect(String(requests.at(-1)!.body)).toBe(`{"__proto__":"p","nested":{"constructor":"nc"}}`);
  });

  it("validateInput reports a missing required __proto__ and constructor, which every object inherits", async () => {
    const error = await client({ validateInput: true })
      .send(new commands.PutThingCommand({ nested: {} }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ConstraintViolationError" });
    expect((error as { violations: { path: string }[] }).violations.map((v) => v.path).sort()).toEqual(["/__proto__", "/nested/constructor"]);
  });

  it("parses them from a response without touching the output's prototype", async () => {
    reply = FULL;
    const out = await client().send(new commands.PutThingCommand(JSON.parse(`{"__proto__":"p"}`)));
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, "__proto__")).toBe(true);
    expect(out["__proto__"]).toBe("p");
    expect([out.constructor, out.toString, out.hasOwnProperty, out.kind]).toEqual(["c", 5, true, "__proto__"]);
    expect(Object.getPrototypeOf(out.valueOf)).toBe(Object.prototype);
    expect(out.valueOf["__proto__"]).toBe("vp");
    expect(out.nested["__proto__"]["__proto__"]).toBe("np");
    expect(Object.getPrototypeOf(out.nested["__proto__"])).toBe(Object.prototype);
    expect(Object.keys(out.choice)).toEqual(["__proto__"]);
    expect(out.choice["__proto__"]).toBe("cp");
  });

  it("parses a response that omits them all (it used to throw a TypeError)", async () => {
    reply = `{"nested":{"constructor":"nc"},"choice":{"constructor":7}}`;
    const out = await client().send(new commands.PutThingCommand(JSON.parse(`{"__proto__":"p"}`)));
    expect(Object.hasOwn(out, "constructor")).toBe(false);
    expect(Object.hasOwn(out, "__proto__")).toBe(false);
    expect(out.nested).toEqual({ constructor: "nc" });
    expect(Object.keys(out.choice)).toEqual(["constructor"]);
  });

  it("an error's __proto__ member is data: the error keeps its class", async () => {
    const errors = await import(/* @vite-ignore */ join(dir, "hostile-client/src/gen/models/errors.ts"));
    const c = new aggregated.Hostile({
      region: "us-east-1",
      credentials: { accessKeyId: "AKID", secretAccessKey: "SECRET" },
      maxAttempts: 1,
      requestHandler: {
        async handle() {
          const body = new TextEncoder().encode(`{"__proto__":"p","toString":"t","Reason":"r"}`);
          return { response: new HttpResponse({ statusCode: 400, headers: { "content-type": "application/json", "x-amzn-errortype": "Refused" }, body }) };
        },
      },
    });
    const error = await c.send(new commands.PutThingCommand(JSON.parse(`{"__proto__":"p"}`))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errors.Refused);
    expect(Object.hasOwn(error, "__proto__")).toBe(true);
    expect(error["__proto__"]).toBe("p");
    expect(error.Reason).toBe("r");
    // A `toString` member cannot be an Error's: String(error) still works.
    expect(String(error)).toMatch(/^Refused/);
  });

  it("keeps __proto__ in the generated enum object", () => {
    expect(Object.keys(models.Kind)).toEqual(["__proto__", "constructor", "PLAIN"]);
    expect(models.Kind["__proto__"]).toBe("__proto__");
    expect(Object.getPrototypeOf(models.Kind)).toBe(Object.prototype);
  });
});

describe("test fixtures of the hostile model", () => {
  const fixtures = (file: string) => import(/* @vite-ignore */ join(dir, "hostile-test-fixtures/src/gen", file));

  it("examples keep every hostile member as data, and the client accepts them with validateInput", async () => {
    const { PutThingExamples: examples } = await fixtures("examples/PutThing.ts");
    expect(Object.getPrototypeOf(examples.minimalInput)).toBe(Object.prototype);
    expect(Object.keys(examples.minimalInput)).toEqual(["__proto__"]);
    expect(Object.keys(examples.maximalInput)).toEqual(expect.arrayContaining(["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]));
    expect(Object.keys(examples.output)).toEqual(expect.arrayContaining(["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]));
    for (const input of [examples.minimalInput, examples.maximalInput]) {
      await client({ validateInput: true }).send(new commands.PutThingCommand(input));
      expect(Object.keys(JSON.parse(String(requests.at(-1)!.body)))).toEqual(Object.keys(input).filter((k) => input[k] !== undefined));
    }
  });

  it("arbitraries generate own __proto__ members, never prototypes", async () => {
    const fc = await import("fast-check");
    const arbitraries = await fixtures("arbitraries.ts");
    for (const input of fc.sample<object>(arbitraries.PutThingInput(), 25)) {
      expect(Object.getPrototypeOf(input)).toBe(Object.prototype);
      expect(Object.hasOwn(input, "__proto__")).toBe(true);
      await client({ validateInput: true }).send(new commands.PutThingCommand(input));
    }
    for (const choice of fc.sample<object>(arbitraries.Choice(), 25)) expect(Object.getPrototypeOf(choice)).toBe(Object.prototype);
  });
});

describe("the fake's wire code on the hostile model", () => {
  it("reads a request's hostile members as own data and writes them back out", async () => {
    const { schema } = await import(/* @vite-ignore */ join(dir, "hostile-test-fixtures/src/gen/schema.ts"));
    const wire = await import("@connect-sdk/test-kit");
    const request = { method: "POST", path: "/things", query: {}, headers: { "content-type": "application/json" }, body: new TextEncoder().encode(FULL) };
    const input = wire.readRequest(schema, "PutThing", request, {}) as Record<string, any>;
    expect(Object.getPrototypeOf(input)).toBe(Object.prototype);
    expect(Object.keys(input)).toEqual(["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "kind", "nested", "choice"]);
    expect(Object.getPrototypeOf(input.nested["__proto__"])).toBe(Object.prototype);
    expect(String(wire.writeRequest(schema, "PutThing", input).body)).toBe(FULL);
    // A request without them: nothing inherited is taken for a member, nothing sent back.
    const bare = wire.readRequest(schema, "PutThing", { ...request, body: new TextEncoder().encode(`{"nested":{}}`) }, {});
    expect(Object.keys(bare)).toEqual(["nested"]);
    expect(String(wire.writeResponse(schema, "PutThing", bare).body)).toBe(`{"nested":{}}`);
  });
});

describe("the fake's router on labels named like Object.prototype's", () => {
  it("keeps a label named __proto__ or constructor as own data", async () => {
    // The router is the test kit's (@connect-sdk/test-kit), which every generated fake imports.
    const router = await import("@connect-sdk/test-kit");
    // Only the routing part of a schema matters to matchRoute.
    const schema = { operations: { GetIt: { method: "GET", uri: "/it/{__proto__}/{constructor}/{valueOf+}" } } } as unknown as Parameters<typeof router.matchRoute>[0];
    const match = router.matchRoute(schema, "GET", "/it/p/c/a/b", {});
    expect(match?.operation).toBe("GetIt");
    const labels = match!.labels as Record<string, unknown>;
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
    expect(Object.keys(labels)).toEqual(["__proto__", "constructor", "valueOf"]);
    expect(Object.getOwnPropertyDescriptor(labels, "__proto__")?.value).toBe("p");
    expect(labels.constructor).toBe("c");
    expect(labels.valueOf).toBe("a/b");
  });
});

describe("names the generator also uses", () => {
  it("renames shapes named like generated symbols instead of rejecting the model", () => {
    const types = readFileSync(join(dir, "hostile-types/src/gen/models.ts"), "utf8");
    expect(types).toContain("export interface HostileClient_ {");
    expect(types).toContain("export interface PutThingCommand_ {");
  });

  it("an operation named Then does not make the aggregated client thenable", async () => {
    const c = client();
    expect(c.then).toBeUndefined();
    expect(typeof c.then_).toBe("function");
    // `await` of a thenable would call then(): the operation would be sent.
    const before = requests.length;
    expect(await c).toBe(c);
    expect(requests.length).toBe(before);
    reply = `{"value":"v"}`;
    expect((await c.then_({})).value).toBe("v");
  });
});

describe("documentation from the model", () => {
  it("never closes a comment early nor carries @internal", () => {
    for (const pkg of ["hostile-types", "hostile-client"]) {
      for (const file of readdirSync(join(dir, pkg, "src/gen"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"))) {
        const text = readFileSync(join(dir, pkg, "src/gen", file), "utf8");
        expect(text, `${pkg}/${file}`).not.toContain("@internal");
        expect(text, `${pkg}/${file}`).not.toContain("*/ export const broken");
        expect(text, `${pkg}/${file}`).not.toMatch(/^\s*\* @(?!deprecated|example|throws|param|returns|see)/m);
      }
    }
  });

  it("type-checks, and tsc --stripInternal keeps every declaration", async () => {
    const { code, output } = await tsc;
    expect(output.trim()).toBe("");
    expect(code).toBe(0);
    const dts = readFileSync(join(dir, "dts/hostile-client/src/gen/commands/PutThingCommand.d.ts"), "utf8");
    expect(dts).toContain("export declare class PutThingCommand");
    expect(readFileSync(join(dir, "dts/hostile-types/src/gen/models.d.ts"), "utf8")).toContain("export interface PutThingInput");
  }, 240_000);
});
