/**
 * Every way `uploadAttachedFile` can fail, as one class hierarchy. Each error says at which stage
 * it happened, which file it concerns (when one was started) and whether that file was deleted
 * again, so that nothing is left half-done without the caller knowing.
 */
import { redactPresignedUrls } from "@connect-sdk/client-connect";

/** The step of an upload an error happened in; `relate` is `attachFileToCase`'s CreateRelatedItem. */
export type UploadStage = "prepare" | "start" | "upload" | "complete" | "wait" | "relate";

/** A stable code per error class, for logs and exit codes. */
export type AttachmentErrorCode =
  | "SIZE_MISMATCH"
  | "UPLOAD_FAILED"
  | "URL_EXPIRED"
  | "FILE_REJECTED"
  | "FILE_FAILED"
  | "WAIT_TIMEOUT"
  | "ABORTED"
  | "SERVICE_ERROR"
  | "INVALID_ARGUMENT"
  /** Not one of the above, e.g. an exception thrown by `onProgress`; see `cause`. */
  | "UNEXPECTED";

export interface AttachmentErrorDetails {
  stage: UploadStage;
  /** The file the upload started, if it got that far. */
  fileId?: string | undefined;
  fileArn?: string | undefined;
  /**
   * Whether the started file was deleted again (`DeleteAttachedFile`) after the failure: `true` when
   * it was, `false` when deleting it failed too, `undefined` when nothing was started or the file is
   * kept on purpose (a completed file that was rejected, failed or is still processing).
   */
  cleanedUp?: boolean | undefined;
  /**
   * Set when a start call's outcome stayed unknown (aborted, and looking the file up by its
   * ClientToken kept failing): the service may hold a file started with this token that could not
   * be deleted. Calling StartAttachedFileUpload with the same token and input returns it.
   */
  orphanClientToken?: string | undefined;
  cause?: unknown;
}

/** The base class: `error instanceof AttachmentError` catches every failure of this package. */
export class AttachmentError extends Error {
  readonly code: AttachmentErrorCode;
  readonly stage: UploadStage;
  fileId?: string;
  fileArn?: string;
  cleanedUp?: boolean;
  orphanClientToken?: string;

  constructor(code: AttachmentErrorCode, message: string, details: AttachmentErrorDetails) {
    // No message of this package carries a pre-signed URL's signature, whatever it quotes.
    super(redactPresignedUrls(message), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = code;
    this.stage = details.stage;
    this.fileId = details.fileId;
    this.fileArn = details.fileArn;
    this.cleanedUp = details.cleanedUp;
    if (details.orphanClientToken !== undefined) this.orphanClientToken = details.orphanClientToken;
  }
}

/** An argument is missing or unusable (e.g. a Readable without a size, an empty file). */
export class InvalidAttachmentArgumentError extends AttachmentError {
  constructor(message: string) {
    super("INVALID_ARGUMENT", message, { stage: "prepare" });
  }
}

/**
 * The bytes do not match the size: the declared `size` differs from the file's (caught before
 * anything is sent), a stream ended early or ran long (caught before the extra byte is sent), or
 * a file changed size while it was uploaded (the uploaded file is deleted again).
 */
export class FileSizeMismatchError extends AttachmentError {
  constructor(
    readonly expectedBytes: number,
    /** The actual size, or for a stream that ran long, at least this many bytes. */
    readonly actualBytes: number,
    stage: UploadStage,
    details: Omit<AttachmentErrorDetails, "stage"> = {},
  ) {
    super("SIZE_MISMATCH", `The file has ${actualBytes} bytes${stage === "upload" && actualBytes > expectedBytes ? " or more" : ""}, but ${expectedBytes} were declared.`, { stage, ...details });
  }
}

/** The PUT to the pre-signed URL failed for good: a non-retryable S3 answer, or retries used up. */
export class UploadFailedError extends AttachmentError {
  constructor(
    message: string,
    /** The HTTP status of the last attempt (undefined when the connection failed). */
    readonly statusCode: number | undefined,
    /** S3's error code of the last attempt, e.g. `SignatureDoesNotMatch`, or the socket error code, e.g. `ECONNRESET`. */
    readonly s3Code: string | undefined,
    /** PUT attempts made, over all upload URLs. */
    readonly attempts: number,
    details: Omit<AttachmentErrorDetails, "stage"> = {},
  ) {
    super("UPLOAD_FAILED", message, { stage: "upload", ...details });
  }
}

/** The upload URL expired and every restart (with a fresh start call) expired too. */
export class UploadUrlExpiredError extends AttachmentError {
  constructor(
    readonly restarts: number,
    details: Omit<AttachmentErrorDetails, "stage"> = {},
  ) {
    super("URL_EXPIRED", `The upload URL expired before the upload finished (restarted ${restarts} time${restarts === 1 ? "" : "s"}).`, { stage: "upload", ...details });
  }
}

/** The file reached a final status other than APPROVED. */
export class AttachedFileStatusError extends AttachmentError {
  constructor(
    /** `REJECTED` or `FAILED` (or a status this version does not know). */
    readonly status: string,
    details: Omit<AttachmentErrorDetails, "stage"> & { fileId: string },
  ) {
    super(status === "REJECTED" ? "FILE_REJECTED" : "FILE_FAILED", `The file ${details.fileId} was uploaded but its status is ${status}.`, { stage: "wait", ...details });
  }
}

/** `wait` ran out of time while the file was still being processed. The file is kept. */
export class WaitTimeoutError extends AttachmentError {
  constructor(
    readonly status: string,
    readonly waitedMs: number,
    details: Omit<AttachmentErrorDetails, "stage"> & { fileId: string },
  ) {
    super("WAIT_TIMEOUT", `The file ${details.fileId} is still ${status} after ${Math.round(waitedMs)} ms.`, { stage: "wait", ...details });
  }
}

/** The caller's `abortSignal` fired. The started file, if any, has been deleted (see `cleanedUp`). */
export class AttachmentAbortedError extends AttachmentError {
  constructor(stage: UploadStage, details: Omit<AttachmentErrorDetails, "stage"> = {}) {
    const orphan =
      details.orphanClientToken === undefined
        ? ""
        : ` The service may have created a file for ClientToken ${details.orphanClientToken}, which could not be looked up to delete it.`;
    super("ABORTED", `The upload was aborted during the ${stage} stage.${orphan}`, { stage, ...details });
  }
}

/**
 * A Connect API call failed (after the client's own retries). `cause` is the client's typed
 * exception, e.g. `ThrottlingException` or `AccessDeniedException`; `serviceCode` its name.
 */
export class AttachmentServiceError extends AttachmentError {
  readonly serviceCode: string;
  readonly httpStatusCode: number | undefined;

  constructor(
    /** The operation that failed, e.g. `StartAttachedFileUpload`. */
    readonly operation: string,
    cause: unknown,
    stage: UploadStage,
    details: Omit<AttachmentErrorDetails, "stage" | "cause"> = {},
  ) {
    const error = cause as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    super("SERVICE_ERROR", `${operation} failed: ${error?.name ?? "Error"}: ${error?.message ?? String(cause)}`, { stage, cause, ...details });
    this.serviceCode = error?.name ?? "Error";
    this.httpStatusCode = error?.$metadata?.httpStatusCode;
  }
}
