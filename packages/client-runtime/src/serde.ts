/**
 * restJson1 building blocks used by the generated serializers and
 * deserializers: URI and header encoding, timestamps, numbers that JSON
 * cannot carry, bodies, and error codes.
 */
import { HttpRequest } from "@smithy/core/protocols";
import {
  NumericValue,
  dateToUtcString,
  fromBase64,
  fromUtf8,
  parseEpochTimestamp,
  parseRfc3339DateTimeWithOffset,
  parseRfc7231DateTime,
  splitEvery,
  splitHeader,
  toBase64,
  toUtf8,
} from "@smithy/core/serde";
import type {
  ChecksumConstructor,
  EndpointV2,
  HashConstructor,
  HeaderBag,
  Provider,
  SerdeContext as SmithySerdeContext,
} from "@smithy/types";
import { safeText } from "./transport.js";

/** What the serializers and deserializers get: the resolved client configuration and the endpoint. */
export interface SerdeContext extends SmithySerdeContext {
  generateIdempotencyToken: () => string;
  /** The MD5 the client was configured with, if any (else the command's platform default). */
  md5?: Provider<ChecksumConstructor | HashConstructor>;
  disableRequestCompression: Provider<boolean>;
  requestMinCompressionSizeBytes: Provider<number>;
}

/** Thrown before any network call when the input cannot be serialized. */
export class InputValidationError extends Error {
  override readonly name: string = "InputValidationError";
  constructor(
    message: string,
    /** The input member at fault, e.g. `InstanceId`. */
    readonly member: string,
  ) {
    super(message);
  }
}

/** A required member that goes into the URI, query, or a host label. */
export function requireValue<T>(value: T | null | undefined, member: string, where: string): T {
  if (value === undefined || value === null) {
    throw new InputValidationError(`Missing required input member '${member}' (bound to the ${where}).`, member);
  }
  return value;
}

/** Percent-encodes a URI label (RFC 3986 unreserved characters kept). */
export function encodeLabel(value: string, member: string): string {
  if (value === "") throw new InputValidationError(`Input member '${member}' is bound to a URI label and must not be empty.`, member);
  return encodeRfc3986(value);
}

/** A greedy label (`{Key+}`): each path segment encoded, the slashes kept. */
export function encodeGreedyLabel(value: string, member: string): string {
  if (value === "") throw new InputValidationError(`Input member '${member}' is bound to a URI label and must not be empty.`, member);
  return value.split("/").map(encodeRfc3986).join("/");
}

export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Query parameters before encoding; `null` is a bare key (`?flag`). */
export type QueryBag = Record<string, string | string[] | null>;

