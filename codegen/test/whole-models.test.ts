/**
 * Whole real models: the full Amazon Connect model (370 operations bound to
 * the service) and Connect Cases (43 operations bound through resources) are
 * generated into a temp folder, type-checked with `tsc --noEmit`, and every
 * generated command sends one request through a capturing request handler —
 * no network. A small model of our own goes through the same steps with the
 * names real models rarely have: reserved words, keywords as members, shapes
 * named like generated symbols, an operation named like a client method,
 * legacy enums whose values are not identifiers, intEnums, jsonName,
 * recursion.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { HttpResponse } from "@smithy/core/protocols";
import type { HttpRequest } from "@smithy/core/protocols";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configForModel, generateAndWrite } from "../src/generate.js";
import type { Member, Operation, ServiceIR, Shape, StructureShape } from "../src/ir/types.js";

const codegenRoot = fileURLToPath(new URL("..", import.meta.url));
const sharedDir = process.env.CONNECT_SDK_SHARED ?? resolve(codegenRoot, "../../shared");
const tscBin = join(codegenRoot, "node_modules/typescript/bin/tsc");

const MODELS: { file: string; service: string; operations: number; paginated: number; inline?: unknown }[] = [
  { file: "upstream/connect.json", service: "com.amazonaws.connect#AmazonConnectService", operations: 370, paginated: 86 },
  { file: "upstream/connectcases.json", service: "com.amazonaws.connectcases#AmazonConnectCases", operations: 43, paginated: 12 },
  { file: "edge-names.json", service: "example.edge#Edge", operations: 3, paginated: 0, inline: edgeModel() },
];

interface TscResult {
  code: number | null;
  output: string;
}

function runTsc(project: string): Promise<TscResult> {
  return new Promise((done) => {
    execFile(process.execPath, [tscBin, "--noEmit", "-p", project], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

for (const model of MODELS) {
  describe(`whole model ${model.file}`, () => {
    let dir: string;
    let ir: ServiceIR;
    let clientDir: string;
    let tsc: Promise<TscResult>;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "sdkgen-whole-"));
      const modelFile = model.inline ? join(dir, model.file) : join(sharedDir, model.file);
      if (model.inline) writeFileSync(modelFile, JSON.stringify(model.inline));
      const config = await configForModel(modelFile, dir, model.service);
      const result = await generateAndWrite(config);
      ir = result.ir;
      const types = config.packages.types!;
      clientDir = config.packages.client!.dir;
      // The runtime packages (and @types/node, typescript) come from the codegen's devDependencies;
      // the generated types package is mapped to its source.
      symlinkSync(join(codegenRoot, "node_modules"), join(dir, "node_modules"), "dir");
      const tsconfig = {
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          lib: ["ES2022", "DOM"],
          strict: true,
          noImplicitOverride: true,
          isolatedModules: true,
          skipLibCheck: true,
          noEmit: true,
          types: ["node"],
          paths: { [types.name]: [`./${relativeTo(dir, types.dir)}/src/index.ts`] },
        },
        include: [`${relativeTo(dir, types.dir)}/src`, `${relativeTo(dir, clientDir)}/src`],
      };
      writeFileSync(join(dir, "tsconfig.json"), `${JSON.stringify(tsconfig, null, 2)}\n`);
      // Type-checking runs in a child process while the requests are sent.
      tsc = runTsc(join(dir, "tsconfig.json"));
    }, 600_000);

    afterAll(async () => {
      await tsc?.catch(() => undefined);
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("binds every operation of the model", () => {
      expect(ir.operations).toHaveLength(model.operations);
      expect(existsSync(join(clientDir, "src/gen/commands", `${ir.operations[0]!.name}Command.ts`))).toBe(true);
    });

    it("finds the client's runtime dependencies among the codegen's devDependencies", () => {
      const pkg = JSON.parse(readFileSync(join(clientDir, "package.json"), "utf8")) as { dependencies: Record<string, string> };
      const missing = Object.keys(pkg.dependencies).filter((dep) => !dep.endsWith("-types") && !existsSync(join(codegenRoot, "node_modules", dep, "package.json")));
      expect(missing, "add these to codegen/package.json devDependencies").toEqual([]);
    });

    it("sends one signed request through each command and parses a 200 {} response", async () => {
      const requests: HttpRequest[] = [];
      const requestHandler = {
        async handle(request: HttpRequest) {
          requests.push(request);
          const response = new HttpResponse({
            statusCode: 200,
            headers: { "content-type": "application/json", "x-amzn-requestid": "test-request" },
            body: Readable.from([Buffer.from("{}")]),
          });
          return { response };
        },
      };
      const clientName = `${ir.service.clientName}Client`;
      const clientModule = (await import(/* @vite-ignore */ join(clientDir, "src/gen", `${clientName}.ts`))) as Record<string, new (config: unknown) => Sendable>;
      const client = new clientModule[clientName]!({
        region: "us-east-1",
        credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
        requestHandler,
        maxAttempts: 1,
      });

      const failures: string[] = [];
      let exercised = 0;
      for (const op of ir.operations) {
        const name = `${op.name}Command`;
        const commandModule = (await import(/* @vite-ignore */ join(clientDir, "src/gen/commands", `${name}.ts`))) as Record<string, new (input: unknown) => unknown>;
        const input = dummyStructure(ir, op.input, 0);
        const before = requests.length;
        try {
          const output = (await client.send(new commandModule[name]!(input))) as { $metadata?: { httpStatusCode?: number; requestId?: string } };
          exercised++;
          const request = requests[before];
          const problems = checkRequest(op, request, requests.length - before);
          if (output.$metadata?.httpStatusCode !== 200) problems.push(`output $metadata ${JSON.stringify(output.$metadata)}`);
          if (problems.length) failures.push(`${name}: ${problems.join("; ")}`);
        } catch (error) {
          failures.push(`${name}: threw ${(error as Error).name}: ${(error as Error).message} (input ${JSON.stringify(input, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v))})`);
        }
      }
      client.destroy();
      expect(failures).toEqual([]);
      expect(exercised).toBe(model.operations);
    }, 600_000);

    it("pages through every paginated operation: the output token of one page goes out as the input token of the next", async () => {
      const paginated = ir.operations.filter((op) => op.pagination);
      let first = "{}";
      const requests: HttpRequest[] = [];
      const requestHandler = {
        async handle(request: HttpRequest) {
          // The first response carries a token at the output path; the second carries none.
          const body = requests.push(request) === 1 ? first : "{}";
          return { response: new HttpResponse({ statusCode: 200, headers: { "content-type": "application/json" }, body: Readable.from([Buffer.from(body)]) }) };
        },
      };
      const clientName = `${ir.service.clientName}Client`;
      // The modules themselves (the index also re-exports the types package, which is not installed here).
      const clientModule = (await import(/* @vite-ignore */ join(clientDir, "src/gen", `${clientName}.ts`))) as Record<string, any>;
      const client = new clientModule[clientName]({ region: "us-east-1", credentials: { accessKeyId: "AKID", secretAccessKey: "SECRET" }, requestHandler, maxAttempts: 1 });
      const failures: string[] = [];
      for (const op of paginated) {
        const { inputToken, outputToken } = op.pagination!;
        const token = `token-of-${op.name}`;
        requests.length = 0;
        first = JSON.stringify(jsonAt(ir, op.output, outputToken.split("."), token));
        let pages = 0;
        try {
          const paginator = (await import(/* @vite-ignore */ join(clientDir, "src/gen/pagination", `${op.name}Paginator.ts`))) as Record<string, any>;
          for await (const _page of paginator[`paginate${op.name}`]({ client }, dummyStructure(ir, op.input, 0))) pages++;
        } catch (error) {
          failures.push(`${op.name}: threw ${(error as Error).message}`);
          continue;
        }
        const second = requests[1];
        const member = op.input.members.find((m) => m.name === inputToken)!;
        const sent = second && (member.http.location === "query" ? second.query?.[(member.http as { name: string }).name] : JSON.parse(String(second.body ?? "{}"))[member.jsonName]);
        if (pages !== 2 || requests.length !== 2 || sent !== token) failures.push(`${op.name}: ${pages} pages, ${requests.length} requests, second sent ${JSON.stringify(sent)}`);
      }
      client.destroy();
      expect(failures).toEqual([]);
      expect(paginated.length).toBe(model.paginated);
    }, 600_000);

    it("type-checks with tsc --noEmit", async () => {
      const { code, output } = await tsc;
      expect(output.trim()).toBe("");
      expect(code).toBe(0);
    }, 600_000);
  });
}

