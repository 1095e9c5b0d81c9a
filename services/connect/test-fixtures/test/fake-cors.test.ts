// CORS on the fake's two endpoints (issue 15, item 2): a browser page can call the service and PUT
// to the S3 endpoint. Preflights are answered without authentication, answers carry
// Access-Control-Allow-Origin and expose the headers the client reads; `cors: false` turns it off.
// (e2e/test/browser.test.ts runs the whole flow in headless Chromium.)
import { request } from "node:http";
import { ConnectClient, StartAttachedFileUploadCommand } from "@connect-sdk/client-connect";
import { type FakeConnect, startFakeConnect } from "@connect-sdk/test-fixtures-connect";
import { describe, expect, it } from "vitest";
import { FILE_INPUT } from "./helpers.js";

const ORIGIN = "http://127.0.0.1:5173";

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(url: string, method: string, headers: Record<string, string>, body?: Buffer): Promise<Reply> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: Number(u.port), method, path: `${u.pathname}${u.search}`, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const preflight = (url: string, method: string, requestHeaders: string) =>
  send(url, "OPTIONS", { origin: ORIGIN, "access-control-request-method": method, "access-control-request-headers": requestHeaders });

const exposed = (reply: Reply) => String(reply.headers["access-control-expose-headers"] ?? "").split(/\s*,\s*/);

async function withFake(options: Parameters<typeof startFakeConnect>[0], body: (fake: FakeConnect) => Promise<void>): Promise<void> {
  const fake = await startFakeConnect(options);
  try {
    await body(fake);
  } finally {
    await fake.close();
  }
}

async function uploadUrl(fake: FakeConnect) {
  const client = new ConnectClient({ ...fake.clientConfig, maxAttempts: 1 });
  try {
    return (await client.send(new StartAttachedFileUploadCommand({ ...FILE_INPUT }))).UploadUrlMetadata!;
  } finally {
    client.destroy();
  }
}

describe("CORS on the service endpoint", () => {
  it("answers a preflight without authentication, allowing the signed request's headers", async () => {
    await withFake({}, async (fake) => {
      const calls = fake.calls.length;
      const reply = await preflight(`${fake.endpoint}/attached-files/${FILE_INPUT.InstanceId}?associatedResourceArn=x`, "PUT", "authorization,content-type,x-amz-date,x-amz-content-sha256,amz-sdk-invocation-id,amz-sdk-request,x-amz-user-agent");
      expect(reply.status).toBe(204);
      expect(reply.headers["access-control-allow-origin"]).toBe(ORIGIN);
      expect(String(reply.headers["access-control-allow-methods"])).toMatch(/\bPUT\b/);
      const allowed = String(reply.headers["access-control-allow-headers"]).split(",");
      for (const h of ["authorization", "content-type", "x-amz-date", "x-amz-content-sha256", "amz-sdk-invocation-id"]) expect(allowed).toContain(h);
      // A preflight is the browser's, not the caller's: it is not recorded.
      expect(fake.calls.length).toBe(calls);
    });
  });

  it("exposes the headers the client reads, on success and on errors", async () => {
    await withFake({}, async (fake) => {
      const ok = await fake.sendRaw("StartAttachedFileUpload", { ...FILE_INPUT }, { afterSigning: (r) => void (r.headers.origin = ORIGIN) });
      expect(ok.statusCode).toBe(200);
      expect(ok.headers["access-control-allow-origin"]).toBe(ORIGIN);
      const unsigned = await fake.sendRaw("StartAttachedFileUpload", { ...FILE_INPUT }, { unsigned: true, afterSigning: (r) => void (r.headers.origin = ORIGIN) });
      expect(unsigned.statusCode).toBe(403);
      expect(unsigned.headers["access-control-allow-origin"]).toBe(ORIGIN);
      const names = String(unsigned.headers["access-control-expose-headers"]).split(/\s*,\s*/);
      for (const h of ["x-amzn-requestid", "x-amzn-errortype", "etag", "date"]) expect(names).toContain(h);
    });
  });

  it("sends no CORS headers to a request without an Origin", async () => {
    await withFake({}, async (fake) => {
      const reply = await fake.sendRaw("StartAttachedFileUpload", { ...FILE_INPUT });
      expect(reply.headers["access-control-allow-origin"]).toBeUndefined();
    });
  });
});

describe("CORS on the S3 endpoint", () => {
  it("answers a preflight for the upload URL and exposes the ETag of the PUT", async () => {
    await withFake({}, async (fake) => {
      const upload = await uploadUrl(fake);
      const pre = await preflight(upload.Url!, "PUT", Object.keys(upload.HeadersToInclude!).join(","));
      expect(pre.status).toBe(204);
      expect(pre.headers["access-control-allow-origin"]).toBe(ORIGIN);
      expect(String(pre.headers["access-control-allow-headers"])).toContain("x-amz-meta-connect-file-id");
      const content = Buffer.from("hello world");
      const put = await send(upload.Url!, "PUT", { ...upload.HeadersToInclude, "content-length": String(content.length), origin: ORIGIN }, content);
      expect(put.status).toBe(200);
      expect(put.headers["access-control-allow-origin"]).toBe(ORIGIN);
      expect(exposed(put)).toContain("etag");
      // A refusal too, so a page can read S3's error.
      const refused = await send(upload.Url!, "PUT", { "content-length": String(content.length), origin: ORIGIN }, content);
      expect(refused.status).toBe(403);
      expect(refused.headers["access-control-allow-origin"]).toBe(ORIGIN);
    });
  });
});

describe("cors: false", () => {
  it("leaves preflights to the usual checks and sends no CORS headers", async () => {
    await withFake({ cors: false }, async (fake) => {
      const service = await preflight(`${fake.endpoint}/attached-files/${FILE_INPUT.InstanceId}`, "PUT", "authorization");
      expect(service.status).toBe(403);
      expect(service.headers["x-amzn-errortype"]).toBe("MissingAuthenticationTokenException");
      expect(service.headers["access-control-allow-origin"]).toBeUndefined();
      const upload = await uploadUrl(fake);
      const s3 = await preflight(upload.Url!, "PUT", "content-type");
      expect(s3.status).not.toBe(204);
      expect(s3.headers["access-control-allow-origin"]).toBeUndefined();
    });
  });
});
