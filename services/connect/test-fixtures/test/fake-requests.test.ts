// The fake service's generated half, over real HTTP on 127.0.0.1: SigV4 verification, routing,
// and validation of every generated invalid input; every generated example input gets through.
import { createRequire } from "node:module";
import { ConnectClient, ConnectServiceException, StartAttachedFileUploadCommand } from "@connect-sdk/client-connect";
import { type FakeConnect, examples, schema, startFakeConnect } from "@connect-sdk/test-fixtures-connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FILE_INPUT, reports } from "./helpers.js";

let fake: FakeConnect;
beforeAll(async () => {
  fake = await startFakeConnect();
});
afterAll(() => fake.close({ removeFiles: true }));

describe("the package under test", () => {
  it("is the built public entry, as a consumer gets it", () => {
    const resolved = createRequire(__filename).resolve("@connect-sdk/test-fixtures-connect");
    expect(resolved).toMatch(/services\/connect\/test-fixtures\/dist\/index\.js$/);
  });
});

describe("SigV4", () => {
  const start = () => ({ ...FILE_INPUT, ClientToken: `sig-${Math.random()}` });

  it("accepts a request signed with the test credentials", async () => {
    const reply = await fake.sendRaw("StartAttachedFileUpload", start());
    expect(reply.statusCode).toBe(200);
    expect(reply.json.FileStatus).toBe("PROCESSING");
  });

  it("rejects an unsigned request", async () => {
    const reply = await fake.sendRaw("StartAttachedFileUpload", start(), { unsigned: true });
    expect([reply.statusCode, reply.errorCode]).toEqual([403, "MissingAuthenticationTokenException"]);
  });

  it.each([
    ["the body", (r: { body: unknown }) => void (r.body = String(r.body).replace("invoice.pdf", "invoice.exe"))],
    ["the body and its declared hash", (r: { body: unknown; headers: Record<string, string> }) => {
      r.body = String(r.body).replace("invoice.pdf", "invoice.exe");
      delete r.headers["x-amz-content-sha256"];
    }],
    ["the path", (r: { path: string }) => void (r.path = r.path.replace(FILE_INPUT.InstanceId, "another-instance"))],
    ["the query string", (r: { query: Record<string, string | string[]> }) => void (r.query.associatedResourceArn = "arn:aws:cases:us-west-2:123456789012:domain/d-1/case/other")],
    ["a signed header", (r: { headers: Record<string, string> }) => void (r.headers["content-type"] = "application/x-amz-json-1.1")],
    ["the signature", (r: { headers: Record<string, string> }) => void (r.headers.authorization = r.headers.authorization!.replace(/.$/, (c) => (c === "0" ? "1" : "0")))],
  ])("rejects a request whose %s changed after signing", async (_what, tamper) => {
    const reply = await fake.sendRaw("StartAttachedFileUpload", start(), { afterSigning: tamper as never });
    expect([reply.statusCode, reply.errorCode]).toEqual([403, "InvalidSignatureException"]);
  });

  it("rejects a signature made with the wrong secret key", async () => {
    const reply = await fake.sendRaw("StartAttachedFileUpload", start(), { credentials: { ...fake.credentials, secretAccessKey: "not-the-secret" } });
    expect([reply.statusCode, reply.errorCode]).toEqual([403, "InvalidSignatureException"]);
  });

  it("rejects an access key it does not know", async () => {
    const reply = await fake.sendRaw("StartAttachedFileUpload", start(), { credentials: { accessKeyId: "AKIAUNKNOWN000000000", secretAccessKey: "x" } });
    expect([reply.statusCode, reply.errorCode]).toEqual([403, "UnrecognizedClientException"]);
  });

  it("rejects a signature scoped to another Region or service", async () => {
    for (const options of [{ region: "eu-west-1" }, { signingName: "s3" }]) {
      const reply = await fake.sendRaw("StartAttachedFileUpload", start(), options);
      expect([reply.statusCode, reply.errorCode]).toEqual([403, "InvalidSignatureException"]);
    }
  });

  it("rejects a stale signature (older than 5 minutes) and one from the future", async () => {
    const now = fake.clock.now().getTime();
    const stale = await fake.sendRaw("StartAttachedFileUpload", start(), { signingDate: new Date(now - 6 * 60_000) });
    expect([stale.statusCode, stale.errorCode]).toEqual([403, "InvalidSignatureException"]);
    expect(stale.json.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than/);
    const future = await fake.sendRaw("StartAttachedFileUpload", start(), { signingDate: new Date(now + 6 * 60_000) });
    expect(future.statusCode).toBe(403);
    const recent = await fake.sendRaw("StartAttachedFileUpload", start(), { signingDate: new Date(now - 4 * 60_000) });
    expect(recent.statusCode).toBe(200);
  });

  it("requires the Host header to be signed", async () => {
    const reply = await fake.sendRaw("StartAttachedFileUpload", start(), {
      afterSigning: (r) => void (r.headers.authorization = r.headers.authorization!.replace("SignedHeaders=", "SignedHeaders=x").replace(/SignedHeaders=x([^,]*)/, (_m, list: string) => `SignedHeaders=${list.split(";").filter((h) => h !== "host").join(";")}`)),
    });
    expect([reply.statusCode, reply.errorCode]).toEqual([403, "IncompleteSignatureException"]);
  });

  it("is what the generated client signs: it accepts the client's requests and its clock-skew correction", async () => {
    const client = new ConnectClient({ ...fake.clientConfig });
    try {
      const output = await client.send(new StartAttachedFileUploadCommand({ ...FILE_INPUT }));
      expect(output.FileStatus).toBe("PROCESSING");
      // The fake's clock runs 10 minutes ahead: the client's first signature is stale (403); it corrects its
      // offset from the response's Date header and retries at once, signed with the fake's time.
      fake.clock.advance(10 * 60_000);
      const calls = fake.calls.length;
      const again = await client.send(new StartAttachedFileUploadCommand({ ...FILE_INPUT }));
      expect(again.$metadata.attempts).toBe(2);
      expect(fake.calls.slice(calls).map((c) => c.error ?? c.status)).toEqual(["InvalidSignatureException", 200]);
      expect(Math.abs(client.config.systemClockOffset - 10 * 60_000)).toBeLessThan(5_000);
    } finally {
      fake.clock.reset();
      client.destroy();
    }
  });
});

