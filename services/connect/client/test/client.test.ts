import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { describe, expect, it } from "vitest";
import {
  AccessDeniedException,
  ConnectClient,
  type ConnectClientConfig,
  ConnectServiceException,
  Connect,
  InputValidationError,
  InternalServiceException,
  InvalidRequestException,
  ResourceConflictException,
  ServiceQuotaExceededException,
  StartAttachedFileUploadCommand,
  type StartAttachedFileUploadCommandInput,
  ThrottlingException,
} from "../src/index.js";
import { CapturingHandler, credentials, json, sampleInput } from "./capture.js";

const input = sampleInput;
const okBody = {
  FileArn: "arn:aws:connect:us-west-2:123456789012:instance/inst-1/file/f-1",
  FileId: "f-1",
  CreationTime: "2026-11-25T12:00:00Z",
  FileStatus: "PROCESSING",
  CreatedBy: { AWSIdentityArn: "arn:aws:iam::123456789012:role/uploader" },
  UploadUrlMetadata: { Url: "https://bucket.s3.amazonaws.com/f-1?sig", UrlExpiry: "2026-11-25T12:05:00Z", HeadersToInclude: { "x-amz-meta-a": "1" } },
};

function client(handler: CapturingHandler, config: Partial<ConnectClientConfig> = {}) {
  return new ConnectClient({
    region: "us-west-2",
    credentials,
    requestHandler: handler,
    retryStrategy: new ConfiguredRetryStrategy(3, 1),
    ...config,
  });
}

