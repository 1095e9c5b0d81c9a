/**
 * One PUT of the bytes to a pre-signed URL, with node:http(s): exactly the headers the service
 * returned plus `Content-Length`, the body streamed with backpressure (so memory stays flat
 * whatever the size), progress as bytes are handed to the socket, abort, an idle timeout, and
 * S3's XML error answer parsed. Never sends more than the declared number of bytes.
 */
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import type { Readable } from "node:stream";
import { redactPresignedUrls } from "@connect-sdk/client-connect";

export interface PutRequest {
  url: string;
  /** `HeadersToInclude`, sent exactly as given. */
  headers: Record<string, string>;
  size: number;
  body: Readable;
  signal?: AbortSignal;
  /** No socket activity for this long fails the attempt (default 60 s). */
  idleTimeoutMs?: number;
  onBytes?: (sent: number) => void;
}

export type PutOutcome =
  | { ok: true; statusCode: number; etag?: string }
  /** S3 answered with an error. */
  | { ok: false; kind: "response"; statusCode: number; code?: string; message: string }
  /** The connection failed (reset, refused, timed out) before an answer. */
  | { ok: false; kind: "network"; code?: string; message: string; bytesSent: number }
  /** The body yielded a different number of bytes than declared; nothing beyond `size` was sent. */
  | { ok: false; kind: "size"; actualBytes: number }
  | { ok: false; kind: "aborted" }
  /** `onBytes` threw; the attempt was stopped. */
  | { ok: false; kind: "callback"; error: unknown };

const MAX_ERROR_BODY = 64 * 1024;

export function putObject(put: PutRequest): Promise<PutOutcome> {
  return new Promise<PutOutcome>((resolve) => {
    const url = new URL(put.url);
    const headers: OutgoingHttpHeaders = {};
    let lengthHeader = "Content-Length";
    for (const [name, value] of Object.entries(put.headers)) {
      if (name.toLowerCase() === "content-length") lengthHeader = name;
      else headers[name] = value;
    }
    headers[lengthHeader] = String(put.size);

    let settled = false;
    let sent = 0;
    let responded = false;
    let reading = false;
    const body = put.body;
    const finish = (outcome: PutOutcome) => {
      if (settled) return;
      settled = true;
      put.signal?.removeEventListener("abort", onAbort);
      // A body never read (the connection failed first) stays usable for another attempt.
      if (reading && !body.destroyed) body.destroy();
      if (!outcome.ok && !req.destroyed) req.destroy();
      resolve(outcome);
    };
    const onAbort = () => {
      req.destroy();
      finish({ ok: false, kind: "aborted" });
    };
    if (put.signal?.aborted) {
      body.destroy();
      resolve({ ok: false, kind: "aborted" });
      return;
    }

    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    // A fresh connection per attempt: a reused keep-alive socket the server has closed would fail
    // the attempt for nothing.
    const req = send(url, { method: "PUT", headers, agent: false });
    put.signal?.addEventListener("abort", onAbort, { once: true });
    req.setTimeout(put.idleTimeoutMs ?? 60_000, () => {
      req.destroy(Object.assign(new Error(`No activity for ${put.idleTimeoutMs ?? 60_000} ms`), { code: "ETIMEDOUT" }));
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (responded) return;
      finish({ ok: false, kind: "network", code: error.code, message: redactPresignedUrls(error.message), bytesSent: sent });
    });
    req.on("response", (res: IncomingMessage) => {
      responded = true;
      // S3 may answer before the body is fully sent (a refused upload): stop sending.
      body.unpipe?.();
      body.pause();
      readSmall(res).then(
        (text) => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            finish({ ok: true, statusCode: status, etag: typeof res.headers.etag === "string" ? res.headers.etag : undefined });
          } else {
            // S3's answer may quote the URL (a SignatureDoesNotMatch body quotes the request): its signature goes.
            const message = xmlField(text, "Message") ?? (text.trim().slice(0, 500) || `HTTP ${status}`);
            finish({ ok: false, kind: "response", statusCode: status, code: xmlField(text, "Code"), message: redactPresignedUrls(message) });
          }
        },
        (error: NodeJS.ErrnoException) => finish({ ok: false, kind: "network", code: error.code, message: redactPresignedUrls(error.message), bytesSent: sent }),
      );
    });

    // Read the body only once connected: nothing piles up in memory meanwhile, and a caller's
    // one-shot stream is untouched if the connection cannot be made.
    const startBody = () => {
      if (settled || reading) return;
      reading = true;
      pump();
    };
    req.on("socket", (socket) => {
      if (socket.connecting) socket.once("connect", startBody);
      else startBody();
    });

    function pump(): void {
      body.on("data", (chunk: Buffer | Uint8Array | string) => {
        if (settled || responded) return;
        const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
        if (sent + bytes.byteLength > put.size) {
          // Never put a byte beyond Content-Length on the wire.
          req.destroy();
          finish({ ok: false, kind: "size", actualBytes: sent + bytes.byteLength });
          return;
        }
        sent += bytes.byteLength;
        const more = req.write(bytes);
        try {
          put.onBytes?.(sent);
        } catch (error) {
          req.destroy();
          finish({ ok: false, kind: "callback", error });
          return;
        }
        if (!more) {
          body.pause();
          req.once("drain", () => {
            if (!settled && !responded) body.resume();
          });
        }
      });
      body.on("end", () => {
        if (settled || responded) return;
        if (sent !== put.size) {
          req.destroy();
          finish({ ok: false, kind: "size", actualBytes: sent });
          return;
        }
        req.end();
      });
      body.on("error", (error: NodeJS.ErrnoException) => {
        if (settled) return;
        req.destroy();
        finish({ ok: false, kind: "network", code: error.code ?? "EREAD", message: `Reading the file failed: ${error.message}`, bytesSent: sent });
      });
    }
  });
}

function readSmall(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on("data", (chunk: Buffer) => {
      if (size < MAX_ERROR_BODY) chunks.push(chunk);
      size += chunk.byteLength;
    });
    res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    res.on("error", reject);
    res.on("aborted", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

function xmlField(xml: string, field: string): string | undefined {
  const match = new RegExp(`<${field}>([\\s\\S]*?)</${field}>`).exec(xml);
  return match ? unescapeXml(match[1]!) : undefined;
}

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}
