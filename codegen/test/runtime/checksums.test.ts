/**
 * `aws.protocols#httpChecksum`, run: a client generated from test/models/checksums.json sends
 * request checksums and validates response checksums as the AWS SDK does. The expected values are
 * computed here independently (a bitwise CRC, Node's crypto), and agree with the AWS SDK's own test
 * vectors for "Hello world".
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import { HttpResponse } from "@smithy/core/protocols";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { configForModel, generateFromModel } from "../../src/generate.js";
import { loadModelFile } from "../../src/load/load.js";
import { writePackages } from "../../src/output/write.js";
import { validateModel } from "../../src/validate/index.js";
import { CODEGEN_ROOT } from "../helpers.js";
import { bodyBytes } from "../protocol/http.js";

/** A folder of its own in the run's folder (vitest.config.ts aliases the types package to it). */
const OUT = join(process.env.SDKGEN_PROTOCOL_OUT ?? join(CODEGEN_ROOT, `test/.generated/run-${process.pid}`), "checksums");
const MODEL = join(CODEGEN_ROOT, "test/models/checksums.json");
const BODY = "Hello world";

/** A reflected CRC, bit by bit: the definition, not a table. */
function crc(poly: bigint, bits: 32 | 64, data: Uint8Array): string {
  const mask = (1n << BigInt(bits)) - 1n;
  let c = mask;
  for (const byte of data) {
    c ^= BigInt(byte);
    for (let i = 0; i < 8; i++) c = c & 1n ? (c >> 1n) ^ poly : c >> 1n;
  }
  return Buffer.from((c ^ mask).toString(16).padStart(bits / 4, "0"), "hex").toString("base64");
}

const bytes = new TextEncoder().encode(BODY);
const EXPECTED: Record<string, string> = {
  CRC32: crc(0xedb88320n, 32, bytes),
  CRC32C: crc(0x82f63b78n, 32, bytes),
  CRC64NVME: crc(0x9a6c9329ac4bc9b5n, 64, bytes),
  SHA1: createHash("sha1").update(bytes).digest("base64"),
  SHA256: createHash("sha256").update(bytes).digest("base64"),
};

let sdk: any;
const requests: any[] = [];
let reply: () => { statusCode: number; headers?: Record<string, string>; body?: string } = () => ({ statusCode: 200 });

beforeAll(async () => {
  const config = await configForModel(MODEL, OUT);
  const { packages } = await generateFromModel(await loadModelFile(MODEL), config);
  await writePackages(packages);
  sdk = await import(join(OUT, "checksum-test-client/src/index.ts"));
}, 600_000);

afterAll(() => {
  if (!process.env.SDKGEN_KEEP_GENERATED) rmSync(OUT, { recursive: true, force: true });
});

afterEach(() => {
  requests.length = 0;
  reply = () => ({ statusCode: 200 });
});

function client(extra: Record<string, unknown> = {}) {
  return new sdk.ChecksumTestClient({
    region: "us-east-1",
    endpoint: "https://vault.example.com",
    credentials: { accessKeyId: "AKID", secretAccessKey: "SECRET" },
    maxAttempts: 1,
    requestHandler: {
      async handle(request: any) {
        requests.push({ ...request, body: await bodyBytes(request.body) });
        const r = reply();
        return { response: new HttpResponse({ statusCode: r.statusCode, headers: r.headers ?? {}, body: Readable.from(r.body ? [Buffer.from(r.body)] : []) }) };
      },
    },
    ...extra,
  });
}

const checksumHeaders = (request: { headers: Record<string, string> }) =>
  Object.fromEntries(Object.entries(request.headers).filter(([name]) => /^x-amz-(checksum-|sdk-checksum-algorithm)/.test(name)));

