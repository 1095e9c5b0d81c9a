// @connect-sdk/attachments: attach files to Amazon Connect cases and emails in one call.
export {
  uploadAttachedFile,
  type AttachmentsClient,
  type RetryOptions,
  type UploadAttachedFileOptions,
  type UploadAttachedFileResult,
  type UploadProgress,
  type UploadTimings,
  type WaitOptions,
} from "./upload.js";
export type { AttachmentInput } from "./source.js";
export { attachFileToCase, parseCaseArn, type AttachFileToCaseOptions, type AttachFileToCaseResult, type CaseArnParts, type CasesClient } from "./case.js";
export {
  AttachedFileStatusError,
  AttachmentAbortedError,
  AttachmentError,
  AttachmentServiceError,
  FileSizeMismatchError,
  InvalidAttachmentArgumentError,
  UploadFailedError,
  UploadUrlExpiredError,
  WaitTimeoutError,
  type AttachmentErrorCode,
  type AttachmentErrorDetails,
  type UploadStage,
} from "./errors.js";
