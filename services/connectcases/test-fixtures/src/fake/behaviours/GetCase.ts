// Hand-written (scaffolded once by sdkgen): how the fake answers GetCase.
// The input has been routed, signature-checked and validated against the model before it gets here.
import type { FieldValue } from "@connect-sdk/types-connectcases";
import type { ConnectCasesBehaviour } from "../../gen/fake/types.js";

/**
 * The values of the requested fields, in the order asked for; a field the case has no value for
 * is left out, as the service does. All fields come in one page (the request asks for at most
 * 220), so a `nextToken` can only be one the fake never gave out (ValidationException).
 */
export const GetCase: ConnectCasesBehaviour<"GetCase"> = (input, context) => {
  if (input.nextToken !== undefined) throw context.error("ValidationException", { message: "The nextToken is not valid." });
  const record = context.state.findCase(input.domainId, input.caseId);
  if (!record) throw context.error("ResourceNotFoundException", { message: `No case ${input.caseId} in domain ${input.domainId}.`, resourceId: input.caseId, resourceType: "Case" });
  const fields: FieldValue[] = [];
  const seen = new Set<string>();
  for (const { id } of input.fields) {
    const value = record.fields.get(id);
    if (value === undefined || seen.has(id)) continue;
    seen.add(id);
    fields.push({ id, value });
  }
  return { fields, templateId: record.templateId, ...(record.tags ? { tags: { ...record.tags } } : {}) };
};
