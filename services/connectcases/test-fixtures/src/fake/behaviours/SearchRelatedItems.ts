// Hand-written (scaffolded once by sdkgen): how the fake answers SearchRelatedItems.
// The input has been routed, signature-checked and validated against the model before it gets here.
import type { CustomFieldsFilter, FieldFilter, FieldValue, FieldValueUnion, RelatedItemTypeFilter, SearchRelatedItemsResponseItem } from "@connect-sdk/types-connectcases";
import type { ConnectCasesBehaviour } from "../../gen/fake/types.js";
import type { RelatedItemRecord } from "../state.js";

const DEFAULT_PAGE_SIZE = 25;

/**
 * The case's related items in the order they were added, those matching any of the filters (all
 * without filters), in pages of `maxResults` (25 by default). A file item whose file Connect no
 * longer has (with the state's `files` directory) is left out: deleting the file removes the item.
 */
export const SearchRelatedItems: ConnectCasesBehaviour<"SearchRelatedItems"> = (input, context) => {
  const { state } = context;
  const record = state.findCase(input.domainId, input.caseId);
  if (!record) throw context.error("ResourceNotFoundException", { message: `No case ${input.caseId} in domain ${input.domainId}.`, resourceId: input.caseId, resourceType: "Case" });
  const start = input.nextToken === undefined ? 0 : /^\d{1,9}$/.test(input.nextToken) ? Number(input.nextToken) : Number.NaN;
  if (Number.isNaN(start)) throw context.error("ValidationException", { message: "The nextToken is not valid." });
  const files = state.options.files;
  const matching = [...record.relatedItems.values()].filter((item) => {
    if (files && "file" in item.content && item.content.file && !files.lookupFile(item.content.file.fileArn)) return false;
    return !input.filters?.length || input.filters.some((filter) => matches(item, filter));
  });
  const size = input.maxResults ?? DEFAULT_PAGE_SIZE;
  const page = matching.slice(start, start + size);
  const end = start + page.length;
  return {
    relatedItems: page.map(toResponseItem),
    ...(end < matching.length ? { nextToken: String(end) } : {}),
  };
};

function toResponseItem(item: RelatedItemRecord): SearchRelatedItemsResponseItem {
  return {
    relatedItemId: item.relatedItemId,
    type: item.type,
    associationTime: item.associationTime,
    content: item.content,
    ...(item.performedBy ? { performedBy: item.performedBy } : {}),
  };
}

function matches(item: RelatedItemRecord, filter: RelatedItemTypeFilter): boolean {
  const content = item.content as Record<string, any>;
  const f = filter as Record<string, any>;
  if (f.contact) return !!content.contact && (!f.contact.contactArn || f.contact.contactArn === content.contact.contactArn) && (!f.contact.channel?.length || f.contact.channel.includes(content.contact.channel));
  if (f.comment) return !!content.comment;
  if (f.file) return !!content.file && (!f.file.fileArn || f.file.fileArn === content.file.fileArn);
  if (f.sla) {
    const sla = content.sla?.slaConfiguration;
    return !!sla && (!f.sla.name || f.sla.name === sla.name) && (!f.sla.status || f.sla.status === sla.status);
  }
  if (f.connectCase) return !!content.connectCase && (!f.connectCase.caseId || f.connectCase.caseId === content.connectCase.caseId);
  if (f.custom) return !!content.custom && (!f.custom.fields || matchesFields(content.custom.fields as FieldValue[], f.custom.fields));
  return false;
}

function matchesFields(fields: FieldValue[], filter: CustomFieldsFilter): boolean {
  const f = filter as Record<string, any>;
  if (f.not) return !matchesFields(fields, f.not);
  if (f.andAll) return (f.andAll as CustomFieldsFilter[]).every((sub) => matchesFields(fields, sub));
  if (f.orAll) return (f.orAll as CustomFieldsFilter[]).some((sub) => matchesFields(fields, sub));
  if (f.field) return matchesField(fields, f.field as FieldFilter);
  return false;
}

/** One comparison: the field with the filter's id against the filter's value. */
function matchesField(fields: FieldValue[], filter: FieldFilter): boolean {
  const [op, target] = Object.entries(filter).find(([key, value]) => key !== "$unknown" && value !== undefined) as [string, FieldValue];
  const field = fields.find((candidate) => candidate.id === target.id);
  if (!field) return false;
  const a = scalar(field.value);
  const b = scalar(target.value);
  if (a === undefined || b === undefined) return false;
  switch (op) {
    case "equalTo":
      return a === b;
    case "contains":
      return typeof a === "string" && typeof b === "string" && a.includes(b);
    case "greaterThan":
      return a > b;
    case "greaterThanOrEqualTo":
      return a >= b;
    case "lessThan":
      return a < b;
    case "lessThanOrEqualTo":
      return a <= b;
    default:
      return false;
  }
}

function scalar(value: FieldValueUnion): string | number | boolean | undefined {
  const v = value as unknown as Record<string, unknown>;
  for (const key of ["stringValue", "doubleValue", "booleanValue", "userArnValue"]) {
    if (v[key] !== undefined) return v[key] as string | number | boolean;
  }
  return undefined;
}
