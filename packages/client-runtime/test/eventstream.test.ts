/**
 * The event stream runtime on its own: reading a response body however it arrives (bytes one at a
 * time, a web stream), the typed errors of each kind of bad message, releasing the body when the
 * caller stops early, and the signed envelopes of an input stream.
 */
import { Readable } from "node:stream";
import { EventStreamCodec } from "@smithy/core/event-streams";
import { fromUtf8, toUtf8 } from "@smithy/core/serde";
import { Sha256 } from "@smithy/core/checksum";
import { SignatureV4 } from "@smithy/signature-v4";
import type { Message } from "@smithy/types";
import { describe, expect, it } from "vitest";
import { HttpResponse } from "@smithy/core/protocols";
import { ServiceException, type SerdeContext, eventHeader, eventText, finishEventStreamBody, readEventStream, writeEventStream, eventMessage } from "../src/index.js";

const codec = new EventStreamCodec(toUtf8, fromUtf8);

class MyServiceException extends ServiceException {}
class BoomError extends MyServiceException {}

const context = { service: { exception: MyServiceException } } as unknown as SerdeContext;

const reader = {
  event: (type: string, message: Message) => (type === "text" ? { text: eventText(message), n: eventHeader(message, "n", "number") } : undefined),
  exception: (type: string, message: Message) => (type === "boom" ? new BoomError({ name: "BoomError", $fault: "client", $metadata: {}, message: eventText(message) }) : undefined),
};

function frame(headers: Record<string, string>, body = ""): Uint8Array {
  return codec.encode({ headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, { type: "string", value: v }])), body: fromUtf8(body) });
}

const text = (body: string) => frame({ ":message-type": "event", ":event-type": "text" }, body);

function response(body: unknown): HttpResponse {
  return new HttpResponse({ statusCode: 200, headers: { "x-amzn-requestid": "r-1" }, body });
}

async function read(body: unknown): Promise<{ events: unknown[]; error: unknown }> {
  const events: unknown[] = [];
  try {
    for await (const event of readEventStream(response(body), context, reader)) events.push(event);
    return { events, error: undefined };
  } catch (error) {
    return { events, error };
  }
}

describe("readEventStream", () => {
  it("reads messages split anywhere (one byte per chunk), skipping unknown event types", async () => {
    const bytes = Buffer.concat([text("a"), frame({ ":message-type": "event", ":event-type": "later" }, "x"), text("b")]);
    const { events, error } = await read(Readable.from([...bytes].map((b) => Buffer.from([b]))));
    expect(error).toBeUndefined();
    expect(events).toEqual([{ text: "a" }, { text: "b" }]);
  });

  it("reads a web ReadableStream body (fetch) and typed headers", async () => {
    const message = codec.encode({ headers: { ":message-type": { type: "string", value: "event" }, ":event-type": { type: "string", value: "text" }, n: { type: "integer", value: 7 } }, body: fromUtf8("w") });
    const { events } = await read(new Blob([message as BlobPart]).stream());
    expect(events).toEqual([{ text: "w", n: 7 }]);
  });

  it("throws a modelled exception message as its class, and an unmodelled one or an error message as the service's exception", async () => {
    const modelled = await read(Buffer.concat([text("a"), frame({ ":message-type": "exception", ":exception-type": "boom" }, "it broke")]));
    expect(modelled.events).toEqual([{ text: "a" }]);
    expect(modelled.error).toBeInstanceOf(BoomError);
    expect(modelled.error).toMatchObject({ message: "it broke", $metadata: { httpStatusCode: 200, requestId: "r-1" } });

    const unmodelled = await read(frame({ ":message-type": "exception", ":exception-type": "Other" }, "no class"));
    expect(unmodelled.error).toBeInstanceOf(MyServiceException);
    expect(unmodelled.error).toMatchObject({ name: "Other", message: "no class", $fault: "server" });

    const error = await read(frame({ ":message-type": "error", ":error-code": "InternalError", ":error-message": "oops" }));
    expect(error.error).toBeInstanceOf(MyServiceException);
    expect(error.error).toMatchObject({ name: "InternalError", message: "oops" });
  });

  it("refuses a corrupt or truncated frame, a missing :message-type or :event-type, and an event that does not match the model with DeserializationError", async () => {
    const corrupt = text("a");
    corrupt[corrupt.byteLength - 1] ^= 0xff;
    const cases = [
      corrupt,
      frame({ ":event-type": "text" }, "a"),
      frame({ ":message-type": "event" }, "a"),
      frame({ ":message-type": "surprise", ":event-type": "text" }, "a"),
      codec.encode({ headers: { ":message-type": { type: "string", value: "event" }, ":event-type": { type: "string", value: "text" }, n: { type: "string", value: "7" } }, body: new Uint8Array() }),
      text("a").subarray(0, 20),
    ];
    for (const bytes of cases) {
      const { error } = await read(Buffer.from(bytes));
      expect(error, Buffer.from(bytes).toString("hex")).toBeInstanceOf(MyServiceException);
      expect(error).toMatchObject({ name: "DeserializationError", $fault: "client" });
    }
  });

  it("throws a connection cut mid-stream as a TransportError, not as a malformed stream", async () => {
    const body = Readable.from((async function* () {
      yield Buffer.from(text("a"));
      throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    })());
    const { events, error } = await read(body);
    expect(events).toEqual([{ text: "a" }]);
    expect(error).toMatchObject({ name: "TransportError", code: "ECONNRESET", message: expect.stringContaining("cut off") });
  });

  it("releases the response body when the caller stops early", async () => {
    const body = Readable.from((function* () {
      for (let i = 0; i < 1000; i++) yield Buffer.from(text(String(i)));
    })());
    for await (const _ of readEventStream(response(body), context, reader)) break;
    expect(body.destroyed).toBe(true);
  });
});

