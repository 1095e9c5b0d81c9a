// Hand-written (scaffolded once by sdkgen): how the fake answers CreateCase.
// The input has been routed, signature-checked and validated against the model before it gets here.
import { randomUUID } from "node:crypto";
import type { CreateCaseRequest, FieldValueUnion } from "@connect-sdk/types-connectcases";
import type { ConnectCasesBehaviour } from "../../gen/fake/types.js";
import type { CaseRecord } from "../state.js";

/**
 * Creates a case in any domain (the fake has no domains or templates to check) with the given
 * fields, which GetCase returns. A field given twice is refused (ValidationException). A repeated
 * `clientToken` replays the first answer when the request is the same, and is refused
 * (ConflictException) when it is not.
 */
export const CreateCase: ConnectCasesBehaviour<"CreateCase"> = (input, context) => {
  const { state } = context;
  const fingerprint = fingerprintOf(input);
  const tokenKey = input.clientToken === undefined ? undefined : `${input.domainId}\u0000${input.clientToken}`;
  if (tokenKey !== undefined) {
    const earlier = state.tokens.get(tokenKey);
    if (earlier) {
      if (earlier.fingerprint === fingerprint) return earlier.response;
      throw context.error("ConflictException", { message: `clientToken ${JSON.stringify(input.clientToken)} was already used with different parameters.` });
    }
  }
  const fields = new Map<string, FieldValueUnion>();
  for (const field of input.fields) {
    if (fields.has(field.id)) throw context.error("ValidationException", { message: `The field ${JSON.stringify(field.id)} is given more than once.` });
    fields.set(field.id, field.value);
  }
  const caseId = randomUUID();
  const record: CaseRecord = {
    domainId: input.domainId,
    caseId,
    caseArn: state.caseArn(input.domainId, caseId),
    templateId: input.templateId,
    fields,
    tags: input.tags ? { ...input.tags } : undefined,
    performedBy: input.performedBy,
    creationTime: context.now(),
    relatedItems: new Map(),
  };
  state.cases.set(`${input.domainId}\u0000${caseId}`, record);
  const response = { caseId, caseArn: record.caseArn };
  if (tokenKey !== undefined) state.tokens.set(tokenKey, { fingerprint, response });
  return response;
};

/** The request without its clientToken, keys sorted: equal fingerprints mean "the same request". */
function fingerprintOf(input: CreateCaseRequest): string {
  const { clientToken: _token, ...rest } = input;
  return JSON.stringify(rest, (_key, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : value,
  );
}
