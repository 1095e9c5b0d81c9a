/**
 * The endpoint rule-set compiler (`src/emit/client/endpoints.ts`): the compiled resolvers of the
 * real Connect and Connect Cases rule sets pass every `smithy.rules#endpointTests` case of their
 * models, and a rule set of our own that calls every supported function gives, over a grid of
 * parameters, exactly what `@smithy/core/endpoints`' interpreter gives. The generated files
 * type-check.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { awsEndpointFunctions } from "@aws-sdk/util-endpoints";
import { customEndpointFunctions, resolveEndpoint } from "@smithy/core/endpoints";
import type { EndpointV2, RuleSetObject } from "@smithy/types";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { emitEndpointRules } from "../../src/emit/client/endpoints.js";
import type { EndpointRuleSet, ServiceIR } from "../../src/ir/types.js";
import { CODEGEN_ROOT, REPO_ROOT, tempDir } from "../helpers.js";

const SHARED = process.env.CONNECT_SDK_SHARED ?? resolve(REPO_ROOT, "../shared");

interface Resolver {
  resolve(params: Record<string, unknown>, context: object): EndpointV2;
}

interface TestCase {
  documentation?: string;
  params?: Record<string, unknown>;
  expect: { endpoint?: { url: string; headers?: Record<string, string[]>; properties?: Record<string, unknown> }; error?: string };
}

/** Writes the compiled resolver of `ruleSet` (with the runtime it imports) under `dir/name`. */
function writeResolver(dir: string, name: string, ruleSet: EndpointRuleSet): string {
  const ir = { service: { id: `test#${name}`, sdkId: name, endpointRuleSet: ruleSet, clientContextParams: {} } } as unknown as ServiceIR;
  const root = join(dir, name);
  mkdirSync(join(root, "src/gen/endpoint"), { recursive: true });
  const rules = emitEndpointRules(ir);
  writeFileSync(join(root, rules.path), rules.toString());
  // The resolver imports @connect-sdk/client-runtime by name: linked into the temporary folder.
  const runtime = dirname(createRequire(import.meta.url).resolve("@connect-sdk/client-runtime/package.json"));
  mkdirSync(join(dir, "node_modules/@connect-sdk"), { recursive: true });
  if (!existsSync(join(dir, "node_modules/@connect-sdk/client-runtime"))) symlinkSync(runtime, join(dir, "node_modules/@connect-sdk/client-runtime"), "dir");
  return join(root, "src/gen/endpoint/rules.ts");
}

async function load(file: string): Promise<Resolver> {
  return ((await import(/* @vite-ignore */ file)) as { endpointRules: Resolver }).endpointRules;
}

function modelRules(file: string): { ruleSet: EndpointRuleSet; cases: TestCase[] } {
  const model = JSON.parse(readFileSync(file, "utf8")) as { shapes: Record<string, { type: string; traits?: Record<string, unknown> }> };
  const traits = Object.values(model.shapes).find((s) => s.type === "service")!.traits!;
  return {
    ruleSet: traits["smithy.rules#endpointRuleSet"] as EndpointRuleSet,
    cases: (traits["smithy.rules#endpointTests"] as { testCases: TestCase[] }).testCases,
  };
}

