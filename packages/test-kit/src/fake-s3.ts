/**
 * A fake S3 endpoint for pre-signed uploads. A behaviour creates an upload
 * slot (the headers the client must send, the exact size, an expiry) and
 * hands out its URL; a `PUT` to that URL is accepted only with exactly those
 * headers, exactly that many bytes, and before the expiry, as S3 would. The
 * bytes are stored in a folder on disk. Errors are S3's XML errors.
 *
 * The URL's path is an opaque id, not the object key: a key holds the file
 * name, whose dot segments (`.`, `..`) an HTTP client would normalise away,
 * and the bytes land in a folder named by that id, never outside the store's
 * folder whatever the name.
 *
 * A refused request's body is not read (past a small size), an aborted
 * upload leaves neither bytes nor an open file behind, and an object deleted
 * while its upload is still arriving stays deleted.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { FakeClock } from "./clock.js";
import { FaultInjector } from "./faults.js";
import { DEFAULT_HEADERS_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, type HttpTimeouts, answerPreflight, applyCors, createGuardedServer, isPreflight, skipBody } from "./http-guard.js";
import { listenOn } from "./listen.js";

export interface UploadSlot {
  /** The object key, e.g. `instance/file-id/invoice.pdf`. */
  readonly key: string;
  /** The pre-signed URL to `PUT` the bytes to. */
  readonly url: string;
  /** The headers the upload must carry, exactly. */
  readonly headers: Readonly<Record<string, string>>;
  /** The exact number of bytes expected. */
  readonly size: number;
  readonly expiresAt: Date;
  /** Where the bytes landed, once uploaded. */
  path?: string;
  uploadedAt?: Date;
  /** Successful uploads so far (an upload may be repeated before expiry, as with S3). */
  uploads: number;
  /** Refused upload attempts, with the S3 error code each got: the latest {@link MAX_REJECTIONS}. */
  rejections: { code: string; message: string }[];
}

/** How many refusals a slot keeps: enough for any test, bounded for a client that keeps retrying. */
export const MAX_REJECTIONS = 100;

export interface UploadStoreOptions extends Partial<HttpTimeouts> {
  /** Answer CORS preflights and add CORS headers to answers to browsers (default true). */
  cors?: boolean;
}

export interface CreateUploadOptions {
  key: string;
  headers: Record<string, string>;
  size: number;
  expiresAt: Date;
  /** Called after the bytes are stored. */
  onUploaded?: (slot: UploadSlot) => void;
}

const BUCKET = "fake-connect-attachments";

export class FakeUploadStore {
  private server: Server | undefined;
  private base = "";
  private readonly secret = randomBytes(32);
  private readonly slots = new Map<string, UploadSlot & { id: string; onUploaded?: (slot: UploadSlot) => void }>();
  private readonly downloads = new Map<string, { path: string; expiresAt: Date }>();
  /** Requests being answered: `close()` waits for them, so none writes into a folder it removes. */
  private readonly inFlight = new Set<Promise<void>>();
  /**
   * Faults for uploads (PUTs that passed every check): `throttle()` answers 503 SlowDown,
   * `serverError()` 500 InternalError, `resetConnection()` drops the connection once half the
   * bytes have arrived, `delay(ms)` holds the answer.
   */
  readonly faults = new FaultInjector(["PutObject"]);

  constructor(
    private readonly clock: FakeClock,
    /** The folder uploaded bytes are written to. */
    readonly directory: string,
    private readonly host = "127.0.0.1",
    private readonly options: UploadStoreOptions = {},
  ) {}

  /** The endpoint (`http://127.0.0.1:port`) once started. */
  get endpoint(): string {
    return this.base;
  }

