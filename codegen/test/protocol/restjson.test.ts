/**
 * Smithy's AWS protocol compliance tests for restJson1: every `smithy.test#httpRequestTests` and
 * `smithy.test#httpResponseTests` case of `aws.protocoltests.restjson#RestJson` that applies to
 * clients runs against a client generated from that model at test time (into test/.generated,
 * never committed). Cases may only be skipped through skip.json, each with its reason.
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
const MODEL_FILE = join(SHARED, "upstream/smithy-aws-protocol-tests.json");
const SERVICE = "aws.protocoltests.restjson#RestJson";
const PROTOCOL = "aws.protocols#restJson1";
const GENERATED = join(CODEGEN_ROOT, "test/.generated");
/** Set per run by vitest.config.ts (which aliases the types package to it). */
const OUT_DIR = process.env.SDKGEN_PROTOCOL_OUT ?? join(GENERATED, `run-${process.pid}`);
/** The idempotency token and clock the test cases assume. */
const TOKEN = "00000000-0000-4000-8000-000000000000";
const NOW = new Date("2024-01-01T00:00:00Z");

/**
 * skip.json: case id → reason. A request and a response case may share an id: `request:<id>` or
 * `response:<id>` names one of them, a bare id both.
 */
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
  errors?: { target: string }[];
  traits?: Record<string, unknown>;
}

/** The cases, read synchronously at collection time (the IR and client come in beforeAll). */
function collectCases() {
  const model = JSON.parse(readFileSync(MODEL_FILE, "utf8")) as { shapes: Record<string, AstShape> };
  const applies = (c: { protocol: string; appliesTo?: string }) => c.protocol === PROTOCOL && (c.appliesTo === undefined || c.appliesTo === "client");
  const requests: { operation: string; c: RequestCase }[] = [];
  const responses: { operation: string; error?: string; c: ResponseCase }[] = [];
  const operations = (model.shapes[SERVICE]!.operations ?? []).map((r) => r.target).sort();
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
  return { requests, responses };
}

const { requests, responses } = collectCases();
/**
 * Every case that started and did not pass failed; when the setup fails, every case not skipped
 * failed. (Cases left out by a `-t` filter are not counted.)
 */
const tally = { registered: 0, started: 0, passed: 0, skipped: 0, setupFailed: false };

let ir: ServiceIR;
let client: Record<string, any>;
let clientDir: string;

