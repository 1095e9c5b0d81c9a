/** Gzip for `@requestCompression` in browsers: the platform's `CompressionStream`. */

/** Gzips a whole body. */
export async function gzip(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Gzips a streaming body (a web `ReadableStream`) as it is read. */
export async function gzipStream(stream: unknown): Promise<unknown> {
  return (stream as ReadableStream).pipeThrough(new CompressionStream("gzip"));
}