/** Adds a value to a query parameter, turning it into a list when repeated. */
export function appendQuery(query: QueryBag, name: string, value: string): void {
  const existing = query[name];
  if (existing === undefined || existing === null) query[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else query[name] = [existing, value];
}

/** A header value holding a list: items with commas or quotes are quoted. */
export function joinHeaderList(values: readonly string[]): string {
  return values.map((v) => (/[,"]/.test(v) ? `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"` : v)).join(", ");
}

/** Splits a list header, honouring quoted items (`"a,b", "c\\"d"`): `@smithy/core`'s `splitHeader`. */
export const splitHeaderList: (value: string) => string[] = splitHeader;

/** Splits a list of HTTP dates, which contain commas of their own. */
export function splitHttpDateList(value: string): string[] {
  return splitEvery(value, ",", 2).map((date) => date.trim());
}

/** Lower-cases the response's header names in place, so deserializers can look them up directly. */
export function normalizeHeaderNames(response: { headers: HeaderBag }): void {
  const headers = response.headers;
  if (Object.keys(headers).every((name) => name === name.toLowerCase())) return;
  const lower: HeaderBag = {};
  for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
  response.headers = lower;
}

// Timestamps

export function toEpochSeconds(date: Date): number {
  return Math.round(date.getTime()) / 1000;
}

export function toDateTime(date: Date): string {
  return date.toISOString().replace(".000Z", "Z");
}

export const toHttpDate = dateToUtcString;

export function fromEpochSeconds(value: unknown, where = "timestamp"): Date | undefined {
  if (value === undefined || value === null) return undefined;
  // A numeric string (headers) is parsed strictly by @smithy, never through Number("abc") = NaN.
  const date = parseEpochTimestamp(plainNumber(value));
  if (!date || Number.isNaN(date.getTime())) throw fault(where, "epoch seconds", value);
  return date;
}

export function fromDateTime(value: unknown): Date | undefined {
  if (value === undefined || value === null) return undefined;
  return parseRfc3339DateTimeWithOffset(value);
}

export function fromHttpDate(value: unknown): Date | undefined {
  if (value === undefined || value === null) return undefined;
  return parseRfc7231DateTime(value);
}

// Checks on what the service sent

/**
 * The error of a value that does not match the model, naming where it was found (`Shape.Member`).
 * The deserializer middleware turns it into the service's typed `DeserializationError`.
 */
export function fault(where: string, expected: string, value: unknown): TypeError & { path: string } {
  let shown: string;
  try {
    shown = JSON.stringify(value) ?? String(value);
  } catch {
    shown = typeof value;
  }
  return Object.assign(new TypeError(`Expected ${expected} for ${where}, got ${safeText(shown, 60)}`), { path: where });
}

/** A JSON object (a structure, union or map on the wire); never an array or a string read as one. */
export function expectObject(value: unknown, where: string): Record<string, any> {
  if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof ExactNumber) throw fault(where, "an object", value);
  return value as Record<string, any>;
}

/**
 * A union none of whose known members is set: its first other key, as `$unknown` (as the AWS SDKs
 * return it), even when the value is null.
 */
export function unknownUnionMember(data: Record<string, unknown>, where: string): { $unknown: [string, any] } {
  const keys = Object.keys(data).filter((key) => key !== "__type");
  const key = keys.find((k) => data[k] != null) ?? keys[0];
  if (key === undefined) throw fault(where, "a union with a member set", data);
  return { $unknown: [key, data[key]] };
}

// Numbers

/** JSON has no NaN or Infinity: Smithy sends them as strings. */
export function serializeFloat(value: number): number | string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "Infinity";
  if (value === -Infinity) return "-Infinity";
  return value;
}

export function parseFloatValue(value: unknown, where: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  value = plainNumber(value);
  if (typeof value === "number") return value;
  if (value === "NaN") return NaN;
  if (value === "Infinity") return Infinity;
  if (value === "-Infinity") return -Infinity;
  if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
  throw fault(where, "a number", value);
}

export function parseIntValue(value: unknown, where: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  value = plainNumber(value);
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof n === "number" && Number.isInteger(n)) return n;
  throw fault(where, "an integer", value);
}

export function parseBooleanValue(value: unknown, where: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  throw fault(where, "a boolean", value);
}

export function parseStringValue(value: unknown, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  throw fault(where, "a string", value);
}

/**
 * The exact text of a number read by `parseJsonLossless` (a `NumericValue` when a double could not
 * hold it), or of a number or numeric string.
 */
function numericText(value: unknown): string | undefined {
  if (value instanceof ExactNumber) return value.text;
  if (value instanceof NumericValue) return value.string;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "string" && NUMBER.test(value.trim())) return value.trim();
  return undefined;
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A `bigInteger`, exactly (beyond 2^53 too): a JSON number, or a header's numeric text. */
export function parseBigInt(value: unknown, where = "bigInteger"): bigint | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "bigint") return value;
  const text = numericText(value);
  if (text === undefined || !/^-?\d+$/.test(text)) throw fault(where, "an integer", value);
  return BigInt(text);
}

/** A `bigDecimal`, exactly, as the `NumericValue` smithy-typescript uses. */
export function parseBigDecimal(value: unknown, where = "bigDecimal"): NumericValue | undefined {
  if (value === undefined || value === null) return undefined;
  const text = numericText(value);
  if (text === undefined) throw fault(where, "a decimal number", value);
  return new NumericValue(text, "bigDecimal");
}

