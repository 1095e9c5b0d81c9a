/**
 * Smithy's event stream compliance tests for restJson1: every `smithy.test#eventStreamTests` case
 * of `aws.protocoltests.restjson#RestJson` (in ../shared/smithy/protocol-tests/aws-protocol-tests.json)
 * that applies to clients runs against a client generated at test time from that model's event
 * stream operations (into test/.generated, never committed).
 *
 * - Events the service sends (`type: "response"`) are encoded as the case's `bytes`, answered as the
 *   body of the case's initial response, and read from the output stream; they must come back as
 *   the case's `params`, or fail as its `expectation` says (with the modelled error it names).
 * - Events the client sends (`type: "request"`) are given as an async iterable; the request body
 *   must hold them as signed envelopes (`:date`, `:chunk-signature`) whose payloads are the case's
 *   `bytes`, byte for byte, ending with a signed empty message.
 * - Initial requests and responses are the HTTP request's and response's bindings.
 *
 * Cases may only be skipped through eventstream-skip.json, each with its reason.
 */
import { execFile } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import { EventStreamCodec } from "@smithy/core/event-streams";
import { HttpResponse, type HttpRequest } from "@smithy/core/protocols";
import { fromUtf8, toUtf8 } from "@smithy/core/serde";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configForModel, generateFromModel } from "../../src/generate.js";
import type { Operation, ServiceIR, StructureShape } from "../../src/ir/types.js";
import { loadModelFile } from "../../src/load/load.js";
import { writePackages } from "../../src/output/write.js";
import { CODEGEN_ROOT, REPO_ROOT } from "../helpers.js";
import { bodyBytes, expectRequest, normalize } from "./http.js";
import { shapeOf, toTs } from "./node-values.js";

const SHARED = process.env.CONNECT_SDK_SHARED ?? join(REPO_ROOT, "../shared");
const MODEL_FILE = join(SHARED, "smithy/protocol-tests/aws-protocol-tests.json");
const SERVICE = "aws.protocoltests.restjson#RestJson";
const PROTOCOL = "aws.protocols#restJson1";
/** Set per run by vitest.config.ts, which aliases this suite's types package to it. */
const OUT_DIR = process.env.SDKGEN_PROTOCOL_OUT ?? join(CODEGEN_ROOT, `test/.generated/run-${process.pid}`);
/** The package names the vitest config aliases (not those of the restJson1 suite: both may run at once). */
const TYPES = "rest-json-events-types";
const CLIENT = "rest-json-events-client";

const SKIP: Record<string, string> = JSON.parse(readFileSync(new URL("./eventstream-skip.json", import.meta.url), "utf8"));

interface WireEvent {
  type: "request" | "response";
  params?: Record<string, unknown>;
  headers: Record<string, unknown>;
  bytes: string;
}

interface EventStreamCase {
  id: string;
  protocol: string;
  appliesTo?: string;
  events?: WireEvent[];
  initialRequestParams?: Record<string, unknown>;
  initialRequest?: { method: string; uri: string; headers?: Record<string, string> };
  initialResponseParams?: Record<string, unknown>;
  initialResponse?: { code: number; headers?: Record<string, string>; body?: string };
  expectation?: { success?: unknown; failure?: { errorId?: string } };
}

function collectCases(): { operation: string; c: EventStreamCase }[] {
  const model = JSON.parse(readFileSync(MODEL_FILE, "utf8")) as { shapes: Record<string, { operations?: { target: string }[]; traits?: Record<string, unknown> }> };
  const cases: { operation: string; c: EventStreamCase }[] = [];
  for (const { target } of model.shapes[SERVICE]!.operations ?? []) {
    for (const c of (model.shapes[target]!.traits?.["smithy.test#eventStreamTests"] ?? []) as EventStreamCase[]) {
      if (c.protocol === PROTOCOL && (c.appliesTo === undefined || c.appliesTo === "client")) cases.push({ operation: target, c });
    }
  }
  return cases.sort((a, b) => (a.operation + a.c.id < b.operation + b.c.id ? -1 : 1));
}

const cases = collectCases();
const operations = [...new Set(cases.map(({ operation }) => operation))];
const tally = { registered: 0, started: 0, passed: 0, skipped: 0, setupFailed: false };

let ir: ServiceIR;
let client: Record<string, any>;
let clientDir: string;

beforeAll(async () => {
  tally.setupFailed = true;
  const config = await configForModel(MODEL_FILE, OUT_DIR, SERVICE, operations);
  config.packages.types = { name: TYPES, dir: join(OUT_DIR, TYPES) };
  config.packages.client = { name: CLIENT, dir: join(OUT_DIR, CLIENT) };
  const result = await generateFromModel(await loadModelFile(MODEL_FILE), config);
  rmSync(config.packages.types.dir, { recursive: true, force: true });
  rmSync(config.packages.client.dir, { recursive: true, force: true });
  await writePackages(result.packages);
  ir = result.ir;
  clientDir = config.packages.client.dir;
  client = await import(/* @vite-ignore */ join(clientDir, "src/index.ts"));
  tally.setupFailed = false;
}, 600_000);

