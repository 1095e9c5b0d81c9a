/**
 * `uploadAttachedFile`: StartAttachedFileUpload → PUT the bytes to the pre-signed URL →
 * CompleteAttachedFileUpload → (optionally) poll GetAttachedFile until the status is final.
 *
 * A transient PUT failure is retried while the URL is valid; an expired URL is replaced by a fresh
 * start call (with a new ClientToken, and the stale file deleted); anything that fails before the
 * upload is complete, and an abort at any point, deletes the started file again.
 */
import { randomUUID } from "node:crypto";
import {
  CompleteAttachedFileUploadCommand,
  type ConnectClient,
  DeleteAttachedFileCommand,
  GetAttachedFileCommand,
  type GetAttachedFileCommandOutput,
  StartAttachedFileUploadCommand,
  type StartAttachedFileUploadCommandOutput,
} from "@connect-sdk/client-connect";
import type { CreatedByInfo, FileStatusType, FileUseCaseType } from "@connect-sdk/types-connect";
import {
  AttachedFileStatusError,
  AttachmentAbortedError,
  AttachmentError,
  AttachmentServiceError,
  FileSizeMismatchError,
  InvalidAttachmentArgumentError,
  UploadFailedError,
  type UploadStage,
  UploadUrlExpiredError,
  WaitTimeoutError,
} from "./errors.js";
import { putObject, type PutOutcome } from "./put.js";
import { type AttachmentInput, type FileSource, resolveSource } from "./source.js";

/** Anything that sends the client's commands: a `ConnectClient`, or a wrapper around one. */
export type AttachmentsClient = Pick<ConnectClient, "send">;

export interface WaitOptions {
  /** Give up (with `WaitTimeoutError`, keeping the file) after this long (default 120 000 ms). */
  timeoutMs?: number | undefined;
  /** First pause between polls (default 500 ms); it doubles up to `maxDelayMs`. */
  minDelayMs?: number | undefined;
  /** Longest pause between polls (default 5 000 ms). */
  maxDelayMs?: number | undefined;
}

export interface RetryOptions {
  /** PUT attempts per upload URL (default 4). A Readable can be sent only once. */
  maxPutAttempts?: number | undefined;
  /** Fresh start calls after an upload URL expired (default 2). */
  maxRestarts?: number | undefined;
  /** Backoff between PUT attempts: base and cap, with full jitter (defaults 200 and 5 000 ms). */
  baseDelayMs?: number | undefined;
  maxDelayMs?: number | undefined;
  /** A PUT with no socket activity for this long fails the attempt (default 60 000 ms). */
  idleTimeoutMs?: number | undefined;
}

export interface UploadAttachedFileOptions {
  client: AttachmentsClient;
  instanceId: string;
  /** The case (or email) to attach the file to. */
  associatedResourceArn: string;
  /** A path (streamed from disk), bytes, a Blob/File, or a Readable (then `size` is required). */
  file: AttachmentInput;
  /** Default: the path's base name or the File's name; required for bytes and streams. */
  fileName?: string | undefined;
  /** The exact size in bytes. Checked against the file before anything is sent. */
  size?: number | undefined;
  fileUseCaseType?: FileUseCaseType | undefined;
  tags?: Record<string, string> | undefined;
  createdBy?: CreatedByInfo | undefined;
  /** The first start call's idempotency token (default: a random UUID). Restarts derive new ones. */
  clientToken?: string | undefined;
  /** Lifetime of the upload URL, 5–300 s (service default 300). */
  urlExpiryInSeconds?: number | undefined;
  /** Poll GetAttachedFile until the status is final; `true` uses the default timings. */
  wait?: boolean | WaitOptions | undefined;
  retry?: RetryOptions | undefined;
  onProgress?: ((progress: UploadProgress) => void) | undefined;
  abortSignal?: AbortSignal | undefined;
}

export interface UploadProgress {
  /** What happened: a stage began, bytes went out, a PUT is retried, the URL expired, a poll returned. */
  event: "stage" | "bytes" | "retry" | "restart" | "poll";
  stage: Exclude<UploadStage, "prepare">;
  /** Bytes of the current PUT attempt handed to the socket. */
  bytesSent: number;
  totalBytes: number;
  /** PUT attempts so far, over all upload URLs. */
  attempt: number;
  fileId?: string | undefined;
  /** Why a PUT is retried or restarted, e.g. `ECONNRESET` or `AccessDenied: Request has expired`. */
  reason?: string | undefined;
  /** The pause before the retry. */
  delayMs?: number | undefined;
  /** The status the last poll saw. */
  status?: string | undefined;
}

