import { appendFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { Readable } from "node:stream";
import { StartAttachedFileUploadCommand, ThrottlingException } from "@connect-sdk/client-connect";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  AttachedFileStatusError,
  AttachmentAbortedError,
  AttachmentError,
  AttachmentServiceError,
  type AttachmentsClient,
  FileSizeMismatchError,
  InvalidAttachmentArgumentError,
  UploadFailedError,
  type UploadProgress,
  UploadUrlExpiredError,
  uploadAttachedFile,
  WaitTimeoutError,
} from "../src/index.js";
import { bytes, CASE_ARN, type Harness, harness, INSTANCE_ID } from "./helpers.js";

const FAST_RETRY = { baseDelayMs: 10, maxDelayMs: 50 };

let h: Harness;
beforeAll(async () => {
  h = await harness({ processingDelayMs: 150 });
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  h.fake.faults.clear();
  h.fake.uploads.faults.clear();
  h.fake.clock.reset();
});

const base = () => ({ client: h.client, instanceId: INSTANCE_ID, associatedResourceArn: CASE_ARN, retry: FAST_RETRY });

/** Whether the fake S3 endpoint stored exactly these bytes for a file (compared as buffers: fast). */
async function storedExactly(fileId: string, content: Uint8Array): Promise<boolean> {
  const record = h.fake.state.files.get(fileId);
  return record?.upload.path ? (await readFile(record.upload.path)).equals(content) : false;
}

async function failure(promise: Promise<unknown>): Promise<AttachmentError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "expected the upload to fail").toBeInstanceOf(AttachmentError);
  return error as AttachmentError;
}

