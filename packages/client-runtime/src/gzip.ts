/**
 * Gzip for `@requestCompression` on Node (zlib, loaded when first used). The browser build swaps
 * this file for `gzip.browser.ts` (see the package's `browser` field).
 */

/** Gzips a whole body. */
export async function gzip(data: Uint8Array): Promise<Uint8Array> {
  const zlib = await import("node:zlib");
  return new Promise((resolve, reject) => zlib.gzip(data, (error, result) => (error ? reject(error) : resolve(result))));
}

/** Gzips a streaming body as it is read. */
export async function gzipStream(stream: unknown): Promise<unknown> {
  // A web ReadableStream (Node has CompressionStream too), or a Node Readable piped through zlib:
  // pipeline() passes a read error on to the gzip stream, so the request fails with it.
  if (typeof (stream as ReadableStream).getReader === "function") return (stream as ReadableStream).pipeThrough(new CompressionStream("gzip"));
  const [{ createGzip }, { pipeline }] = await Promise.all([import("node:zlib"), import("node:stream")]);
  const gzipped = createGzip();
  pipeline(stream as NodeJS.ReadableStream, gzipped, () => {});
  return gzipped;
}