/** A rule set of our own that calls every function the compiler supports. */
const OWN_RULES = {
  version: "1.0",
  parameters: {
    Region: { type: "String", builtIn: "AWS::Region" },
    Endpoint: { type: "String", builtIn: "SDK::Endpoint" },
    UseFIPS: { type: "Boolean", builtIn: "AWS::UseFIPS", required: true, default: false },
    Bucket: { type: "String" },
    Arn: { type: "String" },
    ForcePath: { type: "Boolean" },
  },
  rules: [
    {
      documentation: "An access point ARN",
      conditions: [
        { fn: "isSet", argv: [{ ref: "Arn" }] },
        { fn: "aws.parseArn", argv: [{ ref: "Arn" }], assign: "ParsedArn" },
      ],
      rules: [
        {
          conditions: [
            { fn: "getAttr", argv: [{ ref: "ParsedArn" }, "resourceId[0]"], assign: "ResourceType" },
            { fn: "stringEquals", argv: [{ ref: "ResourceType" }, "accesspoint"] },
            { fn: "getAttr", argv: [{ ref: "ParsedArn" }, "resourceId[1]"], assign: "AccessPoint" },
            { fn: "isValidHostLabel", argv: [{ ref: "AccessPoint" }, false] },
          ],
          endpoint: {
            url: "https://{AccessPoint}-{ParsedArn#accountId}.{ParsedArn#region}.example.com",
            properties: { authSchemes: [{ name: "sigv4", signingRegion: "{ParsedArn#region}", disableDoubleEncoding: true }] },
            headers: { "x-arn": ["{Arn}", "{ParsedArn#service}"] },
          },
          type: "endpoint",
        },
        { conditions: [], error: "Unsupported ARN resource {ParsedArn#resourceId[0]} in {Arn}", type: "error" },
      ],
      type: "tree",
    },
    {
      conditions: [
        { fn: "isSet", argv: [{ ref: "Endpoint" }] },
        { fn: "parseURL", argv: [{ ref: "Endpoint" }], assign: "url" },
      ],
      rules: [
        {
          conditions: [
            { fn: "isSet", argv: [{ ref: "Bucket" }] },
            { fn: "not", argv: [{ fn: "booleanEquals", argv: [{ ref: "ForcePath" }, true] }] },
            { fn: "aws.isVirtualHostableS3Bucket", argv: [{ ref: "Bucket" }, false] },
            { fn: "booleanEquals", argv: [{ fn: "getAttr", argv: [{ ref: "url" }, "isIp"] }, false] },
          ],
          endpoint: { url: "{url#scheme}://{Bucket}.{url#authority}{url#path}", properties: {}, headers: {} },
          type: "endpoint",
        },
        {
          conditions: [
            { fn: "isSet", argv: [{ ref: "Bucket" }] },
            { fn: "uriEncode", argv: [{ ref: "Bucket" }], assign: "EncodedBucket" },
          ],
          endpoint: { url: "{url#scheme}://{url#authority}{url#normalizedPath}{EncodedBucket}", properties: { path: true }, headers: {} },
          type: "endpoint",
        },
        { conditions: [], endpoint: { url: { ref: "Endpoint" } }, type: "endpoint" },
      ],
      type: "tree",
    },
    {
      conditions: [{ fn: "isSet", argv: [{ ref: "Endpoint" }] }],
      error: "Custom endpoint `{Endpoint}` was not a valid URI",
      type: "error",
    },
    {
      conditions: [
        { fn: "isSet", argv: [{ ref: "Region" }] },
        { fn: "aws.partition", argv: [{ ref: "Region" }], assign: "PartitionResult" },
      ],
      rules: [
        {
          conditions: [
            { fn: "isSet", argv: [{ ref: "Bucket" }] },
            { fn: "substring", argv: [{ ref: "Bucket" }, 0, 4, false], assign: "Prefix" },
            { fn: "stringEquals", argv: [{ ref: "Prefix" }, "logs"] },
            { fn: "split", argv: [{ ref: "Bucket" }, "-", 2], assign: "Parts" },
            { fn: "getAttr", argv: [{ ref: "Parts" }, "[1]"], assign: "Rest" },
            { fn: "coalesce", argv: [{ ref: "Rest" }, "none"], assign: "Suffix" },
          ],
          endpoint: { url: "https://logs.{Region}.{PartitionResult#dnsSuffix}/{Suffix}", properties: {}, headers: {} },
          type: "endpoint",
        },
        {
          conditions: [{ fn: "booleanEquals", argv: [{ ref: "UseFIPS" }, true] }],
          rules: [
            {
              conditions: [{ fn: "booleanEquals", argv: [true, { fn: "getAttr", argv: [{ ref: "PartitionResult" }, "supportsFIPS"] }] }],
              endpoint: { url: "https://svc-fips.{Region}.{PartitionResult#dnsSuffix}", properties: {}, headers: {} },
              type: "endpoint",
            },
            { conditions: [], error: "FIPS is not supported in {PartitionResult#name}", type: "error" },
          ],
          type: "tree",
        },
        {
          conditions: [{ fn: "stringEquals", argv: [{ fn: "getAttr", argv: [{ ref: "PartitionResult" }, "name"] }, "aws-cn"] }],
          endpoint: { url: "https://svc.{Region}.{PartitionResult#dnsSuffix}", properties: { china: true }, headers: {} },
          type: "endpoint",
        },
        {
          conditions: [],
          endpoint: { url: "https://svc.{Region}.{PartitionResult#dualStackDnsSuffix}", properties: { global: "{PartitionResult#implicitGlobalRegion}" } },
          type: "endpoint",
        },
      ],
      type: "tree",
    },
    { conditions: [], error: "Invalid Configuration: Missing Region", type: "error" },
  ],
} as unknown as EndpointRuleSet;

