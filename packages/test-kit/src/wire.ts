/**
 * restJson1 on the service's side, driven by the generated schema: read a
 * request into an operation input, write an output or an error as the
 * service would. It also writes requests from any input, valid or not, so
 * tests can send what a careful client never would.
 *
 * Reading is lenient: a value of the wrong type is passed through as
 * received, so that the validators report it with its member path.
 */
import { EventStreamCodec, Int64 } from "@smithy/core/event-streams";
import { NumericValue, fromUtf8, nv, toUtf8 } from "@smithy/core/serde";
import type { Message, MessageHeaders } from "@smithy/types";
import { type MemberSchema, type ServiceSchema, type ShapeSchema, type TimestampFormat, operationOf } from "./schema.js";

/** An HTTP request as received (or about to be sent). */
export interface RawRequest {
  method: string;
  /** The path, percent-encoded as on the wire, without the query string. */
  path: string;
  /** Decoded query parameters; repeated ones as arrays. */
  query: Record<string, string | string[]>;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Uint8Array;
}

/** An HTTP response as the service sends it. */
export interface RawResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

/**
 * A request body that is not the JSON the operation reads: not JSON at all, or not an object
 * where the input's members are. The service answers it as a malformed body (400
 * `SerializationException`), before validation could blame a member it never got to read.
 */
export class MalformedRequestError extends Error {
  override readonly name = "MalformedRequestError";
}

type Location = "json" | "header" | "query" | "label";

const DEFAULT_FORMAT: Record<Location, TimestampFormat> = { json: "epoch-seconds", header: "http-date", query: "date-time", label: "date-time" };

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** For request bodies: bytes that are not UTF-8 are a malformed body, not text with U+FFFD in it. */
const strictDecoder = new TextDecoder("utf-8", { fatal: true });

function shapeOf(schema: ServiceSchema, key: string): ShapeSchema {
  const shape = schema.shapes[key];
  if (!shape) throw new Error(`The schema has no shape ${key}`);
  return shape;
}

function structureOf(schema: ServiceSchema, key: string): Record<string, MemberSchema> {
  const shape = shapeOf(schema, key);
  if (shape.type !== "structure" && shape.type !== "union") throw new Error(`${key} is not a structure`);
  return shape.members;
}

function formatOf(shape: ShapeSchema, member: MemberSchema | undefined, location: Location): TimestampFormat {
  return member?.timestampFormat ?? (shape.type === "timestamp" ? shape.format : undefined) ?? DEFAULT_FORMAT[location];
}

function isBody(m: MemberSchema): boolean {
  return !(m.label || m.query !== undefined || m.queryParams || m.header !== undefined || m.prefixHeaders !== undefined || m.payload || m.responseCode);
}

// Values ⇄ JSON

/** A typed value as its restJson1 JSON form. */
export function toJson(schema: ServiceSchema, key: string, value: unknown, member?: MemberSchema): unknown {
  if (value === null || value === undefined) return value;
  const shape = shapeOf(schema, key);
  switch (shape.type) {
    case "timestamp":
      return value instanceof Date ? writeTimestamp(value, formatOf(shape, member, "json")) : value;
    case "blob":
      return value instanceof Uint8Array ? toBase64(value) : typeof value === "string" ? toBase64(encoder.encode(value)) : value;
    case "float":
    case "double":
      return typeof value === "number" && !Number.isFinite(value) ? (Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity") : value;
    case "bigInteger":
      return typeof value === "bigint" ? Number(value) : value;
    case "bigDecimal":
      // A NumericValue goes out as a JSON number (the nearest double: JSON.stringify has no other).
      return value instanceof NumericValue ? Number(value.string) : value;
    case "list":
      return Array.isArray(value) ? value.map((item) => (item === null ? null : toJson(schema, shape.member.target, item, shape.member))) : value;
    case "map": {
      if (typeof value !== "object") return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined) setOwn(out, k, v === null ? null : toJson(schema, shape.value.target, v, shape.value));
      return out;
    }
    case "structure":
    case "union": {
      if (typeof value !== "object") return value;
      const out: Record<string, unknown> = {};
      const object = value as Record<string, unknown>;
      for (const [name, m] of Object.entries(shape.members)) {
        const v = own(object, name);
        if (v !== undefined && v !== null) setOwn(out, m.jsonName ?? name, toJson(schema, m.target, v, m));
      }
      if (shape.type === "union" && Array.isArray(object.$unknown)) out[String(object.$unknown[0])] = object.$unknown[1];
      return out;
    }
    default:
      return value;
  }
}

