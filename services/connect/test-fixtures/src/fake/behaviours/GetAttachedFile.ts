// Hand-written (scaffolded once by sdkgen): how the fake answers GetAttachedFile.
import type { ConnectBehaviour } from "../../gen/fake/types.js";

const DEFAULT_URL_EXPIRY_SECONDS = 300;

/** The file's metadata and status; an APPROVED file also gets a pre-signed download URL on the fake S3 endpoint. */
export const GetAttachedFile: ConnectBehaviour<"GetAttachedFile"> = (input, context) => {
  const { state } = context;
  const file = state.find(input.InstanceId, input.FileId, input.AssociatedResourceArn);
  if (!file) throw context.error("ResourceNotFoundException", { Message: `No attached file ${input.FileId} on ${input.AssociatedResourceArn}.` });
  const status = state.statusOf(file);
  const expiresAt = new Date(context.now().getTime() + (input.UrlExpiryInSeconds ?? DEFAULT_URL_EXPIRY_SECONDS) * 1000);
  return {
    FileArn: file.fileArn,
    FileId: file.fileId,
    CreationTime: file.creationTime.toISOString(),
    FileStatus: status,
    FileName: file.fileName,
    FileSizeInBytes: file.fileSizeInBytes,
    AssociatedResourceArn: file.associatedResourceArn,
    FileUseCaseType: file.fileUseCaseType,
    CreatedBy: file.createdBy,
    ...(status === "APPROVED" ? { DownloadUrlMetadata: { Url: context.uploads.presignDownload(file.upload, expiresAt), UrlExpiry: expiresAt.toISOString() } } : {}),
    ...(file.tags ? { Tags: file.tags } : {}),
  };
};
