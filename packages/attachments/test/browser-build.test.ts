// The browser build (package.json `browser` condition): the PUT over fetch and the Blob source that
// replace the Node modules there, run here against the fake (Node has fetch and Blob too), and the
// built bundle checked for Node built-ins. e2e/test/browser.test.ts runs it in headless Chromium.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { StartAttachedFileUploadCommand } from "@connect-sdk/client-connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileSizeMismatchError, InvalidAttachmentArgumentError } from "../src/errors.js";
import { putObject } from "../src/put.browser.js";
import { resolveSource } from "../src/source.browser.js";
import { CASE_ARN, type Harness, INSTANCE_ID, bytes, harness } from "./helpers.js";

/** A Blob of `bytes(size)` (a copy: BlobPart wants an ArrayBuffer-backed view). */
const blobOf = (size: number) => new Blob([new Uint8Array(bytes(size))]);

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(async () => {
  await h?.close();
});

async function slot(size: number) {
  const started = await h.client.send(
    new StartAttachedFileUploadCommand({ InstanceId: INSTANCE_ID, AssociatedResourceArn: CASE_ARN, FileName: "b.bin", FileSizeInBytes: size, FileUseCaseType: "ATTACHMENT" }),
  );
  return { fileId: started.FileId!, url: started.UploadUrlMetadata!.Url!, headers: started.UploadUrlMetadata!.HeadersToInclude! };
}

describe("the browser source", () => {
  it("takes a File (name, type, size) and bytes, and hands out the Blob itself", async () => {
    const file = new File([new Uint8Array(bytes(10))], "photo.png", { type: "image/png" });
    const source = await resolveSource(file, undefined);
    expect(source).toMatchObject({ size: 10, name: "photo.png", type: "image/png", reopenable: true });
    expect(source.open()).toBe(file);
    expect((await resolveSource(bytes(5), 5)).size).toBe(5);
  });

  it("refuses paths and a declared size that differs", async () => {
    await expect(resolveSource("./photo.png", undefined)).rejects.toBeInstanceOf(InvalidAttachmentArgumentError);
    await expect(resolveSource(blobOf(3), 4)).rejects.toBeInstanceOf(FileSizeMismatchError);
  });
});

describe("the browser PUT (fetch)", () => {
  it("stores a Blob with exactly the returned headers and reports the ETag and the bytes", async () => {
    const content = bytes(100_000);
    const { fileId, url, headers } = await slot(content.byteLength);
    const seen: number[] = [];
    const outcome = await putObject({ url, headers, size: content.byteLength, body: new Blob([new Uint8Array(content)]) as never, onBytes: (n) => seen.push(n) });
    expect(outcome).toMatchObject({ ok: true, statusCode: 200, etag: expect.stringMatching(/^"[0-9a-f]{32}"$/) });
    expect(seen).toEqual([content.byteLength]);
    expect(new Uint8Array(readFileSync(h.fake.state.files.get(fileId)!.upload.path!))).toEqual(content);
  });

  it("reads S3's error answer", async () => {
    const { url } = await slot(4);
    const outcome = await putObject({ url, headers: {}, size: 4, body: blobOf(4) as never });
    expect(outcome).toMatchObject({ ok: false, kind: "response", statusCode: 403, code: "SignatureDoesNotMatch" });
  });

  it("refuses a Blob of another size before sending, and honours an abort", async () => {
    const { url, headers } = await slot(4);
    expect(await putObject({ url, headers, size: 4, body: blobOf(5) as never })).toEqual({ ok: false, kind: "size", actualBytes: 5 });
    const controller = new AbortController();
    controller.abort();
    expect(await putObject({ url, headers, size: 4, body: blobOf(4) as never, signal: controller.signal })).toEqual({ ok: false, kind: "aborted" });
  });
});

describe("the built browser bundle", () => {
  it.each(["index.browser.mjs", "index.browser.js"])("%s imports no Node built-in", (file) => {
    const path = join(__dirname, "..", "dist", file);
    expect(existsSync(path), "build the package first (tsup)").toBe(true);
    const code = readFileSync(path, "utf8");
    expect(code).not.toMatch(/\b(from|require\()\s*["'](node:)?(crypto|fs|http|https|stream|path|os)["']/);
    expect(code).toContain("fetch(");
  });
});
