/**
 * `@range` bounds a double cannot hold (issue 10, item 6): beyond 2^53 on `bigInteger` and
 * `long`, 30 digits on `bigDecimal`. Kept exactly from the model file (JSON AST and IDL) through
 * the IR into the client's validators and the test kit's examples, invalid cases and
 * arbitraries; `sdkgen ast`/`idl` write them back digit for digit and `sdkgen diff` sees a
 * bound move by one.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { NumericValue } from "@smithy/core/serde";
import * as fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffModels } from "../../src/diff/index.js";
import { configForModel, generateFromModel } from "../../src/generate.js";
import { buildIR } from "../../src/ir/index.js";
import { loadModel, parseModel } from "../../src/load/index.js";
import { stringifyExact } from "../../src/load/exact-numbers.js";
import { modelToIdl } from "../../src/load/idl/serialize.js";
import type { SmithyModel } from "../../src/load/types.js";
import { writePackages } from "../../src/output/write.js";
import { CODEGEN_ROOT } from "../helpers.js";

const OUT = join(CODEGEN_ROOT, `test/.generated/ranges-${process.pid}`);

const I64_MIN = "-9223372036854775808";
const I64_MAX = "9223372036854775807";
/** 2^64 + 1: a double reads it as 2^64. */
const ABOVE_2_64 = "18446744073709551617";
/** Just below the double nearest 0.1 (0.1000000000000000055511151231257827021181583404541015625). */
const TENTH = "0.1000000000000000055511151231257827";
const DECIMAL_MAX = "12345678901234567890.123456789";

const IDL = `$version: "2"
namespace example.ranges

use aws.api#service
use aws.auth#sigv4
use aws.protocols#restJson1

@service(sdkId: "Ranges")
@sigv4(name: "ranges")
@restJson1
service Ranges {
    version: "2024-01-01"
    operations: [Put]
}

@http(method: "POST", uri: "/put", code: 200)
operation Put {
    input := {
        count: Count
        big: Big
        ratio: Ratio
        total: Total
    }
    output := {}
}

@range(min: ${I64_MIN}, max: ${I64_MAX})
bigInteger Count

@range(min: ${ABOVE_2_64})
bigInteger Big

@range(min: ${TENTH}, max: ${DECIMAL_MAX})
bigDecimal Ratio

@range(min: ${I64_MIN}, max: ${I64_MAX})
long Total
`;

/** The same model as a JSON AST, written as text: a JavaScript object could not hold the bounds. */
const JSON_AST = `{
  "smithy": "2.0",
  "shapes": {
    "example.ranges#Ranges": {
      "type": "service", "version": "2024-01-01", "operations": [{ "target": "example.ranges#Put" }],
      "traits": { "aws.api#service": { "sdkId": "Ranges" }, "aws.auth#sigv4": { "name": "ranges" }, "aws.protocols#restJson1": {} }
    },
    "example.ranges#Put": {
      "type": "operation", "input": { "target": "example.ranges#PutInput" }, "output": { "target": "example.ranges#PutOutput" },
      "traits": { "smithy.api#http": { "method": "POST", "uri": "/put", "code": 200 } }
    },
    "example.ranges#PutInput": {
      "type": "structure",
      "members": {
        "count": { "target": "example.ranges#Count" }, "big": { "target": "example.ranges#Big" },
        "ratio": { "target": "example.ranges#Ratio" }, "total": { "target": "example.ranges#Total" }
      },
      "traits": { "smithy.api#input": {} }
    },
    "example.ranges#PutOutput": { "type": "structure", "members": {}, "traits": { "smithy.api#output": {} } },
    "example.ranges#Count": { "type": "bigInteger", "traits": { "smithy.api#range": { "min": ${I64_MIN}, "max": ${I64_MAX} } } },
    "example.ranges#Big": { "type": "bigInteger", "traits": { "smithy.api#range": { "min": ${ABOVE_2_64} } } },
    "example.ranges#Ratio": { "type": "bigDecimal", "traits": { "smithy.api#range": { "min": ${TENTH}, "max": ${DECIMAL_MAX} } } },
    "example.ranges#Total": { "type": "long", "traits": { "smithy.api#range": { "min": ${I64_MIN}, "max": ${I64_MAX} } } }
  }
}`;