describe("uploadAttachedFile", () => {
  it("starts, PUTs exactly the bytes with the returned headers, and completes", async () => {
    const content = bytes(300_000);
    const path = await h.file("invoice.pdf", content);
    h.mark();
    const result = await uploadAttachedFile({ ...base(), file: path, tags: { team: "billing" } });

    expect(h.operations()).toEqual(["StartAttachedFileUpload", "CompleteAttachedFileUpload"]);
    expect(result).toMatchObject({ fileName: "invoice.pdf", fileSizeInBytes: 300_000, status: "PROCESSING", attempts: { put: 1, restarts: 0, polls: 0 } });
    expect(result.fileArn).toBe(h.fake.state.fileArn(INSTANCE_ID, result.fileId));
    expect(await storedExactly(result.fileId, content)).toBe(true);
    const record = h.fake.state.files.get(result.fileId)!;
    expect(record.upload.rejections).toEqual([]);
    expect(record.completedAt).toBeInstanceOf(Date);
    expect(record.tags).toEqual({ team: "billing" });
    // The start call carried our ClientToken, which the result reports.
    expect(h.fake.calls.find((c) => c.operation === "StartAttachedFileUpload")!.input!.ClientToken).toBe(result.clientToken);
    for (const key of ["startMs", "uploadMs", "completeMs", "totalMs"] as const) expect(result.timings[key]).toBeGreaterThan(0);
  });

  it("accepts bytes, a Blob/File and a Readable of known size", async () => {
    const content = bytes(70_000, 3);
    const fromBytes = await uploadAttachedFile({ ...base(), file: Buffer.from(content), fileName: "a.bin" });
    const fromBlob = await uploadAttachedFile({ ...base(), file: new File([Buffer.from(content)], "b.png", { type: "image/png" }) });
    const fromStream = await uploadAttachedFile({ ...base(), file: Readable.from([content.subarray(0, 1000), content.subarray(1000)]), size: content.byteLength, fileName: "c.txt" });
    expect(fromBlob.fileName).toBe("b.png");
    for (const r of [fromBytes, fromBlob, fromStream]) expect(await storedExactly(r.fileId, content)).toBe(true);
  });

  it("waits with backoff until the file is APPROVED and reports progress", async () => {
    // Processing takes an hour until the test moves the fake's clock after the third PROCESSING poll,
    // so the number of polls does not depend on how fast this machine is (with the shared fake's
    // 150 ms, a busy machine's first poll already saw APPROVED).
    const slow = await harness({ processingDelayMs: 3_600_000 });
    const events: UploadProgress[] = [];
    const result = await uploadAttachedFile({
      ...base(),
      client: slow.client,
      file: Buffer.from(bytes(1_000_000)),
      fileName: "photo.jpg",
      wait: { minDelayMs: 20, maxDelayMs: 80 },
      onProgress: (p) => {
        events.push(p);
        if (p.event === "poll" && events.filter((e) => e.event === "poll").length === 3) slow.fake.clock.advance(7_200_000);
      },
    }).finally(() => slow.close());

    expect(result.status).toBe("APPROVED");
    expect(result.attempts.polls).toBe(4);
    // Three pauses of 20, 40 and 80 ms.
    expect(result.timings.waitMs).toBeGreaterThanOrEqual(100);
    expect(result.file?.DownloadUrlMetadata?.Url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const sent = events.filter((e) => e.event === "bytes").map((e) => e.bytesSent);
    expect(sent.length).toBeGreaterThan(1);
    expect(sent).toEqual([...sent].sort((a, b) => a - b));
    expect(sent.at(-1)).toBe(1_000_000);
    expect(events.filter((e) => e.event === "stage").map((e) => e.stage)).toEqual(["start", "upload", "complete", "wait"]);
    expect(events.filter((e) => e.event === "poll").map((e) => e.status)).toEqual([...Array(result.attempts.polls - 1).fill("PROCESSING"), "APPROVED"]);
  });

  describe("throttled start", () => {
    it("succeeds when the client's retries outlast the throttling", async () => {
      h.fake.faults.throttle({ operation: "StartAttachedFileUpload", times: 2 });
      h.mark();
      const result = await uploadAttachedFile({ ...base(), file: Buffer.from("hello"), fileName: "hello.txt" });
      const starts = h.fake.calls.filter((c) => c.operation === "StartAttachedFileUpload").slice(-3);
      expect(starts.map((c) => c.status)).toEqual([429, 429, 200]);
      expect(starts[2]!.input!.ClientToken).toBe(result.clientToken);
      expect(h.fake.state.files.has(result.fileId)).toBe(true);
    });

    it("fails typed, with the client's ThrottlingException as cause, when throttling persists", async () => {
      h.fake.faults.throttle({ operation: "StartAttachedFileUpload", times: Number.POSITIVE_INFINITY });
      const before = h.fake.state.files.size;
      const error = await failure(uploadAttachedFile({ ...base(), file: Buffer.from("hello"), fileName: "hello.txt" }));
      expect(error).toBeInstanceOf(AttachmentServiceError);
      expect(error).toMatchObject({ code: "SERVICE_ERROR", stage: "start", serviceCode: "ThrottlingException", httpStatusCode: 429, fileId: undefined });
      expect(error.cause).toBeInstanceOf(ThrottlingException);
      expect(h.fake.state.files.size).toBe(before);
    });
  });

  describe("PUT failures", () => {
    it("retries a connection reset mid-PUT and sends the whole file again", async () => {
      h.fake.uploads.faults.resetConnection();
      const content = bytes(2_000_000, 11);
      const events: UploadProgress[] = [];
      const result = await uploadAttachedFile({ ...base(), file: await h.file("big.bin", content), onProgress: (p) => events.push(p) });

      expect(result.attempts).toMatchObject({ put: 2, restarts: 0 });
      expect(await storedExactly(result.fileId, content)).toBe(true);
      const slot = h.fake.state.files.get(result.fileId)!.upload;
      expect(slot.rejections.map((r) => r.code)).toEqual(["ConnectionReset"]);
      expect(slot.uploads).toBe(1);
      const retry = events.find((e) => e.event === "retry");
      expect(retry?.reason).toMatch(/ECONNRESET|EPIPE|socket hang up/);
    });

    it("retries 503 SlowDown and 500 InternalError", async () => {
      h.fake.uploads.faults.throttle().serverError();
      const result = await uploadAttachedFile({ ...base(), file: Buffer.from(bytes(10_000)), fileName: "x.csv" });
      expect(result.attempts.put).toBe(3);
      expect(h.fake.state.files.get(result.fileId)!.upload.rejections.map((r) => r.code)).toEqual(["SlowDown", "InternalError"]);
    });

    it("gives up after maxPutAttempts and deletes the started file", async () => {
      h.fake.uploads.faults.resetConnection({ times: Number.POSITIVE_INFINITY });
      h.mark();
      const error = await failure(uploadAttachedFile({ ...base(), file: Buffer.from(bytes(100_000)), fileName: "x.bin", retry: { ...FAST_RETRY, maxPutAttempts: 3 } }));
      expect(error).toBeInstanceOf(UploadFailedError);
      expect(error).toMatchObject({ code: "UPLOAD_FAILED", stage: "upload", attempts: 3, cleanedUp: true });
      expect((error as UploadFailedError).s3Code).toMatch(/ECONNRESET|EPIPE/);
      expect(h.operations()).toEqual(["StartAttachedFileUpload", "DeleteAttachedFile"]);
      expect(h.fake.state.files.has(error.fileId!)).toBe(false);
    });

    it("does not retry an S3 refusal such as SignatureDoesNotMatch, and cleans up", async () => {
      // A client that loses one of HeadersToInclude, as hand-written uploads often do.
      const lossy: AttachmentsClient = {
        send: (async (command: unknown, options?: unknown) => {
          const output = await (h.client.send as (c: unknown, o?: unknown) => Promise<any>)(command, options);
          if (command instanceof StartAttachedFileUploadCommand) delete output.UploadUrlMetadata.HeadersToInclude["content-type"];
          return output;
        }) as AttachmentsClient["send"],
      };
      const error = await failure(uploadAttachedFile({ ...base(), client: lossy, file: Buffer.from("data"), fileName: "x.pdf" }));
      expect(error).toMatchObject({ code: "UPLOAD_FAILED", statusCode: 403, s3Code: "SignatureDoesNotMatch", attempts: 1, cleanedUp: true });
      expect(error.message).toMatch(/content-type/);
      expect(h.fake.state.files.has(error.fileId!)).toBe(false);
    });
  });

  describe("expired upload URL", () => {
    it("restarts with a fresh start call and a new ClientToken, deleting the stale file", async () => {
      let first: string | undefined;
      h.mark();
      const result = await uploadAttachedFile({
        ...base(),
        file: Buffer.from(bytes(50_000)),
        fileName: "late.pdf",
        clientToken: "my-token-1",
        urlExpiryInSeconds: 5,
        onProgress: (p) => {
          // The first URL expires between the start call and the PUT.
          if (p.event === "stage" && p.stage === "upload" && !first) {
            first = p.fileId;
            h.fake.clock.advance(6_000);
          }
        },
      });
      expect(result.attempts).toMatchObject({ put: 2, restarts: 1 });
      expect(result.fileId).not.toBe(first);
      expect(h.operations()).toEqual(["StartAttachedFileUpload", "DeleteAttachedFile", "StartAttachedFileUpload", "CompleteAttachedFileUpload"]);
      const tokens = h.fake.calls.slice(-4).filter((c) => c.operation === "StartAttachedFileUpload").map((c) => c.input!.ClientToken);
      expect(tokens).toEqual(["my-token-1", "my-token-1-restart-1"]);
      expect(h.fake.state.files.has(first!)).toBe(false);
      expect(result.clientToken).toBe("my-token-1-restart-1");
    });

    it("fails with UploadUrlExpiredError when every URL expires", async () => {
      const error = await failure(
        uploadAttachedFile({
          ...base(),
          file: Buffer.from("x"),
          fileName: "x.txt",
          urlExpiryInSeconds: 5,
          retry: { ...FAST_RETRY, maxRestarts: 1 },
          onProgress: (p) => {
            if (p.event === "stage" && p.stage === "upload") h.fake.clock.advance(6_000);
          },
        }),
      );
      expect(error).toBeInstanceOf(UploadUrlExpiredError);
      expect(error).toMatchObject({ code: "URL_EXPIRED", restarts: 1, cleanedUp: true });
      expect(h.fake.state.files.has(error.fileId!)).toBe(false);
    });
  });

  describe("final status", () => {
    it("a REJECTED file is an error carrying the status; the file is kept for inspection", async () => {
      const error = await failure(uploadAttachedFile({ ...base(), file: Buffer.from("X5O!P%@AP"), fileName: "eicar.txt", wait: { minDelayMs: 20 } }));
      expect(error).toBeInstanceOf(AttachedFileStatusError);
      expect(error).toMatchObject({ code: "FILE_REJECTED", stage: "wait", status: "REJECTED", cleanedUp: undefined });
      expect(error.fileArn).toContain(error.fileId);
      expect(h.fake.state.files.has(error.fileId!)).toBe(true);
    });

    it("a FAILED file is an error too", async () => {
      h.fake.state.failNextScans(1);
      const error = await failure(uploadAttachedFile({ ...base(), file: Buffer.from("ok"), fileName: "ok.txt", wait: { minDelayMs: 20 } }));
      expect(error).toMatchObject({ code: "FILE_FAILED", status: "FAILED" });
    });

    it("a wait that runs out keeps the PROCESSING file", async () => {
      // A service that takes an hour to process, so that the outcome does not depend on how fast this
      // machine is (with the shared fake's 150 ms, a slow first poll on a busy machine saw APPROVED).
      const slow = await harness({ processingDelayMs: 3_600_000 });
      try {
        const error = await failure(uploadAttachedFile({ ...base(), client: slow.client, file: Buffer.from("ok"), fileName: "ok.txt", wait: { timeoutMs: 60, minDelayMs: 20 } }));
        expect(error).toBeInstanceOf(WaitTimeoutError);
        expect(error).toMatchObject({ code: "WAIT_TIMEOUT", status: "PROCESSING" });
        expect(slow.fake.state.files.has(error.fileId!)).toBe(true);
      } finally {
        await slow.close();
      }
    });
  });

  describe("abort", () => {
    it("cancels the PUT mid-way and deletes the started file", async () => {
      const controller = new AbortController();
      h.mark();
      const error = await failure(
        uploadAttachedFile({
          ...base(),
          file: Buffer.from(bytes(8_000_000)),
          fileName: "big.bin",
          abortSignal: controller.signal,
          onProgress: (p) => {
            if (p.event === "bytes" && p.bytesSent >= 1_000_000) controller.abort();
          },
        }),
      );
      expect(error).toBeInstanceOf(AttachmentAbortedError);
      expect(error).toMatchObject({ code: "ABORTED", stage: "upload", cleanedUp: true });
      expect(h.operations()).toEqual(["StartAttachedFileUpload", "DeleteAttachedFile"]);
      expect(h.fake.state.files.has(error.fileId!)).toBe(false);
    });

    it("during the wait deletes the completed file too", async () => {
      // An hour of processing: the poll that triggers the abort sees PROCESSING on any machine.
      const slow = await harness({ processingDelayMs: 3_600_000 });
      const controller = new AbortController();
      const error = await failure(
        uploadAttachedFile({
          ...base(),
          client: slow.client,
          file: Buffer.from("abc"),
          fileName: "abc.txt",
          wait: { minDelayMs: 20 },
          abortSignal: controller.signal,
          onProgress: (p) => {
            if (p.event === "poll") controller.abort();
          },
        }).finally(() => slow.close()),
      );
      expect(error).toMatchObject({ code: "ABORTED", stage: "wait", cleanedUp: true });
      expect(slow.fake.state.files.has(error.fileId!)).toBe(false);
    });

    it("during the start call finds the file the service made (same ClientToken) and deletes it", async () => {
      const controller = new AbortController();
      // The service creates the file, but the answer is lost to the abort.
      const slow: AttachmentsClient = {
        send: (async (command: unknown, options?: { abortSignal?: AbortSignal }) => {
          const output = await (h.client.send as (c: unknown) => Promise<unknown>)(command);
          if (options?.abortSignal && command instanceof StartAttachedFileUploadCommand) {
            controller.abort();
            throw Object.assign(new Error("The request was aborted"), { name: "AbortError" });
          }
          return output;
        }) as AttachmentsClient["send"],
      };
      const before = new Set(h.fake.state.files.keys());
      const error = await failure(uploadAttachedFile({ ...base(), client: slow, file: Buffer.from("abc"), fileName: "abc.txt", abortSignal: controller.signal }));
      expect(error).toMatchObject({ code: "ABORTED", stage: "start", cleanedUp: true });
      expect(error.fileId).toBeDefined();
      expect([...h.fake.state.files.keys()].filter((id) => !before.has(id))).toEqual([]);
    });

    it("during a slow start call leaves no file behind, even when the service handles the first call after the cleanup", async () => {
      // The first start call is held 2 s by the service (long enough that the abort, which comes once the
      // service has the call, wins on a busy machine too). The cleanup's lookup (same ClientToken) creates
      // the file and deletes it; the held call then replays the token.
      h.fake.faults.delay(2_000, { operation: "StartAttachedFileUpload", times: 1 });
      const before = new Set(h.fake.state.files.keys());
      const calls = h.fake.calls.length;
      const controller = new AbortController();
      const received = setInterval(() => h.fake.calls.length > calls && controller.abort(), 5);
      const error = await failure(uploadAttachedFile({ ...base(), file: Buffer.from("abc"), fileName: "abc.txt", abortSignal: controller.signal }));
      expect(error).toMatchObject({ code: "ABORTED", stage: "start", cleanedUp: true });
      // Wait until the held call has been answered too.
      clearInterval(received);
      while (h.fake.calls.slice(calls).filter((c) => c.operation === "StartAttachedFileUpload" && c.status !== 0).length < 2) await new Promise((r) => setTimeout(r, 20));
      expect([...h.fake.state.files.keys()].filter((id) => !before.has(id))).toEqual([]);
    });

    /** A client whose start call is aborted after the service made the file, and whose next `failLookups` lookups fail. */
    function abortedStartClient(controller: AbortController, failLookups: number): { client: AttachmentsClient; lookups: () => number } {
      let lookups = 0;
      const client: AttachmentsClient = {
        send: (async (command: unknown, options?: { abortSignal?: AbortSignal }) => {
          if (command instanceof StartAttachedFileUploadCommand && !options?.abortSignal) {
            // The cleanup's lookup by ClientToken (sent without the fired signal).
            if (++lookups <= failLookups) throw new ThrottlingException({ message: "Rate exceeded", $metadata: {} });
          }
          const output = await (h.client.send as (c: unknown) => Promise<unknown>)(command);
          if (options?.abortSignal && command instanceof StartAttachedFileUploadCommand) {
            controller.abort();
            throw Object.assign(new Error("The request was aborted"), { name: "AbortError" });
          }
          return output;
        }) as AttachmentsClient["send"],
      };
      return { client, lookups: () => lookups };
    }

    it("during the start call retries a failing ClientToken lookup until it finds the file, and deletes it", async () => {
      const controller = new AbortController();
      const { client, lookups } = abortedStartClient(controller, 2);
      const before = new Set(h.fake.state.files.keys());
      const error = await failure(uploadAttachedFile({ ...base(), client, file: Buffer.from("abc"), fileName: "abc.txt", abortSignal: controller.signal }));
      expect(error).toMatchObject({ code: "ABORTED", stage: "start", cleanedUp: true });
      expect(error.orphanClientToken).toBeUndefined();
      expect(lookups()).toBe(3);
      expect([...h.fake.state.files.keys()].filter((id) => !before.has(id))).toEqual([]);
    });

    it("during the start call reports the orphan's ClientToken when the lookup never succeeds", async () => {
      const controller = new AbortController();
      const { client } = abortedStartClient(controller, Number.POSITIVE_INFINITY);
      const before = new Set(h.fake.state.files.keys());
      const error = await failure(uploadAttachedFile({ ...base(), client, file: Buffer.from("abc"), fileName: "abc.txt", clientToken: "orphan-token-1", abortSignal: controller.signal }));
      expect(error).toBeInstanceOf(AttachmentAbortedError);
      expect(error).toMatchObject({ code: "ABORTED", stage: "start", cleanedUp: false, orphanClientToken: "orphan-token-1" });
      expect(error.message).toContain("orphan-token-1");
      expect(error.cause).toBeInstanceOf(ThrottlingException);
      // The file the service made is really there, and the token finds it (then the test removes it).
      const orphans = [...h.fake.state.files.keys()].filter((id) => !before.has(id));
      expect(orphans).toHaveLength(1);
      const found = await uploadAttachedFile({ ...base(), file: Buffer.from("abc"), fileName: "abc.txt", clientToken: "orphan-token-1" });
      expect(found.fileId).toBe(orphans[0]);
    });

    it("an onProgress that throws mid-PUT stops the upload, cleans up, and surfaces as the cause", async () => {
      const oops = new Error("progress bar broke");
      const error = await failure(
        uploadAttachedFile({
          ...base(),
          file: Buffer.from(bytes(2_000_000)),
          fileName: "p.bin",
          onProgress: (p) => {
            if (p.event === "bytes") throw oops;
          },
        }),
      );
      expect(error).toMatchObject({ code: "UNEXPECTED", stage: "upload", cleanedUp: true, cause: oops });
      expect(h.fake.state.files.has(error.fileId!)).toBe(false);
    });

    it("before anything was sent makes no call", async () => {
      h.mark();
      const error = await failure(uploadAttachedFile({ ...base(), file: Buffer.from("abc"), fileName: "abc.txt", abortSignal: AbortSignal.abort() }));
      expect(error).toMatchObject({ code: "ABORTED", stage: "prepare" });
      expect(h.operations()).toEqual([]);
    });
  });

  describe("size", () => {
    it("a declared size that does not match is caught before anything is sent", async () => {
      h.mark();
      const path = await h.file("ten.txt", "0123456789");
      for (const file of [path, Buffer.from("0123456789"), new Blob(["0123456789"])]) {
        const error = await failure(uploadAttachedFile({ ...base(), file, fileName: "ten.txt", size: 11 }));
        expect(error).toBeInstanceOf(FileSizeMismatchError);
        expect(error).toMatchObject({ code: "SIZE_MISMATCH", stage: "prepare", expectedBytes: 11, actualBytes: 10 });
      }
      expect(h.operations()).toEqual([]);
    });

    it("a stream that ends early or runs long is cut off before a wrong byte is sent, and the file deleted", async () => {
      for (const [declared, chunks] of [
        [20, ["0123456789"]],
        [5, ["0123", "456789"]],
      ] as const) {
        h.mark();
        const error = await failure(uploadAttachedFile({ ...base(), file: Readable.from(chunks.map((c) => Buffer.from(c))), size: declared, fileName: "s.txt" }));
        expect(error).toMatchObject({ code: "SIZE_MISMATCH", stage: "upload", expectedBytes: declared, cleanedUp: true });
        expect(h.operations()).toEqual(["StartAttachedFileUpload", "DeleteAttachedFile"]);
      }
    });

    it("a file that grows while it is read fails typed and is deleted, instead of uploading a prefix", async () => {
      const path = await h.file("growing.log", "0123456789");
      h.mark();
      const error = await failure(
        uploadAttachedFile({
          ...base(),
          file: path,
          // The PUT opens the file right after this event: the file is longer by then.
          onProgress: (p) => p.event === "stage" && p.stage === "upload" && appendFileSync(path, "more lines"),
        }),
      );
      expect(error).toBeInstanceOf(FileSizeMismatchError);
      expect(error).toMatchObject({ code: "SIZE_MISMATCH", stage: "upload", expectedBytes: 10, cleanedUp: true });
      expect(h.operations()).toEqual(["StartAttachedFileUpload", "DeleteAttachedFile"]);
    });

    it("a file that grows after its bytes were read fails typed and is deleted", async () => {
      const path = await h.file("late.log", "0123456789");
      h.mark();
      const error = await failure(
        uploadAttachedFile({
          ...base(),
          file: path,
          onProgress: (p) => p.event === "bytes" && p.bytesSent === 10 && appendFileSync(path, "!"),
        }),
      );
      expect(error).toMatchObject({ code: "SIZE_MISMATCH", stage: "upload", expectedBytes: 10, actualBytes: 11, cleanedUp: true });
      expect(h.operations()).toEqual(["StartAttachedFileUpload", "DeleteAttachedFile"]);
    });

    it("refuses unusable arguments before any call", async () => {
      h.mark();
      await expect(uploadAttachedFile({ ...base(), file: Readable.from([Buffer.from("a")]), fileName: "a" })).rejects.toThrow(InvalidAttachmentArgumentError);
      await expect(uploadAttachedFile({ ...base(), file: Buffer.alloc(0), fileName: "empty" })).rejects.toThrow(/empty/);
      await expect(uploadAttachedFile({ ...base(), file: Buffer.from("a") })).rejects.toThrow(/fileName/);
      const path = await h.file("named.txt", "a");
      await expect(uploadAttachedFile({ ...base(), file: path, fileName: "" })).rejects.toThrow("`fileName` must not be empty.");
      await expect(uploadAttachedFile({ ...base(), file: `${h.dir}/missing.pdf` })).rejects.toThrow(/Cannot read/);
      expect(h.operations()).toEqual([]);
    });
  });
});
