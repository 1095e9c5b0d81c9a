/** The awsJson error reader: where the code comes from, and the awsQueryCompatible codes. */
import { HttpResponse } from "@smithy/core/protocols";
import { describe, expect, it } from "vitest";
import { NumericValue } from "@smithy/core/serde";
import { InputValidationError, bigNumberString, readJsonRpcErrorResponse, readRpcV2JsonErrorResponse } from "../src/index.js";
import type { SerdeContext } from "../src/serde.js";

const context = {} as SerdeContext;

function response(headers: Record<string, string>, body: unknown): HttpResponse {
  return new HttpResponse({ statusCode: 400, headers, body: typeof body === "string" ? body : JSON.stringify(body) });
}

describe("readJsonRpcErrorResponse", () => {
  it("takes the body's __type before its code and the x-amzn-errortype header, sanitized", async () => {
    const parsed = await readJsonRpcErrorResponse(
      response({ "x-amzn-errortype": "FromHeader" }, { __type: "aws.protocoltests.restjson#FooError:http://internal.amazon.com/", code: "FromCode", message: "m" }),
      context,
    );
    expect(parsed).toMatchObject({ code: "FooError", message: "m", statusCode: 400 });
    expect((await readJsonRpcErrorResponse(response({ "x-amzn-errortype": "FooError:http://x" }, {}), context)).code).toBe("FooError");
    expect((await readJsonRpcErrorResponse(response({}, "<html>"), context)).code).toBeUndefined();
  });

  it("for an awsQueryCompatible service, maps the x-amzn-query-error code to the modelled error", async () => {
    const codes = { "AWS.SimpleQueueService.NonExistentQueue": "QueueDoesNotExist", QueueDoesNotExist: "QueueDoesNotExist" };
    const header = { "x-amzn-query-error": "AWS.SimpleQueueService.NonExistentQueue;Sender" };
    const parsed = await readJsonRpcErrorResponse(response(header, { __type: "com.amazonaws.sqs#QueueDoesNotExist" }), context, codes);
    expect(parsed.code).toBe("QueueDoesNotExist");
    expect(parsed.queryError).toEqual({ Code: "AWS.SimpleQueueService.NonExistentQueue", Type: "Sender" });
    // An unknown awsQuery code: the body's modelled error, else the awsQuery code.
    const unknown = { "x-amzn-query-error": "Gone;Receiver" };
    expect((await readJsonRpcErrorResponse(response(unknown, { __type: "QueueDoesNotExist" }), context, codes)).code).toBe("QueueDoesNotExist");
    expect((await readJsonRpcErrorResponse(response(unknown, { __type: "Other" }), context, codes)).code).toBe("Gone");
  });

  it("never takes an inherited property of the code table for an error name", async () => {
    const parsed = await readJsonRpcErrorResponse(response({ "x-amzn-query-error": "__proto__;Sender" }, { __type: "constructor" }), context, {});
    expect(parsed.code).toBe("__proto__");
  });

  it("ignores x-amzn-query-error for a service that is not awsQueryCompatible", async () => {
    const parsed = await readJsonRpcErrorResponse(response({ "x-amzn-query-error": "Customized;Sender" }, { __type: "Real" }), context);
    expect(parsed).toMatchObject({ code: "Real" });
    expect(parsed.queryError).toBeUndefined();
  });
});

describe("readRpcV2JsonErrorResponse", () => {
  it("takes the body's __type only, without its namespace", async () => {
    const parsed = await readRpcV2JsonErrorResponse(response({ "x-amzn-errortype": "FromHeader" }, { __type: "smithy.example#InvalidGreeting", code: "X", Message: "Hi" }), context);
    expect(parsed).toMatchObject({ code: "InvalidGreeting", message: "Hi" });
    expect((await readRpcV2JsonErrorResponse(response({ "x-amzn-errortype": "FromHeader" }, { code: "X" }), context)).code).toBeUndefined();
  });
});

describe("bigNumberString", () => {
  it("writes the exact digits of a bigint or NumericValue, and refuses what is not a number", () => {
    expect(bigNumberString(-9223372036854775809n)).toBe("-9223372036854775809");
    expect(bigNumberString(new NumericValue("0.100000000000000000000001", "bigDecimal"))).toBe("0.100000000000000000000001");
    expect(() => bigNumberString("12abc", "Input.value")).toThrow(InputValidationError);
  });
});