const nv = (text: string) => new NumericValue(text, "bigDecimal");

let jsonModel: SmithyModel;
let idlModel: SmithyModel;
let sdk: any;
let examples: any;
let arbitraries: any;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, "ranges.json"), JSON_AST);
  writeFileSync(join(OUT, "ranges.smithy"), IDL);
  jsonModel = await loadModel(join(OUT, "ranges.json"));
  idlModel = await loadModel(join(OUT, "ranges.smithy"));
  const config = await configForModel(join(OUT, "ranges.json"), OUT);
  config.packages["test-fixtures"] = { name: "ranges-fixtures", dir: join(OUT, "ranges-fixtures") };
  const { packages } = await generateFromModel(jsonModel, config);
  await writePackages(packages);
  sdk = await import(/* @vite-ignore */ join(OUT, "ranges-client/src/index.ts"));
  examples = (await import(/* @vite-ignore */ join(OUT, "ranges-fixtures/src/gen/examples/Put.ts"))).PutExamples;
  arbitraries = await import(/* @vite-ignore */ join(OUT, "ranges-fixtures/src/gen/arbitraries.ts"));
}, 120_000);

afterAll(() => {
  if (!process.env.SDKGEN_KEEP_GENERATED) rmSync(OUT, { recursive: true, force: true });
});

/** The range violations validateInput reports for an input, by member path. */
async function violations(input: Record<string, unknown>): Promise<string[]> {
  const client = new sdk.RangesClient({
    region: "us-east-1",
    endpoint: "https://ranges.example.com",
    credentials: { accessKeyId: "AKID", secretAccessKey: "SECRET" },
    validateInput: true,
    requestHandler: { handle: async () => ({ response: { statusCode: 200, headers: {}, body: new TextEncoder().encode("{}") } }) },
  });
  const error = await client.send(new sdk.PutCommand(input)).catch((e: unknown) => e);
  if (!(error instanceof sdk.ConstraintViolationError)) return [];
  return (error as unknown as { violations: { path: string; constraint: string }[] }).violations.map((v) => `${v.path} ${v.constraint}`);
}