/** A JSON response body holding `value` at the member path `path` of `shape` (through jsonNames). */
function jsonAt(ir: ServiceIR, shape: StructureShape, path: string[], value: string): Record<string, unknown> {
  const [head, ...rest] = path;
  const member = shape.members.find((m) => m.name === head)!;
  const next = ir.shapeById.get(member.target)!;
  return { [member.jsonName]: rest.length ? jsonAt(ir, next as StructureShape, rest, value) : value };
}

interface Sendable {
  send(command: unknown): Promise<unknown>;
  destroy(): void;
}

function relativeTo(base: string, path: string): string {
  return path.startsWith(`${base}/`) ? path.slice(base.length + 1) : path;
}

/** What the request of `op` must look like: its method, its uri's literal prefix, a SigV4 signature. */
function checkRequest(op: Operation, request: HttpRequest | undefined, sent: number): string[] {
  if (!request) return ["the handler received no request"];
  const problems: string[] = [];
  if (sent !== 1) problems.push(`${sent} requests sent`);
  if (request.method !== op.http.method) problems.push(`method ${request.method}, expected ${op.http.method}`);
  const prefix = literalPrefix(op.http.uri);
  if (!request.path.startsWith(prefix)) problems.push(`path ${request.path} does not start with ${prefix}`);
  if (request.path.includes("//") || /\{|\}/.test(request.path)) problems.push(`path ${request.path} has an empty or unfilled label`);
  const authorization = request.headers.authorization ?? "";
  if (!/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/[\w-]+\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/.test(authorization)) {
    problems.push(`not signed: authorization ${JSON.stringify(authorization)}`);
  }
  if (!request.headers["x-amz-date"]) problems.push("no x-amz-date header");
  return problems;
}

