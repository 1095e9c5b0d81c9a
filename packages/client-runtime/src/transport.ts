/**
 * One attempt on the wire, and what may be said about it: the attempt is bounded by
 * `requestTimeout` from the request's first byte to the response body's last, its failures are
 * typed errors, and whatever goes into an error message or a log has pre-signed URL signatures
 * redacted, control characters escaped and outside input cut short.
 */
import { SMITHY_CONTEXT_KEY, type HandlerExecutionContext, type ResponseMetadata } from "@smithy/types";

/**
 * The query parameters of a pre-signed (SigV4) URL that let whoever holds it act with the signer's
 * rights until it expires; also when the URL is itself URL-encoded (`%3D`, `%26`).
 */
const PRESIGNED_SECRET = /(X-Amz-(?:Signature|Credential|Security-Token)(?:=|%3D))(?:(?!%26)[^&#\s"'<>\\])+/gi;

/** `text` with the values of `X-Amz-Signature`, `X-Amz-Credential` and `X-Amz-Security-Token` replaced by `***`. */
export function redactPresignedUrls(text: string): string {
  return text.replace(PRESIGNED_SECRET, "$1***");
}

/** Outside input (a Region, a host, a server's message) as an error message may quote it. */
export function safeText(text: unknown, max = 200): string {
  const clean = redactPresignedUrls(String(text)).replace(
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return clean.length > max ? `${clean.slice(0, max)}… (${clean.length - max} more characters)` : clean;
}

/**
 * A copy of a value for a log record with every string's pre-signed URL signatures redacted: the
 * second line of defence behind `@sensitive` (plain objects and arrays are copied, other objects
 * kept as they are).
 */
export function redactForLog(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactPresignedUrls(value);
  if (value === null || typeof value !== "object" || depth > 64) return value;
  if (Array.isArray(value)) return value.map((item) => redactForLog(item, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    // defineProperty keeps a `__proto__` key as data.
    Object.defineProperty(copy, key, { value: redactForLog((value as Record<string, unknown>)[key], depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

/** Redacts an error's message (and a modelled `Message`) in place, unless frozen; returns the error. */
export function redactError<T>(error: T): T {
  if (error && typeof error === "object") {
    for (const key of ["message", "Message"]) {
      const value = (error as Record<string, unknown>)[key];
      if (typeof value !== "string") continue;
      const redacted = redactPresignedUrls(value);
      if (redacted === value) continue;
      try {
        (error as Record<string, unknown>)[key] = redacted;
      } catch {
        // Frozen or read-only: left as it is.
      }
    }
  }
  return error;
}

/**
 * A copy of an error for a log record: the same class, every own property (its members, the
 * stack, the cause, the raw response's body) with pre-signed URL signatures redacted.
 */
export function errorForLog(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error) || depth > 4) return redactForLog(error);
  const copy = Object.create(Object.getPrototypeOf(error)) as Error;
  for (const key of Reflect.ownKeys(error)) {
    const descriptor = Object.getOwnPropertyDescriptor(error, key)!;
    if ("value" in descriptor) {
      const value = descriptor.value as unknown;
      descriptor.value =
        key === "$response" && value && typeof value === "object"
          ? Object.assign(Object.create(Object.getPrototypeOf(value)), value, { body: redactForLog((value as { body?: unknown }).body) })
          : key === "cause"
            ? errorForLog(value, depth + 1)
            : redactForLog(value);
    }
    Object.defineProperty(copy, key, descriptor);
  }
  return copy;
}

/**
 * An attempt that took longer than `requestTimeout` (the whole exchange, body included) or whose
 * connection fell silent for longer than the socket timeout. Retried like other transient errors.
 */
export class TimeoutError extends Error {
  override readonly name = "TimeoutError";
  readonly code = "ETIMEDOUT";
  $metadata: ResponseMetadata = {};
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * The request could not be sent or its response not received (connection refused or reset,
 * unknown host, invalid header, ...). `code` is the platform's (e.g. `ECONNRESET`), `cause` the
 * original error; connection resets and refusals are retried as transient errors.
 */
export class TransportError extends Error {
  override readonly name = "TransportError";
  readonly code?: string;
  $metadata: ResponseMetadata = {};
  constructor(message: string, options: { cause?: unknown; code?: string }) {
    super(message, { cause: options.cause });
    if (options.code !== undefined) this.code = options.code;
  }
}

/** The typed error for a failure below the protocol (see below for what passes as it is). */
export function transportError(error: unknown, timeout?: number): unknown {
  if (!error || typeof error !== "object") return error;
  const e = error as { name?: string; message?: unknown; code?: unknown; $metadata?: unknown };
  // Service errors, deserialization errors, ours, aborts the caller asked for, and the error
  // classes of custom request handlers stay as they are; the platform's errors (Node's system
  // errors, plain Errors and fetch's TypeErrors) are typed.
  const proto = Object.getPrototypeOf(error);
  const platform = typeof e.code === "string" || proto === Error.prototype || proto === TypeError.prototype;
  if (e.$metadata !== undefined || e.name === "AbortError" || !platform) return redactError(error);
  const message = safeText(e.message ?? "");
  if (e.name === "TimeoutError" || e.code === "ETIMEDOUT") {
    return new TimeoutError(timeout ? `The request did not complete within requestTimeout (${timeout} ms): ${message}` : message, { cause: error });
  }
  return new TransportError(`The request failed before a response was read: ${message}`, {
    cause: error,
    code: typeof e.code === "string" ? safeText(e.code, 40) : undefined,
  });
}

/**
 * Runs one attempt (between the signer and the deserializer, inside the retry loop): bounded by
 * `requestTimeout` when one is set — from sending the request to reading the last byte of the body,
 * which the handlers' own timers stop watching once the headers are in — and its transport failures
 * typed. On timeout the request is aborted, which closes the connection and any body being read.
 */
export const attemptMiddleware =
  (config: { requestTimeout?: number }) =>
  (next: (args: any) => Promise<any>, context: HandlerExecutionContext) =>
  async (args: { abortSignal?: AbortSignal }) => {
    const timeout = config.requestTimeout;
    if (!timeout || !(timeout > 0) || !Number.isFinite(timeout) || typeof AbortController === "undefined") {
      return next(args).catch((error: unknown) => {
        throw transportError(error);
      });
    }
    const controller = new AbortController();
    const callerSignal = ((context as Record<PropertyKey, any>)[SMITHY_CONTEXT_KEY]?.abortSignal ?? args.abortSignal) as AbortSignal | undefined;
    const forward = () => controller.abort(callerSignal?.reason);
    if (callerSignal?.aborted) forward();
    else callerSignal?.addEventListener?.("abort", forward, { once: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new TimeoutError(`The request did not complete within requestTimeout (${timeout} ms).`);
        controller.abort(error);
        reject(error);
      }, timeout);
    });
    try {
      // The race settles the attempt even if a custom request handler ignores the abort signal.
      return await Promise.race([next({ ...args, abortSignal: controller.signal }), expired]);
    } catch (error) {
      throw controller.signal.aborted && controller.signal.reason instanceof TimeoutError ? controller.signal.reason : transportError(error, timeout);
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener?.("abort", forward);
    }
  };