export interface UploadTimings {
  /** Time spent in start calls (all of them, with restarts). */
  startMs: number;
  /** Time spent in PUTs, backoff included. */
  uploadMs: number;
  completeMs: number;
  /** Time spent polling for a final status (0 without `wait`). */
  waitMs: number;
  totalMs: number;
}

export interface UploadAttachedFileResult {
  fileId: string;
  fileArn: string;
  /** APPROVED after a wait; otherwise the status the start call reported (normally PROCESSING). */
  status: FileStatusType | (string & {});
  fileName: string;
  fileSizeInBytes: number;
  creationTime?: string | undefined;
  /** The ClientToken of the start call that produced this file. */
  clientToken: string;
  /** The last GetAttachedFile answer, after a wait (it carries the download URL). */
  file?: GetAttachedFileCommandOutput | undefined;
  attempts: { put: number; restarts: number; polls: number };
  timings: UploadTimings;
}

const DEFAULTS = {
  maxPutAttempts: 4,
  maxRestarts: 2,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  idleTimeoutMs: 60_000,
  waitTimeoutMs: 120_000,
  pollMinDelayMs: 500,
  pollMaxDelayMs: 5_000,
  /** An upload URL with less than this left is treated as expired. */
  expiryMarginMs: 1_000,
};

interface Started {
  fileId: string;
  fileArn: string;
  clientToken: string;
  status?: string;
  creationTime?: string;
  url: string;
  headers: Record<string, string>;
  /** Local time after which the URL is no longer usable. */
  deadline: number;
}

/**
 * Uploads a file as an attached file of a Connect case (or email) and returns its id, ARN and
 * status. Every failure is an {@link AttachmentError}; none leaves a started file behind unless
 * the error says so (`fileId` with `cleanedUp` not `true`, or `orphanClientToken`).
 *
 * @example
 * ```ts
 * import { uploadAttachedFile } from "@connect-sdk/attachments";
 * import { ConnectClient } from "@connect-sdk/client-connect";
 *
 * const client = new ConnectClient({ region: "us-west-2" });
 * const { fileId, status } = await uploadAttachedFile({
 *   client,
 *   instanceId: "a1b2c3d4-…",
 *   associatedResourceArn: "arn:aws:cases:us-west-2:123456789012:domain/…/case/…",
 *   file: "./invoice.pdf",
 *   wait: true,
 * });
 * ```
 */
