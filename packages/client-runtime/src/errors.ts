/**
 * Reading error responses: the error code (restJson1 rules), the parsed body,
 * and the response metadata every error carries.
 */
import { type HttpResponse, loadRestJsonErrorCode } from "@smithy/core/protocols";
import type { ResponseMetadata } from "@smithy/types";
import { type SerdeContext, collectBodyString } from "./serde.js";

export interface ErrorResponse {
  statusCode: number;
  /** The sanitized error code, e.g. `ThrottlingException`; undefined when the response has none. */
  code: string | undefined;
  /** The parsed JSON body, or `{}` when the body is empty or not JSON. */
  body: Record<string, unknown>;
  /** The body as text, exactly as received. */
  text: string;
  /** The human-readable message, when the body has one. */
  message: string | undefined;
  metadata: ResponseMetadata;
}

export function metadataOf(response: HttpResponse): ResponseMetadata {
  const h = response.headers;
  return {
    httpStatusCode: response.statusCode,
    requestId: h["x-amzn-requestid"] ?? h["x-amzn-request-id"] ?? h["x-amz-request-id"],
    extendedRequestId: h["x-amz-id-2"],
    cfId: h["x-amz-cf-id"],
  };
}

/**
 * Reads an error response. Never throws on bad bodies: an HTML page, an empty
 * body or malformed JSON yields an empty `body` and keeps the raw `text`.
 */
export async function readErrorResponse(response: HttpResponse, context: SerdeContext): Promise<ErrorResponse> {
  const text = await collectBodyString(response.body, context);
  // Keep the raw body on the response, which errors expose as `$response`.
  response.body = text;
  let body: Record<string, unknown> = {};
  if (text.trim() !== "") {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
    } catch {
      // Not JSON: the code can still come from the header, the text stays on $response.
    }
  }
  // @smithy's reading of a restJson1 error code: the `x-amzn-errortype` header, else `code` or
  // `__type` in the body; a header sent twice arrives comma-joined, and the first one counts.
  const raw = loadRestJsonErrorCode(response, body) as unknown;
  const message = stringOrUndefined(body.message) ?? stringOrUndefined(body.Message) ?? stringOrUndefined(body.errorMessage);
  return { statusCode: response.statusCode, code: (typeof raw === "string" && raw.trim()) || undefined, body, text, message, metadata: metadataOf(response) };
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