describe("@range bounds beyond a double's precision", () => {
  it("the IR keeps them exactly, from the JSON AST and from the IDL alike", () => {
    for (const model of [jsonModel, idlModel]) {
      const ir = buildIR(model);
      const range = (name: string) => ir.shapes.find((s) => s.id === `example.ranges#${name}`)!.constraints.range;
      // -2^63 is a double, but its shortest text is -9223372036854776000: the literal is kept too.
      expect(range("Count")).toMatchObject({ min: -9223372036854775808, minText: I64_MIN, maxText: I64_MAX });
      expect(range("Big")).toMatchObject({ minText: ABOVE_2_64 });
      expect(range("Ratio")).toMatchObject({ minText: TENTH, maxText: DECIMAL_MAX });
      expect(range("Total")).toMatchObject({ maxText: I64_MAX });
    }
  });

  it("the client's validator accepts each exact bound and refuses one step past it", async () => {
    expect(await violations({ count: BigInt(I64_MAX), big: BigInt(ABOVE_2_64), ratio: nv(TENTH), total: Number.MAX_SAFE_INTEGER })).toEqual([]);
    expect(await violations({ count: BigInt(I64_MIN), ratio: nv(DECIMAL_MAX), total: Number.MIN_SAFE_INTEGER })).toEqual([]);
    // 2^63 and 2^64 are what a double makes of the bounds: they used to pass.
    expect(await violations({ count: BigInt(I64_MAX) + 1n })).toEqual(["/count range"]);
    expect(await violations({ count: BigInt(I64_MIN) - 1n })).toEqual(["/count range"]);
    expect(await violations({ big: BigInt(ABOVE_2_64) - 1n })).toEqual(["/big range"]);
    expect(await violations({ ratio: nv(`${TENTH.slice(0, -1)}6999999999999999999999999999999`) })).toEqual(["/ratio range"]); // bound - 1e-61
    expect(await violations({ ratio: nv("0.1000000000000000055511151231257826") })).toEqual(["/ratio range"]); // bound - 1e-34
    expect(await violations({ ratio: nv("12345678901234567890.123456789000000000000000000001") })).toEqual(["/ratio range"]); // bound + 1e-30
    expect(await violations({ ratio: nv("0.1") })).toEqual(["/ratio range"]);
  });

  it("examples hold values inside the exact bounds, and the invalid cases lie just outside", async () => {
    for (const input of [examples.minimalInput, examples.maximalInput]) expect(await violations(input)).toEqual([]);
    expect(examples.maximalInput.count).toBe(BigInt(I64_MAX));
    expect(String(examples.maximalInput.ratio)).toBe(DECIMAL_MAX);
    const ranges = examples.invalidInputs.filter((c: any) => c.violation.constraint === "range");
    const byPath = Object.fromEntries(ranges.map((c: any) => [`${c.violation.path} ${c.description.includes("below") ? "min" : "max"}`, c.input]));
    expect(byPath["/count max"].count).toBe(BigInt(I64_MAX) + 1n);
    expect(byPath["/count min"].count).toBe(BigInt(I64_MIN) - 1n);
    expect(byPath["/big min"].big).toBe(BigInt(ABOVE_2_64) - 1n);
    expect(String(byPath["/ratio min"].ratio)).toBe("-0.8999999999999999944488848768742173");
    expect(String(byPath["/ratio max"].ratio)).toBe("12345678901234567891.123456789");
    for (const input of ranges.map((c: any) => c.input)) expect((await violations(input)).length).toBe(1);
  });

  it("arbitraries draw values inside the exact bounds", async () => {
    const inputs: any[] = fc.sample(arbitraries.PutInput(), { numRuns: 300, seed: 7 });
    for (const input of inputs) {
      if (input.count !== undefined) expect(input.count <= BigInt(I64_MAX) && input.count >= BigInt(I64_MIN)).toBe(true);
      if (input.big !== undefined) expect(input.big >= BigInt(ABOVE_2_64)).toBe(true);
    }
    const ratios = inputs.filter((i: any) => i.ratio !== undefined);
    expect(ratios.length).toBeGreaterThan(10);
    for (const input of ratios) expect(await violations({ ratio: input.ratio })).toEqual([]);
  });

  it("sdkgen ast and idl write the bounds back digit for digit, and read back the same", () => {
    const ast = stringifyExact(idlModel, 4);
    for (const text of [I64_MAX, ABOVE_2_64, TENTH, DECIMAL_MAX]) expect(ast).toContain(`: ${text}`);
    const idl = [...modelToIdl(jsonModel).values()].join("\n");
    expect(idl).toContain(`@range(\n    min: ${TENTH}\n    max: ${DECIMAL_MAX}\n)`);
    const again = buildIR(parseModel(ast)).shapes.find((s) => s.id === "example.ranges#Ratio")!.constraints.range;
    expect(again).toMatchObject({ minText: TENTH, maxText: DECIMAL_MAX });
  });

  it("sdkgen diff sees a bound beyond 2^53 move by one", async () => {
    const edited = JSON_AST.replace(`"max": ${I64_MAX} } } },\n    "example.ranges#Big"`, `"max": 9223372036854775806 } } },\n    "example.ranges#Big"`);
    expect(edited).not.toBe(JSON_AST);
    const diff = diffModels(jsonModel, parseModel(edited));
    expect(diff.changes.map((c) => `${c.severity} ${c.code} ${c.message}`)).toEqual([expect.stringMatching(/^major ChangedRangeTrait @range narrowed from -9223372036854775808\.\.9223372036854775807 to -9223372036854775808\.\.9223372036854775806/)]);
    expect(diffModels(jsonModel, parseModel(JSON_AST)).changes).toEqual([]);
  });
});