export async function uploadAttachedFile(options: UploadAttachedFileOptions): Promise<UploadAttachedFileResult> {
  const begin = performance.now();
  const { client, instanceId, associatedResourceArn, abortSignal: signal } = options;
  const retry = { ...DEFAULTS, ...definedOnly(options.retry ?? {}) };
  const waitOptions = options.wait ? (options.wait === true ? {} : options.wait) : undefined;
  const timings: UploadTimings = { startMs: 0, uploadMs: 0, completeMs: 0, waitMs: 0, totalMs: 0 };
  const attempts = { put: 0, restarts: 0, polls: 0 };
  const progress = (p: Omit<UploadProgress, "totalBytes" | "attempt">) => options.onProgress?.({ ...p, totalBytes: source.size, attempt: attempts.put });

  if (!instanceId) throw new InvalidAttachmentArgumentError("`instanceId` is required.");
  if (!associatedResourceArn) throw new InvalidAttachmentArgumentError("`associatedResourceArn` is required.");
  if (options.size !== undefined && !(Number.isSafeInteger(options.size) && options.size >= 0)) throw new InvalidAttachmentArgumentError("`size` must be a whole number of bytes.");
  const source: FileSource = await resolveSource(options.file, options.size);
  if (source.size < 1) throw new InvalidAttachmentArgumentError("The file is empty; Connect accepts files of at least 1 byte.");
  if (options.fileName === "") throw new InvalidAttachmentArgumentError("`fileName` must not be empty.");
  const fileName = options.fileName ?? source.name;
  if (!fileName) throw new InvalidAttachmentArgumentError("`fileName` is required when `file` is not a path or a File.");
  if (signal?.aborted) throw new AttachmentAbortedError("prepare");

  const startInput = (clientToken: string) => ({
    ClientToken: clientToken,
    InstanceId: instanceId,
    AssociatedResourceArn: associatedResourceArn,
    FileName: fileName,
    FileSizeInBytes: source.size,
    FileUseCaseType: options.fileUseCaseType ?? "ATTACHMENT",
    ...(options.urlExpiryInSeconds !== undefined ? { UrlExpiryInSeconds: options.urlExpiryInSeconds } : {}),
    ...(options.tags ? { Tags: options.tags } : {}),
    ...(options.createdBy ? { CreatedBy: options.createdBy } : {}),
  });
  const tokenFor = (restart: number) => {
    if (options.clientToken === undefined) return randomUUID();
    return restart === 0 ? options.clientToken : `${options.clientToken.slice(0, 480)}-restart-${restart}`;
  };
  const fileRef = (fileId: string) => ({ InstanceId: instanceId, FileId: fileId, AssociatedResourceArn: associatedResourceArn });

  let started: Started | undefined;
  /** Set once CompleteAttachedFileUpload succeeded: from then on a failure keeps the file (except an abort). */
  let completed = false;
  let stage: UploadStage = "start";

  const deleteStarted = async (): Promise<boolean> => {
    if (!started) return false;
    try {
      await client.send(new DeleteAttachedFileCommand(fileRef(started.fileId)));
      return true;
    } catch (error) {
      return (error as { name?: string }).name === "ResourceNotFoundException";
    }
  };

  try {
    // Start and upload, restarting with a fresh start call when the URL expires.
    for (;;) {
      stage = "start";
      progress({ event: "stage", stage, bytesSent: 0 });
      const token = tokenFor(attempts.restarts);
      const t = performance.now();
      let output: StartAttachedFileUploadCommandOutput;
      try {
        output = await client.send(new StartAttachedFileUploadCommand(startInput(token)), { abortSignal: signal });
      } catch (error) {
        if (signal?.aborted) {
          // The service may have created the file anyway: the same token finds it, to delete it.
          const lookup = await findStarted(client, startInput(token), retry);
          if ("started" in lookup) {
            started = lookup.started;
            throw new AttachmentAbortedError("start");
          }
          // Not "nothing to delete": the file may exist, and the caller gets the token that finds it.
          throw new AttachmentAbortedError("start", { cleanedUp: false, orphanClientToken: token, cause: lookup.error });
        }
        throw new AttachmentServiceError("StartAttachedFileUpload", error, "start");
      } finally {
        timings.startMs += performance.now() - t;
      }
      started = toStarted(output, token);

      stage = "upload";
      progress({ event: "stage", stage, bytesSent: 0, fileId: started.fileId });
      const u = performance.now();
      const result = await putWithRetries(started).finally(() => {
        timings.uploadMs += performance.now() - u;
      });
      if (result === "uploaded") break;
      // Expired: the stale file goes, and a new start call (new token) gets a new URL.
      const stale = started;
      const deleted = await deleteStarted();
      started = undefined;
      if (attempts.restarts >= retry.maxRestarts) throw new UploadUrlExpiredError(attempts.restarts, { fileId: stale.fileId, fileArn: stale.fileArn, cleanedUp: deleted });
      attempts.restarts++;
      progress({ event: "restart", stage: "upload", bytesSent: 0, fileId: stale.fileId, reason: result.reason });
    }

    stage = "complete";
    progress({ event: "stage", stage, bytesSent: source.size, fileId: started.fileId });
    const c = performance.now();
    try {
      await client.send(new CompleteAttachedFileUploadCommand(fileRef(started.fileId)), { abortSignal: signal });
    } catch (error) {
      if (signal?.aborted) throw new AttachmentAbortedError("complete");
      throw new AttachmentServiceError("CompleteAttachedFileUpload", error, "complete");
    } finally {
      timings.completeMs += performance.now() - c;
    }
    completed = true;

    let status: string = started.status ?? "PROCESSING";
    let file: GetAttachedFileCommandOutput | undefined;
    if (waitOptions) {
      stage = "wait";
      progress({ event: "stage", stage, bytesSent: source.size, fileId: started.fileId });
      const w = performance.now();
      try {
        file = await waitForFinalStatus(started, waitOptions);
      } finally {
        timings.waitMs = performance.now() - w;
      }
      status = file.FileStatus ?? status;
    }
    timings.totalMs = performance.now() - begin;
    return {
      fileId: started.fileId,
      fileArn: started.fileArn,
      status,
      fileName,
      fileSizeInBytes: source.size,
      creationTime: started.creationTime,
      clientToken: started.clientToken,
      ...(file ? { file } : {}),
      attempts,
      timings,
    };
  } catch (thrown) {
    // Anything else (e.g. an exception thrown by `onProgress`) is wrapped, and cleaned up after all the same.
    let error = thrown instanceof AttachmentError ? thrown : new AttachmentError("UNEXPECTED", (thrown as Error)?.message ?? String(thrown), { stage, cause: thrown });
    if (signal?.aborted && !(error instanceof AttachmentAbortedError)) error = new AttachmentAbortedError(stage, { cause: error });
    throw await cleanUp(error);
  }

  /** Deletes the started file unless it is complete and the failure is about its status; records the outcome on the error. */
  async function cleanUp(error: AttachmentError): Promise<AttachmentError> {
    if (!started) return error;
    error.fileId ??= started.fileId;
    error.fileArn ??= started.fileArn;
    if (error.cleanedUp !== undefined) return error;
    if (completed && !(error instanceof AttachmentAbortedError)) return error;
    error.cleanedUp = await deleteStarted();
    return error;
  }

  async function putWithRetries(target: Started): Promise<"uploaded" | { reason: string }> {
    let attemptsHere = 0;
    for (;;) {
      if (signal?.aborted) throw new AttachmentAbortedError("upload");
      if (Date.now() >= target.deadline - DEFAULTS.expiryMarginMs) return { reason: "The upload URL expired." };
      attemptsHere++;
      attempts.put++;
      const outcome: PutOutcome = await putObject({
        url: target.url,
        headers: target.headers,
        size: source.size,
        body: source.open(),
        signal,
        idleTimeoutMs: retry.idleTimeoutMs,
        onBytes: (bytesSent) => progress({ event: "bytes", stage: "upload", bytesSent, fileId: target.fileId }),
      });
      if (outcome.ok) {
        await source.verify?.();
        return "uploaded";
      }
      if (outcome.kind === "aborted") throw new AttachmentAbortedError("upload");
      if (outcome.kind === "callback") throw outcome.error;
      if (outcome.kind === "size") throw new FileSizeMismatchError(source.size, outcome.actualBytes, "upload");
      const reason = outcome.kind === "response" ? `${outcome.statusCode} ${outcome.code ?? ""}: ${outcome.message}`.replace(" :", ":") : `${outcome.code ?? "network error"}: ${outcome.message}`;
      if (outcome.kind === "response" && isExpired(outcome, target)) return { reason };
      const fail = () =>
        new UploadFailedError(
          `Uploading the bytes failed after ${attemptsHere} attempt${attemptsHere === 1 ? "" : "s"}: ${reason}`,
          outcome.kind === "response" ? outcome.statusCode : undefined,
          outcome.code,
          attempts.put,
        );
      if (!isTransient(outcome)) throw fail();
      if (attemptsHere >= retry.maxPutAttempts || !source.reopenable) throw fail();
      const delayMs = Math.round(Math.random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attemptsHere - 1)));
      // Not worth waiting for a URL that will be dead by then: restart instead.
      if (Date.now() + delayMs >= target.deadline - DEFAULTS.expiryMarginMs) return { reason: `${reason} (and the upload URL is about to expire)` };
      progress({ event: "retry", stage: "upload", bytesSent: 0, fileId: target.fileId, reason, delayMs });
      await sleep(delayMs, signal);
    }
  }

  async function waitForFinalStatus(target: Started, wait: WaitOptions): Promise<GetAttachedFileCommandOutput> {
    const timeoutMs = wait.timeoutMs ?? DEFAULTS.waitTimeoutMs;
    const maxDelay = wait.maxDelayMs ?? DEFAULTS.pollMaxDelayMs;
    let delay = wait.minDelayMs ?? DEFAULTS.pollMinDelayMs;
    const since = performance.now();
    let status = target.status ?? "PROCESSING";
    for (;;) {
      attempts.polls++;
      try {
        const file = await client.send(new GetAttachedFileCommand(fileRef(target.fileId)), { abortSignal: signal });
        status = file.FileStatus ?? status;
        progress({ event: "poll", stage: "wait", bytesSent: source.size, fileId: target.fileId, status });
        if (status === "APPROVED") return file;
        if (status !== "PROCESSING") throw new AttachedFileStatusError(status, { fileId: target.fileId, fileArn: target.fileArn });
      } catch (error) {
        if (error instanceof AttachmentError) throw error;
        if (signal?.aborted) throw new AttachmentAbortedError("wait");
        // Throttled even after the client's retries: poll more slowly rather than give up.
        if ((error as { name?: string }).name !== "ThrottlingException") throw new AttachmentServiceError("GetAttachedFile", error, "wait");
      }
      const waited = performance.now() - since;
      if (waited + delay > timeoutMs) throw new WaitTimeoutError(status, waited, { fileId: target.fileId, fileArn: target.fileArn });
      await sleep(delay, signal);
      delay = Math.min(maxDelay, delay * 2);
    }
  }
}

