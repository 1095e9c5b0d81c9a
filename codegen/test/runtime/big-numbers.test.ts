/**
 * bigInteger and bigDecimal (issue 10, item 6): JSON numbers on the wire both ways, exact beyond
 * 2^53 (bigint and @smithy/core's NumericValue), read with the lossless JSON reader, validated
 * exactly. A client generated from a small inline model, run.
 */
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { HttpResponse } from "@smithy/core/protocols";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { NumericValue } from "@smithy/core/serde";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configForModel, generateFromModel } from "../../src/generate.js";
import { loadModelFile } from "../../src/load/load.js";
import { writePackages } from "../../src/output/write.js";
import { CODEGEN_ROOT } from "../helpers.js";

const OUT = process.env.SDKGEN_PROTOCOL_OUT ?? join(CODEGEN_ROOT, `test/.generated/run-${process.pid}`);

const MODEL = {
  smithy: "2.0",
  shapes: {
    "example.numbers#Numbers": {
      type: "service",
      version: "2024-01-01",
      operations: [{ target: "example.numbers#Measure" }],
      traits: { "aws.api#service": { sdkId: "Numbers" }, "aws.auth#sigv4": { name: "numbers" }, "aws.protocols#restJson1": {} },
    },
    "example.numbers#Measure": {
      type: "operation",
      input: { target: "example.numbers#MeasureInput" },
      output: { target: "example.numbers#MeasureOutput" },
      traits: { "smithy.api#http": { method: "POST", uri: "/measure", code: 200 } },
    },
    "example.numbers#MeasureInput": {
      type: "structure",
      members: {
        population: { target: "example.numbers#Population" },
        area: { target: "smithy.api#BigDecimal" },
        sample: { target: "example.numbers#Sample" },
        precision: { target: "smithy.api#BigDecimal", traits: { "smithy.api#httpHeader": "X-Precision" } },
      },
    },
    "example.numbers#MeasureOutput": {
      type: "structure",
      members: {
        population: { target: "example.numbers#Population" },
        area: { target: "smithy.api#BigDecimal" },
        sample: { target: "example.numbers#Sample" },
        values: { target: "example.numbers#DecimalList" },
        precision: { target: "smithy.api#BigDecimal", traits: { "smithy.api#httpHeader": "X-Precision" } },
      },
    },
    "example.numbers#Population": { type: "bigInteger", traits: { "smithy.api#range": { min: 0 } } },
    "example.numbers#Sample": {
      type: "structure",
      members: {
        count: { target: "example.numbers#Population" },
        value: { target: "smithy.api#BigDecimal" },
        reading: { target: "smithy.api#Double" },
        total: { target: "smithy.api#Long" },
        meta: { target: "smithy.api#Document" },
      },
    },
    "example.numbers#DecimalList": { type: "list", member: { target: "smithy.api#BigDecimal" } },
  },
};

let sdk: any;
const requests: any[] = [];
let reply: () => { statusCode: number; headers?: Record<string, string>; body?: string } = () => ({ statusCode: 200, body: "{}" });

beforeAll(async () => {
  const file = join(OUT, "numbers.json");
  mkdirSync(OUT, { recursive: true });
  writeFileSync(file, JSON.stringify(MODEL));
  const config = await configForModel(file, OUT);
  // The test kit too: its examples and arbitraries hold NumericValues.
  config.packages["test-fixtures"] = { name: "numbers-fixtures", dir: join(OUT, "numbers-fixtures") };
  const { packages } = await generateFromModel(await loadModelFile(file), config);
  await writePackages(packages);
  sdk = await import(join(OUT, "numbers-client/src/index.ts"));
}, 60_000);

afterAll(() => {
  if (!process.env.SDKGEN_KEEP_GENERATED) for (const dir of ["numbers-client", "numbers-types"]) rmSync(join(OUT, dir), { recursive: true, force: true });
});

function client(extra: Record<string, unknown> = {}) {
  return new sdk.NumbersClient({
    region: "us-east-1",
    endpoint: "https://numbers.example.com",
    credentials: { accessKeyId: "AKID", secretAccessKey: "SECRET" },
    retryStrategy: new ConfiguredRetryStrategy(1, 1),
    requestHandler: {
      async handle(request: any) {
        requests.push(request);
        const r = reply();
        return { response: new HttpResponse({ statusCode: r.statusCode, headers: r.headers ?? {}, body: new TextEncoder().encode(r.body ?? "") }) };
      },
    },
    ...extra,
  });
}