afterAll(() => {
  if (!process.env.SDKGEN_KEEP_GENERATED) {
    rmSync(join(OUT_DIR, TYPES), { recursive: true, force: true });
    rmSync(join(OUT_DIR, CLIENT), { recursive: true, force: true });
  }
  const failed = tally.setupFailed ? tally.registered - tally.skipped : tally.started - tally.passed;
  console.log(`restJson1 event stream tests: ${tally.passed} passed, ${failed} failed, ${tally.skipped} skipped`);
});

function operationOf(id: string): Operation {
  const op = ir.operations.find((o) => o.id === id);
  if (!op) throw new Error(`no operation ${id} in the IR`);
  return op;
}

/** The member of a structure bound to its event stream. */
function streamMember(shape: StructureShape) {
  return shape.members.find((m) => shapeOf(ir, m.target).kind === "union" && "smithy.api#streaming" in shapeOf(ir, m.target).traits);
}

async function* eventsOf(values: unknown[]): AsyncIterable<unknown> {
  for (const value of values) yield value;
}

/** The messages of an encoded event stream (each starts with its total length). */
function decodeAll(bytes: Uint8Array) {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const messages = [];
  for (let at = 0; at < bytes.byteLength; ) {
    const length = new DataView(bytes.buffer, bytes.byteOffset + at, 4).getUint32(0);
    messages.push(codec.decode(bytes.subarray(at, at + length)));
    at += length;
  }
  return messages;
}

/** A decoded message as a value to compare: headers by name, bodies as text (JSON parsed). */
function comparable(message: { headers: Record<string, { type: string; value: unknown }>; body: Uint8Array }) {
  const headers = Object.fromEntries(Object.entries(message.headers).map(([name, h]) => [name, { type: h.type, value: normalize(h.type === "long" ? String(h.value) : h.value) }]));
  const text = toUtf8(message.body);
  const json = headers[":content-type"]?.value === "application/json" ? JSON.parse(text) : undefined;
  return { headers, body: json ?? Array.from(message.body) };
}

/** Answers with the case's initial response and response events, after reading the whole request body (the input events). */
function handlerFor(c: EventStreamCase, op: Operation, seen: { request?: HttpRequest; body?: Uint8Array }) {
  const requiredHeaders = op.output.members.filter((m) => m.required && m.http.location === "header").map((m) => (m.http as { name: string }).name);
  return {
    async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
      seen.request = request;
      seen.body = await bodyBytes(request.body);
      const events = (c.events ?? []).filter((e) => e.type === "response").map((e) => Buffer.from(e.bytes, "base64"));
      const body = c.initialResponse?.body !== undefined ? [Buffer.from(c.initialResponse.body)] : events;
      // A case about the request only gets the headers a response must have.
      const aboutResponse = c.initialResponse !== undefined || (c.events ?? []).some((e) => e.type === "response");
      const headers = c.initialResponse?.headers ?? (aboutResponse ? {} : Object.fromEntries(requiredHeaders.map((name) => [name, "placeholder"])));
      return { response: new HttpResponse({ statusCode: c.initialResponse?.code ?? 200, headers: { ...headers }, body: Readable.from(body) }) };
    },
  };
}

function newClient(requestHandler: unknown) {
  const Client = client[`${ir.service.clientName}Client`];
  return new Client({ region: "us-west-2", credentials: { accessKeyId: "key", secretAccessKey: "secret" }, endpoint: "https://localhost", maxAttempts: 1, requestHandler });
}

