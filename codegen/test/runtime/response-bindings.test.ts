/**
 * Where a response's members are read from (issue 13, item 5):
 * - an output member with a request-only HTTP trait (`@httpQuery`, `@httpLabel`,
 *   `@httpQueryParams`) is in the body, as API Gateway's `position` is: it used to be dropped, so
 *   paginators stopped after the first page;
 * - an error bound only on the service gets its nested deserializers and keeps its header
 *   bindings, as one bound on an operation does (dsql's client did not compile).
 * A client generated from a small inline model, run against canned responses.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { HttpResponse } from "@smithy/core/protocols";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configForModel, generateFromModel } from "../../src/generate.js";
import { buildIR } from "../../src/ir/build.js";
import type { SmithyModel } from "../../src/load/types.js";
import { loadModelFile } from "../../src/load/load.js";
import { writePackages } from "../../src/output/write.js";
import { CODEGEN_ROOT } from "../helpers.js";

const OUT = process.env.SDKGEN_PROTOCOL_OUT ?? join(CODEGEN_ROOT, `test/.generated/run-${process.pid}`);
const str = { target: "smithy.api#String" };

const MODEL = {
  smithy: "2.0",
  shapes: {
    "example.paging#Paging": {
      type: "service",
      version: "2024-01-01",
      operations: [{ target: "example.paging#ListThings" }],
      errors: [{ target: "example.paging#Throttled" }],
      traits: { "aws.api#service": { sdkId: "Paging" }, "aws.auth#sigv4": { name: "paging" }, "aws.protocols#restJson1": {} },
    },
    "example.paging#ListThings": {
      type: "operation",
      input: { target: "example.paging#ListThingsRequest" },
      output: { target: "example.paging#Things" },
      traits: {
        "smithy.api#http": { method: "GET", uri: "/things", code: 200 },
        "smithy.api#paginated": { inputToken: "position", outputToken: "position", items: "items" },
      },
    },
    "example.paging#ListThingsRequest": {
      type: "structure",
      members: { position: { ...str, traits: { "smithy.api#httpQuery": "position" } } },
    },
    // As in API Gateway's model: the output's members carry the request's binding traits.
    "example.paging#Things": {
      type: "structure",
      members: {
        position: { ...str, traits: { "smithy.api#httpQuery": "position" } },
        owner: { ...str, traits: { "smithy.api#httpLabel": {}, "smithy.api#required": {} } },
        filters: { target: "example.paging#Filters", traits: { "smithy.api#httpQueryParams": {} } },
        items: { target: "example.paging#ThingList" },
      },
    },
    "example.paging#Filters": { type: "map", key: str, value: str },
    "example.paging#ThingList": { type: "list", member: str },
    // Bound on the service only, with a header member and a nested structure.
    "example.paging#Throttled": {
      type: "structure",
      members: {
        message: str,
        retryAfter: { target: "smithy.api#Integer", traits: { "smithy.api#httpHeader": "Retry-After" } },
        detail: { target: "example.paging#Detail" },
      },
      traits: { "smithy.api#error": "client", "smithy.api#httpError": 429 },
    },
    "example.paging#Detail": { type: "structure", members: { reason: str, limits: { target: "example.paging#Limits" } } },
    "example.paging#Limits": { type: "list", member: { target: "example.paging#Limit" } },
    "example.paging#Limit": { type: "structure", members: { name: str, value: { target: "smithy.api#Integer" } } },
  },
};

let sdk: any;
const requests: any[] = [];
let replies: { statusCode: number; headers?: Record<string, string>; body?: string }[] = [];

beforeAll(async () => {
  const file = join(OUT, "paging.json");
  mkdirSync(OUT, { recursive: true });
  writeFileSync(file, JSON.stringify(MODEL));
  const config = await configForModel(file, OUT);
  const { packages } = await generateFromModel(await loadModelFile(file), config);
  await writePackages(packages);
  sdk = await import(join(OUT, "paging-client/src/index.ts"));
}, 120_000);

afterAll(() => {
  if (!process.env.SDKGEN_KEEP_GENERATED) for (const dir of ["paging-client", "paging-types"]) rmSync(join(OUT, dir), { recursive: true, force: true });
});

function client() {
  return new sdk.PagingClient({
    region: "us-east-1",
    endpoint: "https://paging.example.com",
    credentials: { accessKeyId: "AKID", secretAccessKey: "SECRET" },
    retryStrategy: new ConfiguredRetryStrategy(1, 1),
    requestHandler: {
      async handle(request: any) {
        requests.push(request);
        const r = replies.shift() ?? { statusCode: 200, body: "{}" };
        return { response: new HttpResponse({ statusCode: r.statusCode, headers: r.headers ?? {}, body: new TextEncoder().encode(r.body ?? "") }) };
      },
    },
  });
}

const json = { "content-type": "application/json" };

describe("output members with request-only HTTP traits", () => {
  it("reads them from the body, so the paginator follows `position` to the next page", async () => {
    requests.length = 0;
    replies = [
      { statusCode: 200, headers: json, body: '{"position":"page-2","owner":"me","filters":{"a":"b"},"items":["one"]}' },
      { statusCode: 200, headers: json, body: '{"items":["two"]}' },
    ];
    const pages: any[] = [];
    for await (const page of sdk.paginateListThings({ client: client() }, {})) pages.push(page);
    expect(pages.map((p) => p.items)).toEqual([["one"], ["two"]]);
    expect(pages[0]).toMatchObject({ position: "page-2", owner: "me", filters: { a: "b" } });
    expect(requests).toHaveLength(2);
    expect(requests[1].query).toEqual({ position: "page-2" });
  });

  it("keeps them bound to the request on input (only the output's binding changes)", () => {
    const ir = buildIR(MODEL as unknown as SmithyModel);
    const input = ir.shapeById.get("example.paging#ListThingsRequest") as any;
    const output = ir.shapeById.get("example.paging#Things") as any;
    expect(input.members[0].http).toEqual({ location: "query", name: "position" });
    expect(output.members.map((m: any) => m.http.location)).toEqual(["body", "body", "body", "body"]);
  });
});

describe("an error bound only on the service", () => {
  it("is read with its nested structures and its header members", async () => {
    replies = [
      {
        statusCode: 429,
        headers: { ...json, "x-amzn-errortype": "Throttled", "retry-after": "7" },
        body: '{"message":"slow down","detail":{"reason":"rate","limits":[{"name":"tps","value":5}]}}',
      },
    ];
    const error = await client().send(new sdk.ListThingsCommand({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(sdk.Throttled);
    expect(error).toMatchObject({ message: "slow down", retryAfter: 7, detail: { reason: "rate", limits: [{ name: "tps", value: 5 }] } });
  });

  it("has deserializers for its nested shapes in protocols/json.ts", () => {
    const json = readFileSync(join(OUT, "paging-client/src/gen/protocols/json.ts"), "utf8");
    expect(json).toContain("export function de_Detail(");
    expect(json).toContain("export function de_Limits(");
  });
});