/** `/cases/{caseId}/fields?x=y` → `/cases/`. */
function literalPrefix(uri: string): string {
  const path = uri.split("?")[0]!;
  const brace = path.indexOf("{");
  return brace < 0 ? path : path.slice(0, brace);
}

const MAX_DEPTH = 6;

/** A structure with every required member set to a dummy value of its type. */
function dummyStructure(ir: ServiceIR, shape: StructureShape, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of shape.members) if (m.required && !m.clientOptional) out[m.name] = dummy(ir, m, depth + 1);
  return out;
}

function dummy(ir: ServiceIR, member: Member, depth: number): unknown {
  const shape = ir.shapeById.get(member.target);
  if (!shape) throw new Error(`unknown shape ${member.target}`);
  return dummyOf(ir, shape, depth);
}

function dummyOf(ir: ServiceIR, shape: Shape, depth: number): unknown {
  switch (shape.kind) {
    case "string": {
      const min = shape.constraints.length?.min ?? 1;
      return "x".repeat(Math.max(1, Math.min(min, 64)));
    }
    case "enum":
    case "intEnum":
      return shape.values[0]!.value;
    case "boolean":
      return true;
    case "byte":
    case "short":
    case "integer":
    case "long":
    case "float":
    case "double":
      return Math.max(1, shape.constraints.range?.min ?? 1);
    case "bigInteger":
      return 1n;
    case "bigDecimal":
      return "1.5";
    case "timestamp":
      return new Date("2024-01-02T03:04:05Z");
    case "blob":
      return new Uint8Array([1, 2, 3]);
    case "document":
      return { key: "value" };
    case "list":
      return depth > MAX_DEPTH ? [] : [dummy(ir, shape.member, depth + 1)];
    case "map":
      return depth > MAX_DEPTH ? {} : { key: dummy(ir, shape.value, depth + 1) };
    case "structure":
      return dummyStructure(ir, shape, depth);
    case "union": {
      // Prefer a member that does not lead back into aggregates, so recursion ends.
      const simple = shape.members.find((m) => !["structure", "union", "list", "map"].includes(ir.shapeById.get(m.target)!.kind));
      const chosen = depth > MAX_DEPTH && simple ? simple : shape.members[0]!;
      return { [chosen.name]: dummy(ir, chosen, depth + 1) };
    }
  }
}