  async start(port = 0): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const timeouts = {
      headersTimeoutMs: this.options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    };
    const server = createGuardedServer(timeouts, (req, res) => {
      const answered = this.handle(req, res)
        .catch((error: unknown) => {
          if (!res.headersSent && !res.destroyed) sendError(res, 500, "InternalError", (error as Error).message);
        })
        .finally(() => this.inFlight.delete(answered));
      this.inFlight.add(answered);
    });
    await listenOn(server, port, this.host, "fake S3 endpoint");
    this.server = server;
    this.base = `http://${this.host}:${(server.address() as AddressInfo).port}`;
  }

  /** Creates an upload slot and returns it; its `url` is what the service hands out. */
  create(options: CreateUploadOptions): UploadSlot {
    const expires = Math.max(0, Math.round((options.expiresAt.getTime() - this.clock.now().getTime()) / 1000));
    const id = randomBytes(16).toString("hex");
    const path = `/${BUCKET}/${id}`;
    const signedHeaders = Object.keys(options.headers).map((h) => h.toLowerCase()).sort().concat("host").join(";");
    const query = new URLSearchParams({
      "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
      "X-Amz-Date": this.clock.now().toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, ""),
      "X-Amz-Expires": String(expires),
      "X-Amz-SignedHeaders": signedHeaders,
      "X-Amz-Signature": this.sign(path, options.expiresAt),
    });
    const slot = {
      id,
      key: options.key,
      url: `${this.base}${path}?${query}`,
      headers: Object.fromEntries(Object.entries(options.headers).map(([k, v]) => [k, v])),
      size: options.size,
      expiresAt: options.expiresAt,
      uploads: 0,
      rejections: [],
      onUploaded: options.onUploaded,
    };
    this.slots.set(path, slot);
    return slot;
  }

  /** A pre-signed `GET` URL for an uploaded object, valid until `expiresAt`. */
  presignDownload(slot: UploadSlot, expiresAt: Date): string {
    const path = new URL(slot.url).pathname;
    const signature = randomBytes(32).toString("hex");
    // Expired grants go as new ones come: the map stays as large as the URLs still valid.
    const now = this.clock.now().getTime();
    for (const [key, grant] of this.downloads) if (grant.expiresAt.getTime() < now) this.downloads.delete(key);
    this.downloads.set(signature, { path, expiresAt });
    const query = new URLSearchParams({
      "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
      "X-Amz-Date": this.clock.now().toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, ""),
      "X-Amz-Expires": String(Math.max(0, Math.round((expiresAt.getTime() - this.clock.now().getTime()) / 1000))),
      "X-Amz-SignedHeaders": "host",
      "X-Amz-Signature": signature,
    });
    return `${this.base}${path}?${query}`;
  }

  /**
   * Forgets an object and deletes its bytes (the fake's DeleteAttachedFile uses it). An upload to it
   * that is still arriving is thrown away when it ends.
   */
  async remove(slot: UploadSlot): Promise<void> {
    const path = new URL(slot.url).pathname;
    const known = this.slots.get(path);
    this.slots.delete(path);
    if (slot.path) await rm(slot.path, { force: true });
    if (known) await rm(join(this.directory, known.id), { recursive: true, force: true, maxRetries: 3 });
  }

  get(key: string): UploadSlot | undefined {
    return [...this.slots.values()].find((s) => s.key === key);
  }

  list(): UploadSlot[] {
    return [...this.slots.values()];
  }

  /** Stops the endpoint once the requests it is answering are done; `removeFiles` deletes its folder. */
  async close(options: { removeFiles?: boolean } = {}): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await Promise.allSettled([...this.inFlight]);
    if (options.removeFiles) await rm(this.directory, { recursive: true, force: true, maxRetries: 3 });
  }

  private sign(path: string, expiresAt: Date): string {
    return createHmac("sha256", this.secret).update(`${path}\n${expiresAt.getTime()}`).digest("hex");
  }

  private async download(req: IncomingMessage, res: ServerResponse, slot: UploadSlot, path: string, signature: string): Promise<void> {
    if (await skipBody(req)) res.shouldKeepAlive = false;
    const grant = this.downloads.get(signature);
    if (!grant || grant.path !== path) return sendError(res, 403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
    if (this.clock.now().getTime() > grant.expiresAt.getTime()) return sendError(res, 403, "AccessDenied", "Request has expired");
    if (!slot.path) return sendError(res, 404, "NoSuchKey", "The specified key does not exist.");
    await send(res, req.method ?? "GET", slot.path, slot.size);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.options.cors !== false) {
      if (isPreflight(req)) return answerPreflight(req, res);
      applyCors(req, res);
    }
    const url = new URL(req.url ?? "/", this.base);
    const slot = this.slots.get(url.pathname);
    const refuse = async (status: number, code: string, message: string) => {
      if (slot) {
        slot.rejections.push({ code, message });
        if (slot.rejections.length > MAX_REJECTIONS) slot.rejections.splice(0, slot.rejections.length - MAX_REJECTIONS);
      }
      // A large body is not read: the answer goes at once and the connection closes, as S3 does.
      await skipBody(req);
      sendError(res, status, code, message);
    };
    if (!slot) return refuse(404, "NoSuchUpload", "The specified upload does not exist.");
    const signature = url.searchParams.get("X-Amz-Signature") ?? "";
    if (req.method === "GET" || req.method === "HEAD") return this.download(req, res, slot, url.pathname, signature);
    const expected = this.sign(url.pathname, slot.expiresAt);
    if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
      return refuse(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
    }
    if (req.method !== "PUT") return refuse(405, "MethodNotAllowed", `The specified method is not allowed against this resource: ${req.method}.`);
    if (this.clock.now().getTime() > slot.expiresAt.getTime()) return refuse(403, "AccessDenied", "Request has expired");
    for (const [name, value] of Object.entries(slot.headers)) {
      const got = req.headers[name.toLowerCase()];
      if (got !== value) {
        return refuse(
          403,
          "SignatureDoesNotMatch",
          `The request signature we calculated does not match the signature you provided: header '${name}' must be ${JSON.stringify(value)}, got ${got === undefined ? "none" : JSON.stringify(got)}.`,
        );
      }
    }
    const expectedNames = new Set(Object.keys(slot.headers).map((h) => h.toLowerCase()));
    const unsigned = Object.keys(req.headers).filter((h) => h.startsWith("x-amz-meta-") && !expectedNames.has(h));
    if (unsigned.length) return refuse(403, "AccessDenied", `There were headers present in the request which were not signed: ${unsigned.join(", ")}`);
    const declared = req.headers["content-length"];
    if (declared === undefined) return refuse(411, "MissingContentLength", "You must provide the Content-Length HTTP header.");
    if (Number(declared) > slot.size) return refuse(400, "EntityTooLarge", `Your proposed upload exceeds the expected size: ${declared} bytes, expected ${slot.size}.`);
    if (Number(declared) < slot.size) return refuse(400, "EntityTooSmall", `Your proposed upload is smaller than the expected size: ${declared} bytes, expected ${slot.size}.`);

    const fault = this.faults.take("PutObject");
    if (fault.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault.failure === "throttle") return refuse(503, "SlowDown", "Please reduce your request rate.");
    if (fault.failure === "server-error") return refuse(500, "InternalError", "We encountered an internal error. Please try again.");
    const resetAfter = fault.failure === "reset" ? Math.max(1, Math.floor(slot.size / 2)) : Number.POSITIVE_INFINITY;

    // In the slot's own folder, under the last segment of its key made safe: inside the store's folder whatever the key.
    const target = join(this.directory, slot.id, safeSegment(slot.key.split("/").pop() ?? ""));
    await mkdir(dirname(target), { recursive: true });
    const partial = `${target}.part-${randomBytes(4).toString("hex")}`;
    const md5 = createHash("md5");
    let received = 0;
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.byteLength;
        md5.update(chunk);
        if (received < resetAfter) return done(null, chunk);
        // The injected fault: the connection drops mid-upload.
        slot.rejections.push({ code: "ConnectionReset", message: `Connection reset after ${received} of ${slot.size} bytes (injected fault).` });
        const socket = req.socket as typeof req.socket & { resetAndDestroy?: () => void };
        if (socket.resetAndDestroy) socket.resetAndDestroy();
        else socket.destroy();
        done(new Error("reset"));
      },
    });
    // pipeline() closes the file whatever happens, also when the client goes away mid-body (a bare
    // pipe() left it open: one file descriptor lost per aborted upload).
    const stored = await pipeline(req, count, createWriteStream(partial)).then(
      () => true,
      () => false,
    );
    const discard = () => rm(partial, { force: true });
    if (received >= resetAfter) return discard();
    if (!stored || received !== slot.size) {
      await discard();
      slot.rejections.push({ code: "IncompleteBody", message: "You did not provide the number of bytes specified by the Content-Length HTTP header." });
      if (!res.destroyed) sendError(res, 400, "IncompleteBody", "You did not provide the number of bytes specified by the Content-Length HTTP header.");
      return;
    }
    // Deleted (DeleteAttachedFile) while the bytes were arriving: they are not kept.
    const deleted = () => this.slots.get(url.pathname) !== slot;
    if (deleted()) {
      await discard();
      await rm(join(this.directory, slot.id), { recursive: true, force: true, maxRetries: 3 });
      return sendError(res, 404, "NoSuchUpload", "The specified upload does not exist: it was deleted while the upload was in progress.");
    }
    await rename(partial, target);
    if (deleted()) {
      await rm(join(this.directory, slot.id), { recursive: true, force: true, maxRetries: 3 });
      return sendError(res, 404, "NoSuchUpload", "The specified upload does not exist: it was deleted while the upload was in progress.");
    }
    slot.path = target;
    slot.uploadedAt = this.clock.now();
    slot.uploads++;
    slot.onUploaded?.(slot);
    res.writeHead(200, { etag: `"${md5.digest("hex")}"`, "x-amz-request-id": randomBytes(8).toString("hex").toUpperCase(), "content-length": "0" });
    res.end();
  }
}

async function send(res: ServerResponse, method: string, path: string, size: number): Promise<void> {
  res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(size) });
  if (method === "HEAD") return void res.end();
  // pipeline() settles also when the client goes away mid-download (close() waits for it).
  await pipeline(createReadStream(path), res);
}

function safeSegment(segment: string): string {
  const s = segment.replace(/[^A-Za-z0-9._-]/g, "_");
  return s === "" || s === "." || s === ".." ? `_${s}` : s;
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><RequestId>${randomBytes(8).toString("hex").toUpperCase()}</RequestId></Error>`;
  res.writeHead(status, { "content-type": "application/xml", "content-length": String(Buffer.byteLength(body)), connection: "close" });
  res.end(body);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
