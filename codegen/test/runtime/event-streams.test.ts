/**
 * Event streams end to end, on clients generated from real AWS models (../shared/aws-models) and
 * served by real local HTTP servers that speak `application/vnd.amazon.eventstream`, encoded with
 * the same codec (`@smithy/core/event-streams`):
 *
 * - Bedrock Runtime's `ConverseStream` (an output stream, HTTP/1.1): typed events as the server
 *   writes them, frames split across TCP writes, a modelled error event thrown as its class.
 * - Transcribe Streaming's `StartStreamTranscription` (a bidirectional stream, HTTP/2 as its model
 *   asks): audio events from an async iterable, each in a SigV4 envelope whose signature the server
 *   checks against the chain (the request's signature first) with `@smithy/signature-v4`, answered
 *   with transcript events while the input is still streaming.
 */
import { once } from "node:events";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import { type Http2Server, type IncomingHttpHeaders, type ServerHttp2Stream, constants, createServer as createHttp2Server } from "node:http2";
import type { AddressInfo } from "node:net";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { EventStreamCodec } from "@smithy/core/event-streams";
import { fromUtf8, toUtf8 } from "@smithy/core/serde";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@smithy/core/checksum";
import type { Message, MessageHeaders } from "@smithy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configForModel, generateFromModel } from "../../src/generate.js";
import { loadModelFile } from "../../src/load/load.js";
import { writePackages } from "../../src/output/write.js";
import { schemaOf } from "../../src/emit/fixtures/schema.js";
import { MockRequestHandler, type ServiceSchema, encodeEventStream, startFakeService } from "@connect-sdk/test-kit";
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

/** Generates the types and client packages of some operations of a model; the client module, and the schema the test kit reads. */
async function generate(modelFile: string, name: string, operations: string[]): Promise<any> {
  const model = join(SHARED, "aws-models", modelFile);
  const config = await configForModel(model, OUT, undefined, operations);
  config.packages.types = { name: `${name}-types`, dir: join(OUT, `${name}-types`) };
  config.packages.client = { name: `${name}-client`, dir: join(OUT, `${name}-client`) };
  const { packages, ir } = await generateFromModel(await loadModelFile(model), config);
  await writePackages(packages);
  const sdk = await import(/* @vite-ignore */ join(OUT, `${name}-client/src/index.ts`));
  return Object.assign(Object.create(sdk), { schema: schemaOf(ir) as unknown as ServiceSchema });
}