beforeAll(async () => {
  tally.setupFailed = true;
  removeStaleRuns();
  const config = await configForModel(MODEL_FILE, OUT_DIR, SERVICE);
  const result = await generateFromModel(await loadModelFile(MODEL_FILE), config);
  rmSync(OUT_DIR, { recursive: true, force: true });
  await writePackages(result.packages);
  ir = result.ir;
  clientDir = config.packages.client!.dir;
  client = await import(/* @vite-ignore */ join(clientDir, "src/index.ts"));
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
  if (!process.env.SDKGEN_KEEP_GENERATED) rmSync(OUT_DIR, { recursive: true, force: true });
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

function operationOf(id: string): Operation {
  const op = ir.operations.find((o) => o.id === id);
  if (!op) throw new Error(`no operation ${id} in the IR`);
  return op;
}

function newClient(requestHandler: unknown, host = "localhost") {
  const Client = client[`${ir.service.clientName}Client`];
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
function minimalInput(op: Operation): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const hostLabels = new Set([...(op.hostPrefix ?? "").matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
  for (const m of op.input.members) {
    if (m.http.location !== "label" && !hostLabels.has(m.name)) continue;
    const kind = shapeOf(ir, m.target).kind;
    input[m.name] = kind === "timestamp" ? new Date(0) : kind === "boolean" ? true : ["string", "enum"].includes(kind) ? "a" : 1;
  }
  return input;
}

async function send(op: Operation, input: unknown, requestHandler: unknown, host?: string): Promise<any> {
  const Command = client[`${op.name}Command`];
  return newClient(requestHandler, host).send(new Command(input));
}

describe("restJson1 requests", () => {
  for (const { operation, c } of requests) {
    protocolCase("request", c.id, async () => {
      vi.useFakeTimers({ toFake: ["Date"], now: NOW });
      try {
        const op = operationOf(operation);
        const input = toTs(ir, op.input.id, c.params ?? {}, true);
        const error = await send(op, input, capturingHandler, c.host).then(
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

describe("restJson1 responses", () => {
  for (const { operation, error, c } of responses) {
    protocolCase("response", c.id, async () => {
      const op = operationOf(operation);
      const handler = respondingHandler(c.code, c.headers ?? {}, c.body);
      if (error) {
        const shape = shapeOf(ir, error) as StructureShape;
        const thrown = await send(op, minimalInput(op), handler).then(
          () => new Error("expected an error"),
          (e: unknown) => e,
        );
        expect(thrown).toBeInstanceOf(client[shape.name]);
        expect((thrown as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(c.code);
        const expected = normalize(toTs(ir, error, c.params ?? {})) as Record<string, unknown>;
        const actual: Record<string, unknown> = {};
        for (const m of shape.members) if ((thrown as Record<string, unknown>)[m.name] !== undefined) actual[m.name] = (thrown as Record<string, unknown>)[m.name];
        // `message` is always set on an Error; compare it only when the case gives it.
        if (!("message" in expected)) delete actual.message;
        expect(normalize(actual)).toEqual(expected);
        return;
      }
      const output = await send(op, minimalInput(op), handler);
      const { $metadata, ...rest } = output as Record<string, unknown>;
      expect(($metadata as { httpStatusCode?: number }).httpStatusCode).toBe(c.code);
      const stream = streamingMember(ir, op.output);
      if (stream && rest[stream.name] !== undefined) {
        const bytes = await (rest[stream.name] as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray();
        // A streaming member is always a stream; an empty one stands for an absent payload.
        if (bytes.byteLength > 0 || c.params?.[stream.name] !== undefined) rest[stream.name] = bytes;
        else delete rest[stream.name];
      }
      expect(normalize(rest)).toEqual(normalize(toTs(ir, op.output.id, c.params ?? {})));
    });
  }
});

describe("the generated RestJson client", () => {
  it("has a skip list that names only existing cases, each with a reason", () => {
    const ids = new Set([...requests.map(({ c }) => c.id), ...responses.map(({ c }) => c.id)]);
    for (const [key, reason] of Object.entries(SKIP)) {
      expect(ids.has(key.replace(/^(request|response):/, "")), `skip.json: no case ${key}`).toBe(true);
      expect(reason.trim(), `skip.json: ${key} needs a reason`).not.toBe("");
    }
  });

  it("type-checks (tsc --noEmit, strict)", async () => {
    // The client's own tsconfig, with the types package mapped to its sources.
    const tsconfig = join(OUT_DIR, "tsconfig.check.json");
    // And code a user would write: a streaming blob takes bytes, a string or a stream on input,
    // and comes back as a stream with transformToString() on output.
    const consumer = join(OUT_DIR, "consumer-check.ts");
    writeFileSync(
      consumer,
      [
        `import { Readable } from "node:stream";`,
        `import { RestJsonProtocolClient, StreamingTraitsCommand } from ${JSON.stringify(join(clientDir, "src/index.js"))};`,
        `export async function use(client: RestJsonProtocolClient): Promise<string | undefined> {`,
        `  await client.send(new StreamingTraitsCommand({ blob: new Uint8Array([1, 2]) }));`,
        `  await client.send(new StreamingTraitsCommand({ blob: "text" }));`,
        `  const output = await client.send(new StreamingTraitsCommand({ blob: Readable.from(["a"]), foo: "x" }));`,
        `  return output.blob?.transformToString();`,
        `}`,
      ].join("\n"),
    );
    writeFileSync(
      tsconfig,
      JSON.stringify({
        extends: join(clientDir, "tsconfig.json"),
        compilerOptions: { noEmit: true, paths: { "rest-json-protocol-types": [join(OUT_DIR, "rest-json-protocol-types/src/index.ts")] } },
        include: [join(clientDir, "src"), consumer],
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
