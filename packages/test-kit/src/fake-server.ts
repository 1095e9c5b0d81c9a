/**
 * The fake service: a real HTTP server on 127.0.0.1 that routes requests by
 * the model's `@http` traits, checks SigV4, applies injected faults, reads
 * the input and validates it against the model's constraints (400 with the
 * service's validation error naming the member), and then runs the
 * hand-written behaviour of the operation over shared in-memory state.
 *
 * It holds up against abusive clients as a real endpoint would: bounded time
 * for headers and requests, a bounded body (413), the signature checked
 * before a body is read, a malformed body answered as such, and a bounded
 * record of requests. Browsers can call it (CORS) unless that is turned off.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeClock } from "./clock.js";
import { FakeUploadStore } from "./fake-s3.js";
import { FaultInjector } from "./faults.js";
import { answerPreflight, applyCors, createGuardedServer, declaredLength, isPreflight, skipBody, timeoutsOf } from "./http-guard.js";
import { FakeServiceStartError, checkPort, listenOn } from "./listen.js";
import { type RawReply, type RawSendOptions, sendRawRequest } from "./raw-request.js";
import { matchRoute } from "./router.js";
import type { ServiceSchema } from "./schema.js";
import { type TestCredentials, verifySignature } from "./sigv4.js";
import { MalformedRequestError, type RawRequest, type RawResponse, collectEventStreams, messageFields, readRequest, writeError, writeResponse } from "./wire.js";

/** What a validator reports; structurally the client's `ConstraintViolation`. */
export interface Violation {
  path: string;
  constraint: string;
  message: string;
  mapKey?: true;
}

export interface FakeServiceOptions {
  /** The Region requests must be signed for (default `us-west-2`). */
  region?: string;
  /** The credentials requests must be signed with (default: fixed test credentials). */
  credentials?: TestCredentials;
  /** The account in the ARNs the fake makes (default `123456789012`). */
  accountId?: string;
  /** Port of the service (default: a free one). */
  port?: number;
  /** Port of the fake S3 endpoint for uploads (default: a free one). */
  uploadPort?: number;
  /**
   * Where uploaded bytes are stored. Default: a new folder in the OS temp folder, which `close()`
   * removes unless `keepFiles` is set; a folder given here is left in place (see `close()`).
   */
  storageDirectory?: string;
  /** Keep the fake's own temporary folder, with the uploaded bytes, after `close()` (default false). */
  keepFiles?: boolean;
  /** Check SigV4 on every request (default true). */
  verifySignatures?: boolean;
  /** Accepted clock difference for signatures (default 5 minutes, as AWS). */
  maxSkewMs?: number;
  /** The clock's source of real time (default `Date.now`). */
  now?: () => number;
  /**
   * Answer browsers' CORS preflights (without authentication) and add CORS headers to every answer
   * to a request with an `Origin`, on the service and the S3 endpoint (default true).
   */
  cors?: boolean;
  /**
   * The largest request body the service reads, in bytes (default {@link DEFAULT_MAX_REQUEST_BODY_BYTES},
   * API Gateway's limit). A larger one is answered with 413 without being read. Uploads to the S3
   * endpoint are bounded by their declared `FileSizeInBytes` instead.
   */
  maxRequestBodyBytes?: number;
  /** Time a client has to send a request's headers, in ms, on both endpoints (default 10 s); then 408. */
  headersTimeoutMs?: number;
  /** Time a client has to send a whole request, body included, in ms, on both endpoints (default 300 s); then 408. */
  requestTimeoutMs?: number;
  /**
   * How many requests {@link FakeService.calls} keeps (default {@link DEFAULT_MAX_RECORDED_CALLS}):
   * past it, the oldest are dropped, so a long-running fake does not grow without bound.
   */
  maxRecordedCalls?: number;
}

/** The default {@link FakeServiceOptions.maxRequestBodyBytes}: 10 MiB, as API Gateway. */
export const DEFAULT_MAX_REQUEST_BODY_BYTES = 10 * 1024 * 1024;
/** The default {@link FakeServiceOptions.maxRecordedCalls}. */
export const DEFAULT_MAX_RECORDED_CALLS = 10_000;

/** Default test credentials: not real, only meaningful to the fake. */
export const TEST_CREDENTIALS: Readonly<TestCredentials> = Object.freeze({
  accessKeyId: "AKIAFAKECONNECT00000",
  secretAccessKey: "fake/secret/access/key/for/tests/only/0000",
});

/** A modelled (or unmodelled) error a behaviour throws; the fake answers with it. */
export class FakeServiceError extends Error {
  constructor(
    /** The error code, e.g. `ResourceConflictException`. */
    readonly code: string,
    /** The error's members, e.g. `{ Message: "..." }`. */
    readonly fields: Record<string, unknown> = {},
    /** The HTTP status for an error the model does not define (modelled ones use their own). */
    readonly status = 400,
  ) {
    super(typeof fields.Message === "string" ? fields.Message : typeof fields.message === "string" ? fields.message : code);
    this.name = code;
  }
}

