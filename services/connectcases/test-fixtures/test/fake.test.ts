// The fake Cases service's behaviours over HTTP, through the generated client: cases, fields,
// related items, and the file check against the fake Connect service.
import {
  ConnectCasesClient,
  ConflictException,
  CreateCaseCommand,
  CreateRelatedItemCommand,
  DeleteRelatedItemCommand,
  GetCaseCommand,
  ResourceNotFoundException,
  SearchRelatedItemsCommand,
  ServiceQuotaExceededException,
  ValidationException,
} from "@connect-sdk/client-connectcases";
import type { FieldValue } from "@connect-sdk/types-connectcases";
import { type AttachedFileDirectory, type FakeConnectCases, startFakeConnectCases } from "@connect-sdk/test-fixtures-connectcases";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

const DOMAIN = "d-0001";
const FILE_ARN = "arn:aws:connect:us-west-2:123456789012:instance/i-1/file/f-1";

/** A directory of attached files the tests set by hand, standing in for the fake Connect service. */
const files = new Map<string, { status: string; associatedResourceArn: string }>();
const directory: AttachedFileDirectory = { lookupFile: (arn) => files.get(arn) };

let fake: FakeConnectCases;
let client: ConnectCasesClient;
beforeAll(async () => {
  fake = await startFakeConnectCases({ files: directory, maxRelatedItemsPerCase: 5 });
  client = new ConnectCasesClient({ ...fake.clientConfig, maxAttempts: 1 });
});
afterAll(async () => {
  client.destroy();
  await fake.close();
});
afterEach(() => files.clear());

async function newCase(fields: FieldValue[] = [{ id: "title", value: { stringValue: "Broken invoice" } }]) {
  return client.send(new CreateCaseCommand({ domainId: DOMAIN, templateId: "tpl-1", fields }));
}

