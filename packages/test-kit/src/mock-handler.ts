/**
 * A request handler for the client that answers from scripts instead of the
 * network, and records every request it gets. Pass it as `requestHandler`:
 * the client still serializes, signs, retries and parses as usual, so tests
 * exercise the real client code.
 *
 *   const mock = new MockConnectHandler();
 *   mock.on("StartAttachedFileUpload").throttles(2).resolves(output);
 *   const client = new ConnectClient({ region, credentials, requestHandler: mock });
 */
import { HttpResponse } from "@smithy/core/protocols";
import type { HttpRequest } from "@smithy/core/protocols";
import type { HttpHandlerOptions } from "@smithy/types";
import { matchRoute } from "./router.js";
import { type ServiceSchema, operationOf } from "./schema.js";
import { type RawResponse, collectEventStreams, messageFields, readRequest, writeError, writeResponse } from "./wire.js";

/** A request as the mock received it. */
export interface RecordedRequest {
  /** The operation the request is for, found from the model's `@http` traits. */
  operation: string | undefined;
  method: string;
  /** Host name and port of the endpoint the client resolved. */
  host: string;
  path: string;
  query: Record<string, string | string[]>;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The body: parsed JSON, text, or bytes. */
  body: unknown;
  /** The operation input read back from the request, as the service would read it. */
  input: Record<string, unknown> | undefined;
}

/** The operations of a service as the mock knows them: input, output and error members by code. */
export type OperationMap<Ops> = { [Op in keyof Ops]: { input: object; output: object; errors: object } };

export type OutputOf<Entry> = Entry extends { output: infer O } ? O : never;
export type ErrorsOf<Entry> = Entry extends { errors: infer E } ? E : never;
type WithoutDelay<S> = S extends Step ? Omit<S, "delayMs"> : never;

export type Step =
  | { kind: "output"; output: object; delayMs: number }
  | { kind: "error"; code: string; fields: object; delayMs: number }
  | { kind: "throttle"; delayMs: number }
  | { kind: "network"; code: string; delayMs: number }
  | { kind: "respond"; respond: (request: RecordedRequest) => RawResponse | Promise<RawResponse>; delayMs: number };

/** The scripted answers of one operation, consumed in order; the last one repeats. */
export class OperationScript<Entry> {
  /** @internal */
  readonly steps: Step[] = [];
  private pendingDelay = 0;

  /** Answers with this output. */
  resolves(output: OutputOf<Entry>): this {
    return this.push({ kind: "output", output: output as object });
  }

  /** Answers with one of the operation's modelled errors (its status, code header and members). */
  rejects<Code extends keyof ErrorsOf<Entry> & string>(code: Code, fields?: ErrorsOf<Entry>[Code]): this {
    return this.push({ kind: "error", code, fields: (fields ?? {}) as object });
  }

  /** Answers `times` times with the service's throttling error (HTTP 429); the client retries these. */
  throttles(times = 1): this {
    for (let i = 0; i < times; i++) this.push({ kind: "throttle" });
    return this;
  }

  /** Fails `times` times as a dropped connection would (`ECONNRESET` by default); the client retries these. */
  failsWithNetworkError(times = 1, code = "ECONNRESET"): this {
    for (let i = 0; i < times; i++) this.push({ kind: "network", code });
    return this;
  }

  /** Delays the next answer added to the script by `ms`. */
  delays(ms: number): this {
    this.pendingDelay += ms;
    return this;
  }

  /** Answers with whatever the function returns, given the recorded request. */
  respondsWith(respond: (request: RecordedRequest) => RawResponse | Promise<RawResponse>): this {
    return this.push({ kind: "respond", respond });
  }

  private push(step: WithoutDelay<Step>): this {
    this.steps.push({ ...step, delayMs: this.pendingDelay } as Step);
    this.pendingDelay = 0;
    return this;
  }
}

export interface MockHandlerOptions<Ops extends OperationMap<Ops>> {
  /** Outputs for operations without a script (the generated examples by default); `false` makes such calls fail. */
  defaults?: Partial<{ [Op in keyof Ops]: OutputOf<Ops[Op]> }> | false;
}

export class MockRequestHandler<Ops extends OperationMap<Ops>> {
  /** Every request received, in order. */
  readonly requests: RecordedRequest[] = [];
  private readonly scripts = new Map<string, OperationScript<any>>();

  constructor(
    private readonly schema: ServiceSchema,
    private readonly options: MockHandlerOptions<Ops> = {},
  ) {}

  /** The script of an operation (created on first use). */
  on<Op extends keyof Ops & string>(operation: Op): OperationScript<Ops[Op]> {
    operationOf(this.schema, operation);
    let script = this.scripts.get(operation);
    if (!script) this.scripts.set(operation, (script = new OperationScript()));
    return script;
  }