function toStarted(output: StartAttachedFileUploadCommandOutput, clientToken: string): Started {
  const meta = output.UploadUrlMetadata;
  if (!output.FileId || !output.FileArn || !meta?.Url) {
    throw new AttachmentError("SERVICE_ERROR", "StartAttachedFileUpload returned no file id, ARN or upload URL.", { stage: "start", fileId: output.FileId });
  }
  const received = Date.now();
  const expiry = meta.UrlExpiry ? Date.parse(meta.UrlExpiry) : Number.NaN;
  const created = output.CreationTime ? Date.parse(output.CreationTime) : Number.NaN;
  // The URL's lifetime as the service counts it, measured from now on our clock: immune to clock skew.
  const deadline = Number.isNaN(expiry) ? received + 300_000 : Number.isNaN(created) ? expiry : received + (expiry - created);
  return {
    fileId: output.FileId,
    fileArn: output.FileArn,
    clientToken,
    status: output.FileStatus,
    creationTime: output.CreationTime,
    url: meta.Url,
    headers: { ...(meta.HeadersToInclude ?? {}) },
    deadline,
  };
}

/** Lookups of the file an aborted start call may have made, each after the client's own retries. */
const LOOKUP_ATTEMPTS = 4;

/**
 * After an abort during the start call: the same ClientToken returns the file if the service made
 * one (and makes it otherwise, so there is always one to delete). A failing lookup is retried with
 * backoff, since giving up means leaving a file behind; the last error is returned when none works.
 */