describe("routing", () => {
  it("answers an unknown route with 404 UnknownOperationException", async () => {
    const reply = await fake.sendRaw("StartAttachedFileUpload", FILE_INPUT, { afterSigning: (r) => void (r.method = "PATCH") });
    // The method is part of the signature, so change it and re-check routing with signatures off.
    expect(reply.statusCode).toBe(403);
    const open = await startFakeConnect({ verifySignatures: false });
    try {
      const unrouted = await open.sendRaw("StartAttachedFileUpload", FILE_INPUT, { afterSigning: (r) => void (r.method = "PATCH") });
      expect([unrouted.statusCode, unrouted.errorCode]).toEqual([404, "UnknownOperationException"]);
    } finally {
      await open.close({ removeFiles: true });
    }
  });

  it("routes every operation of the model by its @http trait", async () => {
    for (const name of Object.keys(schema.operations) as (keyof typeof examples)[]) {
      const reply = await fake.sendRaw(name, examples[name].minimalInput as unknown as Record<string, unknown>);
      expect(fake.calls.at(-1)!.operation, name).toBe(name);
      expect(reply.errorCode, name).not.toBe("UnknownOperationException");
    }
  });
});

describe("validation, generated from the model's constraints", () => {
  const cases = Object.values(examples).flatMap((e) => e.invalidInputs.map((c) => [e.operation, c.description, c] as const));

  it("has invalid inputs for every operation", () => {
    for (const e of Object.values(examples)) expect(e.invalidInputs.length, e.operation).toBeGreaterThan(0);
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)("%s: rejects an input where %s", async (operation, _description, invalid) => {
    const reply = await fake.sendRaw(operation, invalid.input);
    expect(reply.statusCode).toBe(400);
    expect(reply.errorCode).toBe(schema.validationError);
    const message: string = reply.json.Message;
    expect(message).toMatch(/^\d+ validation errors? detected: /);
    expect(reports(message, invalid.overHttp ?? invalid.violation), message).toBe(true);
    for (const other of invalid.alsoViolates ?? []) expect(reports(message, other), message).toBe(true);
  });

  it("accepts every example input (minimal and maximal) of every operation", async () => {
    for (const e of Object.values(examples)) {
      for (const input of [e.minimalInput, e.maximalInput]) {
        const reply = await fake.sendRaw(e.operation, input as unknown as Record<string, unknown>);
        expect(reply.errorCode === schema.validationError ? reply.json.Message : "valid", e.operation).toBe("valid");
        // Files named by examples do not exist: the operations that look one up say so with their modelled error.
        expect([200, 404], `${e.operation}: ${reply.body}`).toContain(reply.statusCode);
        if (reply.statusCode === 404) expect(reply.errorCode).toBe("ResourceNotFoundException");
      }
    }
    expect(examples.StartAttachedFileUpload.maximalInput.FileSizeInBytes).toBe(Number.MAX_SAFE_INTEGER);
  });
});
