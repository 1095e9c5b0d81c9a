/**
 * Smithy's AWS protocol compliance tests for restJson1: every `smithy.test#httpRequestTests` and
 * `smithy.test#httpResponseTests` case that applies to clients, of every restJson1 service in
 * `smithy-aws-protocol-tests` (the RestJson test service, and the API Gateway and Glacier
 * customisation services), runs against a client generated from that model at test time (into
 * test/.generated, never committed). Cases may only be skipped through skip.json, each with its
 * reason. (`smithy.test#eventStreamTests` have their own suite.)
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { configForModel, generateFromModel } from "../../src/generate.js";
import type { Operation, ServiceIR, StructureShape } from "../../src/ir/types.js";
import { loadModelFile } from "../../src/load/load.js";
import { writePackages } from "../../src/output/write.js";
import { CODEGEN_ROOT, REPO_ROOT } from "../helpers.js";
import { CapturedRequest, type RequestCase, capturingHandler, expectRequest, normalize, respondingHandler } from "./http.js";
import { shapeOf, streamingMember, toTs } from "./node-values.js";

const SHARED = process.env.CONNECT_SDK_SHARED ?? join(REPO_ROOT, "../shared");
const MODEL_FILE = join(SHARED, "smithy/protocol-tests/aws-protocol-tests.json");
const PROTOCOL = "aws.protocols#restJson1";
const GENERATED = join(CODEGEN_ROOT, "test/.generated");
/** Set per run by vitest.config.ts (which aliases the types packages to it). */
const OUT_DIR = process.env.SDKGEN_PROTOCOL_OUT ?? join(GENERATED, `run-${process.pid}`);
/** The idempotency token and clock the test cases assume. */
const TOKEN = "00000000-0000-4000-8000-000000000000";
const NOW = new Date("2024-01-01T00:00:00Z");

const SKIP: Record<string, string> = JSON.parse(readFileSync(new URL("./skip.json", import.meta.url), "utf8"));

interface ResponseCase {
  id: string;
  code: number;
  headers?: Record<string, string>;
  body?: string;
  bodyMediaType?: string;
  params?: Record<string, unknown>;
}

interface AstShape {
  type: string;
  operations?: { target: string }[];
  resources?: { target: string }[];
  errors?: { target: string }[];
  traits?: Record<string, unknown>;
}

interface ServiceCases {
  /** The service shape id. */
  id: string;
  /**
   * The operations generated here: all but those with an event stream, whose cases are
   * `smithy.test#eventStreamTests` only and have a suite of their own.
   */
  operations: string[];
  requests: { operation: string; c: RequestCase }[];
  responses: { operation: string; error?: string; c: ResponseCase }[];
}

