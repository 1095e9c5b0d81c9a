// Hand-written (scaffolded once by sdkgen): how the fake answers CompleteAttachedFileUpload.
import type { ConnectBehaviour } from "../../gen/fake/types.js";

/**
 * Confirms an upload: the bytes must be on the fake S3 endpoint. The file then stays PROCESSING for
 * the state's `processingDelayMs` and ends APPROVED, REJECTED (by the scan rule) or FAILED (an
 * injected fault). Completing twice is harmless.
 */
export const CompleteAttachedFileUpload: ConnectBehaviour<"CompleteAttachedFileUpload"> = (input, context) => {
  const file = context.state.find(input.InstanceId, input.FileId, input.AssociatedResourceArn);
  if (!file) throw context.error("ResourceNotFoundException", { Message: `No attached file ${input.FileId} on ${input.AssociatedResourceArn}.` });
  if (!file.upload.path) {
    throw context.error("InvalidRequestException", { Message: `The content of file ${input.FileId} has not been uploaded.` });
  }
  context.state.complete(file);
  return {};
};