describe("CreateCase and GetCase", () => {
  it("stores the fields and returns the requested ones in the order asked, leaving out unset ones", async () => {
    const created = await newCase([
      { id: "title", value: { stringValue: "Broken invoice" } },
      { id: "priority", value: { doubleValue: 2 } },
      { id: "urgent", value: { booleanValue: true } },
    ]);
    expect(created.caseArn).toBe(`arn:aws:cases:us-west-2:123456789012:domain/${DOMAIN}/case/${created.caseId}`);
    const got = await client.send(new GetCaseCommand({ domainId: DOMAIN, caseId: created.caseId, fields: [{ id: "urgent" }, { id: "title" }, { id: "missing" }] }));
    expect(got.templateId).toBe("tpl-1");
    expect(got.fields).toEqual([
      { id: "urgent", value: { booleanValue: true } },
      { id: "title", value: { stringValue: "Broken invoice" } },
    ]);
  });

  it("keeps hostile field ids and tag keys such as __proto__ as plain data", async () => {
    const tags = JSON.parse('{"__proto__":"polluted","constructor":"x"}') as Record<string, string>;
    const created = await client.send(
      new CreateCaseCommand({ domainId: DOMAIN, templateId: "tpl-1", fields: [{ id: "__proto__", value: { stringValue: "p" } }, { id: "constructor", value: { stringValue: "c" } }], tags }),
    );
    const got = await client.send(new GetCaseCommand({ domainId: DOMAIN, caseId: created.caseId, fields: [{ id: "__proto__" }, { id: "constructor" }, { id: "toString" }] }));
    expect(got.fields).toEqual([
      { id: "__proto__", value: { stringValue: "p" } },
      { id: "constructor", value: { stringValue: "c" } },
    ]);
    expect(Object.getPrototypeOf(got.tags)).not.toHaveProperty("polluted");
    expect(Object.entries(got.tags ?? {})).toEqual(expect.arrayContaining([["__proto__", "polluted"], ["constructor", "x"]]));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("replays a repeated clientToken and refuses it with different parameters", async () => {
    const input = { domainId: DOMAIN, templateId: "tpl-1", fields: [{ id: "title", value: { stringValue: "x" } }], clientToken: "token-1" };
    const first = await client.send(new CreateCaseCommand(input));
    const again = await client.send(new CreateCaseCommand(input));
    expect(again.caseId).toBe(first.caseId);
    await expect(client.send(new CreateCaseCommand({ ...input, templateId: "tpl-2" }))).rejects.toBeInstanceOf(ConflictException);
  });

  it("refuses a field given twice, and answers ResourceNotFoundException for an unknown case", async () => {
    const twice = [
      { id: "title", value: { stringValue: "a" } },
      { id: "title", value: { stringValue: "b" } },
    ];
    await expect(newCase(twice)).rejects.toBeInstanceOf(ValidationException);
    const error = await client.send(new GetCaseCommand({ domainId: DOMAIN, caseId: "nope", fields: [{ id: "title" }] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error).toMatchObject({ resourceId: "nope", resourceType: "Case" });
  });
});

describe("related items", () => {
  it("creates, searches (with filters and pages) and deletes related items", async () => {
    const { caseId, caseArn } = await newCase();
    const comment = await client.send(new CreateRelatedItemCommand({ domainId: DOMAIN, caseId, type: "Comment", content: { comment: { body: "Called the customer", contentType: "Text/Plain" } } }));
    expect(comment.relatedItemArn).toBe(`${caseArn}/related-item/${comment.relatedItemId}`);
    files.set(FILE_ARN, { status: "APPROVED", associatedResourceArn: caseArn });
    const file = await client.send(new CreateRelatedItemCommand({ domainId: DOMAIN, caseId, type: "File", content: { file: { fileArn: FILE_ARN } } }));

    const all = await client.send(new SearchRelatedItemsCommand({ domainId: DOMAIN, caseId }));
    expect(all.relatedItems.map((item) => item?.relatedItemId)).toEqual([comment.relatedItemId, file.relatedItemId]);
    expect(all.relatedItems[1]).toMatchObject({ type: "File", content: { file: { fileArn: FILE_ARN } } });
    expect(all.relatedItems[1]!.associationTime).toBeInstanceOf(Date);

    const onlyFiles = await client.send(new SearchRelatedItemsCommand({ domainId: DOMAIN, caseId, filters: [{ file: { fileArn: FILE_ARN } }] }));
    expect(onlyFiles.relatedItems.map((item) => item?.relatedItemId)).toEqual([file.relatedItemId]);

    const page1 = await client.send(new SearchRelatedItemsCommand({ domainId: DOMAIN, caseId, maxResults: 1 }));
    expect(page1.relatedItems).toHaveLength(1);
    const page2 = await client.send(new SearchRelatedItemsCommand({ domainId: DOMAIN, caseId, maxResults: 1, nextToken: page1.nextToken }));
    expect(page2.relatedItems[0]?.relatedItemId).toBe(file.relatedItemId);
    expect(page2.nextToken).toBeUndefined();

    await client.send(new DeleteRelatedItemCommand({ domainId: DOMAIN, caseId, relatedItemId: comment.relatedItemId }));
    // A file item goes with its file (DeleteAttachedFile), not with DeleteRelatedItem.
    await expect(client.send(new DeleteRelatedItemCommand({ domainId: DOMAIN, caseId, relatedItemId: file.relatedItemId }))).rejects.toBeInstanceOf(ValidationException);
    files.delete(FILE_ARN);
    expect((await client.send(new SearchRelatedItemsCommand({ domainId: DOMAIN, caseId }))).relatedItems).toEqual([]);
    await expect(client.send(new DeleteRelatedItemCommand({ domainId: DOMAIN, caseId, relatedItemId: comment.relatedItemId }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it("matches custom items by their fields", async () => {
    const { caseId } = await newCase();
    const custom = (n: number) => client.send(new CreateRelatedItemCommand({ domainId: DOMAIN, caseId, type: "Custom", content: { custom: { fields: [{ id: "amount", value: { doubleValue: n } }] } } }));
    await custom(5);
    const big = await custom(50);
    const found = await client.send(
      new SearchRelatedItemsCommand({ domainId: DOMAIN, caseId, filters: [{ custom: { fields: { field: { greaterThan: { id: "amount", value: { doubleValue: 10 } } } } } }] }),
    );
    expect(found.relatedItems.map((item) => item?.relatedItemId)).toEqual([big.relatedItemId]);
  });

  it("refuses a type that does not agree with the content, an unknown case, and items past the quota", async () => {
    const { caseId } = await newCase();
    await expect(client.send(new CreateRelatedItemCommand({ domainId: DOMAIN, caseId, type: "File", content: { comment: { body: "x", contentType: "Text/Plain" } } }))).rejects.toBeInstanceOf(
      ValidationException,
    );
    await expect(client.send(new CreateRelatedItemCommand({ domainId: DOMAIN, caseId: "nope", type: "Comment", content: { comment: { body: "x", contentType: "Text/Plain" } } }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    for (let i = 0; i < 5; i++) await client.send(new CreateRelatedItemCommand({ domainId: DOMAIN, caseId, type: "Comment", content: { comment: { body: `c${i}`, contentType: "Text/Plain" } } }));
    await expect(client.send(new CreateRelatedItemCommand({ domainId: DOMAIN, caseId, type: "Comment", content: { comment: { body: "one too many", contentType: "Text/Plain" } } }))).rejects.toBeInstanceOf(
      ServiceQuotaExceededException,
    );
  });
});

describe("file items and the Connect service's files", () => {
  const relate = (caseId: string, fileArn = FILE_ARN) => client.send(new CreateRelatedItemCommand({ domainId: DOMAIN, caseId, type: "File", content: { file: { fileArn } } }));

  it("refuses a file Connect does not know with ResourceNotFoundException (resourceType File)", async () => {
    const { caseId } = await newCase();
    const error = await relate(caseId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error).toMatchObject({ resourceId: FILE_ARN, resourceType: "File", $metadata: { httpStatusCode: 404 } });
  });

  it.each(["PROCESSING", "REJECTED", "FAILED"])("refuses a %s file with ValidationException (400)", async (status) => {
    const { caseId, caseArn } = await newCase();
    files.set(FILE_ARN, { status, associatedResourceArn: caseArn });
    const error = await relate(caseId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationException);
    expect(error).toMatchObject({ message: expect.stringContaining(status), $metadata: { httpStatusCode: 400 } });
    expect((await client.send(new SearchRelatedItemsCommand({ domainId: DOMAIN, caseId }))).relatedItems).toEqual([]);
  });

  it("refuses a file attached to another case, and an ARN that is not a Connect file's", async () => {
    const { caseId } = await newCase();
    const other = await newCase();
    files.set(FILE_ARN, { status: "APPROVED", associatedResourceArn: other.caseArn });
    await expect(relate(caseId)).rejects.toBeInstanceOf(ValidationException);
    await expect(relate(caseId, "arn:aws:s3:::bucket/key")).rejects.toBeInstanceOf(ValidationException);
  });

  it("without a file directory, accepts any Connect file ARN", async () => {
    const alone = await startFakeConnectCases();
    const aloneClient = new ConnectCasesClient({ ...alone.clientConfig, maxAttempts: 1 });
    try {
      const { caseId } = await aloneClient.send(new CreateCaseCommand({ domainId: DOMAIN, templateId: "t", fields: [] }));
      const item = await aloneClient.send(new CreateRelatedItemCommand({ domainId: DOMAIN, caseId, type: "File", content: { file: { fileArn: FILE_ARN } } }));
      expect(item.relatedItemId).toBeTruthy();
    } finally {
      aloneClient.destroy();
      await alone.close();
    }
  });

  it("addCase makes a case with a known id, as tools seeding the fake need", async () => {
    const record = fake.state.addCase(DOMAIN, "seeded-case");
    expect(record.caseArn).toBe(`arn:aws:cases:us-west-2:123456789012:domain/${DOMAIN}/case/seeded-case`);
    expect(fake.state.addCase(DOMAIN, "seeded-case")).toBe(record);
    const got = await client.send(new GetCaseCommand({ domainId: DOMAIN, caseId: "seeded-case", fields: [{ id: "title" }] }));
    expect(got.fields).toEqual([]);
  });
});