describe("bigInteger and bigDecimal", () => {
  it("sends and reads bigInteger and bigDecimal as exact JSON numbers beyond 2^53, and documents and plain numbers as before", async () => {
    const big = 2n ** 64n + 1n;
    const decimal = "123456789012345678901234567890.12345678901234567890";
    reply = () => ({
      statusCode: 200,
      headers: { "content-type": "application/json", "x-precision": "0.000000000000000000001" },
      body: `{"population":${big},"area":${decimal},"values":[1.10,2,${decimal}],"sample":{"count":9007199254740993,"value":1e400,"reading":1.0,"total":12,"meta":{"n":1.50,"big":9007199254740993,"s":"9007199254740993"}}}`,
    });
    requests.length = 0;
    const out = await client().send(
      new sdk.MeasureCommand({ population: big, area: new NumericValue(decimal, "bigDecimal"), precision: new NumericValue("0.5", "bigDecimal"), sample: { count: 9007199254740993n, value: new NumericValue("-1.50", "bigDecimal"), reading: 0.1 } }),
    );
    // On the wire: bare JSON numbers, digit for digit.
    expect(String(requests.at(-1).body)).toBe(`{"population":${big},"area":${decimal},"sample":{"count":9007199254740993,"value":-1.50,"reading":0.1}}`);
    expect(requests.at(-1).headers["x-precision"]).toBe("0.5");
    expect(out.population).toBe(big);
    expect(out.area).toEqual(new NumericValue(decimal, "bigDecimal"));
    expect(out.values.map(String)).toEqual(["1.10", "2", decimal]);
    expect(out.sample.count).toBe(9007199254740993n);
    expect(String(out.sample.value)).toBe("1e400");
    expect(out.sample.reading).toBe(1);
    expect(out.sample.total).toBe(12);
    // A document holds plain JSON values.
    expect(out.sample.meta).toEqual({ n: 1.5, big: 9007199254740992, s: "9007199254740993" });
    expect(String(out.precision)).toBe("0.000000000000000000001");
    // A number that is not an integer is refused for a bigInteger, typed.
    reply = () => ({ statusCode: 200, headers: { "content-type": "application/json" }, body: '{"population":1.5}' });
    const error = await client().send(new sdk.MeasureCommand({})).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "DeserializationError", $fault: "client", path: "MeasureOutput.population" });
  });

  it("validates bigInteger and bigDecimal inputs: exact bigint ranges, NumericValue for bigDecimal", async () => {
    reply = () => ({ statusCode: 200, headers: { "content-type": "application/json" }, body: "{}" });
    const c = client({ validateInput: true });
    await c.send(new sdk.MeasureCommand({ population: 2n ** 70n, area: new NumericValue("1.5", "bigDecimal") }));
    const below = await c.send(new sdk.MeasureCommand({ population: -1n })).catch((e: unknown) => e);
    expect(below).toBeInstanceOf(sdk.ConstraintViolationError);
    const wrong = await c.send(new sdk.MeasureCommand({ area: "1.5" })).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(sdk.ConstraintViolationError);
  });


  it("validates big numbers with checkExactNumber and the others with checkNumber, which carries no decimal compare", () => {
    // A client without big numbers or huge bounds then leaves the exact compare out of its bundle.
    const source = readFileSync(join(OUT, "numbers-client/src/gen/validation/validators.ts"), "utf8");
    expect(source).toContain('checkExactNumber(object.count, `${path}/count`, out, "bigInteger", { min: 0 })');
    expect(source).toContain('checkExactNumber(object.value, `${path}/value`, out, "bigDecimal")');
    expect(source).toContain('checkNumber(object.reading, `${path}/reading`, out, "double")');
    expect(source).toContain('checkNumber(object.total, `${path}/total`, out, "long")');
  });

  it("type-checks, test kit included: bigInteger as bigint, bigDecimal as NumericValue", async () => {
    const project = join(OUT, "numbers-tsconfig.json");
    writeFileSync(
      project,
      JSON.stringify({
        compilerOptions: { target: "es2022", module: "nodenext", moduleResolution: "nodenext", strict: true, noEmit: true, skipLibCheck: true, lib: ["es2022", "dom"], types: ["node"], paths: { "numbers-types": ["./numbers-types/src/index.ts"], "numbers-client": ["./numbers-client/src/index.ts"] } },
        include: ["numbers-client/src/**/*.ts", "numbers-types/src/**/*.ts", "numbers-fixtures/src/**/*.ts"],
      }),
    );
    const tsc = join(CODEGEN_ROOT, "node_modules/typescript/bin/tsc");
    const output = await new Promise<string>((done) => execFile(process.execPath, [tsc, "-p", project], (error, stdout, stderr) => done(error ? `${stdout}${stderr}` || String(error) : "")));
    expect(output).toBe("");
    const types = (await import("node:fs")).readFileSync(join(OUT, "numbers-types/src/gen/models.ts"), "utf8");
    expect(types).toMatch(/population\?: bigint \| undefined;/);
    expect(types).toMatch(/area\?: NumericValue \| undefined;/);
  }, 120_000);
});
