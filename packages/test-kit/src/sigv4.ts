/**
 * Verifies AWS Signature Version 4 on a received request the way AWS does:
 * the header must be well formed and scoped to this Region and service,
 * signed with a known access key, dated within five minutes, cover `host`,
 * and carry the signature `@smithy/signature-v4` computes over the request as
 * received (method, path, query, the signed headers and the body's hash).
 *
 * It can run before the body is read: every check but the body's hash is
 * made then, and the signature itself too when it covers a declared
 * `x-amz-content-sha256` (the signer uses that header instead of hashing the
 * body). So a request that is not properly signed is refused without
 * reading its body; a second call with the body completes the check.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { EventStreamCodec } from "@smithy/core/event-streams";
import { HttpRequest } from "@smithy/core/protocols";
import { fromUtf8, toUtf8 } from "@smithy/core/serde";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import type { RawRequest } from "./wire.js";

export interface TestCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignatureCheck {
  credentials: TestCredentials;
  region: string;
  service: string;
  now: Date;
  /** Largest accepted difference between `x-amz-date` and `now` (AWS: 5 minutes). */
  maxSkewMs?: number;
}

/** Why a request was refused: the error code and message AWS would send, with HTTP 403. */
export interface SignatureFailure {
  code: "MissingAuthenticationTokenException" | "IncompleteSignatureException" | "InvalidSignatureException" | "UnrecognizedClientException";
  message: string;
}

const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;\-_.]+),\s*Signature=([0-9a-f]{64})$/;

/**
 * Undefined when the signature is good (or, with `body` undefined, nothing is wrong so far);
 * otherwise what is wrong with it.
 */
export async function verifySignature(request: Omit<RawRequest, "body"> & { body?: Uint8Array; hostname?: string }, check: SignatureCheck): Promise<SignatureFailure | undefined> {
  const authorization = request.headers.authorization;
  if (authorization === undefined) return { code: "MissingAuthenticationTokenException", message: "Missing Authentication Token" };
  const m = AUTH.exec(authorization.trim());
  if (!m) {
    return { code: "IncompleteSignatureException", message: `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters (AWS4-HMAC-SHA256). Authorization=${authorization.slice(0, 40)}…` };
  }
  const [, accessKeyId, shortDate, region, service, signedHeaderList, signature] = m as unknown as string[];
  if (accessKeyId !== check.credentials.accessKeyId) return { code: "UnrecognizedClientException", message: "The security token included in the request is invalid." };
  if (check.credentials.sessionToken !== undefined && request.headers["x-amz-security-token"] !== check.credentials.sessionToken) {
    return { code: "UnrecognizedClientException", message: "The security token included in the request is invalid." };
  }
  if (region !== check.region) return { code: "InvalidSignatureException", message: `Credential should be scoped to a valid region, not '${region}'.` };
  if (service !== check.service) return { code: "InvalidSignatureException", message: `Credential should be scoped to correct service: '${check.service}'.` };
  const signedHeaders = signedHeaderList!.split(";");
  if (!signedHeaders.includes("host")) return { code: "IncompleteSignatureException", message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization." };
  const amzDate = request.headers["x-amz-date"];
  const signingDate = amzDate === undefined ? undefined : parseAmzDate(amzDate);
  if (!signingDate) return { code: "IncompleteSignatureException", message: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header." };
  if (!amzDate!.startsWith(shortDate!)) return { code: "InvalidSignatureException", message: `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${shortDate}' != '${amzDate!.slice(0, 8)}'.` };
  const skew = check.maxSkewMs ?? 300_000;
  if (Math.abs(check.now.getTime() - signingDate.getTime()) > skew) {
    const limit = new Date(check.now.getTime() - skew);
    return {
      code: "InvalidSignatureException",
      message: `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(limit)} (${formatAmzDate(check.now)} - 5 min.)`,
    };
  }
  for (const name of signedHeaders) {
    if (request.headers[name] === undefined) return { code: "InvalidSignatureException", message: `The request signature we calculated does not match the signature you provided: signed header '${name}' is missing.` };
  }
  const declaredHash = request.headers["x-amz-content-sha256"];
  if (request.body === undefined) {
    // Without the body, the signature can be recomputed only over a declared (signed) payload hash.
    if (declaredHash === undefined || !signedHeaders.includes("x-amz-content-sha256")) return undefined;
  } else if (
    declaredHash !== undefined &&
    declaredHash !== "UNSIGNED-PAYLOAD" &&
    // An input event stream: each message carries its own signature, chained from the request's.
    declaredHash !== "STREAMING-AWS4-HMAC-SHA256-EVENTS" &&
    declaredHash !== createHash("sha256").update(request.body).digest("hex")
  ) {
    return { code: "InvalidSignatureException", message: "The provided 'x-amz-content-sha256' header does not match what was computed." };
  }
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) headers[name] = request.headers[name]!;
  const signer = new SignatureV4({
    credentials: check.credentials,
    region: check.region,
    service: check.service,
    sha256: Hash.bind(null, "sha256"),
    uriEscapePath: true,
    applyChecksum: false,
  });
  const recomputed = await signer.sign(
    new HttpRequest({ method: request.method, protocol: "http:", hostname: request.hostname ?? "localhost", path: request.path, query: request.query, headers, body: request.body }),
    { signingDate, signableHeaders: new Set(signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(recomputed.headers.authorization ?? "")?.[1] ?? "";
  const expectedHeaders = /SignedHeaders=([^,]+)/.exec(recomputed.headers.authorization ?? "")?.[1];
  if (expectedHeaders !== signedHeaderList || expected.length !== signature!.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature!))) {
    return { code: "InvalidSignatureException", message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method." };
  }
  if (request.body !== undefined && declaredHash === "STREAMING-AWS4-HMAC-SHA256-EVENTS") return verifyEventSignatures(request.body, signature!, signer, check);
  return undefined;
}

/**
 * The messages of an input event stream: each in an envelope (`:date`, `:chunk-signature`) whose
 * signature chains from the one before, the request's first, ending with a signed empty message.
 */
async function verifyEventSignatures(body: Uint8Array, seed: string, signer: SignatureV4, check: SignatureCheck): Promise<SignatureFailure | undefined> {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  const refuse = (message: string): SignatureFailure => ({ code: "InvalidSignatureException", message: `The event stream signature is invalid: ${message}.` });
  let prior = seed;
  let ended = false;
  for (let at = 0; at < body.byteLength; ) {
    if (ended) return refuse("a message follows the end of the stream");
    const length = body.byteLength - at >= 4 ? new DataView(body.buffer, body.byteOffset + at, 4).getUint32(0) : 0;
    let envelope;
    try {
      envelope = codec.decode(body.subarray(at, at + length));
    } catch {
      return refuse("a message cannot be decoded");
    }
    at += length;
    const date = envelope.headers[":date"];
    const chunkSignature = envelope.headers[":chunk-signature"];
    if (date?.type !== "timestamp" || chunkSignature?.type !== "binary") return refuse("a message has no :date or :chunk-signature");
    const { signature } = await signer.signMessage(
      { message: { headers: { ":date": date }, body: envelope.body }, priorSignature: prior },
      { signingDate: date.value, signingRegion: check.region, signingService: check.service },
    );
    const expected = Buffer.from(signature, "hex");
    if (expected.byteLength !== chunkSignature.value.byteLength || !timingSafeEqual(expected, chunkSignature.value)) return refuse("a message's :chunk-signature does not match");
    prior = signature;
    ended = envelope.body.byteLength === 0;
  }
  return ended ? undefined : refuse("the stream does not end with a signed empty message");
}

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}