/** The cases of every restJson1 service, read synchronously at collection time (the IR and clients come in beforeAll). */
function collectCases(): ServiceCases[] {
  const model = JSON.parse(readFileSync(MODEL_FILE, "utf8")) as { shapes: Record<string, AstShape> };
  const applies = (c: { protocol: string; appliesTo?: string }) => c.protocol === PROTOCOL && (c.appliesTo === undefined || c.appliesTo === "client");
  const services = Object.entries(model.shapes)
    .filter(([, shape]) => shape.type === "service" && PROTOCOL in (shape.traits ?? {}))
    .map(([id]) => id)
    .sort();
  const shapeAt = (ref: { target: string } | undefined) => (ref ? model.shapes[ref.target] : undefined) as (AstShape & { members?: Record<string, { target: string }> }) | undefined;
  const eventStream = (ref: { target: string } | undefined) =>
    Object.values(shapeAt(ref)?.members ?? {}).some((m) => "smithy.api#streaming" in (shapeAt(m)?.traits ?? {}) && shapeAt(m)?.type === "union");
  return services.map((id) => {
    const requests: ServiceCases["requests"] = [];
    const responses: ServiceCases["responses"] = [];
    if (model.shapes[id]!.resources?.length) throw new Error(`${id}: operations bound through resources are not collected`);
    const operations = (model.shapes[id]!.operations ?? [])
      .filter((r) => {
        const op = model.shapes[r.target] as AstShape & { input?: { target: string }; output?: { target: string } };
        return !eventStream(op.input) && !eventStream(op.output);
      })
      .map((r) => r.target)
      .sort();
    const seenErrors = new Set<string>();
    for (const operation of operations) {
      const traits = model.shapes[operation]!.traits ?? {};
      for (const c of (traits["smithy.test#httpRequestTests"] ?? []) as (RequestCase & { protocol: string; appliesTo?: string })[]) {
        if (applies(c)) requests.push({ operation, c });
      }
      for (const c of (traits["smithy.test#httpResponseTests"] ?? []) as (ResponseCase & { protocol: string; appliesTo?: string })[]) {
        if (applies(c)) responses.push({ operation, c });
      }
      // Error cases run through the first operation (by id) that can return the error.
      for (const ref of model.shapes[operation]!.errors ?? []) {
        if (seenErrors.has(ref.target)) continue;
        seenErrors.add(ref.target);
        const errorTraits = model.shapes[ref.target]!.traits ?? {};
        for (const c of (errorTraits["smithy.test#httpResponseTests"] ?? []) as (ResponseCase & { protocol: string; appliesTo?: string })[]) {
          if (applies(c)) responses.push({ operation, error: ref.target, c });
        }
      }
    }
    return { id, operations, requests, responses };
  });
}

const SERVICES = collectCases();
/**
 * Every case that started and did not pass failed; when the setup fails, every case not skipped
 * failed. (Cases left out by a `-t` filter are not counted.)
 */
const tally = { registered: 0, started: 0, passed: 0, skipped: 0, setupFailed: false };

/** A generated client of one test service. */
interface Generated {
  ir: ServiceIR;
  client: Record<string, any>;
  clientDir: string;
  typesName: string;
  typesDir: string;
}
const generated = new Map<string, Generated>();

beforeAll(async () => {
  tally.setupFailed = true;
  removeStaleRuns();
  const model = await loadModelFile(MODEL_FILE);
  for (const { id, operations } of SERVICES) {
    const config = await configForModel(MODEL_FILE, OUT_DIR, id, operations);
    const result = await generateFromModel(model, config);
    // Only this suite's own folders: other suites of the run generate next to them.
    for (const dir of [config.packages.types!.dir, config.packages.client!.dir]) rmSync(dir, { recursive: true, force: true });
    await writePackages(result.packages);
    const clientDir = config.packages.client!.dir;
    generated.set(id, {
      ir: result.ir,
      client: await import(/* @vite-ignore */ join(clientDir, "src/index.ts")),
      clientDir,
      typesName: config.packages.types!.name,
      typesDir: config.packages.types!.dir,
    });
  }
  tally.setupFailed = false;
}, 600_000);

/** Folders left by runs whose process is gone (a run removes its own when it ends). */
function removeStaleRuns(): void {
  if (!existsSync(GENERATED)) return;
  for (const name of readdirSync(GENERATED)) {
    const pid = Number(/^run-(\d+)$/.exec(name)?.[1]);
    if (!pid || pid === process.pid || join(GENERATED, name) === resolve(OUT_DIR)) continue;
    try {
      process.kill(pid, 0);
    } catch {
      rmSync(join(GENERATED, name), { recursive: true, force: true });
    }
  }
}

afterAll(() => {
  if (!process.env.SDKGEN_KEEP_GENERATED) {
    for (const g of generated.values()) for (const dir of [g.typesDir, g.clientDir]) rmSync(dir, { recursive: true, force: true });
  }
  const failed = tally.setupFailed ? tally.registered - tally.skipped : tally.started - tally.passed;
  console.log(`restJson1 protocol tests: ${tally.passed} passed, ${failed} failed, ${tally.skipped} skipped`);
});

