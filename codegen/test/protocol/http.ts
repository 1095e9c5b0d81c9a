/** Request capture, canned responses and the comparisons the protocol tests ask for. */
import { Readable } from "node:stream";
import { cbor } from "@smithy/core/cbor";
import { HttpResponse, type HttpRequest } from "@smithy/core/protocols";
import { NumericValue } from "@smithy/core/serde";
import { canonicalDecimal } from "../../src/load/exact-numbers.js";
import { expect } from "vitest";

/** Thrown by {@link capturingHandler} so that the call stops right after serialization and signing. */
export class CapturedRequest extends Error {
  constructor(readonly request: HttpRequest) {
    super("request captured");
  }
}

export const capturingHandler = {
  handle(request: HttpRequest): Promise<never> {
    return Promise.reject(new CapturedRequest(request));
  },
};

/** A handler that answers every request with one canned response, as a Node transport would (body as a stream). */
export function respondingHandler(code: number, headers: Record<string, string>, body: string | Uint8Array | undefined) {
  return {
    handle(): Promise<{ response: HttpResponse }> {
      const bytes = typeof body === "string" || body === undefined ? Buffer.from(body ?? "", "utf8") : Buffer.from(body);
      return Promise.resolve({
        response: new HttpResponse({ statusCode: code, headers: { ...headers }, body: Readable.from(bytes.length ? [bytes] : []) }),
      });
    },
  };
}

export async function bodyBytes(body: unknown): Promise<Uint8Array> {
  if (body === undefined || body === null) return new Uint8Array();
  if (typeof body === "string") return new TextEncoder().encode(body);
  if (body instanceof Uint8Array) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof Readable || typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function") {
    const chunks: Uint8Array[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
    return new Uint8Array(Buffer.concat(chunks));
  }
  if (typeof (body as Blob).arrayBuffer === "function") return new Uint8Array(await (body as Blob).arrayBuffer());
  throw new TypeError(`cannot read a request body of type ${Object.prototype.toString.call(body)}`);
}

/** RFC 3986 percent-encoding, as the HTTP handlers apply it when they build the query string. */
function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The query string of a request as the wire `key=value` pairs, in order. */
export function wireQueryPairs(query: HttpRequest["query"]): string[] {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === null || value === undefined) pairs.push(escapeUri(key));
    else if (Array.isArray(value)) for (const v of value) pairs.push(`${escapeUri(key)}=${escapeUri(v)}`);
    else pairs.push(`${escapeUri(key)}=${escapeUri(value)}`);
  }
  return pairs;
}

export interface RequestCase {
  id: string;
  method: string;
  uri: string;
  host?: string;
  resolvedHost?: string;
  queryParams?: string[];
  forbidQueryParams?: string[];
  requireQueryParams?: string[];
  headers?: Record<string, string>;
  forbidHeaders?: string[];
  requireHeaders?: string[];
  body?: string;
  bodyMediaType?: string;
  params?: Record<string, unknown>;
}

/** Checks a serialized request against a `smithy.test#httpRequestTests` case. */
export async function expectRequest(request: HttpRequest, c: RequestCase): Promise<void> {
  expect(request.method, "method").toBe(c.method);
  expect(request.path, "uri").toBe(c.uri);

  const pairs = wireQueryPairs(request.query);
  const remaining = [...pairs];
  for (const expected of c.queryParams ?? []) {
    const at = remaining.indexOf(expected);
    expect(at, `query parameter ${expected} in ${JSON.stringify(pairs)}`).toBeGreaterThanOrEqual(0);
    remaining.splice(at, 1);
  }
  const names = pairs.map((p) => decodeURIComponent(p.split("=")[0]!));
  for (const name of c.forbidQueryParams ?? []) expect(names, `forbidden query parameter ${name}`).not.toContain(name);
  for (const name of c.requireQueryParams ?? []) expect(names, `required query parameter ${name}`).toContain(name);

  const headers = new Map(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
  for (const [name, value] of Object.entries(c.headers ?? {})) {
    expect(headers.get(name.toLowerCase()), `header ${name}`).toBe(value);
  }
  for (const name of c.forbidHeaders ?? []) expect(headers.has(name.toLowerCase()), `forbidden header ${name}`).toBe(false);
  for (const name of c.requireHeaders ?? []) expect(headers.has(name.toLowerCase()), `required header ${name}`).toBe(true);

  if (c.resolvedHost !== undefined) expect(request.hostname, "resolved host").toBe(c.resolvedHost);

  if (c.body !== undefined) {
    const actual = await bodyBytes(request.body);
    if (c.body === "") {
      expect(new TextDecoder().decode(actual), "body").toBe("");
    } else if (c.bodyMediaType === "application/json") {
      expect(JSON.parse(new TextDecoder().decode(actual)), "JSON body").toEqual(JSON.parse(c.body));
    } else if (c.bodyMediaType === "application/cbor") {
      // The case gives the CBOR bytes in base64; compared as decoded values (maps are unordered).
      expect(normalize(cbor.deserialize(actual)), "CBOR body").toEqual(normalize(cbor.deserialize(Buffer.from(c.body, "base64"))));
    } else {
      expect(Buffer.from(actual).toString("utf8"), "body").toBe(c.body);
    }
  }
}

/** Blobs come back as Buffer or Uint8Array views: compare them as plain byte arrays. */
export function normalize(value: unknown): unknown {
  if (value instanceof Uint8Array) return Uint8Array.from(value);
  // A bigDecimal compares as its canonical digits (the cases give it as a number, which the loader keeps as canonical text).
  if (value instanceof NumericValue) return canonicalDecimal(value.string);
  if (value instanceof Date || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(normalize);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = normalize(v);
  return out;
}