describe("writeEventStream", () => {
  const serialize = (event: { text: string }) => eventMessage("text", {}, { contentType: "text/plain", bytes: event.text });
  async function* events() {
    yield { text: "a" };
    yield { text: "b" };
  }
  async function bytesOf(body: unknown): Promise<Uint8Array> {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  function split(bytes: Uint8Array): Message[] {
    const out: Message[] = [];
    for (let at = 0; at < bytes.byteLength; ) {
      const length = new DataView(bytes.buffer, bytes.byteOffset + at, 4).getUint32(0);
      out.push(codec.decode(bytes.subarray(at, at + length)));
      at += length;
    }
    return out;
  }

  it("encodes the events as messages (unsigned: as they are)", async () => {
    const body = await finishEventStreamBody(writeEventStream(events(), context, serialize));
    expect(body).toBeInstanceOf(Readable);
    const messages = split(await bytesOf(body));
    expect(messages.map((m) => [m.headers[":message-type"]?.value, m.headers[":event-type"]?.value, m.headers[":content-type"]?.value, toUtf8(m.body)])).toEqual([
      ["event", "text", "text/plain", "a"],
      ["event", "text", "text/plain", "b"],
    ]);
  });

  it("signs each message in an envelope chained from the request's signature, ending with a signed empty message", async () => {
    const credentials = { accessKeyId: "AKID", secretAccessKey: "SECRET" };
    const signer = new SignatureV4({ credentials, region: "us-west-2", service: "svc", sha256: Sha256 });
    const seed = "a".repeat(64);
    const body = await finishEventStreamBody(writeEventStream(events(), context, serialize), {
      signer,
      request: { headers: { authorization: `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-west-2/svc/aws4_request, SignedHeaders=host, Signature=${seed}` } },
      signingRegion: "us-west-2",
      signingName: "svc",
      config: { systemClockOffset: 0 },
    });
    const envelopes = split(await bytesOf(body));
    expect(envelopes).toHaveLength(3);
    let prior = seed;
    for (const envelope of envelopes) {
      const date = envelope.headers[":date"]!;
      const expected = await new SignatureV4({ credentials, region: "us-west-2", service: "svc", sha256: Sha256 }).signMessage(
        { message: { headers: { ":date": date }, body: envelope.body }, priorSignature: prior },
        { signingDate: date.value as Date, signingRegion: "us-west-2", signingService: "svc" },
      );
      expect(Buffer.from(envelope.headers[":chunk-signature"]!.value as Uint8Array).toString("hex")).toBe(expected.signature);
      prior = expected.signature;
    }
    expect(split(envelopes[0]!.body).map((m) => toUtf8(m.body))).toEqual(["a"]);
    expect(envelopes[2]!.body.byteLength).toBe(0);
  });

  it("is sent once: a retry would resend only the events the first attempt did not read", async () => {
    const body = writeEventStream(events(), context, serialize);
    await bytesOf(await finishEventStreamBody(body));
    await expect(finishEventStreamBody(body)).rejects.toThrow(/cannot be sent twice/);
  });

  it("refuses an input stream that is not iterable with a clear error", async () => {
    const body = await finishEventStreamBody(writeEventStream(42 as never, context, serialize));
    await expect(bytesOf(body)).rejects.toThrow(/AsyncIterable/);
  });
});