/** A restJson1 JSON value as its typed form (lenient: what cannot be converted is kept as is). */
export function fromJson(schema: ServiceSchema, key: string, data: unknown, member?: MemberSchema): unknown {
  if (data === null || data === undefined) return data;
  const shape = shapeOf(schema, key);
  switch (shape.type) {
    case "timestamp":
      return readTimestamp(data, formatOf(shape, member, "json")) ?? data;
    case "blob":
      return typeof data === "string" ? (fromBase64(data) ?? data) : data;
    case "float":
    case "double":
      return data === "NaN" ? NaN : data === "Infinity" ? Infinity : data === "-Infinity" ? -Infinity : data;
    case "bigInteger":
      return typeof data === "number" && Number.isInteger(data) ? BigInt(data) : data;
    case "bigDecimal":
      return typeof data === "number" ? nv(String(data)) : data;
    case "list":
      return Array.isArray(data) ? data.map((item) => (item === null ? null : fromJson(schema, shape.member.target, item, shape.member))) : data;
    case "map": {
      if (typeof data !== "object" || Array.isArray(data)) return data;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(data as Record<string, unknown>)) setOwn(out, k, v === null ? null : fromJson(schema, shape.value.target, v, shape.value));
      return out;
    }
    case "structure":
    case "union": {
      if (typeof data !== "object" || Array.isArray(data)) return data;
      const object = data as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, m] of Object.entries(shape.members)) {
        const wire = m.jsonName ?? name;
        if (Object.hasOwn(object, wire)) setOwn(out, name, fromJson(schema, m.target, object[wire], m));
      }
      return out;
    }
    default:
      return data;
  }
}

// Values ⇄ text (labels, query strings, headers)

function toText(schema: ServiceSchema, key: string, value: unknown, location: Location, member?: MemberSchema): string {
  const shape = shapeOf(schema, key);
  if (value instanceof Date) return writeTimestamp(value, formatOf(shape, member, location)).toString();
  if (value instanceof Uint8Array) return toBase64(value);
  if (shape.type === "string" && shape.mediaType && location === "header") return toBase64(encoder.encode(String(value)));
  if (typeof value === "object" && value !== null) return JSON.stringify(value);
  return String(value);
}

function fromText(schema: ServiceSchema, key: string, text: string, location: Location, member?: MemberSchema): unknown {
  const shape = shapeOf(schema, key);
  switch (shape.type) {
    case "boolean":
      return text === "true" ? true : text === "false" ? false : text;
    case "byte":
    case "short":
    case "integer":
    case "long":
    case "float":
    case "double": {
      if (text === "NaN") return NaN;
      if (text === "Infinity") return Infinity;
      if (text === "-Infinity") return -Infinity;
      const n = Number(text);
      return text.trim() !== "" && !Number.isNaN(n) ? n : text;
    }
    case "bigInteger":
      return /^-?\d+$/.test(text) ? BigInt(text) : text;
    case "timestamp":
      return readTimestamp(text, formatOf(shape, member, location)) ?? text;
    case "blob":
      return fromBase64(text) ?? text;
    case "string":
      return shape.mediaType && location === "header" ? decoder.decode(fromBase64(text) ?? encoder.encode(text)) : text;
    default:
      return text;
  }
}

function writeTimestamp(date: Date, format: TimestampFormat): string | number {
  switch (format) {
    case "epoch-seconds":
      return date.getTime() / 1000;
    case "http-date":
      return date.toUTCString();
    default:
      return date.toISOString().replace(".000Z", "Z");
  }
}

