// Hand-written (scaffolded once by sdkgen): how the fake answers BatchGetAttachedFileMetadata.
import type { AttachedFile, AttachedFileError } from "@connect-sdk/types-connect";
import type { ConnectBehaviour } from "../../gen/fake/types.js";

/** The metadata of each file found; an error entry for each id that is not. */
export const BatchGetAttachedFileMetadata: ConnectBehaviour<"BatchGetAttachedFileMetadata"> = (input, context) => {
  const { state } = context;
  const files: AttachedFile[] = [];
  const errors: AttachedFileError[] = [];
  for (const fileId of input.FileIds) {
    const file = state.find(input.InstanceId, fileId, input.AssociatedResourceArn);
    if (!file) {
      errors.push({ FileId: fileId, ErrorCode: "ResourceNotFoundException", ErrorMessage: `No attached file ${fileId} on ${input.AssociatedResourceArn}.` });
      continue;
    }
    files.push({
      CreationTime: file.creationTime.toISOString(),
      FileArn: file.fileArn,
      FileId: file.fileId,
      FileName: file.fileName,
      FileSizeInBytes: file.fileSizeInBytes,
      FileStatus: state.statusOf(file),
      CreatedBy: file.createdBy,
      FileUseCaseType: file.fileUseCaseType,
      AssociatedResourceArn: file.associatedResourceArn,
      ...(file.tags ? { Tags: file.tags } : {}),
    });
  }
  return { Files: files, Errors: errors };
};
