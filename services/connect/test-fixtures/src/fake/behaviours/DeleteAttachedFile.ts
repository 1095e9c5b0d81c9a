// Hand-written (scaffolded once by sdkgen): how the fake answers DeleteAttachedFile.
import type { ConnectBehaviour } from "../../gen/fake/types.js";

/** Forgets the file and deletes its bytes. */
export const DeleteAttachedFile: ConnectBehaviour<"DeleteAttachedFile"> = async (input, context) => {
  const file = context.state.find(input.InstanceId, input.FileId, input.AssociatedResourceArn);
  if (!file) throw context.error("ResourceNotFoundException", { Message: `No attached file ${input.FileId} on ${input.AssociatedResourceArn}.` });
  await context.state.remove(file);
  return {};
};