/** Everything a behaviour can use besides its input. */
export interface BehaviourContext<State, ErrorCode extends string = string> {
  operation: string;
  state: State;
  /** The fake's clock (see {@link FakeService.clock}). */
  now(): Date;
  region: string;
  accountId: string;
  /** The access key id the request was signed with. */
  callerAccessKeyId: string;
  /** The fake S3 endpoint, for pre-signed upload URLs. */
  uploads: FakeUploadStore;
  /** The request as received. */
  request: RawRequest;
  /** Builds one of the operation's modelled errors to throw: `throw ctx.error("ResourceConflictException", { Message })`. */
  error(code: ErrorCode, fields?: Record<string, unknown>): FakeServiceError;
}

export type Behaviour<State, Input, Output, ErrorCode extends string = string> = (input: Input, context: BehaviourContext<State, ErrorCode>) => Output | Promise<Output>;

/** What the shared state of the behaviours is created from. */
export interface FakeEnvironment {
  clock: FakeClock;
  uploads: FakeUploadStore;
  region: string;
  accountId: string;
}

export interface FakeServiceDefinition<State> {
  schema: ServiceSchema;
  /** The input validator of each operation (the client's generated validators). */
  validators: Record<string, (input: unknown) => Violation[]>;
  behaviours: Record<string, Behaviour<State, any, any, any>>;
  createState(environment: FakeEnvironment): State;
}

/** One request the fake received, and what it answered. */
export interface ReceivedCall {
  operation: string | undefined;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  /** The input as read from the request (before validation). */
  input: Record<string, unknown> | undefined;
  status: number;
  /** The error code answered, if any. */
  error?: string;
}

export interface FakeService<State> {
  /** `http://127.0.0.1:port` */
  endpoint: string;
  region: string;
  accountId: string;
  credentials: TestCredentials;
  /** Ready to spread into a client's config: `new Client({ ...fake.clientConfig })`. */
  clientConfig: { endpoint: string; region: string; credentials: TestCredentials; maxAttempts?: number };
  state: State;
  clock: FakeClock;
  faults: FaultInjector;
  /** The fake S3 endpoint and the uploads it holds. */
  uploads: FakeUploadStore;
  /**
   * The requests received, in order: the latest {@link FakeServiceOptions.maxRecordedCalls} of them
   * (CORS preflights are not recorded).
   */
  calls: ReceivedCall[];
  /**
   * Sends one operation's request from any input, valid or not, signed with the test credentials
   * (or unsigned, or tampered with after signing): to reach the service's own checks.
   */
  sendRaw(operation: string, input: Record<string, unknown>, options?: RawSendOptions): Promise<RawReply>;
  /**
   * Stops both servers, once the requests they are still answering are done. The fake's own
   * temporary folder, with the uploaded bytes, is removed unless `keepFiles` (here or when started)
   * is set; a `storageDirectory` given when starting is kept unless `removeFiles` is set.
   */
  close(options?: { keepFiles?: boolean; removeFiles?: boolean }): Promise<void>;
}

/** A body larger than the limit: answered with 413. */
class BodyTooLargeError extends Error {}

