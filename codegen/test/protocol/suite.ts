/**
 * A data-driven run of Smithy's protocol compliance tests for one protocol: every
 * `smithy.test#httpRequestTests` and `smithy.test#httpResponseTests` case for the protocol that
 * applies to clients (`appliesTo` client or absent), over every test service of the model file
 * that declares the protocol. Each service's client is generated at test time into
 * `test/.generated/run-<pid>-protocols` (never committed), whose types packages vitest.config.ts
 * resolves by name (`sdkgen-pt-<slug>-types`).
 *
 * A suite prints `<protocol> protocol tests: N passed, N failed, N skipped`. Cases are skipped
 * only through the suite's skip list, each with its reason.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type GenerateConfig, generateFromModel } from "../../src/index.js";
import type { Operation, ServiceIR, StructureShape } from "../../src/ir/types.js";
import { packageSlug } from "../../src/ir/naming.js";
import { loadModelFile, parseModel } from "../../src/load/load.js";
import { writePackages } from "../../src/output/write.js";
import { CODEGEN_ROOT, REPO_ROOT } from "../helpers.js";
import { CapturedRequest, type RequestCase, capturingHandler, expectRequest, normalize, respondingHandler } from "./http.js";
import { shapeOf, toTs } from "./node-values.js";

export const SHARED = process.env.CONNECT_SDK_SHARED ?? join(REPO_ROOT, "../shared");
export const AWS_PROTOCOL_TESTS = join(SHARED, "smithy/protocol-tests/aws-protocol-tests.json");
export const SMITHY_PROTOCOL_TESTS = join(SHARED, "smithy/protocol-tests/smithy-protocol-tests.json");

const GENERATED = join(CODEGEN_ROOT, "test/.generated");
/** Next to the restJson1 suite's run folder (which that suite removes whole), not inside it. */
const OUT_DIR = `${process.env.SDKGEN_PROTOCOL_OUT ?? join(GENERATED, `run-${process.pid}`)}-protocols`;
/** The idempotency token and clock the test cases assume. */
const TOKEN = "00000000-0000-4000-8000-000000000000";
const NOW = new Date("2024-01-01T00:00:00Z");

export interface SuiteOptions {
  /** The protocol's short name, as printed: `awsJson1_0`. */
  label: string;
  /** The protocol trait the cases name: `aws.protocols#awsJson1_0`. */
  protocol: string;
  modelFile: string;
  /**
   * case id → reason. A request and a response case may share an id: `request:<id>` or
   * `response:<id>` names one of them, a bare id both.
   */
  skip: Record<string, string>;
}

interface ResponseCase {
  id: string;
  code: number;
  headers?: Record<string, string>;
  body?: string;
  bodyMediaType?: string;
  params?: Record<string, unknown>;
  vendorParams?: Record<string, unknown>;
}

interface AstShape {
  type: string;
  operations?: { target: string }[];
  errors?: { target: string }[];
  traits?: Record<string, unknown>;
}

interface Case<C> {
  service: string;
  operation: string;
  /** For an error's response case: the error shape. */
  error?: string;
  c: C;
}

type Applicable = { protocol: string; appliesTo?: string };

