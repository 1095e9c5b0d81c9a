// The mock request handler under the generated client: scripted answers, retries, recording.
import {
  ConnectClient,
  ConnectServiceException,
  GetAttachedFileCommand,
  InvalidRequestException,
  StartAttachedFileUploadCommand,
  ThrottlingException,
} from "@connect-sdk/client-connect";
import { MockConnectHandler, examples } from "@connect-sdk/test-fixtures-connect";
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { describe, expect, it } from "vitest";
import { FILE_INPUT } from "./helpers.js";

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };

function clientWith(mock: MockConnectHandler, maxAttempts = 4) {
  return new ConnectClient({ region: "us-west-2", credentials, requestHandler: mock, retryStrategy: new ConfiguredRetryStrategy(maxAttempts, () => 1) });
}

const output = examples.StartAttachedFileUpload.output;

describe("MockConnectHandler", () => {
  it("answers with a scripted output, parsed by the client as from the service", async () => {
    const mock = new MockConnectHandler();
    mock.on("StartAttachedFileUpload").resolves({ ...output, FileId: "scripted-file" });
    const result = await clientWith(mock).send(new StartAttachedFileUploadCommand({ ...FILE_INPUT }));
    expect(result.FileId).toBe("scripted-file");
    expect(result.UploadUrlMetadata).toEqual(output.UploadUrlMetadata);
    expect(result.$metadata.httpStatusCode).toBe(200);
  });

  it("records every request: operation, method, path, query, headers and parsed body", async () => {
    const mock = new MockConnectHandler();
    await clientWith(mock).send(new StartAttachedFileUploadCommand({ ...FILE_INPUT, ClientToken: "token-1", Tags: { team: "billing" } }));
    expect(mock.requests).toHaveLength(1);
    const [request] = mock.requests;
    expect(request).toMatchObject({
      operation: "StartAttachedFileUpload",
      method: "PUT",
      path: `/attached-files/${FILE_INPUT.InstanceId}`,
      query: { associatedResourceArn: FILE_INPUT.AssociatedResourceArn },
      body: { ClientToken: "token-1", FileName: "invoice.pdf", FileSizeInBytes: 11, FileUseCaseType: "ATTACHMENT", Tags: { team: "billing" } },
    });
    expect(request!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-west-2\/connect\/aws4_request, SignedHeaders=[^,]*host/);
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(request!.input).toEqual({ ...FILE_INPUT, ClientToken: "token-1", Tags: { team: "billing" } });
  });

  it("throttles N times, then succeeds (the client retries; every attempt is recorded)", async () => {
    const mock = new MockConnectHandler();
    mock.on("StartAttachedFileUpload").throttles(2).resolves(output);
    const result = await clientWith(mock).send(new StartAttachedFileUploadCommand({ ...FILE_INPUT }));
    expect(result.$metadata.attempts).toBe(3);
    expect(mock.requestsFor("StartAttachedFileUpload")).toHaveLength(3);
    expect(new Set(mock.requests.map((r) => (r.body as { ClientToken: string }).ClientToken)).size).toBe(1);
  });

  it("keeps throttling when that is its last step: the client gives up with ThrottlingException", async () => {
    const mock = new MockConnectHandler();
    mock.on("StartAttachedFileUpload").throttles(1);
    const error = await clientWith(mock, 3).send(new StartAttachedFileUploadCommand({ ...FILE_INPUT })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottlingException);
    expect(mock.requests).toHaveLength(3);
  });

  it("answers with a modelled error, typed by the client with its members", async () => {
    const mock = new MockConnectHandler();
    mock.on("StartAttachedFileUpload").rejects("InvalidRequestException", { Message: "bad file", Reason: { AttachedFileInvalidRequestExceptionReason: "INVALID_FILE_TYPE" } });
    const error = await clientWith(mock).send(new StartAttachedFileUploadCommand({ ...FILE_INPUT })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestException);
    expect((error as InvalidRequestException).message).toBe("bad file");
    expect((error as InvalidRequestException).Reason).toEqual({ AttachedFileInvalidRequestExceptionReason: "INVALID_FILE_TYPE" });
    expect((error as InvalidRequestException).$metadata.httpStatusCode).toBe(400);
  });

  it("fails with network errors, which the client retries", async () => {
    const mock = new MockConnectHandler();
    mock.on("StartAttachedFileUpload").failsWithNetworkError(2).resolves(output);
    const result = await clientWith(mock).send(new StartAttachedFileUploadCommand({ ...FILE_INPUT }));
    expect(result.$metadata.attempts).toBe(3);
  });

  it("delays an answer", async () => {
    const mock = new MockConnectHandler();
    mock.on("StartAttachedFileUpload").delays(200).resolves(output);
    const t0 = Date.now();
    await clientWith(mock).send(new StartAttachedFileUploadCommand({ ...FILE_INPUT }));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
  });

  it("answers unscripted operations with their example output, or refuses them when told to", async () => {
    const mock = new MockConnectHandler();
    const got = await clientWith(mock).send(new GetAttachedFileCommand({ InstanceId: "i", FileId: "f", AssociatedResourceArn: "a" }));
    expect(got.FileName).toBe(examples.GetAttachedFile.output.FileName);
    const strict = new MockConnectHandler({ defaults: false });
    await expect(clientWith(strict, 1).send(new GetAttachedFileCommand({ InstanceId: "i", FileId: "f", AssociatedResourceArn: "a" }))).rejects.toThrow(/no script for GetAttachedFile/);
  });

  it("replays every example error response into the matching typed error", async () => {
    for (const [code, response] of Object.entries(examples.StartAttachedFileUpload.errors)) {
      const mock = new MockConnectHandler();
      mock.on("StartAttachedFileUpload").respondsWith(() => response);
      const error = (await clientWith(mock, 1).send(new StartAttachedFileUploadCommand({ ...FILE_INPUT })).catch((e: unknown) => e)) as ConnectServiceException;
      expect(error).toBeInstanceOf(ConnectServiceException);
      expect(error.name).toBe(code);
      expect(error.$metadata.httpStatusCode).toBe(response.statusCode);
      expect(error.message).toBe(`An example ${code} message.`);
    }
  });
});
