// The fake service's hand-written half, through the generated client over real HTTP: idempotent
// starts, the fake S3 upload (headers, size, expiry), file status, and fault injection.
import { readFile } from "node:fs/promises";
import {
  BatchGetAttachedFileMetadataCommand,
  CompleteAttachedFileUploadCommand,
  ConnectClient,
  DeleteAttachedFileCommand,
  GetAttachedFileCommand,
  InternalServiceException,
  InvalidRequestException,
  ResourceConflictException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  StartAttachedFileUploadCommand,
  ThrottlingException,
} from "@connect-sdk/client-connect";
import { type FakeConnect, startFakeConnect } from "@connect-sdk/test-fixtures-connect";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FILE_INPUT, put } from "./helpers.js";

let fake: FakeConnect;
let client: ConnectClient;
beforeAll(async () => {
  fake = await startFakeConnect({ processingDelayMs: 2_000 });
  // Retries without the real back-off, so fault tests stay fast.
  client = new ConnectClient({ ...fake.clientConfig, retryStrategy: new ConfiguredRetryStrategy(4, () => 5) });
});
afterAll(async () => {
  client.destroy();
  await fake.close({ removeFiles: true });
});
afterEach(() => {
  fake.faults.clear();
  fake.clock.reset();
});

const CONTENT = Buffer.from("hello world");
const ids = (fileId: string) => ({ InstanceId: FILE_INPUT.InstanceId, FileId: fileId, AssociatedResourceArn: FILE_INPUT.AssociatedResourceArn });

async function started(overrides: Partial<typeof FILE_INPUT> & { ClientToken?: string; UrlExpiryInSeconds?: number } = {}) {
  return client.send(new StartAttachedFileUploadCommand({ ...FILE_INPUT, ...overrides }));
}

