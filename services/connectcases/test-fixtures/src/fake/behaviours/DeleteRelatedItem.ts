// Hand-written (scaffolded once by sdkgen): how the fake answers DeleteRelatedItem.
// The input has been routed, signature-checked and validated against the model before it gets here.
import type { ConnectCasesBehaviour } from "../../gen/fake/types.js";

/**
 * Removes a related item. A file item cannot be removed this way (ValidationException), as the
 * model says: the file is deleted with Connect's DeleteAttachedFile, and its item goes with it.
 */
export const DeleteRelatedItem: ConnectCasesBehaviour<"DeleteRelatedItem"> = (input, context) => {
  const record = context.state.findCase(input.domainId, input.caseId);
  if (!record) throw context.error("ResourceNotFoundException", { message: `No case ${input.caseId} in domain ${input.domainId}.`, resourceId: input.caseId, resourceType: "Case" });
  const item = record.relatedItems.get(input.relatedItemId);
  if (!item) {
    throw context.error("ResourceNotFoundException", { message: `No related item ${input.relatedItemId} on case ${input.caseId}.`, resourceId: input.relatedItemId, resourceType: "RelatedItem" });
  }
  if (item.type === "File") throw context.error("ValidationException", { message: "File related items cannot be deleted with DeleteRelatedItem; delete the file with DeleteAttachedFile." });
  record.relatedItems.delete(input.relatedItemId);
  return {};
};
