/**
 * The client generated from test/models/weather.json, run: the bindings and behaviours the Connect
 * model does not use (greedy labels, query maps, header lists, prefix headers, blob payloads,
 * sensitive members, header-bound error members, response codes, documents, sparse maps).
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { HttpResponse } from "@smithy/core/protocols";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configForModel, generateFromModel } from "../../src/generate.js";
import { loadModelFile } from "../../src/load/load.js";
import { writePackages } from "../../src/output/write.js";
import { CODEGEN_ROOT } from "../helpers.js";

const OUT = process.env.SDKGEN_PROTOCOL_OUT ?? join(CODEGEN_ROOT, `test/.generated/run-${process.pid}`);
const MODEL = join(CODEGEN_ROOT, "test/models/weather.json");

let sdk: any;
const requests: any[] = [];
let reply: () => { statusCode: number; headers?: Record<string, string>; body?: string | Uint8Array } = () => ({ statusCode: 200, body: "{}" });

beforeAll(async () => {
  const config = await configForModel(MODEL, OUT);
  const model = await loadModelFile(MODEL);
  const { packages } = await generateFromModel(model, config);
  await writePackages(packages);
  sdk = await import(join(OUT, "weather-client/src/index.ts"));
}, 600_000);

afterAll(() => {
  if (!process.env.SDKGEN_KEEP_GENERATED) rmSync(join(OUT, "weather-client"), { recursive: true, force: true });
});

function client(extra: Record<string, unknown> = {}) {
  return new sdk.WeatherClient({
    region: "us-east-1",
    endpoint: "https://weather.example.com",
    credentials: { accessKeyId: "AKID", secretAccessKey: "SECRET" },
    retryStrategy: new ConfiguredRetryStrategy(3, 1),
    requestHandler: {
      async handle(request: any) {
        requests.push(request);
        const r = reply();
        const body = typeof r.body === "string" ? new TextEncoder().encode(r.body) : (r.body ?? new Uint8Array());
        return { response: new HttpResponse({ statusCode: r.statusCode, headers: r.headers ?? {}, body }) };
      },
    },
    ...extra,
  });
}

describe("generated weather client", () => {
  it("serializes greedy labels, literal and map query params, header lists, prefix headers", async () => {
    reply = () => ({ statusCode: 200, headers: { "content-type": "application/json" }, body: '{"days":[]}' });
    await client().send(
      new sdk.GetForecastCommand({
        CityId: "oslo",
        Path: "daily/2024 01/x",
        Days: 3,
        Since: new Date("2024-01-02T03:04:05Z"),
        Units: ["c", "mm"],
        Extra: { days: "99", source: "radar" },
        IfModifiedSince: new Date("2024-01-02T03:04:05Z"),
        Tags: ["a", "b,c"],
        Meta: { Owner: "me" },
      }),
    );
    const req = requests.at(-1);
    expect(req.method).toBe("GET");
    expect(req.path).toBe("/forecast/oslo/daily/2024%2001/x");
    expect(req.query).toEqual({ detail: "full", days: "3", since: "2024-01-02T03:04:05Z", unit: ["c", "mm"], source: "radar" });
    expect(req.headers["if-modified-since"]).toBe("Tue, 02 Jan 2024 03:04:05 GMT");
    expect(req.headers["x-tags"]).toBe('a, "b,c"');
    expect(req.headers["x-meta-owner"]).toBe("me");
    expect(req.body).toBeUndefined();
  });

  it("parses a structure payload with a union (incl. a Unit member), a document and a sparse map", async () => {
    reply = () => ({
      statusCode: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        days: [{ high: "NaN", precipitation: { rain: 2.5 } }, { high: 1.5, precipitation: { none: {} } }],
        issued: 1704164645.5,
        extras: { any: ["thing", 1, null] },
        sparseTemps: { mon: 1, tue: null },
      }),
    });
    const out = await client().send(new sdk.GetForecastCommand({ CityId: "oslo", Path: "p" }));
    expect(out.Forecast).toEqual({
      days: [
        { high: Number.NaN, precipitation: { rain: 2.5 } },
        { high: 1.5, precipitation: { none: {} } },
      ],
      issued: new Date(1704164645500),
      extras: { any: ["thing", 1, null] },
      sparseTemps: { mon: 1, tue: null },
    });
  });

  it("reads jsonName members, date-time timestamps, header and response-code bindings", async () => {
    reply = () => ({
      statusCode: 203,
      headers: { etag: '"v1"', "content-type": "application/json" },
      body: JSON.stringify({ name: "Oslo", coords: { latitude: 59.9, longitude: 10.7 }, founded: "1048-01-01T00:00:00Z", kind: "capital", rank: 1 }),
    });
    const out = await client().send(new sdk.GetCityCommand({ CityId: "oslo" }));
    expect(out).toMatchObject({ name: "Oslo", coordinates: { latitude: 59.9, longitude: 10.7 }, kind: "capital", rank: 1, etag: '"v1"', status: 203 });
    expect(out.founded.toISOString()).toBe("1048-01-01T00:00:00.000Z");
    expect(sdk.CityKind.CAPITAL).toBe("capital");
  });

  it("sends a blob payload with its media type and one idempotency token across retries", async () => {
    let n = 0;
    reply = () => (++n < 2 ? { statusCode: 503, headers: { "x-amzn-errortype": "ServiceUnavailable" }, body: "{}" } : { statusCode: 204 });
    const before = requests.length;
    const out = await client().send(new sdk.PutReadingCommand({ StationId: "s1", Data: new Uint8Array([1, 2, 3]) }));
    const sent = requests.slice(before);
    expect(out.$metadata.attempts).toBe(2);
    expect(sent).toHaveLength(2);
    expect(sent[0].headers["content-type"]).toBe("application/octet-stream");
    expect([...sent[0].body]).toEqual([1, 2, 3]);
    expect(sent[0].headers["x-token"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[1].headers["x-token"]).toBe(sent[0].headers["x-token"]);
  });

  it("gzips a streaming payload as it is read (@requestCompression), unless compression is disabled", async () => {
    const { gunzipSync } = await import("node:zlib");
    const { Readable } = await import("node:stream");
    const text = "line of a log\n".repeat(5000);
    const collect = async (body: AsyncIterable<Uint8Array>) => {
      const chunks: Uint8Array[] = [];
      for await (const chunk of body) chunks.push(chunk);
      return Buffer.concat(chunks);
    };
    reply = () => ({ statusCode: 200 });
    for (const source of [() => Readable.from([Buffer.from(text.slice(0, 100)), Buffer.from(text.slice(100))]), () => new Blob([text]).stream()]) {
      const before = requests.length;
      await client().send(new sdk.UploadLogCommand({ StationId: "s1", Body: source() }));
      const sent = requests[before];
      expect(sent.headers["content-encoding"]).toBe("gzip");
      expect(sent.headers["content-length"]).toBeUndefined();
      const bytes = await collect(sent.body);
      expect(bytes.byteLength).toBeLessThan(text.length / 10);
      expect(gunzipSync(bytes).toString()).toBe(text);
    }
    const before = requests.length;
    await client({ disableRequestCompression: true }).send(new sdk.UploadLogCommand({ StationId: "s1", Body: Readable.from([Buffer.from("plain")]) }));
    expect(requests[before].headers["content-encoding"]).toBeUndefined();
    expect((await collect(requests[before].body)).toString()).toBe("plain");
  });

  it("redacts @sensitive members in logs", async () => {
    reply = () => ({ statusCode: 204 });
    const records: any[] = [];
    const logger = { trace() {}, debug() {}, info: (r: unknown) => records.push(r), warn() {}, error() {} };
    await client({ logger }).send(new sdk.PutReadingCommand({ StationId: "s1", ApiKey: "super-secret" }));
    expect(records[0].input).toEqual({ StationId: "s1", ApiKey: "***SensitiveInformation***" });
    expect(JSON.stringify(records)).not.toContain("super-secret");
    expect(requests.at(-1).headers["x-api-key"]).toBe("super-secret");
  });

  it("types errors with header-bound members and the retryable trait", async () => {
    reply = () => ({ statusCode: 429, headers: { "x-amzn-errortype": "TooManyRequests", "retry-after": "7" }, body: '{"message":"later"}' });
    const error = await client({ retryStrategy: new ConfiguredRetryStrategy(1, 1) })
      .send(new sdk.PutReadingCommand({ StationId: "s1" }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(sdk.TooManyRequests);
    expect(error).toBeInstanceOf(sdk.WeatherServiceException);
    expect(error.RetryAfterSeconds).toBe(7);
    expect(error.$retryable).toEqual({ throttling: true });
    expect(error.message).toBe("later");
  });

  it("retries a modelled retryable error", async () => {
    let n = 0;
    reply = () => (++n < 3 ? { statusCode: 429, headers: { "x-amzn-errortype": "TooManyRequests" }, body: "{}" } : { statusCode: 204 });
    const out = await client().send(new sdk.PutReadingCommand({ StationId: "s1" }));
    expect(out.$metadata.attempts).toBe(3);
  });

  it("pages with paginateListCities: follows the token, sets pageSize, leaves the input alone, stops at the last page", async () => {
    const pages = [
      { items: [{ cityId: "oslo" }, { cityId: "bergen" }], nextToken: "t1" },
      { items: [{ cityId: "tromso" }], nextToken: "t2" },
      { items: [] },
    ];
    let n = 0;
    reply = () => ({ statusCode: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(pages[n++]) });
    requests.length = 0;
    const input = {};
    const seen: string[] = [];
    for await (const page of sdk.paginateListCities({ client: client(), pageSize: 2 }, input)) {
      for (const city of page.items) seen.push(city.cityId);
    }
    expect(seen).toEqual(["oslo", "bergen", "tromso"]);
    expect(requests.map((r) => r.query)).toEqual([{ pageSize: "2" }, { pageSize: "2", nextToken: "t1" }, { pageSize: "2", nextToken: "t2" }]);
    expect(input).toEqual({});
  });

  it("resumes from a startingToken, stops on a repeated token when asked, and refuses another service's client", async () => {
    reply = () => ({ statusCode: 200, headers: { "content-type": "application/json" }, body: '{"items":[],"nextToken":"same"}' });
    requests.length = 0;
    const aggregated = new sdk.Weather({ region: "us-east-1", endpoint: "https://weather.example.com", credentials: { accessKeyId: "AKID", secretAccessKey: "SECRET" }, requestHandler: client().config.requestHandler });
    let pages = 0;
    for await (const _ of sdk.paginateListCities({ client: aggregated, startingToken: "same", stopOnSameToken: true }, {})) pages++;
    expect(pages).toBe(1);
    expect(requests.map((r) => r.query)).toEqual([{ nextToken: "same" }]);
    const foreign = { send: async () => ({}) };
    await expect(sdk.paginateListCities({ client: foreign }, {}).next()).rejects.toThrow(/Invalid client, expected instance of WeatherClient/);
  });

  it("fails with PaginationLoopError, after the page, when the service repeats a token (same token, or a cycle), instead of looping forever", async () => {
    for (const tokens of [["t1", "t1"], ["t1", "t2", "t1"]]) {
      let n = 0;
      reply = () => ({ statusCode: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ items: [{ cityId: `c${n}` }], nextToken: tokens[n++] ?? "never" }) });
      requests.length = 0;
      const seen: string[] = [];
      const run = (async () => {
        for await (const page of sdk.paginateListCities({ client: client() }, {})) {
          seen.push(page.items[0].cityId);
          // A hang guard for the loop this test is about.
          if (seen.length > 10) throw new Error("looped");
        }
      })();
      const error = await run.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(sdk.PaginationLoopError);
      expect((error as Error).message).toMatch(/pagination token nextToken/);
      // Every page the service sent was yielded; the repeated token was never sent again.
      expect(seen).toHaveLength(tokens.length);
      expect(requests).toHaveLength(tokens.length);
    }
  });

  // Fast polls (a millisecond or two apart); the scenarios end long before the time limit.
  const FAST = { maxWaitTime: 300, minDelay: 0.001, maxDelay: 0.002 };
  const city = (body: Record<string, unknown>) => ({ statusCode: 200, headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Oslo", ...body }) });

  it("waits with waitUntilCityExists: retries NoSuchCity, succeeds on the first answer, fails at once on another error", async () => {
    let n = 0;
    reply = () => (++n < 3 ? { statusCode: 404, headers: { "x-amzn-errortype": "NoSuchCity" }, body: "{}" } : city({}));
    requests.length = 0;
    const result = await sdk.waitUntilCityExists({ client: client(), ...FAST }, { CityId: "oslo" });
    expect(result.state).toBe(sdk.WaiterState.SUCCESS);
    expect(result.reason.name).toBe("Oslo");
    expect(requests).toHaveLength(3);

    reply = () => ({ statusCode: 400, headers: { "x-amzn-errortype": "Unexpected" }, body: "{}" });
    requests.length = 0;
    const failed = await sdk.waitForCityExists({ client: client({ retryStrategy: new ConfiguredRetryStrategy(1, 1) }), ...FAST }, { CityId: "oslo" });
    expect(failed.state).toBe(sdk.WaiterState.FAILURE);
    expect(requests).toHaveLength(1);
  });

  it("waits with waitUntilCityIsCapital: its compiled path reads the output (kind, a projection, length())", async () => {
    const answers = [city({ kind: "town" }), city({ kind: "capital" }), city({ kind: "capital", neighbours: [] }), city({ kind: "capital", neighbours: [{ cityId: "b" }] })];
    let n = 0;
    reply = () => answers[Math.min(n++, answers.length - 1)]!;
    requests.length = 0;
    const result = await sdk.waitUntilCityIsCapital({ client: client(), ...FAST }, { CityId: "oslo" });
    expect(result.state).toBe(sdk.WaiterState.SUCCESS);
    // Without neighbours, length() of the missing list is a JMESPath type error: no match, so a retry.
    expect(requests).toHaveLength(4);

    reply = () => city({ kind: "village" });
    const error = await sdk.waitUntilCityIsCapital({ client: client(), ...FAST }, { CityId: "oslo" }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/"state":"FAILURE"/);
  });
});