/** The cases, read synchronously at collection time (the IRs and clients come in beforeAll). */
export function collectCases(modelFile: string, protocol: string) {
  // The loader's parse keeps numbers a double cannot hold exactly (see exact-numbers.ts), as the cases need.
  const model = parseModel(readFileSync(modelFile, "utf8"), modelFile) as unknown as { shapes: Record<string, AstShape> };
  const applies = (c: Applicable) => c.protocol === protocol && (c.appliesTo === undefined || c.appliesTo === "client");
  const requests: Case<RequestCase>[] = [];
  const responses: Case<ResponseCase>[] = [];
  const services = Object.keys(model.shapes)
    .filter((id) => model.shapes[id]!.type === "service" && protocol in (model.shapes[id]!.traits ?? {}))
    .sort();
  for (const service of services) {
    const operations = (model.shapes[service]!.operations ?? []).map((r) => r.target).sort();
    const seenErrors = new Set<string>();
    for (const operation of operations) {
      const traits = model.shapes[operation]!.traits ?? {};
      for (const c of (traits["smithy.test#httpRequestTests"] ?? []) as (RequestCase & Applicable)[]) if (applies(c)) requests.push({ service, operation, c });
      for (const c of (traits["smithy.test#httpResponseTests"] ?? []) as (ResponseCase & Applicable)[]) if (applies(c)) responses.push({ service, operation, c });
      // Error cases run through the first operation (by id) that can return the error.
      for (const ref of model.shapes[operation]!.errors ?? []) {
        if (seenErrors.has(ref.target)) continue;
        seenErrors.add(ref.target);
        const errorTraits = model.shapes[ref.target]!.traits ?? {};
        for (const c of (errorTraits["smithy.test#httpResponseTests"] ?? []) as (ResponseCase & Applicable)[]) {
          if (applies(c)) responses.push({ service, operation, error: ref.target, c });
        }
      }
    }
  }
  return { services, requests, responses };
}

interface Generated {
  ir: ServiceIR;
  client: Record<string, any>;
  clientDir: string;
  typesName: string;
  typesDir: string;
}