/**
 * A number token of a lossless document that a double could not hold exactly; the member parsers
 * read it as they need it (a plain number member past 2^53, or written `1.0`, as a number).
 */
class ExactNumber {
  constructor(readonly text: string) {}
}

const plainNumber = (value: unknown): unknown => (value instanceof ExactNumber ? Number(value.text) : value);

/**
 * A `bigInteger` (bigint) or `bigDecimal` (`NumericValue`) for a JSON document: `stringifyJson` writes
 * it as a bare JSON number, digit for digit.
 */
export function bigNumberJson(value: bigint | NumericValue | number | string, where = "value"): { toJSON(): string } {
  const text = typeof value === "bigint" ? value.toString() : numericText(value);
  if (text === undefined) throw new InputValidationError(`Input member '${where}' must be a number.`, where);
  return { toJSON: () => BIG_NUMBER + text };
}

/** Marks a number written by `bigNumberJson` in the JSON text; a NUL and a per-process nonce, so that no real string is one. */
const BIG_NUMBER = `\u0000n${Math.random().toString(36).slice(2)}:`;
const BIG_NUMBER_IN_JSON_PREFIX = JSON.stringify(BIG_NUMBER).slice(0, -1);
const BIG_NUMBER_IN_JSON = new RegExp(`"${JSON.stringify(BIG_NUMBER).slice(1, -1).replace(/\\/g, "\\\\")}([^"]*)"`, "g");

/**
 * Parses JSON keeping every number exactly: a number token a double cannot hold (`2^53 + 1`,
 * `1.10`, `1e400`) is kept as its text, as `@smithy/core`'s JSON reviver does where `JSON.parse`
 * offers the source text (Node 21+, not 20); the parser of the member it lands in converts it. Used by clients whose model has `bigInteger` or `bigDecimal` members.
 */
export function parseJsonLossless(text: string): unknown {
  const exact: string[] = [];
  // Strings are matched whole, so that digits inside them are left alone.
  const marked = text.replace(/"(?:[^"\\]|\\.)*"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/g, (token) => {
    if (token[0] === '"' || String(Number(token)) === token) return token;
    exact.push(token);
    return JSON.stringify(`${BIG_NUMBER}${exact.length - 1}`);
  });
  if (exact.length === 0) return JSON.parse(text);
  return JSON.parse(marked, (_key, value) =>
    typeof value === "string" && value.startsWith(BIG_NUMBER) ? new ExactNumber(exact[Number(value.slice(BIG_NUMBER.length))]!) : value,
  );
}

/** A document read by `parseJsonLossless`, with plain numbers again (documents are plain JSON values). */
export function plainJson(value: unknown): unknown {
  if (value instanceof ExactNumber) return Number(value.text);
  if (Array.isArray(value)) return value.map(plainJson);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) setEntry(out, key, plainJson((value as Record<string, unknown>)[key]));
    return out;
  }
  return value;
}

// Blobs and strings

export const toBase64String = (value: Uint8Array | string): string => toBase64(typeof value === "string" ? fromUtf8(value) : value);
export const fromBase64String = (value: unknown): Uint8Array | undefined =>
  value === undefined || value === null ? undefined : fromBase64(value as string);
export const utf8 = { encode: fromUtf8, decode: toUtf8 };

// Bodies

/** Errors of reading a response body (a reset, a timeout): transport faults, not deserialization errors. */
export const bodyReadErrors = new WeakSet<object>();

/**
 * The body as bytes, read with the client's `streamCollector` (`@smithy`'s, per platform). Our own
 * wrapper only to mark a failed read as a transport fault (see `bodyReadErrors`), which the retry
 * and error paths tell apart from a malformed body.
 */
export async function collectBody(body: unknown, context: SerdeContext): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  if (body === undefined || body === null) return new Uint8Array();
  if (typeof body === "string") return fromUtf8(body);
  try {
    return await context.streamCollector(body as never);
  } catch (error) {
    if (error && typeof error === "object") bodyReadErrors.add(error);
    throw error;
  }
}