describe("request checksums", () => {
  it("sends a CRC32 checksum by default (requestChecksumCalculation WHEN_SUPPORTED), as the AWS SDK does", async () => {
    await client().send(new sdk.PutItemCommand({ Key: "k", Body: bytes }));
    expect(EXPECTED.CRC32).toBe("i9aeUg==");
    expect(checksumHeaders(requests[0])).toEqual({ "x-amz-sdk-checksum-algorithm": "CRC32", "x-amz-checksum-crc32": EXPECTED.CRC32 });
  });

  for (const algorithm of ["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256"]) {
    it(`sends the ${algorithm} checksum the caller asks for`, async () => {
      await client().send(new sdk.PutItemCommand({ Key: "k", Body: bytes, ChecksumAlgorithm: algorithm }));
      expect(checksumHeaders(requests[0])).toEqual({ "x-amz-sdk-checksum-algorithm": algorithm, [`x-amz-checksum-${algorithm.toLowerCase()}`]: EXPECTED[algorithm] });
    });
  }

  it("sends none with WHEN_REQUIRED where the operation does not require one and the caller chose no algorithm", async () => {
    await client({ requestChecksumCalculation: "WHEN_REQUIRED" }).send(new sdk.PutItemCommand({ Key: "k", Body: bytes }));
    expect(checksumHeaders(requests[0])).toEqual({});
  });

  it("sends one with WHEN_REQUIRED where the operation requires it (@httpChecksumRequired), instead of Content-MD5", async () => {
    await client({ requestChecksumCalculation: "WHEN_REQUIRED" }).send(new sdk.PutRequiredCommand({ Note: "n" }));
    const json = new TextEncoder().encode(JSON.stringify({ Note: "n" }));
    expect(new TextDecoder().decode(requests[0].body)).toBe(JSON.stringify({ Note: "n" }));
    expect(checksumHeaders(requests[0])).toEqual({ "x-amz-sdk-checksum-algorithm": "CRC32", "x-amz-checksum-crc32": crc(0xedb88320n, 32, json) });
    // The trait says `requestChecksumRequired: false`, but the operation has @httpChecksumRequired:
    // a checksum is required, and the flexible one stands for Content-MD5.
    expect(requests[0].headers["content-md5"]).toBeUndefined();
  });

  it("sends one with WHEN_REQUIRED where the trait says requestChecksumRequired", async () => {
    await client({ requestChecksumCalculation: "WHEN_REQUIRED" }).send(new sdk.PutMustCommand({ Note: "n" }));
    const json = new TextEncoder().encode(JSON.stringify({ Note: "n" }));
    expect(checksumHeaders(requests[0])).toEqual({ "x-amz-checksum-crc32": crc(0xedb88320n, 32, json) });
  });

  it("reads the option from AWS_REQUEST_CHECKSUM_CALCULATION when not passed", async () => {
    process.env.AWS_REQUEST_CHECKSUM_CALCULATION = "WHEN_REQUIRED";
    try {
      await client().send(new sdk.PutItemCommand({ Key: "k", Body: bytes }));
    } finally {
      delete process.env.AWS_REQUEST_CHECKSUM_CALCULATION;
    }
    expect(checksumHeaders(requests[0])).toEqual({});
  });

  it("refuses an option value that is not WHEN_SUPPORTED or WHEN_REQUIRED", async () => {
    await expect(client({ requestChecksumCalculation: "SOMETIMES" }).send(new sdk.PutItemCommand({ Key: "k", Body: bytes }))).rejects.toThrow(/requestChecksumCalculation must be one of/);
    expect(requests).toHaveLength(0);
  });

  it("sends the checksum too when the call goes through a middleware stack (custom middleware added)", async () => {
    const c = client();
    const seen: string[] = [];
    c.middlewareStack.add(
      (next: (args: unknown) => Promise<unknown>) => (args: { request: { headers: Record<string, string> } }) => {
        seen.push(args.request.headers["x-amz-checksum-crc32"] ?? "none");
        return next(args);
      },
      { step: "finalizeRequest", name: "spy" },
    );
    await c.send(new sdk.PutItemCommand({ Key: "k", Body: bytes }));
    expect(seen).toEqual([EXPECTED.CRC32]);
    expect(checksumHeaders(requests[0])).toEqual({ "x-amz-sdk-checksum-algorithm": "CRC32", "x-amz-checksum-crc32": EXPECTED.CRC32 });
  });

  it("leaves the caller's input as it was", async () => {
    const input = { Key: "k", Body: bytes };
    await client().send(new sdk.PutItemCommand(input));
    expect(input).toEqual({ Key: "k", Body: bytes });
  });

  it("sends a streamed payload aws-chunked, with the checksum in a trailer", async () => {
    await client().send(new sdk.PutStreamCommand({ Key: "k", Body: Readable.from([Buffer.from("Hello "), Buffer.from("world")]) }));
    const request = requests[0];
    expect(request.headers["content-encoding"]).toBe("aws-chunked");
    expect(request.headers["x-amz-trailer"]).toBe("x-amz-checksum-crc32");
    expect(request.headers["x-amz-content-sha256"]).toBe("STREAMING-UNSIGNED-PAYLOAD-TRAILER");
    const text = new TextDecoder().decode(request.body);
    expect(text).toContain(`x-amz-checksum-crc32:${EXPECTED.CRC32}\r\n`);
    expect(text.replace(/\r\n/g, "|")).toMatch(/^6\|Hello \|5\|world\|0\|/);
  });
});

