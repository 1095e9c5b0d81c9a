// attachFileToCase against the fake Connect service and the fake Cases service, wired to each
// other as the real ones are: Cases asks Connect about the file it is to relate.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectClient } from "@connect-sdk/client-connect";
import { ConnectCasesClient, CreateCaseCommand, SearchRelatedItemsCommand } from "@connect-sdk/client-connectcases";
import { type FakeConnect, startFakeConnect } from "@connect-sdk/test-fixtures-connect";
import { type FakeConnectCases, startFakeConnectCases } from "@connect-sdk/test-fixtures-connectcases";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  AttachedFileStatusError,
  AttachmentAbortedError,
  AttachmentServiceError,
  attachFileToCase,
  InvalidAttachmentArgumentError,
  parseCaseArn,
  type UploadProgress,
  WaitTimeoutError,
} from "../src/index.js";
import { bytes, INSTANCE_ID } from "./helpers.js";

const DOMAIN = "d-attach";

let connect: FakeConnect;
let cases: FakeConnectCases;
let client: ConnectClient;
let casesClient: ConnectCasesClient;
let dir: string;
let caseArn: string;
let caseId: string;

beforeAll(async () => {
  connect = await startFakeConnect({ processingDelayMs: 50 });
  cases = await startFakeConnectCases({ files: connect.state });
  client = new ConnectClient({ ...connect.clientConfig, maxAttempts: 1 });
  casesClient = new ConnectCasesClient({ ...cases.clientConfig, maxAttempts: 1 });
  dir = await mkdtemp(join(tmpdir(), "attach-case-test-"));
});
afterAll(async () => {
  client.destroy();
  casesClient.destroy();
  await connect.close({ removeFiles: true });
  await cases.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  ({ caseArn, caseId } = await casesClient.send(new CreateCaseCommand({ domainId: DOMAIN, templateId: "tpl", fields: [{ id: "title", value: { stringValue: "Refund" } }] })));
  connect.faults.clear();
  cases.faults.clear();
});

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

const relatedItems = async () => (await casesClient.send(new SearchRelatedItemsCommand({ domainId: DOMAIN, caseId }))).relatedItems;
const filesOfCase = () => connect.state.filesOf(caseArn);
const wait = { minDelayMs: 20, maxDelayMs: 100 };