describe("ClientToken idempotency", () => {
  it("answers a repeated request with the same token with the same file", async () => {
    const first = await started({ ClientToken: "token-same" });
    const again = await started({ ClientToken: "token-same" });
    expect(again.FileId).toBe(first.FileId);
    expect(again.UploadUrlMetadata).toEqual(first.UploadUrlMetadata);
    expect(fake.state.files.has(first.FileId!)).toBe(true);
  });

  it("refuses the same token with a different request (ResourceConflictException)", async () => {
    await started({ ClientToken: "token-reused" });
    const error = await started({ ClientToken: "token-reused", FileName: "other.pdf" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceConflictException);
    expect((error as ResourceConflictException).$metadata.httpStatusCode).toBe(409);
    expect((error as Error).message).toMatch(/already used with different parameters/);
  });

  it("creates one file when the client retries a throttled call (the client reuses its generated token)", async () => {
    const before = fake.state.files.size;
    fake.faults.throttle({ times: 2, operation: "StartAttachedFileUpload" });
    const output = await started();
    expect(output.$metadata.attempts).toBe(3);
    expect(fake.state.files.size).toBe(before + 1);
    const tokens = fake.calls.slice(-3).map((c) => c.input?.ClientToken);
    expect(new Set(tokens).size).toBe(1);
  });
});

describe("the fake S3 upload", () => {
  it("stores exactly the bytes sent with exactly the returned headers", async () => {
    const { UploadUrlMetadata: upload, FileId } = await started();
    expect(upload!.HeadersToInclude).toEqual({ "content-type": "application/pdf", "x-amz-meta-connect-file-id": FileId });
    const reply = await put(upload!.Url!, { ...upload!.HeadersToInclude, "content-length": String(CONTENT.length) }, CONTENT);
    expect(reply.status).toBe(200);
    const file = fake.state.files.get(FileId!)!;
    expect(file.upload.path).toContain(fake.uploads.directory);
    expect(await readFile(file.upload.path!)).toEqual(CONTENT);
  });

  it.each([
    ["a header missing", (h: Record<string, string>) => void delete h["x-amz-meta-connect-file-id"], 403, "SignatureDoesNotMatch"],
    ["a header with another value", (h: Record<string, string>) => void (h["content-type"] = "text/plain"), 403, "SignatureDoesNotMatch"],
    ["an extra x-amz-meta header", (h: Record<string, string>) => void (h["x-amz-meta-extra"] = "1"), 403, "AccessDenied"],
  ])("refuses an upload with %s", async (_what, change, status, code) => {
    const { UploadUrlMetadata: upload, FileId } = await started();
    const headers = { ...upload!.HeadersToInclude, "content-length": String(CONTENT.length) };
    change(headers);
    const reply = await put(upload!.Url!, headers, CONTENT);
    expect(reply.status).toBe(status);
    expect(reply.body).toContain(`<Code>${code}</Code>`);
    expect(fake.state.files.get(FileId!)!.upload.path).toBeUndefined();
  });

  it("refuses fewer or more bytes than FileSizeInBytes", async () => {
    const { UploadUrlMetadata: upload, FileId } = await started();
    const short = await put(upload!.Url!, { ...upload!.HeadersToInclude }, CONTENT.subarray(0, 10));
    expect([short.status, short.body.match(/<Code>(\w+)</)?.[1]]).toEqual([400, "EntityTooSmall"]);
    const long = await put(upload!.Url!, { ...upload!.HeadersToInclude }, Buffer.concat([CONTENT, Buffer.from("!")]));
    expect([long.status, long.body.match(/<Code>(\w+)</)?.[1]]).toEqual([400, "EntityTooLarge"]);
    expect(fake.state.files.get(FileId!)!.upload.rejections.map((r) => r.code)).toEqual(["EntityTooSmall", "EntityTooLarge"]);
  });

  it("refuses an upload after UrlExpiry, and a URL whose signature was altered", async () => {
    const { UploadUrlMetadata: upload } = await started({ UrlExpiryInSeconds: 5 });
    expect(Date.parse(upload!.UrlExpiry!) - fake.clock.now().getTime()).toBeLessThanOrEqual(5_000);
    const tampered = upload!.Url!.replace(/X-Amz-Signature=([0-9a-f])/, (_m, c: string) => `X-Amz-Signature=${c === "0" ? "1" : "0"}`);
    const forged = await put(tampered, { ...upload!.HeadersToInclude }, CONTENT);
    expect(forged.status).toBe(403);
    fake.clock.advance(6_000);
    const late = await put(upload!.Url!, { ...upload!.HeadersToInclude }, CONTENT);
    expect(late.status).toBe(403);
    expect(late.body).toContain("Request has expired");
  });
});

describe("file status and the other operations", () => {
  async function uploaded(fileName = "invoice.pdf") {
    const out = await started({ FileName: fileName });
    const reply = await put(out.UploadUrlMetadata!.Url!, { ...out.UploadUrlMetadata!.HeadersToInclude }, CONTENT);
    expect(reply.status).toBe(200);
    return out.FileId!;
  }

  it("goes PROCESSING → APPROVED a configurable delay after completion, then offers a download URL", async () => {
    const fileId = await uploaded();
    await client.send(new CompleteAttachedFileUploadCommand(ids(fileId)));
    const processing = await client.send(new GetAttachedFileCommand(ids(fileId)));
    expect(processing.FileStatus).toBe("PROCESSING");
    expect(processing.DownloadUrlMetadata).toBeUndefined();
    fake.clock.advance(2_000);
    const approved = await client.send(new GetAttachedFileCommand(ids(fileId)));
    expect(approved.FileStatus).toBe("APPROVED");
    expect(approved.FileSizeInBytes).toBe(CONTENT.length);
    const download = await fetch(approved.DownloadUrlMetadata!.Url!);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(CONTENT);
  });

  it("state.lookupFile finds a file by its ARN with its status now, until it is deleted (what the Cases fake asks)", async () => {
    const fileId = await uploaded();
    const { FileArn } = await client.send(new GetAttachedFileCommand(ids(fileId)));
    expect(fake.state.lookupFile(FileArn!)).toEqual({ status: "PROCESSING", associatedResourceArn: FILE_INPUT.AssociatedResourceArn });
    await client.send(new CompleteAttachedFileUploadCommand(ids(fileId)));
    fake.clock.advance(2_000);
    expect(fake.state.lookupFile(FileArn!)?.status).toBe("APPROVED");
    await client.send(new DeleteAttachedFileCommand(ids(fileId)));
    expect(fake.state.lookupFile(FileArn!)).toBeUndefined();
    expect(fake.state.lookupFile(`${FileArn}-other`)).toBeUndefined();
  });

  it("ends REJECTED by the file-name rule and FAILED by an injected fault", async () => {
    const rejected = await uploaded("eicar-test.pdf");
    const failed = await uploaded("report.pdf");
    await client.send(new CompleteAttachedFileUploadCommand(ids(rejected)));
    fake.state.failNextScans(1);
    await client.send(new CompleteAttachedFileUploadCommand(ids(failed)));
    fake.clock.advance(2_000);
    const batch = await client.send(
      new BatchGetAttachedFileMetadataCommand({ InstanceId: FILE_INPUT.InstanceId, AssociatedResourceArn: FILE_INPUT.AssociatedResourceArn, FileIds: [rejected, failed, "no-such-file"] }),
    );
    expect(batch.Files!.map((f) => [f.FileId, f.FileStatus])).toEqual([
      [rejected, "REJECTED"],
      [failed, "FAILED"],
    ]);
    expect(batch.Errors).toEqual([{ FileId: "no-such-file", ErrorCode: "ResourceNotFoundException", ErrorMessage: expect.any(String) }]);
  });

  it("refuses to complete before the bytes are uploaded, and forgets deleted files", async () => {
    const { FileId } = await started();
    await expect(client.send(new CompleteAttachedFileUploadCommand(ids(FileId!)))).rejects.toBeInstanceOf(InvalidRequestException);
    await client.send(new DeleteAttachedFileCommand(ids(FileId!)));
    await expect(client.send(new GetAttachedFileCommand(ids(FileId!)))).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(client.send(new GetAttachedFileCommand({ ...ids(FileId!), AssociatedResourceArn: "arn:aws:cases:us-west-2:123456789012:domain/d-1/case/other" }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it("enforces the optional quota and file-type rules with the modelled errors and reasons", async () => {
    const strict = await startFakeConnect({ maxFilesPerResource: 1, allowedExtensions: [".pdf"], maxFileSizeInBytes: 100 });
    const c = new ConnectClient({ ...strict.clientConfig, maxAttempts: 1 });
    try {
      await c.send(new StartAttachedFileUploadCommand({ ...FILE_INPUT }));
      const quota = await c.send(new StartAttachedFileUploadCommand({ ...FILE_INPUT })).catch((e: unknown) => e);
      expect(quota).toBeInstanceOf(ServiceQuotaExceededException);
      expect((quota as ServiceQuotaExceededException).Reason).toEqual({ AttachedFileServiceQuotaExceededExceptionReason: "TOTAL_FILE_COUNT_EXCEEDED" });
      const type = await c.send(new StartAttachedFileUploadCommand({ ...FILE_INPUT, FileName: "tool.exe" })).catch((e: unknown) => e);
      expect((type as InvalidRequestException).Reason).toEqual({ AttachedFileInvalidRequestExceptionReason: "INVALID_FILE_TYPE" });
      const size = await c.send(new StartAttachedFileUploadCommand({ ...FILE_INPUT, FileSizeInBytes: 101 })).catch((e: unknown) => e);
      expect((size as InvalidRequestException).Reason).toEqual({ AttachedFileInvalidRequestExceptionReason: "INVALID_FILE_SIZE" });
    } finally {
      c.destroy();
      await strict.close({ removeFiles: true });
    }
  });
});

describe("fault injection", () => {
  it("throttles N times, then the client's retry succeeds", async () => {
    fake.faults.throttle({ times: 2 });
    const output = await started();
    expect(output.$metadata.attempts).toBe(3);
    expect(fake.calls.slice(-3).map((c) => c.status)).toEqual([429, 429, 200]);
  });

  it("throttles past the client's attempts: ThrottlingException", async () => {
    fake.faults.throttle({ times: 4 });
    const error = await started().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottlingException);
    expect((error as ThrottlingException).$metadata.attempts).toBe(4);
  });

  it("answers 500 with the modelled server error, which the client retries", async () => {
    fake.faults.serverError({ times: 1 });
    expect((await started()).$metadata.attempts).toBe(2);
    fake.faults.serverError({ times: 4 });
    await expect(started()).rejects.toBeInstanceOf(InternalServiceException);
  });

  it("resets the connection, which the client retries", async () => {
    fake.faults.resetConnection({ times: 1, operation: "StartAttachedFileUpload" });
    const output = await started();
    expect(output.$metadata.attempts).toBe(2);
    expect(fake.calls.at(-2)!.error).toBe("ConnectionReset");
  });

  it("delays an answer, and only for the operation named", async () => {
    fake.faults.delay(300, { operation: "GetAttachedFile" });
    await started();
    // StartAttachedFileUpload went through undelayed: the fault is still pending.
    expect(fake.faults.pending).toBe(1);
    const t1 = Date.now();
    await client.send(new GetAttachedFileCommand(ids("missing"))).catch(() => undefined);
    expect(Date.now() - t1).toBeGreaterThanOrEqual(290);
    expect(fake.faults.pending).toBe(0);
  });
});
