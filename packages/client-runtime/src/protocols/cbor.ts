/**
 * Smithy's rpcv2Cbor protocol: bodies are CBOR (RFC 8949), written and read by `@smithy/core/cbor`,
 * the codec the AWS SDK uses. Its data model carries what JSON cannot: byte strings for blobs,
 * timestamps as tag 1 (epoch seconds), bignums (tags 2 and 3) for `bigInteger`, decimal
 * fractions (tag 4) for `bigDecimal`, and half-precision, NaN and infinite floats as numbers.
 * Generated serializers build the same object trees as for JSON with these leaves, and the
 * helpers here turn a tree into bytes and back.
 */
import { cbor, dateToTag, loadSmithyRpcV2CborErrorCode } from "@smithy/core/cbor";
import type { HttpResponse } from "@smithy/core/protocols";
import { toBase64 } from "@smithy/core/serde";
import { metadataOf } from "../errors.js";
import { type SerdeContext, collectBody, fault, utf8 } from "../serde.js";
import { type JsonRpcErrorResponse, withErrorCode } from "./json-rpc.js";

/** The request body: a document tree as CBOR bytes. */
export function serializeCbor(document: unknown): Uint8Array {
  return cbor.serialize(document);
}

/** A timestamp as CBOR tag 1, epoch seconds (with milliseconds as a fraction). */
export function cborTimestamp(date: Date): unknown {
  return dateToTag(date);
}

/** A blob as a CBOR byte string: a string is sent as its UTF-8 bytes. */
export function cborBlob(value: Uint8Array | string): Uint8Array {
  return typeof value === "string" ? utf8.encode(value) : value;
}

/** A timestamp the service sent: tag 1 around epoch seconds (or the bare number). */
export function parseCborTimestamp(value: unknown, where = "timestamp"): Date | undefined {
  if (value === undefined || value === null) return undefined;
  const seconds = isTag(value, 1) ? value.value : value;
  if (typeof seconds === "number" && Number.isFinite(seconds)) return new Date(Math.round(seconds * 1000));
  if (typeof seconds === "bigint") return new Date(Number(seconds) * 1000);
  throw fault(where, "a CBOR timestamp (tag 1)", seconds);
}

/** A blob the service sent: a byte string. */
export function parseCborBlob(value: unknown, where = "blob"): Uint8Array | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Uint8Array) return value;
  throw fault(where, "a CBOR byte string", typeof value === "string" ? value : typeof value);
}

function isTag(value: unknown, tag: number): value is { tag: number | bigint; value: unknown } {
  return typeof value === "object" && value !== null && "tag" in value && "value" in value && Number((value as { tag: unknown }).tag) === tag;
}

/**
 * Reads a CBOR response body; an empty body is `undefined`. A body that is not CBOR throws,
 * and the deserializer middleware turns that into a typed `DeserializationError`.
 */
export async function parseCborDocument(response: HttpResponse, context: SerdeContext): Promise<unknown> {
  const bytes = await collectBody(response.body, context);
  // Kept on the response, which errors expose as `$response`.
  response.body = bytes;
  return bytes.byteLength === 0 ? undefined : cbor.deserialize(bytes);
}

/**
 * Reads an rpcv2Cbor error response: the code is the body's `__type`, a shape id whose namespace
 * is dropped; `queryCodes` as for `readJsonRpcErrorResponse`. Never throws on a bad body: it
 * leaves an empty `body`, and `text` holds the bytes as base64.
 */
export async function readRpcV2CborErrorResponse(
  response: HttpResponse,
  context: SerdeContext,
  queryCodes?: Readonly<Record<string, string>>,
): Promise<JsonRpcErrorResponse> {
  const bytes = await collectBody(response.body, context);
  response.body = bytes;
  let body: Record<string, unknown> = {};
  if (bytes.byteLength > 0) {
    try {
      const decoded: unknown = cbor.deserialize(bytes);
      if (decoded && typeof decoded === "object" && !Array.isArray(decoded) && !(decoded instanceof Uint8Array)) body = decoded as Record<string, unknown>;
    } catch {
      // Not CBOR: the code can still come from x-amzn-query-error; the bytes stay on $response.
    }
  }
  const message = [body.message, body.Message].find((m): m is string => typeof m === "string" && m !== "");
  const parsed: JsonRpcErrorResponse = { statusCode: response.statusCode, code: undefined, body, text: toBase64(bytes), message, metadata: metadataOf(response) };
  const raw = body.__type === undefined ? undefined : (loadSmithyRpcV2CborErrorCode(response, body) as unknown);
  return withErrorCode(parsed, response, typeof raw === "string" ? raw.slice(raw.indexOf("#") + 1) : raw, queryCodes);
}