describe("attachFileToCase", () => {
  it("uploads the file, waits for APPROVED and relates it to the case", async () => {
    const stages: string[] = [];
    const result = await attachFileToCase({
      client,
      casesClient,
      instanceId: INSTANCE_ID,
      caseArn,
      file: await file("invoice.pdf", bytes(100_000)),
      wait,
      onProgress: (p: UploadProgress) => p.event === "stage" && stages.push(p.stage),
    });
    expect(result.file).toMatchObject({ status: "APPROVED", fileName: "invoice.pdf", fileSizeInBytes: 100_000 });
    expect(result).toMatchObject({ domainId: DOMAIN, caseId });
    expect(result.relatedItem.relatedItemArn).toBe(`${caseArn}/related-item/${result.relatedItem.relatedItemId}`);
    expect(stages).toEqual(["start", "upload", "complete", "wait", "relate"]);
    const items = await relatedItems();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ relatedItemId: result.relatedItem.relatedItemId, type: "File", content: { file: { fileArn: result.file.fileArn } } });
    // The file was uploaded with the case as its associated resource.
    expect(filesOfCase().map((f) => f.fileArn)).toEqual([result.file.fileArn]);
    // CreateRelatedItem named the case from the ARN.
    expect(cases.calls.filter((c) => c.operation === "CreateRelatedItem").at(-1)!.path).toBe(`/domains/${DOMAIN}/cases/${caseId}/related-items/`);
  });

  it("a REJECTED file gets no related item and is deleted", async () => {
    const error = await attachFileToCase({ client, casesClient, instanceId: INSTANCE_ID, caseArn, file: await file("malware.exe", "MZ"), wait }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AttachedFileStatusError);
    expect(error).toMatchObject({ status: "REJECTED", stage: "wait", cleanedUp: true });
    expect(await relatedItems()).toEqual([]);
    expect(filesOfCase()).toEqual([]);
    expect(cases.calls.filter((c) => c.operation === "CreateRelatedItem" && c.path.includes(caseId))).toEqual([]);
  });

  it("a file still processing when the wait runs out is deleted", async () => {
    const slow = await startFakeConnect({ processingDelayMs: 600_000 });
    const slowClient = new ConnectClient({ ...slow.clientConfig, maxAttempts: 1 });
    try {
      const error = await attachFileToCase({ client: slowClient, casesClient, instanceId: INSTANCE_ID, caseArn, file: await file("slow.txt", "hello"), wait: { timeoutMs: 100, minDelayMs: 20 } }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(WaitTimeoutError);
      expect(error).toMatchObject({ cleanedUp: true });
      expect(slow.state.filesOf(caseArn)).toEqual([]);
    } finally {
      slowClient.destroy();
      await slow.close({ removeFiles: true });
    }
  });

  it("a CreateRelatedItem failure deletes the uploaded file", async () => {
    cases.faults.serverError({ operation: "CreateRelatedItem" });
    const error = await attachFileToCase({ client, casesClient, instanceId: INSTANCE_ID, caseArn, file: await file("a.txt", "hello"), wait }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AttachmentServiceError);
    expect(error).toMatchObject({ operation: "CreateRelatedItem", stage: "relate", cleanedUp: true, fileId: expect.any(String) });
    expect(filesOfCase()).toEqual([]);
    expect(await relatedItems()).toEqual([]);
  });

  it("a case the Cases service does not know: ResourceNotFoundException, file deleted", async () => {
    const missing = `arn:aws:cases:us-west-2:123456789012:domain/${DOMAIN}/case/no-such-case`;
    const error = await attachFileToCase({ client, casesClient, instanceId: INSTANCE_ID, caseArn: missing, file: await file("b.txt", "hello"), wait }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AttachmentServiceError);
    expect(error).toMatchObject({ serviceCode: "ResourceNotFoundException", httpStatusCode: 404, cleanedUp: true });
    expect(connect.state.filesOf(missing)).toEqual([]);
  });

  it("an abort during CreateRelatedItem deletes the file", async () => {
    cases.faults.delay(60_000, { operation: "CreateRelatedItem" });
    const controller = new AbortController();
    const error = await attachFileToCase({
      client,
      casesClient,
      instanceId: INSTANCE_ID,
      caseArn,
      file: await file("c.txt", "hello"),
      wait,
      abortSignal: controller.signal,
      onProgress: (p) => {
        if (p.stage === "relate") setTimeout(() => controller.abort(), 50);
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AttachmentAbortedError);
    expect(error).toMatchObject({ stage: "relate", cleanedUp: true });
    expect(filesOfCase()).toEqual([]);
  });

  it.each([
    ["not an ARN", "case-1"],
    ["a Connect ARN", "arn:aws:connect:us-west-2:123456789012:instance/i/file/f"],
    ["no case id", "arn:aws:cases:us-west-2:123456789012:domain/d/case/"],
    ["a related item's ARN", "arn:aws:cases:us-west-2:123456789012:domain/d/case/c/related-item/r"],
  ])("refuses %s as the case before any call", async (_what, bad) => {
    const before = connect.calls.length + cases.calls.length;
    const error = await attachFileToCase({ client, casesClient, instanceId: INSTANCE_ID, caseArn: bad, file: await file("d.txt", "hello") }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidAttachmentArgumentError);
    expect((error as Error).message).toContain("case ARN");
    expect(connect.calls.length + cases.calls.length).toBe(before);
  });
});

describe("parseCaseArn", () => {
  it("reads the parts of a case ARN in any partition", () => {
    expect(parseCaseArn("arn:aws-us-gov:cases:us-gov-west-1:123456789012:domain/dom/case/cas")).toEqual({
      partition: "aws-us-gov",
      region: "us-gov-west-1",
      accountId: "123456789012",
      domainId: "dom",
      caseId: "cas",
    });
    expect(parseCaseArn("arn:aws:cases:us-west-2:12345:domain/d/case/c")).toBeUndefined();
  });
});