function readTimestamp(value: unknown, format: TimestampFormat): Date | undefined {
  let date: Date | undefined;
  if (format === "epoch-seconds") {
    const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
    if (!Number.isNaN(n)) date = new Date(Math.round(n * 1000));
  } else if (typeof value === "string") date = new Date(value);
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1) return undefined;
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** A list header value: items with commas or quotes are quoted. */
function joinHeader(values: string[]): string {
  return values.map((v) => (/[,"]/.test(v) ? `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"` : v)).join(", ");
}

function splitHeader(value: string, httpDates: boolean): string[] {
  if (httpDates) {
    const parts = value.split(",");
    const out: string[] = [];
    for (let i = 0; i < parts.length; i += 2) out.push(`${parts[i]},${parts[i + 1] ?? ""}`.trim());
    return out;
  }
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quoted) {
      if (c === "\\" && i + 1 < value.length) current += value[++i];
      else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      out.push(current.trim());
      current = "";
    } else current += c;
  }
  out.push(current.trim());
  return out;
}

// Requests

/** Reads a request into the operation's input; `labels` are the decoded URI labels the router matched. */
export function readRequest(schema: ServiceSchema, operation: string, request: RawRequest, labels: Record<string, string>): Record<string, unknown> {
  const op = operationOf(schema, operation);
  const members = structureOf(schema, op.input);
  const input: Record<string, unknown> = {};
  // Parameters bound to members, and the literal ones of the uri (`?detail=full`), are not `@httpQueryParams`.
  const literals = (op.uri.split("?", 2)[1] ?? "").split("&").filter(Boolean).map((pair) => pair.split("=", 1)[0]!);
  const bound = new Set([...literals, ...Object.values(members).flatMap((m) => (m.query !== undefined ? [m.query] : []))]);
  let document: Record<string, unknown> | undefined;
  for (const [name, m] of Object.entries(members)) {
    const shape = shapeOf(schema, m.target);
    if (m.label) {
      // An empty label reads as a missing member: on the wire the two are the same.
      const text = own(labels, name) as string | undefined;
      if (text !== undefined && text !== "") setOwn(input, name, fromText(schema, m.target, text, "label", m));
    } else if (m.query !== undefined) {
      const raw = request.query[m.query];
      if (raw === undefined) continue;
      if (shape.type === "list") setOwn(input, name, (Array.isArray(raw) ? raw : [raw]).map((t) => fromText(schema, shape.member.target, t, "query", shape.member)));
      else setOwn(input, name, fromText(schema, m.target, Array.isArray(raw) ? raw[0]! : raw, "query", m));
    } else if (m.queryParams) {
      const value = shape.type === "map" ? shapeOf(schema, shape.value.target) : undefined;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(request.query)) {
        if (bound.has(k)) continue;
        out[k] = value?.type === "list" ? (Array.isArray(v) ? v : [v]) : Array.isArray(v) ? v[0] : v;
      }
      if (Object.keys(out).length) setOwn(input, name, out);
    } else if (m.header !== undefined) {
      const raw = request.headers[m.header.toLowerCase()];
      if (raw === undefined) continue;
      if (shape.type === "list") {
        const item = shapeOf(schema, shape.member.target);
        const dates = item.type === "timestamp" && formatOf(item, shape.member, "header") === "http-date";
        setOwn(input, name, splitHeader(raw, dates).map((t) => fromText(schema, shape.member.target, t, "header", shape.member)));
      } else setOwn(input, name, fromText(schema, m.target, raw, "header", m));
    } else if (m.prefixHeaders !== undefined) {
      const prefix = m.prefixHeaders.toLowerCase();
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(request.headers)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
      if (Object.keys(out).length) setOwn(input, name, out);
    } else if (m.payload) {
      if (shape.type === "union" && shape.streaming) {
        setOwn(input, name, decodeEventStream(schema, m.target, request.body));
        continue;
      }
      if (request.body.byteLength === 0) continue;
      if (shape.type === "blob") setOwn(input, name, request.body);
      else if (shape.type === "string" || shape.type === "enum") setOwn(input, name, decoder.decode(request.body));
      else {
        const value = parseJson(request.body);
        if ((shape.type === "structure" || shape.type === "union" || shape.type === "map") && !isObject(value)) throw new MalformedRequestError(`The request body must be a JSON object (${m.target}).`);
        setOwn(input, name, fromJson(schema, m.target, value, m));
      }
    } else if (isBody(m)) {
      if (document === undefined) {
        const parsed = request.body.byteLength === 0 ? {} : parseJson(request.body);
        if (!isObject(parsed)) throw new MalformedRequestError("The request body must be a JSON object.");
        document = parsed;
      }
      const wire = m.jsonName ?? name;
      if (Object.hasOwn(document, wire) && document[wire] !== null) {
        setOwn(input, name, fromJson(schema, m.target, document[wire], m));
      }
    }
  }
  return input;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The body as JSON; throws a {@link MalformedRequestError} for anything that is not (an empty body is `{}`). */
function parseJson(body: Uint8Array): unknown {
  let text: string;
  try {
    text = strictDecoder.decode(body);
  } catch {
    throw new MalformedRequestError("The request body is not valid UTF-8.");
  }
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MalformedRequestError(`The request body is not valid JSON: ${(error as Error).message}`);
  }
}

/** A request as a client would send it, from any input (nothing is checked; missing labels are left empty). */
export function writeRequest(schema: ServiceSchema, operation: string, input: Record<string, unknown>): { method: string; path: string; query: Record<string, string | string[]>; headers: Record<string, string>; body?: string | Uint8Array } {
  const op = operationOf(schema, operation);
  const members = structureOf(schema, op.input);
  const [pathPattern = "", queryPattern] = op.uri.split("?", 2) as [string, string | undefined];
  const path = pathPattern.replace(/\{(\w+)(\+)?\}/g, (_m, label: string, greedy?: string) => {
    const m = members[label];
    const value = input[label];
    if (m === undefined || value === undefined || value === null) return "";
    const text = toText(schema, m.target, value, "label", m);
    return greedy ? text.split("/").map(encodeRfc3986).join("/") : encodeRfc3986(text);
  });
  const query: Record<string, string | string[]> = {};
  for (const pair of (queryPattern ?? "").split("&").filter(Boolean)) {
    const [k, v = ""] = pair.split("=", 2) as [string, string | undefined];
    query[k] = v;
  }
  const headers: Record<string, string> = {};
  let document: Record<string, unknown> | undefined;
  let body: string | Uint8Array | undefined;
  for (const [name, m] of Object.entries(members)) {
    const value = own(input, name);
    if (value === undefined || value === null) continue;
    const shape = shapeOf(schema, m.target);
    if (m.label) continue;
    if (m.query !== undefined) {
      query[m.query] = Array.isArray(value) && shape.type === "list" ? value.map((v) => toText(schema, shape.member.target, v, "query", shape.member)) : toText(schema, m.target, value, "query", m);
    } else if (m.queryParams) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (!(k in query)) query[k] = Array.isArray(v) ? v.map(String) : String(v);
    } else if (m.header !== undefined) {
      headers[m.header.toLowerCase()] =
        Array.isArray(value) && shape.type === "list" ? joinHeader(value.map((v) => toText(schema, shape.member.target, v, "header", shape.member))) : toText(schema, m.target, value, "header", m);
    } else if (m.prefixHeaders !== undefined) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) headers[(m.prefixHeaders + k).toLowerCase()] = String(v);
    } else if (m.payload) {
      if (shape.type === "blob") {
        body = value instanceof Uint8Array ? value : encoder.encode(String(value));
        headers["content-type"] = shape.mediaType ?? "application/octet-stream";
      } else if (shape.type === "string" || shape.type === "enum") {
        body = String(value);
        headers["content-type"] = (shape.type === "string" && shape.mediaType) || "text/plain";
      } else {
        body = JSON.stringify(toJson(schema, m.target, value, m));
        headers["content-type"] = "application/json";
      }
    } else if (isBody(m)) {
      setOwn((document ??= {}), m.jsonName ?? name, toJson(schema, m.target, value, m));
    }
  }
  if (document) {
    body = JSON.stringify(document);
    headers["content-type"] = "application/json";
  } else if (body === undefined && Object.values(members).some(isBody)) {
    body = "{}";
    headers["content-type"] = "application/json";
  }
  return { method: op.method, path, query, headers, ...(body !== undefined ? { body } : {}) };
}

export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

// Responses

/** The success response of an operation for an output value. */
export function writeResponse(schema: ServiceSchema, operation: string, output: Record<string, unknown>): RawResponse {
  const op = operationOf(schema, operation);
  return writeStructure(schema, op.output, output, op.code, {});
}

/** An error response: the modelled status, `x-amzn-errortype`, and the members in the body or their headers. */
export function writeError(schema: ServiceSchema, code: string, fields: Record<string, unknown> = {}, fallbackStatus = 400): RawResponse {
  const shape = schema.shapes[code];
  const error = shape?.type === "structure" ? shape.error : undefined;
  const headers = { "x-amzn-errortype": error?.code ?? code };
  if (!error) {
    const body = JSON.stringify(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
    return { statusCode: fallbackStatus, headers: { "content-type": "application/json", ...headers }, body };
  }
  return writeStructure(schema, code, fields, error.status, headers);
}

function writeStructure(schema: ServiceSchema, key: string, value: Record<string, unknown>, status: number, extra: Record<string, string>): RawResponse {
  const members = structureOf(schema, key);
  const headers: Record<string, string> = { ...extra };
  let statusCode = status;
  let document: Record<string, unknown> | undefined;
  let body: string | Uint8Array = "";
  let payloadSet = false;
  for (const [name, m] of Object.entries(members)) {
    const v = own(value, name);
    const shape = shapeOf(schema, m.target);
    if (m.responseCode) {
      if (typeof v === "number") statusCode = v;
      continue;
    }
    if (v === undefined || v === null) {
      if (m.payload) payloadSet = true;
      continue;
    }
    if (m.header !== undefined) {
      headers[m.header.toLowerCase()] = Array.isArray(v) && shape.type === "list" ? joinHeader(v.map((x) => toText(schema, shape.member.target, x, "header", shape.member))) : toText(schema, m.target, v, "header", m);
    } else if (m.prefixHeaders !== undefined) {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) headers[(m.prefixHeaders + k).toLowerCase()] = String(x);
    } else if (m.payload) {
      payloadSet = true;
      if (shape.type === "union" && shape.streaming) {
        body = encodeEventStream(schema, m.target, v);
        headers["content-type"] ??= "application/vnd.amazon.eventstream";
      } else if (shape.type === "blob") {
        body = v instanceof Uint8Array ? v : encoder.encode(String(v));
        headers["content-type"] ??= shape.mediaType ?? "application/octet-stream";
      } else if (shape.type === "string" || shape.type === "enum") {
        body = String(v);
        headers["content-type"] ??= (shape.type === "string" && shape.mediaType) || "text/plain";
      } else {
        body = JSON.stringify(toJson(schema, m.target, v, m));
        headers["content-type"] ??= "application/json";
      }
    } else if (isBody(m)) {
      setOwn((document ??= {}), m.jsonName ?? name, toJson(schema, m.target, v, m));
    }
  }
  if (!payloadSet) {
    body = JSON.stringify(document ?? {});
    headers["content-type"] ??= "application/json";
  }
  return { statusCode, headers, body };
}

/** The members of an error that carry its message (`Message` or `message`, as the model spells it). */
export function messageFields(schema: ServiceSchema, code: string, message: string): Record<string, unknown> {
  const shape = schema.shapes[code];
  if (shape?.type === "structure") {
    const name = Object.keys(shape.members).find((m) => m.toLowerCase() === "message");
    if (name) return { [name]: message };
  }
  return { message };
}

/** A map entry as an own property: a `__proto__` key stays data instead of replacing the prototype. */
/** A member's value when it is the object's own: never the `constructor` or `toString` every object inherits. */
function own(object: object, key: string): unknown {
  return Object.hasOwn(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}

function setOwn(map: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
  else map[key] = value;
}

/**
 * The body of an event stream as the service sends it: each event (a union value: one member set)
 * an `event` message, or an `exception` message for a member that is an error; encoded with the
 * codec the clients decode with (`@smithy/core/event-streams`). `events` is an array or iterable.
 */
export function encodeEventStream(schema: ServiceSchema, key: string, events: unknown): Uint8Array {
  if (typeof events !== "object" || events === null || typeof (events as Iterable<unknown>)[Symbol.iterator] !== "function") {
    throw new TypeError(`The events of ${key} must be an array (an async iterable is collected first by the mock handler and the fake).`);
  }
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const frames = [...(events as Iterable<unknown>)].map((event) => codec.encode(encodeEventMessage(schema, key, event)));
  const out = new Uint8Array(frames.reduce((n, f) => n + f.byteLength, 0));
  let at = 0;
  for (const frame of frames) {
    out.set(frame, at);
    at += frame.byteLength;
  }
  return out;
}

/** One event of an event stream as its message: `@eventHeader` members as headers, the `@eventPayload` member or else the other members (JSON) as the body. */
export function encodeEventMessage(schema: ServiceSchema, key: string, event: unknown): Message {
  const members = structureOf(schema, key);
  const set = Object.entries((event ?? {}) as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (set.length !== 1 || !members[set[0]![0]]) throw new TypeError(`An event of ${key} must have exactly one of its members set (${Object.keys(members).join(", ")}).`);
  const [type, value] = set[0]! as [string, Record<string, unknown>];
  const eventKey = members[type]!.target;
  const eventShape = shapeOf(schema, eventKey);
  const fields = structureOf(schema, eventKey);
  const error = eventShape.type === "structure" && eventShape.error !== undefined;
  const headers: MessageHeaders = {
    ":message-type": { type: "string", value: error ? "exception" : "event" },
    [error ? ":exception-type" : ":event-type"]: { type: "string", value: type },
  };
  const own: MessageHeaders = {};
  let body: Uint8Array = new Uint8Array();
  let contentType: string | undefined;
  const document: Record<string, unknown> = {};
  let hasDocument = false;
  for (const [name, m] of Object.entries(fields)) {
    const v = (value as Record<string, unknown>)[name];
    if (v === undefined || v === null) continue;
    const shape = shapeOf(schema, m.target);
    if (m.eventHeader) {
      own[name] = headerValue(shape, v);
    } else if (m.eventPayload) {
      if (shape.type === "blob") [body, contentType] = [v instanceof Uint8Array ? v : encoder.encode(String(v)), shape.mediaType ?? "application/octet-stream"];
      else if (shape.type === "string" || shape.type === "enum") [body, contentType] = [encoder.encode(String(v)), (shape.type === "string" && shape.mediaType) || "text/plain"];
      else [body, contentType] = [encoder.encode(JSON.stringify(toJson(schema, m.target, v, m))), "application/json"];
    } else {
      setOwn(document, m.jsonName ?? name, toJson(schema, m.target, v, m));
      hasDocument = true;
    }
  }
  if (hasDocument || (contentType === undefined && Object.values(fields).some((m) => !m.eventHeader && !m.eventPayload))) {
    [body, contentType] = [encoder.encode(JSON.stringify(document)), "application/json"];
  }
  if (contentType !== undefined) headers[":content-type"] = { type: "string", value: contentType };
  return { headers: { ...headers, ...own }, body };
}

function headerValue(shape: ShapeSchema, value: unknown): MessageHeaders[string] {
  switch (shape.type) {
    case "boolean":
      return { type: "boolean", value: Boolean(value) };
    case "byte":
      return { type: "byte", value: Number(value) };
    case "short":
      return { type: "short", value: Number(value) };
    case "integer":
    case "intEnum":
      return { type: "integer", value: Number(value) };
    case "long":
      return { type: "long", value: Int64.fromNumber(Number(value)) };
    case "blob":
      return { type: "binary", value: value instanceof Uint8Array ? value : encoder.encode(String(value)) };
    case "timestamp":
      return { type: "timestamp", value: value instanceof Date ? value : new Date(Number(value) * 1000) };
    default:
      return { type: "string", value: String(value) };
  }
}

/**
 * An output with its event streams given as async iterables (as the client's output types have
 * them) collected into arrays, which the wire code encodes: the events of one scripted answer are
 * sent as one response body.
 */
export async function collectEventStreams(output: Record<string, unknown>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { ...output };
  for (const [key, value] of Object.entries(output)) {
    if (value && typeof value === "object" && !Array.isArray(value) && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function") {
      const events: unknown[] = [];
      for await (const event of value as AsyncIterable<unknown>) events.push(event);
      out[key] = events;
    }
  }
  return out;
}

/**
 * Events as the `AsyncIterable` an event stream member holds: for examples and arbitraries, which
 * may be read more than once (each iteration starts over), unlike a stream on the wire.
 */
export function eventStreamOf<T>(events: readonly T[]): AsyncIterable<T> {
  return {
    async *[Symbol.asyncIterator]() {
      yield* events;
    },
  };
}

/**
 * The events of an input event stream, read back from a request body: the messages (in their
 * signed envelopes, whose `:chunk-signature`s are not checked here) as union values, an
 * `exception` message as its error member. A body that is not an event stream is malformed.
 */
export function decodeEventStream(schema: ServiceSchema, key: string, body: Uint8Array): unknown[] {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const events: unknown[] = [];
  const messages = (bytes: Uint8Array): Message[] => {
    const out: Message[] = [];
    for (let at = 0; at < bytes.byteLength; ) {
      if (bytes.byteLength - at < 16) throw new MalformedRequestError("The event stream is truncated.");
      const length = new DataView(bytes.buffer, bytes.byteOffset + at, 4).getUint32(0);
      try {
        out.push(codec.decode(bytes.subarray(at, at + length)));
      } catch (error) {
        throw new MalformedRequestError(`The event stream is malformed: ${(error as Error).message}`);
      }
      at += length;
    }
    return out;
  };
  for (let message of messages(body)) {
    if (message.headers[":chunk-signature"] !== undefined) {
      // A signed envelope; the empty one ends the stream.
      if (message.body.byteLength === 0) break;
      const inner = messages(message.body);
      if (inner.length !== 1) throw new MalformedRequestError("A signed event stream envelope must hold one message.");
      message = inner[0]!;
    }
    events.push(decodeEventMessage(schema, key, message));
  }
  return events;
}

function decodeEventMessage(schema: ServiceSchema, key: string, message: Message): unknown {
  const members = structureOf(schema, key);
  const kind = message.headers[":message-type"]?.value;
  const type = message.headers[kind === "exception" ? ":exception-type" : ":event-type"]?.value;
  if ((kind !== "event" && kind !== "exception") || typeof type !== "string") throw new MalformedRequestError("An event stream message has no :message-type and :event-type.");
  const member = members[type];
  if (!member) return { $unknown: [type, message] };
  const fields = structureOf(schema, member.target);
  const value: Record<string, unknown> = {};
  let document: Record<string, unknown> | undefined;
  for (const [name, m] of Object.entries(fields)) {
    const shape = shapeOf(schema, m.target);
    if (m.eventHeader) {
      const header = message.headers[name];
      if (header !== undefined) setOwn(value, name, header.type === "long" ? header.value.valueOf() : header.value);
    } else if (m.eventPayload) {
      if (message.body.byteLength === 0) continue;
      if (shape.type === "blob") setOwn(value, name, message.body);
      else if (shape.type === "string" || shape.type === "enum") setOwn(value, name, toUtf8(message.body));
      else setOwn(value, name, fromJson(schema, m.target, parseJson(message.body), m));
    } else {
      document ??= message.body.byteLength === 0 ? {} : (parseJson(message.body) as Record<string, unknown>);
      const wire = m.jsonName ?? name;
      if (isObject(document) && Object.hasOwn(document, wire) && document[wire] !== null) setOwn(value, name, fromJson(schema, m.target, document[wire], m));
    }
  }
  const event: Record<string, unknown> = {};
  setOwn(event, type, value);
  return event;
}