describe("response checksums", () => {
  const get = (extra: Record<string, unknown> = {}, input: Record<string, unknown> = {}) =>
    client(extra)
      .send(new sdk.GetItemCommand({ Key: "k", ...input }))
      .then((output: { Body: { transformToString(): Promise<string> } }) => output.Body.transformToString());

  it("asks for validation (x-amz-checksum-mode: ENABLED) and accepts a body whose checksum matches", async () => {
    reply = () => ({ statusCode: 200, headers: { "x-amz-checksum-crc32c": EXPECTED.CRC32C! }, body: BODY });
    await expect(get()).resolves.toBe(BODY);
    expect(requests[0].headers["x-amz-checksum-mode"]).toBe("ENABLED");
  });

  it("fails the call when the body does not match its checksum", async () => {
    reply = () => ({ statusCode: 200, headers: { "x-amz-checksum-sha256": EXPECTED.SHA256! }, body: "Hello wörld" });
    await expect(get()).rejects.toThrow(/Checksum mismatch/);
  });

  it("does not validate with WHEN_REQUIRED unless the caller enables it", async () => {
    reply = () => ({ statusCode: 200, headers: { "x-amz-checksum-crc32": EXPECTED.CRC32! }, body: "something else" });
    await expect(get({ responseChecksumValidation: "WHEN_REQUIRED" })).resolves.toBe("something else");
    expect(requests[0].headers["x-amz-checksum-mode"]).toBeUndefined();
    await expect(get({ responseChecksumValidation: "WHEN_REQUIRED" }, { ChecksumMode: "ENABLED" })).rejects.toThrow(/Checksum mismatch/);
  });
});

describe("the generated client", () => {
  it("type-checks (tsc --noEmit, strict), with the checksum options in its config", async () => {
    const clientDir = join(OUT, "checksum-test-client");
    const consumer = join(OUT, "consumer-check.ts");
    writeFileSync(
      consumer,
      [
        `import { ChecksumTestClient, PutItemCommand } from ${JSON.stringify(join(clientDir, "src/index.js"))};`,
        `const client = new ChecksumTestClient({ requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: async () => "WHEN_SUPPORTED" as const });`,
        `export const sent = client.send(new PutItemCommand({ Key: "k", ChecksumAlgorithm: "CRC64NVME", Body: new Uint8Array() }));`,
        `// @ts-expect-error: not an option value`,
        `export const wrong = new ChecksumTestClient({ requestChecksumCalculation: "ALWAYS" });`,
      ].join("\n"),
    );
    const tsconfig = join(OUT, "tsconfig.check.json");
    writeFileSync(
      tsconfig,
      JSON.stringify({
        extends: join(clientDir, "tsconfig.json"),
        compilerOptions: { noEmit: true, paths: { "checksum-test-types": [join(OUT, "checksum-test-types/src/index.ts")] } },
        include: [join(clientDir, "src"), consumer],
      }),
    );
    const tsc = join(CODEGEN_ROOT, "node_modules/typescript/bin/tsc");
    const result = await promisify(execFile)(process.execPath, [tsc, "-p", tsconfig]).then(
      () => "",
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(result).toBe("");
  }, 600_000);
});

describe("clients without httpChecksum", () => {
  it("do not import the checksum runtime", () => {
    const connect = join(CODEGEN_ROOT, "../services/connect/client/src/gen");
    for (const file of ["ConnectClient.ts", "commands/StartAttachedFileUploadCommand.ts"]) {
      expect(readFileSync(join(connect, file), "utf8")).not.toContain("client-runtime/checksums");
    }
  });
});

describe("the httpChecksum trait, validated", () => {
  const events = (trait: Record<string, unknown>) => {
    const model = JSON.parse(readFileSync(MODEL, "utf8"));
    model.shapes["example.checksums#PutItem"].traits["aws.protocols#httpChecksum"] = trait;
    return validateModel(model)
      .filter((e) => e.severity === "ERROR")
      .map((e) => `${e.shapeId}: ${e.message}`);
  };

  it("accepts the test model", () => {
    expect(validateModel(JSON.parse(readFileSync(MODEL, "utf8"))).filter((e) => e.severity === "ERROR")).toEqual([]);
  });

  it("refuses a member that is not in the input, a validation mode without algorithms, an unknown algorithm, and a trait asking for nothing", () => {
    expect(events({ requestAlgorithmMember: "Nope" })).toEqual([
      "example.checksums#PutItem: The `requestAlgorithmMember` property of the `httpChecksum` trait targets a member, `Nope`, that is not present in the operation's input.",
    ]);
    expect(events({ requestAlgorithmMember: "Key" })).toEqual([
      "example.checksums#PutItem: The `requestAlgorithmMember` property of the `httpChecksum` trait targets `example.checksums#PutItemInput$Key`, which must target an enum.",
    ]);
    expect(events({ requestValidationModeMember: "ChecksumAlgorithm" })).toEqual([
      "example.checksums#PutItem: The `httpChecksum` trait must define `responseAlgorithms` along with `requestValidationModeMember`.",
    ]);
    expect(events({ requestValidationModeMember: "ChecksumAlgorithm", responseAlgorithms: ["CRC32", "MD5"] })).toEqual([
      "example.checksums#PutItem: Unsupported `responseAlgorithms` in the `httpChecksum` trait: `MD5`; supported: CRC64NVME, CRC32C, CRC32, SHA1, SHA256.",
    ]);
    expect(events({})).toEqual(["example.checksums#PutItem: The `httpChecksum` trait must define at least one of the `request` or `response` checksum behaviors."]);
  });
});