  /** The requests received for one operation. */
  requestsFor(operation: keyof Ops & string): RecordedRequest[] {
    return this.requests.filter((r) => r.operation === operation);
  }

  /** Forgets scripts and recorded requests. */
  reset(): void {
    this.scripts.clear();
    this.requests.length = 0;
  }

  async handle(request: HttpRequest, options: HttpHandlerOptions = {}): Promise<{ response: HttpResponse }> {
    const recorded = await record(this.schema, request);
    this.requests.push(recorded);
    const step = this.next(recorded);
    if (step.delayMs > 0) await sleep(step.delayMs, options.abortSignal as AbortSignal | undefined);
    const answer = await this.answer(step, recorded);
    return { response: new HttpResponse({ statusCode: answer.statusCode, headers: { "x-amzn-requestid": `mock-${this.requests.length}`, ...answer.headers }, body: toBytes(answer.body) }) };
  }

  private next(request: RecordedRequest): Step {
    const operation = request.operation;
    const script = operation ? this.scripts.get(operation) : undefined;
    if (script && script.steps.length) return script.steps.length > 1 ? script.steps.shift()! : script.steps[0]!;
    if (!operation) throw new Error(`MockRequestHandler: no operation matches ${request.method} ${request.path}`);
    const fallback = this.options.defaults === false ? undefined : (this.options.defaults as Record<string, object> | undefined)?.[operation];
    if (!fallback) throw new Error(`MockRequestHandler: no script for ${operation}; use handler.on(${JSON.stringify(operation)}).resolves(output)`);
    return { kind: "output", output: fallback, delayMs: 0 };
  }

  private async answer(step: Step, request: RecordedRequest): Promise<RawResponse> {
    const operation = request.operation!;
    switch (step.kind) {
      case "output":
        return writeResponse(this.schema, operation, await collectEventStreams(step.output as Record<string, unknown>));
      case "error":
        return writeError(this.schema, step.code, step.fields as Record<string, unknown>);
      case "throttle": {
        const code = this.schema.throttlingError ?? "ThrottlingException";
        return writeError(this.schema, code, messageFields(this.schema, code, "Rate exceeded"), 429);
      }
      case "network":
        throw Object.assign(new Error(`socket hang up (${step.code}, scripted by the mock)`), { code: step.code });
      case "respond":
        return step.respond(request);
    }
  }

  // The client's handler interface.
  updateHttpClientConfig(): void {}
  httpHandlerConfigs(): Record<string, unknown> {
    return {};
  }
  destroy(): void {}
}

async function record(schema: ServiceSchema, request: HttpRequest): Promise<RecordedRequest> {
  const bytes = await bodyBytes(request.body);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers)) headers[k.toLowerCase()] = v;
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(request.query ?? {})) if (v !== undefined) query[k] = v === null ? "" : (v as string | string[]);
  const route = matchRoute(schema, request.method, request.path, query);
  const contentType = headers["content-type"] ?? "";
  const text = new TextDecoder().decode(bytes);
  let body: unknown = bytes;
  if (/json/.test(contentType)) {
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      body = text;
    }
  } else if (/^text\//.test(contentType)) body = text;
  else if (bytes.byteLength === 0) body = undefined;
  return {
    operation: route?.operation,
    method: request.method,
    host: `${request.hostname}${request.port ? `:${request.port}` : ""}`,
    path: request.path,
    query,
    headers,
    body,
    input: route ? readRequest(schema, route.operation, { method: request.method, path: request.path, query, headers, body: bytes }, route.labels) : undefined,
  };
}

async function bodyBytes(body: unknown): Promise<Uint8Array> {
  if (body === undefined || body === null) return new Uint8Array();
  if (typeof body === "string") return new TextEncoder().encode(body);
  if (body instanceof Uint8Array) return body;
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function") {
    const chunks: Uint8Array[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk);
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
    let offset = 0;
    for (const c of chunks) {
      out.set(c, offset);
      offset += c.byteLength;
    }
    return out;
  }
  if (typeof (body as Blob).arrayBuffer === "function") return new Uint8Array(await (body as Blob).arrayBuffer());
  return new TextEncoder().encode(String(body));
}

function toBytes(body: string | Uint8Array): Uint8Array {
  return typeof body === "string" ? new TextEncoder().encode(body) : body;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener?.("abort", () => {
      clearTimeout(timer);
      reject(abortError());
    });
  });
}

function abortError(): Error {
  return Object.assign(new Error("Request aborted"), { name: "AbortError" });
}