function* grid(): Generator<Record<string, unknown>> {
  const values: Record<string, unknown[]> = {
    Region: [undefined, "us-west-2", "cn-north-1", "us-gov-west-1", "aws-global", "eu-isoe-west-1", "mars-east-1"],
    Endpoint: [undefined, "https://example.com", "http://127.0.0.1:8080/base", "https://host.test:443/", "https://x.test/?q=1", "not a url"],
    Bucket: [undefined, "logs-2024-01", "logs", "abc-bucket", "My_Bucket", "a.b.c", "192.168.1.1", "sp ace"],
    Arn: [undefined, "arn:aws:s3:us-east-1:123456789012:accesspoint/ap1", "arn:aws:s3:us-east-1:123:bucket/x", "arn:aws:s3:us-east-1:123:accesspoint/-bad-", "not-an-arn"],
    UseFIPS: [undefined, true, false],
    ForcePath: [undefined, true, false],
  };
  const names = Object.keys(values);
  const walk = function* (i: number, acc: Record<string, unknown>): Generator<Record<string, unknown>> {
    if (i === names.length) return yield { ...acc };
    for (const v of values[names[i]!]!) yield* walk(i + 1, v === undefined ? acc : { ...acc, [names[i]!]: v });
  };
  yield* walk(0, {});
}

type Outcome = { url: string; headers?: unknown; properties?: unknown } | { error: string };
const outcome = (resolve: () => EndpointV2): Outcome => {
  try {
    const e = resolve();
    return { url: e.url.href, headers: e.headers, properties: e.properties };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

describe("endpoint rule-set compiler", () => {
  let dir: string;
  const files: Record<string, string> = {};

  beforeAll(() => {
    dir = tempDir("sdkgen-endpoints-");
    symlinkSync(join(CODEGEN_ROOT, "node_modules"), join(dir, "node_modules"), "dir");
    files.connect = writeResolver(dir, "connect", modelRules(join(SHARED, "upstream/connect.json")).ruleSet);
    files.connectcases = writeResolver(dir, "connectcases", modelRules(join(SHARED, "upstream/connectcases.json")).ruleSet);
    files.own = writeResolver(dir, "own", OWN_RULES);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const model of ["connect", "connectcases"]) {
    it(`passes every endpoint test of ${model}.json`, async () => {
      const { cases } = modelRules(join(SHARED, `upstream/${model}.json`));
      expect(cases.length).toBeGreaterThan(10);
      const resolver = await load(files[model]!);
      for (const c of cases) {
        const got = outcome(() => resolver.resolve({ ...c.params } as Record<string, unknown>, {}));
        const want: Outcome = c.expect.error !== undefined
          ? { error: c.expect.error }
          : { url: new URL(c.expect.endpoint!.url).href, headers: c.expect.endpoint!.headers ?? {}, properties: c.expect.endpoint!.properties ?? {} };
        if ("url" in got) Object.assign(got, { headers: got.headers ?? {}, properties: got.properties ?? {} });
        expect(got, c.documentation).toEqual(want);
      }
    });
  }

  it("agrees with the @smithy/core/endpoints interpreter on a rule set calling every function", async () => {
    customEndpointFunctions.aws ??= awsEndpointFunctions;
    const resolver = await load(files.own!);
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      let count = 0;
      for (const params of grid()) {
        const compiled = outcome(() => resolver.resolve({ ...params } as Record<string, unknown>, {}));
        const interpreted = outcome(() => resolveEndpoint(OWN_RULES as unknown as RuleSetObject, { endpointParams: { ...params } as never }));
        expect(compiled, JSON.stringify(params)).toEqual(interpreted);
        count++;
      }
      expect(count).toBeGreaterThan(5000);
    } finally {
      quiet.mockRestore();
    }
  });

  it("writes resolvers that type-check", async () => {
    const tsconfig = {
      compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022", "DOM"], strict: true, noEmit: true, skipLibCheck: true, types: ["node"] },
      include: ["*/src/gen/endpoint"],
    };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig));
    const output = await new Promise<string>((done) =>
      execFile(process.execPath, [join(CODEGEN_ROOT, "node_modules/typescript/bin/tsc"), "-p", join(dir, "tsconfig.json")], (error, stdout, stderr) =>
        done(error ? `${stdout}${stderr}` : ""),
      ),
    );
    expect(output).toBe("");
  }, 600_000);
});
