/**
 * The JSON RPC protocols' own runtime (awsJson1_0, awsJson1_1 and Smithy's rpcv2Json): their
 * error responses, and rpcv2Json's big numbers. Generated serializers write the JSON document
 * and the routing headers; responses are read like restJson1's bodies.
 */
import { type HttpResponse, loadJsonRpcErrorCode, loadSmithyRpcV2JsonErrorCode } from "@smithy/core/protocols";
import { NumericValue } from "@smithy/core/serde";
import { type ErrorResponse, readErrorResponse } from "../errors.js";
import { InputValidationError, type SerdeContext } from "../serde.js";

/** What an `awsQueryCompatible` service says in `x-amzn-query-error: <Code>;<Type>`. */
export interface QueryErrorFields {
  /** The error code the service's awsQuery API returned, e.g. `AWS.SimpleQueueService.NonExistentQueue`. */
  Code: string;
  /** `Sender` or `Receiver`. */
  Type: string | undefined;
}

export interface JsonRpcErrorResponse extends ErrorResponse {
  /** Set for an `awsQueryCompatible` service whose response has an `x-amzn-query-error` header. */
  queryError?: QueryErrorFields;
}

/**
 * Reads an awsJson error response: the error code comes from the body's `__type`, else its
 * `code`, else the `x-amzn-errortype` header, sanitized by `@smithy/core` (`ns#Name:uri,x` →
 * `Name`). For an `awsQueryCompatible` service, `queryCodes` maps the service's awsQuery error
 * codes (and its error names) to error names; the `x-amzn-query-error` code wins when it names a
 * modelled error, as in the AWS SDK, and is kept on the response either way.
 */
export async function readJsonRpcErrorResponse(
  response: HttpResponse,
  context: SerdeContext,
  queryCodes?: Readonly<Record<string, string>>,
): Promise<JsonRpcErrorResponse> {
  const parsed: JsonRpcErrorResponse = await readErrorResponse(response, context);
  return withErrorCode(parsed, response, loadJsonRpcErrorCode(response, parsed.body, queryCodes !== undefined), queryCodes);
}

/**
 * Reads an rpcv2Json error response: the code is the body's `__type`, a shape id whose namespace
 * is dropped (`smithy.example#InvalidGreeting` → `InvalidGreeting`: the names of a service's
 * errors are unique); `queryCodes` as for {@link readJsonRpcErrorResponse}.
 */
export async function readRpcV2JsonErrorResponse(
  response: HttpResponse,
  context: SerdeContext,
  queryCodes?: Readonly<Record<string, string>>,
): Promise<JsonRpcErrorResponse> {
  const parsed: JsonRpcErrorResponse = await readErrorResponse(response, context);
  const raw = loadSmithyRpcV2JsonErrorCode(response, parsed.body) as unknown;
  return withErrorCode(parsed, response, typeof raw === "string" ? raw.slice(raw.indexOf("#") + 1) : raw, queryCodes);
}

/** Sets the error code of a JSON RPC or RPC v2 error response (see {@link readJsonRpcErrorResponse}). */
export function withErrorCode(parsed: JsonRpcErrorResponse, response: HttpResponse, raw: unknown, queryCodes: Readonly<Record<string, string>> | undefined): JsonRpcErrorResponse {
  const code = (typeof raw === "string" && raw.trim()) || undefined;
  parsed.code = code;
  const header = queryCodes ? response.headers["x-amzn-query-error"] : undefined;
  if (queryCodes && typeof header === "string" && header !== "") {
    const [Code = "", Type] = header.split(";");
    parsed.queryError = { Code, Type: Type || undefined };
    // Own properties only: a header saying `constructor` or `__proto__` names no error.
    const known = (name: string | undefined) => (name !== undefined && Object.hasOwn(queryCodes, name) ? queryCodes[name] : undefined);
    parsed.code = known(Code) ?? known(code) ?? (Code || code);
  }
  return parsed;
}

/**
 * An rpcv2Json `bigInteger` or `bigDecimal`: a JSON string of its exact digits (the protocol's
 * rule, so that no JSON parser rounds it).
 */
export function bigNumberString(value: bigint | NumericValue | number | string, where = "value"): string {
  const text = typeof value === "bigint" ? value.toString() : value instanceof NumericValue ? value.string : String(value).trim();
  if (!/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(text)) throw new InputValidationError(`Input member '${where}' must be a number.`, where);
  return text;
}
