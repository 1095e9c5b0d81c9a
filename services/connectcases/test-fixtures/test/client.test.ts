// The second service end to end in memory: the generated Cases client over the generated mock
// handler, with the generated examples as inputs and outputs.
import {
  ConnectCasesClient,
  CreateCaseCommand,
  CreateRelatedItemCommand,
  GetCaseCommand,
  ResourceNotFoundException,
} from "@connect-sdk/client-connectcases";
import { MockConnectCasesHandler, examples } from "@connect-sdk/test-fixtures-connectcases";
import { describe, expect, it } from "vitest";

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
const client = (mock: MockConnectCasesHandler) => new ConnectCasesClient({ region: "us-west-2", credentials, requestHandler: mock, maxAttempts: 1 });

describe("the Connect Cases client over MockConnectCasesHandler", () => {
  it("CreateCase sends a signed POST for the cases service and parses the scripted output", async () => {
    const mock = new MockConnectCasesHandler();
    mock.on("CreateCase").resolves({ caseId: "case-1", caseArn: "arn:aws:cases:us-west-2:123456789012:domain/d/case/case-1" });
    const result = await client(mock).send(new CreateCaseCommand({ ...examples.CreateCase.minimalInput, clientToken: "token-1" }));
    expect(result).toMatchObject({ caseId: "case-1", caseArn: "arn:aws:cases:us-west-2:123456789012:domain/d/case/case-1" });
    const [request] = mock.requests;
    expect(request).toMatchObject({ operation: "CreateCase", method: "POST", path: `/domains/${examples.CreateCase.minimalInput.domainId}/cases` });
    // SigV4 with the model's signing name, which is not the endpoint prefix's "connect".
    expect(request!.headers.authorization).toMatch(/Credential=AKIDEXAMPLE\/\d{8}\/us-west-2\/cases\/aws4_request/);
  });

  it("GetCase and CreateRelatedItem round-trip the generated examples", async () => {
    const mock = new MockConnectCasesHandler();
    mock.on("GetCase").resolves(examples.GetCase.output);
    mock.on("CreateRelatedItem").resolves(examples.CreateRelatedItem.output);
    const got = await client(mock).send(new GetCaseCommand(examples.GetCase.minimalInput));
    expect(got.fields).toEqual(examples.GetCase.output.fields);
    const related = await client(mock).send(new CreateRelatedItemCommand(examples.CreateRelatedItem.maximalInput));
    expect(related.relatedItemId).toBe(examples.CreateRelatedItem.output.relatedItemId);
    expect(mock.requestsFor("CreateRelatedItem")[0]!.input).toEqual(examples.CreateRelatedItem.maximalInput);
  });

  it("a modelled error arrives as its typed exception", async () => {
    const mock = new MockConnectCasesHandler();
    mock.on("GetCase").rejects("ResourceNotFoundException", { message: "no such case", resourceId: "case-1", resourceType: "Case" });
    const error = await client(mock).send(new GetCaseCommand(examples.GetCase.minimalInput)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error).toMatchObject({ message: "no such case", resourceId: "case-1", resourceType: "Case" });
  });
});