async function runCase(operation: string, c: EventStreamCase): Promise<void> {
  const op = operationOf(operation);
  const inputStream = streamMember(op.input);
  const outputStream = streamMember(op.output);
  const requestEvents = (c.events ?? []).filter((e) => e.type === "request");
  const responseEvents = (c.events ?? []).filter((e) => e.type === "response");

  const input = toTs(ir, op.input.id, c.initialRequestParams ?? {}) as Record<string, unknown>;
  // A required initial-request member the case does not give gets a placeholder.
  for (const m of op.input.members) if (m !== inputStream && m.required && input[m.name] === undefined) input[m.name] = "placeholder";
  if (inputStream) input[inputStream.name] = eventsOf(requestEvents.map((e) => toTs(ir, inputStream.target, e.params ?? {})));

  const seen: { request?: HttpRequest; body?: Uint8Array } = {};
  const Command = client[`${op.name}Command`];
  const outcome = (async () => {
    const output = await newClient(handlerFor(c, op, seen)).send(new Command(input));
    const received: unknown[] = [];
    if (outputStream && output[outputStream.name]) for await (const event of output[outputStream.name]) received.push(event);
    return { output, received };
  })();

  if (c.expectation?.failure) {
    const error = await outcome.then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error, "the call or its event stream fails").toBeInstanceOf(Error);
    if (c.expectation.failure.errorId) expect(error).toBeInstanceOf(client[(shapeOf(ir, c.expectation.failure.errorId) as StructureShape).name]);
    return;
  }
  const { output, received } = await outcome;

  if (c.initialRequest) {
    await expectRequest(seen.request!, { id: c.id, method: c.initialRequest.method, uri: c.initialRequest.uri, headers: c.initialRequest.headers });
  }
  if (inputStream) {
    expect(seen.request!.headers["content-type"]).toBe("application/vnd.amazon.eventstream");
    // Signed envelopes, the last one empty; their payloads are the events as the case encodes them.
    const envelopes = decodeAll(seen.body!);
    expect(envelopes.length).toBe(requestEvents.length + 1);
    for (const envelope of envelopes) {
      expect(envelope.headers[":date"]?.type).toBe("timestamp");
      expect(envelope.headers[":chunk-signature"]?.type).toBe("binary");
    }
    expect(envelopes.at(-1)!.body.byteLength).toBe(0);
    // Each payload is a whole message (its CRCs checked by the codec) with the case's headers and
    // body; header order is not compared, as the cases list headers in the order of their params.
    const payloads = envelopes.slice(0, -1).map((e) => decodeAll(e.body));
    const expected = requestEvents.map((e) => decodeAll(Buffer.from(e.bytes, "base64")));
    expect(payloads.map((messages) => messages.map(comparable))).toEqual(expected.map((messages) => messages.map(comparable)));
  }
  if (c.initialResponseParams) {
    const expected = normalize(toTs(ir, op.output.id, c.initialResponseParams)) as Record<string, unknown>;
    const actual: Record<string, unknown> = {};
    for (const key of Object.keys(expected)) actual[key] = output[key];
    expect(normalize(actual)).toEqual(expected);
  }
  if (outputStream) {
    expect(normalize(received)).toEqual(responseEvents.map((e) => normalize(toTs(ir, outputStream.target, e.params ?? {}))));
  }
}

describe("restJson1 event streams", () => {
  for (const { operation, c } of cases) {
    tally.registered++;
    const reason = SKIP[c.id];
    if (reason !== undefined) {
      tally.skipped++;
      it.skip(`${c.id} (skipped: ${reason})`, () => {});
      continue;
    }
    it(c.id, async () => {
      tally.started++;
      await runCase(operation, c);
      tally.passed++;
    });
  }
});

describe("the generated event stream client", () => {
  it("runs all 84 client cases, and its skip list names only existing cases, each with a reason", () => {
    expect(cases.length).toBe(84);
    const ids = new Set(cases.map(({ c }) => c.id));
    for (const [id, reason] of Object.entries(SKIP)) {
      expect(ids.has(id), `eventstream-skip.json: no case ${id}`).toBe(true);
      expect(reason.trim(), `eventstream-skip.json: ${id} needs a reason`).not.toBe("");
    }
  });

  it("type-checks (tsc --noEmit, strict), with code a user would write", async () => {
    const consumer = join(OUT_DIR, "events-consumer-check.ts");
    writeFileSync(
      consumer,
      [
        `import { RestJsonProtocolClient, OutputStreamCommand, InputStreamCommand, ErrorEvent } from ${JSON.stringify(join(clientDir, "src/index.js"))};`,
        `import type { EventStream } from ${JSON.stringify(TYPES)};`,
        `export async function read(client: RestJsonProtocolClient): Promise<string[]> {`,
        `  const { stream } = await client.send(new OutputStreamCommand({}));`,
        `  const seen: string[] = [];`,
        `  try {`,
        `    for await (const event of stream ?? []) if (event.stringPayload) seen.push(event.stringPayload.payload ?? "");`,
        `  } catch (error) {`,
        `    if (error instanceof ErrorEvent) seen.push(error.message);`,
        `  }`,
        `  return seen;`,
        `}`,
        `export async function write(client: RestJsonProtocolClient, events: AsyncIterable<EventStream>): Promise<void> {`,
        `  await client.send(new InputStreamCommand({ stream: events }));`,
        `}`,
      ].join("\n"),
    );
    const tsconfig = join(OUT_DIR, "tsconfig.events-check.json");
    writeFileSync(
      tsconfig,
      JSON.stringify({
        extends: join(clientDir, "tsconfig.json"),
        compilerOptions: { noEmit: true, paths: { [TYPES]: [join(OUT_DIR, TYPES, "src/index.ts")] } },
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
