/**
 * Sends one operation's request straight over HTTP, from any input — valid
 * or not — signed with SigV4 (or not, or tampered with after signing). This
 * is how tests reach the service's own validation and signature checks,
 * which a careful client never lets a request get to.
 */
import { request as httpRequest } from "node:http";
import { HttpRequest } from "@smithy/core/protocols";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import type { ServiceSchema } from "./schema.js";
import type { TestCredentials } from "./sigv4.js";
import { encodeRfc3986, writeRequest } from "./wire.js";

export interface RawTarget {
  endpoint: string;
  region: string;
  credentials: TestCredentials;
  schema: ServiceSchema;
}

/** A request ready to go on the wire, which `afterSigning` may change. */
export interface WireRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
}

export interface RawSendOptions {
  /** Send without an Authorization header. */
  unsigned?: boolean;
  /** Sign as of this date (default: now). */
  signingDate?: Date;
  /** Sign with these credentials instead of the target's. */
  credentials?: TestCredentials;
  /** Sign for this Region instead of the target's. */
  region?: string;
  /** Sign for this service name instead of the model's signing name. */
  signingName?: string;
  /** Sends this body, signed, instead of the one written from the input: to send a malformed one. */
  body?: string | Uint8Array;
  /** Changes the request after it is signed: to tamper with it. */
  afterSigning?: (request: WireRequest) => void;
}

export interface RawReply {
  statusCode: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json: any;
  /** The error code (`x-amzn-errortype`), for error replies. */
  errorCode: string | undefined;
}

export async function sendRawRequest(target: RawTarget, operation: string, input: Record<string, unknown>, options: RawSendOptions = {}): Promise<RawReply> {
  const url = new URL(target.endpoint);
  const built = writeRequest(target.schema, operation, input);
  const host = url.host;
  let wire: WireRequest = { method: built.method, path: built.path, query: built.query, headers: { ...built.headers, host }, body: options.body ?? built.body };
  if (wire.body !== undefined) wire.headers["content-length"] = String(typeof wire.body === "string" ? Buffer.byteLength(wire.body) : wire.body.byteLength);
  if (!options.unsigned) {
    const service = target.schema.service;
    const signer = new SignatureV4({
      credentials: options.credentials ?? target.credentials,
      region: options.region ?? target.region,
      service: options.signingName ?? service.signingName ?? service.endpointPrefix ?? service.sdkId.toLowerCase(),
      sha256: Hash.bind(null, "sha256"),
      uriEscapePath: true,
      applyChecksum: true,
    });
    const signed = await signer.sign(
      new HttpRequest({ protocol: url.protocol, hostname: url.hostname, port: Number(url.port), method: wire.method, path: wire.path, query: wire.query, headers: wire.headers, body: wire.body }),
      { signingDate: options.signingDate ?? new Date() },
    );
    wire = { ...wire, headers: { ...(signed.headers as Record<string, string>) } };
  }
  options.afterSigning?.(wire);
  const query = Object.entries(wire.query)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((item) => `${encodeRfc3986(k)}=${encodeRfc3986(item)}`))
    .join("&");
  const body = wire.body === undefined ? undefined : typeof wire.body === "string" ? Buffer.from(wire.body) : Buffer.from(wire.body);
  return new Promise<RawReply>((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: Number(url.port), method: wire.method, path: `${wire.path || "/"}${query ? `?${query}` : ""}`, headers: wire.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
          resolve({ statusCode: res.statusCode ?? 0, headers, body: text, json, errorCode: headers["x-amzn-errortype"] });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
