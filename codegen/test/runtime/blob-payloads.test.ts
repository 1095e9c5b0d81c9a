/**
 * Blob payloads as the AWS SDK sends and reads them, on Lambda's real model
 * (`../shared/aws-models`): `Invoke` without a `Payload` still says `Content-Type:
 * application/octet-stream` (aws-sdk-js-v3's `se_InvokeCommand` sets it unconditionally), and an
 * empty response payload comes back as empty bytes, not `undefined` (its `de_InvokeCommand` always
 * sets `Payload` to the collected body).
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { HttpResponse } from "@smithy/core/protocols";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configForModel, generateFromModel } from "../../src/generate.js";
import { loadModelFile } from "../../src/load/load.js";
import { writePackages } from "../../src/output/write.js";
import { CODEGEN_ROOT, REPO_ROOT } from "../helpers.js";
import { bodyBytes } from "../protocol/http.js";

const SHARED = process.env.CONNECT_SDK_SHARED ?? join(REPO_ROOT, "../shared");
const MODEL = join(SHARED, "aws-models/lambda-2015-03-31.json");
/** A folder of its own in the run's folder (vitest.config.ts aliases the types package to it). */
const OUT = join(process.env.SDKGEN_PROTOCOL_OUT ?? join(CODEGEN_ROOT, `test/.generated/run-${process.pid}`), "blob-payloads");

let sdk: any;
const requests: any[] = [];
let reply = { statusCode: 200, headers: {} as Record<string, string>, body: "" };

beforeAll(async () => {
  const config = await configForModel(MODEL, OUT, "com.amazonaws.lambda#AWSGirApiService", ["com.amazonaws.lambda#Invoke"]);
  const { packages } = await generateFromModel(await loadModelFile(MODEL), config);
  await writePackages(packages);
  sdk = await import(join(OUT, "lambda-client/src/index.ts"));
}, 600_000);

afterAll(() => {
  if (!process.env.SDKGEN_KEEP_GENERATED) rmSync(OUT, { recursive: true, force: true });
});

function client() {
  return new sdk.LambdaClient({
    region: "us-east-1",
    credentials: { accessKeyId: "AKID", secretAccessKey: "SECRET" },
    maxAttempts: 1,
    requestHandler: {
      async handle(request: any) {
        requests.push({ ...request, body: await bodyBytes(request.body) });
        return { response: new HttpResponse({ ...reply, headers: { ...reply.headers }, body: Readable.from(reply.body ? [Buffer.from(reply.body)] : []) }) };
      },
    },
  });
}

describe("Lambda Invoke (blob payload)", () => {
  it("sends Content-Type application/octet-stream without a Payload, and an empty body", async () => {
    requests.length = 0;
    await client().send(new sdk.InvokeCommand({ FunctionName: "f" }));
    expect(requests[0].headers["content-type"]).toBe("application/octet-stream");
    expect(requests[0].body).toEqual(new Uint8Array());
  });

  it("sends the Payload with the same content type", async () => {
    requests.length = 0;
    await client().send(new sdk.InvokeCommand({ FunctionName: "f", Payload: new TextEncoder().encode('{"a":1}') }));
    expect(requests[0].headers["content-type"]).toBe("application/octet-stream");
    expect(new TextDecoder().decode(requests[0].body)).toBe('{"a":1}');
  });

  it("returns an empty response payload as empty bytes, not undefined", async () => {
    reply = { statusCode: 202, headers: {}, body: "" };
    const output = await client().send(new sdk.InvokeCommand({ FunctionName: "f", InvocationType: "Event" }));
    expect(output.StatusCode).toBe(202);
    expect(output.Payload).toBeInstanceOf(Uint8Array);
    expect(output.Payload.byteLength).toBe(0);
  });

  it("returns a response payload as its bytes", async () => {
    reply = { statusCode: 200, headers: { "x-amz-executed-version": "$LATEST" }, body: '"ok"' };
    const output = await client().send(new sdk.InvokeCommand({ FunctionName: "f" }));
    expect(new TextDecoder().decode(output.Payload)).toBe('"ok"');
    expect(output.ExecutedVersion).toBe("$LATEST");
  });
});
