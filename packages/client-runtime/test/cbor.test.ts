/** rpcv2Cbor's runtime: CBOR leaves and the error reader. */
import { cbor, tag } from "@smithy/core/cbor";
import { HttpResponse } from "@smithy/core/protocols";
import { describe, expect, it } from "vitest";
import { cborBlob, cborTimestamp, parseCborBlob, parseCborDocument, parseCborTimestamp, readRpcV2CborErrorResponse, serializeCbor } from "../src/index.js";
import type { SerdeContext } from "../src/serde.js";

const context = {} as SerdeContext;

describe("CBOR leaves", () => {
  it("writes a timestamp as tag 1 of epoch seconds and reads it back, with milliseconds", () => {
    const date = new Date("2000-01-02T20:34:56.123Z");
    const decoded = cbor.deserialize(serializeCbor({ t: cborTimestamp(date) })) as { t: { tag: number; value: number } };
    expect(decoded.t).toMatchObject({ tag: 1, value: 946845296.123 });
    expect(parseCborTimestamp(decoded.t, "Out.t")).toEqual(date);
    expect(parseCborTimestamp(946845296, "Out.t")).toEqual(new Date(946845296000));
  });

  it("refuses a timestamp or blob of the wrong CBOR type, naming where", () => {
    expect(() => parseCborTimestamp("2000-01-02", "Out.t")).toThrow(/Out\.t/);
    expect(() => parseCborTimestamp(tag({ tag: 1, value: "x" }), "Out.t")).toThrow(/Out\.t/);
    expect(() => parseCborBlob("aGk=", "Out.b")).toThrow(/Out\.b/);
  });

  it("sends a blob given as a string as its UTF-8 bytes", () => {
    expect(Uint8Array.from(cborBlob("hi"))).toEqual(new Uint8Array([0x68, 0x69]));
    expect(Uint8Array.from(parseCborBlob(cbor.deserialize(serializeCbor(cborBlob("hi"))), "Out.b")!)).toEqual(new Uint8Array([0x68, 0x69]));
  });

  it("reads an empty body as undefined", async () => {
    expect(await parseCborDocument(new HttpResponse({ statusCode: 200, headers: {}, body: new Uint8Array() }), context)).toBeUndefined();
  });
});

describe("readRpcV2CborErrorResponse", () => {
  const response = (body: Uint8Array, headers: Record<string, string> = {}) => new HttpResponse({ statusCode: 400, headers, body });

  it("takes the code from __type without its namespace, and the message", async () => {
    const parsed = await readRpcV2CborErrorResponse(response(serializeCbor({ __type: "smithy.example#InvalidGreeting", Message: "Hi" })), context);
    expect(parsed).toMatchObject({ code: "InvalidGreeting", message: "Hi", statusCode: 400 });
  });

  it("never throws on a body that is not CBOR (or not a map), and keeps its bytes", async () => {
    const bytes = new TextEncoder().encode("<html>");
    const parsed = await readRpcV2CborErrorResponse(response(bytes), context);
    expect(parsed).toMatchObject({ code: undefined, body: {}, text: Buffer.from(bytes).toString("base64") });
    expect((await readRpcV2CborErrorResponse(response(serializeCbor(["a"])), context)).body).toEqual({});
  });

  it("maps an awsQueryCompatible code to the modelled error", async () => {
    const body = serializeCbor({ __type: "aws.protocoltests.rpcv2cbor#CustomCodeError", message: "Hi" });
    const parsed = await readRpcV2CborErrorResponse(response(body, { "x-amzn-query-error": "Customized;Sender" }), context, { Customized: "CustomCodeError" });
    expect(parsed).toMatchObject({ code: "CustomCodeError", queryError: { Code: "Customized", Type: "Sender" } });
  });
});
