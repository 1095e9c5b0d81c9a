/**
 * `attachFileToCase`: what the attached-file API is for. The file is uploaded with the case as its
 * associated resource and waited for until APPROVED, then related to the case with Cases'
 * CreateRelatedItem. A failure after the upload deletes the file again, so that no file is left
 * attached to a case without the case showing it.
 */
import { DeleteAttachedFileCommand } from "@connect-sdk/client-connect";
import { type ConnectCasesClient, CreateRelatedItemCommand, type UserUnion } from "@connect-sdk/client-connectcases";
import { AttachmentAbortedError, AttachmentError, AttachmentServiceError, InvalidAttachmentArgumentError } from "./errors.js";
import { type UploadAttachedFileOptions, type UploadAttachedFileResult, uploadAttachedFile, type WaitOptions } from "./upload.js";

/** Anything that sends the Cases client's commands: a `ConnectCasesClient`, or a wrapper around one. */
export type CasesClient = Pick<ConnectCasesClient, "send">;

export interface AttachFileToCaseOptions extends Omit<UploadAttachedFileOptions, "associatedResourceArn" | "wait"> {
  /** The Cases client that calls CreateRelatedItem. */
  casesClient: CasesClient;
  /**
   * The case: `arn:aws:cases:<region>:<account>:domain/<domainId>/case/<caseId>` (CreateCase's
   * `caseArn`). The file is uploaded with it as its associated resource, and the domain and case ids
   * for CreateRelatedItem are read from it.
   */
  caseArn: string;
  /** How long to wait for APPROVED (only an APPROVED file can be related to a case); default as `uploadAttachedFile`'s `wait: true`. */
  wait?: WaitOptions | undefined;
  /** Who is recorded as having added the related item. */
  performedBy?: UserUnion | undefined;
}

export interface AttachFileToCaseResult {
  /** The upload, as `uploadAttachedFile` returns it; `status` is `APPROVED`. */
  file: UploadAttachedFileResult;
  /** The case's new related item of type `File`. */
  relatedItem: { relatedItemId: string; relatedItemArn: string };
  domainId: string;
  caseId: string;
}

export interface CaseArnParts {
  partition: string;
  region: string;
  accountId: string;
  domainId: string;
  caseId: string;
}

const CASE_ARN = /^arn:(aws(?:-[a-z]+)*):cases:([a-z0-9-]+):(\d{12}):domain\/([^/]{1,500})\/case\/([^/]{1,500})$/;

/** The parts of a case ARN, or `undefined` when the text is not one. */
export function parseCaseArn(caseArn: string): CaseArnParts | undefined {
  const match = typeof caseArn === "string" ? CASE_ARN.exec(caseArn) : null;
  if (!match) return undefined;
  const [, partition, region, accountId, domainId, caseId] = match as unknown as [string, string, string, string, string, string];
  return { partition, region, accountId, domainId, caseId };
}

/**
 * Uploads a file and attaches it to a Connect case: `uploadAttachedFile` (start, PUT, complete,
 * wait for APPROVED) with the case as the associated resource, then CreateRelatedItem of type
 * `File` with the file's ARN. Every failure is an {@link AttachmentError}; when it happens after
 * the file was started — a REJECTED or FAILED file, a wait that ran out, CreateRelatedItem
 * refused, an abort — the file is deleted again (`cleanedUp` says whether that worked).
 *
 * @example
 * ```ts
 * import { attachFileToCase } from "@connect-sdk/attachments";
 * import { ConnectClient } from "@connect-sdk/client-connect";
 * import { ConnectCasesClient } from "@connect-sdk/client-connectcases";
 *
 * const { file, relatedItem } = await attachFileToCase({
 *   client: new ConnectClient({ region: "us-west-2" }),
 *   casesClient: new ConnectCasesClient({ region: "us-west-2" }),
 *   instanceId: "a1b2c3d4-…",
 *   caseArn: "arn:aws:cases:us-west-2:123456789012:domain/…/case/…",
 *   file: "./invoice.pdf",
 * });
 * ```
 */
export async function attachFileToCase(options: AttachFileToCaseOptions): Promise<AttachFileToCaseResult> {
  const { client, casesClient, instanceId, caseArn, abortSignal: signal } = options;
  if (!casesClient) throw new InvalidAttachmentArgumentError("`casesClient` is required.");
  const parts = parseCaseArn(caseArn);
  if (!parts) {
    const shown = typeof caseArn === "string" ? JSON.stringify(caseArn.length > 80 ? `${caseArn.slice(0, 80)}…` : caseArn) : String(caseArn);
    throw new InvalidAttachmentArgumentError(`\`caseArn\` must be a case ARN, arn:aws:cases:<region>:<account>:domain/<domainId>/case/<caseId>; got ${shown}.`);
  }
  const { casesClient: _cases, caseArn: _arn, performedBy, wait, ...uploadOptions } = options;

  /** Deletes the uploaded file; `true` when it is gone (already gone counts). */
  const deleteFile = async (fileId: string): Promise<boolean> => {
    try {
      // No abort signal: the caller's may have fired, and this call is the cleanup.
      await client.send(new DeleteAttachedFileCommand({ InstanceId: instanceId, FileId: fileId, AssociatedResourceArn: caseArn }));
      return true;
    } catch (error) {
      return (error as { name?: string }).name === "ResourceNotFoundException";
    }
  };

  let file: UploadAttachedFileResult;
  try {
    file = await uploadAttachedFile({ ...uploadOptions, associatedResourceArn: caseArn, wait: wait ?? true });
  } catch (error) {
    // uploadAttachedFile keeps a completed file whose status is not APPROVED (or not yet): useful
    // on its own, but here it could never be related to the case, so it goes.
    if (error instanceof AttachmentError && error.fileId && error.cleanedUp === undefined) error.cleanedUp = await deleteFile(error.fileId);
    throw error;
  }

  const ref = { fileId: file.fileId, fileArn: file.fileArn };
  try {
    if (signal?.aborted) throw new AttachmentAbortedError("relate", ref);
    options.onProgress?.({ event: "stage", stage: "relate", bytesSent: file.fileSizeInBytes, totalBytes: file.fileSizeInBytes, attempt: file.attempts.put, fileId: file.fileId });
    let output;
    try {
      output = await casesClient.send(
        new CreateRelatedItemCommand({
          domainId: parts.domainId,
          caseId: parts.caseId,
          type: "File",
          content: { file: { fileArn: file.fileArn } },
          ...(performedBy ? { performedBy } : {}),
        }),
        { abortSignal: signal },
      );
    } catch (error) {
      if (signal?.aborted) throw new AttachmentAbortedError("relate", { ...ref, cause: error });
      throw new AttachmentServiceError("CreateRelatedItem", error, "relate", ref);
    }
    return {
      file,
      relatedItem: { relatedItemId: output.relatedItemId, relatedItemArn: output.relatedItemArn },
      domainId: parts.domainId,
      caseId: parts.caseId,
    };
  } catch (thrown) {
    // Anything else (e.g. an exception thrown by `onProgress`) is wrapped, and cleaned up all the same.
    const error = thrown instanceof AttachmentError ? thrown : new AttachmentError("UNEXPECTED", (thrown as Error)?.message ?? String(thrown), { stage: "relate", ...ref, cause: thrown });
    error.fileId ??= file.fileId;
    error.fileArn ??= file.fileArn;
    error.cleanedUp = await deleteFile(file.fileId);
    throw error;
  }
}