/** Registers the suite's tests: a describe block for requests, one for responses, and the checks of the generated code. */
export function protocolSuite(options: SuiteOptions): void {
  const { label, protocol, modelFile, skip } = options;
  const { services, requests, responses } = collectCases(modelFile, protocol);
  const short = protocol.split("#")[1]!;
  /**
   * Every case that started and did not pass failed; when the setup fails, every case not
   * skipped failed. (Cases left out by a `-t` filter are not counted.)
   */
  const tally = { registered: 0, started: 0, passed: 0, skipped: 0, setupFailed: false };
  const generated = new Map<string, Generated>();

  beforeAll(async () => {
    tally.setupFailed = true;
    removeStaleRuns();
    const model = await loadModelFile(modelFile);
    for (const service of services) {
      const slug = `sdkgen-pt-${packageSlug(service.split("#")[1]!)}`;
      const packages = { types: { name: `${slug}-types`, dir: join(OUT_DIR, `${slug}-types`) }, client: { name: `${slug}-client`, dir: join(OUT_DIR, `${slug}-client`) } };
      const config: GenerateConfig = { model: modelFile, service, protocol: short, packages };
      const result = await generateFromModel(model, config);
      for (const p of Object.values(packages)) rmSync(p.dir, { recursive: true, force: true });
      await writePackages(result.packages);
      const client = (await import(/* @vite-ignore */ join(packages.client.dir, "src/index.ts"))) as Record<string, any>;
      generated.set(service, { ir: result.ir, client, clientDir: packages.client.dir, typesName: packages.types.name, typesDir: packages.types.dir });
    }
    tally.setupFailed = false;
  }, 600_000);

  afterAll(() => {
    if (!process.env.SDKGEN_KEEP_GENERATED) for (const g of generated.values()) for (const dir of [g.clientDir, g.typesDir]) rmSync(dir, { recursive: true, force: true });
    const failed = tally.setupFailed ? tally.registered - tally.skipped : tally.started - tally.passed;
    console.log(`${label} protocol tests: ${tally.passed} passed, ${failed} failed, ${tally.skipped} skipped`);
  });

  /** Registers one case: skipped when the skip list names it, counted either way. */
  const protocolCase = (kind: "request" | "response", id: string, body: () => Promise<void>): void => {
    tally.registered++;
    const reason = skip[`${kind}:${id}`] ?? skip[id];
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
  };

  const serviceOf = (id: string): Generated => {
    const g = generated.get(id);
    if (!g) throw new Error(`no client generated for ${id}`);
    return g;
  };

  describe(`${label} requests`, () => {
    for (const { service, operation, c } of requests) {
      protocolCase("request", c.id, async () => {
        vi.useFakeTimers({ toFake: ["Date"], now: NOW });
        try {
          const g = serviceOf(service);
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

  describe(`${label} responses`, () => {
    for (const { service, operation, error, c } of responses) {
      protocolCase("response", c.id, async () => {
        const g = serviceOf(service);
        const op = operationOf(g.ir, operation);
        const handler = respondingHandler(c.code, c.headers ?? {}, c.bodyMediaType === "application/cbor" && c.body ? Buffer.from(c.body, "base64") : c.body);
        if (error) {
          const shape = shapeOf(g.ir, error) as StructureShape;
          const thrown = await send(g, op, minimalInput(g.ir, op), handler).then(
            () => new Error("expected an error"),
            (e: unknown) => e,
          );
          expect(thrown).toBeInstanceOf(g.client[shape.name]);
          const fields = thrown as Record<string, unknown> & { $metadata?: { httpStatusCode?: number } };
          expect(fields.$metadata?.httpStatusCode).toBe(c.code);
          const expected = normalize(toTs(g.ir, error, c.params ?? {})) as Record<string, unknown>;
          const actual: Record<string, unknown> = {};
          for (const m of shape.members) if (fields[m.name] !== undefined) actual[m.name] = fields[m.name];
          // `message` is always set on an Error; compare it only when the case gives it.
          if (!("message" in expected)) delete actual.message;
          expect(normalize(actual)).toEqual(expected);
          // awsQueryCompatible cases: the error carries the awsQuery code and type (ErrorCodeParams).
          const vendor = c.vendorParams as { code?: string; type?: string } | undefined;
          if (vendor?.code !== undefined && g.ir.service.awsQueryCompatible) {
            expect(fields.Code ?? fields.name, "awsQuery error code").toBe(vendor.code);
            if (vendor.type !== undefined) expect(fields.Type, "awsQuery error type").toBe(vendor.type);
          }
          return;
        }
        const output = await send(g, op, minimalInput(g.ir, op), handler);
        const { $metadata, ...rest } = output as Record<string, unknown>;
        expect(($metadata as { httpStatusCode?: number }).httpStatusCode).toBe(c.code);
        expect(normalize(rest)).toEqual(normalize(toTs(g.ir, op.output.id, c.params ?? {})));
      });
    }
  });

  describe(`the generated ${label} clients`, () => {
    it("have a skip list that names only existing cases, each with a reason", () => {
      const ids = new Set([...requests.map(({ c }) => c.id), ...responses.map(({ c }) => c.id)]);
      for (const [key, reason] of Object.entries(skip)) {
        expect(ids.has(key.replace(/^(request|response):/, "")), `skip list: no case ${key}`).toBe(true);
        expect(reason.trim(), `skip list: ${key} needs a reason`).not.toBe("");
      }
    });

    it("speak the protocol", () => {
      for (const g of generated.values()) expect(g.ir.service.protocol).toBe(short);
    });

    it("type-check (tsc --noEmit, strict)", async () => {
      // Each client's own tsconfig, with its types package mapped to its sources.
      for (const g of generated.values()) {
        const tsconfig = join(OUT_DIR, `tsconfig.${g.typesName}.json`);
        writeFileSync(
          tsconfig,
          JSON.stringify({
            extends: join(g.clientDir, "tsconfig.json"),
            compilerOptions: { noEmit: true, paths: { [g.typesName]: [join(g.typesDir, "src/index.ts")] } },
            include: [join(g.clientDir, "src")],
          }),
        );
        const tsc = join(CODEGEN_ROOT, "node_modules/typescript/bin/tsc");
        const result = await promisify(execFile)(process.execPath, [tsc, "-p", tsconfig]).then(
          () => "",
          (error: { stdout?: string }) => error.stdout ?? String(error),
        );
        rmSync(tsconfig, { force: true });
        expect(result, g.ir.service.id).toBe("");
      }
    }, 600_000);
  });
}

/** Folders of runs whose process is gone (a run removes its packages when it ends). */
function removeStaleRuns(): void {
  if (!existsSync(GENERATED)) return;
  for (const name of readdirSync(GENERATED)) {
    const pid = Number(/^run-(\d+)-protocols$/.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      rmSync(join(GENERATED, name), { recursive: true, force: true });
    }
  }
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
