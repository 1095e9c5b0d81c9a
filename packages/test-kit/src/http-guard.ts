/**
 * What both of the fake's HTTP endpoints (the service and its S3) do around
 * every request, so that a test — or a hostile or broken client — cannot
 * wedge them: time limits on slow clients, refusals that do not read a large
 * body first, and CORS, so that code running in a browser can call them.
 */
import { type IncomingMessage, type RequestListener, type Server, type ServerResponse, createServer } from "node:http";
import { FakeServiceStartError } from "./listen.js";

/** Limits on how long a client may take to send a request. */
export interface HttpTimeouts {
  /** Time to receive a request's headers, in ms; a client that is slower gets 408 and the connection closes. */
  headersTimeoutMs: number;
  /** Time to receive a whole request, body included, in ms; 408 and the connection closes after it. */
  requestTimeoutMs: number;
}

/** Default {@link HttpTimeouts.headersTimeoutMs}: generous for a test on a busy machine, short enough to end a stalled one. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
/** Default {@link HttpTimeouts.requestTimeoutMs}, Node's own default: a large upload on a slow machine has time. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 300_000;

/**
 * A body up to this size is read and thrown away before an early refusal, so the connection stays
 * usable; a larger (or unsized) one is not read at all and the connection closes after the answer.
 */
export const DISCARD_LIMIT = 1024 * 1024;

/** Reads the timeout options, throwing a {@link FakeServiceStartError} for a bad value. */
export function timeoutsOf(options: { headersTimeoutMs?: number; requestTimeoutMs?: number }): HttpTimeouts {
  const read = (name: string, value: number | undefined, fallback: number): number => {
    if (value === undefined) return fallback;
    if (!(Number.isInteger(value) && value > 0)) throw new FakeServiceStartError(`${name} must be a whole number of milliseconds above 0, got ${String(value)}.`, "ERR_INVALID_ARG_VALUE");
    return value;
  };
  const requestTimeoutMs = read("requestTimeoutMs", options.requestTimeoutMs, DEFAULT_REQUEST_TIMEOUT_MS);
  // Node requires headersTimeout <= requestTimeout: the whole request cannot have less time than its headers.
  const headersTimeoutMs = Math.min(read("headersTimeoutMs", options.headersTimeoutMs, DEFAULT_HEADERS_TIMEOUT_MS), requestTimeoutMs);
  return { headersTimeoutMs, requestTimeoutMs };
}

/** An HTTP server that enforces `timeouts` (Node answers 408 and closes the connection). */
export function createGuardedServer(timeouts: HttpTimeouts, listener: RequestListener): Server {
  return createServer(
    {
      headersTimeout: timeouts.headersTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      // How often Node looks for connections past those limits. Its default, 30 s, would let a
      // stalled client stay connected long after a short limit.
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(timeouts.headersTimeoutMs / 2))),
    },
    listener,
  );
}

/** The declared Content-Length: undefined when absent, NaN when not a number. */
export function declaredLength(req: IncomingMessage): number | undefined {
  const text = req.headers["content-length"];
  if (text === undefined) return undefined;
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}

/**
 * Before an answer that does not need the body: a small body is read and discarded, so the
 * connection can take the next request; a large or unsized one is left unread, and `true` says the
 * answer must close the connection (Node then stops reading it once the answer is sent).
 */
export async function skipBody(req: IncomingMessage): Promise<boolean> {
  if (req.complete || req.readableEnded) return false;
  const length = declaredLength(req);
  const chunked = req.headers["transfer-encoding"] !== undefined;
  // Neither header: HTTP/1.1 says there is no body.
  if (length === undefined && !chunked) return false;
  if (chunked || length === undefined || Number.isNaN(length) || length > DISCARD_LIMIT) return true;
  await new Promise<void>((resolve) => {
    req.on("end", resolve);
    req.on("error", () => resolve());
    req.on("close", () => resolve());
    req.resume();
  });
  return false;
}

/** Response headers browsers let a page's script read: those the client and the uploader look at. */
export const EXPOSED_HEADERS = ["x-amzn-requestid", "x-amzn-errortype", "x-amz-request-id", "x-amz-id-2", "x-amz-apigw-id", "etag", "date", "content-length", "content-type"];

const METHODS = "GET, HEAD, PUT, POST, DELETE, PATCH";
/** Allowed when a preflight names no headers: what SigV4-signed requests and S3 uploads carry. */
const DEFAULT_ALLOWED = "authorization, content-type, content-md5, x-amz-date, x-amz-security-token, x-amz-content-sha256, x-amz-user-agent, amz-sdk-invocation-id, amz-sdk-request";
const HEADER_LIST = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+(\s*,\s*[A-Za-z0-9!#$%&'*+.^_`|~-]+)*$/;

/**
 * Adds the CORS headers of an answer to a cross-origin request (one with an `Origin`), exposing
 * {@link EXPOSED_HEADERS} and `extraExposed`. Credentials (cookies) are never involved: requests are
 * signed, so the origin is echoed without `Access-Control-Allow-Credentials`.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, extraExposed: readonly string[] = []): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  res.setHeader("access-control-allow-origin", origin);
  res.setHeader("access-control-expose-headers", [...new Set([...EXPOSED_HEADERS, ...extraExposed.map((h) => h.toLowerCase())])].join(", "));
  res.setHeader("vary", "Origin");
}

/** Whether a request is a browser's CORS preflight, answered without authentication. */
export function isPreflight(req: IncomingMessage): boolean {
  return req.method === "OPTIONS" && req.headers.origin !== undefined && req.headers["access-control-request-method"] !== undefined;
}

/** Answers a preflight: any method the services use, and the request headers the browser asks for. */
export async function answerPreflight(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const close = await skipBody(req);
  const requested = req.headers["access-control-request-headers"]?.trim();
  res.writeHead(204, {
    "access-control-allow-origin": req.headers.origin!,
    "access-control-allow-methods": METHODS,
    // Echoed (a wildcard would not cover Authorization); anything that is not a header list is ignored.
    "access-control-allow-headers": requested && HEADER_LIST.test(requested) ? requested : DEFAULT_ALLOWED,
    "access-control-max-age": "600",
    vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
    "content-length": "0",
    ...(close ? { connection: "close" } : {}),
  });
  res.end();
}
