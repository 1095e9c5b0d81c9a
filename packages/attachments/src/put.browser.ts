/**
 * The browser build's PUT (package.json `browser` condition; tsup swaps it in for ./put.ts): the
 * same contract over `fetch`, with the source a Blob. The browser sets `Content-Length` from the
 * Blob itself (scripts may not), so a size that differs from the declared one is refused here,
 * before anything is sent.
 *
 * fetch reports no upload progress: `onBytes` hears of the bytes once S3 has taken them, and the
 * idle timeout becomes a deadline for the whole PUT, scaled to the size (as if at least 64 KiB/s).
 */
import type { PutOutcome, PutRequest } from "./put.js";

export type { PutOutcome, PutRequest } from "./put.js";

const MAX_ERROR_BODY = 64 * 1024;
const MIN_BYTES_PER_SECOND = 64 * 1024;

export async function putObject(put: PutRequest): Promise<PutOutcome> {
  // The browser source hands out the Blob itself (see source.browser.ts).
  const body = put.body as unknown as Blob;
  if (put.signal?.aborted) return { ok: false, kind: "aborted" };
  if (body.size !== put.size) return { ok: false, kind: "size", actualBytes: body.size };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(put.headers)) if (name.toLowerCase() !== "content-length") headers[name] = value;

  const deadlineMs = (put.idleTimeoutMs ?? 60_000) + Math.ceil((put.size / MIN_BYTES_PER_SECOND) * 1000);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, deadlineMs);
  const onAbort = () => controller.abort();
  put.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const res = await fetch(put.url, { method: "PUT", headers, body, signal: controller.signal });
    const text = res.ok ? "" : await readSmall(res);
    if (!res.ok) return { ok: false, kind: "response", statusCode: res.status, code: xmlField(text, "Code"), message: xmlField(text, "Message") ?? (text.trim().slice(0, 500) || `HTTP ${res.status}`) };
    try {
      put.onBytes?.(put.size);
    } catch (error) {
      return { ok: false, kind: "callback", error };
    }
    return { ok: true, statusCode: res.status, etag: res.headers.get("etag") ?? undefined };
  } catch (error) {
    if (put.signal?.aborted) return { ok: false, kind: "aborted" };
    if (timedOut) return { ok: false, kind: "network", code: "ETIMEDOUT", message: `The PUT did not finish in ${deadlineMs} ms`, bytesSent: 0 };
    return { ok: false, kind: "network", message: (error as Error).message, bytesSent: 0 };
  } finally {
    clearTimeout(timer);
    put.signal?.removeEventListener("abort", onAbort);
  }
}

async function readSmall(res: Response): Promise<string> {
  const text = await res.text();
  return text.length > MAX_ERROR_BODY ? text.slice(0, MAX_ERROR_BODY) : text;
}

function xmlField(xml: string, field: string): string | undefined {
  const match = new RegExp(`<${field}>([\\s\\S]*?)</${field}>`).exec(xml);
  return match ? unescapeXml(match[1]!) : undefined;
}

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}
