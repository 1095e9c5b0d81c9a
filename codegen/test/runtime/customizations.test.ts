/**
 * The service customizations, on the real API Gateway and Glacier models (`../shared/aws-models`),
 * beyond what Smithy's protocol tests check: the tree hash of a body of several MiB (computed here
 * independently, as Glacier's documentation defines it), streamed bodies, headers the caller set,
 * and the `-` account id passing input validation.
 */
import { createHash } from "node:crypto";
import { createReadStream, mkdirSync, rmSync, writeFileSync } from "node:fs";
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
/** A folder of its own in the run's folder (vitest.config.ts aliases the types packages to it). */
const OUT = join(process.env.SDKGEN_PROTOCOL_OUT ?? join(CODEGEN_ROOT, `test/.generated/run-${process.pid}`), "customizations");

let glacier: any;
let apiGateway: any;
const requests: any[] = [];
let reply = { statusCode: 201, body: "" };

async function generate(model: string, service: string, operations: string[], client: string): Promise<any> {
  const file = join(SHARED, "aws-models", model);
  const config = await configForModel(file, OUT, service, operations);
  // The protocol suite generates packages of the same names from its own models: these are renamed.
  config.packages.types!.name = `real-${config.packages.types!.name}`;
  const { packages } = await generateFromModel(await loadModelFile(file), config);
  await writePackages(packages);
  return import(join(OUT, client, "src/index.ts"));
}

beforeAll(async () => {
  glacier = await generate("glacier-2012-06-01.json", "com.amazonaws.glacier#Glacier", ["com.amazonaws.glacier#UploadArchive", "com.amazonaws.glacier#ListVaults"], "glacier-client");
  apiGateway = await generate("api-gateway-2015-07-09.json", "com.amazonaws.apigateway#BackplaneControlService", ["com.amazonaws.apigateway#GetRestApis"], "api-gateway-client");
}, 600_000);

afterAll(() => {
  if (!process.env.SDKGEN_KEEP_GENERATED) rmSync(OUT, { recursive: true, force: true });
});

function client(sdk: any, name: string, extra: Record<string, unknown> = {}) {
  return new sdk[name]({
    region: "us-east-1",
    credentials: { accessKeyId: "AKID", secretAccessKey: "SECRET" },
    maxAttempts: 1,
    requestHandler: {
      async handle(request: any) {
        requests.push({ ...request, streamed: typeof request.body?.pipe === "function", body: await bodyBytes(request.body) });
        return { response: new HttpResponse({ statusCode: reply.statusCode, headers: {}, body: Readable.from(reply.body ? [Buffer.from(reply.body)] : []) }) };
      },
    },
    ...extra,
  });
}

/** SHA-256 tree hash: hashes of 1 MiB chunks, combined pairwise up to one (Glacier's definition). */
function treeHash(data: Buffer): string {
  const sha = (b: Buffer) => createHash("sha256").update(b).digest();
  let level: Buffer[] = [];
  for (let at = 0; at < data.length; at += 1 << 20) level.push(sha(data.subarray(at, at + (1 << 20))));
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? sha(Buffer.concat([level[i]!, level[i + 1]!])) : level[i]!);
    level = next;
  }
  return level[0]!.toString("hex");
}

describe("Glacier", () => {
  const body = Buffer.alloc(3 * (1 << 20) + 12345, "glacier ");

  it("sends the SHA-256 and the tree hash of a body of several MiB, streamed or not", async () => {
    for (const given of [new Uint8Array(body), Readable.from([body.subarray(0, 1000), body.subarray(1000)])]) {
      requests.length = 0;
      await client(glacier, "GlacierClient").send(new glacier.UploadArchiveCommand({ vaultName: "v", accountId: "123456789012", body: given }));
      const { headers, body: sent, path } = requests[0];
      expect(path).toBe("/123456789012/vaults/v/archives");
      expect(Buffer.from(sent).equals(body)).toBe(true);
      expect(headers["x-amz-glacier-version"]).toBe("2012-06-01");
      expect(headers["x-amz-content-sha256"]).toBe(createHash("sha256").update(body).digest("hex"));
      expect(headers["x-amz-sha256-tree-hash"]).toBe(treeHash(body));
      expect(headers["content-length"]).toBe(String(body.length));
    }
  });

  it("hashes a file stream from its file and still sends the stream, with its length (as the AWS SDK does)", async () => {
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, "archive.bin");
    writeFileSync(file, body);
    const start = 100;
    const end = body.length - 50; // inclusive
    const part = body.subarray(start, end + 1);
    requests.length = 0;
    await client(glacier, "GlacierClient").send(new glacier.UploadArchiveCommand({ vaultName: "v", accountId: "-", body: createReadStream(file, { start, end }) }));
    const { headers, body: sent, streamed } = requests[0];
    expect(streamed).toBe(true);
    expect(Buffer.from(sent).equals(part)).toBe(true);
    expect(headers["x-amz-content-sha256"]).toBe(createHash("sha256").update(part).digest("hex"));
    expect(headers["x-amz-sha256-tree-hash"]).toBe(treeHash(part));
    expect(headers["content-length"]).toBe(String(part.length));
  });

  it("keeps a tree hash the caller gave", async () => {
    requests.length = 0;
    await client(glacier, "GlacierClient").send(new glacier.UploadArchiveCommand({ vaultName: "v", accountId: "-", body: new Uint8Array(body), checksum: "abc" }));
    expect(requests[0].headers["x-amz-sha256-tree-hash"]).toBe("abc");
  });

  it("uses `-` for an empty account id, before input validation, without changing the caller's input", async () => {
    requests.length = 0;
    const input = { vaultName: "v", accountId: "", body: new Uint8Array([1]) };
    await client(glacier, "GlacierClient", { validateInput: true }).send(new glacier.UploadArchiveCommand(input));
    expect(requests[0].path).toBe("/-/vaults/v/archives");
    expect(input.accountId).toBe("");
  });

  it("sends the version header on every operation", async () => {
    requests.length = 0;
    await client(glacier, "GlacierClient").send(new glacier.ListVaultsCommand({ accountId: "-" })).catch(() => {});
    expect(requests[0].headers["x-amz-glacier-version"]).toBe("2012-06-01");
    expect(requests[0].headers["x-amz-sha256-tree-hash"]).toBeUndefined();
  });
});

describe("API Gateway", () => {
  it("asks for JSON, unless the caller set an Accept header", async () => {
    requests.length = 0;
    const c = client(apiGateway, "APIGatewayClient");
    await c.send(new apiGateway.GetRestApisCommand({})).catch(() => {});
    expect(requests[0].headers.accept).toBe("application/json");
  });

  it("reads an output member the model binds with @httpQuery from the body (the paginator's `position`)", async () => {
    reply = { statusCode: 200, body: JSON.stringify({ item: [{ id: "a1" }], position: "page-2" }) };
    try {
      const output = await client(apiGateway, "APIGatewayClient").send(new apiGateway.GetRestApisCommand({}));
      expect(output.position).toBe("page-2");
      expect(output.items.map((api: { id: string }) => api.id)).toEqual(["a1"]);
    } finally {
      reply = { statusCode: 201, body: "" };
    }
  });

  it("is not applied to other services", async () => {
    requests.length = 0;
    await client(glacier, "GlacierClient").send(new glacier.ListVaultsCommand({ accountId: "-" })).catch(() => {});
    expect(requests[0].headers.accept).toBeUndefined();
  });
});
