/**
 * The awsJson1_0 / awsJson1_1 protocols' error responses. Requests need nothing of their own
 * here: generated serializers write the JSON document and the `X-Amz-Target` header, and
 * responses are read like restJson1's bodies.
 */
import { type HttpResponse, loadJsonRpcErrorCode } from "@smithy/core/protocols";
import { type ErrorResponse, readErrorResponse } from "../errors.js";
import type { SerdeContext } from "../serde.js";

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
  const raw = loadJsonRpcErrorCode(response, parsed.body, queryCodes !== undefined) as unknown;
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