export async function startFakeService<State>(definition: FakeServiceDefinition<State>, options: FakeServiceOptions = {}): Promise<FakeService<State>> {
  const region = options.region ?? "us-west-2";
  const accountId = options.accountId ?? "123456789012";
  const credentials = { ...(options.credentials ?? TEST_CREDENTIALS) };
  const clock = new FakeClock(options.now);
  const faults = new FaultInjector(Object.keys(definition.schema.operations));
  checkPort("port", options.port);
  checkPort("uploadPort", options.uploadPort);
  const timeouts = timeoutsOf(options);
  const maxBody = options.maxRequestBodyBytes ?? DEFAULT_MAX_REQUEST_BODY_BYTES;
  const maxCalls = options.maxRecordedCalls ?? DEFAULT_MAX_RECORDED_CALLS;
  for (const [name, value] of [["maxRequestBodyBytes", maxBody], ["maxRecordedCalls", maxCalls]] as const) {
    if (!(Number.isInteger(value) && value >= 0)) throw new FakeServiceStartError(`${name} must be a whole number from 0, got ${String(value)}.`, "ERR_INVALID_ARG_VALUE");
  }
  const cors = options.cors !== false;
  const directory = options.storageDirectory ?? (await mkdtemp(join(tmpdir(), `fake-${definition.schema.service.sdkId.toLowerCase().replace(/\W+/g, "-")}-`)));
  const uploads = new FakeUploadStore(clock, directory, "127.0.0.1", { cors, ...timeouts });
  /** Undoes a failed start: nothing keeps the process alive, and the folder goes when the fake made it. */
  const abandon = async (error: unknown, server?: Server): Promise<never> => {
    server?.close();
    await uploads.close({ removeFiles: options.storageDirectory === undefined }).catch(() => undefined);
    throw error;
  };
  await uploads.start(options.uploadPort).catch((error: unknown) => abandon(error));
  let state: State;
  try {
    state = definition.createState({ clock, uploads, region, accountId });
  } catch (error) {
    return abandon(error);
  }
  const calls: ReceivedCall[] = [];
  const schema = definition.schema;
  const signingName = schema.service.signingName ?? schema.service.endpointPrefix ?? schema.service.sdkId.toLowerCase();
  // Besides the usual ones, a browser page may read every header the model binds a member to.
  const exposed = responseHeaderNames(schema);

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (cors) {
      if (isPreflight(req)) return answerPreflight(req, res);
      applyCors(req, res, exposed);
    }
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const request: RawRequest = {
      method: req.method ?? "GET",
      path: q < 0 ? url : url.slice(0, q),
      query: parseQuery(q < 0 ? "" : url.slice(q + 1)),
      headers: headersOf(req),
      body: new Uint8Array(0),
    };
    const call: ReceivedCall = { operation: undefined, method: request.method, path: request.path, query: request.query, headers: request.headers, input: undefined, status: 0 };
    calls.push(call);
    // Bounded: the oldest records go first.
    if (calls.length > maxCalls) calls.splice(0, calls.length - maxCalls);
    /** Set when answering before the body was read: the connection then closes instead of reading it. */
    let closeAfter = false;
    const send = (response: RawResponse) => {
      call.status = response.statusCode;
      call.error = response.headers["x-amzn-errortype"];
      const payload = typeof response.body === "string" ? Buffer.from(response.body) : Buffer.from(response.body);
      res.writeHead(response.statusCode, {
        ...response.headers,
        "x-amzn-requestid": randomUUID(),
        date: clock.now().toUTCString(),
        "content-length": String(payload.byteLength),
        ...(closeAfter ? { connection: "close" } : {}),
      });
      res.end(payload);
    };
    const fail = (code: string, message: string, status: number) => send(writeError(schema, code, messageFields(schema, code, message), status));
    const tooLarge = async (size: string) => {
      closeAfter = await skipBody(req);
      return send({ statusCode: 413, headers: { "content-type": "application/json", "x-amzn-errortype": "RequestEntityTooLargeException" }, body: JSON.stringify({ message: `Request Too Long: the body is ${size}, the limit is ${maxBody} bytes.` }) });
    };

    const declared = declaredLength(req);
    if (declared !== undefined && declared > maxBody) return tooLarge(`${declared} bytes`);
    const route = matchRoute(schema, request.method, request.path, request.query);
    call.operation = route?.operation;
    const checkSignature = (body?: Uint8Array) =>
      verifySignature({ ...request, body, hostname: req.headers.host }, { credentials, region, service: signingName, now: clock.now(), maxSkewMs: options.maxSkewMs });
    const refuseSignature = async (failure: { code: string; message: string }) => {
      closeAfter = await skipBody(req);
      send({ statusCode: 403, headers: { "content-type": "application/json", "x-amzn-errortype": failure.code }, body: JSON.stringify({ message: failure.message }) });
    };
    // SigV4 is checked unless the operation may go without it: an anonymous call (noAuth), or one
    // made with another of its auth schemes (a bearer token, an API key: the fake accepts any).
    const verify = options.verifySignatures !== false && needsSigV4(route && schema.operations[route.operation]?.auth, request.headers);
    // First without the body: a request that is not properly signed is refused before it is read.
    if (verify) {
      const failure = await checkSignature();
      if (failure) return refuseSignature(failure);
    }
    try {
      request.body = await readBody(req, maxBody);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return tooLarge(`over ${maxBody} bytes`);
      throw error;
    }
    if (verify) {
      const failure = await checkSignature(request.body);
      if (failure) return refuseSignature(failure);
    }
    if (!route) return send({ statusCode: 404, headers: { "content-type": "application/json", "x-amzn-errortype": "UnknownOperationException" }, body: JSON.stringify({ message: `No operation matches ${request.method} ${request.path}` }) });

    let input: Record<string, unknown>;
    try {
      input = readRequest(schema, route.operation, request, route.labels);
    } catch (error) {
      // As the service: a body it cannot parse is a SerializationException, not a missing member.
      if (error instanceof MalformedRequestError) return fail("SerializationException", error.message, 400);
      throw error;
    }
    call.input = input;
    const decision = faults.take(route.operation);
    if (decision.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
    switch (decision.failure) {
      case "reset": {
        call.status = -1;
        call.error = "ConnectionReset";
        const socket = req.socket as typeof req.socket & { resetAndDestroy?: () => void };
        if (socket.resetAndDestroy) socket.resetAndDestroy();
        else socket.destroy();
        return;
      }
      case "throttle":
        return fail(schema.throttlingError ?? "ThrottlingException", "Rate exceeded", 429);
      case "server-error":
        return fail(schema.serverError ?? "InternalFailure", "The service encountered an internal error (injected fault).", 500);
      default:
        break;
    }

    const violations = definition.validators[route.operation]?.(input) ?? [];
    if (violations.length) {
      const message = `${violations.length} validation error${violations.length === 1 ? "" : "s"} detected: ${violations.map((v) => v.message).join("; ")}`;
      return fail(schema.validationError, message, 400);
    }
    const behaviour = definition.behaviours[route.operation];
    if (!behaviour) return fail("NotImplemented", `The fake does not implement ${route.operation}.`, 501);
    const context: BehaviourContext<State> = {
      operation: route.operation,
      state,
      now: () => clock.now(),
      region,
      accountId,
      callerAccessKeyId: credentials.accessKeyId,
      uploads,
      request,
      error: (code, fields = {}) => new FakeServiceError(code, fields),
    };
    try {
      const output = (await behaviour(input, context)) ?? {};
      send(writeResponse(schema, route.operation, await collectEventStreams(output as Record<string, unknown>)));
    } catch (error) {
      if (error instanceof FakeServiceError) send(writeError(schema, error.code, error.fields, error.status));
      else fail(schema.serverError ?? "InternalFailure", `The fake's ${route.operation} behaviour failed: ${(error as Error).message}`, 500);
    }
  }

  const server: Server = createGuardedServer(timeouts, (req, res) => {
    answer(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { "content-type": "application/json", "x-amzn-errortype": "InternalFailure" });
        res.end(JSON.stringify({ message: (error as Error).message }));
      }
    });
  });
  await listenOn(server, options.port ?? 0, "127.0.0.1", `fake ${schema.service.sdkId} service`).catch((error: unknown) => abandon(error, server));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    region,
    accountId,
    credentials,
    clientConfig: { endpoint, region, credentials },
    state,
    clock,
    faults,
    uploads,
    calls,
    sendRaw: (operation, input, sendOptions = {}) =>
      sendRawRequest({ endpoint, region, credentials, schema }, operation, input, { signingDate: clock.now(), ...sendOptions }),
    async close(closeOptions = {}) {
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const ownFolder = options.storageDirectory === undefined;
      const keep = closeOptions.keepFiles ?? options.keepFiles ?? false;
      await uploads.close({ removeFiles: closeOptions.removeFiles ?? (ownFolder && !keep) });
    },
  };
}

