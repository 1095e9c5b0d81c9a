/**
 * Event streams end to end, on clients generated from real AWS models (../shared/aws-models) and
 * served by real local HTTP servers that speak `application/vnd.amazon.eventstream`, encoded with
 * the same codec (`@smithy/core/event-streams`):
 *
 * - Bedrock Runtime's `ConverseStream` (an output stream, HTTP/1.1): typed events as the server
 *   writes them, frames split across TCP writes, a modelled error event thrown as its class.
 */
import { once } from "node:events";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { EventStreamCodec } from "@smithy/core/event-streams";
import { fromUtf8, toUtf8 } from "@smithy/core/serde";
import type { MessageHeaders } from "@smithy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configForModel, generateFromModel } from "../../src/generate.js";
import { loadModelFile } from "../../src/load/load.js";
import { writePackages } from "../../src/output/write.js";
import { CODEGEN_ROOT, REPO_ROOT } from "../helpers.js";

const SHARED = process.env.CONNECT_SDK_SHARED ?? join(REPO_ROOT, "../shared");
const OUT = process.env.SDKGEN_PROTOCOL_OUT ?? join(CODEGEN_ROOT, `test/.generated/run-${process.pid}`);
const CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

const codec = new EventStreamCodec(toUtf8, fromUtf8);

/** An `event` message as the service writes it (JSON body). */
function eventFrame(type: string, body: unknown, extra: MessageHeaders = {}): Uint8Array {
  return codec.encode({
    headers: {
      ":event-type": { type: "string", value: type },
      ":content-type": { type: "string", value: "application/json" },
      ":message-type": { type: "string", value: "event" },
      ...extra,
    },
    body: fromUtf8(JSON.stringify(body)),
  });
}

/** An `exception` message: a modelled error in the stream. */
function exceptionFrame(type: string, body: unknown): Uint8Array {
  return codec.encode({
    headers: {
      ":exception-type": { type: "string", value: type },
      ":content-type": { type: "string", value: "application/json" },
      ":message-type": { type: "string", value: "exception" },
    },
    body: fromUtf8(JSON.stringify(body)),
  });
}

async function generate(modelFile: string, name: string, operations: string[]): Promise<any> {
  const model = join(SHARED, "aws-models", modelFile);
  const config = await configForModel(model, OUT, undefined, operations);
  config.packages.types = { name: `${name}-types`, dir: join(OUT, `${name}-types`) };
  config.packages.client = { name: `${name}-client`, dir: join(OUT, `${name}-client`) };
  const { packages } = await generateFromModel(await loadModelFile(model), config);
  await writePackages(packages);
  return import(/* @vite-ignore */ join(OUT, `${name}-client/src/index.ts`));
}

async function listen(server: Server): Promise<string> {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("Bedrock Runtime ConverseStream against a local event-stream server", () => {
  let sdk: any;
  let server: Server;
  let endpoint: string;
  const seen: { method?: string; url?: string; headers?: IncomingMessage["headers"]; body?: unknown }[] = [];
  /** What the server answers with: frames, written one TCP write at a time (each split in two). */
  let frames: Uint8Array[] = [];

  beforeAll(async () => {
    sdk = await generate("bedrock-runtime-2023-09-30.json", "bedrock-stream", ["com.amazonaws.bedrockruntime#ConverseStream"]);
    server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      seen.push({ method: request.method, url: request.url, headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      response.writeHead(200, { "content-type": "application/vnd.amazon.eventstream", "x-amzn-requestid": "req-1" });
      for (const frame of frames) {
        const half = Math.floor(frame.byteLength / 2);
        response.write(frame.subarray(0, half));
        await new Promise((resolve) => setTimeout(resolve, 5));
        response.write(frame.subarray(half));
      }
      response.end();
    });
    endpoint = await listen(server);
  }, 600_000);

  afterAll(async () => {
    server?.close();
    if (!process.env.SDKGEN_KEEP_GENERATED) for (const kind of ["types", "client"]) rmSync(join(OUT, `bedrock-stream-${kind}`), { recursive: true, force: true });
  });

  function client() {
    return new sdk.BedrockRuntimeClient({ region: "us-east-1", endpoint, credentials: CREDENTIALS, maxAttempts: 1 });
  }

  it("yields typed events end to end", async () => {
    frames = [
      // Bedrock pads its events with a `p` member, which the client does not know and ignores.
      eventFrame("messageStart", { p: "abcdefgh", role: "assistant" }),
      eventFrame("contentBlockDelta", { contentBlockIndex: 0, delta: { text: "Hello" }, p: "ab" }),
      eventFrame("contentBlockDelta", { contentBlockIndex: 0, delta: { text: ", world" } }),
      // An event type this client does not know is skipped, as the AWS SDK skips it.
      eventFrame("somethingNew", { x: 1 }),
      eventFrame("contentBlockStop", { contentBlockIndex: 0 }),
      eventFrame("messageStop", { stopReason: "end_turn" }),
      eventFrame("metadata", { usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 }, metrics: { latencyMs: 42 } }),
    ];
    const output = await client().send(
      new sdk.ConverseStreamCommand({ modelId: "anthropic.claude-3-haiku", messages: [{ role: "user", content: [{ text: "Hi" }] }] }),
    );
    expect(output.$metadata).toMatchObject({ httpStatusCode: 200, requestId: "req-1" });
    const events: unknown[] = [];
    for await (const event of output.stream) events.push(event);
    expect(events).toEqual([
      { messageStart: { role: "assistant" } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: "Hello" } } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: ", world" } } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      { messageStop: { stopReason: "end_turn" } },
      { metadata: { usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 }, metrics: { latencyMs: 42 } } },
    ]);
    // The request: a signed JSON POST, as the AWS SDK sends it.
    const request = seen.at(-1)!;
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/model/anthropic.claude-3-haiku/converse-stream");
    expect(request.headers!["content-type"]).toBe("application/json");
    expect(request.headers!.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/bedrock\/aws4_request, /);
    expect(request.body).toEqual({ messages: [{ role: "user", content: [{ text: "Hi" }] }] });
  });

  it("throws a modelled error event as its exception class, after the events before it", async () => {
    frames = [eventFrame("messageStart", { role: "assistant" }), exceptionFrame("throttlingException", { message: "Too many tokens, please wait." })];
    const output = await client().send(new sdk.ConverseStreamCommand({ modelId: "m", messages: [] }));
    const events: unknown[] = [];
    const error = await (async () => {
      for await (const event of output.stream) events.push(event);
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(events).toEqual([{ messageStart: { role: "assistant" } }]);
    expect(error).toBeInstanceOf(sdk.ThrottlingException);
    expect(error).toBeInstanceOf(sdk.BedrockRuntimeServiceException);
    expect(error).toMatchObject({ name: "ThrottlingException", message: "Too many tokens, please wait.", $metadata: { httpStatusCode: 200, requestId: "req-1" } });
  });

  it("refuses an event whose body does not match the model with the service's DeserializationError", async () => {
    frames = [eventFrame("messageStop", { stopReason: 42 })];
    const output = await client().send(new sdk.ConverseStreamCommand({ modelId: "m", messages: [] }));
    const error = await (async () => {
      for await (const _ of output.stream);
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(sdk.BedrockRuntimeServiceException);
    expect(error).toMatchObject({ name: "DeserializationError", $fault: "client" });
    expect((error as Error).message).toContain("messageStop");
  });
});
