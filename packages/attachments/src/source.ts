/**
 * What can be uploaded: a path (streamed from disk), bytes, a Blob, or a Readable of known size.
 * Each becomes a `FileSource` that knows its exact size and can open a fresh stream of its bytes
 * for every PUT attempt — except a caller's Readable, which can be read only once.
 */
import { createReadStream, type ReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { Readable } from "node:stream";
import { FileSizeMismatchError, InvalidAttachmentArgumentError } from "./errors.js";

/** A path, bytes, a Blob (or File), or a Readable whose size is known. */
export type AttachmentInput = string | URL | Uint8Array | Blob | Readable;

export interface FileSource {
  size: number;
  /** A name derived from the input (a path's base name, a File's name), if there is one. */
  name?: string;
  /** The content type a Blob carries, if any. */
  type?: string;
  /** Whether `open()` can be called again after a failed attempt. */
  readonly reopenable: boolean;
  /** A stream of exactly the bytes to send (or fewer / more, which the sender detects). */
  open(): Readable;
  /** After a PUT that sent `size` bytes: throws if the source changed size meanwhile. */
  verify?(): Promise<void>;
}

const CHUNK = 256 * 1024;

export async function resolveSource(file: AttachmentInput, declaredSize: number | undefined): Promise<FileSource> {
  const check = (actual: number): number => {
    if (declaredSize !== undefined && declaredSize !== actual) throw new FileSizeMismatchError(declaredSize, actual, "prepare");
    return actual;
  };
  if (typeof file === "string" || file instanceof URL) {
    const path = file;
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      throw new InvalidAttachmentArgumentError(`Cannot read ${String(path)}: ${(error as Error).message}`);
    }
    if (!info.isFile()) throw new InvalidAttachmentArgumentError(`${String(path)} is not a file.`);
    const size = check(info.size);
    return {
      size,
      name: basename(typeof path === "string" ? path : decodeURIComponent(path.pathname)),
      reopenable: true,
      // Read to the end, not just `size` bytes: a file that grew while it is uploaded then yields more
      // than declared, which the sender refuses, instead of a silently truncated prefix.
      open: () => createReadStream(path, { start: 0, highWaterMark: CHUNK }),
      // A file that grew after its stream reached the end is caught here, once the PUT is done.
      async verify() {
        let now: number;
        try {
          now = (await stat(path)).size;
        } catch (error) {
          throw new FileSizeMismatchError(size, 0, "upload", { cause: error });
        }
        if (now !== size) throw new FileSizeMismatchError(size, now, "upload");
      },
    };
  }
  if (file instanceof Uint8Array) {
    const bytes = file;
    return { size: check(bytes.byteLength), reopenable: true, open: () => Readable.from(chunks(bytes), { objectMode: false }) };
  }
  if (typeof Blob !== "undefined" && file instanceof Blob) {
    const blob = file;
    return {
      size: check(blob.size),
      name: fileNameOf(blob),
      type: blob.type || undefined,
      reopenable: true,
      open: () => Readable.fromWeb(blob.stream() as import("node:stream/web").ReadableStream<Uint8Array>),
    };
  }
  if (file instanceof Readable) {
    const stream = file;
    const fsStream = stream as Partial<ReadStream> & { start?: number; end?: number };
    let size = declaredSize;
    let name: string | undefined;
    if (typeof fsStream.path === "string") {
      name = basename(fsStream.path);
      // An fs stream over a whole file: its size is the file's.
      if (size === undefined && fsStream.start === undefined && fsStream.end === undefined && !stream.readableDidRead) {
        try {
          size = (await stat(fsStream.path)).size;
        } catch {
          size = undefined;
        }
      }
    }
    if (size === undefined) throw new InvalidAttachmentArgumentError("A Readable needs its size: pass `size` (the exact number of bytes it yields).");
    let handedOut = false;
    return {
      size,
      name,
      // A caller's stream can be retried only if no byte of it was consumed yet.
      get reopenable() {
        return !handedOut || !stream.readableDidRead;
      },
      open: () => {
        handedOut = true;
        return stream;
      },
    };
  }
  throw new InvalidAttachmentArgumentError("`file` must be a path, a Uint8Array/Buffer, a Blob or a Readable.");
}

/** A `File`'s name (a `File` is a Blob with a name). */
function fileNameOf(blob: Blob): string | undefined {
  const name: unknown = (blob as Blob & { name?: unknown }).name;
  return typeof name === "string" && name !== "" ? name : undefined;
}

function* chunks(bytes: Uint8Array): Generator<Uint8Array> {
  for (let offset = 0; offset < bytes.byteLength; offset += CHUNK) yield bytes.subarray(offset, Math.min(bytes.byteLength, offset + CHUNK));
}