/** The body, up to `limit` bytes; past it, reading stops with a {@link BodyTooLargeError}. */
function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        req.off("data", onData);
        req.pause();
        reject(new BodyTooLargeError());
      } else chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on("error", reject);
  });
}

/** The header names of every output and error member the model binds to a header. */
function responseHeaderNames(schema: ServiceSchema): string[] {
  const names = new Set<string>();
  const keys = new Set<string>();
  for (const op of Object.values(schema.operations)) keys.add(op.output);
  for (const [key, shape] of Object.entries(schema.shapes)) if (shape.type === "structure" && shape.error) keys.add(key);
  for (const key of keys) {
    const shape = schema.shapes[key];
    if (shape?.type !== "structure") continue;
    for (const member of Object.values(shape.members)) if (member.header !== undefined) names.add(member.header.toLowerCase());
  }
  return [...names].sort();
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

/** Query strings as AWS reads them: percent-decoded, `+` kept as is, repeated keys as lists. */
export function parseQuery(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const pair of text.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const key = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? "" : decode(pair.slice(eq + 1));
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[key] = [existing, value];
  }
  return out;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Whether a request to an operation with these auth schemes (all SigV4 when the schema lists none)
 * must carry a valid SigV4 signature: not when it is unsigned and the operation allows anonymous
 * calls, nor when it carries another credential the operation accepts (not checked: any token will do).
 */
function needsSigV4(auth: readonly string[] | undefined, headers: Record<string, string>): boolean {
  if (!auth) return true;
  const authorization = headers.authorization ?? "";
  if (authorization.startsWith("AWS4-HMAC-SHA256 ")) return true;
  if (auth.includes("smithy.api#noAuth") && !authorization) return false;
  if (auth.includes("smithy.api#httpBearerAuth") && authorization.startsWith("Bearer ")) return false;
  if (auth.some((id) => id === "smithy.api#httpApiKeyAuth" || id === "smithy.api#httpBasicAuth" || id === "aws.auth#sigv4a") && authorization) return false;
  // Nothing the operation accepts: the SigV4 check refuses it.
  return true;
}