describe("StartAttachedFileUpload request", () => {
  it("sends PUT /attached-files/{InstanceId} with the query, JSON body and signed headers", async () => {
    const handler = new CapturingHandler(json(200, okBody));
    await client(handler).send(new StartAttachedFileUploadCommand({ ...input, ClientToken: "token-1" }));
    const req = handler.last;
    expect(req.method).toBe("PUT");
    expect(req.protocol).toBe("https:");
    expect(req.hostname).toBe("connect.us-west-2.amazonaws.com");
    expect(req.path).toBe("/attached-files/inst-1");
    expect(req.query).toEqual({ associatedResourceArn: input.AssociatedResourceArn });
    expect(handler.lastBody).toEqual({ ClientToken: "token-1", FileName: "report.pdf", FileSizeInBytes: 1024, FileUseCaseType: "ATTACHMENT" });
    expect(req.headers["content-type"]).toBe("application/json");
    expect(req.headers["content-length"]).toBe(String(Buffer.byteLength(String(req.body))));
    expect(req.headers.host).toBe("connect.us-west-2.amazonaws.com");
    expect(req.headers["x-amz-date"]).toMatch(/^\d{8}T\d{6}Z$/);
    expect(req.headers["x-amz-content-sha256"]).toMatch(/^[0-9a-f]{64}$/);
    expect(req.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-west-2\/connect\/aws4_request, SignedHeaders=[a-z0-9;-]*\bhost\b[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
    );
    expect(req.headers["x-amz-user-agent"]).toMatch(/^connect-sdk-client-connect\/\S+ api\/connect#2017-08-08 /);
  });

  it("percent-encodes the label and writes every optional member, omitting absent ones", async () => {
    const handler = new CapturingHandler(json(200, okBody));
    await client(handler).send(
      new StartAttachedFileUploadCommand({
        ...input,
        InstanceId: "a b/c?d#é",
        ClientToken: "t",
        UrlExpiryInSeconds: 60,
        CreatedBy: { ConnectUserArn: "arn:aws:connect:::agent/1" },
        Tags: { team: "billing", "cost:centre": "42" },
      }),
    );
    expect(handler.last.path).toBe("/attached-files/a%20b%2Fc%3Fd%23%C3%A9");
    expect(handler.lastBody).toEqual({
      ClientToken: "t",
      FileName: "report.pdf",
      FileSizeInBytes: 1024,
      UrlExpiryInSeconds: 60,
      FileUseCaseType: "ATTACHMENT",
      CreatedBy: { ConnectUserArn: "arn:aws:connect:::agent/1" },
      Tags: { team: "billing", "cost:centre": "42" },
    });
  });

  it("keeps a map key named __proto__ as data, both ways", async () => {
    const tags = JSON.parse('{"__proto__":"x","team":"a"}') as Record<string, string>;
    const handler = new CapturingHandler(json(200, { UploadUrlMetadata: { HeadersToInclude: JSON.parse('{"__proto__":"y"}') } }));
    const out = await client(handler).send(new StartAttachedFileUploadCommand({ ...input, ClientToken: "t", Tags: tags }));
    expect(String(handler.last.body)).toContain('"Tags":{"__proto__":"x","team":"a"}');
    expect(Object.getPrototypeOf(out.UploadUrlMetadata!.HeadersToInclude)).toBe(Object.prototype);
    expect(Object.entries(out.UploadUrlMetadata!.HeadersToInclude!)).toEqual([["__proto__", "y"]]);
  });

  it("fills ClientToken with a UUIDv4 when absent", async () => {
    const handler = new CapturingHandler(json(200, okBody));
    await client(handler).send(new StartAttachedFileUploadCommand(input));
    expect((handler.lastBody as { ClientToken: string }).ClientToken).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it.each([
    ["InstanceId", { InstanceId: undefined }, "URI"],
    ["AssociatedResourceArn", { AssociatedResourceArn: undefined }, "query string"],
  ])("fails before any network call when %s is missing", async (member, patch, where) => {
    const handler = new CapturingHandler(json(200, okBody));
    const error = await client(handler)
      .send(new StartAttachedFileUploadCommand({ ...input, ...patch } as unknown as StartAttachedFileUploadCommandInput))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputValidationError);
    expect((error as InputValidationError).member).toBe(member);
    expect((error as Error).message).toContain(`'${member}'`);
    expect((error as Error).message).toContain(where);
    expect(handler.requests).toHaveLength(0);
  });

  it("rejects an empty label before any network call", async () => {
    const handler = new CapturingHandler(json(200, okBody));
    await expect(client(handler).send(new StartAttachedFileUploadCommand({ ...input, InstanceId: "" }))).rejects.toThrow(InputValidationError);
    expect(handler.requests).toHaveLength(0);
  });
});

describe("StartAttachedFileUpload response", () => {
  it("parses the output, the union and $metadata", async () => {
    const handler = new CapturingHandler(json(200, okBody, { "x-amzn-requestid": "req-123" }));
    const out = await client(handler).send(new StartAttachedFileUploadCommand(input));
    expect(out).toEqual({
      $metadata: { httpStatusCode: 200, requestId: "req-123", extendedRequestId: undefined, cfId: undefined, attempts: 1, totalRetryDelay: 0 },
      ...okBody,
    });
  });

  it("keeps an unknown union member as $unknown and passes unknown enum values through", async () => {
    const handler = new CapturingHandler(json(200, { ...okBody, FileStatus: "QUARANTINED", CreatedBy: { RobotArn: "arn:robot" } }));
    const out = await client(handler).send(new StartAttachedFileUploadCommand(input));
    expect(out.CreatedBy).toEqual({ $unknown: ["RobotArn", "arn:robot"] });
    expect(out.FileStatus).toBe("QUARANTINED");
  });

  it("ignores members the model does not know", async () => {
    const handler = new CapturingHandler(json(200, { FileId: "f-1", SomethingNew: 1 }));
    const out = await client(handler).send(new StartAttachedFileUploadCommand(input));
    expect(out).toEqual({ $metadata: expect.any(Object), FileId: "f-1" });
  });

  it("works through the aggregated client", async () => {
    const handler = new CapturingHandler(json(200, okBody));
    const connect = new Connect({ region: "eu-west-2", credentials, requestHandler: handler });
    const out = await connect.startAttachedFileUpload(input);
    expect(out.FileId).toBe("f-1");
    expect(handler.last.hostname).toBe("connect.eu-west-2.amazonaws.com");
  });
});

describe("retries", () => {
  it("retries throttling twice, then succeeds: 3 attempts with one ClientToken", async () => {
    const throttle = json(429, { message: "Rate exceeded" }, { "x-amzn-errortype": "ThrottlingException" });
    const handler = new CapturingHandler(throttle, throttle, json(200, okBody));
    const out = await new ConnectClient({ region: "us-west-2", credentials, requestHandler: handler }).send(new StartAttachedFileUploadCommand(input));
    expect(out.$metadata.attempts).toBe(3);
    expect(out.$metadata.totalRetryDelay).toBeGreaterThan(0);
    expect(handler.requests).toHaveLength(3);
    const tokens = handler.requests.map((r) => JSON.parse(String(r.body)).ClientToken);
    expect(new Set(tokens).size).toBe(1);
    expect(handler.requests.map((r) => r.headers["amz-sdk-request"])).toEqual(["attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3"]);
    expect(new Set(handler.requests.map((r) => r.headers["amz-sdk-invocation-id"])).size).toBe(1);
  });

  it("gives up after maxAttempts with the last error and its attempt count", async () => {
    const handler = new CapturingHandler(json(500, { message: "boom" }, { "x-amzn-errortype": "InternalServiceException" }));
    const error = await client(handler, { retryStrategy: new ConfiguredRetryStrategy(4, 1) })
      .send(new StartAttachedFileUploadCommand(input))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServiceException);
    expect((error as InternalServiceException).$metadata.attempts).toBe(4);
    expect(handler.requests).toHaveLength(4);
  });

  it("does not retry a client error", async () => {
    const handler = new CapturingHandler(json(403, { Message: "no" }, { "x-amzn-errortype": "AccessDeniedException" }));
    await expect(client(handler).send(new StartAttachedFileUploadCommand(input))).rejects.toBeInstanceOf(AccessDeniedException);
    expect(handler.requests).toHaveLength(1);
  });

  it("retries a network error", async () => {
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    const handler = new CapturingHandler(reset, json(200, okBody));
    const out = await client(handler).send(new StartAttachedFileUploadCommand(input));
    expect(out.$metadata.attempts).toBe(2);
  });

  it("corrects a skewed clock from the response's Date header and retries at once, signed with the server's time", async () => {
    const serverNow = Date.now() + 60 * 60_000;
    const stale = json(403, { message: "Signature expired" }, { "x-amzn-errortype": "InvalidSignatureException", date: new Date(serverNow).toUTCString() });
    const handler = new CapturingHandler(stale, json(200, okBody));
    const c = client(handler);
    const out = await c.send(new StartAttachedFileUploadCommand(input));
    expect(out.$metadata.attempts).toBe(2);
    expect(Math.abs(c.config.systemClockOffset - 60 * 60_000)).toBeLessThan(5_000);
    const signedAt = handler.requests.map((r) => Date.parse(r.headers["x-amz-date"]!.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z")));
    expect(Math.abs(signedAt[0]! - Date.now())).toBeLessThan(60_000);
    expect(Math.abs(signedAt[1]! - serverNow)).toBeLessThan(60_000);
  });

  it("does not retry a 403 whose Date header is within the signature's tolerance", async () => {
    const denied = json(403, { message: "bad signature" }, { "x-amzn-errortype": "InvalidSignatureException", date: new Date().toUTCString() });
    const handler = new CapturingHandler(denied, json(200, okBody));
    const c = client(handler);
    const error = (await c.send(new StartAttachedFileUploadCommand(input)).catch((e: unknown) => e)) as ConnectServiceException;
    expect(error.name).toBe("InvalidSignatureException");
    expect(error.$metadata.attempts).toBe(1);
    expect(c.config.systemClockOffset).toBe(0);
  });

  it("honours maxAttempts from the config", async () => {
    const handler = new CapturingHandler(json(503, {}, { "x-amzn-errortype": "InternalServiceException" }));
    await expect(
      new ConnectClient({ region: "us-west-2", credentials, requestHandler: handler, maxAttempts: 1 }).send(new StartAttachedFileUploadCommand(input)),
    ).rejects.toBeInstanceOf(InternalServiceException);
    expect(handler.requests).toHaveLength(1);
  });
});

describe("errors", () => {
  const cases: [string, number, Record<string, string>, unknown, new (...a: never[]) => ConnectServiceException, "client" | "server"][] = [
    ["header code", 403, { "x-amzn-errortype": "AccessDeniedException" }, { Message: "denied" }, AccessDeniedException, "client"],
    ["header code with a :suffix", 409, { "x-amzn-errortype": "ResourceConflictException:http://internal.amazon.com/coral/" }, { Message: "m" }, ResourceConflictException, "client"],
    ["body __type with a namespace", 500, {}, { __type: "com.amazonaws.connect#InternalServiceException", Message: "m" }, InternalServiceException, "server"],
    ["body code", 429, {}, { code: "ThrottlingException", message: "slow" }, ThrottlingException, "client"],
  ];

  it.each(cases)("resolves the modelled error from the %s", async (_how, status, headers, body, type, fault) => {
    const handler = new CapturingHandler(json(status, body, { "x-amzn-requestid": "r-1", ...headers }));
    const error = (await client(handler, { maxAttempts: 1, retryStrategy: undefined })
      .send(new StartAttachedFileUploadCommand(input))
      .catch((e: unknown) => e)) as ConnectServiceException;
    expect(error).toBeInstanceOf(type);
    expect(error).toBeInstanceOf(ConnectServiceException);
    expect(error.name).toBe(type.name);
    expect(error.$fault).toBe(fault);
    expect(error.$metadata).toMatchObject({ httpStatusCode: status, requestId: "r-1", attempts: 1 });
    expect(error.message).toBe((body as { Message?: string; message?: string }).Message ?? (body as { message?: string }).message);
  });

  it("parses the members of InvalidRequestException, including its Reason union", async () => {
    const handler = new CapturingHandler(
      json(400, { Message: "bad size", Reason: { AttachedFileInvalidRequestExceptionReason: "INVALID_FILE_SIZE" } }, { "x-amzn-errortype": "InvalidRequestException" }),
    );
    const error = (await client(handler).send(new StartAttachedFileUploadCommand(input)).catch((e: unknown) => e)) as InvalidRequestException;
    expect(error).toBeInstanceOf(InvalidRequestException);
    expect(error.Message).toBe("bad size");
    expect(error.Reason).toEqual({ AttachedFileInvalidRequestExceptionReason: "INVALID_FILE_SIZE" });
    expect(error.$fault).toBe("client");
  });

  it("parses ServiceQuotaExceededException (HTTP 402) with its reason", async () => {
    const handler = new CapturingHandler(
      json(402, { Message: "full", Reason: { AttachedFileServiceQuotaExceededExceptionReason: "TOTAL_FILE_COUNT_EXCEEDED" } }, { "x-amzn-errortype": "ServiceQuotaExceededException" }),
    );
    const error = (await client(handler).send(new StartAttachedFileUploadCommand(input)).catch((e: unknown) => e)) as ServiceQuotaExceededException;
    expect(error).toBeInstanceOf(ServiceQuotaExceededException);
    expect(error.Reason).toEqual({ AttachedFileServiceQuotaExceededExceptionReason: "TOTAL_FILE_COUNT_EXCEEDED" });
  });

  it("marks ThrottlingException as retryable throttling through the retry classifier", async () => {
    const handler = new CapturingHandler(json(429, { Message: "slow" }, { "x-amzn-errortype": "ThrottlingException" }));
    const error = (await client(handler, { retryStrategy: new ConfiguredRetryStrategy(2, 1) })
      .send(new StartAttachedFileUploadCommand(input))
      .catch((e: unknown) => e)) as ThrottlingException;
    expect(error).toBeInstanceOf(ThrottlingException);
    expect(error.$metadata.attempts).toBe(2);
  });

  const raw: [string, number, Record<string, string>, string, string][] = [
    ["an unmodelled error code", 400, { "x-amzn-errortype": "BrandNewException" }, '{"message":"new"}', "BrandNewException"],
    ["an HTML 5xx page", 502, { "content-type": "text/html" }, "<html><body><h1>502 Bad Gateway</h1></body></html>", "UnknownServerError"],
    ["an empty body", 500, {}, "", "UnknownServerError"],
    ["malformed JSON", 400, { "content-type": "application/json" }, '{"message": "trunc', "UnknownError"],
  ];

  it.each(raw)("turns %s into a typed service error keeping status and raw body", async (_what, status, headers, body, name) => {
    const handler = new CapturingHandler({ statusCode: status, headers, body });
    const error = (await client(handler, { retryStrategy: new ConfiguredRetryStrategy(1, 1) })
      .send(new StartAttachedFileUploadCommand(input))
      .catch((e: unknown) => e)) as ConnectServiceException;
    expect(error).toBeInstanceOf(ConnectServiceException);
    expect(error).not.toBeInstanceOf(SyntaxError);
    expect(error.name).toBe(name);
    expect(error.$fault).toBe(status >= 500 ? "server" : "client");
    expect(error.$metadata.httpStatusCode).toBe(status);
    expect(error.$response?.statusCode).toBe(status);
    expect(error.$response?.body).toBe(body);
  });

  it("turns a malformed 200 body into a typed error keeping the raw body", async () => {
    const handler = new CapturingHandler({ statusCode: 200, headers: { "content-type": "application/json" }, body: "{oops" });
    const error = (await client(handler).send(new StartAttachedFileUploadCommand(input)).catch((e: unknown) => e)) as ConnectServiceException;
    expect(error).toBeInstanceOf(ConnectServiceException);
    expect(error.name).toBe("DeserializationError");
    expect(error.$metadata.httpStatusCode).toBe(200);
    expect(error.$response?.body).toBe("{oops");
  });
});

describe("endpoints and config", () => {
  it("resolves FIPS and dual-stack endpoints from the model's rules", async () => {
    const handler = new CapturingHandler(json(200, okBody));
    await client(handler, { useFipsEndpoint: true }).send(new StartAttachedFileUploadCommand(input));
    expect(handler.last.hostname).toBe("connect-fips.us-west-2.amazonaws.com");
    await client(handler, { useDualstackEndpoint: true, region: "eu-central-1" }).send(new StartAttachedFileUploadCommand(input));
    expect(handler.last.hostname).toBe("connect.eu-central-1.api.aws");
  });

  it("sends to a custom endpoint, keeping its base path and port, still signing for the region", async () => {
    const handler = new CapturingHandler(json(200, okBody));
    await client(handler, { endpoint: "http://127.0.0.1:4566/base" }).send(new StartAttachedFileUploadCommand(input));
    expect(handler.last.protocol).toBe("http:");
    expect(handler.last.hostname).toBe("127.0.0.1");
    expect(handler.last.port).toBe(4566);
    expect(handler.last.path).toBe("/base/attached-files/inst-1");
    expect(handler.last.headers.host).toBe("127.0.0.1:4566");
    expect(handler.last.headers.authorization).toContain("/us-west-2/connect/aws4_request");
  });

  it("rejects FIPS with a custom endpoint, as the rules say", async () => {
    const handler = new CapturingHandler(json(200, okBody));
    await expect(client(handler, { endpoint: "https://x.test", useFipsEndpoint: true }).send(new StartAttachedFileUploadCommand(input))).rejects.toThrow(
      "Invalid Configuration: FIPS and custom endpoint are not supported",
    );
    expect(handler.requests).toHaveLength(0);
  });

  it("appends a custom user agent", async () => {
    const handler = new CapturingHandler(json(200, okBody));
    await client(handler, { customUserAgent: [["my-app", "2.0"]] }).send(new StartAttachedFileUploadCommand(input));
    expect(handler.last.headers["x-amz-user-agent"]).toMatch(/ my-app\/2\.0$/);
  });

  it("calls a credential provider lazily and caches its answer", async () => {
    let calls = 0;
    const provider = async () => {
      calls++;
      return credentials;
    };
    const handler = new CapturingHandler(json(200, okBody));
    const c = client(handler, { credentials: provider });
    expect(calls).toBe(0);
    await c.send(new StartAttachedFileUploadCommand(input));
    await c.send(new StartAttachedFileUploadCommand(input));
    expect(calls).toBe(1);
  });

  it("logs each call with the input and output", async () => {
    const records: unknown[] = [];
    const logger = { trace() {}, debug() {}, info: (r: unknown) => records.push(r), warn() {}, error: (r: unknown) => records.push(r) };
    const handler = new CapturingHandler(json(200, okBody));
    await client(handler, { logger }).send(new StartAttachedFileUploadCommand(input));
    expect(records).toEqual([
      expect.objectContaining({ clientName: "ConnectClient", commandName: "StartAttachedFileUploadCommand", input, output: expect.objectContaining({ FileId: "f-1" }) }),
    ]);
  });
});
