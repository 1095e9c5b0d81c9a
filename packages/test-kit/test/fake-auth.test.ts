/**
 * The fake checks SigV4 per operation: an operation whose auth schemes allow anonymous calls
 * (`smithy.api#noAuth`) or another credential (a bearer token) is answered without a SigV4
 * signature; an operation without `auth` in its schema (SigV4 alone) still refuses unsigned requests.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeService, startFakeService } from "../src/fake-server.js";
import type { ServiceSchema } from "../src/schema.js";

const operation = (uri: string, auth?: string[]) => ({ method: "GET", uri, code: 200, input: "Input", output: "Output", errors: [], ...(auth ? { auth } : {}) });

const schema = {
  service: { id: "ex#Svc", sdkId: "Svc", version: "1", signingName: "svc" },
  operations: {
    Signed: operation("/signed"),
    Anonymous: operation("/anonymous", ["smithy.api#noAuth"]),
    Optional: operation("/optional", ["aws.auth#sigv4", "smithy.api#noAuth"]),
    Bearer: operation("/bearer", ["smithy.api#httpBearerAuth"]),
  },
  shapes: { Input: { type: "structure", members: {} }, Output: { type: "structure", members: {} } },
  validationError: "ValidationException",
} as unknown as ServiceSchema;

let fake: FakeService<object>;
beforeAll(async () => {
  const ok = () => ({});
  fake = await startFakeService({ schema, validators: {}, behaviours: { Signed: ok, Anonymous: ok, Optional: ok, Bearer: ok }, createState: () => ({}) });
});
afterAll(() => fake?.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${fake.endpoint}${path}`, { headers }).then((r) => r.status);

describe("fake service: SigV4 per operation", () => {
  it("answers anonymous calls to noAuth operations, and refuses them for SigV4 operations", async () => {
    expect(await get("/anonymous")).toBe(200);
    expect(await get("/optional")).toBe(200);
    expect(await get("/signed")).toBe(403);
  });

  it("answers a bearer call to a bearer operation, and still checks a SigV4 signature sent to an optional one", async () => {
    expect(await get("/bearer", { authorization: "Bearer t" })).toBe(200);
    expect(await get("/bearer")).toBe(403);
    expect(await get("/optional", { authorization: "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/svc/aws4_request, SignedHeaders=host, Signature=00" })).toBe(403);
  });
});
