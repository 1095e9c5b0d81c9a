/**
 * Event streams in the wire code the mock handler and the fake share: an output's events encoded
 * as the service sends them (headers, payloads, JSON bodies, exceptions), and an input's events
 * read back from their signed envelopes.
 */
import { EventStreamCodec } from "@smithy/core/event-streams";
import { fromUtf8, toUtf8 } from "@smithy/core/serde";
import type { Message } from "@smithy/types";
import { describe, expect, it } from "vitest";
import { HttpRequest } from "@smithy/core/protocols";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { type ServiceSchema, collectEventStreams, decodeEventStream, encodeEventStream, eventStreamOf, writeResponse } from "../src/index.js";
import { verifySignature } from "../src/sigv4.js";

const codec = new EventStreamCodec(toUtf8, fromUtf8);

const schema: ServiceSchema = {
  service: { id: "ex#Svc", sdkId: "Ex", version: "1" },
  validationError: "ValidationException",
  operations: { Chat: { method: "POST", uri: "/chat", code: 200, input: "ChatInput", output: "ChatOutput", errors: [] } },
  shapes: {
    ChatInput: { type: "structure", members: {} },
    ChatOutput: { type: "structure", members: { id: { target: "String", header: "x-id" }, stream: { target: "Stream", payload: true } } },
    Stream: { type: "union", streaming: true, members: { text: { target: "TextEvent" }, raw: { target: "RawEvent" }, boom: { target: "Boom" } } },
    TextEvent: { type: "structure", members: { seq: { target: "Long", eventHeader: true }, text: { target: "String" } } },
    RawEvent: { type: "structure", members: { bytes: { target: "Blob", eventPayload: true } } },
    Boom: { type: "structure", members: { message: { target: "String" } }, error: { code: "Boom", status: 400, fault: "client" } },
    String: { type: "string" },
    Long: { type: "long" },
    Blob: { type: "blob" },
  },
};

function split(bytes: Uint8Array): Message[] {
  const out: Message[] = [];
  for (let at = 0; at < bytes.byteLength; ) {
    const length = new DataView(bytes.buffer, bytes.byteOffset + at, 4).getUint32(0);
    out.push(codec.decode(bytes.subarray(at, at + length)));
    at += length;
  }
  return out;
}

describe("event streams in the wire code", () => {
  it("writes an output's events as messages, after collecting an async iterable", async () => {
    const output = await collectEventStreams({ id: "c-1", stream: eventStreamOf([{ text: { seq: 1, text: "hi" } }, { raw: { bytes: new Uint8Array([1, 2]) } }, { boom: { message: "no" } }]) });
    const response = writeResponse(schema, "Chat", output);
    expect(response.headers).toMatchObject({ "x-id": "c-1", "content-type": "application/vnd.amazon.eventstream" });
    const [text, raw, boom] = split(response.body as Uint8Array);
    expect(text!.headers).toMatchObject({ ":message-type": { value: "event" }, ":event-type": { value: "text" }, ":content-type": { value: "application/json" } });
    expect(text!.headers.seq!.type).toBe("long");
    expect(Number(text!.headers.seq!.value.valueOf())).toBe(1);
    expect(JSON.parse(toUtf8(text!.body))).toEqual({ text: "hi" });
    expect(raw!.headers[":content-type"]!.value).toBe("application/octet-stream");
    expect([...raw!.body]).toEqual([1, 2]);
    expect(boom!.headers).toMatchObject({ ":message-type": { value: "exception" }, ":exception-type": { value: "boom" } });
    expect(JSON.parse(toUtf8(boom!.body))).toEqual({ message: "no" });
  });

  it("refuses an event with no member or two members set", () => {
    expect(() => encodeEventStream(schema, "Stream", [{}])).toThrow(/exactly one/);
    expect(() => encodeEventStream(schema, "Stream", [{ text: {}, raw: {} }])).toThrow(/exactly one/);
  });

  it("reads an input's events back from their signed envelopes", () => {
    const inner = split(encodeEventStream(schema, "Stream", [{ text: { seq: 7, text: "yo" } }, { raw: { bytes: new Uint8Array([9]) } }]));
    const envelope = (body: Uint8Array) => codec.encode({ headers: { ":date": { type: "timestamp", value: new Date(0) }, ":chunk-signature": { type: "binary", value: new Uint8Array(32) } }, body });
    const body = Buffer.concat([...inner.map((m) => envelope(codec.encode(m))), envelope(new Uint8Array())]);
    expect(decodeEventStream(schema, "Stream", body)).toEqual([{ text: { seq: 7, text: "yo" } }, { raw: { bytes: new Uint8Array([9]) } }]);
  });
});

describe("the signatures of an input event stream", () => {
  const credentials = { accessKeyId: "AKID", secretAccessKey: "SECRET" };
  const signer = new SignatureV4({ credentials, region: "us-east-1", service: "svc", sha256: Hash.bind(null, "sha256"), uriEscapePath: true });
  const now = new Date("2024-05-01T10:00:00Z");

  /** A request signed as the client signs it, and its body of envelopes; `tamper` changes a message after signing. */
  async function signedRequest(tamper = false) {
    const headers = { host: "localhost", "content-type": "application/vnd.amazon.eventstream", "x-amz-content-sha256": "STREAMING-AWS4-HMAC-SHA256-EVENTS" };
    const signed = await signer.sign(new HttpRequest({ method: "POST", protocol: "http:", hostname: "localhost", path: "/chat", headers }), { signingDate: now });
    let prior = /Signature=([0-9a-f]{64})/.exec(signed.headers.authorization!)![1]!;
    const messages = [...split(encodeEventStream(schema, "Stream", [{ text: { text: "a" } }, { text: { text: "b" } }])).map((m) => codec.encode(m)), new Uint8Array()];
    const envelopes: Uint8Array[] = [];
    for (const body of messages) {
      const date = { type: "timestamp" as const, value: now };
      const { signature } = await signer.signMessage({ message: { headers: { ":date": date }, body }, priorSignature: prior }, { signingDate: now, signingRegion: "us-east-1", signingService: "svc" });
      prior = signature;
      const sent = tamper && envelopes.length === 1 ? codec.encode({ headers: { ":message-type": { type: "string", value: "event" }, ":event-type": { type: "string", value: "text" } }, body: fromUtf8('{"text":"B"}') }) : body;
      envelopes.push(codec.encode({ headers: { ":date": date, ":chunk-signature": { type: "binary", value: Buffer.from(signature, "hex") } }, body: sent }));
    }
    const lower = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v]));
    return { method: "POST", path: "/chat", query: {}, headers: lower, hostname: "localhost", body: Buffer.concat(envelopes) };
  }

  it("accepts a chain signed as the AWS SDK signs it, and refuses a message changed after signing", async () => {
    const check = { credentials, region: "us-east-1", service: "svc", now };
    expect(await verifySignature(await signedRequest(), check)).toBeUndefined();
    expect(await verifySignature(await signedRequest(true), check)).toMatchObject({ code: "InvalidSignatureException", message: expect.stringContaining("chunk-signature") });
  });
});
