/**
 * Issue 10: pre-signed URL signatures never reach an error message or the progress output (item 2),
 * and neither the PUT to the pre-signed URL nor the API calls can hang on a stalled server (item 1).
 */
import { type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectClient, TimeoutError } from "@connect-sdk/client-connect";
import { AttachmentError, UploadFailedError, uploadAttachedFile } from "../src/index.js";
import { putObject } from "../src/put.js";

const SECRET = "0123456789abcdefSIGNATURE";
const query = `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20261125%2Fus-west-2%2Fs3%2Faws4_request&X-Amz-Security-Token=TOKENSECRET&X-Amz-SignedHeaders=host&X-Amz-Signature=${SECRET}`;
const leaks = (text: string) => text.includes(SECRET) || text.includes("TOKENSECRET") || text.includes("AKIDEXAMPLE%2F");

let server: Server;
let base: string;
let respond: (res: ServerResponse) => void;
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => respond(res));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const put = (idleTimeoutMs?: number) =>
  putObject({ url: `${base}/bucket/f-1?${query}`, headers: {}, size: 3, body: Readable.from([Buffer.from("abc")]), ...(idleTimeoutMs ? { idleTimeoutMs } : {}) });

describe("pre-signed URLs in messages", () => {
  it("redacts the signature S3 quotes back in an error answer", async () => {
    respond = (res) => {
      res.writeHead(403, { "content-type": "application/xml" });
      res.end(`<?xml version="1.0"?><Error><Code>SignatureDoesNotMatch</Code><Message>Bad signature for /bucket/f-1?${query.replace(/&/g, "&amp;")}</Message></Error>`);
    };
    const outcome = await put();
    expect(outcome).toMatchObject({ ok: false, kind: "response", statusCode: 403, code: "SignatureDoesNotMatch" });
    const message = (outcome as { message: string }).message;
    expect(message).toContain("X-Amz-Signature=***");
    expect(leaks(message)).toBe(false);
  });

  it("redacts every AttachmentError message, whatever it quotes", () => {
    const error = new UploadFailedError(`PUT https://bucket.s3.amazonaws.com/f-1?${query} failed`, 403, "AccessDenied", 1);
    expect(error).toBeInstanceOf(AttachmentError);
    expect(leaks(error.message)).toBe(false);
    expect(error.message).toContain("https://bucket.s3.amazonaws.com/f-1?");
  });
});

describe("a stalled S3", () => {
  it(
    "fails the PUT with the idle timeout when S3 never answers, instead of hanging",
    async () => {
      respond = () => {};
      const outcome = await put(300);
      expect(outcome).toMatchObject({ ok: false, kind: "network", code: "ETIMEDOUT" });
    },
    120_000,
  );

  it(
    "ends the PUT with the idle timeout when S3 stops in the middle of its answer (a transient 500 here)",
    async () => {
      respond = (res) => {
        res.writeHead(500, { "content-type": "application/xml", "content-length": "1000" });
        res.write("<Error><Code>Internal");
      };
      const outcome = await put(300);
      expect(outcome).toMatchObject({ ok: false, kind: "response", statusCode: 500 });
    },
    120_000,
  );
});

describe("a stalled Connect API", () => {
  it(
    "fails uploadAttachedFile with the client's typed TimeoutError when the start call's response stalls mid-body",
    async () => {
      respond = (res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": "500" });
        res.write('{"FileId":"f-1","UploadUrlMetadata":{"Url":"');
      };
      const client = new ConnectClient({ region: "us-west-2", endpoint: base, credentials: { accessKeyId: "AKID", secretAccessKey: "SECRET" }, requestTimeout: 300, maxAttempts: 1 });
      const error = (await uploadAttachedFile({
        client,
        instanceId: "11111111-2222-4333-8444-555555555555",
        associatedResourceArn: "arn:aws:cases:us-west-2:123456789012:domain/d/case/c",
        file: new TextEncoder().encode("abc"),
        fileName: "a.txt",
      }).catch((e: unknown) => e)) as AttachmentError;
      client.destroy();
      expect(error).toBeInstanceOf(AttachmentError);
      expect((error as { cause?: unknown }).cause).toBeInstanceOf(TimeoutError);
    },
    120_000,
  );
});