/** Registers one case: skipped when skip.json names it, counted either way. */
function protocolCase(kind: "request" | "response", id: string, body: () => Promise<void>): void {
  tally.registered++;
  const reason = SKIP[`${kind}:${id}`] ?? SKIP[id];
  if (reason !== undefined) {
    tally.skipped++;
    it.skip(`${id} (skipped: ${reason})`, body);
    return;
  }
  it(id, async () => {
    tally.started++;
    await body();
    tally.passed++;
  });
}

function generatedFor(service: string): Generated {
  const found = generated.get(service);
  if (!found) throw new Error(`no client was generated for ${service}`);
  return found;
}

function operationOf(ir: ServiceIR, id: string): Operation {
  const op = ir.operations.find((o) => o.id === id);
  if (!op) throw new Error(`no operation ${id} in the IR`);
  return op;
}

function newClient(g: Generated, requestHandler: unknown, host = "localhost") {
  const Client = g.client[`${g.ir.service.clientName}Client`];
  return new Client({
    region: "us-west-2",
    credentials: { accessKeyId: "key", secretAccessKey: "secret" },
    endpoint: `https://${host}`,
    maxAttempts: 1,
    requestHandler,
    generateIdempotencyToken: () => TOKEN,
  });
}

/** Just enough input to build a request: labels (path or host) get a placeholder. */
function minimalInput(ir: ServiceIR, op: Operation): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const hostLabels = new Set([...(op.hostPrefix ?? "").matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
  for (const m of op.input.members) {
    if (m.http.location !== "label" && !hostLabels.has(m.name)) continue;
    const kind = shapeOf(ir, m.target).kind;
    input[m.name] = kind === "timestamp" ? new Date(0) : kind === "boolean" ? true : ["string", "enum"].includes(kind) ? "a" : 1;
  }
  return input;
}

async function send(g: Generated, op: Operation, input: unknown, requestHandler: unknown, host?: string): Promise<any> {
  const Command = g.client[`${op.name}Command`];
  return newClient(g, requestHandler, host).send(new Command(input));
}

for (const { id: service, requests, responses } of SERVICES) {
  if (requests.length) describe(`${service} requests`, () => {
    for (const { operation, c } of requests) {
      protocolCase("request", c.id, async () => {
        vi.useFakeTimers({ toFake: ["Date"], now: NOW });
        try {
          const g = generatedFor(service);
          const op = operationOf(g.ir, operation);
          const input = toTs(g.ir, op.input.id, c.params ?? {}, true);
          const error = await send(g, op, input, capturingHandler, c.host).then(
            () => new Error("the request handler was not called"),
            (e: unknown) => e,
          );
          if (!(error instanceof CapturedRequest)) throw error;
          await expectRequest(error.request, c);
        } finally {
          vi.useRealTimers();
        }
      });
    }
  });

  if (responses.length) describe(`${service} responses`, () => {
    for (const { operation, error, c } of responses) {
      protocolCase("response", c.id, async () => {
        const g = generatedFor(service);
        const { ir } = g;
        const op = operationOf(ir, operation);
        const handler = respondingHandler(c.code, c.headers ?? {}, c.body);
        if (error) {
          const shape = shapeOf(ir, error) as StructureShape;
          const thrown = await send(g, op, minimalInput(ir, op), handler).then(
            () => new Error("expected an error"),
            (e: unknown) => e,
          );
          expect(thrown).toBeInstanceOf(g.client[shape.name]);
          expect((thrown as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(c.code);
          const expected = normalize(toTs(ir, error, c.params ?? {})) as Record<string, unknown>;
          const actual: Record<string, unknown> = {};
          for (const m of shape.members) if ((thrown as Record<string, unknown>)[m.name] !== undefined) actual[m.name] = (thrown as Record<string, unknown>)[m.name];
          // `message` is always set on an Error; compare it only when the case gives it.
          if (!("message" in expected)) delete actual.message;
          expect(normalize(actual)).toEqual(expected);
          return;
        }
        const output = await send(g, op, minimalInput(ir, op), handler);
        const { $metadata, ...rest } = output as Record<string, unknown>;
        expect(($metadata as { httpStatusCode?: number }).httpStatusCode).toBe(c.code);
        const stream = streamingMember(ir, op.output);
        if (stream && rest[stream.name] !== undefined) {
          const bytes = await (rest[stream.name] as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray();
          // A streaming member is always a stream; an empty one stands for an absent payload.
          if (bytes.byteLength > 0 || c.params?.[stream.name] !== undefined) rest[stream.name] = bytes;
          else delete rest[stream.name];
        }
        // A blob payload is always set, as in the AWS SDK: empty bytes for an empty body, which the
        // cases leave out of their params (smithy-typescript checks only the params a case lists).
        const blobPayload = op.output.members.find((m) => m.http.location === "payload" && shapeOf(ir, m.target).kind === "blob");
        if (blobPayload && !stream && c.params?.[blobPayload.name] === undefined) {
          expect(rest[blobPayload.name], `${blobPayload.name}: an empty blob`).toEqual(new Uint8Array());
          delete rest[blobPayload.name];
        }
        expect(normalize(rest)).toEqual(normalize(toTs(ir, op.output.id, c.params ?? {})));
      });
    }
  });
}

describe("the generated clients", () => {
  it("cover every restJson1 service of the protocol tests", () => {
    expect(SERVICES.map((s) => s.id)).toEqual([
      "aws.protocoltests.restjson#RestJson",
      "aws.protocoltests.restjson.validation#RestJsonValidation",
      "com.amazonaws.apigateway#BackplaneControlService",
      "com.amazonaws.glacier#Glacier",
    ]);
  });

  it("has a skip list that names only existing cases, each with a reason", () => {
    const ids = new Set(SERVICES.flatMap(({ requests, responses }) => [...requests.map(({ c }) => c.id), ...responses.map(({ c }) => c.id)]));
    for (const [key, reason] of Object.entries(SKIP)) {
      expect(ids.has(key.replace(/^(request|response):/, "")), `skip.json: no case ${key}`).toBe(true);
      expect(reason.trim(), `skip.json: ${key} needs a reason`).not.toBe("");
    }
  });

  it("type-check (tsc --noEmit, strict)", async () => {
    const restJson = generatedFor("aws.protocoltests.restjson#RestJson");
    // The clients' own tsconfig, with the types packages mapped to their sources.
    const tsconfig = join(OUT_DIR, "tsconfig.check.json");
    // And code a user would write: a streaming blob takes bytes, a string or a stream on input,
    // and comes back as a stream with transformToString() on output.
    const consumer = join(OUT_DIR, "consumer-check.ts");
    writeFileSync(
      consumer,
      [
        `import { Readable } from "node:stream";`,
        `import { RestJsonProtocolClient, StreamingTraitsCommand } from ${JSON.stringify(join(restJson.clientDir, "src/index.js"))};`,
        `export async function use(client: RestJsonProtocolClient): Promise<string | undefined> {`,
        `  await client.send(new StreamingTraitsCommand({ blob: new Uint8Array([1, 2]) }));`,
        `  await client.send(new StreamingTraitsCommand({ blob: "text" }));`,
        `  const output = await client.send(new StreamingTraitsCommand({ blob: Readable.from(["a"]), foo: "x" }));`,
        `  return output.blob?.transformToString();`,
        `}`,
      ].join("\n"),
    );
    const all = [...generated.values()];
    writeFileSync(
      tsconfig,
      JSON.stringify({
        extends: join(restJson.clientDir, "tsconfig.json"),
        compilerOptions: { noEmit: true, paths: Object.fromEntries(all.map((g) => [g.typesName, [join(g.typesDir, "src/index.ts")]])) },
        include: [...all.map((g) => join(g.clientDir, "src")), consumer],
      }),
    );
    const tsc = join(CODEGEN_ROOT, "node_modules/typescript/bin/tsc");
    const result = await promisify(execFile)(process.execPath, [tsc, "-p", tsconfig]).then(
      () => "",
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(result).toBe("");
  }, 600_000);
});
