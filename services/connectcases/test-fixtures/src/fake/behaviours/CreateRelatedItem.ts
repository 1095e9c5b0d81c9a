// Hand-written (scaffolded once by sdkgen): how the fake answers CreateRelatedItem.
// The input has been routed, signature-checked and validated against the model before it gets here.
import { randomUUID } from "node:crypto";
import type { RelatedItemContent, RelatedItemInputContent } from "@connect-sdk/types-connectcases";
import type { ConnectCasesBehaviour } from "../../gen/fake/types.js";
import type { RelatedItemRecord } from "../state.js";

/** The content member each item type must set. */
const MEMBER_OF_TYPE: Record<string, string> = {
  Contact: "contact",
  Comment: "comment",
  File: "file",
  Sla: "sla",
  ConnectCase: "connectCase",
  Custom: "custom",
};

/** An Amazon Connect attached file's ARN: `arn:<partition>:connect:<region>:<account>:instance/<id>/file/<id>`. */
const FILE_ARN = /^arn:aws(?:-[a-z]+)*:connect:[a-z0-9-]+:\d{12}:instance\/[^/]+\/file\/[^/]+$/;

/**
 * Adds a related item to an existing case (ResourceNotFoundException otherwise). `type` must agree
 * with the member set in `content` (ValidationException).
 *
 * A file item is checked the way the service is assumed to check it (the documentation does not
 * spell it out): the ARN must be a Connect file ARN (ValidationException); with the state's `files`
 * directory (the fake Connect service), a file Connect does not know is refused with
 * ResourceNotFoundException (resourceType `File`), and one that is not APPROVED, or is attached to
 * another case, with ValidationException.
 */
export const CreateRelatedItem: ConnectCasesBehaviour<"CreateRelatedItem"> = (input, context) => {
  const { state } = context;
  const record = state.findCase(input.domainId, input.caseId);
  if (!record) throw context.error("ResourceNotFoundException", { message: `No case ${input.caseId} in domain ${input.domainId}.`, resourceId: input.caseId, resourceType: "Case" });
  const member = Object.keys(input.content).find((key) => key !== "$unknown" && (input.content as unknown as Record<string, unknown>)[key] !== undefined);
  if (member === undefined || MEMBER_OF_TYPE[input.type] !== member) {
    throw context.error("ValidationException", { message: `A related item of type ${input.type} needs content.${MEMBER_OF_TYPE[input.type] ?? "?"}, got content.${member ?? "(none)"}.` });
  }
  const limit = state.options.maxRelatedItemsPerCase;
  if (limit !== undefined && record.relatedItems.size >= limit) {
    throw context.error("ServiceQuotaExceededException", { message: `The case already has ${limit} related items.` });
  }

  const content = input.content as RelatedItemInputContent & Record<string, unknown>;
  let stored: RelatedItemContent;
  if (content.file) {
    const { fileArn } = content.file;
    if (!FILE_ARN.test(fileArn)) throw context.error("ValidationException", { message: `${JSON.stringify(fileArn)} is not the ARN of an Amazon Connect file.` });
    const directory = state.options.files;
    if (directory) {
      const file = directory.lookupFile(fileArn);
      if (!file) throw context.error("ResourceNotFoundException", { message: `No file ${fileArn}.`, resourceId: fileArn, resourceType: "File" });
      if (file.status !== "APPROVED") throw context.error("ValidationException", { message: `The file ${fileArn} is ${file.status}; only APPROVED files can be related to a case.` });
      if (file.associatedResourceArn !== record.caseArn) {
        throw context.error("ValidationException", { message: `The file ${fileArn} is attached to ${file.associatedResourceArn}, not to this case.` });
      }
    }
    stored = { file: { fileArn } };
  } else if (content.contact) {
    // The service reads the channel and connection time from the contact record; the fake has none.
    stored = { contact: { contactArn: content.contact.contactArn, channel: "VOICE", connectedToSystemTime: context.now() } };
  } else if (content.comment) {
    stored = { comment: { ...content.comment } };
  } else if (content.connectCase) {
    const other = content.connectCase.caseId;
    if (!state.findCase(input.domainId, other)) throw context.error("ResourceNotFoundException", { message: `No case ${other} in domain ${input.domainId}.`, resourceId: other, resourceType: "Case" });
    stored = { connectCase: { caseId: other } };
  } else if (content.sla) {
    const sla = content.sla.slaInputConfiguration;
    if (!sla) throw context.error("ValidationException", { message: "content.sla needs slaInputConfiguration." });
    stored = {
      sla: {
        slaConfiguration: {
          name: sla.name,
          type: sla.type,
          status: "Active",
          ...(sla.fieldId !== undefined ? { fieldId: sla.fieldId } : {}),
          ...(sla.targetFieldValues ? { targetFieldValues: sla.targetFieldValues } : {}),
          targetTime: new Date(context.now().getTime() + Number(sla.targetSlaMinutes) * 60_000),
        },
      },
    };
  } else {
    stored = { custom: { fields: content.custom!.fields } };
  }

  const relatedItemId = randomUUID();
  const item: RelatedItemRecord = {
    relatedItemId,
    relatedItemArn: state.relatedItemArn(record, relatedItemId),
    type: input.type,
    content: stored,
    associationTime: context.now(),
    performedBy: input.performedBy,
  };
  record.relatedItems.set(relatedItemId, item);
  return { relatedItemId, relatedItemArn: item.relatedItemArn };
};