/** Our own model with the names that trip generators up (see the file comment). */
function edgeModel(): unknown {
  const str = { target: "smithy.api#String" };
  const required = (target: string, traits: Record<string, unknown> = {}) => ({ target, traits: { "smithy.api#required": {}, ...traits } });
  const unit = (value: number) => ({ target: "smithy.api#Unit", traits: { "smithy.api#enumValue": value } });
  return {
    smithy: "2.0",
    shapes: {
      "example.edge#Edge": {
        type: "service",
        version: "2024-01-01",
        operations: [{ target: "example.edge#DoThing" }, { target: "example.edge#Delete" }, { target: "example.edge#Send" }],
        traits: { "aws.protocols#restJson1": {}, "aws.api#service": { sdkId: "Edge Names", endpointPrefix: "edge" }, "aws.auth#sigv4": { name: "edge" } },
      },
      "example.edge#DoThing": {
        type: "operation",
        input: { target: "example.edge#DoThingInput" },
        output: { target: "example.edge#Object" },
        errors: [{ target: "example.edge#Error" }],
        traits: { "smithy.api#http": { method: "POST", uri: "/things/{class}", code: 200 } },
      },
      "example.edge#Delete": {
        type: "operation",
        input: { target: "example.edge#Promise" },
        traits: { "smithy.api#http": { method: "DELETE", uri: "/delete/{default}", code: 204 } },
      },
      // `send` is a method of the client's base class: the aggregated client must not override it.
      "example.edge#Send": {
        type: "operation",
        input: { target: "smithy.api#Unit" },
        output: { target: "smithy.api#Unit" },
        traits: { "smithy.api#http": { method: "POST", uri: "/send", code: 200 } },
      },
      "example.edge#Promise": {
        type: "structure",
        members: {
          default: required("smithy.api#String", { "smithy.api#httpLabel": {} }),
          function: { ...str, traits: { "smithy.api#httpQuery": "function" } },
          new: { ...str, traits: { "smithy.api#httpHeader": "x-new" } },
        },
      },
      "example.edge#DoThingInput": {
        type: "structure",
        members: {
          class: required("smithy.api#String", { "smithy.api#httpLabel": {} }),
          delete: { target: "example.edge#Date", traits: { "smithy.api#jsonName": "delete-me" } },
          tree: required("example.edge#Tree"),
          choice: required("example.edge#Choice"),
          level: required("example.edge#Level"),
          legacy: required("example.edge#Legacy"),
          doc: { target: "example.edge#DocumentType" },
          raw: { target: "smithy.api#Document" },
          names: required("example.edge#Map"),
          this: { target: "smithy.api#Integer" },
          typeof: { target: "example.edge#ListOfTree" },
        },
      },
      "example.edge#Date": { type: "structure", members: { value: { target: "smithy.api#Timestamp" }, in: { target: "smithy.api#Boolean" } } },
      "example.edge#Tree": {
        type: "structure",
        members: {
          children: { target: "example.edge#ListOfTree" },
          parent: { target: "example.edge#Tree" },
          name: { ...str, traits: { "smithy.api#jsonName": "Name" } },
        },
      },
      "example.edge#ListOfTree": { type: "list", member: { target: "example.edge#Tree" } },
      "example.edge#Map": { type: "map", key: str, value: { target: "example.edge#Choice" } },
      "example.edge#Choice": {
        type: "union",
        members: {
          Text: { target: "example.edge#TextMember" },
          nested: { target: "example.edge#Choice" },
          default: str,
          level: { target: "example.edge#Level" },
        },
      },
      "example.edge#TextMember": { type: "structure", members: { body: str } },
      "example.edge#DocumentType": { type: "structure", members: { kind: str } },
      "example.edge#Level": { type: "intEnum", members: { LOW: unit(1), default: unit(2) } },
      "example.edge#Legacy": {
        type: "string",
        traits: { "smithy.api#enum": [{ value: "a-b" }, { value: "a_b" }, { value: "1st" }, { value: "with space" }, { value: "constructor" }] },
      },
      "example.edge#Object": {
        type: "structure",
        members: {
          Record: { target: "example.edge#Map" },
          status: { target: "example.edge#Legacy" },
          level: { target: "example.edge#Level" },
          tree: { target: "example.edge#Tree" },
        },
      },
      "example.edge#Error": {
        type: "structure",
        members: {
          message: str,
          name: str,
          cause: str,
          stack: str,
          constructor: str,
          Reason: required("smithy.api#String"),
        },
        traits: { "smithy.api#error": "client", "smithy.api#httpError": 400 },
      },
    },
  };
}