async function findStarted(
  client: AttachmentsClient,
  input: ConstructorParameters<typeof StartAttachedFileUploadCommand>[0],
  backoff: { baseDelayMs: number; maxDelayMs: number },
): Promise<{ started: Started } | { error: unknown }> {
  let error: unknown;
  for (let attempt = 1; attempt <= LOOKUP_ATTEMPTS; attempt++) {
    try {
      // No abort signal: the caller's has fired, and this call is the cleanup.
      return { started: toStarted(await client.send(new StartAttachedFileUploadCommand(input)), input.ClientToken ?? "") };
    } catch (thrown) {
      error = thrown;
    }
    if (attempt < LOOKUP_ATTEMPTS) await sleep(Math.round(Math.random() * Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** attempt)), undefined);
  }
  return { error };
}

const TRANSIENT_S3_CODES = new Set(["RequestTimeout", "SlowDown", "InternalError", "ServiceUnavailable", "IncompleteBody", "RequestTimeTooSkewed"]);

function isTransient(outcome: Exclude<PutOutcome, { ok: true }>): boolean {
  if (outcome.kind === "network") return true;
  if (outcome.kind !== "response") return false;
  return outcome.statusCode >= 500 || outcome.statusCode === 429 || (outcome.code !== undefined && TRANSIENT_S3_CODES.has(outcome.code));
}

function isExpired(outcome: Extract<PutOutcome, { kind: "response" }>, target: Started): boolean {
  if (outcome.statusCode !== 403) return false;
  if (outcome.code === "AccessDenied" && /expired/i.test(outcome.message)) return true;
  // A 403 for a URL our clock says has run out is the expiry, whatever the wording.
  return outcome.code === "AccessDenied" && Date.now() >= target.deadline - DEFAULTS.expiryMarginMs;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error("aborted"));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error("aborted"));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