export async function collectBodyString(body: unknown, context: SerdeContext): Promise<string> {
  return toUtf8(await collectBody(body, context));
}

/**
 * Sets a map entry as an own property, so that a key like `__proto__` (valid in many string
 * patterns) is kept as data instead of replacing the object's prototype.
 */
export function setEntry(map: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}

/** JSON.stringify that writes bigints and `bigNumberJson` values as bare JSON numbers. */
export function stringifyJson(value: unknown): string {
  let text: string;
  try {
    // Most documents hold no bigint: the plain call is the fast path (it throws on a bigint).
    text = JSON.stringify(value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    text = JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? BIG_NUMBER + v.toString() : v));
  }
  return text.includes(BIG_NUMBER_IN_JSON_PREFIX) ? text.replace(BIG_NUMBER_IN_JSON, "$1") : text;
}

/** Builds the request once the serializer has worked out every part of it. */
export async function buildRequest(
  context: SerdeContext,
  parts: {
    method: string;
    path: string;
    query?: QueryBag;
    headers: HeaderBag;
    body?: unknown;
    hostPrefix?: string;
    /**
     * `@requestCompression` with gzip: `gzipRequestBody` (from `./compression.ts`), which generated
     * code passes only for the operations that have the trait, so that other clients' bundles
     * leave the compression code (and the platform's gzip) out.
     */
    compress?: (context: SerdeContext, headers: HeaderBag, body: unknown) => Promise<unknown>;
    /** `@httpChecksumRequired`: send a `Content-MD5` of the body, hashed with the client's `md5` or else this one. */
    contentMd5?: Provider<ChecksumConstructor | HashConstructor>;
  },
): Promise<HttpRequest> {
  const endpoint = await context.endpoint();
  const basePath = endpoint.path.endsWith("/") ? endpoint.path.slice(0, -1) : endpoint.path;
  let hostname = endpoint.hostname;
  if (parts.hostPrefix && !context.disableHostPrefix) {
    hostname = parts.hostPrefix + hostname;
    if (!/^[A-Za-z0-9.-]+$/.test(parts.hostPrefix) || parts.hostPrefix.split(".").some((l, i, all) => (l === "" && i < all.length - 1) || l.length > 63)) {
      throw new InputValidationError(`The host prefix ${JSON.stringify(parts.hostPrefix)} is not a valid host label.`, "hostPrefix");
    }
  }
  const headers = parts.headers;
  let body = parts.body;
  if (body !== undefined && parts.compress) body = await parts.compress(context, headers, body);
  if (body !== undefined && parts.contentMd5 && headers["content-md5"] === undefined) {
    // A checksum needs the whole body: a stream is read into memory first.
    if (byteLength(body) === undefined) body = await collectBody(body, context);
    headers["content-md5"] = await contentMd5(context.md5 ?? parts.contentMd5, body);
  }
  if (body !== undefined && headers["content-length"] === undefined) {
    const length = byteLength(body);
    if (length !== undefined) headers["content-length"] = String(length);
  }
  return new HttpRequest({
    protocol: endpoint.protocol,
    hostname,
    port: endpoint.port,
    method: parts.method,
    path: basePath + parts.path,
    query: parts.query,
    headers,
    body,
  });
}

/** Base64 MD5 of a body that is a string, bytes or a Blob. */
async function contentMd5(md5: Provider<ChecksumConstructor | HashConstructor>, body: unknown): Promise<string> {
  const Md5 = await md5();
  const hash = new Md5();
  if (typeof body === "string" || body instanceof Uint8Array) hash.update(body);
  else hash.update(new Uint8Array(await (body as Blob).arrayBuffer()));
  return toBase64(await hash.digest());
}

function byteLength(body: unknown): number | undefined {
  if (typeof body === "string") return fromUtf8(body).byteLength;
  if (body instanceof Uint8Array) return body.byteLength;
  if (typeof body === "object" && body !== null && typeof (body as { size?: unknown }).size === "number" && typeof (body as Blob).arrayBuffer === "function") {
    return (body as Blob).size;
  }
  return undefined;
}

export type { EndpointV2 };
