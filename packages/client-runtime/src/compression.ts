/**
 * `@requestCompression`: gzipping request bodies. Its own module, imported by generated code only
 * for operations with the trait (through `buildRequest`'s `compress`), so that the bundle of a
 * client without such operations holds none of it.
 */
import { fromUtf8 } from "@smithy/core/serde";
import type { HeaderBag } from "@smithy/types";
import { gzip, gzipStream } from "./gzip.js";
import type { SerdeContext } from "./serde.js";

/** The largest `requestMinCompressionSizeBytes` allowed (10 MiB). */
const MAX_MIN_COMPRESSION_SIZE = 10_485_760;

/**
 * Gzips a body that is at least `requestMinCompressionSizeBytes` long, unless
 * compression is disabled, and appends `gzip` to `Content-Encoding`. A stream
 * (Node `Readable` or web `ReadableStream`) is gzipped as it is read, whatever
 * its size, which is not known up front: as the AWS SDKs do.
 */
export async function gzipRequestBody(context: SerdeContext, headers: HeaderBag, body: unknown): Promise<unknown> {
  if (isStream(body)) {
    if (await context.disableRequestCompression()) return body;
    addGzipEncoding(headers);
    delete headers["content-length"];
    return gzipStream(body);
  }
  if (typeof body !== "string" && !(body instanceof Uint8Array)) return body;
  if (await context.disableRequestCompression()) return body;
  const minSize = await context.requestMinCompressionSizeBytes();
  if (!Number.isInteger(minSize) || minSize < 0 || minSize > MAX_MIN_COMPRESSION_SIZE) {
    throw new RangeError(`requestMinCompressionSizeBytes must be an integer from 0 to ${MAX_MIN_COMPRESSION_SIZE}, got ${minSize}`);
  }
  const bytes = typeof body === "string" ? fromUtf8(body) : body;
  if (bytes.byteLength < minSize) return body;
  addGzipEncoding(headers);
  return gzip(bytes);
}

function addGzipEncoding(headers: HeaderBag): void {
  const existing = headers["content-encoding"];
  headers["content-encoding"] = existing ? `${existing}, gzip` : "gzip";
}

function isStream(body: unknown): boolean {
  return typeof (body as { pipe?: unknown })?.pipe === "function" || typeof (body as { getReader?: unknown })?.getReader === "function";
}
