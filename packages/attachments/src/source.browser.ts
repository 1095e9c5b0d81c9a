/**
 * The browser build's sources (package.json `browser` condition; tsup swaps it in for
 * ./source.ts): a Blob or File, or bytes, which become a Blob. A browser has no paths or Node
 * streams. The Blob itself is what `open()` hands to put.browser.ts, which sends it with fetch.
 */
import type { Readable } from "node:stream";
import { FileSizeMismatchError, InvalidAttachmentArgumentError } from "./errors.js";
import type { AttachmentInput, FileSource } from "./source.js";

export type { AttachmentInput, FileSource } from "./source.js";

export async function resolveSource(file: AttachmentInput, declaredSize: number | undefined): Promise<FileSource> {
  let blob: Blob;
  if (typeof Blob !== "undefined" && file instanceof Blob) blob = file;
  else if (file instanceof Uint8Array) blob = new Blob([file as Uint8Array<ArrayBuffer>]);
  else throw new InvalidAttachmentArgumentError("In a browser, `file` must be a Blob, a File or a Uint8Array.");
  if (declaredSize !== undefined && declaredSize !== blob.size) throw new FileSizeMismatchError(declaredSize, blob.size, "prepare");
  const name: unknown = (blob as Blob & { name?: unknown }).name;
  return {
    size: blob.size,
    name: typeof name === "string" && name !== "" ? name : undefined,
    type: blob.type || undefined,
    reopenable: true,
    // Typed as the Node build's stream; only put.browser.ts, which expects the Blob, receives it.
    open: () => blob as unknown as Readable,
  };
}
