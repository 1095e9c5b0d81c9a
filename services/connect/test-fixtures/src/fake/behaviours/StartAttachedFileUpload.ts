// Hand-written (scaffolded once by sdkgen): how the fake answers StartAttachedFileUpload.
// The input has been routed, signature-checked and validated against the model before it gets here.
import type { StartAttachedFileUploadRequest, StartAttachedFileUploadResponse } from "@connect-sdk/types-connect";
import type { ConnectBehaviour } from "../../gen/fake/types.js";
import type { FileRecord } from "../state.js";

/** The upload URL's lifetime when the request does not set `UrlExpiryInSeconds`. */
const DEFAULT_URL_EXPIRY_SECONDS = 300;

/**
 * Creates a file record (PROCESSING) and a pre-signed upload on the fake S3 endpoint that takes
 * exactly `FileSizeInBytes` bytes with the returned headers until the URL expires. A repeated
 * `ClientToken` replays the first answer when the request is the same (even once the file is
 * deleted), and is refused (ResourceConflictException) when it is not.
 */
export const StartAttachedFileUpload: ConnectBehaviour<"StartAttachedFileUpload"> = (input, context) => {
  const { state } = context;
  const options = state.options;
  const fingerprint = fingerprintOf(input);
  if (input.ClientToken !== undefined) {
    const earlier = state.tokens.get(tokenKey(input.InstanceId, input.ClientToken));
    if (earlier) {
      if (earlier.fingerprint === fingerprint) return earlier.startResponse;
      throw context.error("ResourceConflictException", {
        Message: `ClientToken ${JSON.stringify(input.ClientToken)} was already used with different parameters (idempotent parameter mismatch).`,
      });
    }
  }
  if (options.maxFileSizeInBytes !== undefined && input.FileSizeInBytes > options.maxFileSizeInBytes) {
    throw context.error("InvalidRequestException", {
      Message: `The file is ${input.FileSizeInBytes} bytes; at most ${options.maxFileSizeInBytes} are accepted.`,
      Reason: { AttachedFileInvalidRequestExceptionReason: "INVALID_FILE_SIZE" },
    });
  }
  if (options.allowedExtensions && !options.allowedExtensions.some((ext) => input.FileName.toLowerCase().endsWith(ext.toLowerCase()))) {
    throw context.error("InvalidRequestException", {
      Message: `Files of this type are not accepted: ${input.FileName}`,
      Reason: { AttachedFileInvalidRequestExceptionReason: "INVALID_FILE_TYPE" },
    });
  }
  if (options.maxFilesPerResource !== undefined && state.filesOf(input.AssociatedResourceArn).length >= options.maxFilesPerResource) {
    throw context.error("ServiceQuotaExceededException", {
      Message: `The resource already has ${options.maxFilesPerResource} attached files.`,
      Reason: { AttachedFileServiceQuotaExceededExceptionReason: "TOTAL_FILE_COUNT_EXCEEDED" },
    });
  }

  const now = context.now();
  const fileId = state.nextFileId();
  const fileArn = state.fileArn(input.InstanceId, fileId);
  const expiresAt = new Date(now.getTime() + (input.UrlExpiryInSeconds ?? DEFAULT_URL_EXPIRY_SECONDS) * 1000);
  const upload = context.uploads.create({
    key: `${input.InstanceId}/${fileId}/${input.FileName}`,
    headers: { "content-type": contentTypeOf(input.FileName), "x-amz-meta-connect-file-id": fileId },
    size: input.FileSizeInBytes,
    expiresAt,
  });
  const createdBy = input.CreatedBy ?? { AWSIdentityArn: `arn:aws:iam::${context.accountId}:user/${context.callerAccessKeyId}` };
  const startResponse: StartAttachedFileUploadResponse = {
    FileArn: fileArn,
    FileId: fileId,
    CreationTime: now.toISOString(),
    FileStatus: "PROCESSING",
    CreatedBy: createdBy,
    UploadUrlMetadata: { Url: upload.url, UrlExpiry: expiresAt.toISOString(), HeadersToInclude: { ...upload.headers } },
  };
  const record: FileRecord = {
    fileId,
    fileArn,
    instanceId: input.InstanceId,
    associatedResourceArn: input.AssociatedResourceArn,
    fileName: input.FileName,
    fileSizeInBytes: input.FileSizeInBytes,
    fileUseCaseType: input.FileUseCaseType,
    createdBy,
    tags: input.Tags,
    creationTime: now,
    upload,
    startResponse,
    fingerprint,
  };
  state.files.set(fileId, record);
  if (input.ClientToken !== undefined) state.tokens.set(tokenKey(input.InstanceId, input.ClientToken), { fingerprint, startResponse });
  return startResponse;
};

function tokenKey(instanceId: string, token: string): string {
  return `${instanceId}\u0000${token}`;
}

/** The request without its ClientToken, keys sorted: equal fingerprints mean "the same request". */
function fingerprintOf(input: StartAttachedFileUploadRequest): string {
  const { ClientToken: _token, ...rest } = input;
  return JSON.stringify(rest, (_key, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : value,
  );
}

const CONTENT_TYPES: Record<string, string> = {
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  txt: "text/plain",
  csv: "text/csv",
  json: "application/json",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  wav: "audio/wav",
  mp4: "video/mp4",
  zip: "application/zip",
};

function contentTypeOf(fileName: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return (ext && CONTENT_TYPES[ext]) ?? "application/octet-stream";
}