async function listen(server: Server | Http2Server): Promise<string> {
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
  let stall = false;

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
      // A stalled stream stays open until the client goes away.
      if (stall) await once(response, "close");
      else response.end();
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

  async function* converse() {
    yield { messageStart: { role: "assistant" } };
    yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text: "Hi!" } } };
    yield { messageStop: { stopReason: "end_turn" } };
    yield { throttlingException: { message: "Slow down" } };
  }

  async function readAll(stream: AsyncIterable<unknown>): Promise<{ events: unknown[]; error: unknown }> {
    const events: unknown[] = [];
    try {
      for await (const event of stream) events.push(event);
      return { events, error: undefined };
    } catch (error) {
      return { events, error };
    }
  }

  it("gets event streams from the test kit's mock handler, encoded with the same codec", async () => {
    const mock = new MockRequestHandler<any>(sdk.schema);
    mock.on("ConverseStream").resolves({ stream: converse() });
    const client = new sdk.BedrockRuntimeClient({ region: "us-east-1", credentials: CREDENTIALS, requestHandler: mock });
    const output = await client.send(new sdk.ConverseStreamCommand({ modelId: "m", messages: [] }));
    const { events, error } = await readAll(output.stream);
    expect(events).toEqual([{ messageStart: { role: "assistant" } }, { contentBlockDelta: { contentBlockIndex: 0, delta: { text: "Hi!" } } }, { messageStop: { stopReason: "end_turn" } }]);
    expect(error).toBeInstanceOf(sdk.ThrottlingException);
    expect((error as Error).message).toBe("Slow down");
  });

  it("gets event streams from the test kit's fake service (a local HTTP server)", async () => {
    const fake = await startFakeService({ schema: sdk.schema, validators: {}, behaviours: { ConverseStream: () => ({ stream: converse() }) }, createState: () => ({}) });
    try {
      const client = new sdk.BedrockRuntimeClient({ ...fake.clientConfig, maxAttempts: 1 });
      const output = await client.send(new sdk.ConverseStreamCommand({ modelId: "m", messages: [] }));
      const { events, error } = await readAll(output.stream);
      expect(events).toHaveLength(3);
      expect(events[1]).toEqual({ contentBlockDelta: { contentBlockIndex: 0, delta: { text: "Hi!" } } });
      expect(error).toBeInstanceOf(sdk.ThrottlingException);
    } finally {
      await fake.close();
    }
  });

  it("stops a stream the caller aborts (the abort signal of send reaches the connection)", async () => {
    frames = [eventFrame("messageStart", { role: "assistant" })];
    stall = true;
    try {
      const controller = new AbortController();
      const output = await client().send(new sdk.ConverseStreamCommand({ modelId: "m", messages: [] }), { abortSignal: controller.signal });
      const events: unknown[] = [];
      const error = await (async () => {
        for await (const event of output.stream) {
          events.push(event);
          controller.abort();
        }
      })().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(events).toEqual([{ messageStart: { role: "assistant" } }]);
      // The connection closed under the stream (Node reports the abort as a reset), not a malformed stream.
      expect(["AbortError", "TransportError"]).toContain((error as Error).name);
    } finally {
      stall = false;
    }
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

/** Splits a byte stream into event stream messages (each starts with its total length) as they complete. */
async function* messagesOf(chunks: AsyncIterable<Uint8Array>): AsyncIterable<Message> {
  let pending = new Uint8Array();
  for await (const chunk of chunks) {
    const joined = new Uint8Array(pending.byteLength + chunk.byteLength);
    joined.set(pending);
    joined.set(chunk, pending.byteLength);
    pending = joined;
    while (pending.byteLength >= 4) {
      const length = new DataView(pending.buffer, pending.byteOffset, 4).getUint32(0);
      if (pending.byteLength < length) break;
      yield codec.decode(pending.subarray(0, length));
      pending = pending.subarray(length);
    }
  }
}

describe("Transcribe Streaming StartStreamTranscription against a local HTTP/2 event-stream server", () => {
  let sdk: any;
  let server: Http2Server;
  let endpoint: string;
  const signer = new SignatureV4({ credentials: CREDENTIALS, region: "us-east-1", service: "transcribe", sha256: Sha256 });
  const seen: { headers?: IncomingHttpHeaders; audio: string[]; signaturesChecked: number; endFrame: boolean } = { audio: [], signaturesChecked: 0, endFrame: false };

  beforeAll(async () => {
    sdk = await generate("transcribe-streaming-2017-10-26.json", "transcribe-stream", ["com.amazonaws.transcribestreaming#StartStreamTranscription"]);
    server = createHttp2Server();
    server.on("stream", (stream: ServerHttp2Stream, headers: IncomingHttpHeaders) => {
      void (async () => {
        seen.headers = headers;
        // The transcript stream starts before the audio ends: a bidirectional stream.
        stream.respond({ [constants.HTTP2_HEADER_STATUS]: 200, "content-type": "application/vnd.amazon.eventstream", "x-amzn-request-id": "req-2", "x-amzn-transcribe-sample-rate": "16000" });
        let prior = /Signature=([0-9a-f]{64})/.exec(String(headers.authorization))?.[1] ?? "";
        for await (const envelope of messagesOf(stream)) {
          const date = envelope.headers[":date"]!.value as Date;
          const expected = await signer.signMessage({ message: { headers: { ":date": envelope.headers[":date"]! }, body: envelope.body }, priorSignature: prior }, { signingDate: date, signingRegion: "us-east-1", signingService: "transcribe" });
          const actual = Buffer.from(envelope.headers[":chunk-signature"]!.value as Uint8Array).toString("hex");
          if (actual !== expected.signature) throw new Error(`bad chunk signature ${actual}, expected ${expected.signature}`);
          seen.signaturesChecked++;
          prior = actual;
          if (envelope.body.byteLength === 0) {
            seen.endFrame = true;
            break;
          }
          const audio = codec.decode(envelope.body);
          expect(audio.headers[":event-type"]).toEqual({ type: "string", value: "AudioEvent" });
          const text = toUtf8(audio.body);
          seen.audio.push(text);
          stream.write(eventFrame("TranscriptEvent", { Transcript: { Results: [{ ResultId: `r${seen.audio.length}`, IsPartial: false, Alternatives: [{ Transcript: `heard ${text}` }] }] } }));
        }
        stream.end();
      })().catch((error: unknown) => stream.destroy(error as Error));
    });
    endpoint = await listen(server);
  }, 600_000);

  afterAll(async () => {
    server?.close();
    if (!process.env.SDKGEN_KEEP_GENERATED) for (const kind of ["types", "client"]) rmSync(join(OUT, `transcribe-stream-${kind}`), { recursive: true, force: true });
  });

  it("the test kit's mock handler reads the input events back and answers with an event stream", async () => {
    const mock = new MockRequestHandler<any>(sdk.schema);
    mock.on("StartStreamTranscription").respondsWith((request) => {
      const audio = (request.input!.AudioStream as { AudioEvent: { AudioChunk: Uint8Array } }[]).map((e) => new TextDecoder().decode(e.AudioEvent.AudioChunk));
      const events = audio.map((text) => ({ TranscriptEvent: { Transcript: { Results: [{ ResultId: text, Alternatives: [{ Transcript: text.toUpperCase() }] }] } } }));
      return { statusCode: 200, headers: { "content-type": "application/vnd.amazon.eventstream" }, body: encodeEventStream(sdk.schema, "TranscriptResultStream", events) };
    });
    const client = new sdk.TranscribeStreamingClient({ region: "us-east-1", credentials: CREDENTIALS, requestHandler: mock });
    async function* audio() {
      yield { AudioEvent: { AudioChunk: new TextEncoder().encode("a") } };
      yield { AudioEvent: { AudioChunk: new TextEncoder().encode("b") } };
    }
    const output = await client.send(new sdk.StartStreamTranscriptionCommand({ MediaSampleRateHertz: 16000, MediaEncoding: "pcm", AudioStream: audio() }));
    const transcripts: string[] = [];
    for await (const event of output.TranscriptResultStream) transcripts.push(event.TranscriptEvent.Transcript.Results[0].Alternatives[0].Transcript);
    expect(transcripts).toEqual(["A", "B"]);
    expect(mock.requests[0]!.headers["x-amz-content-sha256"]).toBe("STREAMING-AWS4-HMAC-SHA256-EVENTS");
  });

  it("the test kit's fake checks every message's chained signature and gives the behaviour the events", async () => {
    const received: string[] = [];
    const fake = await startFakeService({
      schema: sdk.schema,
      validators: {},
      createState: () => ({}),
      behaviours: {
        StartStreamTranscription: (input: { AudioStream: { AudioEvent: { AudioChunk: Uint8Array } }[] }) => {
          for (const event of input.AudioStream) received.push(new TextDecoder().decode(event.AudioEvent.AudioChunk));
          return { TranscriptResultStream: [{ TranscriptEvent: { Transcript: { Results: [{ ResultId: "r", Alternatives: [{ Transcript: received.join(" ") }] }] } } }] };
        },
      },
    });
    async function* audio() {
      for (const chunk of ["x", "y"]) yield { AudioEvent: { AudioChunk: new TextEncoder().encode(chunk) } };
    }
    const send = (credentials: typeof CREDENTIALS) =>
      // The fake speaks HTTP/1.1.
      new sdk.TranscribeStreamingClient({ ...fake.clientConfig, credentials, requestHandler: new NodeHttpHandler(), maxAttempts: 1 }).send(
        new sdk.StartStreamTranscriptionCommand({ MediaSampleRateHertz: 16000, MediaEncoding: "pcm", AudioStream: audio() }),
      );
    try {
      const output = await send(fake.clientConfig.credentials);
      const transcripts: string[] = [];
      for await (const event of output.TranscriptResultStream) transcripts.push(event.TranscriptEvent.Transcript.Results[0].Alternatives[0].Transcript);
      expect(transcripts).toEqual(["x y"]);
      // A stream signed with another secret (its request signature is refused first, as any).
      const wrong = await send({ ...fake.clientConfig.credentials, secretAccessKey: "not-the-secret" }).catch((e: unknown) => e);
      expect(wrong).toMatchObject({ name: "InvalidSignatureException" });
    } finally {
      await fake.close();
    }
  });

  it("does not retry a call whose input events were sent (they are read once): the first error is thrown", async () => {
    const mock = new MockRequestHandler<any>(sdk.schema);
    mock.on("StartStreamTranscription").throttles(1);
    const client = new sdk.TranscribeStreamingClient({ region: "us-east-1", credentials: CREDENTIALS, requestHandler: mock, maxAttempts: 3, logger: { debug() {}, info() {}, warn() {}, error() {} } });
    async function* audio() {
      yield { AudioEvent: { AudioChunk: new TextEncoder().encode("a") } };
    }
    const error = await client.send(new sdk.StartStreamTranscriptionCommand({ MediaSampleRateHertz: 16000, MediaEncoding: "pcm", AudioStream: audio() })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(sdk.TranscribeStreamingServiceException);
    expect((error as { $metadata: { httpStatusCode?: number } }).$metadata.httpStatusCode).toBe(429);
    expect(mock.requests).toHaveLength(1);
  });

  it("sends signed audio events over HTTP/2 and reads the transcript events as they come", async () => {
    const client = new sdk.TranscribeStreamingClient({ region: "us-east-1", endpoint, credentials: CREDENTIALS, maxAttempts: 1 });
    expect(client.config.requestHandler.metadata.handlerProtocol).toBe("h2");
    const transcripts: string[] = [];
    /** Each audio chunk is sent once the transcript of the one before it is in, so both directions are open at once. */
    let heard: () => void = () => {};
    async function* audio() {
      for (const chunk of ["one", "two", "three"]) {
        const next = new Promise<void>((resolve) => (heard = resolve));
        yield { AudioEvent: { AudioChunk: new TextEncoder().encode(chunk) } };
        await next;
      }
    }
    try {
      const output = await client.send(new sdk.StartStreamTranscriptionCommand({ LanguageCode: "en-US", MediaSampleRateHertz: 16000, MediaEncoding: "pcm", AudioStream: audio() }));
      expect(output).toMatchObject({ RequestId: "req-2", MediaSampleRateHertz: 16000 });
      for await (const event of output.TranscriptResultStream) {
        transcripts.push(event.TranscriptEvent.Transcript.Results[0].Alternatives[0].Transcript);
        heard();
      }
    } finally {
      client.destroy();
    }
    expect(transcripts).toEqual(["heard one", "heard two", "heard three"]);
    expect(seen.audio).toEqual(["one", "two", "three"]);
    // Three audio events and the signed empty end frame, each signature chained to the one before.
    expect(seen.signaturesChecked).toBe(4);
    expect(seen.endFrame).toBe(true);
    expect(seen.headers!["content-type"]).toBe("application/vnd.amazon.eventstream");
    expect(seen.headers!["x-amz-content-sha256"]).toBe("STREAMING-AWS4-HMAC-SHA256-EVENTS");
    expect(seen.headers!.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/transcribe\/aws4_request, /);
  });
});
